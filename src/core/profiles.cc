#include "contextmap/core/profiles.h"

#include <string>
#include <utility>

namespace contextmap {

namespace {

// Small builders so each profile below reads as a list of facts.

ProfileTrigger Trigger(MappingTrigger trigger, std::string label) {
  ProfileTrigger t;
  t.trigger = trigger;
  t.label = std::move(label);
  return t;
}

Timescale Due(TimescaleKind kind, int64_t amount, TimescaleUnit unit, std::string label,
              std::vector<std::string> triggers = {}, bool while_risk_elevated = false) {
  Timescale t;
  t.kind = kind;
  t.amount = amount;
  t.unit = unit;
  t.label = std::move(label);
  t.triggers = std::move(triggers);
  t.while_risk_elevated = while_risk_elevated;
  return t;
}

ChecklistItem Item(std::string code, std::string label) {
  ChecklistItem c;
  c.code = std::move(code);
  c.label = std::move(label);
  return c;
}

TemplateSection Section(std::string heading, std::vector<std::string> prompts = {}) {
  TemplateSection s;
  s.heading = std::move(heading);
  s.prompts = std::move(prompts);
  return s;
}

MeetingTemplate Agenda(MeetingKind kind, std::string name, std::vector<TemplateSection> sections) {
  MeetingTemplate m;
  m.meeting_kind = kind;
  m.name = std::move(name);
  m.sections = std::move(sections);
  return m;
}

ReportTemplate Report(std::string code, std::string name, std::vector<TemplateSection> sections) {
  ReportTemplate r;
  r.code = std::move(code);
  r.name = std::move(name);
  r.sections = std::move(sections);
  return r;
}

ProtocolProfile Profile(std::string_view id, std::string name, std::string description) {
  ProtocolProfile p;
  p.id = std::string(id);
  p.version = 0;
  p.name = std::move(name);
  p.description = std::move(description);
  return p;
}

std::string Name(MappingTrigger t) { return std::string(EnumName(t)); }

// What testing a relationship means; shared by the group and peer mapping profiles.
std::vector<std::string> TestingPrompts() {
  return {
      "How strong is each relationship?",
      "Is it backed by evidence, or only by what people have said?",
      "How many sightings place them together: when, where, and reported by whom?",
      "How recent is the information, and is it still true today?",
      "Where did the information come from, and how far can that source be relied on?",
      "Who leads in the group and who follows?",
      "Does the group offer any protection, or is it only a source of risk?",
      "What do we still not know?",
  };
}

// The young person's own peer map (ecomap), closeness shown as distance from the centre.
TemplateSection EcomapSection() {
  return Section(
      "The young person's own map (ecomap)",
      {
          "Ask the young person to put themselves in the middle of the page.",
          "Ask them to add friends, peers and places, nearer or further away by how close they "
          "feel.",
          "Who do they feel closest to, and whom do they trust?",
          "Who do they spend most of their time with? Are their friends the same age?",
          "Who is a good influence on them, and are they a good influence on anyone?",
          "If they were in trouble, which friend would they turn to?",
          "Would a parent, carer or teacher say any of these friends is a bad influence?",
          "Do they feel they have sway over anyone in the group?",
          "Do the families know each other, and are they happy about the friendships?",
          "Have they been in trouble (school, police, youth club) alongside any of these friends?",
      });
}

// --- 000: a county's CSE mapping meeting protocol -----------------------------------------

ProtocolProfile CseMappingMeeting() {
  ProtocolProfile p = Profile(
      kProfileCseMappingMeeting, "CSE mapping meeting (county protocol)",
      "A mapping meeting about child sexual exploitation, called after a strategy discussion, "
      "a section 47 enquiry, an exploitation triage or panel, or a single assessment. Agencies "
      "send what they know to the organiser beforehand; the meeting maps each child's "
      "associates, risky adults, places and themes and agrees actions, each with a named "
      "person.");
  p.triggers = {
      Trigger(MappingTrigger::kStrategyDiscussion,
              "A strategy discussion about one child decides a mapping meeting is needed"),
      Trigger(MappingTrigger::kSection47,
              "A section 47 enquiry about one child decides a mapping meeting is needed"),
      Trigger(MappingTrigger::kExploitationPanel,
              "An exploitation triage or panel finds a person, place or activity linked to "
              "several children"),
      Trigger(MappingTrigger::kSingleAssessment,
              "A single assessment finds worrying links to a place or person, below the level "
              "for a strategy discussion"),
  };
  p.timescales = {
      Due(TimescaleKind::kFirstMeeting, 5, TimescaleUnit::kWorkingDays,
          "Mapping meeting within 5 working days of the strategy discussion",
          {Name(MappingTrigger::kStrategyDiscussion), Name(MappingTrigger::kSection47)}),
  };
  p.submission_checklist = {
      Section("Concerns",
              {"For each child, whatever your agency knows that makes them vulnerable or "
               "worries you, now or in the past."}),
      Section("Linked people", {"Anyone your agency knows of who is linked to the issue, the "
                                "peer group or the place of concern."}),
      Section("Linked places", {"Places such as schools or neighbourhoods that the "
                                "information points to."}),
      Section("Key contacts", {"Professionals who know these children or places, for example "
                               "police officers, school safeguarding leads, youth workers, "
                               "social workers or housing wardens."}),
      Section("Already being mapped", {"Children or places you know are already the subject of "
                                       "contextual safeguarding or peer mapping."}),
      Section("Key questions", {"Questions about how each child, place or vulnerability fits "
                                "into the network, to raise at the meeting."}),
  };
  p.action_prompts = {
      Section("Actions", {"Give every action one named person responsible.",
                          "Think about disrupting risky adults, for example with a child "
                          "abduction warning notice.",
                          "Ask each owner to send updates on their actions after the meeting."}),
  };
  p.meeting_templates = {
      Agenda(MeetingKind::kInitial, "Mapping meeting record",
             {
                 Section("Introductions and confidentiality",
                         {"Each attendee agrees to the confidentiality statement."}),
                 Section("Each child and their associates",
                         {"Name and date of birth.",
                          "Known vulnerabilities, concerns and risks, past and present.",
                          "The child's network: who is linked to whom, and which links are "
                          "strongest.",
                          "Risky adults and any disruption needed.",
                          "Places and themes linked to the risk."}),
                 Section("Agreed actions", {"What, who is responsible, and by when."}),
             }),
  };
  p.confidentiality_statement =
      "Everyone here represents their agency and comes ready to share what they know so that "
      "children can be protected and those who exploit them disrupted. What is said and what "
      "is handed out is confidential. Pass it on only to colleagues who need it to safeguard a "
      "child, under your agency's usual safeguarding and information-sharing rules. Each agency "
      "keeps any papers it receives secure.";
  return p;
}

// --- 001: a London borough's group and incident mapping guidance ----------------------------

ProtocolProfile GroupIncidentMapping() {
  ProtocolProfile p = Profile(
      kProfileGroupIncidentMapping, "Group and incident mapping (borough guidance)",
      "Mapping a group of young people after an incident or a concern about a group. An "
      "internal session comes first, then a session with external partners, then reviews until "
      "the risk has gone down. Each relationship is tested for strength, evidence, recency and "
      "source. Minutes and the map go on every key subject's case record, titled by the key "
      "context risk.");
  p.triggers = {
      Trigger(MappingTrigger::kSignificantIncident,
              "A police report or other news of an incident involving a group"),
      Trigger(MappingTrigger::kOther,
              "Another concern about a group, such as a school worried about a class culture"),
  };
  p.timescales = {
      Due(TimescaleKind::kInitialSession, 2, TimescaleUnit::kWeeks,
          "Internal mapping session within 2 weeks of the concern being identified"),
      Due(TimescaleKind::kExternalSession, 2, TimescaleUnit::kWeeks,
          "First session with external partners within 2 weeks of the internal session"),
      Due(TimescaleKind::kSubjectsToInvitees, 1, TimescaleUnit::kWeeks,
          "List of subjects sent securely to invitees at least 1 week before a session"),
      Due(TimescaleKind::kMinutesOnCaseRecord, 2, TimescaleUnit::kWeeks,
          "Minutes and map on every key subject's case record within 2 weeks of a session"),
      Due(TimescaleKind::kReviewMeeting, 3, TimescaleUnit::kMonths,
          "Review session at least every 3 months, and sooner after a significant incident"),
  };
  p.submission_checklist = {
      Section("Current concerns", {"Vulnerabilities now, e.g. missing episodes, substance use, "
                                   "not in education or work."}),
      Section("Linked contexts", {"Addresses, venues and groups linked to the young person, "
                                  "good and bad."}),
      Section("Linked people and groups", {"People linked to the young person and how: "
                                           "friend, partner, unknown adult."}),
      Section("Key contacts", {"Professionals or others who know the young person or "
                               "context."}),
      Section("Key questions", {"What do we need to find out, about whom or where?"}),
      EcomapSection(),
  };
  p.action_prompts = {
      Section("Closing gaps", {"Give each information gap an owner and a clear deadline."}),
      Section("Direct work with the young person",
              {"Use the young person's own map to plan how they can keep good friendships while "
               "staying out of harm, e.g. leaving school or youth club at a different time."}),
  };
  p.meeting_templates = {
      Agenda(MeetingKind::kPreMapping, "Session 1 - internal",
             {
                 Section("Who is here", {"Internal teams only, such as early help and social "
                                         "care."}),
                 Section("Map what we know", {"Build the group or context map from what "
                                              "internal teams hold."}),
                 Section("Review and update the map"),
                 Section("Information gaps"),
                 Section("Partners who can fill the gaps",
                         {"Which external partners should come to the next session?"}),
             }),
      Agenda(MeetingKind::kExternal, "Session 2 - with external partners",
             {
                 Section("Who is here", {"External partners named in session 1, such as police "
                                         "and school staff."}),
                 Section("Map what we know", TestingPrompts()),
                 Section("Review and update the map"),
                 Section("Information gaps"),
                 Section("Partners to fill gaps and deliver interventions"),
             }),
      Agenda(
          MeetingKind::kReview, "Review session",
          {
              Section("Existing actions", {"An update on every outstanding action."}),
              Section("Review and update the map",
                      {"Reassess each subject and context.",
                       "Take off anyone no longer part of the network; add new subjects."}),
              Section("Information gaps and safeguarding interventions"),
              Section("Key actions", {"Actions to fill gaps and deliver interventions, with "
                                      "dates that set the next review."}),
              Section("Closing the group work", {"Has the risk reduced enough to close the work?"}),
          }),
  };
  return p;
}

// --- 002: a London borough's multi-agency planning (MAP) meetings for CSE ----------------

std::vector<ChecklistItem> CseVulnerabilityFactors() {
  return {
      Item("chaotic_household", "Lives in a chaotic or troubled home"),
      Item("history_of_abuse", "Has been abused in the past"),
      Item("unstable_accommodation",
           "Lives in residential care, a hostel or bed and breakfast, or is homeless"),
      Item("gang_association",
           "Linked to a gang through family, friends, a partner or the "
           "neighbourhood"),
      Item("few_same_age_friends", "Has few friends of their own age"),
      Item("peers_exploited", "Has friends or schoolmates who are being sexually exploited"),
      Item("not_in_education", "Not in education, training or work"),
      Item("sexual_orientation", "Unsure of their sexual orientation, or cannot tell their family"),
      Item("learning_disability", "Has learning difficulties or a learning disability"),
      Item("young_carer", "Cares for a family member (young carer)"),
      Item("recent_loss", "Has recently lost someone close, or suffered another loss"),
      Item("low_self_esteem", "Lacks confidence or a sense of self-worth"),
  };
}

std::vector<ChecklistItem> CseRiskFactors() {
  return {
      Item("missing_episodes", "Runs away or goes missing from home or care"),
      Item("physical_injuries", "Shows signs of physical injury"),
      Item("substance_use", "Misuses drugs or alcohol"),
      Item("offending", "Has been involved in crime"),
      Item("sexual_health",
           "Repeated sexually transmitted infections, pregnancies or "
           "terminations"),
      Item("withdrawn_disclosures", "Has told someone and then taken it back"),
      Item("school_absence", "Missing from school"),
      Item("changed_appearance", "Looks different (appearance has changed)"),
      Item("online_vulnerability",
           "Sexual bullying, or at risk through the internet or social media"),
      Item("unexplained_gifts", "Has money, gifts or phones that cannot be explained"),
      Item("recruiting_others", "Draws other young people into exploitation"),
      Item("poor_mental_health", "Struggling with mental health"),
      Item("self_harm", "Self-harm, or suicidal thoughts or attempts"),
  };
}

std::vector<RiskCategory> CseRiskCategories() {
  return {
      {.code = "cse_1",
       .label = "Category 1 (at risk)",
       .definition =
           "A vulnerable child who may be being targeted and groomed, with warning signs of "
           "sexual exploitation, but with no evidence yet that offences have taken place.",
       .rank = 1,
       .requires_review = false},
      {.code = "cse_2",
       .label = "Category 2 (medium risk)",
       .definition =
           "Evidence that the child is being singled out for abuse whenever a chance arises: "
           "sexual activity exchanged for drugs, affection, a sense of belonging, somewhere to "
           "stay, money or goods. "
           "Includes abuse through technology with no reward, such as sharing indecent images. "
           "Coercion and control are likely.",
       .rank = 2,
       .requires_review = true},
      {.code = "cse_3",
       .label = "Category 3 (high risk)",
       .definition =
           "The child is being sexually exploited habitually, often denies it, and is under "
           "implied coercion or control, often by more than one abuser.",
       .rank = 3,
       .requires_review = true},
  };
}

std::vector<TemplateSection> CseActionPrompts() {
  return {
      Section("Work with the young person",
              {"Safety plan: agreed times home, a lift to and from school, supervised time with "
               "peers, limits on phone and internet use.",
               "Direct work on self-esteem, relationships, sexuality and sexual health, by the "
               "professional the young person trusts most or a specialist service.",
               "Tackle the vulnerability and risk factors: a change of placement if others "
               "there are at risk, a return to education, help with substance use.",
               "Positive activities, for example through the youth service."}),
      Section("Parents, carers and the informal network",
              {"Help the family understand the risk, with specialist advice where needed.",
               "How can the family pass on what they learn, such as names and addresses of "
               "people they suspect?",
               "Would a family network meeting and a family plan help?",
               "Support parents and carers to set and hold boundaries at home and to keep a "
               "record of what happens.",
               "Are other children at home, or linked to the young person, also at risk?"}),
      Section("Criminal investigation and enforcement",
              {"Has a section 47 enquiry started?",
               "Have police and social care met in a strategy meeting to plan the investigation? "
               "Could police run checks on suspected abusers, addresses and places?",
               "Has a police referral been made so the young person is flagged as at risk?",
               "Has a child abduction warning notice been considered?",
               "Have civil orders or injunctions, or other laws such as harassment law, been "
               "considered?",
               "Is there a tracking app on the young person's phone, and who is allowed to use it?",
               "Who debriefs the young person, and who holds the independent return interview, "
               "after each missing episode?",
               "Is there a plan to keep forensic evidence, such as clothing after a missing "
               "episode?"}),
      Section("Disruption",
              {"Is everyone recording names, addresses, car registrations, phone and online "
               "activity and unexplained absences, and sending them to the social work team?",
               "Is the social work team passing everything that suggests exploitation to the "
               "police as it comes in?",
               "Small pieces of intelligence (a name, a number plate, a place) go to the police "
               "through the strategic exploitation group.",
               "If no prosecution is possible yet, can other powers such as behaviour orders, "
               "restraining orders or abduction notices disrupt the abuse?",
               "Has another area where a suspect lives been told, for their own children and "
               "others at risk?",
               "Does a suspect work with children? If so, has the designated officer (LADO) "
               "there been told?"}),
      Section("Missing episodes", {"Are parents and carers reporting every missing episode?",
                                   "Is the local missing children procedure being followed?"}),
  };
}

// Agenda items 3 to 7, shared by the initial and review meetings.
std::vector<TemplateSection> CseFactorAndRiskSections(bool review) {
  std::string verb = review ? "Review the" : "Identify the";
  return {
      Section(verb + " vulnerability and risk factors",
              {"Use the profile's checklists as a guide, not a complete list; apply professional "
               "judgement."}),
      Section(
          "Mapping the risk",
          {"Friends and associates whose safety is also in question, and the plan for each.",
           "Names and details of suspected abusers.", "Venues and postcodes linked to the risk."}),
      Section("Strengths"),
      Section("Risk category", {"Agree category 1, 2 or 3 and record why."}),
      Section("Agreed actions",
              {"Use the intervention prompts; give each action an owner and a date.",
               "Set the next review date, within 3 months of this meeting."}),
  };
}

ProtocolProfile MapCse() {
  ProtocolProfile p = Profile(
      kProfileMapCse, "Multi-agency planning (MAP) meeting for CSE (borough guidance)",
      "A meeting focused only on the risk of sexual exploitation to one child (care leavers "
      "too), separate from other case reviews. It follows a seven-item agenda, checks twelve "
      "vulnerability and thirteen risk factors, maps associates, suspected abusers and places, "
      "records strengths, agrees a risk category of 1, 2 or 3 and an action plan. Reviews are "
      "held within 3 months and continue while the risk is medium or high; minutes go to the "
      "strategic exploitation group.");
  p.triggers = {
      Trigger(MappingTrigger::kStrategyDiscussion,
              "A strategy discussion finds a child at risk of sexual exploitation"),
      Trigger(MappingTrigger::kOther,
              "A consultation with the CSE safeguarding lead agrees a MAP meeting is needed"),
  };
  p.timescales = {
      Due(TimescaleKind::kReviewMeeting, 3, TimescaleUnit::kMonths,
          "Review MAP meeting within 3 months of the last, while risk is medium or high", {},
          /*while_risk_elevated=*/true),
  };
  p.vulnerability_factors = CseVulnerabilityFactors();
  p.risk_factors = CseRiskFactors();
  p.risk_categories = CseRiskCategories();
  p.action_prompts = CseActionPrompts();

  std::vector<TemplateSection> initial = {
      Section("Family background", {"A short summary."}),
      Section("Concerns about sexual exploitation", {"What exactly is worrying the network?"}),
  };
  for (auto& s : CseFactorAndRiskSections(false)) initial.push_back(std::move(s));
  std::vector<TemplateSection> review = {
      Section("Previous actions", {"Progress on each action from the last meeting."}),
      Section("Agency updates", {"What each agency has learned since the last meeting."}),
  };
  for (auto& s : CseFactorAndRiskSections(true)) review.push_back(std::move(s));
  p.meeting_templates = {
      Agenda(MeetingKind::kInitial, "Initial MAP meeting", std::move(initial)),
      Agenda(MeetingKind::kReview, "Review MAP meeting", std::move(review)),
  };
  p.submission_checklist = {
      Section("Agency updates", {"What your agency knows about the young person's risk of "
                                 "sexual exploitation and progress on your actions."}),
  };
  return p;
}

// --- 003: a county's peer mapping practice guidance --------------------------------------

ProtocolProfile PeerMapping() {
  ProtocolProfile p = Profile(
      kProfilePeerMapping, "Peer mapping (county practice guidance)",
      "Mapping a child's or a group's relationships with peers and places. Any practitioner "
      "may call a meeting. The agency with the concern maps internally first, ideally with the "
      "child's own ecomap; the meeting then tests each relationship and agrees outcomes such as "
      "referrals, strategy meetings or disruption. Notes use full names, never initials, and "
      "the map goes on the subject children's records.");
  p.triggers = {
      Trigger(MappingTrigger::kSignificantIncident,
              "A peer group comes to attention after a significant incident"),
      Trigger(MappingTrigger::kOther,
              "A practitioner wants to understand a child's connections, or young people are "
              "gathering at a worrying place"),
  };
  p.timescales = {
      Due(TimescaleKind::kReviewMeeting, 3, TimescaleUnit::kMonths,
          "Peer map reviewed at least every 3 months and after a significant incident"),
  };
  p.submission_checklist = {
      Section("Linked people", {"People linked to the issue, the peer group or the place."}),
      Section("Linked places", {"Schools, neighbourhoods or other places the information "
                                "points to."}),
      Section("Key contacts", {"Anyone in a professional role who knows these young people or "
                               "places: police, school safeguarding leads, youth workers."}),
      Section("Already known", {"Any of these young people or places already flagged for risk "
                                "beyond the family home."}),
      Section("Key questions", {"How does each young person, place or vulnerability fit into "
                                "the network?"}),
      EcomapSection(),
  };
  p.action_prompts = {
      Section(
          "Outcomes to consider",
          {"Refer children to children's social care for assessment.",
           "Refer to other services, such as drug and alcohol support for young people.",
           "Refer children to the partnership intelligence meeting.", "Ask for a strategy meeting.",
           "Call a complex extra-familial harm meeting.", "Plan disruption."}),
  };
  p.meeting_templates = {
      Agenda(MeetingKind::kInitial, "Peer mapping meeting",
             {
                 Section("The concern", {"What made the calling agency worried about this group?"}),
                 Section("Testing the map", TestingPrompts()),
                 Section("Outcomes", {"Referrals, strategy meetings, disruption."}),
                 Section("Drawing and filing the map",
                         {"Adults in a different colour; a shape for each gender; line styles "
                          "for strength, tension and exploitation; circles round people who "
                          "share a place or group; a key.",
                          "Notes use full names, never initials.",
                          "Date the map and set a review date.",
                          "File the map on the subject children's records; on other children's "
                          "records only to support a referral."}),
             }),
  };
  return p;
}

// --- 004: a county lines pathfinder's paper on place-based mapping -----------------------

ProtocolProfile PlaceBased() {
  ProtocolProfile p = Profile(
      kProfilePlaceBased, "Place-based mapping task and finish group (county lines pathfinder)",
      "A task and finish group under the missing and child exploitation (MACE) meeting that "
      "looks at a district or place. It works through OSARA (objective, scanning, analysis, "
      "response, assessment), considering victims, locations and offenders together. Complex "
      "work can run as a tactical (bronze) group reporting to a strategic (silver) group. The "
      "lead responsible officer reports to MACE monthly and writes a closure report when the "
      "objectives are met.");
  p.triggers = {
      Trigger(MappingTrigger::kMaceReferral,
              "An exploitation issue in a district or place raised at the MACE meeting"),
      Trigger(MappingTrigger::kOther,
              "Emerging themes or trends spotted by district leads or the exploitation hub"),
  };
  p.timescales = {
      Due(TimescaleKind::kMinutesCirculated, 48, TimescaleUnit::kHours,
          "Minutes and actions sent to all attendees within 48 hours of the meeting"),
      Due(TimescaleKind::kStrategicReport, 1, TimescaleUnit::kMonths,
          "Monthly report from the lead responsible officer to MACE"),
      Due(TimescaleKind::kClosureReport, 0, TimescaleUnit::kCalendarDays,
          "Closure report to MACE when the objectives are met and the group closes"),
  };
  p.submission_checklist = {
      Section("Agency information", {"What your agency holds on the place, the cohort and the "
                                     "adults involved."}),
      Section("Updates on actions", {"Progress on your agency's actions, sent to the lead "
                                     "responsible officer before the meeting where possible."}),
  };
  p.action_prompts = {
      Section("Victims", {"A response plan for each child at risk, with a named agency.",
                          "If a child is at risk but no referral is recorded, make sure one is "
                          "made."}),
      Section("Locations", {"Environmental visual audit of open spaces.",
                            "Better lighting and CCTV where the audit shows a need.",
                            "Youth work and positive activities in the area."}),
      Section("Offenders", {"Use the disruption toolkit: behaviour orders, community "
                            "protection warnings, injunctions.",
                            "Probation powers for adults on licence or community orders."}),
      Section("Community", {"One agreed communication plan for residents and schools."}),
  };
  p.meeting_templates = {
      Agenda(MeetingKind::kInitial, "First meeting",
             {
                 Section("Data and intelligence", {"Cohort, patterns and trends."}),
                 Section("Membership", {"Are the right people and agencies here?"}),
                 Section("Return home interviews",
                         {"What they show: responses, safety plans, ongoing risks, actions."}),
                 Section("Challenges and gaps", {"Concerns and gaps in services."}),
                 Section("Agreed cohort", {"Align agency information on those at risk; the "
                                           "coordinator keeps the cohort list and updates it "
                                           "for each meeting."}),
                 Section("Police operations", {"Updates so every partner is informed."}),
                 Section("Objectives", {"Agree and record the group's objectives."}),
             }),
      Agenda(MeetingKind::kBronze, "Subsequent meeting (tactical)",
             {
                 Section("Individual children", {"Risks and protective factors for each child."}),
                 Section("Victims, locations and offenders", {"Responses to reduce the risk."}),
                 Section("Response plan", {"Actions allocated to named partners."}),
                 Section("Referrals", {"Any child at risk with no referral recorded?"}),
                 Section("Progress against objectives"),
                 Section("Escalations", {"Issues to take to the strategic group."}),
             }),
      Agenda(MeetingKind::kSilver, "Strategic group meeting",
             {
                 Section("Escalations from the tactical group"),
                 Section("Resources and funding"),
                 Section("Communication plan"),
                 Section("Progress against objectives"),
             }),
  };
  p.report_templates = {
      Report("monthly_strategic", "Monthly report to MACE",
             {
                 Section("Patterns"),
                 Section("Challenges"),
                 Section("Interventions that worked"),
                 Section("Emerging needs and gaps in provision"),
             }),
      Report("closure", "Closure report",
             {
                 Section("Cohort"),
                 Section("Initial scope and changes to it"),
                 Section("Process"),
                 Section("Objectives and progress against them"),
                 Section("Findings and outcomes"),
                 Section("Outstanding actions to escalate"),
             }),
  };
  p.confidentiality_statement =
      "Every agency present or receiving information is signed up to the local information "
      "sharing protocol. Everything discussed, and every document circulated, is confidential "
      "and restricted: do not pass it to third parties. Each receiving agency stores its papers "
      "securely. Sharing with a third party needs the chair's or co-chair's permission. "
      "Information about individual children may be shared with the professionals who need it, "
      "under each agency's own rules, and any such decision is recorded in the minutes.";
  return p;
}

}  // namespace

std::vector<ProtocolProfile> BuiltInProfiles() {
  std::vector<ProtocolProfile> out;
  out.push_back(CseMappingMeeting());
  out.push_back(GroupIncidentMapping());
  out.push_back(MapCse());
  out.push_back(PeerMapping());
  out.push_back(PlaceBased());
  return out;
}

}  // namespace contextmap
