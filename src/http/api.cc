#include "contextmap/http/api.h"

#include <zlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <limits>
#include <mutex>
#include <sstream>
#include <thread>

#include "contextmap/access/access.h"
#include "contextmap/auth/crypto.h"
#include "contextmap/core/bundle.h"
#include "contextmap/core/json_codec.h"
#include "contextmap/core/numbers.h"

namespace contextmap::http {

namespace {

using access::Access;
using access::Principal;
using nlohmann::json;

// --- the route table --------------------------------------------------------------------------

enum class RouteId {
  kHealth,
  kOpenApi,
  kSignIn,
  kWhoAmI,
  kSignOut,
  kOverview,
  kMappingMap,
  kMappingEvents,
  kMappingAddSubject,
  kList,
  kCreate,
  kGet,
  kUpdate,
  kDelete,
};

struct Route {
  RouteInfo info;
  RouteId id;
};

const std::vector<Route>& Table() {
  static const std::vector<Route> table = {
      {{"GET", "/api/v1/health", Policy::kPublic, "Whether the server and its store answer"},
       RouteId::kHealth},
      {{"GET", "/api/v1/openapi.json", Policy::kPublic, "This API description (OpenAPI 3)"},
       RouteId::kOpenApi},
      {{"POST", "/api/v1/session", Policy::kPublic,
        "Sign in with username, password and a TOTP or recovery code"},
       RouteId::kSignIn},
      {{"GET", "/api/v1/session", Policy::kSignedIn,
        "The signed-in user, their CSRF token and the session's limits"},
       RouteId::kWhoAmI},
      {{"DELETE", "/api/v1/session", Policy::kSignedIn, "Sign out (ends the session)"},
       RouteId::kSignOut},
      {{"GET", "/api/v1/overview", Policy::kOverview,
        "Counts across every mapping, without names or free text (strategic view)"},
       RouteId::kOverview},
      {{"GET", "/api/v1/mappings/{id}/map", Policy::kSignedIn,
        "Everything recorded in a mapping that the user may see, as a bundle", true},
       RouteId::kMappingMap},
      {{"GET", "/api/v1/mappings/{id}/events", Policy::kSignedIn,
        "Live changes to a mapping (server-sent events)"},
       RouteId::kMappingEvents},
      {{"POST", "/api/v1/mappings/{id}/subjects", Policy::kSignedIn,
        "Add a new subject to a mapping (the subject and its mapping_subject in one go)"},
       RouteId::kMappingAddSubject},
      {{"GET", "/api/v1/{kind}", Policy::kSignedIn,
        "List records, paged by id, filtered by one reference field"},
       RouteId::kList},
      {{"POST", "/api/v1/{kind}", Policy::kSignedIn, "Create a record"}, RouteId::kCreate},
      {{"GET", "/api/v1/{kind}/{id}", Policy::kSignedIn, "Read a record (ETag: its version)"},
       RouteId::kGet},
      {{"PUT", "/api/v1/{kind}/{id}", Policy::kSignedIn,
        "Replace a record (If-Match: the version read)"},
       RouteId::kUpdate},
      {{"DELETE", "/api/v1/{kind}/{id}", Policy::kSignedIn,
        "Delete a record (If-Match: the version read)"},
       RouteId::kDelete},
  };
  return table;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

// Matches `path` against a pattern; fills kind and id.
bool Match(const std::string& pattern, std::string_view path, std::optional<RecordKind>* kind,
           std::string* id) {
  std::vector<std::string_view> p = Segments(pattern);
  std::vector<std::string_view> s = Segments(path);
  if (p.size() != s.size()) return false;
  if (!path.empty() && path.back() == '/' && path.size() > 1) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == "{kind}") {
      *kind = KindFromPlural(s[i]);
      if (!*kind) return false;
    } else if (p[i] == "{id}") {
      *id = std::string(s[i]);
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  return true;
}

// --- errors -----------------------------------------------------------------------------------

std::string_view CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "version_conflict";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kUnauthenticated:
      return "unauthenticated";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kResourceExhausted:
      return "too_many_requests";
    case StatusCode::kIoError:
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

int HttpStatus(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
      return 412;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kIoError:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace

std::string ErrorBody(std::string_view code, std::string_view message, std::string_view field) {
  std::string out = "{\"error\":{\"code\":";
  AppendJsonString(code, &out);
  out += ",\"message\":";
  AppendJsonString(message, &out);
  if (!field.empty()) {
    out += ",\"field\":";
    AppendJsonString(field, &out);
  }
  out += "}}";
  return out;
}

namespace {

bool IsPersonSubject(const Record& r) {
  const auto* s = std::get_if<Subject>(&r);
  return s != nullptr && IsPerson(s->kind);
}

template <class T>
concept HasSubjectId = requires(T t) {
  t.subject_id;
};

// The person or place a record is about, for who-viewed.
std::string SubjectOf(const Record& r) {
  return std::visit(
      [](const auto& rec) -> std::string {
        using T = std::decay_t<decltype(rec)>;
        if constexpr (std::is_same_v<T, Subject>) {
          return rec.id;
        } else if constexpr (HasSubjectId<T>) {
          return rec.subject_id;
        } else {
          return {};
        }
      },
      r);
}

std::string Etag(int64_t version) { return "\"" + std::to_string(version) + "\""; }

// If-Match: "3", W/"3" or 3. 0 when absent or unreadable.
int64_t ParseIfMatch(std::string value) {
  if (value.starts_with("W/")) value.erase(0, 2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return ParseWholeNumber(value, 0, std::numeric_limits<int64_t>::max()).value_or(0);
}

// A failed sign-in throttle per remote address: at most kMaxFailures in kWindow.
class RemoteThrottle {
 public:
  static constexpr int kMaxFailures = 20;
  static constexpr int64_t kWindow = 600;  // seconds

  bool Allowed(const std::string& remote, int64_t now) {
    std::lock_guard lock(mu_);
    auto it = failures_.find(remote);
    if (it == failures_.end()) return true;
    while (!it->second.empty() && it->second.front() <= now - kWindow) it->second.pop_front();
    if (it->second.empty()) {
      failures_.erase(it);
      return true;
    }
    return it->second.size() < kMaxFailures;
  }
  void Failed(const std::string& remote, int64_t now) {
    std::lock_guard lock(mu_);
    if (failures_.size() > 100'000) failures_.clear();  // bound memory under a flood
    failures_[remote].push_back(now);
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>> failures_;
};

// `text` compressed as a gzip stream (RFC 1952) at zlib's fastest level, which on JSON keeps
// most of the saving at a fraction of the default level's time. "" if zlib fails, which only
// a lack of memory causes; callers then send the plain form.
std::string Gzip(std::string_view text) {
  z_stream z{};
  constexpr int kGzipWindow = 15 + 16;  // 32 KiB window, gzip header and trailer
  if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

// Whether an Accept-Encoding header lets gzip be sent (RFC 9110 12.5.3): "gzip" or "x-gzip",
// or "*" when gzip is not named, with any weight but q=0.
bool AcceptsGzip(std::string_view header) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  bool star = false;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::size_t semi = item.find(';');
    std::string_view name = trim(item.substr(0, semi));
    std::string_view params = semi == std::string_view::npos ? "" : trim(item.substr(semi + 1));
    // q=0, q=0.0, q=0.00 or q=0.000 refuses; any other weight accepts.
    bool refused = params.size() >= 3 && (params[0] == 'q' || params[0] == 'Q') &&
                   params[1] == '=' &&
                   params.substr(2).find_first_not_of("0.") == std::string_view::npos;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower == "gzip" || lower == "x-gzip") return !refused;
    if (lower == "*") star = !refused;
  }
  return star;
}

// Compares two secrets in time that depends on their length only.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

// A counting semaphore that admits waiters in arrival order (first come, first served, so no
// request waits behind a stream of later ones) and wakes only the one it admits.
class Gate {
 public:
  explicit Gate(int n) : free_(n) {}
  void Enter() {
    std::unique_lock lock(mu_);
    if (free_ > 0 && queue_.empty()) {
      --free_;
      return;
    }
    Waiter me;
    queue_.push_back(&me);
    me.admitted.wait(lock, [&] { return me.in; });
  }
  void Leave() {
    std::lock_guard lock(mu_);
    if (queue_.empty()) {
      ++free_;
      return;
    }
    Waiter* next = queue_.front();
    queue_.pop_front();
    next->in = true;
    next->admitted.notify_one();  // under the lock: `next` lives until its Enter returns
  }

  // Holds a slot for its lifetime, so a slot is given back however the holder's scope ends
  // (an exception a handler throws included: a leaked slot would be lost for good).
  class Held {
   public:
    explicit Held(Gate& gate) : gate_(gate) { gate_.Enter(); }
    ~Held() { gate_.Leave(); }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    Gate& gate_;
  };
  // The opposite: gives a held slot up for its lifetime and takes one again at the end.
  class Released {
   public:
    explicit Released(Gate& gate) : gate_(gate) { gate_.Leave(); }
    ~Released() { gate_.Enter(); }
    Released(const Released&) = delete;
    Released& operator=(const Released&) = delete;

   private:
    Gate& gate_;
  };

 private:
  struct Waiter {
    std::condition_variable admitted;
    bool in = false;
  };
  std::mutex mu_;
  std::deque<Waiter*> queue_;
  int free_;
};

// ApiOptions::max_concurrent_requests, with 0 read as twice the processor count.
int WorkSlots(int requested) {
  if (requested > 0) return requested;
  return static_cast<int>(std::max(2u, 2 * std::thread::hardware_concurrency()));
}

}  // namespace

std::string_view PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kUndeclared:
      return "undeclared";
    case Policy::kPublic:
      return "public";
    case Policy::kSignedIn:
      return "signed_in";
    case Policy::kAdministrator:
      return "administrator";
    case Policy::kOverview:
      return "overview";
  }
  return "undeclared";
}

const std::vector<RouteInfo>& Api::Routes() {
  static const std::vector<RouteInfo> routes = [] {
    std::vector<RouteInfo> out;
    for (const Route& r : Table()) out.push_back(r.info);
    return out;
  }();
  return routes;
}

std::string ApiRequest::Header(std::string_view name) const {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiRequest::Cookie(std::string_view name) const {
  std::string all = Header("cookie");
  std::string_view rest(all);
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    std::size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return {};
}

bool JsonTooDeep(std::string_view body, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::vector<std::pair<std::string, std::string>> SecurityHeaders(const std::string& nonce,
                                                                 bool behind_tls) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'nonce-" + nonce +
           "'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      {"Cache-Control", "no-store"},
  };
  if (behind_tls) {
    h.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  return h;
}

// --- the implementation -----------------------------------------------------------------------

struct Api::Impl {
  ApiOptions options;
  StorePool* stores;
  AuditWriter* audit;
  EventHub* events;
  RemoteThrottle throttle;
  Gate password_gate;
  Gate work_gate;

  Impl(ApiOptions o, StorePool* s, AuditWriter* a, EventHub* e)
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

  // One call in progress.
  struct Call {
    const ApiRequest& req;
    const RouteInfo& route;
    std::optional<RecordKind> kind;
    std::string id;
    Store* store = nullptr;
    std::optional<auth::Authenticated> who;
    std::optional<Access> access;
    ApiResponse res;
    std::vector<AuditEntry> audit;
    std::string reason;
  };

  static void Fail(Call& c, const Status& s) {
    c.res.status = HttpStatus(s.code());
    std::string message = s.message();
    if (c.res.status == 500) message = "something went wrong on the server; it was logged";
    if (s.code() == StatusCode::kNotFound) message = "not found";
    c.res.body = ErrorBody(CodeName(s.code()), message, s.field());
    c.res.content_type = "application/json";
  }

  static void Fail(Call& c, int status, std::string_view code, std::string_view message,
                   std::string_view field = {}) {
    c.res.status = status;
    c.res.body = ErrorBody(code, message, field);
    c.res.content_type = "application/json";
  }

  void Audit(Call& c, std::string action, const Record* record, std::string outcome) {
    AuditEntry e;
    e.user_id = c.who ? c.who->user.id : "";
    e.action = std::move(action);
    if (record != nullptr) {
      e.record_kind = std::string(InfoFor(KindOf(*record)).plural);
      e.record_id = BaseOf(*record).id;
      e.mapping_id = OwnMappingId(*record);
      e.subject_id = SubjectOf(*record);
    } else {
      if (c.kind) e.record_kind = std::string(InfoFor(*c.kind).plural);
      if (IsValidId(c.id)) e.record_id = c.id;
    }
    e.reason = c.reason.substr(0, 1000);
    e.remote = c.req.remote.substr(0, 100);
    e.outcome = std::move(outcome);
    c.audit.push_back(std::move(e));
  }

  // An invalid write; audited as a refusal when it named records hidden from the caller.
  void Invalid(Call& c, std::string action, const Record* record, const Status& s, bool hid) {
    if (hid) Audit(c, std::move(action), record, "refused");
    Fail(c, s);
  }

  // Records a refusal and answers with `s` (404 for invisible, 403 for not allowed).
  void Refuse(Call& c, std::string action, const Record* record, const Status& s) {
    Audit(c, std::move(action), record, "refused");
    Fail(c, s);
  }

  // Runs `wait` (something that blocks: another call's map build, a free password-check
  // slot) with this call's work slot given up meanwhile, so that calls blocked on others do
  // not keep the rest from the processor.
  template <typename F>
  auto Blocked(F wait) {
    Gate::Released released(work_gate);
    return wait();
  }

  // --- request checks ---

  std::string Origin(const ApiRequest& req) const {
    if (!options.public_origin.empty()) return options.public_origin;
    return std::string(options.behind_tls ? "https://" : "http://") + req.Header("host");
  }

  // Cross-site request checks for state-changing methods (CSRF, part one).
  Status CheckCrossSite(const ApiRequest& req) const {
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

  static bool ChangesState(const std::string& method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
  }

  Principal PrincipalOf(const User& u) { return Principal{u.id, u.role, u.agency_id}; }

  // --- entry ---

  ApiResponse Handle(const ApiRequest& req) {
    static const RouteInfo kNoRoute{"", "", Policy::kPublic, ""};
    // Find the route.
    const Route* route = nullptr;
    std::optional<RecordKind> kind;
    std::string id;
    std::vector<std::string> allowed;
    for (const Route& r : Table()) {
      std::optional<RecordKind> k;
      std::string i;
      if (!Match(r.info.pattern, req.path, &k, &i)) continue;
      if (r.info.method != req.method) {
        allowed.push_back(r.info.method);
        continue;
      }
      route = &r;
      kind = k;
      id = std::move(i);
      break;
    }
    if (route == nullptr) {
      Call c{req, kNoRoute, std::nullopt, {}, nullptr, {}, {}, {}, {}, {}};
      if (!allowed.empty()) {
        Fail(c, 405, "method_not_allowed",
             "this address does not take " + req.method.substr(0, 10));
        std::string allow;
        for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
        c.res.headers.emplace_back("Allow", allow);
      } else {
        Fail(c, 404, "not_found", "there is no such address in this API");
      }
      c.res.route = "(none)";
      return std::move(c.res);
    }
    // Behind the TLS proxy the peer is the proxy; the client's address comes from it.
    ApiRequest forwarded;
    const ApiRequest* effective = &req;
    if (options.behind_tls && (req.remote == "127.0.0.1" || req.remote == "::1")) {
      std::string client = req.Header("x-forwarded-for");
      bool plain = !client.empty() && client.size() <= 45 &&
                   std::all_of(client.begin(), client.end(), [](char ch) {
                     return std::isxdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ':';
                   });
      if (plain) {
        forwarded = req;
        forwarded.remote = client;
        effective = &forwarded;
      }
    }
    Call c{*effective, route->info, kind, id, nullptr, {}, {}, {}, {}, {}};
    c.res.route = route->info.pattern;
    if (kind)
      c.res.route = "/api/v1/" + std::string(InfoFor(*kind).plural) +
                    (route->info.pattern.ends_with("{id}") ? "/{id}" : "");
    if (IsValidId(id)) c.res.record_id = id;
    {
      Gate::Held slot(work_gate);
      Serve(c, route->id);
    }
    if (!c.audit.empty()) {
      Status written = audit->Write(std::move(c.audit));
      if (!written.ok()) {
        // Nothing is served that the audit log does not record.
        c.res.stream.reset();
        c.res.headers.clear();
        Fail(c, 503, "unavailable", "the audit log could not be written; try again shortly");
      }
    }
    if (c.who) c.res.user_id = c.who->user.id;
    return std::move(c.res);
  }

  void Serve(Call& c, RouteId id) {
    if (c.route.policy == Policy::kUndeclared) {
      Fail(c, 500, "internal", "this route has no access policy and is not served");
      return;
    }
    if (c.req.body.size() > options.max_body_bytes) {
      Fail(c, 413, "payload_too_large",
           "the request body is larger than " + std::to_string(options.max_body_bytes) + " bytes");
      return;
    }
    Result<StorePool::Lease> lease = stores->Acquire();
    if (!lease.ok()) {
      Fail(c, 503, "unavailable", "the store is not available; try again shortly");
      return;
    }
    c.store = lease->get();
    if (ChangesState(c.req.method)) {
      Status cross = CheckCrossSite(c.req);
      if (!cross.ok()) {
        Refuse(c, "request", nullptr, cross);
        return;
      }
    }
    if (c.route.policy != Policy::kPublic) {
      Result<auth::Authenticated> who = auth::Authenticate(*c.store, c.req.Cookie(kSessionCookie),
                                                           options.now(), options.accounts);
      if (!who.ok()) {
        if (who.status().code() == StatusCode::kUnauthenticated) {
          Audit(c, "request", nullptr, "unauthenticated");
        }
        Fail(c, who.status());
        return;
      }
      c.who = std::move(who).value();
      c.access.emplace(c.store, PrincipalOf(c.who->user));
      if (ChangesState(c.req.method) &&
          !SameSecret(c.req.Header(kCsrfHeader), c.who->session.csrf_token)) {
        Refuse(c, "request", nullptr,
               Status::PermissionDenied("the request lacks this session's CSRF token (" +
                                        std::string(kCsrfHeader) + ")"));
        return;
      }
      UserRole role = c.who->user.role;
      if ((c.route.policy == Policy::kAdministrator && role != UserRole::kAdministrator) ||
          (c.route.policy == Policy::kOverview && role != UserRole::kStrategicViewer &&
           role != UserRole::kChair)) {
        Refuse(c, "request", nullptr,
               Status::PermissionDenied("your role may not use this address"));
        return;
      }
    }
    c.reason = c.req.Header(kReasonHeader);
    if (!c.req.body.empty() && JsonTooDeep(c.req.body, options.max_json_depth)) {
      Fail(c, 400, "invalid_argument",
           "the JSON nests deeper than " + std::to_string(options.max_json_depth) + " levels");
      return;
    }
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
      case RouteId::kMappingMap:
        return MappingMap(c);
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

  // --- bodies ---

  // Parses the body as one JSON object.
  static std::optional<json> ParseObject(Call& c) {
    json parsed = json::parse(c.req.body, nullptr, false);
    if (parsed.is_discarded()) {
      Fail(c, 400, "invalid_argument", "the request body is not valid JSON");
      return std::nullopt;
    }
    if (!parsed.is_object()) {
      Fail(c, 400, "invalid_argument", "the request body must be a JSON object");
      return std::nullopt;
    }
    return parsed;
  }

  static std::optional<Record> DecodeBody(Call& c, RecordKind kind, const json& obj,
                                          std::string_view pointer) {
    ProblemList problems(20);
    Record r = DecodeRecord(kind, obj, pointer, &problems);
    if (!problems.empty()) {
      std::string message;
      for (const Problem& p : problems.kept()) {
        if (!message.empty()) message += "; ";
        message += (p.pointer.empty() ? "" : p.pointer + ": ") + p.message;
      }
      Fail(c, 400, "invalid_argument", message, problems.kept().front().pointer);
      return std::nullopt;
    }
    return r;
  }

  static void SendRecord(Call& c, const Record& r, int status) {
    c.res.status = status;
    c.res.body = EncodeRecord(r);
    c.res.headers.emplace_back("ETag", Etag(BaseOf(r).version));
  }

  // A visible record, or the answer already written (404 audited as refused).
  std::optional<Record> Load(Call& c, const std::string& action) {
    Result<Record> r = c.store->Get(*c.kind, c.id);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kNotFound) {
        if (!access::IsReferenceKind(*c.kind)) Audit(c, action, nullptr, "not_found");
      }
      Fail(c, r.status());
      return std::nullopt;
    }
    Status visible = c.access->CheckRead(*r);
    if (!visible.ok()) {
      if (visible.code() == StatusCode::kNotFound) {
        Refuse(c, action, &*r, visible);
      } else {
        Fail(c, visible);
      }
      return std::nullopt;
    }
    return std::move(r).value();
  }

  bool NeedReason(Call& c) {
    if (!c.reason.empty()) return true;
    Fail(c, 400, "invalid_argument",
         "say why you are viewing this person's records in the " + std::string(kReasonHeader) +
             " header; it is kept in the audit log",
         "reason");
    return false;
  }

  // --- routes ---

  void Health(Call& c) {
    Result<std::vector<int>> m = c.store->AppliedMigrations();
    if (!m.ok()) {
      Fail(c, 503, "unavailable", "the store does not answer");
      return;
    }
    c.res.body = "{\"status\":\"ok\",\"schema_version\":" + std::to_string(m->back()) + "}";
  }

  static json UserJson(const User& u) {
    return {{"id", u.id},
            {"username", u.username},
            {"full_name", u.full_name},
            {"agency_id", u.agency_id},
            {"role", std::string(EnumName(u.role))}};
  }

  void SignIn(Call& c) {
    std::optional<json> body = ParseObject(c);
    if (!body) return;
    std::string fields[3];
    const char* names[3] = {"username", "password", "code"};
    for (int i = 0; i < 3; ++i) {
      auto it = body->find(names[i]);
      if (it == body->end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
        Fail(c, 400, "invalid_argument", "is required (a string)", names[i]);
        return;
      }
      fields[i] = it->get<std::string>();
      if (fields[i].size() > 1024) {
        Fail(c, 400, "invalid_argument", "is too long", names[i]);
        return;
      }
    }
    int64_t now = options.now();
    if (!throttle.Allowed(c.req.remote, now)) {
      Audit(c, "sign_in", nullptr, "throttled");
      Fail(c, 429, "too_many_requests",
           "too many failed sign-ins from this address; wait ten minutes and try again");
      c.res.headers.emplace_back("Retry-After", "600");
      return;
    }
    auth::SignInFailure failure;
    Result<auth::SignedIn> in = [&] {
      std::optional<Gate::Held> check;
      Blocked([&] {
        check.emplace(password_gate);
        return true;
      });
      return auth::SignIn(*c.store, fields[0], fields[1], fields[2], now, options.accounts,
                          &failure);
    }();
    std::string outcome = in.ok() && in->used_recovery_code ? "ok_recovery_code" : failure.outcome;
    Audit(c, "sign_in", nullptr, outcome);
    c.audit.back().user_id = failure.user_id;  // who was named, signed in or not
    if (!in.ok()) {
      if (in.status().code() == StatusCode::kUnauthenticated) throttle.Failed(c.req.remote, now);
      Fail(c, in.status());
      return;
    }
    c.res.status = 201;
    c.res.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + in->session_token +
                                                 "; Path=/; Secure; HttpOnly; SameSite=Strict");
    json out = {{"user", UserJson(in->user)},
                {"csrf_token", in->session.csrf_token},
                {"idle_timeout_seconds", options.accounts.idle_seconds},
                {"expires_at", in->session.created_at + options.accounts.absolute_seconds},
                {"recovery_codes_left", in->recovery_codes_left}};
    c.res.body = out.dump();
  }

  void WhoAmI(Call& c) {
    json out = {{"user", UserJson(c.who->user)},
                {"csrf_token", c.who->session.csrf_token},
                {"idle_timeout_seconds", options.accounts.idle_seconds},
                {"expires_at", c.who->session.created_at + options.accounts.absolute_seconds}};
    c.res.body = out.dump();
  }

  void SignOut(Call& c) {
    Status s = auth::SignOut(*c.store, c.req.Cookie(kSessionCookie));
    if (!s.ok()) return Fail(c, s);
    Audit(c, "sign_out", nullptr, "ok");
    c.res.status = 204;
    c.res.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) +
                                                 "=; Path=/; Secure; HttpOnly; SameSite=Strict; "
                                                 "Max-Age=0");
  }

  void Overview(Call& c) {
    Result<std::vector<Record>> mappings = c.store->List(ListBy(RecordKind::kMapping));
    if (!mappings.ok()) return Fail(c, mappings.status());
    Date today = options.today();
    json list = json::array();
    for (const Record& r : *mappings) {
      const auto& m = std::get<Mapping>(r);
      json counts = json::object();
      Result<std::vector<Record>> subjects =
          c.store->List(ListBy(RecordKind::kSubject, "mapping_id", m.id));
      if (!subjects.ok()) return Fail(c, subjects.status());
      for (const Record& s : *subjects) {
        counts[std::string(EnumName(std::get<Subject>(s).kind))] =
            counts.value(std::string(EnumName(std::get<Subject>(s).kind)), 0) + 1;
      }
      Result<std::vector<Record>> actions =
          c.store->List(ListBy(RecordKind::kAction, "mapping_id", m.id));
      if (!actions.ok()) return Fail(c, actions.status());
      int open = 0;
      int overdue = 0;
      for (const Record& a : *actions) {
        const auto& act = std::get<Action>(a);
        if (!IsOpen(act.status)) continue;
        ++open;
        if (act.due_on < today) ++overdue;
      }
      json areas = m.area_ids;
      list.push_back({{"id", m.id},
                      {"kind", std::string(EnumName(m.kind))},
                      {"status", std::string(EnumName(m.status))},
                      {"level", std::string(EnumName(m.level))},
                      {"parent_mapping_id", m.parent_mapping_id},
                      {"area_ids", areas},
                      {"subjects", counts},
                      {"open_actions", open},
                      {"overdue_actions", overdue}});
    }
    Audit(c, "overview", nullptr, "ok");
    c.res.body = json{{"mappings", list}}.dump();
  }

  // --- the whole-mapping read, cached ---
  //
  // What a member sees of a mapping depends only on the mapping and the member's agency
  // (handling code C), so the encoded bundle, and its gzip form, is kept per (mapping,
  // agency). Every read still passes the access checks and writes its audit row; only the
  // assembling is saved, and the body is sent from the cache without a copy.
  //
  // Freshness: a body is served only if no write went through this server since its build
  // began (`generation`), so whoever made a change, and whoever heard of it by live update,
  // reads it at once. Changes made elsewhere (another server, the command line) show within
  // kMapCacheTtl plus one build: once a body is that old, one reader rebuilds it while the
  // others are served the old one, so nobody waits on a rebuild that no write caused. After
  // a write, readers wait for one build (single flight), not one each; writes that land
  // while a build is under way queue one more build behind it (see MapCacheEntry::queued).
  static constexpr auto kMapCacheTtl = std::chrono::seconds(1);
  struct MapBodies {
    std::string plain;
    std::string gzip;  // "" if compressing failed
  };
  using MapBody = std::shared_ptr<const MapBodies>;
  using Clock = std::chrono::steady_clock;
  struct MapCacheEntry {
    MapBody ready;  // the newest good build, or null
    int64_t ready_generation = 0;
    Clock::time_point ready_made;          // when its build began
    std::shared_future<MapBody> building;  // valid while a build is under way
    int64_t building_generation = 0;
    uint64_t build_id = 0;
    // A build queued to follow `building` when that began before the last write. Readers who
    // came after the write wait for it, so however many writes land during one build, one
    // more build follows it, not one per write.
    std::shared_future<MapBody> queued;
    uint64_t queued_id = 0;
  };
  std::mutex map_cache_mu;
  std::map<std::pair<std::string, std::string>, MapCacheEntry> map_cache;
  std::atomic<int64_t> generation{0};
  uint64_t next_build_id = 0;  // guarded by map_cache_mu

  void Changed() { generation.fetch_add(1); }

  Result<MapBody> MapFor(Call& c) {
    auto key = std::make_pair(c.id, c.who->user.agency_id);
    std::promise<MapBody> promise;
    std::shared_future<MapBody> wait_for;
    std::shared_future<MapBody> ahead;  // set: ours is the queued build, to start after it
    uint64_t build_id = 0;
    int64_t gen = 0;
    Clock::time_point began;
    {
      std::lock_guard lock(map_cache_mu);
      gen = generation.load();
      began = Clock::now();
      if (map_cache.size() > 1000 && map_cache.find(key) == map_cache.end()) {
        map_cache.clear();  // bound memory: one entry per (mapping, agency) in use
      }
      MapCacheEntry& e = map_cache[key];
      bool current = e.ready && e.ready_generation == gen;
      if (current && (began - e.ready_made < kMapCacheTtl || e.building.valid())) {
        return e.ready;  // fresh, or being refreshed by another reader
      }
      if (!current && e.building.valid() && e.building_generation == gen) {
        wait_for = e.building;  // under way, and began after the last write
      } else if (!current && e.queued.valid()) {
        wait_for = e.queued;  // will begin after the last write
      } else {
        build_id = ++next_build_id;
        if (e.building.valid()) {
          // The build under way began before the last write: queue one to follow it.
          ahead = e.building;
          e.queued = promise.get_future().share();
          e.queued_id = build_id;
        } else {
          e.building = promise.get_future().share();
          e.building_generation = gen;
          e.build_id = build_id;
        }
      }
    }
    if (wait_for.valid()) {
      MapBody body = Blocked([&] { return wait_for.get(); });
      if (body) return body;
      return BuildMap(c);  // the build we waited for failed: try for ourselves
    }
    if (ahead.valid()) {
      Blocked([&] {
        ahead.wait();
        return true;
      });
      std::lock_guard lock(map_cache_mu);
      gen = generation.load();  // every reader waiting on the queued build came before this
      began = Clock::now();
      auto it = map_cache.find(key);
      if (it != map_cache.end() && it->second.queued_id == build_id) {
        MapCacheEntry& e = it->second;
        e.building = std::move(e.queued);
        e.queued = {};
        e.building_generation = gen;
        e.build_id = build_id;
      }
    }
    Result<MapBody> built = BuildMap(c);
    MapBody body = built.ok() ? *built : nullptr;
    {
      std::lock_guard lock(map_cache_mu);
      auto it = map_cache.find(key);
      if (it != map_cache.end() && it->second.build_id == build_id) {
        MapCacheEntry& e = it->second;
        e.building = {};
        if (body) {
          e.ready = body;
          e.ready_generation = gen;
          e.ready_made = began;
        }
      }
    }
    promise.set_value(body);
    return built;
  }

  Result<MapBody> BuildMap(Call& c) {
    Result<Bundle> bundle = c.store->Export({c.id, false});
    if (!bundle.ok()) return bundle.status();
    CM_RETURN_IF_ERROR(c.access->FilterMappingBundle(&*bundle));
    std::ostringstream out;
    WriteBundle(*bundle, out);
    auto bodies = std::make_shared<MapBodies>();
    bodies->plain = std::move(out).str();
    bodies->gzip = Gzip(bodies->plain);
    return MapBody(std::move(bodies));
  }

  void MappingMap(Call& c) {
    c.kind = RecordKind::kMapping;
    Status visible = c.access->CheckMapping(c.id);
    if (!visible.ok()) {
      Audit(c, "view_map", nullptr, visible.code() == StatusCode::kNotFound ? "refused" : "failed");
      return Fail(c, visible);
    }
    if (!NeedReason(c)) return;
    Result<MapBody> body = MapFor(c);
    if (!body.ok()) return Fail(c, body.status());
    // Aliasing pointers: the cache entry lives as long as any response that sends it.
    if (!(*body)->gzip.empty() && AcceptsGzip(c.req.Header("accept-encoding"))) {
      c.res.shared_body = std::shared_ptr<const std::string>(*body, &(*body)->gzip);
      c.res.headers.emplace_back("Content-Encoding", "gzip");
    } else {
      c.res.shared_body = std::shared_ptr<const std::string>(*body, &(*body)->plain);
    }
    c.res.headers.emplace_back("Vary", "Accept-Encoding");
    Audit(c, "view_map", nullptr, "ok");
    c.audit.back().mapping_id = c.id;
  }

  // Server-sent events for one mapping; see EventStream.
  class MappingStream : public EventStream {
   public:
    MappingStream(Impl* impl, std::string token, std::string mapping_id, int64_t after)
        : impl_(impl),
          token_(std::move(token)),
          mapping_id_(std::move(mapping_id)),
          after_(after) {}

    std::optional<std::string> Next(std::chrono::milliseconds wait) override {
      if (first_) {
        first_ = false;
        return std::string("retry: 2000\n: connected\n\n");
      }
      bool complete = true;
      std::vector<ChangeEvent> got = impl_->events->Wait(mapping_id_, after_, wait, &complete);
      if (impl_->events->Closed()) return std::nullopt;
      // Every wake re-checks the session and membership, so sign-out ends the stream.
      Result<StorePool::Lease> lease = impl_->stores->Acquire();
      if (!lease.ok()) return std::nullopt;
      Result<auth::Authenticated> who =
          auth::Authenticate(**lease, token_, impl_->options.now(), impl_->options.accounts);
      if (!who.ok()) return std::nullopt;
      Access access(lease->get(), impl_->PrincipalOf(who->user));
      if (!access.CheckMapping(mapping_id_).ok()) return std::nullopt;
      std::string out;
      if (!complete) out += "event: reload\ndata: {}\n\n";
      for (const ChangeEvent& e : got) {
        after_ = std::max(after_, e.seq);
        // A listener hears only of records they may see (the record as it now stands).
        Status visible = access.CheckRead(e.record);
        if (!visible.ok()) continue;
        json data = {{"op", e.op},
                     {"kind", std::string(InfoFor(KindOf(e.record)).plural)},
                     {"id", BaseOf(e.record).id},
                     {"version", BaseOf(e.record).version},
                     {"by", e.by_user_id}};
        out += "id: " + std::to_string(e.seq) + "\nevent: change\ndata: " + data.dump() + "\n\n";
      }
      if (out.empty()) out = ": keep-alive\n\n";
      return out;
    }

   private:
    Impl* impl_;
    std::string token_;
    std::string mapping_id_;
    int64_t after_;
    bool first_ = true;
  };

  void MappingEvents(Call& c) {
    c.kind = RecordKind::kMapping;
    Status visible = c.access->CheckMapping(c.id);
    if (!visible.ok()) {
      Audit(c, "watch_map", nullptr, "refused");
      return Fail(c, visible);
    }
    int64_t after = events->Latest();
    std::optional<int64_t> last =
        ParseWholeNumber(c.req.Header("last-event-id"), 0, std::numeric_limits<int64_t>::max());
    if (last) after = std::min(after, *last);
    Audit(c, "watch_map", nullptr, "ok");
    c.audit.back().mapping_id = c.id;
    c.res.content_type = "text/event-stream";
    c.res.stream = std::make_shared<MappingStream>(this, c.req.Cookie(kSessionCookie), c.id, after);
  }

  // After a change: makes cached maps stale (Changed) and tells the listeners of `mappings`.
  void Announce(Call& c, const std::string& op, const Record& record,
                const Result<std::vector<std::string>>& mappings) {
    Changed();
    if (!mappings.ok()) return;
    ChangeEvent e;
    e.op = op;
    e.record = record;
    e.by_user_id = c.who->user.id;
    events->Publish(*mappings, e);
  }

  void Publish(Call& c, const std::string& op, const Record& record) {
    Announce(c, op, record, c.access->MappingsOf(record));
  }

  void AddSubject(Call& c) {
    c.kind = RecordKind::kMapping;
    Status visible = c.access->CheckMapping(c.id);
    if (!visible.ok()) {
      Refuse(c, "create", nullptr, visible);
      return;
    }
    std::optional<json> body = ParseObject(c);
    if (!body) return;
    if (!body->contains("subject") || !(*body)["subject"].is_object()) {
      return Fail(c, 400, "invalid_argument", "is required (an object: the new subject)",
                  "/subject");
    }
    json ms_json = body->value("mapping_subject", json::object());
    if (!ms_json.is_object()) {
      return Fail(c, 400, "invalid_argument", "must be an object", "/mapping_subject");
    }
    std::optional<Record> subject =
        DecodeBody(c, RecordKind::kSubject, (*body)["subject"], "/subject");
    if (!subject) return;
    if (BaseOf(*subject).id.empty()) BaseOf(*subject).id = NewId(RecordKind::kSubject);
    ms_json["mapping_id"] = c.id;
    ms_json["subject_id"] = BaseOf(*subject).id;
    std::optional<Record> ms =
        DecodeBody(c, RecordKind::kMappingSubject, ms_json, "/mapping_subject");
    if (!ms) return;
    if (BaseOf(*ms).id.empty()) BaseOf(*ms).id = NewId(RecordKind::kMappingSubject);
    Date today = options.today();
    bool hid = false;
    Status valid = c.access->Validate(*subject, today, {}, &hid);
    if (valid.ok()) valid = c.access->Validate(*ms, today, {*subject}, &hid);
    if (!valid.ok()) return Invalid(c, "create", &*ms, valid, hid);
    Status allowed = c.access->CheckCreate(*ms);
    if (!allowed.ok()) return Refuse(c, "create", &*ms, allowed);
    std::vector<Record> both = {*subject, *ms};
    Status created = c.store->CreateAll(&both);
    if (!created.ok()) return Fail(c, created);
    Audit(c, "create", &both[0], "ok");
    Audit(c, "create", &both[1], "ok");
    c.audit[c.audit.size() - 2].mapping_id = c.id;
    Publish(c, "create", both[1]);
    c.res.status = 201;
    c.res.body = "{\"subject\":" + EncodeRecord(both[0]) +
                 ",\"mapping_subject\":" + EncodeRecord(both[1]) + "}";
  }

  void List(Call& c) {
    RecordKind kind = *c.kind;
    ListQuery q;
    q.kind = kind;
    q.limit = 100;
    for (const auto& [key, value] : c.req.query) {
      if (key == "limit") {
        std::optional<int64_t> n =
            ParseWholeNumber(value, 1, static_cast<int64_t>(options.max_page));
        if (!n) {
          return Fail(c, 400, "invalid_argument",
                      "must be a whole number from 1 to " + std::to_string(options.max_page),
                      "limit");
        }
        q.limit = static_cast<std::size_t>(*n);
      } else if (key == "after") {
        if (!IsValidId(value)) return Fail(c, 400, "invalid_argument", "is not an id", "after");
        q.after_id = value;
      } else {
        if (!q.field.empty()) {
          return Fail(c, 400, "invalid_argument", "filter by one field at a time", key);
        }
        if (!IsValidId(value)) return Fail(c, 400, "invalid_argument", "is not an id", key);
        q.field = key;
        q.value = value;
      }
    }
    bool reference = access::IsReferenceKind(kind);
    std::vector<Record> items;
    std::string last_id;
    bool more = false;
    if (kind == RecordKind::kMapping && q.field.empty()) {
      // A user's mappings: those they are a member of.
      Result<std::vector<std::string>> mine = c.access->MemberMappings();
      if (!mine.ok()) return Fail(c, mine.status());
      for (const std::string& mid : *mine) {
        if (mid <= q.after_id) continue;
        if (items.size() == q.limit) {
          more = true;
          break;
        }
        Result<Record> m = c.store->Get(RecordKind::kMapping, mid);
        if (!m.ok()) continue;
        last_id = mid;
        items.push_back(std::move(m).value());
      }
    } else {
      if (!reference && q.field.empty()) {
        return Fail(c, 400, "invalid_argument",
                    "list " + std::string(InfoFor(kind).plural) +
                        " by one of their reference fields, for example ?mapping_id=ID",
                    "filter");
      }
      if (kind == RecordKind::kSubject && !NeedReason(c)) return;
      q.limit += 1;  // one more tells whether there is a next page
      Result<std::vector<Record>> rows = c.store->List(q);
      if (!rows.ok()) {
        if (rows.status().code() == StatusCode::kInvalidArgument) {
          return Fail(c, 400, "invalid_argument", rows.status().message(), q.field.substr(0, 60));
        }
        return Fail(c, rows.status());
      }
      more = rows->size() == q.limit;
      if (more) rows->pop_back();
      bool whole_mapping = q.field == "mapping_id" && c.access->CheckMapping(q.value).ok();
      for (Record& r : *rows) {
        last_id = BaseOf(r).id;
        bool visible = reference || (whole_mapping && kind != RecordKind::kInformation &&
                                     kind != RecordKind::kHandlingApproval);
        if (!visible) {
          Status s = c.access->CheckRead(r);
          if (!s.ok() && s.code() != StatusCode::kNotFound) return Fail(c, s);
          visible = s.ok();
        }
        if (visible) items.push_back(std::move(r));
      }
    }
    std::string body = "{\"items\":[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) body += ",";
      EncodeRecord(items[i], &body);
    }
    body += "],\"next_after\":";
    if (more) {
      AppendJsonString(last_id, &body);
    } else {
      body += "null";
    }
    body += "}";
    c.res.body = std::move(body);
    if (!reference) {
      Audit(c, "list", nullptr, "ok");
      if (q.field == "mapping_id") c.audit.back().mapping_id = q.value;
      if (q.field == "subject_id") c.audit.back().subject_id = q.value;
    }
  }

  void Create(Call& c) {
    RecordKind kind = *c.kind;
    std::optional<json> body = ParseObject(c);
    if (!body) return;
    std::optional<Record> record = DecodeBody(c, kind, *body, "");
    if (!record) return;
    RecordBase& base = BaseOf(*record);
    if (base.id.empty()) base.id = NewId(kind);
    base.version = 0;
    bool hid = false;
    Status valid = c.access->Validate(*record, options.today(), {}, &hid);
    if (!valid.ok()) return Invalid(c, "create", &*record, valid, hid);
    Status allowed = c.access->CheckCreate(*record);
    if (!allowed.ok()) return Refuse(c, "create", &*record, allowed);
    Status created = c.store->Create(&*record);
    if (!created.ok()) {
      if (created.code() == StatusCode::kAlreadyExists && created.field().empty()) {
        return Fail(c, 409, "already_exists", "a record with that id already exists", "/id");
      }
      return Fail(c, created);
    }
    Audit(c, "create", &*record, "ok");
    Publish(c, "create", *record);
    SendRecord(c, *record, 201);
    c.res.headers.emplace_back("Location",
                               "/api/v1/" + std::string(InfoFor(kind).plural) + "/" + base.id);
  }

  void Get(Call& c) {
    std::optional<Record> r = Load(c, "view");
    if (!r) return;
    if (IsPersonSubject(*r) && !NeedReason(c)) return;
    if (!access::IsReferenceKind(*c.kind)) Audit(c, "view", &*r, "ok");
    SendRecord(c, *r, 200);
  }

  int64_t NeedIfMatch(Call& c) {
    std::string header = c.req.Header("if-match");
    int64_t version = ParseIfMatch(header);
    if (version <= 0) {
      Fail(c, 428, "precondition_required",
           "send If-Match with the version (ETag) you read, so nobody's change is lost",
           "If-Match");
    }
    return version;
  }

  void Update(Call& c) {
    std::optional<Record> before = Load(c, "update");
    if (!before) return;
    int64_t version = NeedIfMatch(c);
    if (version <= 0) return;
    std::optional<json> body = ParseObject(c);
    if (!body) return;
    std::optional<Record> after = DecodeBody(c, *c.kind, *body, "");
    if (!after) return;
    RecordBase& base = BaseOf(*after);
    if (!base.id.empty() && base.id != c.id) {
      return Fail(c, 400, "invalid_argument", "does not match the address", "/id");
    }
    base.id = c.id;
    base.version = version;
    if (version != BaseOf(*before).version) {
      return Fail(c, Status::Conflict(std::string(InfoFor(*c.kind).singular) + " " + c.id +
                                      " was changed by someone else (it is now version " +
                                      std::to_string(BaseOf(*before).version) +
                                      "); reload it and make the change again"));
    }
    bool hid = false;
    Status valid = c.access->Validate(*after, options.today(), {}, &hid, &*before);
    if (!valid.ok()) return Invalid(c, "update", &*after, valid, hid);
    Status allowed = c.access->CheckUpdate(*before, *after);
    if (!allowed.ok()) return Refuse(c, "update", &*before, allowed);
    Status updated = c.store->Update(&*after);
    if (!updated.ok()) return Fail(c, updated);
    Audit(c, "update", &*after, "ok");
    Publish(c, "update", *after);
    SendRecord(c, *after, 200);
  }

  void Delete(Call& c) {
    std::optional<Record> before = Load(c, "delete");
    if (!before) return;
    int64_t version = NeedIfMatch(c);
    if (version <= 0) return;
    Status allowed = c.access->CheckDelete(*before);
    if (!allowed.ok()) return Refuse(c, "delete", &*before, allowed);
    // Who hears of it is worked out before the record (and its links to mappings) is gone.
    Result<std::vector<std::string>> mappings = c.access->MappingsOf(*before);
    Status deleted = c.store->Delete(*c.kind, c.id, version);
    if (!deleted.ok()) return Fail(c, deleted);
    Audit(c, "delete", &*before, "ok");
    Announce(c, "delete", *before, mappings);
    c.res.status = 204;
  }
};

Api::Api(ApiOptions options, StorePool* stores, AuditWriter* audit, EventHub* events)
    : impl_(std::make_unique<Impl>(std::move(options), stores, audit, events)) {}

Api::~Api() = default;

ApiResponse Api::Handle(const ApiRequest& request) { return impl_->Handle(request); }

}  // namespace contextmap::http
