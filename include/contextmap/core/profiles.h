// The protocol profiles that ship with ContextMap: one per source document (the five
// partnership protocols the team keeps in shared/seeds/, outside this repository).
//
// Each profile carries, as data, what its document sets: the triggers for convening a mapping,
// timescales, checklists, risk categories, meeting and report templates and a confidentiality
// statement. The facts, lists and timescales come from the documents; every label, definition
// and prompt is written afresh in plain English (quoting none of their sentences).
// A partnership starts from one of these and edits its own copy.
#ifndef CONTEXTMAP_CORE_PROFILES_H_
#define CONTEXTMAP_CORE_PROFILES_H_

#include <string_view>
#include <vector>

#include "contextmap/core/model.h"

namespace contextmap {

// Ids of the built-in profiles, in the order BuiltInProfiles returns them.
inline constexpr std::string_view kProfileCseMappingMeeting = "prof-cse-mapping-meeting";  // 000
inline constexpr std::string_view kProfileGroupIncidentMapping =
    "prof-group-incident-mapping";                                            // 001
inline constexpr std::string_view kProfileMapCse = "prof-map-cse";            // 002
inline constexpr std::string_view kProfilePeerMapping = "prof-peer-mapping";  // 003
inline constexpr std::string_view kProfilePlaceBased = "prof-place-based";    // 004

// The five built-in profiles, each at version 0 (not yet stored). Builds fresh values on each
// call; cheap enough to call once per bundle or test.
std::vector<ProtocolProfile> BuiltInProfiles();

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_PROFILES_H_
