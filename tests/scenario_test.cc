// The API scenario suite: behaviour written as data, the way DuckDB writes sqllogictest files.
// Every file under tests/scenarios/ is one test: a fresh store with the demo partnership, the
// accounts the file names, and its scenarios run in order against Api::Handle (no sockets).
// tests/scenarios/README.md describes the format; a failure names the file, line and scenario.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "api_fixture.h"

namespace contextmap::testing {
namespace {

using nlohmann::json;

namespace fs = std::filesystem;

fs::path ScenarioDir() { return fs::path(CONTEXTMAP_SOURCE_DIR) / "tests" / "scenarios"; }

std::vector<std::string> ScenarioFiles() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(ScenarioDir())) {
    if (entry.path().extension() == ".scn") out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// Words of a directive line: "user a.b chair agy-csc" -> {"user", "a.b", "chair", "agy-csc"}.
std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// A query name or value as the HTTP library hands it to the API: "+" and %20 are spaces, %XX
// a byte.
std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool IsMethod(const std::string& w) {
  return w == "GET" || w == "POST" || w == "PUT" || w == "DELETE" || w == "PATCH";
}

// Whether `want` is contained in `got`: objects by their keys (others may be present), arrays
// element by element with the same length, everything else equal. *why says where it differs.
bool Contains(const json& want, const json& got, const std::string& at, std::string* why) {
  if (want.is_object()) {
    if (!got.is_object()) {
      *why = at + " is not an object";
      return false;
    }
    for (const auto& [key, value] : want.items()) {
      std::string here = at;
      here.append("/").append(key);
      if (!got.contains(key)) {
        *why = here + " is missing";
        return false;
      }
      if (!Contains(value, got[key], here, why)) return false;
    }
    return true;
  }
  if (want.is_array()) {
    if (!got.is_array() || got.size() != want.size()) {
      *why = at + " is not an array of " + std::to_string(want.size());
      return false;
    }
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (!Contains(want[i], got[i], at + "/" + std::to_string(i), why)) return false;
    }
    return true;
  }
  if (want != got) {
    *why = at + " is " + got.dump() + ", not " + want.dump();
    return false;
  }
  return true;
}

class ScenarioTest : public ApiFixture, public ::testing::WithParamInterface<std::string> {
 protected:
  struct Request {
    std::string method;
    std::string path;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int line = 0;
  };

  // Runs the file; every failure is reported with its line and scenario.
  void Run(const fs::path& file) {
    std::ifstream in(file);
    ASSERT_TRUE(in) << file;
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    vars_["today"] = kApiToday.ToString();
    vars_["password"] = kPassword;
    trace_ = std::getenv("SCENARIO_TRACE") != nullptr;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      line_ = static_cast<int>(i + 1);
      std::string text = Trim(lines[i]);
      if (text.empty() || text[0] == '#') continue;
      std::vector<std::string> w = Words(text);
      if (w[0] == "scenario") {
        scenario_ = Trim(text.substr(8));
        ++scenarios_;
      } else if (IsMethod(w[0])) {
        Request req;
        req.line = line_;
        req.method = w[0];
        req.path = w.size() > 1 ? w[1] : "";
        std::size_t j = i + 1;
        static const std::regex kHeader(R"(^[A-Za-z][A-Za-z0-9-]*: ?.*$)");
        for (; j < lines.size(); ++j) {
          std::string t = Trim(lines[j]);
          if (t.starts_with("expect ")) break;
          if (req.body.empty() && std::regex_match(t, kHeader) && t[0] != '{') {
            std::size_t colon = t.find(':');
            req.headers.emplace_back(t.substr(0, colon), Trim(t.substr(colon + 1)));
          } else {
            req.body += lines[j] + "\n";
          }
        }
        ASSERT_LT(j, lines.size()) << Where() << "a request needs an 'expect STATUS' line";
        i = j;
        line_ = static_cast<int>(j + 1);
        Send(req, Words(Trim(lines[j])));
      } else {
        Directive(w, text);
      }
      if (HasFatalFailure()) return;
    }
    EXPECT_GT(scenarios_, 0) << file << " has no 'scenario' line";
    RecordProperty("scenarios", scenarios_);
  }

  std::string Where() const {
    return GetParam() + ":" + std::to_string(line_) + " (" + scenario_ + "): ";
  }

  std::string Expand(const std::string& text) {
    static const std::regex kVar(R"(\$([A-Za-z_][A-Za-z0-9_]*))");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), kVar);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      out += text.substr(last, it->position() - last);
      auto found = vars_.find((*it)[1]);
      if (found == vars_.end()) {
        ADD_FAILURE() << Where() << "$" << (*it)[1] << " is not set";
      } else {
        out += found->second;
      }
      last = it->position() + it->length();
    }
    return out + text.substr(last);
  }

  void Directive(const std::vector<std::string>& w, const std::string& text) {
    const std::string& d = w[0];
    if (d == "user") {
      // user NAME ROLE AGENCY [member MAPPING...]
      ASSERT_GE(w.size(), 4u) << Where() << "user NAME ROLE AGENCY [member MAPPING...]";
      std::optional<UserRole> role = ParseEnum<UserRole>(w[2]);
      ASSERT_TRUE(role) << Where() << w[2] << " is not a role";
      std::string id = AddAccount(w[1], *role, w[3]);
      ASSERT_FALSE(id.empty()) << Where();
      vars_[VarName(w[1])] = id;
      for (std::size_t i = 4; i < w.size(); ++i) {
        if (w[i] == "member") continue;
        AddMember(w[i], id);
      }
    } else if (d == "as") {
      ASSERT_EQ(w.size(), 2u) << Where() << "as USERNAME | as nobody";
      if (w[1] == "nobody") {
        current_ = nullptr;
        return;
      }
      if (!sessions_.contains(w[1])) {
        if (!secrets_.contains(w[1])) Provision(w[1]);
        sessions_[w[1]] = SignIn(w[1]);
      }
      current_ = &sessions_[w[1]];
    } else if (d == "from") {
      ASSERT_EQ(w.size(), 2u) << Where() << "from ADDRESS";
      remote_ = w[1];
    } else if (d == "reason") {
      reason_ = Trim(text.substr(6));
    } else if (d == "clock") {
      ASSERT_EQ(w.size(), 2u) << Where() << "clock +SECONDS";
      now_ += std::stoll(w[1]);
    } else if (d == "set") {
      ASSERT_GE(w.size(), 3u) << Where() << "set NAME VALUE";
      vars_[w[1]] = Expand(Trim(text.substr(text.find(w[1]) + w[1].size())));
    } else if (d == "match") {
      json want = json::parse(Expand(Trim(text.substr(5))), nullptr, false);
      ASSERT_FALSE(want.is_discarded()) << Where() << "match takes JSON";
      std::string why;
      EXPECT_TRUE(Contains(want, LastJson(), "", &why)) << Where() << why << "\n" << last_.Body();
    } else if (d == "contains" || d == "lacks") {
      std::string needle = Expand(Trim(text.substr(d.size())));
      bool found = last_.Body().find(needle) != std::string_view::npos;
      EXPECT_EQ(found, d == "contains")
          << Where() << "the answer " << (found ? "holds " : "lacks ") << needle << "\n"
          << last_.Body();
    } else if (d == "count") {
      ASSERT_EQ(w.size(), 3u) << Where() << "count /POINTER N";
      json at = LastJson().value(json::json_pointer(w[1]), json());
      EXPECT_TRUE(at.is_array() && at.size() == std::stoul(w[2]))
          << Where() << w[1] << " is " << at.dump() << ", not " << w[2] << " items";
    } else if (d == "capture") {
      ASSERT_EQ(w.size(), 3u) << Where() << "capture NAME /POINTER";
      json at = w[2] == "." ? LastJson() : LastJson().value(json::json_pointer(w[2]), json());
      ASSERT_FALSE(at.is_null()) << Where() << w[2] << " is not in the answer\n" << last_.Body();
      vars_[w[1]] = at.is_string() ? at.get<std::string>() : at.dump();
    } else if (d == "edit") {
      // edit NAME /POINTER JSON: changes a captured JSON value (null removes the member).
      ASSERT_GE(w.size(), 4u) << Where() << "edit NAME /POINTER JSON";
      json doc = json::parse(vars_[w[1]], nullptr, false);
      json value =
          json::parse(Expand(Trim(text.substr(text.find(w[2]) + w[2].size()))), nullptr, false);
      ASSERT_FALSE(doc.is_discarded() || value.is_discarded()) << Where() << "edit needs JSON";
      json::json_pointer at(w[2]);
      if (value.is_null()) {
        doc[at.parent_pointer()].erase(at.back());
      } else {
        doc[at] = value;
      }
      vars_[w[1]] = doc.dump();
    } else if (d == "audit-has") {
      // audit-has COLUMN VALUE: a row the last request wrote has VALUE in COLUMN (VALUE...:
      // a value starting so).
      ASSERT_GE(w.size(), 3u) << Where() << "audit-has COLUMN VALUE";
      std::string want = Expand(Trim(text.substr(text.find(w[1]) + w[1].size())));
      bool found = false;
      for (const auto& row : last_audit_rows_) {
        auto it = row.find(w[1]);
        ASSERT_NE(it, row.end()) << Where() << w[1] << " is not a column of the audit log";
        found |= want.ends_with("...") ? it->second.starts_with(want.substr(0, want.size() - 3))
                                       : it->second == want;
      }
      EXPECT_TRUE(found) << Where() << "no audit row has " << w[1] << " " << want << "\n"
                         << AuditDump();
    } else if (d == "audit-lacks") {
      // audit-lacks TEXT: no column of any row the last request wrote holds TEXT.
      std::string needle = Expand(Trim(text.substr(d.size())));
      ASSERT_FALSE(needle.empty()) << Where() << "audit-lacks TEXT";
      for (const auto& row : last_audit_rows_) {
        for (const auto& [column, value] : row) {
          EXPECT_EQ(value.find(needle), std::string::npos)
              << Where() << "the audit log's " << column << " holds " << needle;
        }
      }
    } else if (d == "stream") {
      // stream NAME: keeps the answer's live-update stream as NAME and reads its greeting.
      ASSERT_EQ(w.size(), 2u) << Where() << "stream NAME";
      ASSERT_TRUE(last_.stream) << Where() << "the answer has no stream";
      streams_[w[1]] = last_.stream;
      std::optional<std::string> greeting = last_.stream->Next(std::chrono::milliseconds(0));
      Answer(greeting.value_or("(ended)"));
    } else if (d == "next" || d == "quiet") {
      // next NAME [MS]: the stream's next chunk (waiting up to MS, 1000 by default) becomes the
      // answer that contains/lacks look at; "(ended)" if the stream ended.
      // quiet NAME MS: ... and nothing woke the stream in those MS: it kept still, and its
      // chunk holds no event.
      ASSERT_GE(w.size(), d == "next" ? 2u : 3u) << Where() << d << " NAME [MS]";
      auto it = streams_.find(w[1]);
      ASSERT_NE(it, streams_.end()) << Where() << "no stream " << w[1];
      std::chrono::milliseconds wait(w.size() > 2 ? std::stoll(w[2]) : 1000);
      auto start = std::chrono::steady_clock::now();
      std::optional<std::string> chunk = it->second->Next(wait);
      auto took = std::chrono::steady_clock::now() - start;
      Answer(chunk.value_or("(ended)"));
      if (d == "quiet") {
        EXPECT_GE(took, wait * 9 / 10)
            << Where() << "the stream woke after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
            << " ms: " << last_.body;
        EXPECT_EQ(last_.body.find("event:"), std::string::npos) << Where() << last_.body;
      }
    } else if (d == "keep") {
      // keep NAME: remembers the answer (status and body) for `same NAME`.
      ASSERT_EQ(w.size(), 2u) << Where() << "keep NAME";
      kept_[w[1]] = {last_.status, std::string(last_.Body())};
    } else if (d == "same") {
      // same NAME: the answer is byte for byte the one kept, status included.
      ASSERT_EQ(w.size(), 2u) << Where() << "same NAME";
      auto it = kept_.find(w[1]);
      ASSERT_NE(it, kept_.end()) << Where() << "nothing kept as " << w[1];
      EXPECT_EQ(last_.status, it->second.first) << Where() << "status differs from " << w[1];
      EXPECT_EQ(last_.Body(), it->second.second) << Where() << "body differs from " << w[1];
    } else if (d == "code") {
      // code USERNAME: $code is the account's current TOTP code (a demo account is given
      // credentials first), for signing in by hand with POST /api/v1/session.
      ASSERT_EQ(w.size(), 2u) << Where() << "code USERNAME";
      if (!secrets_.contains(w[1])) Provision(w[1]);
      vars_["code"] = CodeFor(w[1]);
    } else if (d == "noheader") {
      ASSERT_EQ(w.size(), 2u) << Where() << "noheader NAME";
      EXPECT_EQ(HeaderOf(last_, w[1]), "") << Where() << "the answer has a " << w[1] << " header";
    } else if (d == "header") {
      ASSERT_GE(w.size(), 2u) << Where() << "header NAME [VALUE]";
      std::string want = Expand(Trim(text.substr(text.find(w[1]) + w[1].size())));
      std::string got = HeaderOf(last_, w[1]);
      EXPECT_FALSE(got.empty()) << Where() << "no " << w[1] << " header";
      if (!want.empty()) {
        EXPECT_EQ(got, want) << Where();
      }
    } else if (d == "audit") {
      // audit OUTCOME... : the outcomes of the rows the last request wrote, in order, a run of
      // one outcome counted once (a record about two people has a row for each); none: no rows.
      std::vector<std::string> want(w.begin() + 1, w.end());
      if (want == std::vector<std::string>{"none"}) want.clear();
      std::vector<std::string> got = last_audit_;
      got.erase(std::unique(got.begin(), got.end()), got.end());
      EXPECT_EQ(got, want) << Where();
    } else {
      FAIL() << Where() << "unknown directive '" << d << "'";
    }
  }

  std::string AuditDump() const {
    std::string out;
    for (const auto& row : last_audit_rows_) {
      for (const auto& [column, value] : row) out.append(column).append("=").append(value) += " ";
      out += "\n";
    }
    return out.empty() ? "(no rows)" : out;
  }

  static std::string VarName(std::string username) {
    std::replace(username.begin(), username.end(), '.', '_');
    return username;
  }

  // Gives a demo account (which has no password) credentials, so a scenario can act as it.
  void Provision(const std::string& username) {
    auto e = auth::ResetUser(*store_, username, kPassword, now_);
    ASSERT_TRUE(e.ok()) << Where() << "no account " << username << ": " << e.status().ToString();
    secrets_[username] = e->totp_secret;
    vars_[VarName(username)] = e->user_id;
  }

  // The audit rows written after `seq`, each as column -> text (NULL as "").
  std::vector<std::map<std::string, std::string>> AuditRowsAfter(int64_t seq) {
    static const std::vector<std::string> kColumns = {"user_id",   "action",     "record_kind",
                                                      "record_id", "mapping_id", "subject_id",
                                                      "reason",    "remote",     "outcome"};
    std::string sql;
    for (const std::string& c : kColumns) sql += (sql.empty() ? "SELECT " : ", ") + c;
    sql += " FROM audit_log WHERE seq > ? ORDER BY seq";
    std::vector<std::map<std::string, std::string>> out;
    auto raw = storage::OpenSqlite(path_.string());
    EXPECT_TRUE(raw.ok()) << Where();
    if (!raw.ok()) return out;
    storage::SqlValue p = seq;
    auto ran = (*raw)->Run(sql, {&p, 1}, [&](const storage::SqlRow& row) {
      auto& r = out.emplace_back();
      for (std::size_t i = 0; i < kColumns.size(); ++i) {
        int col = static_cast<int>(i);
        r[kColumns[i]] = row.IsNull(col) ? "" : std::string(row.Text(col));
      }
      return Status::Ok();
    });
    EXPECT_TRUE(ran.ok()) << Where() << ran.status().ToString();
    return out;
  }

  // Makes `text` the answer the checks look at (a stream's chunk), with no audit rows.
  void Answer(std::string text) {
    last_ = http::ApiResponse();
    last_.body = std::move(text);
    last_json_.reset();
    last_audit_.clear();
    last_audit_rows_.clear();
  }

  const json& LastJson() {
    if (!last_json_) {
      json j = json::parse(last_.Body(), nullptr, false);
      last_json_ = j.is_discarded() ? json() : j;
    }
    return *last_json_;
  }

  void Send(const Request& r, const std::vector<std::string>& expect) {
    http::ApiRequest req;
    req.method = r.method;
    std::string target = Expand(r.path);
    std::size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string_view rest = std::string_view(target).substr(q + 1);
      while (!rest.empty()) {
        std::size_t amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        std::size_t eq = pair.find('=');
        req.query.emplace_back(
            PercentDecode(pair.substr(0, eq)),
            eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1)));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
      }
    }
    req.remote = remote_;
    req.headers["host"] = "contextmap.test";
    if (!reason_.empty()) req.headers["contextmap-reason"] = reason_;
    if (current_ != nullptr) {
      req.headers["cookie"] = std::string(http::kSessionCookie) + "=" + current_->token;
      if (r.method != "GET") req.headers["x-csrf-token"] = current_->csrf;
    }
    for (const auto& [name, value] : r.headers) {
      std::string key = name;
      for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (value.empty()) {
        req.headers.erase(key);
      } else {
        req.headers[key] = Expand(value);
      }
    }
    req.body = Expand(Trim(r.body));
    int64_t seq = LastAuditSeq();
    last_ = api_->Handle(req);
    last_json_.reset();
    last_audit_rows_ = AuditRowsAfter(seq);
    last_audit_.clear();
    for (const auto& row : last_audit_rows_) last_audit_.push_back(row.at("outcome"));
    if (trace_) {
      std::cout << GetParam() << ":" << r.line << " " << r.method << " " << target << " -> "
                << last_.status << " " << last_.Body().substr(0, 2000) << "\n";
    }
    ASSERT_EQ(expect.size(), 2u) << Where() << "expect STATUS";
    EXPECT_EQ(std::to_string(last_.status), expect[1])
        << Where() << r.method << " " << target << " (line " << r.line << ")\n"
        << last_.Body();
  }

  std::map<std::string, std::string> vars_;
  std::map<std::string, std::pair<int, std::string>> kept_;            // keep NAME: status and body
  std::map<std::string, std::shared_ptr<http::EventStream>> streams_;  // stream NAME
  bool trace_ = false;  // SCENARIO_TRACE set: print every request and its answer
  std::map<std::string, Session> sessions_;
  const Session* current_ = nullptr;
  std::string reason_ = "scenario suite";
  std::string scenario_ = "(before the first scenario)";
  int scenarios_ = 0;
  int line_ = 0;
  http::ApiResponse last_;
  std::optional<json> last_json_;
  std::vector<std::string> last_audit_;                              // their outcomes
  std::vector<std::map<std::string, std::string>> last_audit_rows_;  // the rows, by column
};

TEST_P(ScenarioTest, Runs) { Run(ScenarioDir() / GetParam()); }

INSTANTIATE_TEST_SUITE_P(Files, ScenarioTest, ::testing::ValuesIn(ScenarioFiles()),
                         [](const ::testing::TestParamInfo<std::string>& file) {
                           std::string name = file.param.substr(0, file.param.find('.'));
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

// The suite holds what the issue asked of it: at least 60 scenarios across its files.
TEST(ScenarioSuite, HoldsAtLeastSixtyScenarios) {
  int count = 0;
  for (const std::string& name : ScenarioFiles()) {
    std::ifstream in(ScenarioDir() / name);
    for (std::string l; std::getline(in, l);) {
      if (Trim(l).starts_with("scenario ")) ++count;
    }
  }
  EXPECT_GE(count, 60);
}

}  // namespace
}  // namespace contextmap::testing
