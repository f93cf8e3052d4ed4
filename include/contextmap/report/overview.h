// The strategic overview: for every mapping, its shape and counts (subjects by kind, open and
// overdue actions), with no names, no free text and no ids of people. Strategic viewers and
// chairs read it to see the partnership's load; the server decides who may (access.h, Policy
// kOverview).
//
// Cost: one list of mappings, then two indexed lists per mapping (its subjects, its actions);
// holds one mapping's subjects and actions at a time.
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

struct MappingCounts {
  std::string id;
  MappingKind kind = MappingKind::kIndividual;
  MappingStatus status = MappingStatus::kPreMapping;
  MappingLevel level = MappingLevel::kNone;
  std::string parent_mapping_id;
  std::vector<std::string> area_ids;
  std::map<std::string, int> subjects;  // by SubjectKind wire name
  int open_actions = 0;
  int overdue_actions = 0;  // open and due before `today`
};

// Every mapping in id order.
Result<std::vector<MappingCounts>> Overview(Store& store, Date today);

}  // namespace contextmap::report

#endif  // CONTEXTMAP_REPORT_OVERVIEW_H_
