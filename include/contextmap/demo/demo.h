// An invented partnership to show and test ContextMap with: the county of Northwick and its two
// districts, Port Fable (on the coast) and Mockbury (inland).
//
// Its own module (`contextmap_demo`, src/demo, one file per mapping), not part of the model: it
// depends on core only, and `contextmap demo`, the tests and the fuzzer link it.
// It is about 400 records, built in a few tens of milliseconds.
//
// Everything in it is made up. People's surnames are obviously fictional words ("Example",
// "Sample", "Placeholder"...), phone numbers come from Ofcom's drama range (07700 900000 to
// 900999), postcodes from the non-existent ZZ area, emails from example.org. It holds five
// mappings of different kinds and protocols, with subjects shared between them:
//   map-individual-cse          individual  prof-map-cse                 active, review due soon
//   map-county-line      peer_group  prof-group-incident-mapping  active, two sessions held
//   map-place-bronze  place       prof-place-based             bronze, under the silver group
//   map-place-silver   place       prof-place-based             silver, OSARA, monthly meetings
//   map-image-sharing      thematic    prof-peer-mapping            pre-mapping
// Ids are stable and carry no names ("sub-child-01", "map-county-line"): ids are what logs may
// show, so an id must never say who a record is about. One child judged at risk
// (sub-child-02, CSE category 1 on map-individual-cse) deliberately has no referral, so the
// "at risk but not referred" check has something to find.
#ifndef CONTEXTMAP_DEMO_DEMO_H_
#define CONTEXTMAP_DEMO_DEMO_H_

#include <string>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/model.h"

namespace contextmap {

// The demo partnership as it stands on `today`, in RecordKind order (all agencies, then areas,
// users, profiles, mappings, ...). Every date is relative to `today`, so due and overdue items
// stay meaningful whenever it runs: events that must be in the past (dates of birth, triggers,
// information, sightings, assessments, approvals, updates, referrals, held meetings) are on or
// before `today`; due dates and planned meetings may be later. Meetings fall on working days.
// Deterministic: the same `today` gives the same records.
std::vector<Record> DemoPartnership(Date today);

// The demo accounts `contextmap demo` gives a password and a second factor, so a newcomer can
// sign in at once: a chair, practitioners of two agencies (need-to-know at work), an analyst,
// a strategic viewer and an administrator. Every role is among them.
std::vector<std::string> DemoSignInUsernames();

}  // namespace contextmap

#endif  // CONTEXTMAP_DEMO_DEMO_H_
