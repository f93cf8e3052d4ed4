// The request pipeline: one screen from a request to its answer. The route handlers are in
// session_routes.cc, map_routes.cc, event_routes.cc, record_routes.cc and work_routes.cc
// (api_impl.h).
#include "contextmap/http/api.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <thread>

#include "contextmap/auth/crypto.h"
#include "contextmap/core/utf8.h"
#include "http/api_impl.h"

namespace contextmap::http {

namespace {

// ApiOptions::max_concurrent_requests, with 0 read as twice the processor count.
int WorkSlots(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(2u, 2 * std::thread::hardware_concurrency()));
}

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Behind the TLS proxy the peer is the proxy; the client's address comes from it.
std::string ClientAddress(const ApiRequest& req, bool behind_tls) {
  if (!behind_tls || (req.remote != "127.0.0.1" && req.remote != "::1")) return req.remote;
  std::string client = req.Header("x-forwarded-for");
  bool plain = !client.empty() && client.size() <= 45 &&
               std::all_of(client.begin(), client.end(), [](char ch) {
                 return std::isxdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ':';
               });
  return plain ? client : req.remote;
}

}  // namespace

access::Principal PrincipalOf(const User& u) {
  return access::Principal{u.id, u.role, u.agency_id};
}

Api::Impl::Impl(ApiOptions o, StorePool* s, AuditWriter* a, EventHub* e)
    : options(std::move(o)),
      stores(s),
      audit(a),
      events(e),
      password_gate(options.max_concurrent_password_checks),
      work_gate(WorkSlots(options.max_concurrent_requests)) {
  if (!options.now) {
    options.now = [] {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
  if (!options.today) options.today = [] { return Date::Today(); };
}

Api::Impl::~Impl() {
  std::vector<AuditEntry> rest = anonymous.Flush();
  if (!rest.empty()) (void)audit->Write(std::move(rest));
}

ApiResponse Api::Impl::Handle(const ApiRequest& req) {
  static const RouteInfo kNoRoute{"", "", Policy::kPublic, ""};
  RouteMatch match = MatchRoute(req.method, req.path);
  if (match.route == nullptr) {
    Call c{req, kNoRoute, std::nullopt, {}, nullptr, {}, {}, {}, {}, {}};
    if (!match.allowed.empty()) {
      Fail(c, 405, "method_not_allowed", "this address does not take " + req.method.substr(0, 10));
      std::string allow;
      for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      c.res.headers.emplace_back("Allow", allow);
    } else {
      Fail(c, 404, "not_found", "there is no such address in this API");
    }
    c.res.route = "(none)";
    return std::move(c.res);
  }
  ApiRequest forwarded;
  const ApiRequest* effective = &req;
  if (std::string client = ClientAddress(req, options.behind_tls); client != req.remote) {
    forwarded = req;
    forwarded.remote = std::move(client);
    effective = &forwarded;
  }
  const RouteInfo& route = match.route->info;
  Call c{*effective, route, match.kind, match.id, nullptr, {}, {}, {}, {}, {}};
  c.res.route = route.pattern;
  if (match.kind) {
    c.res.route = "/api/v1/" + std::string(InfoFor(*match.kind).plural) +
                  (route.pattern.ends_with("{id}") ? "/{id}" : "");
  }
  {
    Gate::Held slot(work_gate);
    Serve(c, match.route->id);
  }
  // Refusals of anonymous requests are counted, not written one by one (audit_tally.h).
  int64_t now = options.now();
  if (!c.who && !c.audit.empty()) c.audit = anonymous.Admit(std::move(c.audit), now);
  for (AuditEntry& e : anonymous.Due(now)) c.audit.push_back(std::move(e));
  if (!c.audit.empty()) {
    Status written = audit->Write(std::move(c.audit));
    if (!written.ok()) {
      // Nothing is served that the audit log does not record.
      c.res.stream.reset();
      c.res.shared_body.reset();
      c.res.headers.clear();
      Fail(c, 503, "unavailable", "the audit log could not be written; try again shortly");
    }
  }
  if (c.who) c.res.user_id = c.who->user.id;
  return std::move(c.res);
}

void Api::Impl::Serve(Call& c, RouteId id) {
  if (c.route.policy == Policy::kUndeclared) {
    return Fail(c, 500, "internal", "this route has no access policy and is not served");
  }
  if (c.req.body.size() > options.max_body_bytes) {
    return Fail(
        c, 413, "payload_too_large",
        "the request body is larger than " + std::to_string(options.max_body_bytes) + " bytes");
  }
  Result<StorePool::Lease> lease = stores->Acquire();
  if (!lease.ok())
    return Fail(c, 503, "unavailable", "the store is not available; try again shortly");
  c.store = lease->get();
  if (ChangesState(c.req.method)) {
    if (Status cross = CheckCrossSite(c.req); !cross.ok())
      return Refuse(c, "request", nullptr, cross);
  }
  if (c.route.policy != Policy::kPublic) {
    Result<auth::Authenticated> who =
        auth::Authenticate(*c.store, c.req.Cookie(kSessionCookie), options.now(), options.accounts);
    if (!who.ok()) {
      if (who.status().code() == StatusCode::kUnauthenticated) {
        Audit(c, "request", nullptr, "unauthenticated");
      }
      return Fail(c, who.status());
    }
    c.who = std::move(who).value();
    c.access.emplace(c.store, PrincipalOf(c.who->user));
    if (ChangesState(c.req.method) &&
        !auth::SameSecret(c.req.Header(kCsrfHeader), c.who->session.csrf_token)) {
      return Refuse(c, "request", nullptr,
                    Status::PermissionDenied("the request lacks this session's CSRF token (" +
                                             std::string(kCsrfHeader) + ")"));
    }
    if (Status allowed = access::CheckPolicy(c.access->principal(), c.route.policy);
        !allowed.ok()) {
      return Refuse(c, "request", nullptr, allowed);
    }
  }
  c.reason = c.req.Header(kReasonHeader);
  if (Status text = CheckRequestText(c); !text.ok()) return Fail(c, text);
  if (!c.id.empty() && !IsValidId(c.id)) return Fail(c, Status::NotFound("not found"));
  if (!c.req.body.empty() && JsonTooDeep(c.req.body, options.max_json_depth)) {
    return Fail(c, 400, "invalid_argument",
                "the JSON nests deeper than " + std::to_string(options.max_json_depth) + " levels");
  }
  Dispatch(c, id);
}

// The reason is the user's own words, kept in the audit log and shown to data-protection
// officers: one line of UTF-8 text, at most 1,000 bytes. Query names and values reach error
// messages: UTF-8 too. (Bodies are JSON, which the parser checks; ids are checked as ids.)
Status Api::Impl::CheckRequestText(const Call& c) {
  CM_RETURN_IF_ERROR(CheckUtf8("reason", c.reason));
  if (c.reason.size() > 1000) return Status::Invalid("must be at most 1,000 bytes", "reason");
  if (std::any_of(c.reason.begin(), c.reason.end(),
                  [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; })) {
    return Status::Invalid("must be one line of text, without control characters", "reason");
  }
  for (const auto& [name, value] : c.req.query) {
    CM_RETURN_IF_ERROR(CheckUtf8("query", name));
    CM_RETURN_IF_ERROR(CheckUtf8("query", value));
  }
  return Status::Ok();
}

void Api::Impl::Dispatch(Call& c, RouteId id) {
  switch (id) {
    case RouteId::kHealth:
      return Health(c);
    case RouteId::kOpenApi:
      c.res.body = OpenApiJson();
      return;
    case RouteId::kSignIn:
      return SignIn(c);
    case RouteId::kWhoAmI:
      return WhoAmI(c);
    case RouteId::kSignOut:
      return SignOut(c);
    case RouteId::kOverview:
      return Overview(c);
    case RouteId::kDashboard:
      return Dashboard(c);
    case RouteId::kSearch:
      return Search(c);
    case RouteId::kMappingMap:
      return MappingMap(c);
    case RouteId::kMappingDue:
      return MappingDue(c);
    case RouteId::kMappingEvents:
      return MappingEvents(c);
    case RouteId::kMappingAddSubject:
      return AddSubject(c);
    case RouteId::kList:
      return List(c);
    case RouteId::kCreate:
      return Create(c);
    case RouteId::kGet:
      return Get(c);
    case RouteId::kUpdate:
      return Update(c);
    case RouteId::kDelete:
      return Delete(c);
  }
}

void Api::Impl::Blocked(const std::function<void()>& wait) {
  Gate::Released released(work_gate);
  wait();
}

std::string Api::Impl::Origin(const ApiRequest& req) const {
  if (!options.public_origin.empty()) return options.public_origin;
  return std::string(options.behind_tls ? "https://" : "http://") + req.Header("host");
}

// Cross-site request checks for state-changing methods (CSRF, part one).
Status Api::Impl::CheckCrossSite(const ApiRequest& req) const {
  std::string site = req.Header("sec-fetch-site");
  if (!site.empty() && site != "same-origin" && site != "none") {
    return Status::PermissionDenied("cross-site requests are refused (Sec-Fetch-Site)");
  }
  std::string origin = req.Header("origin");
  if (!origin.empty() && origin != Origin(req)) {
    return Status::PermissionDenied("requests from another origin are refused (Origin)");
  }
  return Status::Ok();
}

Api::Api(ApiOptions options, StorePool* stores, AuditWriter* audit, EventHub* events)
    : impl_(std::make_unique<Impl>(std::move(options), stores, audit, events)) {}

Api::~Api() = default;

ApiResponse Api::Handle(const ApiRequest& request) noexcept {
  try {
    return impl_->Handle(request);
  } catch (...) {
    // A library threw where it should not have. The answer says nothing of what; the audit
    // rows of the call, if any, were not written, so nothing was served.
    ApiResponse res;
    res.status = 500;
    res.body = ErrorBody("internal", "something went wrong on the server; it was logged");
    res.route = "(exception)";
    return res;
  }
}

}  // namespace contextmap::http
