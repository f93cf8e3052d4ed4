// The server over real sockets: security headers on every response (the library's own
// refusals included), live updates across connections within a second, and a log that never
// holds names, intelligence text or reasons, even when a client puts them in the address.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "contextmap/auth/accounts.h"
#include "contextmap/auth/crypto.h"
#include "contextmap/core/demo.h"
#include "contextmap/http/server.h"

namespace contextmap {
namespace {

using nlohmann::json;

const Date kToday(2026, 11, 23);
constexpr const char* kPassword = "a long enough test password";
// Planted in the data, the reasons and the addresses; must never reach the log.
constexpr const char* kPlantedName = "Zanzibar Plantedname";
constexpr const char* kPlantedText = "seen getting into the plum-coloured van";
constexpr const char* kPlantedReason = "asked by Quentin Reasonwriter";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("server_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "s.db").string();
    auto store = Store::Open(url_, StoreOptions{[] { return kToday; }});
    ASSERT_TRUE(store.ok());
    Bundle demo;
    for (Record& r : DemoPartnership(kToday)) demo.of(KindOf(r)).push_back(std::move(r));
    ProblemList problems;
    ImportStats stats;
    ASSERT_TRUE((*store)->Import(demo, &problems, &stats).ok());
    for (const char* name : {"one", "two"}) {
      User u;
      u.username = std::string("server.") + name;
      u.full_name = "Test Person";
      u.agency_id = "agy-police";
      u.role = UserRole::kChair;
      auto e = auth::AddUser(**store, u, kPassword, Now());
      ASSERT_TRUE(e.ok()) << e.status().ToString();
      MappingMember m;
      m.mapping_id = "map-county-line";
      m.user_id = e->user_id;
      Record r = m;
      ASSERT_TRUE((*store)->Create(&r).ok());
      secrets_.push_back(e->totp_secret);
    }
    http::ServerOptions o;
    o.port = 0;
    o.store_url = url_;
    o.store.today = [] { return kToday; };
    o.api.today = [] { return kToday; };
    o.threads = 8;
    o.log = [this](const std::string& line) {
      std::lock_guard lock(log_mu_);
      log_ += line + "\n";
    };
    auto server = http::Server::Start(o);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    runner_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    for (int i = 0; i < 100 && !client_->Get("/api/v1/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  static int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  struct Signed {
    httplib::Headers headers;  // cookie and CSRF token
  };

  Signed SignIn(int who) {
    auto code = auth::TotpCode(secrets_[who], Now());
    json body = {{"username", who == 0 ? "server.one" : "server.two"},
                 {"password", kPassword},
                 {"code", *code}};
    auto res = client_->Post("/api/v1/session", body.dump(), "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 201) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    Signed s;
    s.headers.emplace("Cookie", cookie.substr(0, cookie.find(';')));
    s.headers.emplace("X-CSRF-Token", json::parse(res->body)["csrf_token"].get<std::string>());
    s.headers.emplace("ContextMap-Reason", kPlantedReason);
    return s;
  }

  std::string Log() {
    std::lock_guard lock(log_mu_);
    return log_;
  }

  static void ExpectSecurityHeaders(const httplib::Result& res) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
    std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'nonce-"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(res->headers.count("Content-Security-Policy"), 1u);
  }

  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
  std::string url_;
  std::vector<std::string> secrets_;
  std::unique_ptr<http::Server> server_;
  std::thread runner_;
  std::unique_ptr<httplib::Client> client_;
  std::mutex log_mu_;
  std::string log_;
};

TEST_F(ServerTest, EveryResponseCarriesSecurityHeadersWithAFreshNonce) {
  auto health = client_->Get("/api/v1/health");
  ExpectSecurityHeaders(health);
  EXPECT_EQ(health->status, 200);
  auto again = client_->Get("/api/v1/health");
  EXPECT_NE(health->get_header_value("Content-Security-Policy"),
            again->get_header_value("Content-Security-Policy"));
  ExpectSecurityHeaders(client_->Get("/api/v1/nowhere"));
  ExpectSecurityHeaders(client_->Get("/api/v1/mappings"));  // 401
  // Refused by the HTTP library itself: a body over the limit.
  auto big = client_->Post("/api/v1/session", std::string((1 << 20) + 10, 'x'), "application/json");
  ExpectSecurityHeaders(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_NE(big->body.find("\"code\":\"payload_too_large\""), std::string::npos) << big->body;
  EXPECT_EQ(big->get_header_value("Strict-Transport-Security"), "");  // not behind TLS here
}

TEST_F(ServerTest, ChangesReachAnotherConnectionWithinASecond) {
  Signed watcher = SignIn(0);
  Signed editor = SignIn(1);
  std::mutex mu;
  std::string received;
  std::atomic<bool> stop{false};
  std::chrono::steady_clock::time_point seen_at;
  httplib::Client stream("127.0.0.1", server_->port());
  stream.set_read_timeout(5);
  std::thread listener([&] {
    stream.Get("/api/v1/mappings/map-county-line/events", watcher.headers,
               [&](const char* data, std::size_t n) {
                 std::lock_guard lock(mu);
                 received.append(data, n);
                 if (received.find("event: change") != std::string::npos &&
                     seen_at == std::chrono::steady_clock::time_point{}) {
                   seen_at = std::chrono::steady_clock::now();
                 }
                 return !stop.load();
               });
  });
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::lock_guard lock(mu);
    if (received.find("connected") != std::string::npos) break;
  }
  auto on =
      client_->Get("/api/v1/mapping_subjects?mapping_id=map-county-line&limit=1", editor.headers);
  std::string subject = json::parse(on->body)["items"][0]["subject_id"];
  auto read = client_->Get("/api/v1/subjects/" + subject, editor.headers);
  ASSERT_EQ(read->status, 200) << read->body;
  json body = json::parse(read->body);
  body["description"] = "Updated during the meeting.";
  httplib::Headers put_headers = editor.headers;
  put_headers.emplace("If-Match", read->get_header_value("ETag"));
  auto sent_at = std::chrono::steady_clock::now();
  auto put =
      client_->Put("/api/v1/subjects/" + subject, put_headers, body.dump(), "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  for (int i = 0; i < 150; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::lock_guard lock(mu);
    if (seen_at != std::chrono::steady_clock::time_point{}) break;
  }
  stop = true;
  server_->Stop();  // ends the stream
  listener.join();
  std::lock_guard lock(mu);
  ASSERT_NE(seen_at, std::chrono::steady_clock::time_point{}) << received;
  EXPECT_LT(seen_at - sent_at, std::chrono::seconds(1));
  EXPECT_NE(received.find(subject), std::string::npos);
}

TEST_F(ServerTest, NamesIntelligenceAndReasonsNeverReachTheLog) {
  Signed s = SignIn(0);
  // Plant a named person with intelligence about them, through the API.
  json person = {{"subject",
                  {{"kind", "adult"},
                   {"label", kPlantedName},
                   {"full_name", kPlantedName},
                   {"dob_precision", "unknown"}}},
                 {"mapping_subject", {{"role", "adult_of_concern"}}}};
  auto added = client_->Post("/api/v1/mappings/map-county-line/subjects", s.headers, person.dump(),
                             "application/json");
  ASSERT_EQ(added->status, 201) << added->body;
  std::string id = json::parse(added->body)["subject"]["id"];
  json item = {{"mapping_id", "map-county-line"},
               {"subject_id", id},
               {"source_agency_id", "agy-police"},
               {"text", kPlantedText},
               {"captured_on", "2026-11-20"},
               {"recorded_on", "2026-11-20"},
               {"source", "2"},
               {"assessment", "B"},
               {"handling", "P"},
               {"evidence", "anecdotal"}};
  auto info = client_->Post("/api/v1/information", s.headers, item.dump(), "application/json");
  ASSERT_EQ(info->status, 201) << info->body;
  // Read them back every way there is, including malformed and refused requests that carry
  // the name in the address, the query and the body.
  client_->Get("/api/v1/subjects/" + id, s.headers);
  client_->Get("/api/v1/mappings/map-county-line/map", s.headers);
  client_->Get("/api/v1/information?subject_id=" + id, s.headers);
  client_->Get("/api/v1/subjects/Zanzibar%20Plantedname", s.headers);
  client_->Get("/api/v1/subjects?full_name=Zanzibar%20Plantedname", s.headers);
  client_->Get("/api/v1/Zanzibar%20Plantedname", s.headers);
  client_->Post("/api/v1/subjects", s.headers, person.dump(), "application/json");
  client_->Post("/api/v1/information", s.headers,
                "{\"text\": \"seen getting into the plum-coloured van\", \"broken",
                "application/json");
  client_->Get("/api/v1/subjects/" + id);  // not signed in
  std::string log = Log();
  EXPECT_GT(std::count(log.begin(), log.end(), '\n'), 10) << log;
  for (const char* planted :
       {"Zanzibar", "Plantedname", "plum-coloured", "Quentin", "Reasonwriter"}) {
    EXPECT_EQ(log.find(planted), std::string::npos) << planted << " reached the log:\n" << log;
  }
  // Nor do the demo's invented names.
  Bundle demo;
  for (Record& r : DemoPartnership(kToday)) {
    if (const auto* subject = std::get_if<Subject>(&r); subject && !subject->full_name.empty()) {
      EXPECT_EQ(log.find(subject->full_name), std::string::npos) << subject->full_name;
    }
  }
  // The log does name the record ids and the user, so an incident can be traced.
  EXPECT_NE(log.find("id=" + id), std::string::npos) << log;
}

}  // namespace
}  // namespace contextmap
