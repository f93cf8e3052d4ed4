#include "contextmap/report/overview.h"

#include <gtest/gtest.h>

#include "contextmap/demo/demo.h"

namespace contextmap::report {
namespace {

const Date kToday(2026, 11, 23);
constexpr const char* kMap = "map-test";

MappingSubject Placed(std::string subject_id, MappingRole role, std::string mapping_id = kMap) {
  MappingSubject ms;
  ms.id = "ms-" + subject_id + "-" + mapping_id;
  ms.mapping_id = std::move(mapping_id);
  ms.subject_id = std::move(subject_id);
  ms.role = role;
  ms.added_on = kToday.AddDays(-100);
  return ms;
}

RiskAssessment Assessed(std::string id, std::string subject_id, std::string category, int days_ago,
                        std::string mapping_id = kMap) {
  RiskAssessment ra;
  ra.id = std::move(id);
  ra.mapping_id = std::move(mapping_id);
  ra.subject_id = std::move(subject_id);
  ra.category = std::move(category);
  ra.rationale = "Invented rationale.";
  ra.assessed_on = kToday.AddDays(-days_ago);
  return ra;
}

std::vector<RiskCategory> Categories() {
  std::vector<RiskCategory> out;
  int rank = 0;
  for (const char* code : {"low", "mid", "high"}) {
    RiskCategory c;
    c.code = code;
    c.label = std::string(code) + " (an invented category)";
    c.rank = ++rank;
    out.push_back(c);
  }
  return out;
}

using Counts = std::map<std::string, int>;

TEST(OverviewTest, EveryCategoryIsListedAndAChildWithNoAssessmentIsNotAssessed) {
  CohortRisk r =
      CountCohortByRisk(kMap, {Placed("sub-a", MappingRole::kSubjectChild)}, {}, Categories());
  EXPECT_EQ(r.by_category, (Counts{{"low", 0}, {"mid", 0}, {"high", 0}}));
  EXPECT_EQ(r.not_assessed, 1);
}

TEST(OverviewTest, AChildCountsOnceByTheLatestAssessmentThenTheGreatestId) {
  std::vector<MappingSubject> on_map = {Placed("sub-a", MappingRole::kSubjectChild),
                                        Placed("sub-b", MappingRole::kCohortMember),
                                        Placed("sub-c", MappingRole::kCohortMember)};
  std::vector<RiskAssessment> assessed = {
      // sub-a: raised from low to high, listed newest first
      Assessed("ra-2", "sub-a", "high", 10), Assessed("ra-1", "sub-a", "low", 40),
      // sub-b: two on the same day; the greater id wins whatever the order given
      Assessed("ra-9", "sub-b", "mid", 5), Assessed("ra-3", "sub-b", "low", 5),
      // sub-c: lowered
      Assessed("ra-4", "sub-c", "high", 60), Assessed("ra-5", "sub-c", "low", 20)};
  CohortRisk r = CountCohortByRisk(kMap, on_map, assessed, Categories());
  EXPECT_EQ(r.by_category, (Counts{{"low", 1}, {"mid", 1}, {"high", 1}}));
  EXPECT_EQ(r.not_assessed, 0);
}

TEST(OverviewTest, OnlyTheCohortStillOnThisMappingIsCounted) {
  MappingSubject off = Placed("sub-off", MappingRole::kCohortMember);
  off.removed_on = kToday.AddDays(-3);
  std::vector<MappingSubject> on_map = {
      Placed("sub-a", MappingRole::kCohortMember),
      Placed("sub-assoc", MappingRole::kAssociate),       // a child, but not in the cohort
      Placed("sub-adult", MappingRole::kAdultOfConcern),  // not in the cohort
      off,                                                // taken off the map
      Placed("sub-else", MappingRole::kCohortMember, "map-other"),  // another mapping's cohort
      Placed("sub-a", MappingRole::kCohortMember),                  // placed twice: still one child
  };
  std::vector<RiskAssessment> assessed = {
      Assessed("ra-1", "sub-assoc", "high", 1), Assessed("ra-2", "sub-adult", "high", 1),
      Assessed("ra-3", "sub-off", "high", 1), Assessed("ra-4", "sub-else", "high", 1, "map-other"),
      // sub-a's assessment on another mapping says nothing of its category on this one
      Assessed("ra-5", "sub-a", "high", 1, "map-other")};
  CohortRisk r = CountCohortByRisk(kMap, on_map, assessed, Categories());
  EXPECT_EQ(r.by_category, (Counts{{"low", 0}, {"mid", 0}, {"high", 0}}));
  EXPECT_EQ(r.not_assessed, 1);
}

TEST(OverviewTest, ACategoryTheProfileNoLongerHasIsStillCounted) {
  CohortRisk r = CountCohortByRisk(kMap, {Placed("sub-a", MappingRole::kSubjectChild)},
                                   {Assessed("ra-1", "sub-a", "retired", 2)}, {});
  EXPECT_EQ(r.by_category, (Counts{{"retired", 1}}));
  EXPECT_EQ(r.not_assessed, 0);
}

// The demo: Ruby Example was category 2 at the initial meeting and raised to 3 since; Ella
// Placeholder, assessed category 1, is an associate on that mapping, not in its cohort. The
// other mappings' profiles have no categories and nobody on them is assessed.
TEST(OverviewTest, TheDemoPartnershipsCohortsByRiskCategory) {
  std::vector<Record> demo = DemoPartnership(kToday);
  std::vector<MappingSubject> on_map;
  std::vector<RiskAssessment> assessed;
  std::map<std::string, std::vector<RiskCategory>> categories_of;
  std::vector<const Mapping*> mappings;
  for (const Record& r : demo) {
    if (const auto* ms = std::get_if<MappingSubject>(&r)) on_map.push_back(*ms);
    if (const auto* ra = std::get_if<RiskAssessment>(&r)) assessed.push_back(*ra);
    if (const auto* p = std::get_if<ProtocolProfile>(&r)) categories_of[p->id] = p->risk_categories;
    if (const auto* m = std::get_if<Mapping>(&r)) mappings.push_back(m);
  }
  std::map<std::string, CohortRisk> got;
  for (const Mapping* m : mappings) {
    got[m->id] = CountCohortByRisk(m->id, on_map, assessed, categories_of[m->profile_id]);
  }
  ASSERT_EQ(got.size(), 5U);
  EXPECT_EQ(got["map-individual-cse"].by_category,
            (Counts{{"cse_1", 0}, {"cse_2", 0}, {"cse_3", 1}}));
  EXPECT_EQ(got["map-individual-cse"].not_assessed, 0);
  EXPECT_EQ(got["map-county-line"].by_category, Counts{});
  EXPECT_EQ(got["map-county-line"].not_assessed, 4);
  EXPECT_EQ(got["map-image-sharing"].not_assessed, 2);
  EXPECT_EQ(got["map-place-bronze"].not_assessed, 3);
  EXPECT_EQ(got["map-place-silver"].not_assessed, 0);
}

}  // namespace
}  // namespace contextmap::report
