// (a) map-individual-cse: an individual CSE mapping around Ruby Example.
#include "demo/builder.h"

#include "contextmap/core/profiles.h"

namespace contextmap::demo {

// ============================================================================================
// (a) map-individual-cse: individual CSE mapping around Ruby Example (prof-map-cse)
// ============================================================================================

void DemoBuilder::AddRubyMapping() {
  const Clock& c = clock_;
  Date opened = c.Ago(76);
  Mapping& m =
      AddMappingRecord(kRubyMap, "Ruby Example - CSE risk from adults on the Port Fable seafront",
                       MappingKind::kIndividual, MappingTrigger::kStrategyDiscussion, opened,
                       S(kProfileMapCse), "usr-02", "usr-05");
  m.trigger_detail =
      "Strategy discussion after Ruby Example's third overnight missing episode in eight weeks, "
      "with unexplained gifts and a second phone.";
  m.status = MappingStatus::kActive;
  m.objectives = {"Understand who is targeting Ruby Example and where",
                  "Agree a safety plan with Ruby Example and her mother",
                  "Find out whether Ella Placeholder and other girls are also at risk",
                  "Disrupt the adults involved"};
  m.area_ids = {"area-port-fable"};
  m.opened_on = opened;

  AddMembers(kRubyMap, opened,
             {"usr-02", "usr-05", "usr-06", "usr-08", "usr-10", "usr-13", "usr-04"});

  OnMap(kRubyMap, "sub-child-01", MappingRole::kSubjectChild, opened);
  OnMap(kRubyMap, "sub-child-02", MappingRole::kAssociate, opened,
        "Friend who could be at risk too; judged category 1 at the initial meeting.");
  OnMap(kRubyMap, "sub-x-04", MappingRole::kAssociate, opened, "Mother.");
  OnMap(kRubyMap, "sub-x-02", MappingRole::kAdultOfConcern, opened);
  OnMap(kRubyMap, "sub-obj-car-fke", MappingRole::kAssociate, opened);
  OnMap(kRubyMap, "sub-object-02", MappingRole::kAssociate, opened);
  OnMap(kRubyMap, "sub-loc-seafront-arcade", MappingRole::kLocationOfConcern, opened);
  OnMap(kRubyMap, "sub-loc-01", MappingRole::kAssociate, opened);
  OnMap(kRubyMap, "sub-loc-port-fable-high", MappingRole::kAssociate, opened);
  OnMap(kRubyMap, "sub-act-netball", MappingRole::kAssociate, opened);
  OnMap(kRubyMap, "sub-x-07", MappingRole::kKeyContact, opened);
  OnMap(kRubyMap, "sub-x-06", MappingRole::kKeyContact, opened);
  // Added after Ruby Example was found at the flat: the link to the county line mapping.
  Date found = c.Ago(36);
  OnMap(kRubyMap, "sub-loc-gullhaven-flat", MappingRole::kLocationOfConcern, found,
        "Also on map-county-line.");
  OnMap(kRubyMap, "sub-child-06", MappingRole::kAssociate, found,
        "Says he is Ruby Example's boyfriend. Cohort member on map-county-line.");
  OnMap(kRubyMap, "sub-x-01", MappingRole::kAdultOfConcern, found);

  AddRubyLinks();
  AddRubyMeetings();
  AddRubyInformation();
  AddRubyAssessment();
  AddRubyPlan();
}

void DemoBuilder::AddRubyLinks() {
  const Clock& c = clock_;
  AddLink("lnk-01", "sub-child-01", "sub-loc-01", LinkType::kLivesAt, Valence::kNeutral, 3,
          kRubyMap);
  AddLink("lnk-02", "sub-x-04", "sub-child-01", LinkType::kFamily, Valence::kProtective, 3,
          kRubyMap, "Mother; close, and reports every missing episode.");
  AddLink("lnk-03", "sub-child-01", "sub-child-02", LinkType::kBestFriend, Valence::kUnknown, 3,
          kRubyMap,
          "Best friends since Year 7; each may be drawing the other towards the same adults.");
  Link& exploits =
      AddLink("lnk-04", "sub-x-02", "sub-child-01", LinkType::kExploits, Valence::kHarmful, 3,
              kRubyMap, "Gives lifts, gifts and alcohol; seen with her late at night.");
  exploits.started_on = c.DaysAgo(150);
  Link& ella = AddLink("lnk-05", "sub-x-02", "sub-child-02", LinkType::kAssociate,
                       Valence::kHarmful, 1, kRubyMap, "Messages on social media offering lifts.");
  ella.started_on = c.DaysAgo(90);
  AddLink("lnk-06", "sub-x-02", "sub-obj-car-fke", LinkType::kAssociate, Valence::kHarmful, 3,
          kRubyMap, "Registered keeper and only insured driver.");
  AddLink("lnk-07", "sub-x-02", "sub-object-02", LinkType::kAssociate, Valence::kHarmful, 3,
          kRubyMap);
  AddLink("lnk-08", "sub-child-01", "sub-object-02", LinkType::kAssociate, Valence::kHarmful, 2,
          kRubyMap, "Number saved in Ruby Example's second phone.");
  Link& missing = AddLink("lnk-09", "sub-child-01", "sub-loc-gullhaven-flat",
                          LinkType::kStaysAtWhenMissing, Valence::kHarmful, 2, kRubyMap);
  missing.started_on = c.DaysAgo(37);
  AddLink("lnk-10", "sub-child-01", "sub-loc-seafront-arcade", LinkType::kFrequents,
          Valence::kHarmful, 2, kRubyMap);
  AddLink("lnk-11", "sub-child-01", "sub-loc-port-fable-high", LinkType::kAttends,
          Valence::kNeutral, 2, kRubyMap, "Attendance has dropped this term.");
  Link& netball =
      AddLink("lnk-12", "sub-child-01", "sub-act-netball", LinkType::kAttends, Valence::kProtective,
              2, kRubyMap, "Played every week until the spring; a protective factor she lost.");
  netball.status = LinkStatus::kHistoric;
  netball.started_on = c.DaysAgo(700);
  netball.ended_on = c.DaysAgo(160);
  AddLink("lnk-13", "sub-x-07", "sub-child-01", LinkType::kKeyContactFor, Valence::kProtective, 3,
          kRubyMap, "Ruby Example trusts her and keeps appointments.");
  AddLink("lnk-14", "sub-x-06", "sub-child-01", LinkType::kKeyContactFor, Valence::kProtective, 2,
          kRubyMap, "Knows Ruby Example from seafront outreach.");
}

void DemoBuilder::AddRubyMeetings() {
  const Clock& c = clock_;
  Date held = c.Ago(72);
  Date review = c.Ahead(6);
  const std::string venue = "Port Fable family centre, meeting room 2";
  Meeting& initial = AddMeeting("mtg-01", kRubyMap, MeetingKind::kInitial, MeetingStatus::kHeld,
                                held, "10:00", venue, "usr-02");
  initial.agenda = {
      Item("Family background",
           "Ruby Example lives with her mother, Donna Example. Her grandmother, who looked after "
           "her after school, died last spring."),
      Item("Concerns about sexual exploitation",
           "Three overnight missing episodes in eight weeks. New clothes and a second phone. Seen "
           "getting into a grey hatchback near school."),
      Item("Identify the vulnerability and risk factors",
           "Recorded on the map: recent loss, low confidence, friend also at risk; missing "
           "episodes, unexplained gifts, missing school, alcohol."),
      Item("Mapping the risk",
           "Craig Pretend identified as the driver of ZZ26 FKE. Ella Placeholder is being "
           "messaged by the same man. The seafront arcade is where the girls are picked up."),
      Item("Strengths",
           "Close to her mother. Trusts the school nurse. Used to play netball and may go back."),
      Item("Risk category", "Ruby Example: category 2. Ella Placeholder: category 1."),
      Item("Agreed actions", "See the action plan. Review set within 3 months."),
  };
  initial.minutes =
      "Ruby Example's network met to plan a response to the risk of sexual exploitation. "
      "Everyone signed the confidentiality agreement. Police will consider a child abduction "
      "warning notice against Craig Pretend. The school will share attendance by lesson. The "
      "school nurse will continue sexual health support. A referral has been made for one-to-one "
      "work with the exploitation support charity.";
  initial.decisions = {"Ruby Example placed in CSE category 2 (medium risk)",
                       "Ella Placeholder treated as at risk (category 1)",
                       "Review MAP meeting within 3 months"};
  initial.minutes_circulated_on = held.AddDays(1);
  initial.minutes_filed_on = c.Ago(65);
  initial.next_review_on = review;
  Attend("mtg-01", {{"usr-02", Attendance::kPresent},
                    {"usr-05", Attendance::kPresent},
                    {"usr-06", Attendance::kPresent},
                    {"usr-08", Attendance::kPresent},
                    {"usr-10", Attendance::kPresent},
                    {"usr-13", Attendance::kPresent},
                    {"usr-09", Attendance::kApologies}});

  Meeting& next = AddMeeting("mtg-02", kRubyMap, MeetingKind::kReview, MeetingStatus::kPlanned,
                             review, "10:00", venue, "usr-02");
  next.agenda = {Item("Previous actions"),
                 Item("Agency updates"),
                 Item("Review the vulnerability and risk factors"),
                 Item("Mapping the risk"),
                 Item("Strengths"),
                 Item("Risk category"),
                 Item("Agreed actions")};
}

void DemoBuilder::AddRubyInformation() {
  const Clock& c = clock_;
  using E = EvidenceBasis;
  AddIntel("inf-01", "sub-child-01", kRubyMap, "usr-05", c.DaysAgo(86), c.DaysAgo(85), "1AP",
           E::kEvidenced,
           "Ruby Example has been reported missing three times in eight weeks, each time "
           "overnight. On return she had new clothes and a second phone she would not explain.");

  Information& car = AddIntel(
      "inf-02", "lnk-04", kRubyMap, "usr-06", c.DaysAgo(88), c.DaysAgo(84), "1BC", E::kEvidenced,
      "Number plate records place the grey hatchback ZZ26 FKE, registered to Craig Pretend, "
      "near Port Fable High School at the end of the school day on four days last month. A "
      "member of staff saw Ruby Example get into a grey hatchback on one of those days.");
  car.handling_conditions = HandlingConditions{
      "Police intelligence. Children's social care may use it for safety planning. Do not tell "
      "the family or Craig Pretend. Any other agency needs the originator's approval.",
      {"agy-csc"},
      true};
  HandlingApproval approval;
  approval.id = "hap-01";
  approval.information_id = "inf-02";
  approval.agency_id = "agy-health";
  approval.approved_by_user_id = "usr-06";
  approval.approved_on = c.Ago(70);
  approval.note =
      "So the school nurse can support safety planning. Not to be copied into the "
      "health record.";
  approvals_.push_back(approval);

  Information& arcade = AddIntel(
      "inf-03", "sub-child-01", kRubyMap, "usr-09", c.DaysAgo(81), c.DaysAgo(80), "1AP",
      E::kEvidenced,
      "On seafront outreach a youth worker saw Ruby Example and Ella Placeholder with a man "
      "later identified as Craig Pretend outside the arcade. The girls left with him in a grey "
      "car.");
  arcade.sighting =
      Seen(c.DaysAgo(81), "21:40", "sub-loc-seafront-arcade",
           {"sub-child-01", "sub-child-02", "sub-x-02"}, "Jess Dummy", "agy-youth-service");

  AddIntel("inf-04", "sub-child-02", kRubyMap, "usr-08", c.DaysAgo(83), c.DaysAgo(82), "2CP",
           E::kAnecdotal,
           "Ella Placeholder told her form tutor that an older man has been messaging her and "
           "Ruby Example on social media, offering lifts and vapes.");

  Information& nurse = AddIntel(
      "inf-05", "sub-child-01", kRubyMap, "usr-10", c.DaysAgo(70), c.DaysAgo(69), "1BC",
      E::kEvidenced,
      "Ruby Example asked the school nurse for sexual health advice and said her boyfriend is "
      "older and has a car.");
  nurse.handling_conditions = HandlingConditions{
      "Health information shared for safeguarding. Children's social care may see it; no wider "
      "sharing without the school nursing team's agreement.",
      {"agy-csc"},
      false};

  Information& flat = AddIntelFrom(
      "inf-06", "sub-child-01", kRubyMap, "agy-police", "Owen Pretend", c.DaysAgo(37),
      c.DaysAgo(37), "1AP", E::kEvidenced,
      "During a missing episode police found Ruby Example at Flat 3 Gullhaven Court with Tyler "
      "Invented and Dean Mockley. She said she was visiting her boyfriend and denied that "
      "anything had happened. She was taken home.");
  flat.sighting = Seen(c.DaysAgo(37), "23:15", "sub-loc-gullhaven-flat",
                       {"sub-child-01", "sub-child-06", "sub-x-01"}, "Owen Pretend", "agy-police");

  AddIntel("inf-07", "sub-child-01", kRubyMap, "usr-08", c.DaysAgo(980), c.DaysAgo(82), "2CP",
           E::kAnecdotal,
           "In Year 7 Ruby Example was the target of unkind messages in a class group chat. The "
           "school dealt with it at the time.");
  AddIntel("inf-08", "sub-x-02", kRubyMap, "usr-04", c.DaysAgo(84), c.DaysAgo(84), "1AP",
           E::kEvidenced,
           "Craig Pretend has no convictions. Police hold two earlier reports of him giving lifts "
           "to girls under 16 in Port Fable.");
}

void DemoBuilder::AddRubyAssessment() {
  const Clock& c = clock_;
  Date held = c.Ago(72);
  Date recorded = held;
  const std::string r = "sub-child-01";
  using F = FactorCategory;
  AddFactor("fac-01", kRubyMap, r, F::kVulnerability, "recent_loss",
            "Her grandmother, who looked after her after school, died last spring.", recorded);
  AddFactor("fac-02", kRubyMap, r, F::kVulnerability, "low_self_esteem", "", recorded);
  AddFactor("fac-03", kRubyMap, r, F::kVulnerability, "peers_exploited",
            "Best friend Ella Placeholder is being contacted by the same man.", recorded);
  AddFactor("fac-04", kRubyMap, r, F::kRisk, "missing_episodes",
            "Three overnight episodes in eight weeks, a fourth since.", recorded);
  AddFactor("fac-05", kRubyMap, r, F::kRisk, "unexplained_gifts", "New clothes and a second phone.",
            recorded);
  AddFactor("fac-06", kRubyMap, r, F::kRisk, "substance_use",
            "Smelt of alcohol on return from two episodes.", recorded);
  AddFactor("fac-07", kRubyMap, r, F::kRisk, "school_absence", "Missing afternoon lessons.",
            recorded);
  factors_.back().resolved_on = c.Ago(20);  // attendance back to normal since half term
  AddFactor("fac-08", kRubyMap, r, F::kStrength, "",
            "Close to her mother, who reports every missing episode.", recorded);
  AddFactor("fac-09", kRubyMap, r, F::kStrength, "",
            "Trusts the school nurse and keeps her appointments.", recorded);
  AddFactor("fac-10", kRubyMap, r, F::kConcern, "",
            "Her boyfriend Tyler Invented links her to the Kestrel county line and to Dean "
            "Mockley.",
            c.Ago(36));
  const std::string e = "sub-child-02";
  AddFactor("fac-11", kRubyMap, e, F::kRisk, "online_vulnerability",
            "Messaged by an adult man offering lifts and vapes.", recorded);
  AddFactor("fac-12", kRubyMap, e, F::kVulnerability, "few_same_age_friends",
            "Spends her free time only with Ruby Example.", recorded);
  AddFactor("fac-13", kRubyMap, e, F::kStrength, "",
            "Settled home; parents not yet aware of the messages.", recorded);

  // Risk category history: category 2 at the initial meeting, raised to 3 after a strategy
  // discussion when Ruby Example was found at the flat. The planned review reassesses it.
  AddRisk("risk-01", kRubyMap, r, "mtg-01", "cse_2", held, "usr-02",
          "Evidence of gifts, lifts and overnight stays with an older man in exchange for "
          "attention and a sense of belonging. Coercion is likely.");
  AddRisk("risk-02", kRubyMap, r, "", "cse_3", c.WorkingDayAfter(c.DaysAgo(37)), "usr-02",
          "Found at a county line address with two adults during a missing episode, denies any "
          "harm, and the missing episodes continue. Control by more than one adult is implied.");
  // Ella Placeholder is judged at risk but has no referral: the deliberate gap for the check.
  AddRisk("risk-03", kRubyMap, e, "mtg-01", "cse_1", held, "usr-02",
          "Being messaged by the same adult and spends time with Ruby Example at the seafront. "
          "Warning signs, but no evidence of offences.");
}

void DemoBuilder::AddRubyPlan() {
  const Clock& c = clock_;
  Date held = c.Ago(72);
  const std::string r = "sub-child-01";
  using A = ActionKind;
  using St = ActionStatus;

  Action& plan = AddAction("act-01", kRubyMap, A::kSafeguardingIntervention, "usr-05", held,
                           c.Ago(65), St::kDone, {r},
                           "Agree a safety plan with Ruby Example and her mother: a time to be "
                           "home, a trusted adult to call, and what to do if she is collected "
                           "by a car.");
  plan.raised_at_meeting_id = "mtg-01";
  plan.completed_on = c.Ago(68);

  Action& cawn = AddAction("act-02", kRubyMap, A::kDisruption, "usr-06", held, c.Ago(40),
                           St::kInProgress, {"sub-x-02", r},
                           "Consider a child abduction warning notice against Craig Pretend.");
  cawn.raised_at_meeting_id = "mtg-01";
  AddUpdate("upd-01", "act-02", c.Ago(60), "usr-06", St::kInProgress,
            "Evidence pack started. Waiting for the school's statement about the car.");
  AddUpdate("upd-02", "act-02", c.Ago(30), "usr-06", std::nullopt,
            "Statement received. With the inspector for a decision.");

  Action& nest =
      AddAction("act-03", kRubyMap, A::kReferral, "usr-05", held, c.Ago(66), St::kDone, {r},
                "Refer Ruby Example to the exploitation support charity for "
                "one-to-one work.");
  nest.raised_at_meeting_id = "mtg-01";
  nest.completed_on = c.Ago(70);

  AddAction("act-04", kRubyMap, A::kInformationGathering, "usr-08", c.Ago(36), c.Ahead(3),
            St::kOpen, {r}, "Share Ruby Example's attendance by lesson for this term.");

  Action& health =
      AddAction("act-05", kRubyMap, A::kSafeguardingIntervention, "usr-10", held, c.Ago(50),
                St::kDone, {r}, "Offer Ruby Example sexual health advice and a named nurse.");
  health.raised_at_meeting_id = "mtg-01";
  health.completed_on = c.Ago(55);
  AddUpdate("upd-03", "act-05", c.Ago(55), "usr-10", St::kDone,
            "Ruby Example has attended two appointments and has a named nurse.");

  Action& minutes =
      AddAction("act-06", kRubyMap, A::kCommunication, "usr-05", held, c.Ago(66), St::kDone, {r},
                "Send the minutes and outcome to the strategic exploitation group.");
  minutes.raised_at_meeting_id = "mtg-01";
  minutes.completed_on = c.Ago(69);

  KeyQuestion& car = AddQuestion("kq-01", kRubyMap, "sub-obj-car-fke", "usr-06", c.Ago(65),
                                 "Who is the registered keeper of the grey hatchback ZZ26 FKE, and "
                                 "who usually drives it?");
  car.status = QuestionStatus::kAnswered;
  car.answer =
      "Registered to Craig Pretend at an address in Port Fable; he is the only insured "
      "driver.";
  car.answered_on = c.Ago(68);
  car.raised_at_meeting_id = "mtg-01";
  AddQuestion("kq-02", kRubyMap, r, "usr-05", c.Ahead(4),
              "Where does Ruby Example stay on missing nights other than Gullhaven Court?");
  KeyQuestion& others = AddQuestion("kq-03", kRubyMap, "sub-x-02", "usr-08", c.Ago(10),
                                    "Is Craig Pretend contacting any other pupils at Port Fable "
                                    "High School?");
  others.raised_at_meeting_id = "mtg-01";

  AddReferral("ref-01", kRubyMap, r, ReferralTarget::kOther, ReferralStatus::kAccepted, c.Ago(70),
              "agy-csc", "Allocated a support worker; weekly sessions.")
      .target_detail = "Northwick Exploitation Support Trust, one-to-one work";
  AddReferral("ref-02", kRubyMap, r, ReferralTarget::kHealth, ReferralStatus::kAccepted, c.Ago(66),
              "agy-health", "Two appointments attended.")
      .target_detail = "Young people's sexual health service";
  AddReferral("ref-03", kRubyMap, r, ReferralTarget::kIntelligenceMeeting, ReferralStatus::kMade,
              c.WorkingDayAfter(c.DaysAgo(37)), "agy-police");
}

// A youth service submission for Ruby Example's review, still being written.
void DemoBuilder::AddRubySubmission() {
  AgencySubmission youth;
  youth.id = "sbm-03";
  youth.mapping_id = S(kRubyMap);
  youth.agency_id = "agy-youth-service";
  youth.meeting_id = "mtg-02";
  youth.submitted_by = "Jess Dummy";
  youth.submitted_by_user_id = "usr-09";
  youth.status = SubmissionStatus::kDraft;
  youth.entries = {
      {"sub-child-01", SubmissionSection::kConcerns,
       "Still seen at the seafront arcade late on Friday nights."},
      {"sub-loc-seafront-arcade", SubmissionSection::kLinkedContexts,
       "Arcade staff willing to call the youth team if they see the girls with adults."},
  };
  submissions_.push_back(std::move(youth));
}

}  // namespace contextmap::demo
