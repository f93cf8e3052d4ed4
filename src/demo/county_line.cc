// (b) map-county-line: a peer group mapping of a county line.
#include "demo/builder.h"

#include "contextmap/core/profiles.h"

namespace contextmap::demo {

// ============================================================================================
// (b) map-county-line: peer group county line mapping (prof-group-incident-mapping)
// ============================================================================================

void DemoBuilder::AddKestrelMapping() {
  const Clock& c = clock_;
  Date trigger = c.DaysAgo(70);  // the warrant; incidents happen on any day
  Date opened = c.WorkingDayAfter(trigger);
  Mapping& m = AddMappingRecord(kKestrelMap, "Network - county line to the coast",
                                MappingKind::kPeerGroup, MappingTrigger::kSignificantIncident,
                                trigger, S(kProfileGroupIncidentMapping), "usr-02", "usr-05");
  m.trigger_detail =
      "Police drugs warrant at Flat 3 Gullhaven Court, Port Fable, found two "
      "Mockbury boys inside.";
  m.status = MappingStatus::kActive;
  m.objectives = {"Identify the children the Kestrel line is using and who recruits them",
                  "Safeguard each child in the cohort",
                  "Disrupt the adults and the places the line uses"};
  m.area_ids = {"area-mockbury", "area-port-fable"};
  m.opened_on = opened;

  AddMembers(kKestrelMap, opened,
             {"usr-02", "usr-05", "usr-04", "usr-06", "usr-07", "usr-11", "usr-09", "usr-12"});

  // Cohort in a ring, adults and places around them (map editor positions).
  struct Placed {
    const char* id;
    MappingRole role;
    double x, y;
  };
  using R = MappingRole;
  const Placed placed[] = {
      {"sub-child-03", R::kCohortMember, 0, 0},
      {"sub-child-05", R::kCohortMember, 140, -60},
      {"sub-child-06", R::kCohortMember, -40, -160},
      {"sub-child-07", R::kCohortMember, -160, 20},
      {"sub-x-01", R::kAdultOfConcern, -40, -320},
      {"sub-group-01", R::kAssociate, 120, -260},
      {"sub-loc-gullhaven-flat", R::kLocationOfConcern, 300, -160},
      {"sub-loc-port-fable-station", R::kLocationOfConcern, 300, 20},
      {"sub-object-01", R::kAssociate, 260, -320},
      {"sub-x-03", R::kAssociate, 420, -120},
      {"sub-child-04", R::kAssociate, 60, 140},
      {"sub-x-05", R::kAssociate, -60, 160},
      {"sub-child-08", R::kAssociate, 260, 120},
      {"sub-x-06", R::kKeyContact, -220, 160},
      {"sub-loc-mockbury-academy", R::kAssociate, -260, -80},
  };
  for (const auto& p : placed) {
    MappingSubject& ms = OnMap(kKestrelMap, p.id, p.role, opened);
    ms.x = p.x;
    ms.y = p.y;
  }
  Date external = c.Ago(49);
  MappingSubject& ruby = OnMap(kKestrelMap, "sub-child-01", MappingRole::kAssociate, external,
                               "Tyler Invented's girlfriend; subject of map-individual-cse.");
  ruby.x = -200;
  ruby.y = -240;
  MappingSubject& craig = OnMap(kKestrelMap, "sub-x-02", MappingRole::kAdultOfConcern, external,
                                "Drives for Dean Mockley; see map-individual-cse.");
  craig.x = -240;
  craig.y = -360;
  // Where Tyler Invented was arrested (lnk-42, inf-18).
  OnMap(kKestrelMap, "sub-loc-mockbury-bus-station", MappingRole::kLocationOfConcern, external);

  AddKestrelLinks();
  AddKestrelMeetings();
  AddKestrelInformation();
  AddKestrelPlan();
  AddKestrelSubmissionsAndSnapshot();
}

void DemoBuilder::AddKestrelLinks() {
  const Clock& c = clock_;
  using L = LinkType;
  using V = Valence;
  AddLink("lnk-15", "sub-child-03", "sub-loc-02", L::kLivesAt, V::kNeutral, 3, kKestrelMap);
  AddLink("lnk-16", "sub-x-05", "sub-child-03", L::kFamily, V::kProtective, 3, kKestrelMap,
          "Mother.");
  AddLink("lnk-17", "sub-x-05", "sub-child-04", L::kFamily, V::kProtective, 3, kKestrelMap,
          "Mother.");
  AddLink("lnk-18", "sub-child-03", "sub-child-04", L::kSibling, V::kNeutral, 3, kKestrelMap);
  AddLink("lnk-19", "sub-child-03", "sub-child-05", L::kCousin, V::kNeutral, 3, kKestrelMap);
  AddLink("lnk-20", "sub-child-03", "sub-child-06", L::kRecruitedBy, V::kHarmful, 3, kKestrelMap,
          "Tyler Invented brought Kai Sample into the line.")
      .started_on = c.DaysAgo(200);
  AddLink("lnk-21", "sub-child-07", "sub-child-06", L::kRecruitedBy, V::kHarmful, 2, kKestrelMap,
          "Being drawn in with gifts of clothes.")
      .started_on = c.DaysAgo(60);
  AddLink("lnk-22", "sub-child-06", "sub-x-01", L::kRecruitedBy, V::kHarmful, 3, kKestrelMap);
  AddLink("lnk-23", "sub-x-01", "sub-child-06", L::kControls, V::kHarmful, 3, kKestrelMap,
          "Leader to follower; Tyler Invented runs errands for him.");
  AddLink("lnk-24", "sub-x-01", "sub-group-01", L::kMemberOf, V::kHarmful, 3, kKestrelMap,
          "Believed to run the line.");
  AddLink("lnk-25", "sub-child-06", "sub-group-01", L::kMemberOf, V::kHarmful, 3, kKestrelMap);
  AddLink("lnk-26", "sub-group-01", "sub-child-03", L::kExploits, V::kHarmful, 3, kKestrelMap,
          "Carries drugs to Port Fable.");
  AddLink("lnk-27", "sub-group-01", "sub-child-05", L::kExploits, V::kHarmful, 2, kKestrelMap);
  AddLink("lnk-28", "sub-group-01", "sub-object-01", L::kAssociate, V::kHarmful, 3, kKestrelMap,
          "The line's deal phone.");
  AddLink("lnk-29", "sub-x-01", "sub-x-03", L::kExploits, V::kHarmful, 3, kKestrelMap,
          "Flat taken over (cuckooing).");
  AddLink("lnk-30", "sub-x-03", "sub-loc-gullhaven-flat", L::kLivesAt, V::kNeutral, 3, kKestrelMap,
          "Tenant.");
  AddLink("lnk-31", "sub-child-03", "sub-loc-gullhaven-flat", L::kStaysAtWhenMissing, V::kHarmful,
          3, kKestrelMap)
      .started_on = c.DaysAgo(90);
  AddLink("lnk-32", "sub-child-05", "sub-loc-gullhaven-flat", L::kArrestedAt, V::kHarmful, 2,
          kKestrelMap, "Arrested during the warrant.")
      .started_on = c.DaysAgo(70);
  AddLink("lnk-33", "sub-child-03", "sub-loc-port-fable-station", L::kSeenAt, V::kHarmful, 2,
          kKestrelMap)
      .started_on = c.DaysAgo(76);
  AddLink("lnk-34", "sub-child-06", "sub-child-01", L::kPartner, V::kUnknown, 2, kKestrelMap,
          "She calls him her boyfriend. He is 17; she is 15.")
      .started_on = c.DaysAgo(120);
  AddLink("lnk-35", "sub-x-02", "sub-x-01", L::kAssociate, V::kHarmful, 2, kKestrelMap,
          "Believed to drive for Dean Mockley between Mockbury and the coast.");
  AddLink("lnk-36", "sub-child-05", "sub-child-08", L::kBestFriend, V::kProtective, 3, kKestrelMap,
          "Friends since primary school; Leo stays there at "
          "weekends.");
  Link& boxing = AddLink("lnk-37", "sub-child-03", "sub-act-boxing", L::kAttends, V::kProtective, 2,
                         kKestrelMap, "Stopped going about the time he met Tyler Invented.");
  boxing.status = LinkStatus::kHistoric;
  boxing.started_on = c.DaysAgo(800);
  boxing.ended_on = c.DaysAgo(150);
  AddLink("lnk-38", "sub-x-06", "sub-child-03", L::kKeyContactFor, V::kProtective, 3, kKestrelMap,
          "Kai Sample's most trusted adult outside the family.");
  AddLink("lnk-39", "sub-child-03", "sub-loc-mockbury-academy", L::kAttends, V::kNeutral, 2,
          kKestrelMap);
  AddLink("lnk-40", "sub-child-05", "sub-loc-mockbury-academy", L::kAttends, V::kNeutral, 2,
          kKestrelMap);
  AddLink("lnk-41", "sub-child-07", "sub-loc-mockbury-academy", L::kAttends, V::kNeutral, 2,
          kKestrelMap, "Attendance falling.");
  Link& arrest =
      AddLink("lnk-42", "sub-child-06", "sub-loc-mockbury-bus-station", L::kArrestedAt, V::kHarmful,
              2, kKestrelMap, "Arrested for possession with intent to supply.");
  arrest.status = LinkStatus::kHistoric;
  arrest.started_on = c.DaysAgo(540);
  arrest.ended_on = c.DaysAgo(540);
}

void DemoBuilder::AddKestrelMeetings() {
  const Clock& c = clock_;
  Date internal_on = c.Ago(58);
  Date external_on = c.Ago(49);
  const std::string hall = "Northwick County Hall, Mockbury, room 4";

  Meeting& internal = AddMeeting("mtg-03", kKestrelMap, MeetingKind::kPreMapping,
                                 MeetingStatus::kHeld, internal_on, "14:00", hall, "usr-02");
  internal.agenda = {
      Item("Who is here", "Exploitation team, social care and early help only."),
      Item("Map what we know",
           "Kai Sample and Leo Fictional (found at the flat) are open to social care. Jayden "
           "Notreal is known to early help. Tyler Invented is open to youth justice."),
      Item("Review and update the map", "First draft map drawn by the analyst."),
      Item("Information gaps",
           "Who else uses the flat? Who holds the deal phone? Is Jayden Notreal involved?"),
      Item("Partners who can fill the gaps",
           "Invite police, Mockbury Academy, youth justice and the youth service."),
  };
  internal.minutes =
      "Internal session to prepare the first map. Subject list sent to external "
      "partners the same week.";
  internal.decisions = {"Title the work 'Network - county line to the coast'",
                        "Hold the external session within two weeks"};
  internal.minutes_circulated_on = internal_on.AddDays(1);
  internal.minutes_filed_on = c.Ago(55);
  internal.next_review_on = external_on;
  Attend("mtg-03", {{"usr-02", Attendance::kPresent},
                    {"usr-05", Attendance::kPresent},
                    {"usr-12", Attendance::kPresent},
                    {"usr-04", Attendance::kPresent}});

  Meeting& external = AddMeeting("mtg-04", kKestrelMap, MeetingKind::kExternal,
                                 MeetingStatus::kHeld, external_on, "10:00", hall, "usr-02");
  external.agenda = {
      Item("Who is here", "Police, Mockbury Academy, youth justice and the youth service joined."),
      Item("Map what we know",
           "Kai Sample, Tyler Invented and Leo Fictional seen together at Port Fable station. "
           "Tyler Invented recruits for Dean Mockley. Ruby Example added as Tyler Invented's "
           "girlfriend; she is on a separate CSE mapping."),
      Item("Review and update the map",
           "Leo Fictional's friendship with Ethan Specimen recorded as protective."),
      Item("Information gaps", "Visitors to the flat; the deal phone's user on the coast."),
      Item("Partners to fill gaps and deliver interventions",
           "Housing provider to be invited to the review."),
  };
  external.minutes =
      "First session with external partners. Each relationship was tested for strength, "
      "evidence, recency and source. Kai Sample and Tyler Invented have been seen together "
      "three times in two months. The map was photographed and dated.";
  external.decisions = {"Make a National Referral Mechanism referral for Kai Sample",
                        "Police to seek a closure order on Flat 3 Gullhaven Court",
                        "Review session within 3 months"};
  external.minutes_circulated_on = external_on.AddDays(1);
  external.minutes_filed_on = c.Ago(40);
  external.next_review_on = c.Ahead(28);
  Attend("mtg-04", {{"usr-02", Attendance::kPresent},
                    {"usr-05", Attendance::kPresent},
                    {"usr-04", Attendance::kPresent},
                    {"usr-06", Attendance::kPresent},
                    {"usr-07", Attendance::kPresent},
                    {"usr-11", Attendance::kPresent},
                    {"usr-09", Attendance::kPresent},
                    {"usr-08", Attendance::kApologies}});

  Meeting& review = AddMeeting("mtg-05", kKestrelMap, MeetingKind::kReview, MeetingStatus::kPlanned,
                               c.Ahead(28), "10:00", hall, "usr-02");
  review.agenda = {Item("Existing actions"), Item("Review and update the map"),
                   Item("Information gaps and safeguarding interventions"), Item("Key actions"),
                   Item("Closing the group work")};
}

void DemoBuilder::AddKestrelInformation() {
  const Clock& c = clock_;
  using E = EvidenceBasis;
  Information& warrant = AddIntel(
      "inf-09", "sub-loc-gullhaven-flat", kKestrelMap, "usr-06", c.DaysAgo(70), c.DaysAgo(70),
      "1AP", E::kEvidenced,
      "A police drugs warrant at Flat 3 Gullhaven Court found Kai Sample and Leo Fictional "
      "inside with the tenant, Shaun Madeup. Cash, scales and two phones were seized. Leo "
      "Fictional was arrested; Kai Sample was treated as a possible victim of exploitation.");
  warrant.sighting =
      Seen(c.DaysAgo(70), "06:30", "sub-loc-gullhaven-flat",
           {"sub-child-03", "sub-child-05", "sub-x-03"}, "Sam Pretend", "agy-police");

  Information& station = AddIntelFrom(
      "inf-10", "sub-child-03", kKestrelMap, "agy-police", "Nadia Fictional", c.DaysAgo(76),
      c.DaysAgo(75), "1BP", E::kEvidenced,
      "Kai Sample, Leo Fictional and Tyler Invented got off the first train from Mockbury at "
      "Port Fable station on a school day.");
  station.sighting =
      Seen(c.DaysAgo(76), "06:50", "sub-loc-port-fable-station",
           {"sub-child-03", "sub-child-05", "sub-child-06"}, "Nadia Fictional", "agy-police");

  Information& park = AddIntel(
      "inf-11", "sub-child-03", kKestrelMap, "usr-09", c.DaysAgo(44), c.DaysAgo(43), "1AP",
      E::kEvidenced,
      "A youth worker saw Kai Sample, Tyler Invented and Jayden Notreal at Mockfield Recreation "
      "Ground. Tyler Invented handed the younger boys something from a bag and they left on "
      "bikes.");
  park.sighting =
      Seen(c.DaysAgo(44), "20:10", "sub-loc-mockfield-park",
           {"sub-child-03", "sub-child-06", "sub-child-07"}, "Jess Dummy", "agy-youth-service");

  AddIntel("inf-12", "lnk-23", kKestrelMap, "usr-04", c.DaysAgo(66), c.DaysAgo(63), "2CP",
           E::kAnecdotal,
           "An anonymous caller said Tyler Invented collects drugs from Dean Mockley in Mockbury "
           "and passes them to younger boys to take to Port Fable.");
  AddIntel("inf-13", "sub-object-01", kKestrelMap, "usr-04", c.DaysAgo(58), c.DaysAgo(57), "1BP",
           E::kEvidenced,
           "The number 07700 900417 sends bulk messages advertising drugs to users in Port "
           "Fable. Police believe it is the Kestrel line's deal phone.");
  AddIntel("inf-14", "sub-child-07", kKestrelMap, "usr-07", c.DaysAgo(53), c.DaysAgo(52), "1AP",
           E::kEvidenced,
           "Jayden Notreal's attendance has fallen from 95% to 71% this term. He has new "
           "designer clothes and told a teaching assistant an older boy bought them.");
  AddIntel("inf-15", "sub-x-03", kKestrelMap, "usr-03", c.DaysAgo(64), c.DaysAgo(62), "2BP",
           E::kEvidenced,
           "Neighbours report visitors at all hours at Flat 3 Gullhaven Court. The housing "
           "officer believes the tenant, Shaun Madeup, who has support needs, has had his flat "
           "taken over.");
  AddIntel("inf-16", "sub-child-05", kKestrelMap, "usr-09", c.DaysAgo(47), c.DaysAgo(46), "3EP",
           E::kAnecdotal,
           "A social media post claimed Leo Fictional had been stabbed in Port Fable. Police "
           "found no such incident, and he was at school that day.");
  AddIntel("inf-17", "sub-group-01", kKestrelMap, "usr-04", c.DaysAgo(55), c.DaysAgo(55), "3DP",
           E::kAnecdotal,
           "Unconfirmed report that the Kestrel line also supplies a second seaside town further "
           "along the coast.");
  AddIntel("inf-18", "lnk-42", kKestrelMap, "usr-06", c.DaysAgo(540), c.DaysAgo(61), "1AP",
           E::kEvidenced,
           "Tyler Invented was arrested at Mockbury bus station with cannabis packed for sale. "
           "He received a youth conditional caution.");
  AddIntel("inf-19", "lnk-36", kKestrelMap, "usr-09", c.DaysAgo(45), c.DaysAgo(45), "2BP",
           E::kAnecdotal,
           "Leo Fictional and Ethan Specimen have been best friends since primary school. "
           "Ethan's family are a good influence and Leo Fictional stays there most weekends.");
}

void DemoBuilder::AddKestrelPlan() {
  const Clock& c = clock_;
  Date external = c.Ago(49);
  using A = ActionKind;
  using St = ActionStatus;
  using F = FactorCategory;

  AddFactor("fac-14", kKestrelMap, "sub-child-03", F::kConcern, "",
            "Goes missing to Port Fable, believed to be carrying drugs for the Kestrel line.",
            external);
  AddFactor("fac-15", kKestrelMap, "sub-child-03", F::kStrength, "",
            "Still speaks warmly of his boxing coach and says he might go back.", external);
  AddFactor("fac-16", kKestrelMap, "sub-child-05", F::kStrength, "",
            "Close friendship with Ethan Specimen and his family.", external);
  AddFactor("fac-17", kKestrelMap, "sub-child-06", F::kConcern, "",
            "Aged 17 and drawing younger boys in, while himself controlled by Dean Mockley.",
            external);
  AddFactor("fac-18", kKestrelMap, "sub-child-07", F::kConcern, "",
            "New clothes and falling attendance since spending time with Tyler Invented.",
            external);

  Action& closure = AddAction("act-07", kKestrelMap, A::kDisruption, "usr-06", external, c.Ago(12),
                              St::kInProgress, {"sub-loc-gullhaven-flat", "sub-x-03"},
                              "Apply for a closure order on Flat 3 Gullhaven Court and arrange "
                              "support for the tenant, Shaun Madeup.");
  closure.raised_at_meeting_id = "mtg-04";
  AddUpdate("upd-04", "act-07", c.Ago(30), "usr-06", St::kInProgress,
            "Evidence gathered from neighbours and the housing officer.");
  AddUpdate("upd-05", "act-07", c.Ago(9), "usr-06", std::nullopt,
            "Court date not yet set. Adult social care visiting the tenant.");

  Action& nrm =
      AddAction("act-08", kKestrelMap, A::kReferral, "usr-05", external, c.Ago(45), St::kDone,
                {"sub-child-03"}, "Make a National Referral Mechanism referral for Kai Sample.");
  nrm.raised_at_meeting_id = "mtg-04";
  nrm.completed_on = c.Ago(47);

  Action& phone = AddAction("act-09", kKestrelMap, A::kInformationGathering, "usr-04", external,
                            c.Ahead(6), St::kInProgress, {"sub-object-01"},
                            "Analyse call records for 07700 900417 and link them to known "
                            "users.");
  phone.raised_at_meeting_id = "mtg-04";

  Action& ecomap = AddAction("act-10", kKestrelMap, A::kSafeguardingIntervention, "usr-09",
                             external, c.Ago(20), St::kOpen, {"sub-child-05"},
                             "Complete a peer map (ecomap) with Leo Fictional to hear his own "
                             "view of the group.");
  ecomap.raised_at_meeting_id = "mtg-04";

  Action& upload =
      AddAction("act-11", kKestrelMap, A::kCommunication, "usr-05", external, c.Ago(40), St::kDone,
                {"sub-child-03", "sub-child-05", "sub-child-06", "sub-child-07"},
                "Upload the minutes and map to each cohort child's case record, "
                "titled 'Network - county line to the coast'.");
  upload.raised_at_meeting_id = "mtg-04";
  upload.completed_on = c.Ago(40);

  AddAction("act-12", kKestrelMap, A::kOther, "usr-02", external, c.Ahead(20), St::kOpen,
            {"sub-loc-gullhaven-flat"},
            "Invite the housing provider for Gullhaven Court to the review session.");

  Action& tutor = AddAction("act-13", kKestrelMap, A::kOther, "usr-07", external, c.Ago(35),
                            St::kCancelled, {"sub-child-07"},
                            "Move Jayden Notreal to a different tutor group from Kai Sample.");
  tutor.raised_at_meeting_id = "mtg-04";
  AddUpdate("upd-06", "act-13", c.Ago(38), "usr-07", St::kCancelled,
            "Not needed: they are already in different tutor groups.");

  KeyQuestion& flat = AddQuestion("kq-04", kKestrelMap, "sub-loc-gullhaven-flat", "usr-06",
                                  c.Ago(5), "Who else visits or stays at Flat 3 Gullhaven Court?");
  flat.raised_at_meeting_id = "mtg-03";
  AddQuestion("kq-05", kKestrelMap, "lnk-36", "usr-09", c.Ahead(10),
              "Is Leo Fictional's friendship with Ethan Specimen still protective?")
      .raised_at_meeting_id = "mtg-04";
  AddQuestion("kq-06", kKestrelMap, "sub-object-01", "usr-04", c.Ahead(6),
              "Who carries the Kestrel line phone in Port Fable?")
      .raised_at_meeting_id = "mtg-03";
  KeyQuestion& summer = AddQuestion("kq-07", kKestrelMap, "sub-child-07", "usr-12", c.Ago(30),
                                    "Did Jayden Notreal travel to Port Fable in the summer "
                                    "holidays?");
  summer.status = QuestionStatus::kClosedUnanswered;
  summer.answer =
      "Closed: the family would not discuss it, and later sightings in Mockbury "
      "answer the underlying concern.";
  summer.raised_at_meeting_id = "mtg-03";

  using T = ReferralTarget;
  using RS = ReferralStatus;
  AddReferral("ref-04", kKestrelMap, "sub-child-03", T::kStrategyMeeting, RS::kAccepted,
              c.WorkingDayAfter(c.DaysAgo(70)), "agy-police",
              "Strategy meeting held; section 47 enquiry started.");
  AddReferral("ref-05", kKestrelMap, "sub-child-03", T::kNationalReferralMechanism, RS::kMade,
              c.Ago(47), "agy-csc");
  AddReferral("ref-06", kKestrelMap, "sub-child-05", T::kChildrensSocialCare, RS::kAccepted,
              c.WorkingDayAfter(c.DaysAgo(70)), "agy-police", "Single assessment started.");
  AddReferral("ref-07", kKestrelMap, "sub-child-06", T::kDrugAlcoholService, RS::kMade, c.Ago(48),
              "agy-yjs");
  AddReferral("ref-08", kKestrelMap, "sub-child-07", T::kChildrensSocialCare, RS::kDeclined,
              c.Ago(51), "agy-mockbury-academy",
              "Below the threshold for social care; passed to early help.");
  AddReferral("ref-09", kKestrelMap, "sub-child-07", T::kEarlyHelp, RS::kAccepted, c.Ago(47),
              "agy-csc", "Family support worker allocated.");
}

void DemoBuilder::AddKestrelSubmissionsAndSnapshot() {
  const Clock& c = clock_;
  using Sec = SubmissionSection;
  auto entry = [](std::string subject_id, Sec section, std::string text) {
    SubmissionEntry e;
    e.subject_id = std::move(subject_id);
    e.section = section;
    e.text = std::move(text);
    return e;
  };

  AgencySubmission police;
  police.id = "sbm-01";
  police.mapping_id = S(kKestrelMap);
  police.agency_id = "agy-police";
  police.meeting_id = "mtg-04";
  police.submitted_by = "Sam Pretend";
  police.submitted_by_user_id = "usr-06";
  police.submitted_on = c.Ago(52);
  police.status = SubmissionStatus::kSubmitted;
  police.entries = {
      entry("sub-child-03", Sec::kConcerns,
            "Found at Flat 3 Gullhaven Court during the warrant. Two missing reports this term."),
      entry("sub-child-03", Sec::kLinkedContexts,
            "Flat 3 Gullhaven Court; Port Fable station (first train from Mockbury)."),
      entry("sub-x-01", Sec::kLinkedPeople,
            "Believed to run the Kestrel line. On licence; probation informed."),
      entry("", Sec::kKeyContacts,
            "Sam Pretend, exploitation team; Owen Pretend, Port Fable "
            "neighbourhood team."),
      entry("sub-object-01", Sec::kKeyQuestions,
            "Who carries the deal phone 07700 900417 in Port Fable?"),
  };
  submissions_.push_back(police);

  AgencySubmission school;
  school.id = "sbm-02";
  school.mapping_id = S(kKestrelMap);
  school.agency_id = "agy-mockbury-academy";
  school.meeting_id = "mtg-04";
  school.submitted_by = "Olivia Invented";
  school.submitted_by_user_id = "usr-07";
  school.submitted_on = c.Ago(51);
  school.status = SubmissionStatus::kSubmitted;
  school.entries = {
      entry("sub-child-07", Sec::kConcerns,
            "Attendance down to 71%. New designer clothes he cannot explain."),
      entry("sub-child-03", Sec::kLinkedPeople,
            "Spends breaks with Jayden Notreal; collected at the gate by Tyler Invented."),
      entry("sub-child-05", Sec::kLinkedPeople,
            "Best friend Ethan Specimen is a steadying influence."),
      entry("sub-child-07", Sec::kKeyContacts, "Head of Year 9."),
      entry("sub-child-07", Sec::kKeyQuestions, "Is Jayden Notreal being paid to carry?"),
  };
  submissions_.push_back(school);

  // The map as it stood at the external session.
  Date taken = c.Ago(49);
  MapSnapshot snap;
  snap.id = "snap-01";
  snap.mapping_id = S(kKestrelMap);
  snap.meeting_id = "mtg-04";
  snap.taken_on = taken;
  snap.title = "Network - county line to the coast, session 2";
  for (const auto& ms : mapping_subjects_) {
    if (ms.mapping_id != kKestrelMap || ms.added_on > taken) continue;
    const Subject& s = SubjectById(ms.subject_id);
    SnapshotNode n;
    n.subject_id = ms.subject_id;
    n.label = s.label;
    n.kind = s.kind;
    n.role = ms.role;
    n.x = ms.x;
    n.y = ms.y;
    snap.nodes.push_back(std::move(n));
  }
  auto on_snapshot = [&snap](const std::string& id) {
    for (const auto& n : snap.nodes) {
      if (n.subject_id == id) return true;
    }
    return false;
  };
  for (const auto& l : links_) {
    if (l.status != LinkStatus::kCurrent || !on_snapshot(l.from_subject_id) ||
        !on_snapshot(l.to_subject_id)) {
      continue;
    }
    SnapshotEdge e;
    e.link_id = l.id;
    e.from_subject_id = l.from_subject_id;
    e.to_subject_id = l.to_subject_id;
    e.type = l.type;
    e.valence = l.valence;
    e.strength = l.strength;
    e.directed = l.directed;
    snap.edges.push_back(std::move(e));
  }
  snapshots_.push_back(std::move(snap));
}

}  // namespace contextmap::demo
