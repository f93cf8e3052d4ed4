// GET /api/v1/search, /api/v1/mappings/{id}/due and /api/v1/dashboard where a scenario would
// need loops: more matches than one answer holds, with hidden ones placed before, among and
// after them, must give the same bytes as if the hidden ones did not exist; and what the audit
// log keeps of each (ids, never the words searched for).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "api_fixture.h"

namespace contextmap::testing {
namespace {

using nlohmann::json;

constexpr const char* kVisible = "map-county-line";
constexpr const char* kHidden = "map-image-sharing";  // the test accounts are not members

class WorkRoutesTest : public ApiFixture {
 protected:
  // A new child called `label` on `mapping`, straight into the store; its id.
  std::string AddChild(const std::string& label, const std::string& mapping) {
    Subject s;
    s.id = NewId(RecordKind::kSubject);
    s.kind = SubjectKind::kChild;
    s.label = label;
    s.full_name = label;
    MappingSubject ms;
    ms.id = NewId(RecordKind::kMappingSubject);
    ms.mapping_id = mapping;
    ms.subject_id = s.id;
    ms.role = MappingRole::kCohortMember;
    std::vector<Record> both = {s, ms};
    Status created = store_->CreateAll(&both);
    EXPECT_TRUE(created.ok()) << created.ToString();
    return s.id;
  }

  // An open action on `mapping` owned by `user_id`, due `due_in` days from today; its id.
  std::string AddAction(const std::string& mapping, const std::string& user_id, int due_in) {
    Action a;
    a.mapping_id = mapping;
    a.description = "Test action for the dashboard.";
    a.owner = "Test Owner";
    a.owner_user_id = user_id;
    a.owner_agency_id = "agy-police";
    a.due_on = kApiToday.AddDays(due_in);
    a.created_on = kApiToday.AddDays(-30);
    Record r = a;
    Status created = store_->Create(&r);
    EXPECT_TRUE(created.ok()) << created.ToString();
    return BaseOf(r).id;
  }

  struct AuditRow {
    std::string action, record_id, subject_id, reason, outcome, all;  // all: every column
  };
  std::vector<AuditRow> AuditAfter(int64_t seq) {
    auto raw = storage::OpenSqlite(path_.string());
    EXPECT_TRUE(raw.ok());
    std::vector<AuditRow> out;
    storage::SqlValue p = seq;
    auto r = (*raw)->Run(
        "SELECT action, COALESCE(record_id, ''), COALESCE(subject_id, ''), "
        "COALESCE(reason, ''), outcome, COALESCE(user_id, '') || ' ' || "
        "COALESCE(record_kind, '') || ' ' || COALESCE(mapping_id, '') || ' ' || "
        "COALESCE(remote, '') FROM audit_log WHERE seq > ? ORDER BY seq",
        {&p, 1}, [&](const storage::SqlRow& row) {
          AuditRow a{std::string(row.Text(0)), std::string(row.Text(1)), std::string(row.Text(2)),
                     std::string(row.Text(3)), std::string(row.Text(4)), ""};
          a.all = a.action + " " + a.record_id + " " + a.subject_id + " " + a.reason + " " +
                  a.outcome + " " + std::string(row.Text(5));
          out.push_back(std::move(a));
          return Status::Ok();
        });
    EXPECT_TRUE(r.ok());
    return out;
  }

  http::ApiResponse Search(const Session& s, const std::string& q) {
    return Call("GET", "/api/v1/search", "", &s, {{"ContextMap-Reason", "finding a child"}},
                {{"q", q}});
  }
};

std::string Label(int n) {
  char label[40];
  std::snprintf(label, sizeof label, "Zephyrine Testchild %02d", n);
  return label;
}

std::vector<std::string> ResultLabels(const json& body) {
  std::vector<std::string> out;
  for (const auto& r : body["results"]) out.push_back(r["subject"]["label"].get<std::string>());
  return out;
}

TEST_F(WorkRoutesTest, SearchAnswersByteForByteAsIfHiddenMatchesDidNotExist) {
  std::string user = AddAccount("test.searcher", UserRole::kPractitioner, "agy-police");
  AddMember(kVisible, user);
  Session s = SignIn("test.searcher");
  std::set<std::string> visible_ids;
  for (int i = 0; i < 50; ++i) visible_ids.insert(AddChild(Label(i), kVisible));

  http::ApiResponse before = Search(s, "zephyrine testchild");
  ASSERT_EQ(before.status, 200) << before.body;
  json page = json::parse(before.body);
  EXPECT_EQ(page["results"].size(), 50U);
  EXPECT_EQ(page["more"], false);
  std::vector<std::string> labels = ResultLabels(page);
  EXPECT_EQ(labels.front(), Label(0));
  EXPECT_EQ(labels.back(), Label(49));
  EXPECT_TRUE(std::is_sorted(labels.begin(), labels.end()));

  // Matches the user may not see: first in order, among the others, and after the fiftieth.
  std::set<std::string> hidden_ids = {
      AddChild("Zephyrine Testchild 00a", kHidden), AddChild("Zephyrine Testchild", kHidden),
      AddChild("Zephyrine Testchild 25b", kHidden), AddChild("Zephyrine Testchild 99", kHidden)};
  int64_t seq = LastAuditSeq();
  http::ApiResponse after = Search(s, "zephyrine testchild");
  EXPECT_EQ(after.status, before.status);
  EXPECT_EQ(after.body, before.body);  // count, order and "more" alike

  // The audit log: a row per subject shown, with the reason; one refused row for the matches
  // left out, naming none of them; never the words searched for.
  std::vector<AuditRow> rows = AuditAfter(seq);
  std::set<std::string> audited;
  int refused = 0;
  for (const AuditRow& row : rows) {
    EXPECT_EQ(row.action, "search");
    EXPECT_EQ(row.reason, "finding a child");
    EXPECT_FALSE(hidden_ids.contains(row.record_id) || hidden_ids.contains(row.subject_id));
    std::string lower = row.all;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(lower.find("zephyrine"), std::string::npos) << row.all;
    EXPECT_EQ(lower.find("testchild"), std::string::npos) << row.all;
    if (row.outcome == "refused") {
      ++refused;
      EXPECT_EQ(row.subject_id, "");
    } else {
      EXPECT_EQ(row.outcome, "ok");
      EXPECT_EQ(row.record_id, row.subject_id);
      audited.insert(row.subject_id);
    }
  }
  EXPECT_EQ(audited, visible_ids);
  EXPECT_EQ(refused, 1);

  // A fifty-first the user may see: the first fifty come back, and "more" says there is more.
  AddChild(Label(50), kVisible);
  json more = json::parse(Search(s, "zephyrine testchild").body);
  EXPECT_EQ(more["more"], true);
  EXPECT_EQ(ResultLabels(more), labels);
}

TEST_F(WorkRoutesTest, SearchOrderIsByLabelIgnoringCaseThenId) {
  std::string user = AddAccount("test.searcher", UserRole::kAnalyst, "agy-police");
  AddMember(kVisible, user);
  Session s = SignIn("test.searcher");
  std::string b1 = AddChild("zephyrine Beta", kVisible);
  std::string a = AddChild("Zephyrine alpha", kVisible);
  std::string b2 = AddChild("zephyrine Beta", kVisible);  // the same label: by id
  json body = json::parse(Search(s, "ZEPHYRINE").body);
  std::vector<std::string> ids;
  for (const auto& r : body["results"]) ids.push_back(r["subject"]["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{a, std::min(b1, b2), std::max(b1, b2)}));
}

TEST_F(WorkRoutesTest, DueItemsComeEarliestFirstWithTheProfilesTimescales) {
  std::string user = AddAccount("test.member", UserRole::kPractitioner, "agy-csc");
  AddMember(kVisible, user);
  Session s = SignIn("test.member");
  http::ApiResponse res = Call("GET", std::string("/api/v1/mappings/") + kVisible + "/due", "", &s,
                               {{"ContextMap-Reason", "planning the review"}});
  ASSERT_EQ(res.status, 200) << res.body;
  json items = json::parse(res.body)["items"];
  ASSERT_FALSE(items.empty());
  std::vector<std::string> dues;
  std::set<std::string> kinds;
  for (const auto& item : items) {
    dues.push_back(item["due"]);
    kinds.insert(item["kind"].get<std::string>());
    EXPECT_EQ(item["overdue"], item["due"].get<std::string>() < kApiToday.ToString());
  }
  EXPECT_TRUE(std::is_sorted(dues.begin(), dues.end()));
  EXPECT_TRUE(kinds.contains("action")) << res.body;
  EXPECT_TRUE(kinds.contains("key_question")) << res.body;
  // Items only the protocol profile's timescales give (minutes, reviews): the profile is read.
  EXPECT_TRUE(kinds.contains("meeting") || kinds.contains("mapping")) << res.body;
}

TEST_F(WorkRoutesTest, ADashboardIsTheSameBytesWithOrWithoutWorkOnAHiddenMapping) {
  std::string user = AddAccount("test.owner", UserRole::kPractitioner, "agy-police");
  AddMember(kVisible, user);
  Session s = SignIn("test.owner");
  std::string mine = AddAction(kVisible, user, -3);
  http::ApiResponse alone = Call("GET", "/api/v1/dashboard", "", &s);
  ASSERT_EQ(alone.status, 200) << alone.body;

  // An action owned by the user on a mapping they are not a member of.
  std::string elsewhere = AddAction(kHidden, user, -5);
  int64_t seq = LastAuditSeq();
  http::ApiResponse with_hidden = Call("GET", "/api/v1/dashboard", "", &s);
  EXPECT_EQ(with_hidden.body, alone.body);
  EXPECT_EQ(with_hidden.body.find(elsewhere), std::string::npos);
  EXPECT_EQ(with_hidden.body.find("image sharing"), std::string::npos);  // its title
  json d = json::parse(with_hidden.body);
  ASSERT_EQ(d["actions"].size(), 1U);
  EXPECT_EQ(d["actions"][0]["id"], mine);
  EXPECT_EQ(d["actions"][0]["overdue"], true);
  EXPECT_EQ(d["actions"][0]["mapping_title"], "Network - county line to the coast");
  ASSERT_EQ(d["mappings"].size(), 1U);
  EXPECT_EQ(d["mappings"][0]["role"], "member");

  // Audited as a read of the user's own work: the ids shown, never the hidden one.
  std::set<std::string> shown;
  for (const AuditRow& row : AuditAfter(seq)) {
    EXPECT_EQ(row.action, "dashboard");
    EXPECT_EQ(row.reason, "own dashboard");
    EXPECT_EQ(row.outcome, "ok");
    shown.insert(row.record_id);
  }
  EXPECT_TRUE(shown.contains(mine));
  EXPECT_TRUE(shown.contains(kVisible));
  EXPECT_FALSE(shown.contains(elsewhere));
  EXPECT_FALSE(shown.contains(kHidden));

  // Made a member, the user sees it.
  AddMember(kHidden, user);
  json both = json::parse(Call("GET", "/api/v1/dashboard", "", &s).body);
  ASSERT_EQ(both["actions"].size(), 2U);
  EXPECT_EQ(both["actions"][0]["id"], elsewhere);  // the more overdue first
}

}  // namespace
}  // namespace contextmap::testing
