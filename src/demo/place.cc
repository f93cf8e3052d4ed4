// (c) map-place-bronze and (d) map-place-silver: place-based mapping in Mockbury.
#include "demo/builder.h"

#include "contextmap/core/profiles.h"

namespace contextmap::demo {

// ============================================================================================
// (c) map-place-bronze and (d) map-place-silver: place-based mapping (prof-place-based)
// ============================================================================================

void DemoBuilder::AddSilverMapping() {
  const Clock& c = clock_;
  Date opened = c.Ago(98);
  Mapping& m =
      AddMappingRecord(kSilverMap, "Mockbury district - county lines and youth violence (silver)",
                       MappingKind::kPlace, MappingTrigger::kMaceReferral, c.Ago(100),
                       S(kProfilePlaceBased), "usr-03", "usr-02");
  m.trigger_detail =
      "MACE asked for a strategic group after a rise in drug supply offences and "
      "weapon reports involving Mockbury children.";
  m.status = MappingStatus::kActive;
  m.level = MappingLevel::kSilver;
  m.area_ids = {"area-mockbury"};
  m.opened_on = opened;
  m.objectives = {"Reduce violence between the Mockfield Rec and Fable Quay groups",
                  "Support Mockbury Academy, whose pupils are drawn in",
                  "Reassure residents through one agreed communication plan",
                  "Build the case for lighting, CCTV and youth provision in Mockfield"};
  m.osara = Osara{
      "Police, school and community safety data identified a cohort of boys aged 13 to 17, "
      "mostly Mockbury Academy pupils, linked to drug supply and weapon reports around "
      "Mockfield Recreation Ground and Mockfield Parade.",
      "Incidents cluster after dark on the unlit footpath and in the takeaway car park. Older "
      "boys linked to the Kestrel line recruit younger ones. The Fable Quay group from Port "
      "Fable is in a dispute with the Mockfield Rec group.",
      "A bronze group for Mockfield with named actions: environmental audit, patrols, detached "
      "youth work, referrals for each cohort child. The silver group holds resources, funding "
      "and communications.",
      "Weapon reports near the park are down from nine to two a month since the bronze group "
      "began. Lighting and permanent CCTV are still awaited."};

  AddMembers(kSilverMap, opened, {"usr-03", "usr-02", "usr-14", "usr-04", "usr-06"});
  using R = MappingRole;
  OnMap(kSilverMap, "sub-loc-mockfield-park", R::kLocationOfConcern, opened);
  OnMap(kSilverMap, "sub-loc-parade-takeaway", R::kLocationOfConcern, opened);
  OnMap(kSilverMap, "sub-grp-mockfield-group", R::kAssociate, opened);
  OnMap(kSilverMap, "sub-group-01", R::kAssociate, opened);
  OnMap(kSilverMap, "sub-x-01", R::kAdultOfConcern, opened);
  OnMap(kSilverMap, "sub-grp-fable-quay", R::kAssociate, opened);  // inf-fable-quay-rivalry
}

void DemoBuilder::AddBronzeMapping() {
  const Clock& c = clock_;
  Date opened = c.Ago(56);
  Mapping& m = AddMappingRecord(kBronzeMap,
                                "Place - Mockfield Recreation Ground and Mockfield Parade (bronze)",
                                MappingKind::kPlace, MappingTrigger::kMaceReferral, c.Ago(58),
                                S(kProfilePlaceBased), "usr-03", "usr-09");
  m.trigger_detail = "Set up by the silver group to deal with Mockfield on the ground.";
  m.status = MappingStatus::kActive;
  m.level = MappingLevel::kBronze;
  m.parent_mapping_id = S(kSilverMap);
  m.area_ids = {"area-mockbury"};
  m.opened_on = opened;
  m.objectives = {"Agree the cohort and make sure every child at risk has a referral",
                  "Make the park and the parade car park safer after dark",
                  "Disrupt the adults who collect boys from the parade"};
  m.osara = Osara{"Cohort of three boys agreed at the first meeting; others under review.",
                  "Victims, locations and offenders considered together at each meeting.",
                  "Audit, patrols and detached youth work in place; CCTV in progress.", ""};

  AddMembers(kBronzeMap, opened,
             {"usr-03", "usr-09", "usr-06", "usr-07", "usr-04", "usr-11", "usr-12"});
  using R = MappingRole;
  OnMap(kBronzeMap, "sub-child-03", R::kCohortMember, opened, "Also on map-county-line.");
  OnMap(kBronzeMap, "sub-child-06", R::kCohortMember, opened);
  OnMap(kBronzeMap, "sub-child-07", R::kCohortMember, opened);
  OnMap(kBronzeMap, "sub-grp-mockfield-group", R::kAssociate, opened);
  MappingSubject& quay = OnMap(kBronzeMap, "sub-grp-fable-quay", R::kAssociate, opened,
                               "Taken off the map: no link to the park found.");
  quay.removed_on = c.Ago(24);
  OnMap(kBronzeMap, "sub-loc-mockfield-park", R::kLocationOfConcern, opened);
  OnMap(kBronzeMap, "sub-loc-parade-takeaway", R::kLocationOfConcern, opened);
  OnMap(kBronzeMap, "sub-loc-mockbury-bus-station", R::kLocationOfConcern, opened);
  OnMap(kBronzeMap, "sub-obj-car-fke", R::kAssociate, c.Ago(20),
        "Seen collecting Tyler Invented from the parade; see map-individual-cse.");
  OnMap(kBronzeMap, "sub-x-01", R::kAdultOfConcern, opened);
  OnMap(kBronzeMap, "sub-x-06", R::kKeyContact, opened);
}

void DemoBuilder::AddPlaceLinks() {
  const Clock& c = clock_;
  using L = LinkType;
  using V = Valence;
  AddLink("lnk-mockfield-park", "sub-grp-mockfield-group", "sub-loc-mockfield-park", L::kFrequents,
          V::kHarmful, 3, kBronzeMap, "Most evenings, after dark.");
  AddLink("lnk-43", "sub-child-03", "sub-grp-mockfield-group", L::kMemberOf, V::kUnknown, 2,
          kBronzeMap);
  AddLink("lnk-44", "sub-child-06", "sub-grp-mockfield-group", L::kMemberOf, V::kHarmful, 3,
          kBronzeMap, "Oldest; others follow his lead.");
  AddLink("lnk-45", "sub-child-07", "sub-grp-mockfield-group", L::kMemberOf, V::kHarmful, 2,
          kBronzeMap);
  AddLink("lnk-46", "sub-child-06", "sub-loc-parade-takeaway", L::kFrequents, V::kHarmful, 2,
          kBronzeMap);
  AddLink("lnk-mockfield-fable-quay", "sub-grp-mockfield-group", "sub-grp-fable-quay", L::kRival,
          V::kHarmful, 2, kBronzeMap, "Long-running dispute; two fights this year.");
  AddLink("lnk-47", "sub-x-06", "sub-loc-mockfield-park", L::kKeyContactFor, V::kProtective, 2,
          kBronzeMap, "Runs detached youth work there.");
  AddLink("lnk-car-takeaway", "sub-obj-car-fke", "sub-loc-parade-takeaway", L::kSeenAt, V::kHarmful,
          2, kBronzeMap, "Links Craig Pretend's car to the Mockfield cohort.")
      .started_on = c.DaysAgo(20);
}

void DemoBuilder::AddPlaceMeetings() {
  const Clock& c = clock_;
  const std::string community_room = "Mockbury community centre, small hall";
  const std::string council = "Mockbury district council offices, committee room";

  // Silver: monthly.
  struct Held {
    const char* id;
    MeetingKind kind;
    int days_ago;
    const char* minutes;
  };
  const Held silver[] = {
      {"mtg-silver-1", MeetingKind::kInitial, 92,
       "Cohort, patterns and trends reviewed. Objectives agreed. Bronze group for Mockfield "
       "set up under this group."},
      {"mtg-silver-2", MeetingKind::kSilver, 63,
       "Bronze asked for funding for lighting on the park footpath. Agreed to take it to the "
       "district council."},
      {"mtg-silver-3", MeetingKind::kSilver, 35,
       "Single communication plan agreed, led by Mockbury Academy. Monthly report sent to "
       "MACE."},
      {"mtg-silver-4", MeetingKind::kSilver, 7,
       "Weapon reports near the park down to two a month. Permanent CCTV request escalated."},
  };
  for (const auto& h : silver) {
    Date on = c.Ago(h.days_ago);
    Meeting& m =
        AddMeeting(h.id, kSilverMap, h.kind, MeetingStatus::kHeld, on, "09:30", council, "usr-03");
    m.agenda = {Item("Escalations from the tactical group"), Item("Resources and funding"),
                Item("Communication plan"), Item("Progress against objectives", h.minutes)};
    m.minutes = h.minutes;
    m.minutes_circulated_on = on;  // same day: within the 48-hour timescale
    m.next_review_on = on.AddMonths(1);
    Attend(h.id, {{"usr-03", Attendance::kPresent},
                  {"usr-02", Attendance::kPresent},
                  {"usr-14", Attendance::kPresent},
                  {"usr-06", h.days_ago == 35 ? Attendance::kApologies : Attendance::kPresent},
                  {"usr-04", Attendance::kPresent}});
  }
  AddMeeting("mtg-silver-5", kSilverMap, MeetingKind::kSilver, MeetingStatus::kPlanned, c.Ahead(21),
             "09:30", council, "usr-03");

  // Bronze: fortnightly. The latest one's minutes are not out yet (overdue at 48 hours).
  const Held bronze[] = {
      {"mtg-mockfield-1", MeetingKind::kInitial, 52,
       "Data and police operations reviewed. Cohort agreed: Kai Sample, Tyler Invented, Jayden "
       "Notreal. Objectives recorded."},
      {"mtg-mockfield-2", MeetingKind::kBronze, 38,
       "Environmental audit of the park done: footpath lighting broken, hedges overgrown. Police "
       "patrols on Friday and Saturday evenings."},
      {"mtg-mockfield-3", MeetingKind::kBronze, 24,
       "Fable Quay group taken off the map. Referral for Jayden Notreal to MACE. Temporary "
       "CCTV for the parade car park requested."},
      {"mtg-mockfield-4", MeetingKind::kBronze, 8,
       "Grey hatchback ZZ26 FKE seen at the parade. Cross-checked with the Ruby Example "
       "mapping."},
  };
  for (const auto& h : bronze) {
    Date on = c.Ago(h.days_ago);
    Meeting& m = AddMeeting(h.id, kBronzeMap, h.kind, MeetingStatus::kHeld, on, "16:00",
                            community_room, "usr-03");
    m.agenda = {Item("Individual children"),
                Item("Victims, locations and offenders", h.minutes),
                Item("Response plan"),
                Item("Referrals"),
                Item("Progress against objectives"),
                Item("Escalations")};
    m.minutes = h.minutes;
    if (h.days_ago > 8) m.minutes_circulated_on = on.AddDays(1);
    m.next_review_on = on.AddDays(14);
    Attend(h.id, {{"usr-03", Attendance::kPresent},
                  {"usr-09", Attendance::kPresent},
                  {"usr-06", Attendance::kPresent},
                  {"usr-07", h.days_ago == 24 ? Attendance::kApologies : Attendance::kPresent},
                  {"usr-11", h.days_ago == 38 ? Attendance::kAbsent : Attendance::kPresent},
                  {"usr-12", Attendance::kPresent}});
  }
  AddMeeting("mtg-mockfield-5", kBronzeMap, MeetingKind::kBronze, MeetingStatus::kPlanned,
             c.Ahead(6), "16:00", community_room, "usr-03");
}

void DemoBuilder::AddPlaceInformationAndPlan() {
  const Clock& c = clock_;
  using E = EvidenceBasis;
  AddIntel("inf-park-asb", "sub-loc-mockfield-park", kBronzeMap, "usr-03", c.DaysAgo(57),
           c.DaysAgo(56), "1AP", E::kEvidenced,
           "Twelve reports of anti-social behaviour and two of knife possession at Mockfield "
           "Recreation Ground in three months, most after dark near the unlit footpath.");
  AddIntel("inf-takeaway-staff", "sub-loc-parade-takeaway", kBronzeMap, "usr-06", c.DaysAgo(30),
           c.DaysAgo(29), "2BP", E::kAnecdotal,
           "Takeaway staff say groups of boys wait in the car park most evenings until a car "
           "collects one of them.");
  AddIntelFrom("inf-bus-station", "sub-loc-mockbury-bus-station", kBronzeMap,
               "agy-community-safety", "Ravi Notreal", c.DaysAgo(40), c.DaysAgo(39), "2CP",
               E::kAnecdotal,
               "Bus staff report boys of school age travelling alone on the last bus to the "
               "coast on Friday nights.");
  AddIntel("inf-fable-quay-rivalry", "lnk-mockfield-fable-quay", kSilverMap, "usr-04",
           c.DaysAgo(90), c.DaysAgo(88), "1BP", E::kEvidenced,
           "Two fights between the Mockfield Rec and Fable Quay groups this year, both after "
           "social media taunts.");
  Information& takeaway = AddIntelFrom(
      "inf-20", "sub-child-03", kBronzeMap, "agy-police", "Owen Pretend", c.DaysAgo(20),
      c.DaysAgo(19), "1AP", E::kEvidenced,
      "A community support officer saw Kai Sample, Tyler Invented and Jayden Notreal waiting in "
      "the car park behind Mockfield Parade. A grey hatchback, registration ZZ26 FKE, collected "
      "Tyler Invented.");
  takeaway.sighting =
      Seen(c.DaysAgo(20), "21:05", "sub-loc-parade-takeaway",
           {"sub-child-03", "sub-child-06", "sub-child-07"}, "Owen Pretend", "agy-police");

  AddFactor("fac-19", kBronzeMap, "sub-child-07", FactorCategory::kConcern, "",
            "At the park most evenings after dark; the youngest of the cohort.", c.Ago(52));

  using A = ActionKind;
  using St = ActionStatus;
  Date first = c.Ago(52);
  Action& audit = AddAction("act-mockfield-audit", kBronzeMap, A::kPlaceBased, "usr-03", first,
                            c.Ago(40), St::kDone, {"sub-loc-mockfield-park"},
                            "Carry out an environmental visual audit of Mockfield Recreation "
                            "Ground, including the footpath lighting.");
  audit.raised_at_meeting_id = "mtg-mockfield-1";
  audit.completed_on = c.Ago(41);

  Action& cctv = AddAction("act-mockfield-cctv", kBronzeMap, A::kPlaceBased, "usr-03", c.Ago(24),
                           c.Ahead(14), St::kInProgress, {"sub-loc-parade-takeaway"},
                           "Install temporary CCTV covering the car park behind Mockfield "
                           "Parade.");
  cctv.raised_at_meeting_id = "mtg-mockfield-3";
  AddUpdate("upd-mockfield-cctv-1", "act-mockfield-cctv", c.Ago(10), "usr-03", St::kInProgress,
            "Camera ordered; landlord has agreed to a mounting point.");

  Action& patrols =
      AddAction("act-mockfield-patrols", kBronzeMap, A::kDisruption, "usr-06", c.Ago(38), c.Ago(2),
                St::kInProgress, {"sub-loc-mockfield-park", "sub-grp-mockfield-group"},
                "Neighbourhood patrols at the park from 18:00 to 22:00 on Fridays "
                "and Saturdays, for six weeks.");
  patrols.raised_at_meeting_id = "mtg-mockfield-2";

  Action& detached = AddAction("act-mockfield-youth-work", kBronzeMap, A::kSafeguardingIntervention,
                               "usr-09", first, c.Ago(30), St::kDone, {"sub-grp-mockfield-group"},
                               "Start detached youth work sessions in the park on Friday "
                               "evenings.");
  detached.raised_at_meeting_id = "mtg-mockfield-1";
  detached.completed_on = c.Ago(31);

  AddAction("act-mockfield-referrals", kBronzeMap, A::kReferral, "usr-12", c.Ago(8), c.Ahead(2),
            St::kOpen, {"sub-child-07"},
            "Check every cohort child has a referral recorded, and make any that are missing.")
      .raised_at_meeting_id = "mtg-mockfield-4";

  AddQuestion("kq-mockfield-suppliers", kBronzeMap, "sub-loc-parade-takeaway", "usr-06",
              c.Ahead(12), "Which adults collect boys from the car park behind Mockfield Parade?")
      .raised_at_meeting_id = "mtg-mockfield-4";

  using T = ReferralTarget;
  using RS = ReferralStatus;
  AddReferral("ref-10", kBronzeMap, "sub-child-03", T::kIntelligenceMeeting, RS::kMade, c.Ago(37),
              "agy-police");
  AddReferral("ref-11", kBronzeMap, "sub-child-06", T::kYouthJustice, RS::kAccepted, c.Ago(37),
              "agy-police", "Added to his youth justice plan.");
  AddReferral("ref-12", kBronzeMap, "sub-child-07", T::kMace, RS::kMade, c.Ago(23),
              "agy-community-safety");

  // Silver: strategic actions.
  Action& comms =
      AddAction("act-silver-comms", kSilverMap, A::kCommunication, "usr-03", c.Ago(63), c.Ago(36),
                St::kDone, {}, "Agree one message for residents, sent out by Mockbury Academy.");
  comms.raised_at_meeting_id = "mtg-silver-2";
  comms.completed_on = c.Ago(35);
  AddAction("act-silver-report", kSilverMap, A::kOther, "usr-03", c.Ago(7), c.Ahead(3), St::kOpen,
            {}, "Send this month's report to MACE.")
      .raised_at_meeting_id = "mtg-silver-4";
  Action& escalate = AddAction("act-silver-cctv", kSilverMap, A::kPlaceBased, "usr-14", c.Ago(35),
                               c.Ago(15), St::kOpen, {"sub-loc-parade-takeaway"},
                               "Escalate the request for permanent CCTV on Mockfield Parade to "
                               "the district council.");
  escalate.raised_at_meeting_id = "mtg-silver-3";
}

}  // namespace contextmap::demo
