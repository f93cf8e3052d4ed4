#include "contextmap/report/mapping_summary.h"

#include <gtest/gtest.h>

#include "contextmap/demo/demo.h"

namespace contextmap::report {
namespace {

const Date kToday(2026, 11, 23);

Bundle Demo() {
  Bundle b;
  for (Record& r : DemoPartnership(kToday)) b.of(KindOf(r)).push_back(std::move(r));
  return b;
}

TEST(MappingSummaryTest, ShowsWhatAChairNeeds) {
  Bundle b = Demo();
  std::string text = MappingSummary(b, "map-county-line", kToday);
  for (const char* want :
       {"Network - county line to the coast", "Peer group mapping", "Children (",
        "Adults of concern (", "Places of concern (", "Links (", "Sightings (",
        "Seen together:", "Open actions (", "Open key questions (", "Meetings", "Next due:"}) {
    EXPECT_NE(text.find(want), std::string::npos) << "missing '" << want << "' in:\n" << text;
  }
}

TEST(MappingSummaryTest, RiskHistoryAndFlags) {
  Bundle b = Demo();
  std::string text = MappingSummary(b, "map-individual-cse", kToday);
  EXPECT_NE(text.find("risk: Category"), std::string::npos) << text;
  EXPECT_NE(text.find("before that"), std::string::npos) << text;
  EXPECT_NE(text.find("is judged at risk but no referral is recorded"), std::string::npos) << text;
}

TEST(MappingSummaryTest, UnknownMapping) {
  EXPECT_EQ(MappingSummary(Bundle{}, "map-x", kToday), "There is no mapping map-x.\n");
}

TEST(MappingSummaryTest, AgeOnBirthday) {
  EXPECT_EQ(AgeOn(Date(2010, 11, 23), kToday), 16);
  EXPECT_EQ(AgeOn(Date(2010, 11, 24), kToday), 15);
  EXPECT_EQ(AgeOn(Date(), kToday), -1);
}

}  // namespace
}  // namespace contextmap::report
