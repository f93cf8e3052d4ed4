// A libFuzzer target over the JSON API's request handling (Api::Handle: routing, headers,
// cookies, CSRF and cross-site checks, If-Match, query parameters, JSON bodies, need-to-know
// checks, validation and store writes) and over the JSON decoders on their own (ParseBundle,
// nlohmann::json::parse with DecodeRecord, JsonTooDeep). scripts/fuzz builds and runs it.
//
// One Api per process, set up once in LLVMFuzzerInitialize: a fresh SQLite store in a temporary
// directory with the invented demo partnership, one chair who is a member of map-county-line,
// signed in through POST /api/v1/session. The clock and "today" stand still (the clock moves
// only when the harness has to sign in again), so what the API decides depends on the inputs
// alone; new record ids and session tokens are still random.
//
// An input is:
//   byte 0   method: GET, POST, PUT, DELETE, PATCH (byte % 5; "A".."E" in that order)
//   byte 1   a known path prefix, so the fuzzer finds routes (byte % 16, see kPrefixes)
//   byte 2   flags: bit 0 leaves out the session cookie, bit 1 the CSRF token ("0": both sent)
//   byte 3   the record kind DecodeRecord is tried with (byte % 21)
//   then     the path (after the prefix) up to the first newline, with "?a=b&c=d" parameters;
//            header lines "Name: value" up to an empty line (they replace the defaults);
//            the rest is the body.
// The body also goes to the decoders directly. A bundle or record that decodes without a
// problem must encode, decode and encode again to the same bytes (json_codec.h, bundle.h).
// CONTEXTMAP_FUZZ_VERBOSE=1 prints each request and the start of its answer on stderr.
#include <stdlib.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contextmap/auth/accounts.h"
#include "contextmap/auth/crypto.h"
#include "contextmap/core/bundle.h"
#include "contextmap/core/json_codec.h"
#include "contextmap/demo/demo.h"
#include "contextmap/http/api.h"
#include "contextmap/http/services.h"

namespace {

using contextmap::Bundle;
using contextmap::Date;
using contextmap::ProblemList;
using contextmap::Record;
using contextmap::RecordKind;
using contextmap::Store;
using contextmap::StoreOptions;
namespace auth = contextmap::auth;
namespace http = contextmap::http;

constexpr int64_t kEpoch = 1'795'400'000;  // 2026-11-23 02:13 UTC
const Date kToday(2026, 11, 23);
constexpr std::size_t kMaxInput = std::size_t{64} * 1024;
constexpr std::string_view kMapping = "map-county-line";
constexpr std::string_view kUsername = "fuzz.chair";
constexpr std::string_view kPassword = "a long enough password for fuzzing";
constexpr std::string_view kHost = "contextmap.test";
// Fuzzed requests come from one address and the harness's own sign-ins from another, so the
// failed sign-ins the fuzzer makes (and their throttle) never lock the harness out.
constexpr std::string_view kFuzzRemote = "192.0.2.7";
constexpr std::string_view kHarnessRemote = "192.0.2.1";

constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
constexpr std::string_view kPrefixes[] = {
    "",
    "/api/v1/",
    "/api/v1/subjects/",
    "/api/v1/mappings/map-county-line/",
    "/api/v1/mappings/",
    "/api/v1/links/",
    "/api/v1/mapping_subjects/",
    "/api/v1/information/",
    "/api/v1/actions/",
    "/api/v1/meetings/",
    "/api/v1/mapping_members/",
    "/api/v1/risk_assessments/",
    "/api/v1/factors/",
    "/api/v1/key_questions/",
    "/api/v1/users/",
    "/api/v1/session",
};
static_assert(std::size(kPrefixes) == 16);

// The process's one Api and what it stands on. Never destroyed: the audit writer's thread lives
// as long as the process.
struct World {
  std::string dir;
  std::string url;
  std::unique_ptr<Store> store;  // the harness's own connection (set-up and repairs)
  std::unique_ptr<http::StorePool> pool;
  std::unique_ptr<http::AuditWriter> audit;
  http::EventHub events;
  std::unique_ptr<http::Api> api;
  std::atomic<int64_t> now{kEpoch};
  std::string user_id;
  std::string totp_secret;
  std::string token;
  std::string csrf;
  bool verbose = false;  // CONTEXTMAP_FUZZ_VERBOSE=1: each request and its answer on stderr
};
World* g = nullptr;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "api_fuzzer: %s\n", what.c_str());
  std::abort();
}

void RemoveDir() {
  if (g == nullptr || g->dir.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(g->dir, ignored);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Signs the harness's chair in (a fresh TOTP step each time: codes cannot be replayed).
bool SignIn() {
  g->now += 30;
  auto code = auth::TotpCode(g->totp_secret, g->now);
  if (!code.ok()) Die("TotpCode: " + code.status().ToString());
  http::ApiRequest req;
  req.method = "POST";
  req.path = "/api/v1/session";
  req.headers["host"] = std::string(kHost);
  req.remote = std::string(kHarnessRemote);
  req.body =
      nlohmann::json{{"username", kUsername}, {"password", kPassword}, {"code", *code}}.dump();
  http::ApiResponse res = g->api->Handle(req);
  if (res.status != 201) return false;
  for (const auto& [name, value] : res.headers) {
    if (name != "Set-Cookie") continue;
    std::size_t eq = value.find('=');
    g->token = value.substr(eq + 1, value.find(';') - eq - 1);
  }
  auto body = nlohmann::json::parse(res.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return false;
  g->csrf = body.value("csrf_token", "");
  return !g->token.empty() && !g->csrf.empty();
}

// Signs in again if the fuzzer ended the harness's session (DELETE /api/v1/session), waiting
// out a lock-out if it also guessed the username.
void EnsureSignedIn() {
  if (auth::Authenticate(*g->store, g->token, g->now, auth::AccountPolicy{}).ok()) return;
  if (SignIn()) return;
  g->now += auth::AccountPolicy{}.lock_seconds;
  if (!SignIn()) Die("cannot sign in again");
}

// Puts the chair back on map-county-line if the fuzzer took them off it.
void EnsureMember() {
  contextmap::ListQuery q;
  q.kind = RecordKind::kMappingMember;
  q.field = "user_id";
  q.value = g->user_id;
  auto rows = g->store->List(q);
  if (!rows.ok()) Die("List: " + rows.status().ToString());
  for (const Record& r : *rows) {
    if (std::get<contextmap::MappingMember>(r).mapping_id == kMapping) return;
  }
  contextmap::MappingMember m;
  m.mapping_id = std::string(kMapping);
  m.user_id = g->user_id;
  Record r = m;
  contextmap::Status s = g->store->Create(&r);
  if (!s.ok()) Die("adding the chair to " + std::string(kMapping) + ": " + s.ToString());
}

void SetUp() {
  g = new World;
  const char* verbose = std::getenv("CONTEXTMAP_FUZZ_VERBOSE");
  g->verbose = verbose != nullptr && std::string_view(verbose) == "1";
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/contextmap-fuzz-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) Die("mkdtemp failed for " + pattern);
  g->dir = pattern;
  std::atexit(RemoveDir);
  g->url = "sqlite:" + g->dir + "/fuzz.db";
  StoreOptions so{[] { return kToday; }};

  auto store = Store::Open(g->url, so);
  if (!store.ok()) Die("Store::Open: " + store.status().ToString());
  g->store = std::move(store).value();
  Bundle demo;
  for (Record& r : contextmap::DemoPartnership(kToday)) {
    demo.of(contextmap::KindOf(r)).push_back(std::move(r));
  }
  ProblemList problems;
  contextmap::ImportStats stats;
  if (!g->store->Import(demo, &problems, &stats).ok()) Die("Import: " + problems.ToString());

  contextmap::User u;
  u.username = std::string(kUsername);
  u.full_name = "Test Example";
  u.agency_id = "agy-csc";
  u.role = contextmap::UserRole::kChair;
  auto enrolled = auth::AddUser(*g->store, u, kPassword, g->now);
  if (!enrolled.ok()) Die("AddUser: " + enrolled.status().ToString());
  g->user_id = enrolled->user_id;
  g->totp_secret = enrolled->totp_secret;
  EnsureMember();

  auto audit_store = Store::Open(g->url, so);
  if (!audit_store.ok()) Die("Store::Open: " + audit_store.status().ToString());
  g->pool = std::make_unique<http::StorePool>(g->url, so);
  g->audit = std::make_unique<http::AuditWriter>(std::move(audit_store).value());
  http::ApiOptions options;
  options.now = [] { return g->now.load(); };
  options.today = [] { return kToday; };
  g->api = std::make_unique<http::Api>(options, g->pool.get(), g->audit.get(), &g->events);
  if (!SignIn()) Die("the first sign-in failed");
}

[[noreturn]] void Broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "api_fuzzer: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// The decoders on their own, with the round trips their headers promise.
void Decode(std::string_view body, std::size_t kind_byte) {
  (void)http::JsonTooDeep(body, 32);
  (void)http::JsonTooDeep(body, 2);

  Bundle bundle;
  ProblemList problems(100);
  contextmap::ParseBundle(body, &bundle, &problems);
  if (problems.empty()) {
    bundle.SortById();
    std::ostringstream first;
    contextmap::WriteBundle(bundle, first);
    Bundle again;
    ProblemList again_problems(100);
    contextmap::ParseBundle(first.str(), &again, &again_problems);
    if (!again_problems.empty()) {
      Broken("a written bundle does not read back", again_problems.ToString());
    }
    std::ostringstream second;
    contextmap::WriteBundle(again, second);
    if (first.str() != second.str()) Broken("a bundle does not round-trip", first.str());
    ProblemList invalid(100);
    contextmap::ValidateBundle(bundle, kToday, nullptr, &invalid);
  }

  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return;
  auto kind = static_cast<RecordKind>(kind_byte % contextmap::kRecordKindCount);
  ProblemList record_problems(100);
  Record record = contextmap::DecodeRecord(kind, parsed, "", &record_problems);
  if (!record_problems.empty()) return;
  std::string encoded = contextmap::EncodeRecord(record);
  nlohmann::json reparsed = nlohmann::json::parse(encoded, nullptr, false);
  if (reparsed.is_discarded()) Broken("an encoded record is not JSON", encoded);
  ProblemList again_problems(100);
  Record again = contextmap::DecodeRecord(kind, reparsed, "", &again_problems);
  if (!again_problems.empty()) Broken("an encoded record does not decode", encoded);
  if (contextmap::EncodeRecord(again) != encoded) Broken("a record does not round-trip", encoded);
}

// Takes the next line (without its newline) off the front of *rest.
std::string_view TakeLine(std::string_view* rest) {
  std::size_t nl = rest->find('\n');
  std::string_view line = rest->substr(0, nl);
  *rest = nl == std::string_view::npos ? std::string_view() : rest->substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  SetUp();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return -1;  // not kept in the corpus
  if (size < 4) return 0;
  std::string_view method = kMethods[data[0] % std::size(kMethods)];
  std::string_view prefix = kPrefixes[data[1] % std::size(kPrefixes)];
  const bool send_cookie = (data[2] & 1) == 0;
  const bool send_csrf = (data[2] & 2) == 0;
  const std::size_t kind_byte = data[3];
  std::string_view rest(reinterpret_cast<const char*>(data) + 4, size - 4);

  http::ApiRequest req;
  req.method = std::string(method);
  std::string_view target = TakeLine(&rest);
  std::size_t question = target.find('?');
  req.path = std::string(prefix) + std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
      std::size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      std::size_t eq = pair.find('=');
      req.query.emplace_back(std::string(pair.substr(0, eq)),
                             eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    }
  }
  req.headers["host"] = std::string(kHost);
  if (send_cookie) req.headers["cookie"] = std::string(http::kSessionCookie) + "=" + g->token;
  if (send_csrf) req.headers[Lower(http::kCsrfHeader)] = g->csrf;
  while (!rest.empty()) {
    std::string_view line = TakeLine(&rest);
    if (line.empty()) break;
    std::size_t colon = line.find(':');
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers[Lower(line.substr(0, colon))] = std::string(value);
  }
  req.body = std::string(rest);
  req.remote = std::string(kFuzzRemote);

  http::ApiResponse res = g->api->Handle(req);
  if (g->verbose) {
    std::fprintf(stderr, "%s %s -> %d %.200s\n", req.method.c_str(), req.path.c_str(), res.status,
                 res.body.c_str());
  }
  // A live-update stream would wait on the event hub: it is dropped unread.
  res.stream.reset();

  // Keep the harness's session and membership, so later inputs still reach deep code.
  if (res.status == 401 || (res.route == "/api/v1/session" && req.method == "DELETE")) {
    EnsureSignedIn();
  }
  if (res.status / 100 == 2 && req.method != "GET" &&
      res.route.starts_with("/api/v1/mapping_members")) {
    EnsureMember();
  }

  Decode(req.body, kind_byte);
  return 0;
}
