// What is due for a mapping, and what is overdue: the protocol profile's timescales applied to
// the mapping's record, plus every open action and key question with a date.
//
// DueItems works on the records of one mapping (a mapping-scope Bundle, as Store::Export gives)
// and returns items earliest first. Working days skip weekends and England and Wales bank
// holidays (calendar.h). Cost: linear in the mapping's records.
#ifndef CONTEXTMAP_CORE_TIMESCALES_H_
#define CONTEXTMAP_CORE_TIMESCALES_H_

#include <string>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/core/date.h"
#include "contextmap/core/model.h"

namespace contextmap {

struct DueItem {
  Date due;
  std::string what;  // "Review meeting (3 months after the meeting on 2 March 2026)"
  RecordKind kind;   // the record the item belongs to (mapping, meeting, action, question)
  std::string record_id;
  bool overdue = false;  // due before today
};

// Everything still due for `mapping_id`, earliest first.
std::vector<DueItem> DueItems(const Bundle& b, const std::string& mapping_id, Date today);

// Children on the mapping judged at risk (a risk assessment exists) with no referral recorded:
// the place-based protocol makes the group responsible for making sure one is made.
std::vector<std::string> AtRiskWithoutReferral(const Bundle& b, const std::string& mapping_id);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_TIMESCALES_H_
