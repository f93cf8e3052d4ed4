// A mapping in plain text, the way a chair reads it before a meeting: who is in the cohort and
// how much risk each child carries, the adults, places and groups of concern, every link with
// how sure the partnership is of it, sightings, open actions and questions, what is due next,
// and flags (a child at risk with no referral recorded).
//
// Works on a mapping-scope Bundle (Store::Export). Prints names: the caller decides who may
// read it. Cost: O(records + links * information) for one mapping.
#ifndef CONTEXTMAP_REPORT_MAPPING_SUMMARY_H_
#define CONTEXTMAP_REPORT_MAPPING_SUMMARY_H_

#include <string>

#include "contextmap/core/bundle.h"
#include "contextmap/core/date.h"

namespace contextmap::report {

std::string MappingSummary(const Bundle& b, const std::string& mapping_id, Date today);

// Age in whole years on `today`, or -1 if dob is unset.
int AgeOn(Date dob, Date today);

}  // namespace contextmap::report

#endif  // CONTEXTMAP_REPORT_MAPPING_SUMMARY_H_
