// The strategic overview: for every mapping, its shape and counts (subjects by kind, open and
// overdue actions, the children in its cohort by their current risk category), with no names,
// no free text and no ids of people. Strategic viewers and chairs read it to see the
// partnership's load; the server decides who may (access.h, Policy kOverview).
//
// Cost: one list of mappings and one of protocol profiles, then four indexed lists per mapping
// (its subjects, its places on the map, its actions, its risk assessments); holds one
// mapping's records at a time.
#ifndef CONTEXTMAP_REPORT_OVERVIEW_H_
#define CONTEXTMAP_REPORT_OVERVIEW_H_

#include <map>
#include <string>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"
#include "contextmap/storage/store.h"

namespace contextmap::report {

// A risk category of a protocol profile as the overview names it: the protocol's own wording,
// never a person.
struct CategoryLabel {
  std::string code;
  std::string label;
  int64_t rank = 0;  // higher is more serious
};

// The children in a mapping's cohort by their current risk category.
struct CohortRisk {
  // By category code: every category of the mapping's profile (0 included), and any other code
  // a current assessment holds (a profile changed since).
  std::map<std::string, int> by_category;
  int not_assessed = 0;  // in the cohort with no risk assessment on this mapping
};

// The rule. The cohort is the subjects placed on `mapping_id` as the subject child or a cohort
// member and not taken off (`removed_on` unset), each counted once. A child's current category
// is that of their latest risk assessment on that mapping (latest `assessed_on`, then the
// greatest id); assessments on other mappings, and of subjects not in the cohort, are ignored.
CohortRisk CountCohortByRisk(const std::string& mapping_id,
                             const std::vector<MappingSubject>& on_map,
                             const std::vector<RiskAssessment>& assessments,
                             const std::vector<RiskCategory>& categories);

struct MappingCounts {
  std::string id;
  MappingKind kind = MappingKind::kIndividual;
  MappingStatus status = MappingStatus::kPreMapping;
  MappingLevel level = MappingLevel::kNone;
  std::string parent_mapping_id;
  std::vector<std::string> area_ids;
  std::string profile_id;
  std::map<std::string, int> subjects;  // by SubjectKind wire name
  int open_actions = 0;
  int overdue_actions = 0;  // open and due before `today`
  // The profile's risk categories in its own order (empty: the profile has none, or is gone).
  std::vector<CategoryLabel> risk_categories;
  CohortRisk cohort_risk;
};

// Every mapping in id order.
Result<std::vector<MappingCounts>> Overview(Store& store, Date today);

}  // namespace contextmap::report

#endif  // CONTEXTMAP_REPORT_OVERVIEW_H_
