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

#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>
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
    for (const char* name : {"one", "two", "three"}) {
      User u;
      u.username = std::string("server.") + name;
      u.full_name = "Test Person";
      // server.three is of another agency, whose handling-code-C items the others cannot see.
      u.agency_id = std::string(name) == "three" ? "agy-csc" : "agy-police";
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
    Configure(o);
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

  // Changes to the server's options, for fixtures testing limits.
  virtual void Configure(http::ServerOptions& /*options*/) {}

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
    std::string cookie;        // "name=value"
  };

  Signed SignIn(int who) {
    auto code = auth::TotpCode(secrets_[who], Now());
    const char* names[] = {"server.one", "server.two", "server.three"};
    json body = {{"username", names[who]}, {"password", kPassword}, {"code", *code}};
    auto res = client_->Post("/api/v1/session", body.dump(), "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 201) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    Signed s;
    s.cookie = cookie.substr(0, cookie.find(';'));
    s.headers.emplace("Cookie", s.cookie);
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
    EXPECT_NE(csp.find("script-src 'self' 'nonce-"), std::string::npos) << csp;
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
    void Send(const std::string& data) { ASSERT_TRUE(TrySend(data)); }
    // Sends all of `data`; false if the connection failed (or a send waited over 5 s).
    bool TrySend(std::string_view data) {
      timeval wait{5, 0};
      ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &wait, sizeof wait);
      while (!data.empty()) {
        ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
      }
      return true;
    }
    // Whatever has arrived, without waiting.
    std::string ReadNow() {
      std::string got;
      char buffer[4096];
      ssize_t n = 0;
      while ((n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
        got.append(buffer, static_cast<std::size_t>(n));
      }
      return got;
    }
    // Reads until `count` responses' worth of "HTTP/1.1 " status lines (each with a
    // complete, Content-Length'd body) have arrived, the peer closes, or 5 s pass.
    std::string ReadResponses(int count) {
      std::string got;
      std::size_t at = 0;  // the start of the first response not yet complete
      int done = 0;
      auto complete = [&] {
        while (done < count) {
          std::size_t end = got.find("\r\n\r\n", at);
          if (end == std::string::npos) return false;
          std::size_t length = got.find("Content-Length: ", at);
          if (length == std::string::npos || length > end) return false;
          std::size_t next = end + 4 + std::stoul(got.substr(length + 16, 20));
          if (next > got.size()) return false;
          at = next;
          ++done;
        }
        return true;
      };
      std::vector<char> buffer(1 << 16);
      while (!complete()) {
        if (!Readable(5000)) break;
        ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
        if (n <= 0) break;
        got.append(buffer.data(), static_cast<std::size_t>(n));
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

  // Opens a live-update stream for map-county-line on `raw`; returns what arrived up to the
  // stream's greeting, or up to the end of a refusal's error body.
  static std::string OpenStream(Raw& raw, const Signed& s, const std::string& more = "") {
    raw.Send(
        "GET /api/v1/mappings/map-county-line/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Cookie: " +
        s.cookie + "\r\n" + more + "\r\n");
    std::string got;
    for (int i = 0; i < 30 && got.find(": connected") == std::string::npos &&
                    got.find("}}") == std::string::npos;
         ++i) {
      got += raw.ReadUntil("\n\n", 100);
    }
    return got;
  }

  // A subject on map-county-line.
  std::string SubjectOnTheMapping(const Signed& s) {
    auto on =
        client_->Get("/api/v1/mapping_subjects?mapping_id=map-county-line&limit=1", s.headers);
    return json::parse(on->body)["items"][0]["subject_id"];
  }

  // Changes a subject's description (a change every member may see); true if it was made.
  bool Touch(const Signed& s, const std::string& subject) {
    auto read = client_->Get("/api/v1/subjects/" + subject, s.headers);
    if (!read || read->status != 200) return false;
    json body = json::parse(read->body);
    body["description"] = "Updated at " + std::to_string(++touches_);
    httplib::Headers headers = s.headers;
    headers.emplace("If-Match", read->get_header_value("ETag"));
    auto put =
        client_->Put("/api/v1/subjects/" + subject, headers, body.dump(), "application/json");
    return put && put->status == 200;
  }

  int touches_ = 0;
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
  auto found = client_->Get("/api/v1/search?q=Zanzibar%20Plantedname", s.headers);
  ASSERT_EQ(found->status, 200);
  EXPECT_NE(found->body.find(id), std::string::npos);  // found, and still not logged
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

// The resident memory of this process (the server runs in it), in KiB.
int64_t ResidentKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

// Four clients each start a 48 MiB chunked body before signing in. Each is refused with 413
// once its body passes 1 MiB, while it is still sending, and the server never holds more than
// a few MiB of them (it used to read each whole first: four 200 MiB bodies took 1.7 GiB).
TEST_F(ServerTest, ChunkedBodiesPastTheLimitAreRefusedAsTheyArrive) {
  constexpr std::size_t kBody = 48u << 20;
  constexpr std::size_t kChunk = 64u << 10;
  const int64_t before = ResidentKib();
  std::atomic<int64_t> peak{before};
  std::atomic<bool> sampling{true};
  std::thread sampler([&] {
    while (sampling) {
      peak = std::max(peak.load(), ResidentKib());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  std::array<std::size_t, 4> sent{};
  std::array<std::string, 4> answers;
  std::vector<std::thread> clients;
  const std::string chunk = "10000\r\n" + std::string(kChunk, 'x') + "\r\n";
  for (std::size_t i = 0; i < answers.size(); ++i) {
    clients.emplace_back([&, i] {
      Raw raw(server_->port());
      if (!raw.TrySend("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")) {
        return;
      }
      while (sent[i] < kBody && answers[i].empty() && raw.TrySend(chunk)) {
        sent[i] += kChunk;
        answers[i] = raw.ReadNow();
      }
      if (answers[i].empty()) answers[i] = raw.ReadUntil("\r\n\r\n", 5000);
    });
  }
  for (std::thread& t : clients) t.join();
  sampling = false;
  sampler.join();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].rfind("HTTP/1.1 413", 0), 0u) << answers[i];
    EXPECT_NE(answers[i].find("payload_too_large"), std::string::npos) << answers[i];
    // Refused while sending: 1 MiB, plus what the sockets' buffers held on the way.
    EXPECT_LT(sent[i], kBody / 3) << "client " << i << " sent " << sent[i] << " bytes";
  }
  EXPECT_LT(peak - before, 64 * 1024) << "KiB more than before: " << peak - before;
  EXPECT_EQ(client_->Get("/api/v1/health")->status, 200);
}

// A body declared larger than the limit is refused before any of it is sent (it used to be
// read, and thrown away, first).
TEST_F(ServerTest, ADeclaredBodyPastTheLimitIsRefusedBeforeItIsSent) {
  Raw raw(server_->port());
  raw.Send(
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 209715200\r\n\r\n");
  std::string answer = raw.ReadResponses(1);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find("Content-Security-Policy: "), std::string::npos) << answer;
  EXPECT_TRUE(raw.ClosedWithin(3000));
}

// The web app beside the API: its files and pages with the same security headers (scripts
// only from the server itself, no inline script), hashed assets kept by browsers, the API's
// paths still the API's, and nothing outside the directory.
class ServerWebTest : public ServerTest {
 protected:
  void Configure(http::ServerOptions& options) override {
    std::filesystem::create_directories(dir_ / "web" / "assets");
    std::ofstream(dir_ / "web" / "index.html")
        << "<!doctype html><script type=\"module\" src=\"/assets/app-AbCd1234.js\"></script>";
    std::ofstream(dir_ / "web" / "assets" / "app-AbCd1234.js") << "export {};";
    std::ofstream(dir_ / "outside.txt") << kPlantedText;
    options.web_dir = (dir_ / "web").string();
  }
};

TEST_F(ServerWebTest, ServesTheWebAppBesideTheApi) {
  for (const char* page : {"/", "/sign-in", "/sign-in/code"}) {
    auto res = client_->Get(page);
    ExpectSecurityHeaders(res);
    EXPECT_EQ(res->status, 200) << page;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << page;
    EXPECT_NE(res->body.find("app-AbCd1234.js"), std::string::npos) << page;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store") << page;
    std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self' 'nonce-"), std::string::npos) << csp;
    EXPECT_NE(csp.find("style-src 'self';"), std::string::npos) << csp;
    EXPECT_NE(csp.find("require-trusted-types-for 'script'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  }
  auto js = client_->Get("/assets/app-AbCd1234.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(js->get_header_value("Content-Security-Policy"), "");
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->headers.count("Cache-Control"), 1u);
  EXPECT_EQ(js->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  // The API keeps its own paths and answers.
  auto missing = client_->Get("/api/v1/nowhere");
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("\"not_found\""), std::string::npos);
  EXPECT_EQ(client_->Get("/api/v1/health")->status, 200);
  EXPECT_EQ(client_->Post("/sign-in", "{}", "application/json")->status, 405);
  // Encoded traversal, decoded once by the library, is refused before any file is opened.
  for (const char* path : {"/%2e%2e/outside.txt", "/assets/%2E%2E/%2e%2e/outside.txt",
                           "/..%2foutside.txt", "/assets/..%5c..%5coutside.txt"}) {
    Raw raw(server_->port());
    raw.Send(std::string("GET ") + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    std::string answer = raw.ReadResponses(1);
    EXPECT_EQ(answer.find(kPlantedText), std::string::npos) << path;
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400") || answer.starts_with("HTTP/1.1 404"))
        << path << ": " << answer.substr(0, 40);
  }
}

class ServerDeadlineTest : public ServerTest {
 protected:
  void Configure(http::ServerOptions& options) override {
    options.request_timeout = std::chrono::milliseconds(500);
  }
};

// Clients that send a request a byte at a time, never finishing it, are answered 408 and cut
// off at the request deadline, however steadily they trickle (no read ever waits long).
TEST_F(ServerDeadlineTest, SlowHeadersAndSlowBodiesAreCutOffAtTheDeadline) {
  Raw head(server_->port());
  Raw body(server_->port());
  head.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
  body.Send("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{");
  auto started = std::chrono::steady_clock::now();
  std::string head_answer;
  std::string body_answer;
  for (int i = 0; i < 40 && (head_answer.empty() || body_answer.empty()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    head.TrySend("x");
    body.TrySend(" ");
    head_answer += head.ReadNow();
    body_answer += body.ReadNow();
  }
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(head_answer.rfind("HTTP/1.1 408", 0), 0u) << head_answer;
  EXPECT_EQ(body_answer.rfind("HTTP/1.1 408", 0), 0u) << body_answer;
  EXPECT_NE(body_answer.find("request_timeout"), std::string::npos) << body_answer;
  EXPECT_LT(took, std::chrono::milliseconds(1500));
  EXPECT_TRUE(head.ClosedWithin(3000));
  EXPECT_TRUE(body.ClosedWithin(3000));
}

class ServerConnectionLimitTest : public ServerTest {
 protected:
  void Configure(http::ServerOptions& options) override { options.max_connections = 16; }
};

// At the connection limit a newcomer is served: the connection idle longest makes room.
TEST_F(ServerConnectionLimitTest, ANewConnectionAtTheLimitClosesTheLongestIdle) {
  std::vector<std::unique_ptr<Raw>> idle;
  for (int i = 0; i < 16; ++i) {
    idle.push_back(std::make_unique<Raw>(server_->port()));
    ASSERT_TRUE(idle.back()->connected());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  Raw fresh(server_->port());
  fresh.Send("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  std::string answer = fresh.ReadResponses(1);
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_TRUE(idle.front()->ClosedWithin(1000));  // the oldest
  EXPECT_FALSE(idle.back()->ClosedWithin(100));
}

// Slow clients and live-update streams hold no worker the server needs for others: with its
// eight workers, forty half-sent requests and every stream one user may open, /health and
// signing in still answer at once.
TEST_F(ServerTest, HealthAndSignInAnswerWhileSlowClientsAndStreamsHoldOn) {
  Signed watcher = SignIn(0);
  std::vector<std::unique_ptr<Raw>> held;
  int streaming = 0;
  for (int i = 0; i < 6; ++i) {
    held.push_back(std::make_unique<Raw>(server_->port()));
    std::string answer = OpenStream(*held.back(), watcher);
    if (answer.rfind("HTTP/1.1 200", 0) == 0) {
      ++streaming;
    } else {
      EXPECT_EQ(answer.rfind("HTTP/1.1 429", 0), 0u) << answer;
    }
  }
  EXPECT_EQ(streaming, 2);  // a quarter of the eight workers
  for (int i = 0; i < 40; ++i) {
    held.push_back(std::make_unique<Raw>(server_->port()));
    held.back()->Send(
        "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 60\r\n\r\n{");
  }
  httplib::Client fresh("127.0.0.1", server_->port());
  fresh.set_connection_timeout(2);
  fresh.set_read_timeout(2);
  auto started = std::chrono::steady_clock::now();
  auto health = fresh.Get("/api/v1/health");
  ASSERT_TRUE(health) << "no answer from /api/v1/health";
  EXPECT_EQ(health->status, 200);
  client_->set_read_timeout(2);
  Signed other = SignIn(1);
  EXPECT_FALSE(other.headers.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

// A watcher hears of every change they may see, numbered 1, 2, ... on their own stream, and
// nothing at all of a change hidden from them: no event, no keep-alive at that moment, and no
// gap in the numbers (they used to carry the server's global sequence, and a hidden change
// woke the stream into an immediate keep-alive).
TEST_F(ServerTest, LiveUpdatesTellNothingOfChangesTheListenerMayNotSee) {
  Signed watcher = SignIn(0);  // police
  Signed editor = SignIn(1);   // police
  Signed other = SignIn(2);    // children's social care
  Raw raw(server_->port());
  std::string got = OpenStream(raw, watcher);
  ASSERT_NE(got.find(": connected"), std::string::npos) << got;
  std::string subject = SubjectOnTheMapping(editor);
  ASSERT_TRUE(Touch(editor, subject));
  got = raw.ReadUntil("event: change", 3000);
  EXPECT_NE(got.find("id: 1\n"), std::string::npos) << got;
  // Social care records intelligence on the mapping for its own eyes only.
  json item = {{"mapping_id", "map-county-line"},
               {"subject_id", subject},
               {"source_agency_id", "agy-csc"},
               {"text", "Invented: for social care only."},
               {"captured_on", "2026-11-20"},
               {"recorded_on", "2026-11-20"},
               {"source", "2"},
               {"assessment", "B"},
               {"handling", "C"},
               {"handling_conditions", {{"text", "Social care only."}}},
               {"evidence", "evidenced"}};
  auto created =
      client_->Post("/api/v1/information", other.headers, item.dump(), "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  std::string hidden = json::parse(created->body)["id"];
  std::string quiet = raw.ReadUntil("\n\n", 1500);
  EXPECT_EQ(quiet, "") << "the watcher heard something when a hidden change was made";
  ASSERT_TRUE(Touch(editor, subject));
  got = raw.ReadUntil("event: change", 3000);
  EXPECT_NE(got.find("id: 2\n"), std::string::npos) << got;  // no gap where the hidden one was
  EXPECT_EQ(got.find(hidden), std::string::npos) << got;
}

// A client that reconnects (sending Last-Event-ID) is told to re-read the mapping: the server
// does not replay what it missed.
TEST_F(ServerTest, AReconnectingListenerIsToldToReload) {
  Signed watcher = SignIn(0);
  Raw fresh(server_->port());
  std::string first = OpenStream(fresh, watcher);
  EXPECT_EQ(first.find("event: reload"), std::string::npos) << first;
  Raw again(server_->port());
  std::string resumed = OpenStream(again, watcher, "Last-Event-ID: 7\r\n");
  ASSERT_NE(resumed.find(": connected"), std::string::npos) << resumed;
  if (resumed.find("event: reload") == std::string::npos) {
    resumed += again.ReadUntil("event: reload", 1000);
  }
  EXPECT_NE(resumed.find("event: reload"), std::string::npos) << resumed;
}

class ServerStreamCapTest : public ServerTest {
 protected:
  void Configure(http::ServerOptions& options) override { options.threads = 32; }
};

// One session may hold four streams, and the server a quarter of its workers' worth (8 of
// 32); beyond either the answer is 429. A viewer who leaves gives their place back.
TEST_F(ServerStreamCapTest, LiveUpdateStreamsAreCappedPerSessionAndInAll) {
  Signed a = SignIn(0);
  Signed b = SignIn(1);
  std::vector<std::unique_ptr<Raw>> open;
  for (const Signed* s : {&a, &b}) {
    for (int i = 0; i < 4; ++i) {
      open.push_back(std::make_unique<Raw>(server_->port()));
      std::string answer = OpenStream(*open.back(), *s);
      EXPECT_NE(answer.find(": connected"), std::string::npos) << answer;
    }
    if (s == &a) {
      Raw fifth(server_->port());
      std::string refused = OpenStream(fifth, a);
      EXPECT_EQ(refused.rfind("HTTP/1.1 429", 0), 0u) << refused;
      EXPECT_NE(refused.find("\"code\":\"too_many_requests\""), std::string::npos) << refused;
      EXPECT_NE(refused.find("this session already has 4"), std::string::npos) << refused;
    }
  }
  Signed c = SignIn(2);
  Raw ninth(server_->port());
  std::string refused = OpenStream(ninth, c);
  EXPECT_EQ(refused.rfind("HTTP/1.1 429", 0), 0u) << refused;
  EXPECT_NE(refused.find("as many live-update streams open as it allows"), std::string::npos)
      << refused;
  open.front().reset();  // a viewer of session a leaves
  std::string answer;
  for (int i = 0; i < 15 && answer.find(": connected") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    Raw retry(server_->port());
    answer = OpenStream(retry, c);
  }
  EXPECT_NE(answer.find(": connected"), std::string::npos) << answer;
}

class ServerSlowReaderTest : public ServerTest {
 protected:
  void Configure(http::ServerOptions& options) override { options.threads = 4; }
};

// Clients that ask for large answers and do not read them hold no worker: what the socket
// will not take waits with the reactor (and no further request of theirs is read meanwhile),
// so with four workers, eight such clients leave /health answering at once. Each still gets
// every answer whole once it reads.
TEST_F(ServerSlowReaderTest, ClientsThatDoNotReadTheirAnswersHoldNoWorker) {
  constexpr int kAsked = 20;  // 20 x the 340 KB API description: more than the sockets buffer
  std::string pipeline;
  for (int i = 0; i < kAsked; ++i) {
    pipeline += "GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }
  std::vector<std::unique_ptr<Raw>> readers;
  for (int i = 0; i < 8; ++i) {
    readers.push_back(std::make_unique<Raw>(server_->port()));
    readers.back()->Send(pipeline);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  httplib::Client fresh("127.0.0.1", server_->port());
  fresh.set_read_timeout(2);
  auto started = std::chrono::steady_clock::now();
  auto health = fresh.Get("/api/v1/health");
  ASSERT_TRUE(health) << "no answer from /api/v1/health";
  EXPECT_EQ(health->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  std::string all = readers.front()->ReadResponses(kAsked);
  EXPECT_EQ(Count(all, "HTTP/1.1 200 OK\r\n"), kAsked);
  EXPECT_EQ(Count(all, "\"openapi\""), kAsked);  // each body whole: ReadResponses counts lengths
}

}  // namespace
}  // namespace contextmap
