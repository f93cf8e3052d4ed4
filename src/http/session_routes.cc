// Routes about the session and the server itself: health, signing in and out, who am I, and
// the strategic overview.
#include <nlohmann/json.hpp>

#include "contextmap/report/overview.h"
#include "http/api_impl.h"

namespace contextmap::http {

using nlohmann::json;

namespace {

// The signed-in user as the web app shows them: with their agency's name ("" if the agency
// record is gone), so the page need not look it up.
Result<json> UserJson(Store& store, const User& u) {
  std::string agency_name;
  Result<Record> agency = store.Get(RecordKind::kAgency, u.agency_id);
  if (agency.ok()) {
    agency_name = std::get<Agency>(*agency).name;
  } else if (agency.status().code() != StatusCode::kNotFound) {
    return agency.status();
  }
  return json{{"id", u.id},
              {"username", u.username},
              {"full_name", u.full_name},
              {"agency_id", u.agency_id},
              {"agency_name", agency_name},
              {"role", std::string(EnumName(u.role))}};
}

std::string SessionCookie(const std::string& token) {
  constexpr std::string_view kAttributes = "; Path=/; Secure; HttpOnly; SameSite=Strict";
  std::string cookie(kSessionCookie);
  cookie.reserve(cookie.size() + 1 + token.size() + kAttributes.size());
  cookie.append("=").append(token).append(kAttributes);
  return cookie;
}

}  // namespace

void Api::Impl::Health(Call& c) {
  Result<std::vector<int>> m = c.store->AppliedMigrations();
  if (!m.ok()) return Fail(c, 503, "unavailable", "the store does not answer");
  c.res.body = "{\"status\":\"ok\",\"schema_version\":" + std::to_string(m->back()) + "}";
}

void Api::Impl::SignIn(Call& c) {
  std::optional<json> body = ParseObject(c);
  if (!body) return;
  std::string fields[3];
  const char* names[3] = {"username", "password", "code"};
  for (int i = 0; i < 3; ++i) {
    auto it = body->find(names[i]);
    const std::string* text = it == body->end() ? nullptr : it->get_ptr<const std::string*>();
    if (text == nullptr || text->empty()) {
      return Fail(c, 400, "invalid_argument", "is required (a string)", names[i]);
    }
    if (text->size() > 1024) return Fail(c, 400, "invalid_argument", "is too long", names[i]);
    fields[i] = *text;
  }
  int64_t now = options.now();
  if (int64_t wait = throttle.WaitFor(c.req.remote, fields[0], now); wait > 0) {
    Audit(c, "sign_in", nullptr, "throttled");
    Fail(c, 429, "too_many_requests",
         "too many failed sign-ins from this address; wait " + std::to_string(wait) +
             " seconds and try again");
    c.res.headers.emplace_back("Retry-After", std::to_string(wait));
    return;
  }
  auth::SignInFailure failure;
  std::vector<AuditEntry> rows = ChangeAudit(c, "sign_in", nullptr);  // SignIn sets the outcome
  Result<auth::SignedIn> in = [&] {
    std::optional<Gate::Held> check;
    Blocked([&] { check.emplace(password_gate); });
    return auth::SignIn(*c.store, fields[0], fields[1], fields[2], now, options.accounts, &failure,
                        &rows);
  }();
  if (rows.front().seq == 0) {  // not committed with a credential change (no such user)
    std::string outcome = in.ok() && in->used_recovery_code ? "ok_recovery_code" : failure.outcome;
    Audit(c, "sign_in", nullptr, outcome);
    c.audit.back().user_id = failure.user_id;  // who was named, signed in or not
  }
  if (!in.ok()) {
    if (in.status().code() == StatusCode::kUnauthenticated) {
      throttle.Failed(c.req.remote, fields[0], now);
    }
    return Fail(c, in.status());
  }
  throttle.Succeeded(c.req.remote, fields[0]);
  // (Should the store fail here, the session made is never handed out and simply expires.)
  Result<json> user = UserJson(*c.store, in->user);
  if (!user.ok()) return Fail(c, user.status());
  c.res.status = 201;
  c.res.headers.emplace_back("Set-Cookie", SessionCookie(in->session_token));
  json out = {{"user", *user},
              {"csrf_token", in->session.csrf_token},
              {"idle_timeout_seconds", options.accounts.idle_seconds},
              {"expires_at", in->session.created_at + options.accounts.absolute_seconds},
              {"recovery_codes_left", in->recovery_codes_left}};
  c.res.body = out.dump();
}

void Api::Impl::WhoAmI(Call& c) {
  Result<json> user = UserJson(*c.store, c.who->user);
  if (!user.ok()) return Fail(c, user.status());
  json out = {{"user", *user},
              {"csrf_token", c.who->session.csrf_token},
              {"idle_timeout_seconds", options.accounts.idle_seconds},
              {"expires_at", c.who->session.created_at + options.accounts.absolute_seconds}};
  c.res.body = out.dump();
}

void Api::Impl::SignOut(Call& c) {
  std::vector<AuditEntry> rows = ChangeAudit(c, "sign_out", nullptr);
  Status s = auth::SignOut(*c.store, c.req.Cookie(kSessionCookie), &rows);
  if (!s.ok()) return Fail(c, s);
  if (rows.front().seq == 0) Audit(c, "sign_out", nullptr, "ok");
  c.res.status = 204;
  c.res.headers.emplace_back("Set-Cookie", SessionCookie("") + "; Max-Age=0");
  // The browser drops what it kept of this origin (cached answers, web storage). Not
  // "cookies": the session cookie is expired above, and no other cookie is ours to clear.
  c.res.headers.emplace_back("Clear-Site-Data", "\"cache\", \"storage\"");
}

void Api::Impl::Overview(Call& c) {
  Result<std::vector<report::MappingCounts>> overview = report::Overview(*c.store, options.today());
  if (!overview.ok()) return Fail(c, overview.status());
  json list = json::array();
  for (const report::MappingCounts& m : *overview) {
    json categories = json::array();
    for (const report::CategoryLabel& l : m.risk_categories) {
      categories.push_back({{"code", l.code}, {"label", l.label}, {"rank", l.rank}});
    }
    list.push_back({{"id", m.id},
                    {"kind", std::string(EnumName(m.kind))},
                    {"status", std::string(EnumName(m.status))},
                    {"level", std::string(EnumName(m.level))},
                    {"parent_mapping_id", m.parent_mapping_id},
                    {"area_ids", m.area_ids},
                    {"profile_id", m.profile_id},
                    {"subjects", m.subjects},
                    {"open_actions", m.open_actions},
                    {"overdue_actions", m.overdue_actions},
                    {"risk_categories", categories},
                    {"children_by_risk_category", m.cohort_risk.by_category},
                    {"children_not_assessed", m.cohort_risk.not_assessed}});
  }
  Audit(c, "overview", nullptr, "ok");
  c.res.body = json{{"mappings", list}}.dump();
}

}  // namespace contextmap::http
