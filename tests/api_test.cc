// The API's behaviour apart from the access-control matrix: signing in (second factor,
// replay, recovery codes, lock-out, throttling, rehash, timeouts), CSRF, security headers,
// optimistic concurrency, limits, errors, reasons, live updates and the API description.
#include <gtest/gtest.h>
#include <sodium.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "api_fixture.h"
#include "contextmap/core/json_codec.h"

namespace contextmap::testing {
namespace {

using nlohmann::json;

class ApiTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    chair_id_ = AddAccount("test.chair", UserRole::kChair, "agy-police");
    AddMember("map-county-line", chair_id_);
    analyst_id_ = AddAccount("test.analyst", UserRole::kAnalyst, "agy-csc");
    AddMember("map-county-line", analyst_id_);
  }

  json Body(const http::ApiResponse& res) {
    json j = json::parse(res.Body(), nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << res.Body();
    return j;
  }

  std::string ErrorCode(const http::ApiResponse& res) {
    json j = Body(res);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }

  std::string FirstSubjectOn(const std::string& mapping) {
    auto on = store_->List(ListBy(RecordKind::kSubject, "mapping_id", mapping));
    for (const Record& r : *on) {
      if (std::get<Subject>(r).kind == SubjectKind::kChild) return BaseOf(r).id;
    }
    return "";
  }

  std::string chair_id_;
  std::string analyst_id_;
  const std::map<std::string, std::string> reason_ = {{"ContextMap-Reason", "review meeting"}};
};

TEST_F(ApiTest, SignInNeedsPasswordAndSecondFactorAndAnswersAlikeForEveryFailure) {
  auto wrong_password = SignInRaw("test.chair", "not the password at all", CodeFor("test.chair"));
  auto wrong_code = SignInRaw("test.chair", kPassword, "000000");
  auto no_user = SignInRaw("nobody.here", kPassword, "123456");
  for (const auto& res : {wrong_password, wrong_code, no_user}) {
    EXPECT_EQ(res.status, 401);
    EXPECT_EQ(ErrorCode(res), "unauthenticated");
    EXPECT_EQ(HeaderOf(res, "Set-Cookie"), "");
  }
  EXPECT_EQ(wrong_password.body, wrong_code.body);
  EXPECT_EQ(wrong_code.body, no_user.body);
  EXPECT_EQ(SignInRaw("test.chair", kPassword, "").status, 400);  // field named
  EXPECT_EQ(Body(SignInRaw("test.chair", kPassword, ""))["error"]["field"], "code");

  auto ok = SignInRaw("test.chair", kPassword, CodeFor("test.chair"));
  ASSERT_EQ(ok.status, 201) << ok.body;
  std::string cookie = HeaderOf(ok, "Set-Cookie");
  EXPECT_NE(cookie.find("__Host-contextmap_session="), std::string::npos);
  for (const char* attr : {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"}) {
    EXPECT_NE(cookie.find(attr), std::string::npos) << attr;
  }
  // 128 random bits, base64url: 22 characters.
  std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  EXPECT_EQ(token.size(), 22u);
  // The same code cannot be used twice.
  auto replay = SignInRaw("test.chair", kPassword, CodeFor("test.chair"));
  EXPECT_EQ(replay.status, 401);
  // The store keeps only the session id's hash.
  EXPECT_EQ(store_->GetSession(token).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetSession(auth::SessionIdHash(token)).ok());
}

TEST_F(ApiTest, EachSignInGetsAFreshSessionId) {
  Session a = SignIn("test.chair");
  Session b = SignIn("test.chair");
  EXPECT_NE(a.token, b.token);
  EXPECT_NE(a.csrf, b.csrf);
}

TEST_F(ApiTest, RecoveryCodesWorkOnceEach) {
  std::string code = recovery_["test.chair"][3];
  auto first = SignInRaw("test.chair", kPassword, code);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(Body(first)["recovery_codes_left"], 9);
  EXPECT_EQ(SignInRaw("test.chair", kPassword, code).status, 401);
  // Typed in capitals with spaces still counts as the code.
  std::string other = recovery_["test.chair"][4];
  std::string typed;
  for (char ch : other) typed += ch == '-' ? ' ' : static_cast<char>(std::toupper(ch));
  EXPECT_EQ(SignInRaw("test.chair", kPassword, typed).status, 201);
}

TEST_F(ApiTest, FailuresBackOffTheGuessersAddressNotTheAccountsOwner) {
  int64_t before = LastAuditSeq();
  remote_ = "192.0.2.10";  // the guesser
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        SignInRaw("test.chair", "wrong password number " + std::to_string(i), "123456").status,
        401);
  }
  // The guesser's address now waits, even with the right password and code...
  auto throttled = SignInRaw("test.chair", kPassword, CodeFor("test.chair"));
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(HeaderOf(throttled, "Retry-After"), "30");
  // ... but the account's owner, elsewhere, is not locked out (a hard lock of the account after
  // five failures let anyone lock anyone out).
  remote_ = "198.51.100.7";
  now_ += 30;
  EXPECT_EQ(SignInRaw("test.chair", kPassword, CodeFor("test.chair")).status, 201);
  // Each failure counted against the account changed it, so each has its own row, committed
  // with the count; the wait refused at the address changed nothing and is tallied instead
  // (audit_tally.h): its first row is written at once.
  auto outcomes = AuditOutcomesAfter(before);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "refused"), 5);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "throttled"), 1);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "ok"), 1);
  // The guesser's waits double: 30 s after five failures, 60 s after the sixth.
  remote_ = "192.0.2.10";
  now_ += 30;
  EXPECT_EQ(SignInRaw("test.chair", "wrong again", "123456").status, 401);
  EXPECT_EQ(HeaderOf(SignInRaw("test.chair", kPassword, "123456"), "Retry-After"), "60");
}

TEST_F(ApiTest, FailuresFromManyAddressesBackTheAccountOffForGrowingTimes) {
  int64_t before = LastAuditSeq();
  for (int i = 0; i < 10; ++i) {
    remote_ = "203.0.113." + std::to_string(i);
    EXPECT_EQ(SignInRaw("test.chair", "wrong " + std::to_string(i), "123456").status, 401);
  }
  // Ten failures in a row, wherever from: the account waits a minute, even for its owner.
  remote_ = "198.51.100.7";
  now_ += 30;
  EXPECT_EQ(SignInRaw("test.chair", kPassword, CodeFor("test.chair")).status, 401);
  auto outcomes = AuditOutcomesAfter(before);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "locked"), 2);  // the 10th, then this
  now_ += 31;
  EXPECT_EQ(SignInRaw("test.chair", kPassword, CodeFor("test.chair")).status, 201);
  // A success starts the count afresh; the next failures after ten wait twice as long.
  for (int i = 0; i < 11; ++i) {
    remote_ = "203.0.113." + std::to_string(20 + i);
    SignInRaw("test.chair", "wrong " + std::to_string(i), "123456");
    now_ += 61;
  }
  remote_ = "198.51.100.7";
  now_ += 30;
  EXPECT_EQ(SignInRaw("test.chair", kPassword, CodeFor("test.chair")).status, 401);  // 120 s
  now_ += 91;
  EXPECT_EQ(SignInRaw("test.chair", kPassword, CodeFor("test.chair")).status, 201);
}

TEST_F(ApiTest, ManyFailuresFromOneAddressAreThrottled) {
  int last = 0;
  for (int i = 0; i < 25; ++i) {
    last = SignInRaw("user.number." + std::to_string(i), kPassword, "123456").status;
  }
  EXPECT_EQ(last, 429);
  auto outcomes = AuditOutcomesAfter(0);
  EXPECT_NE(std::find(outcomes.begin(), outcomes.end(), "throttled"), outcomes.end());
}

TEST_F(ApiTest, RequestsWithoutASessionAreAuditedInAggregateNotRowByRow) {
  int64_t before = LastAuditSeq();
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(Call("GET", "/api/v1/mappings").status, 401);
  }
  // One row as itself; the other 99 are counted, not each written and synced.
  EXPECT_EQ(AuditOutcomesAfter(before).size(), 1u);
  int64_t first = LastAuditSeq();
  now_ += 61;  // the minute is over: the next request writes the count
  EXPECT_EQ(Call("GET", "/api/v1/health").status, 200);
  auto raw = storage::OpenSqlite(path_.string());
  ASSERT_TRUE(raw.ok());
  storage::SqlValue p = first;
  std::vector<std::string> reasons;
  auto r = (*raw)->Run("SELECT outcome, reason, remote FROM audit_log WHERE seq > ? ORDER BY seq",
                       {&p, 1}, [&](const storage::SqlRow& row) {
                         EXPECT_EQ(row.Text(0), "unauthenticated");
                         EXPECT_EQ(row.Text(2), "127.0.0.1");
                         reasons.emplace_back(row.Text(1));
                         return Status::Ok();
                       });
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_TRUE(reasons[0].starts_with("and 99 more like it in the minute from ")) << reasons[0];
  // Another address is on record as itself at once.
  remote_ = "192.0.2.44";
  EXPECT_EQ(Call("GET", "/api/v1/mappings").status, 401);
  EXPECT_EQ(AuditOutcomesAfter(LastAuditSeq() - 1).size(), 1u);
}

TEST_F(ApiTest, AWeakerPasswordHashIsReplacedAtSignIn) {
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, kPassword, std::strlen(kPassword), 1, 8 << 20,
                                  crypto_pwhash_ALG_ARGON2ID13),
            0);
  ASSERT_TRUE(store_
                  ->UpdateCredential(chair_id_,
                                     [&](Credential* c) {
                                       c->password_hash = weak;
                                       return Status::Ok();
                                     })
                  .ok());
  SignIn("test.chair");
  auto cred = store_->GetCredential(chair_id_);
  EXPECT_NE(cred->password_hash, weak);
  EXPECT_TRUE(cred->password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"))
      << cred->password_hash;
}

TEST_F(ApiTest, SessionsEndWhenIdleAfterTwelveHoursAndAtSignOut) {
  Session s = SignIn("test.chair");
  now_ += 840;
  EXPECT_EQ(Call("GET", "/api/v1/session", "", &s).status, 200);
  now_ += 840;  // used 14 minutes ago: still live
  EXPECT_EQ(Call("GET", "/api/v1/session", "", &s).status, 200);
  now_ += 960;  // idle for 16 minutes
  EXPECT_EQ(Call("GET", "/api/v1/session", "", &s).status, 401);

  Session t = SignIn("test.chair");
  for (int i = 0; i < 12 * 6; ++i) {  // busy all day, every ten minutes
    now_ += 600;
    ASSERT_EQ(Call("GET", "/api/v1/session", "", &t).status, 200) << i;
  }
  now_ += 600;
  EXPECT_EQ(Call("GET", "/api/v1/session", "", &t).status, 401);  // past twelve hours

  Session u = SignIn("test.chair");
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", &u).status, 204);
  EXPECT_EQ(Call("GET", "/api/v1/session", "", &u).status, 401);
}

// Signing out tells the browser to drop what it cached or stored for the site (so nothing of a
// case survives on a shared laptop), but not its cookies: the session cookie is expired by the
// same answer, and clearing every cookie of the site would surprise. No other answer says it,
// refusals of a sign-out included.
TEST_F(ApiTest, OnlySigningOutTellsTheBrowserToClearWhatItKept) {
  constexpr const char* kClear = "Clear-Site-Data";
  Session s = SignIn("test.chair");
  std::vector<std::pair<std::string, http::ApiResponse>> others = {
      {"sign-in", SignInRaw("test.analyst", kPassword, CodeFor("test.analyst"))},
      {"failed sign-in", SignInRaw("test.chair", "wrong password here", "000000")},
      {"who am I", Call("GET", "/api/v1/session", "", &s)},
      {"overview", Call("GET", "/api/v1/overview", "", &s)},
      {"mapping", Call("GET", "/api/v1/mappings/map-county-line", "", &s, reason_)},
      {"map", Call("GET", "/api/v1/mappings/map-county-line/map", "", &s, reason_)},
      {"no such address", Call("GET", "/api/v1/nowhere", "", &s)},
      {"sign-out without a session", Call("DELETE", "/api/v1/session")},
      {"sign-out cross-site",
       Call("DELETE", "/api/v1/session", "", &s, {{"Sec-Fetch-Site", "cross-site"}})},
      {"sign-out from elsewhere",
       Call("DELETE", "/api/v1/session", "", &s, {{"Origin", "https://evil.example"}})},
      {"sign-out with a wrong method", Call("PUT", "/api/v1/session", "{}", &s)}};
  Session no_token = s;
  no_token.csrf = "";
  others.emplace_back("sign-out without the CSRF token",
                      Call("DELETE", "/api/v1/session", "", &no_token));
  // And every route of the table, each kind's included, as the description's test calls them.
  for (const http::RouteInfo& r : http::Api::Routes()) {
    if (r.method == "DELETE" && r.pattern == "/api/v1/session") continue;
    std::vector<std::string> paths;
    if (r.pattern.find("{kind}") == std::string::npos) {
      paths.push_back(r.pattern);
    } else {
      ForEachKind([&]<class T>(std::type_identity<T>) {
        std::string p = r.pattern;
        p.replace(p.find("{kind}"), 6, RecordTraits<T>::kPlural);
        paths.push_back(p);
      });
    }
    for (std::string& p : paths) {
      if (auto at = p.find("{id}"); at != std::string::npos) p.replace(at, 4, "x-1");
      others.emplace_back(r.method + " " + p, Call(r.method, p, "{}", &s, reason_));
    }
  }
  for (const auto& [what, res] : others) {
    EXPECT_EQ(HeaderOf(res, kClear), "") << what << " (" << res.status << ")";
  }
  // The session is still live after all that; signing out clears the cache and storage.
  auto out = Call("DELETE", "/api/v1/session", "", &s);
  ASSERT_EQ(out.status, 204);
  EXPECT_EQ(HeaderOf(out, kClear), "\"cache\", \"storage\"");
  EXPECT_EQ(std::count_if(out.headers.begin(), out.headers.end(),
                          [&](const auto& h) { return h.first == kClear; }),
            1);
  // Signing out again, with the session gone, is refused and clears nothing.
  auto again = Call("DELETE", "/api/v1/session", "", &s);
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(HeaderOf(again, kClear), "");
}

TEST_F(ApiTest, DisablingAUserEndsTheirSessions) {
  Session s = SignIn("test.chair");
  ASSERT_TRUE(auth::DisableUser(*store_, "test.chair").ok());
  EXPECT_EQ(Call("GET", "/api/v1/session", "", &s).status, 401);
  now_ += 30;
  EXPECT_EQ(SignInRaw("test.chair", kPassword, CodeFor("test.chair")).status, 401);
}

TEST_F(ApiTest, StateChangingRequestsNeedTheCsrfTokenAndTheSameOrigin) {
  Session s = SignIn("test.chair");
  Session no_token = s;
  no_token.csrf = "";
  auto missing = Call("DELETE", "/api/v1/session", "", &no_token);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(ErrorCode(missing), "permission_denied");
  Session wrong = s;
  wrong.csrf = "AAAAAAAAAAAAAAAAAAAAAA";
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", &wrong).status, 403);
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", &s, {{"Origin", "https://evil.example"}}).status,
            403);
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", &s, {{"Sec-Fetch-Site", "cross-site"}}).status,
            403);
  // Sign-in itself is protected from cross-site forms too.
  auto forged = Call("POST", "/api/v1/session", "{}", nullptr, {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(forged.status, 403);
  // The session survived all that; the same origin with the token works.
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", &s,
                 {{"Origin", "http://contextmap.test"}, {"Sec-Fetch-Site", "same-origin"}})
                .status,
            204);
}

TEST_F(ApiTest, EveryResponseCarriesTheSecurityHeaders) {
  Session s = SignIn("test.chair");
  std::vector<http::ApiResponse> responses = {
      Call("GET", "/api/v1/health"), Call("GET", "/api/v1/nowhere"),
      Call("GET", "/api/v1/session", "", &s), Call("GET", "/api/v1/subjects/x", "", &s)};
  // The headers are added by the server around every Api response (server.h); the Api's part
  // is tested here through SecurityHeaders, the server's in server_test.cc.
  auto headers = http::SecurityHeaders("abc123", false);
  std::map<std::string, std::string> h(headers.begin(), headers.end());
  EXPECT_EQ(h["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(h["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(h["Cache-Control"], "no-store");
  EXPECT_NE(h["Content-Security-Policy"].find("script-src 'self' 'nonce-abc123'"),
            std::string::npos);
  EXPECT_NE(h["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(h["Content-Security-Policy"].find("unsafe-inline"), std::string::npos);
  EXPECT_FALSE(h.contains("Strict-Transport-Security"));
  auto tls = http::SecurityHeaders("n", true);
  std::map<std::string, std::string> t(tls.begin(), tls.end());
  EXPECT_EQ(t["Strict-Transport-Security"], "max-age=31536000; includeSubDomains");
  for (const auto& r : responses) EXPECT_EQ(r.content_type, "application/json");
}

TEST_F(ApiTest, TwoClientsEditingFromTheSameVersionTheSecondGets412) {
  Session a = SignIn("test.chair");
  Session b = SignIn("test.analyst");
  std::string id = FirstSubjectOn("map-county-line");
  auto read_a = Call("GET", "/api/v1/subjects/" + id, "", &a, reason_);
  auto read_b = Call("GET", "/api/v1/subjects/" + id, "", &b, reason_);
  ASSERT_EQ(read_a.status, 200);
  std::string etag = HeaderOf(read_a, "ETag");
  EXPECT_EQ(etag, HeaderOf(read_b, "ETag"));
  json first = Body(read_a);
  first["description"] = "Change from the chair.";
  json second = Body(read_b);
  second["description"] = "Change from the analyst.";
  auto put_a = Call("PUT", "/api/v1/subjects/" + id, first.dump(), &a, {{"If-Match", etag}});
  ASSERT_EQ(put_a.status, 200) << put_a.body;
  EXPECT_NE(HeaderOf(put_a, "ETag"), etag);
  auto put_b = Call("PUT", "/api/v1/subjects/" + id, second.dump(), &b, {{"If-Match", etag}});
  EXPECT_EQ(put_b.status, 412);
  EXPECT_EQ(ErrorCode(put_b), "version_conflict");
  // Nothing was lost: the first change stands.
  EXPECT_EQ(GetAs<Subject>(*store_, id)->description, "Change from the chair.");
  // Without If-Match the write is refused outright.
  auto blind = Call("PUT", "/api/v1/subjects/" + id, second.dump(), &b);
  EXPECT_EQ(blind.status, 428);
  EXPECT_EQ(Call("DELETE", "/api/v1/subjects/" + id, "", &b).status, 428);
}

TEST_F(ApiTest, ConcurrentWritersFromOneVersionExactlyOneWins) {
  std::vector<Session> sessions = {SignIn("test.chair"), SignIn("test.analyst")};
  std::string id = FirstSubjectOn("map-county-line");
  auto read = Call("GET", "/api/v1/subjects/" + id, "", &sessions[0], reason_);
  std::string etag = HeaderOf(read, "ETag");
  std::vector<int> statuses(8);
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      json body = Body(read);
      body["description"] = "Writer " + std::to_string(i);
      statuses[i] =
          Call("PUT", "/api/v1/subjects/" + id, body.dump(), &sessions[i % 2], {{"If-Match", etag}})
              .status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 412), 7);
}

TEST_F(ApiTest, BadInputGetsAClearErrorAndChangesNothing) {
  Session s = SignIn("test.chair");
  std::string before;
  {
    auto b = store_->Export({});
    std::ostringstream out;
    WriteBundle(*b, out);
    before = out.str();
  }
  auto post = [&](const std::string& path, const std::string& body) {
    return Call("POST", path, body, &s);
  };
  auto not_json = post("/api/v1/key_questions", "{not json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(ErrorCode(not_json), "invalid_argument");
  EXPECT_EQ(post("/api/v1/key_questions", "[1,2]").status, 400);
  auto wrong_type = post("/api/v1/key_questions",
                         R"({"mapping_id":"map-county-line","question":7,"status":"open"})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(Body(wrong_type)["error"]["field"], "/question");
  auto deep = post("/api/v1/key_questions", std::string(100, '[') + std::string(100, ']'));
  EXPECT_EQ(deep.status, 400);
  EXPECT_NE(deep.body.find("deeper than 32"), std::string::npos);
  auto huge = post("/api/v1/key_questions", std::string((1 << 20) + 1, ' '));
  EXPECT_EQ(huge.status, 413);
  auto bad_date = post(
      "/api/v1/key_questions",
      R"({"mapping_id":"map-county-line","question":"Who is the adult at the flat?","status":"open","due_on":"2026-02-31"})");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(Body(bad_date)["error"]["field"], "/due_on");
  auto bad_page = Call("GET", "/api/v1/agencies", "", &s, {}, {{"limit", "100000"}});
  EXPECT_EQ(bad_page.status, 400);
  EXPECT_EQ(Body(bad_page)["error"]["field"], "limit");
  auto no_filter = Call("GET", "/api/v1/actions", "", &s);
  EXPECT_EQ(no_filter.status, 400);
  auto bad_field = Call("GET", "/api/v1/actions", "", &s, {}, {{"description", "x"}});
  EXPECT_EQ(bad_field.status, 400);
  EXPECT_EQ(Call("PATCH", "/api/v1/actions/act-01", "{}", &s).status, 405);
  EXPECT_EQ(Call("GET", "/api/v1/no-such-kind", "", &s).status, 404);
  // Errors never carry SQL or internals.
  for (const auto& r : {not_json, wrong_type, deep, huge, bad_date, bad_page, no_filter}) {
    for (const char* word : {"SELECT", "sqlite", "INSERT", "nlohmann", "what():"}) {
      EXPECT_EQ(r.body.find(word), std::string::npos) << r.body;
    }
  }
  auto b = store_->Export({});
  std::ostringstream out;
  WriteBundle(*b, out);
  EXPECT_EQ(out.str(), before);
}

TEST_F(ApiTest, ViewingAPersonNeedsAReasonWhichTheAuditLogKeeps) {
  Session s = SignIn("test.chair");
  std::string id = FirstSubjectOn("map-county-line");
  auto no_reason = Call("GET", "/api/v1/subjects/" + id, "", &s);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Body(no_reason)["error"]["field"], "reason");
  EXPECT_EQ(Call("GET", "/api/v1/mappings/map-county-line/map", "", &s).status, 400);
  auto with = Call("GET", "/api/v1/subjects/" + id, "", &s,
                   {{"ContextMap-Reason", "preparing the review meeting"}});
  EXPECT_EQ(with.status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/mappings/map-county-line/map", "", &s, reason_).status, 200);
  auto seen = store_->AuditForSubject(id);
  ASSERT_TRUE(seen.ok());
  bool direct = false;
  bool via_map = false;
  for (const AuditEntry& e : *seen) {
    direct |= e.action == "view" && e.user_id == chair_id_ &&
              e.reason == "preparing the review meeting" && e.remote == "127.0.0.1";
    via_map |=
        e.action == "view_map" && e.mapping_id == "map-county-line" && e.reason == "review meeting";
  }
  EXPECT_TRUE(direct);
  EXPECT_TRUE(via_map);
  auto verified = store_->VerifyAudit();
  EXPECT_TRUE(verified->intact) << verified->problem;
}

TEST_F(ApiTest, EveryReadOfCaseRecordsNeedsAReasonReferenceDataDoesNot) {
  Session s = SignIn("test.chair");
  auto factors = store_->List(ListBy(RecordKind::kFactor, "mapping_id", "map-county-line"));
  ASSERT_TRUE(factors.ok() && !factors->empty());
  std::string factor = BaseOf(factors->front()).id;
  for (const std::string& path :
       {"/api/v1/factors/" + factor, std::string("/api/v1/mappings/map-county-line"),
        std::string("/api/v1/information/inf-10")}) {
    auto res = Call("GET", path, "", &s);
    EXPECT_EQ(res.status, 400) << path;
    EXPECT_EQ(Body(res)["error"]["field"], "reason") << path;
    EXPECT_EQ(Call("GET", path, "", &s, reason_).status, 200) << path;
  }
  auto list = Call("GET", "/api/v1/actions", "", &s, {}, {{"mapping_id", "map-county-line"}});
  EXPECT_EQ(list.status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/agencies/agy-police", "", &s).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/users", "", &s).status, 200);
}

TEST_F(ApiTest, AReasonIsOneLineOfUtf8AndQueriesAreUtf8) {
  Session s = SignIn("test.chair");
  std::string path = "/api/v1/mappings/map-county-line";
  for (const std::string& bad : {std::string("review \xC3\x28 meeting"),
                                 std::string("review\nmeeting"), std::string(1001, 'r')}) {
    auto res = Call("GET", path, "", &s, {{"ContextMap-Reason", bad}});
    EXPECT_EQ(res.status, 400);
    EXPECT_EQ(Body(res)["error"]["field"], "reason");
  }
  EXPECT_EQ(Call("GET", path, "", &s, {{"ContextMap-Reason", "réunion d'examen"}}).status, 200);
  auto query = Call("GET", "/api/v1/actions", "", &s, reason_, {{"mapping_id\xFF", "x"}});
  EXPECT_EQ(query.status, 400);
  EXPECT_EQ(Body(query)["error"]["field"], "query");
}

TEST_F(ApiTest, WhoViewedFindsReadsOfItemsAboutALinkUnderBothItsEnds) {
  // inf-12 is police's item about lnk-23, a link between two subjects of map-county-line.
  Session s = SignIn("test.chair");  // police, a member of map-county-line
  auto item = Call("GET", "/api/v1/information/inf-12", "", &s, reason_);
  ASSERT_EQ(item.status, 200) << item.body;
  auto link = store_->Get(RecordKind::kLink, Body(item)["link_id"].get<std::string>());
  ASSERT_TRUE(link.ok());
  for (const std::string& end :
       {std::get<Link>(*link).from_subject_id, std::get<Link>(*link).to_subject_id}) {
    auto seen = store_->AuditForSubject(end);
    ASSERT_TRUE(seen.ok());
    bool found = std::any_of(seen->begin(), seen->end(), [&](const AuditEntry& e) {
      return e.action == "view" && e.record_id == "inf-12" && e.user_id == chair_id_;
    });
    EXPECT_TRUE(found) << "who-viewed " << end << " misses the read of inf-12";
  }
}

TEST_F(ApiTest, AMadeUpIdInAnAddressReachesNeitherTheLogNorTheAuditLog) {
  Session s = SignIn("test.chair");
  int64_t before = LastAuditSeq();
  auto res = Call("GET", "/api/v1/subjects/sub-jane-placeholder-smith", "", &s, reason_);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.record_id, "");  // what the request log prints after id=
  auto raw = storage::OpenSqlite(path_.string());
  ASSERT_TRUE(raw.ok());
  storage::SqlValue p = before;
  int rows = 0;
  auto r = (*raw)->Run("SELECT record_id FROM audit_log WHERE seq > ?", {&p, 1},
                       [&](const storage::SqlRow& row) {
                         ++rows;
                         EXPECT_TRUE(row.IsNull(0)) << row.Text(0);
                         return Status::Ok();
                       });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(rows, 1);  // the miss is on record, without the made-up id
  // A record that exists and may be seen is named.
  EXPECT_EQ(Call("GET", "/api/v1/information/inf-12", "", &s, reason_).record_id, "inf-12");
}

TEST_F(ApiTest, ChangesReachPeopleWatchingTheMappingWithinASecond) {
  Session watcher = SignIn("test.analyst");
  Session editor = SignIn("test.chair");
  auto events = Call("GET", "/api/v1/mappings/map-county-line/events", "", &watcher);
  ASSERT_EQ(events.status, 200);
  ASSERT_NE(events.stream, nullptr);
  EXPECT_EQ(events.content_type, "text/event-stream");
  auto hello = events.stream->Next(std::chrono::milliseconds(10));
  ASSERT_TRUE(hello.has_value());

  std::string id = FirstSubjectOn("map-county-line");
  std::thread edit([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto read = Call("GET", "/api/v1/subjects/" + id, "", &editor, reason_);
    json body = Body(read);
    body["description"] = "Seen at the station.";
    Call("PUT", "/api/v1/subjects/" + id, body.dump(), &editor,
         {{"If-Match", HeaderOf(read, "ETag")}});
  });
  auto started = std::chrono::steady_clock::now();
  std::string got;
  while (got.find("event: change") == std::string::npos &&
         std::chrono::steady_clock::now() - started < std::chrono::seconds(2)) {
    auto chunk = events.stream->Next(std::chrono::milliseconds(1000));
    ASSERT_TRUE(chunk.has_value());
    got += *chunk;
  }
  auto took = std::chrono::steady_clock::now() - started;
  edit.join();
  EXPECT_NE(got.find("\"id\":\"" + id + "\""), std::string::npos) << got;
  EXPECT_NE(got.find("\"op\":\"update\""), std::string::npos) << got;
  EXPECT_LT(took, std::chrono::seconds(1));
  // Ids only: no names or text travel in events.
  EXPECT_EQ(got.find("Seen at the station"), std::string::npos);

  // Signing out ends the stream.
  EXPECT_EQ(Call("DELETE", "/api/v1/session", "", &watcher).status, 204);
  EXPECT_FALSE(events.stream->Next(std::chrono::milliseconds(10)).has_value());
}

TEST_F(ApiTest, ListenersDoNotHearOfItemsTheirAgencyMayNotSee) {
  Session watcher = SignIn("test.analyst");  // agy-csc
  Session editor = SignIn("test.chair");     // agy-police
  auto events = Call("GET", "/api/v1/mappings/map-county-line/events", "", &watcher);
  ASSERT_NE(events.stream, nullptr);
  events.stream->Next(std::chrono::milliseconds(10));
  json item = {{"mapping_id", "map-county-line"},
               {"subject_id", FirstSubjectOn("map-county-line")},
               {"source_agency_id", "agy-police"},
               {"text", "Police only."},
               {"captured_on", "2026-11-20"},
               {"recorded_on", "2026-11-20"},
               {"source", "2"},
               {"assessment", "B"},
               {"handling", "C"},
               {"handling_conditions", {{"text", "Police only."}}},
               {"evidence", "evidenced"}};
  auto created = Call("POST", "/api/v1/information", item.dump(), &editor);
  ASSERT_EQ(created.status, 201) << created.body;
  auto chunk = events.stream->Next(std::chrono::milliseconds(300));
  ASSERT_TRUE(chunk.has_value());
  EXPECT_EQ(chunk->find(Body(created)["id"].get<std::string>()), std::string::npos) << *chunk;
  // ... and the analyst cannot read it either.
  EXPECT_EQ(Call("GET", "/api/v1/information/" + Body(created)["id"].get<std::string>(), "",
                 &watcher, reason_)
                .status,
            404);
}

TEST_F(ApiTest, AddingASubjectThroughItsMappingIsOneChange) {
  Session s = SignIn("test.chair");
  json body = {{"subject",
                {{"kind", "adult"},
                 {"label", "Adult in the blue car"},
                 {"full_name", "Unknown Placeholder"},
                 {"dob_precision", "unknown"},
                 {"gender", "male"}}},
               {"mapping_subject", {{"role", "adult_of_concern"}}}};
  auto res = Call("POST", "/api/v1/mappings/map-county-line/subjects", body.dump(), &s);
  ASSERT_EQ(res.status, 201) << res.body;
  std::string id = Body(res)["subject"]["id"];
  EXPECT_EQ(Call("GET", "/api/v1/subjects/" + id, "", &s, reason_).status, 200);
  // A bad mapping_subject leaves no subject behind.
  body["subject"]["label"] = "Second adult";
  body["mapping_subject"]["role"] = "location_of_concern";
  auto bad = Call("POST", "/api/v1/mappings/map-county-line/subjects", body.dump(), &s);
  EXPECT_EQ(bad.status, 400);
  auto on = store_->List(ListBy(RecordKind::kSubject, "mapping_id", "map-county-line"));
  int seconds = 0;
  for (const Record& r : *on) seconds += std::get<Subject>(r).label == "Second adult";
  EXPECT_EQ(seconds, 0);
}

TEST_F(ApiTest, ListsArePagedById) {
  Session s = SignIn("test.chair");
  std::vector<std::string> ids;
  std::string after;
  for (int page = 0; page < 100; ++page) {
    std::vector<std::pair<std::string, std::string>> q = {{"limit", "3"},
                                                          {"mapping_id", "map-county-line"}};
    if (!after.empty()) q.emplace_back("after", after);
    json body = Body(Call("GET", "/api/v1/mapping_subjects", "", &s, reason_, q));
    for (const auto& item : body["items"]) ids.push_back(item["id"]);
    EXPECT_LE(body["items"].size(), 3u);
    if (body["next_after"].is_null()) break;
    after = body["next_after"];
  }
  auto all = store_->List(ListBy(RecordKind::kMappingSubject, "mapping_id", "map-county-line"));
  ASSERT_EQ(ids.size(), all->size());
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST_F(ApiTest, TheApiDescriptionMatchesTheRouteTableBothWays) {
  json doc = json::parse(http::Api::OpenApiJson());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> described;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (char& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      described.insert(m.append(" ").append(path));
      EXPECT_NE(op.value("x-policy", ""), "undeclared") << path;
    }
  }
  std::set<std::string> served;
  for (const http::RouteInfo& r : http::Api::Routes()) {
    if (r.pattern.find("{kind}") == std::string::npos) {
      served.insert(r.method + " " + r.pattern);
      continue;
    }
    ForEachKind([&]<class T>(std::type_identity<T>) {
      std::string p = r.pattern;
      p.replace(p.find("{kind}"), 6, RecordTraits<T>::kPlural);
      served.insert(r.method + " " + p);
    });
  }
  EXPECT_EQ(described, served);
  // Every described path answers something other than "no such address".
  Session s = SignIn("test.chair");
  for (const std::string& entry : described) {
    std::string method = entry.substr(0, entry.find(' '));
    std::string path = entry.substr(entry.find(' ') + 1);
    if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, "x-1");
    if (method == "DELETE" && path == "/api/v1/session") continue;
    auto res = Call(method, path, "{}", &s, reason_);
    EXPECT_NE(ErrorCode(res), "method_not_allowed") << entry;
    EXPECT_FALSE(res.status == 404 && res.body.find("no such address") != std::string::npos)
        << entry;
  }
  // docs/openapi.json is the same text (regenerate with `contextmap openapi`).
  std::ifstream file(std::string(CONTEXTMAP_SOURCE_DIR) + "/docs/openapi.json");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), http::Api::OpenApiJson())
      << "docs/openapi.json is stale: run contextmap openapi > docs/openapi.json";
}

TEST_F(ApiTest, BehindTheTlsProxyTheClientsAddressIsAudited) {
  http::ApiOptions o;
  o.behind_tls = true;
  o.now = [this] { return now_.load(); };
  o.today = [] { return kApiToday; };
  http::Api proxied(o, pool_.get(), audit_.get(), &events_);
  auto remote_of_last_row = [&] {
    auto raw = storage::OpenSqlite(path_.string());
    std::string remote;
    auto r = (*raw)->Run("SELECT remote FROM audit_log ORDER BY seq DESC LIMIT 1", {},
                         [&](const storage::SqlRow& row) {
                           remote = std::string(row.Text(0));
                           return Status::Ok();
                         });
    EXPECT_TRUE(r.ok());
    return remote;
  };
  http::ApiRequest req;
  req.method = "POST";
  req.path = "/api/v1/session";
  req.body = R"({"username":"test.chair","password":"wrong wrong wrong","code":"123456"})";
  req.headers["x-forwarded-for"] = "203.0.113.9";
  req.remote = "127.0.0.1";  // the proxy
  EXPECT_EQ(proxied.Handle(req).status, 401);
  EXPECT_EQ(remote_of_last_row(), "203.0.113.9");
  req.remote = "198.51.100.4";  // not the proxy: the header is the client's own claim
  EXPECT_EQ(proxied.Handle(req).status, 401);
  EXPECT_EQ(remote_of_last_row(), "198.51.100.4");
  req.remote = "127.0.0.1";
  req.headers["x-forwarded-for"] = "203.0.113.9, <script>";
  EXPECT_EQ(proxied.Handle(req).status, 401);
  EXPECT_EQ(remote_of_last_row(), "127.0.0.1");
}

TEST_F(ApiTest, TheWholeMappingReadShowsEveryChange) {
  Session s = SignIn("test.chair");
  std::string path = "/api/v1/mappings/map-county-line/map";
  auto count_questions = [&] {
    json bundle = Body(Call("GET", path, "", &s, reason_));
    return bundle.contains("key_questions") ? bundle["key_questions"].size() : 0u;
  };
  std::size_t before = count_questions();
  EXPECT_EQ(count_questions(), before);  // read twice (the second from the cache)
  json kq = {{"mapping_id", "map-county-line"},
             {"question", "Who drives the blue car?"},
             {"status", "open"}};
  ASSERT_EQ(Call("POST", "/api/v1/key_questions", kq.dump(), &s).status, 201);
  EXPECT_EQ(count_questions(), before + 1);  // a change through the server shows at once
  KeyQuestion direct;
  direct.mapping_id = "map-county-line";
  direct.question = "Where does the car park overnight?";
  Record r = direct;
  ASSERT_TRUE(store_->Create(&r).ok());  // a change made elsewhere (another process)
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(count_questions(), before + 2);  // shows within a second
}

TEST_F(ApiTest, UnderConcurrentWritesEveryoneReadsTheirOwnWrite) {
  // Writers and readers at once: builds of the map overlap writes and queue behind one
  // another, yet a read that starts after a write has been answered always includes it.
  Session s = SignIn("test.chair");
  std::string path = "/api/v1/mappings/map-county-line/map";
  std::atomic<int> missing{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> workers;
  workers.reserve(4);
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (int i = 0; i < 8; ++i) {
        std::string question = "Who else uses flat " + std::to_string(w * 100 + i) + "?";
        json kq = {{"mapping_id", "map-county-line"}, {"question", question}, {"status", "open"}};
        if (Call("POST", "/api/v1/key_questions", kq.dump(), &s).status != 201) ++failed;
        http::ApiResponse map = Call("GET", path, "", &s, reason_);
        if (map.status != 200) ++failed;
        if (map.Body().find(question) == std::string_view::npos) ++missing;
      }
    });
  }
  for (std::thread& t : workers) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(missing.load(), 0);
}

// The gzip stream `data`, inflated; "" when it is not one.
std::string Gunzip(std::string_view data) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return {};
  std::string out;
  char buffer[1 << 14];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

TEST_F(ApiTest, TheWholeMappingReadIsGzippedForClientsThatAccept) {
  Session s = SignIn("test.chair");
  std::string path = "/api/v1/mappings/map-county-line/map";
  auto header = [](const http::ApiResponse& res, const std::string& name) {
    for (const auto& [k, v] : res.headers) {
      if (k == name) return v;
    }
    return std::string();
  };
  auto read = [&](const std::string& accept) {
    std::map<std::string, std::string> h = reason_;
    if (!accept.empty()) h["Accept-Encoding"] = accept;
    return Call("GET", path, "", &s, h);
  };
  http::ApiResponse plain = read("");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");
  ASSERT_TRUE(Body(plain).contains("subjects"));
  for (const char* accept : {"gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "*"}) {
    http::ApiResponse zipped = read(accept);
    ASSERT_EQ(zipped.status, 200) << accept;
    EXPECT_EQ(header(zipped, "Content-Encoding"), "gzip") << accept;
    EXPECT_LT(zipped.Body().size(), plain.Body().size() / 3) << accept;
    EXPECT_EQ(Gunzip(zipped.Body()), plain.Body()) << accept;
  }
  for (const char* accept :
       {"br", "identity", "gzip;q=0", "gzip; q=0.000, br", "*;q=0", "gzip;q=0, *", "deflate"}) {
    http::ApiResponse same = read(accept);
    ASSERT_EQ(same.status, 200) << accept;
    EXPECT_EQ(header(same, "Content-Encoding"), "") << accept;
    EXPECT_EQ(same.Body(), plain.Body()) << accept;
  }
}

TEST_F(ApiTest, CallsBeyondTheWorkSlotsQueueAndAllAreAnswered) {
  // One slot and one password check at a time: sign-ins wait for the password slot, and
  // readers wait for one map build, each with the work slot given up meanwhile. If a waiter
  // kept its slot, these calls would deadlock and the test would time out.
  Session s = SignIn("test.chair");
  http::ApiOptions o;
  o.now = [this] { return now_.load(); };
  o.today = [] { return kApiToday; };
  o.max_concurrent_requests = 1;
  o.max_concurrent_password_checks = 1;
  http::Api narrow(o, pool_.get(), audit_.get(), &events_);
  int caller = 0;
  auto request = [&](bool sign_in) {
    http::ApiRequest req;
    // Each from an address of its own, and for nobody's account: no throttle or lock-out.
    req.remote = "198.51.100." + std::to_string(++caller);
    req.headers["host"] = "contextmap.test";
    if (sign_in) {
      req.method = "POST";
      req.path = "/api/v1/session";
      req.body = R"({"username":"nobody.here","password":"not the password","code":"123456"})";
    } else {
      req.method = "GET";
      req.path = "/api/v1/mappings/map-county-line/map";
      req.headers["cookie"] = std::string(http::kSessionCookie) + "=" + s.token;
      req.headers["contextmap-reason"] = "review meeting";
    }
    return req;
  };
  for (int round = 0; round < 3; ++round) {
    // A write between rounds makes the next round's readers wait for a fresh build.
    json kq = {{"mapping_id", "map-county-line"},
               {"question", "Round " + std::to_string(round)},
               {"status", "open"}};
    ASSERT_EQ(Call("POST", "/api/v1/key_questions", kq.dump(), &s).status, 201);
    std::vector<int> statuses(8, 0);
    std::vector<http::ApiRequest> requests;
    std::vector<std::thread> callers;
    requests.reserve(8);
    callers.reserve(8);
    for (int i = 0; i < 8; ++i) requests.push_back(request(i % 4 == 0));
    for (int i = 0; i < 8; ++i) {
      callers.emplace_back([&, i] { statuses[i] = narrow.Handle(requests[i]).status; });
    }
    for (std::thread& t : callers) t.join();
    for (int i = 0; i < 8; ++i) EXPECT_EQ(statuses[i], i % 4 == 0 ? 401 : 200) << round << " " << i;
  }
}

TEST_F(ApiTest, UndeclaredPoliciesAreNeverServed) {
  for (const http::RouteInfo& r : http::Api::Routes()) {
    EXPECT_NE(r.policy, http::Policy::kUndeclared) << r.method << " " << r.pattern;
  }
}

}  // namespace
}  // namespace contextmap::testing
