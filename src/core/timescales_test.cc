#include "contextmap/core/timescales.h"

#include <gtest/gtest.h>

namespace contextmap {
namespace {

// A mapping under a profile with the timescales the seed protocols set.
class TimescalesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProtocolProfile p;
    p.id = "prof";
    p.name = "Profile";
    p.risk_categories = {{"low", "Low", "", 1, false}, {"high", "High", "", 3, true}};
    p.timescales = {
        {TimescaleKind::kFirstMeeting,
         5,
         TimescaleUnit::kWorkingDays,
         {"strategy_discussion", "section_47"},
         "Mapping meeting within 5 working days",
         false},
        {TimescaleKind::kMinutesCirculated, 48, TimescaleUnit::kHours, {}, "Minutes", false},
        {TimescaleKind::kSubjectsToInvitees, 1, TimescaleUnit::kWeeks, {}, "List", false},
        {TimescaleKind::kReviewMeeting, 3, TimescaleUnit::kMonths, {}, "Review", true},
    };
    b_.of(RecordKind::kProtocolProfile).emplace_back(p);
    m_.id = "map";
    m_.title = "Test";
    m_.profile_id = "prof";
    m_.trigger = MappingTrigger::kStrategyDiscussion;
    m_.trigger_date = Date(2026, 12, 22);  // Tuesday before Christmas
    m_.status = MappingStatus::kActive;
  }

  std::vector<DueItem> Due(Date today) {
    b_.of(RecordKind::kMapping) = {m_};
    return DueItems(b_, "map", today);
  }

  void AddMeeting(std::string id, Date date, MeetingStatus status) {
    Meeting mt;
    mt.id = std::move(id);
    mt.mapping_id = "map";
    mt.date = date;
    mt.status = status;
    b_.of(RecordKind::kMeeting).emplace_back(mt);
  }

  void AddRisk(std::string id, std::string subject_id, std::string category,
               Date assessed_on = Date()) {
    RiskAssessment ra;
    ra.id = std::move(id);
    ra.mapping_id = "map";
    ra.subject_id = std::move(subject_id);
    ra.category = std::move(category);
    ra.assessed_on = assessed_on;
    b_.of(RecordKind::kRiskAssessment).emplace_back(ra);
  }

  Bundle b_;
  Mapping m_;
};

TEST_F(TimescalesTest, FirstMeetingCountsWorkingDaysOverChristmas) {
  auto due = Due(Date(2026, 12, 23));
  ASSERT_EQ(due.size(), 1u);
  // Wed 23, Thu 24, (Fri 25, Mon 28 holidays; 26-27 weekend), Tue 29, Wed 30, Thu 31.
  EXPECT_EQ(due[0].due, Date(2026, 12, 31));
  EXPECT_FALSE(due[0].overdue);
  EXPECT_TRUE(Due(Date(2027, 1, 4))[0].overdue);
}

TEST_F(TimescalesTest, FirstMeetingDoesNotApplyToOtherTriggers) {
  m_.trigger = MappingTrigger::kExploitationPanel;
  EXPECT_TRUE(Due(Date(2026, 12, 23)).empty());
}

TEST_F(TimescalesTest, HeldMeetingNeedsMinutesAndReviewOnlyWhileRiskIsHigh) {
  AddMeeting("mtg-1", Date(2026, 12, 29), MeetingStatus::kHeld);
  auto due = Due(Date(2026, 12, 30));
  ASSERT_EQ(due.size(), 1u);  // minutes; no review while no child is assessed high
  EXPECT_EQ(due[0].due, Date(2026, 12, 31));
  EXPECT_EQ(due[0].record_id, "mtg-1");

  AddRisk("risk-1", "sub", "high", Date(2026, 12, 29));
  due = Due(Date(2026, 12, 30));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[1].due, Date(2027, 3, 29));
  EXPECT_NE(due[1].what.find("Review meeting"), std::string::npos);
}

TEST_F(TimescalesTest, PlannedMeetingNeedsTheSubjectListAWeekBefore) {
  AddMeeting("mtg-1", Date(2026, 12, 29), MeetingStatus::kHeld);
  b_.of(RecordKind::kMeeting).back() = [&] {
    Meeting mt = std::get<Meeting>(b_.of(RecordKind::kMeeting).back());
    mt.minutes_circulated_on = Date(2026, 12, 30);
    return mt;
  }();
  AddMeeting("mtg-2", Date(2027, 2, 10), MeetingStatus::kPlanned);
  auto due = Due(Date(2027, 1, 5));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].due, Date(2027, 2, 3));
  EXPECT_EQ(due[0].record_id, "mtg-2");
}

TEST_F(TimescalesTest, OpenActionsAndQuestionsAreDue) {
  Action a;
  a.id = "act-1";
  a.mapping_id = "map";
  a.description = "Do it";
  a.owner = "Someone";
  a.due_on = Date(2026, 12, 1);
  b_.of(RecordKind::kAction).emplace_back(a);
  a.id = "act-2";
  a.status = ActionStatus::kDone;
  b_.of(RecordKind::kAction).emplace_back(a);
  m_.trigger = MappingTrigger::kOther;
  auto due = Due(Date(2026, 12, 2));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].record_id, "act-1");
  EXPECT_TRUE(due[0].overdue);
}

TEST_F(TimescalesTest, AtRiskWithoutReferralIsFlagged) {
  AddRisk("risk-1", "sub-a", "low");
  AddRisk("risk-2", "sub-b", "low");
  Referral r;
  r.id = "ref-1";
  r.mapping_id = "map";
  r.subject_id = "sub-b";
  r.status = ReferralStatus::kMade;
  b_.of(RecordKind::kReferral).emplace_back(r);
  EXPECT_EQ(AtRiskWithoutReferral(b_, "map"), std::vector<std::string>{"sub-a"});
}

}  // namespace
}  // namespace contextmap
