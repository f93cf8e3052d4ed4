// Which people and places a record is about: the subjects whose records a view or a change of
// it touches. The audit log keeps one row per subject concerned, so `audit who-viewed` finds
// every read of anything about a person: their own record, information about them or about a
// link of theirs, sightings that place them somewhere, factors, actions and so on.
//
// Cost: linear in the record; a record that reaches its subjects through another (information
// about a link, an approval of an item, an update of an action) costs one resolver lookup.
#ifndef CONTEXTMAP_CORE_CONCERNS_H_
#define CONTEXTMAP_CORE_CONCERNS_H_

#include <string>
#include <vector>

#include "contextmap/core/model.h"
#include "contextmap/core/validation.h"

namespace contextmap {

// The subject ids `record` concerns, sorted and unique; empty for records about no one
// (agencies, users, mappings, meetings...). `resolver` finds the link, information item or
// action a record hangs from; null, or a lookup that finds nothing, leaves those out.
std::vector<std::string> SubjectsConcerned(const Record& record, RecordResolver* resolver);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_CONCERNS_H_
