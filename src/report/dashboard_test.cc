#include "contextmap/report/dashboard.h"

#include <gtest/gtest.h>

namespace contextmap::report {
namespace {

const Date kToday(2026, 11, 23);
constexpr const char* kMe = "usr-me";

// One mapping's records. Without its profile, DueItems lists the mapping's open actions and
// questions with dates, which is all these tests need.
class MappingBuilder {
 public:
  MappingBuilder(std::string id, std::string title, MappingStatus status = MappingStatus::kActive) {
    Mapping m;
    m.id = std::move(id);
    m.title = std::move(title);
    m.status = status;
    m.kind = MappingKind::kPeerGroup;
    b_.scope = "mapping";
    b_.mapping_id = m.id;
    id_ = m.id;
    b_.of(RecordKind::kMapping).emplace_back(m);
  }
  MappingBuilder& Chair(std::string user) {
    std::get<Mapping>(b_.of(RecordKind::kMapping).front()).chair_user_id = std::move(user);
    return *this;
  }
  MappingBuilder& CoChair(std::string user) {
    std::get<Mapping>(b_.of(RecordKind::kMapping).front()).co_chair_user_id = std::move(user);
    return *this;
  }
  MappingBuilder& Act(std::string id, std::string owner, int due_in, ActionStatus status) {
    Action a;
    a.id = std::move(id);
    a.mapping_id = id_;
    a.description = "Action " + a.id;
    a.owner = "Test Owner";
    a.owner_user_id = std::move(owner);
    a.due_on = kToday.AddDays(due_in);
    a.status = status;
    b_.of(RecordKind::kAction).emplace_back(a);
    return *this;
  }
  MappingBuilder& Ask(std::string id, std::string owner, std::optional<int> due_in,
                      QuestionStatus status) {
    KeyQuestion q;
    q.id = std::move(id);
    q.mapping_id = id_;
    q.question = "Question " + q.id + "?";
    q.owner_user_id = std::move(owner);
    if (due_in) q.due_on = kToday.AddDays(*due_in);
    q.status = status;
    b_.of(RecordKind::kKeyQuestion).emplace_back(q);
    return *this;
  }
  Bundle Build() const { return b_; }

 private:
  Bundle b_;
  std::string id_;
};

template <class T>
std::vector<std::string> Ids(const std::vector<T>& rows) {
  std::vector<std::string> out;
  for (const T& r : rows) {
    if constexpr (std::is_same_v<T, DashboardDue>) {
      out.push_back(r.item.record_id);
    } else {
      out.push_back(r.id);
    }
  }
  return out;
}

using Ids_ = std::vector<std::string>;

std::vector<Bundle> Partnership() {
  using A = ActionStatus;
  using Q = QuestionStatus;
  return {
      MappingBuilder("map-a", "Alpha")
          .Chair(kMe)
          .Act("act-a1", kMe, -5, A::kOpen)
          .Act("act-a2", kMe, 3, A::kInProgress)
          .Act("act-a3", kMe, -20, A::kDone)
          .Act("act-a4", "usr-other", 8, A::kOpen)
          .Act("act-a5", kMe, -1, A::kCancelled)
          .Act("act-a6", kMe, -10, A::kOpen)
          .Ask("kq-a1", kMe, std::nullopt, Q::kOpen)
          .Ask("kq-a2", kMe, 1, Q::kOpen)
          .Ask("kq-a3", kMe, -3, Q::kAnswered)
          .Ask("kq-a4", kMe, -3, Q::kClosedUnanswered)
          .Ask("kq-a5", "usr-other", 2, Q::kOpen)
          .Build(),
      MappingBuilder("map-d", "Delta").Chair("usr-other").Build(),
      MappingBuilder("map-e", "Echo")
          .Chair("usr-other")
          .Act("act-e1", "usr-other", 7, A::kOpen)
          .Build(),
      MappingBuilder("map-b", "Bravo")
          .Chair("usr-other")
          .CoChair(kMe)
          .Act("act-b1", "usr-other", 7, A::kOpen)
          .Act("act-b2", "usr-other", 30, A::kOpen)
          .Build(),
      MappingBuilder("map-c", "Closed one", MappingStatus::kClosed)
          .Chair(kMe)
          .Act("act-c1", kMe, 2, A::kOpen)
          .Ask("kq-c1", kMe, -1, Q::kOpen)
          .Build(),
  };
}

TEST(DashboardTest, MyOpenActionsAndQuestionsOverdueFirstThenByDateUndatedLast) {
  Dashboard d = MakeDashboard(kMe, Partnership(), kToday);
  EXPECT_EQ(d.today, kToday);
  // Done, cancelled and others' actions are left out; a closed mapping's open ones stay.
  EXPECT_EQ(Ids(d.actions), (Ids_{"act-a6", "act-a1", "act-c1", "act-a2"}));
  EXPECT_EQ(Ids(d.key_questions), (Ids_{"kq-c1", "kq-a2", "kq-a1"}));
  const DashboardTask& first = d.actions.front();
  EXPECT_TRUE(first.overdue);
  EXPECT_EQ(first.mapping_id, "map-a");
  EXPECT_EQ(first.mapping_title, "Alpha");
  EXPECT_EQ(first.text, "Action act-a6");
  EXPECT_EQ(first.due_on, kToday.AddDays(-10));
  EXPECT_EQ(first.status, "open");
  EXPECT_EQ(d.actions.back().status, "in_progress");
  EXPECT_FALSE(d.actions.back().overdue);
  EXPECT_EQ(d.key_questions.front().text, "Question kq-c1?");
  EXPECT_FALSE(d.key_questions.back().due_on.IsSet());
  EXPECT_FALSE(d.key_questions.back().overdue);
}

TEST(DashboardTest, MyMappingsByWhatIsDueNextNoneLastClosedLeftOut) {
  Dashboard d = MakeDashboard(kMe, Partnership(), kToday);
  // Alpha's next is overdue; Bravo and Echo are due the same day (by title); Delta has nothing.
  EXPECT_EQ(Ids(d.mappings), (Ids_{"map-a", "map-b", "map-e", "map-d"}));
  EXPECT_EQ(d.mappings[0].role, MemberRole::kChair);
  EXPECT_EQ(d.mappings[1].role, MemberRole::kCoChair);
  EXPECT_EQ(d.mappings[2].role, MemberRole::kMember);
  EXPECT_EQ(MemberRoleName(d.mappings[1].role), "co_chair");
  ASSERT_TRUE(d.mappings[0].next_due.has_value());
  EXPECT_EQ(d.mappings[0].next_due->record_id, "act-a6");  // anyone's, overdue included
  EXPECT_TRUE(d.mappings[0].next_due->overdue);
  EXPECT_EQ(d.mappings[1].next_due->record_id, "act-b1");
  EXPECT_FALSE(d.mappings[3].next_due.has_value());
  EXPECT_EQ(d.mappings[0].title, "Alpha");
  EXPECT_EQ(d.mappings[0].kind, MappingKind::kPeerGroup);
  EXPECT_EQ(d.mappings[0].status, MappingStatus::kActive);
}

TEST(DashboardTest, DueThisWeekIsEverythingUpToAWeekAheadOverdueIncluded) {
  Dashboard d = MakeDashboard(kMe, Partnership(), kToday);
  // Anyone's items on my open mappings up to today + 7 (act-b1 and act-e1 fall on the last
  // day, Bravo before Echo); not act-a4 (8 days) or act-b2, nor the closed mapping's.
  EXPECT_EQ(Ids(d.due_this_week),
            (Ids_{"act-a6", "act-a1", "kq-a2", "kq-a5", "act-a2", "act-b1", "act-e1"}));
  EXPECT_EQ(d.due_this_week.front().mapping_id, "map-a");
  EXPECT_EQ(d.due_this_week.front().mapping_title, "Alpha");
  EXPECT_TRUE(d.due_this_week.front().item.overdue);
  EXPECT_EQ(d.due_this_week.back().mapping_title, "Echo");
  EXPECT_EQ(d.due_this_week.back().item.due, kToday.AddDays(kDueSoonDays));
}

TEST(DashboardTest, OnlyWhatIsGivenCounts) {
  EXPECT_TRUE(MakeDashboard(kMe, {}, kToday).mappings.empty());
  // A bundle without its mapping record is skipped, actions and all.
  Bundle orphan = MappingBuilder("map-x", "X").Act("act-x", kMe, 1, ActionStatus::kOpen).Build();
  orphan.of(RecordKind::kMapping).clear();
  Dashboard d = MakeDashboard(kMe, {orphan}, kToday);
  EXPECT_TRUE(d.actions.empty());
  EXPECT_TRUE(d.mappings.empty());
  // Someone else's dashboard over the same mappings shows their own work, not mine.
  Dashboard other = MakeDashboard("usr-other", Partnership(), kToday);
  EXPECT_EQ(Ids(other.actions), (Ids_{"act-b1", "act-e1", "act-a4", "act-b2"}));
  EXPECT_EQ(Ids(other.key_questions), (Ids_{"kq-a5"}));
  EXPECT_EQ(other.mappings[0].role, MemberRole::kMember);  // Alpha, which I chair
  EXPECT_EQ(other.mappings[1].role, MemberRole::kChair);
}

}  // namespace
}  // namespace contextmap::report
