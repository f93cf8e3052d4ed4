// The server over real sockets: security headers on every response (the library's own
// refusals included), live updates across connections within a second, a log that never
// holds names, intelligence text or reasons, even when a client puts them in the address,
// and the connection loop (kept-alive, pipelined and trickled requests; stopping).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "contextmap/auth/accounts.h"
#include "contextmap/auth/crypto.h"
#include "contextmap/demo/demo.h"
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

  // A plain TCP connection to the server, for what an HTTP client library smooths over.
  class Raw {
   public:
    explicit Raw(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(static_cast<uint16_t>(port));
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    }
    ~Raw() { ::close(fd_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    bool connected() const { return connected_; }
    void Send(const std::string& data) {
      ASSERT_EQ(::send(fd_, data.data(), data.size(), MSG_NOSIGNAL),
                static_cast<ssize_t>(data.size()));
    }
    // Reads until `count` responses' worth of "HTTP/1.1 " status lines (each with a
    // complete, Content-Length'd body) have arrived, the peer closes, or 5 s pass.
    std::string ReadResponses(int count) {
      std::string got;
      auto complete = [&] {
        std::size_t at = 0;
        for (int i = 0; i < count; ++i) {
          std::size_t end = got.find("\r\n\r\n", at);
          if (end == std::string::npos) return false;
          std::size_t length = got.find("Content-Length: ", at);
          if (length == std::string::npos || length > end) return false;
          at = end + 4 + std::stoul(got.substr(length + 16));
          if (at > got.size()) return false;
        }
        return true;
      };
      while (!complete()) {
        if (!Readable(5000)) break;
        char buffer[4096];
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        got.append(buffer, static_cast<std::size_t>(n));
      }
      return got;
    }
    // Reads until `marker` has arrived, the peer closes, or `ms` pass without a byte.
    std::string ReadUntil(const std::string& marker, int ms) {
      std::string got;
      while (got.find(marker) == std::string::npos && Readable(ms)) {
        char buffer[4096];
        ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        got.append(buffer, static_cast<std::size_t>(n));
      }
      return got;
    }
    // Whether the server has closed the connection (read gives end of file) within `ms`.
    bool ClosedWithin(int ms) {
      if (!Readable(ms)) return false;
      char byte = 0;
      return ::recv(fd_, &byte, 1, 0) == 0;
    }

   private:
    bool Readable(int ms) {
      pollfd p{fd_, POLLIN, 0};
      return ::poll(&p, 1, ms) > 0;
    }
    int fd_;
    bool connected_ = false;
  };

  static int Count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
      ++n;
    }
    return n;
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

TEST_F(ServerTest, OneConnectionCarriesManyRequestsPipelinedOrTrickled) {
  Raw raw(server_->port());
  ASSERT_TRUE(raw.connected());
  const std::string health = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  raw.Send(health);
  std::string first = raw.ReadResponses(1);
  EXPECT_EQ(first.rfind("HTTP/1.1 200", 0), 0u) << first;
  // Two requests in one write: both answered, in order, on the same connection.
  raw.Send(health + "GET /api/v1/nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  std::string both = raw.ReadResponses(2);
  EXPECT_EQ(Count(both, "HTTP/1.1 "), 2) << both;
  EXPECT_LT(both.find("HTTP/1.1 200"), both.find("HTTP/1.1 404")) << both;
  // A request that arrives a few bytes at a time.
  for (std::string piece : {"GET /api/v1/hea", "lth HTTP/1.1\r\nHo", "st: 127.0.0.1\r\n", "\r\n"}) {
    raw.Send(piece);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string trickled = raw.ReadResponses(1);
  EXPECT_EQ(trickled.rfind("HTTP/1.1 200", 0), 0u) << trickled;
  // A malformed request line ends the connection with a 400, and the server goes on.
  raw.Send("NONSENSE\r\n\r\n");
  std::string refused = raw.ReadResponses(1);
  EXPECT_EQ(refused.rfind("HTTP/1.1 400", 0), 0u) << refused;
  EXPECT_EQ(client_->Get("/api/v1/health")->status, 200);
}

// A client that sends "Expect: 100-continue" sends its body only after "100 Continue". The
// server holds each response's header block back, to send it with the body; it must send what
// it holds before it waits to read, or each side waits for the other.
TEST_F(ServerTest, ExpectContinueIsAnsweredBeforeTheBodyArrives) {
  Raw raw(server_->port());
  ASSERT_TRUE(raw.connected());
  const std::string body = R"({"username":"nobody","password":"wrong","code":"000000"})";
  raw.Send(
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  std::string interim = raw.ReadUntil("\r\n\r\n", 3000);
  EXPECT_EQ(interim.rfind("HTTP/1.1 100 Continue\r\n", 0), 0u) << interim;
  raw.Send(body);
  std::string answer = raw.ReadResponses(1);
  EXPECT_EQ(answer.rfind("HTTP/1.1 4", 0), 0u) << answer;  // refused, and answered
}

TEST_F(ServerTest, StoppingClosesIdleKeptAliveConnections) {
  Raw idle(server_->port());
  ASSERT_TRUE(idle.connected());
  idle.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  std::string answer = idle.ReadResponses(1);
  ASSERT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_FALSE(idle.ClosedWithin(100));  // kept alive for the next request
  server_->Stop();
  runner_.join();
  // The worker holding the connection notices within its one-second wake-up.
  EXPECT_TRUE(idle.ClosedWithin(3000));
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
  auto map = client_->Get("/api/v1/mappings/map-county-line/map", s.headers);
  ASSERT_EQ(map->status, 200);  // sent from the cache, without a copy: whole and well-formed
  EXPECT_EQ(map->get_header_value("Content-Length"), std::to_string(map->body.size()));
  EXPECT_NE(map->body.find(kPlantedText), std::string::npos);
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
