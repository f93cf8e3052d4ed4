// The demo's record helpers (one per kind, so each mapping's file reads as a list of facts) and
// the assembly of the whole partnership in RecordKind order.
#include "contextmap/demo/demo.h"

#include "demo/builder.h"

namespace contextmap {
namespace demo {
namespace {

// The part of an id after its kind prefix: "sub-child-01" -> "ruby-example".
std::string Tail(std::string_view id) {
  auto dash = id.find('-');
  return S(dash == std::string_view::npos ? id : id.substr(dash + 1));
}

// "1AP" -> source 1, assessment A, handling P (the 3x5x2 grade as police write it).
void SetGrade(Information& info, std::string_view grade) {
  info.source = *ParseEnum<SourceEvaluation>(grade.substr(0, 1));
  info.assessment = *ParseEnum<IntelAssessment>(grade.substr(1, 1));
  info.handling = *ParseEnum<HandlingCode>(grade.substr(2, 1));
}

}  // namespace

// ============================================================================================
// Record helpers
// ============================================================================================

const User& DemoBuilder::UserById(std::string_view id) const {
  for (const auto& u : users_) {
    if (u.id == id) return u;
  }
  static const User kNobody;
  return kNobody;  // a typo here shows up as a dangling reference in demo_test
}

const Subject& DemoBuilder::SubjectById(std::string_view id) const {
  for (const auto& s : subjects_) {
    if (s.id == id) return s;
  }
  static const Subject kNothing;
  return kNothing;
}

void DemoBuilder::AddAgency(std::string id, std::string name, std::string short_name,
                            AgencySector sector) {
  Agency a;
  a.id = std::move(id);
  a.name = std::move(name);
  a.short_name = std::move(short_name);
  a.sector = sector;
  agencies_.push_back(std::move(a));
}

void DemoBuilder::AddUser(std::string id, std::string full_name, std::string agency_id,
                          std::string position, UserRole role) {
  User u;
  u.id = std::move(id);
  // "Priya Example" -> "priya.example"
  for (char c : full_name) {
    u.username += c == ' ' ? '.' : static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  u.email = u.username + "@example.org";
  u.full_name = std::move(full_name);
  u.agency_id = std::move(agency_id);
  u.position = std::move(position);
  u.role = role;
  users_.push_back(std::move(u));
}

Subject& DemoBuilder::AddPerson(SubjectKind kind, std::string id, std::string full_name,
                                Gender gender, std::string area_id, std::string description) {
  Subject s;
  s.id = std::move(id);
  s.kind = kind;
  s.label = full_name;
  s.full_name = std::move(full_name);
  s.gender = gender;
  s.dob_precision = DobPrecision::kUnknown;
  s.area_id = std::move(area_id);
  s.description = std::move(description);
  subjects_.push_back(std::move(s));
  return subjects_.back();
}

Subject& DemoBuilder::AddChild(std::string id, std::string full_name, Gender gender, Date dob,
                               std::string school_id, std::string area_id,
                               std::string description) {
  Subject& s = AddPerson(SubjectKind::kChild, std::move(id), std::move(full_name), gender,
                         std::move(area_id), std::move(description));
  s.dob = dob;
  s.dob_precision = DobPrecision::kExact;
  s.school_id = std::move(school_id);
  return s;
}

void DemoBuilder::AddLocation(std::string id, std::string label, std::string address,
                              std::string postcode, VenueType venue, std::string area_id,
                              std::string description) {
  Subject s;
  s.id = std::move(id);
  s.kind = SubjectKind::kLocation;
  s.label = std::move(label);
  s.address = std::move(address);
  s.postcode = std::move(postcode);
  s.venue_type = venue;
  s.area_id = std::move(area_id);
  s.description = std::move(description);
  subjects_.push_back(std::move(s));
}

void DemoBuilder::AddGroup(std::string id, std::string label, GroupType type, std::string area_id,
                           std::string description) {
  Subject s;
  s.id = std::move(id);
  s.kind = SubjectKind::kGroup;
  s.label = std::move(label);
  s.group_type = type;
  s.area_id = std::move(area_id);
  s.description = std::move(description);
  subjects_.push_back(std::move(s));
}

void DemoBuilder::AddActivity(std::string id, std::string label, std::string area_id,
                              std::string description) {
  Subject s;
  s.id = std::move(id);
  s.kind = SubjectKind::kActivity;
  s.label = std::move(label);
  s.area_id = std::move(area_id);
  s.description = std::move(description);
  subjects_.push_back(std::move(s));
}

void DemoBuilder::AddObject(std::string id, std::string label, ObjectType type,
                            std::string identifier, std::string area_id, std::string description) {
  Subject s;
  s.id = std::move(id);
  s.kind = SubjectKind::kObject;
  s.label = std::move(label);
  s.object_type = type;
  s.identifier = std::move(identifier);
  s.area_id = std::move(area_id);
  s.description = std::move(description);
  subjects_.push_back(std::move(s));
}

Mapping& DemoBuilder::AddMappingRecord(std::string_view id, std::string title, MappingKind kind,
                                       MappingTrigger trigger, Date trigger_date,
                                       std::string profile_id, std::string chair,
                                       std::string co_chair) {
  Mapping m;
  m.id = S(id);
  m.title = std::move(title);
  m.kind = kind;
  m.trigger = trigger;
  m.trigger_date = trigger_date;
  m.profile_id = std::move(profile_id);
  m.chair_user_id = std::move(chair);
  m.co_chair_user_id = std::move(co_chair);
  mappings_.push_back(std::move(m));
  return mappings_.back();
}

void DemoBuilder::AddMembers(std::string_view mapping_id, Date added_on,
                             const std::vector<std::string>& user_ids) {
  for (const auto& user_id : user_ids) {
    MappingMember m;
    m.id = "mem-" + Tail(mapping_id) + "." + Tail(user_id);
    m.mapping_id = S(mapping_id);
    m.user_id = user_id;
    m.added_on = added_on;
    members_.push_back(std::move(m));
  }
}

MappingSubject& DemoBuilder::OnMap(std::string_view mapping_id, std::string subject_id,
                                   MappingRole role, Date added_on, std::string notes) {
  MappingSubject ms;
  ms.id = "ms-" + Tail(mapping_id) + "." + Tail(subject_id);
  ms.mapping_id = S(mapping_id);
  ms.subject_id = std::move(subject_id);
  ms.role = role;
  ms.added_on = added_on;
  ms.notes = std::move(notes);
  mapping_subjects_.push_back(std::move(ms));
  return mapping_subjects_.back();
}

Link& DemoBuilder::AddLink(std::string id, std::string from, std::string to, LinkType type,
                           Valence valence, int64_t strength, std::string_view origin_mapping_id,
                           std::string notes) {
  Link l;
  l.id = std::move(id);
  l.from_subject_id = std::move(from);
  l.to_subject_id = std::move(to);
  l.type = type;
  l.valence = valence;
  l.strength = strength;
  // Direction carries meaning for control, exploitation, recruitment and key contacts.
  l.directed = type == LinkType::kExploits || type == LinkType::kControls ||
               type == LinkType::kRecruitedBy || type == LinkType::kKeyContactFor;
  l.origin_mapping_id = S(origin_mapping_id);
  l.notes = std::move(notes);
  links_.push_back(std::move(l));
  return links_.back();
}

Meeting& DemoBuilder::AddMeeting(std::string id, std::string_view mapping_id, MeetingKind kind,
                                 MeetingStatus status, Date date, std::string start_time,
                                 std::string venue, std::string chair_user_id) {
  Meeting m;
  m.id = std::move(id);
  m.mapping_id = S(mapping_id);
  m.kind = kind;
  m.status = status;
  m.date = date;
  m.start_time = std::move(start_time);
  m.venue = std::move(venue);
  m.chair_user_id = std::move(chair_user_id);
  meetings_.push_back(std::move(m));
  return meetings_.back();
}

void DemoBuilder::Attend(std::string_view meeting_id,
                         const std::vector<std::pair<std::string, Attendance>>& who) {
  int n = 0;
  for (const auto& [user_id, attendance] : who) {
    const User& u = UserById(user_id);
    Attendee a;
    a.id = "att-" + Tail(meeting_id) + "-" + std::to_string(++n);
    a.meeting_id = S(meeting_id);
    a.name = u.full_name;
    a.agency_id = u.agency_id;
    a.position = u.position;
    a.attendance = attendance;
    a.confidentiality_agreed = attendance == Attendance::kPresent;
    a.user_id = user_id;
    attendees_.push_back(std::move(a));
  }
}

Information& DemoBuilder::AddIntelFrom(std::string id, std::string about,
                                       std::string_view mapping_id, std::string agency_id,
                                       std::string author, Date captured, Date recorded,
                                       std::string_view grade, EvidenceBasis evidence,
                                       std::string text) {
  Information i;
  i.id = std::move(id);
  if (about.starts_with("lnk-")) {
    i.link_id = std::move(about);
  } else {
    i.subject_id = std::move(about);
  }
  i.mapping_id = S(mapping_id);
  i.source_agency_id = std::move(agency_id);
  i.author = std::move(author);
  i.captured_on = captured;
  i.recorded_on = recorded;
  SetGrade(i, grade);
  i.evidence = evidence;
  i.text = std::move(text);
  information_.push_back(std::move(i));
  return information_.back();
}

Information& DemoBuilder::AddIntel(std::string id, std::string about, std::string_view mapping_id,
                                   std::string author_user_id, Date captured, Date recorded,
                                   std::string_view grade, EvidenceBasis evidence,
                                   std::string text) {
  const User& u = UserById(author_user_id);
  Information& i = AddIntelFrom(std::move(id), std::move(about), mapping_id, u.agency_id,
                                u.full_name, captured, recorded, grade, evidence, std::move(text));
  i.author_user_id = std::move(author_user_id);
  return i;
}

void DemoBuilder::AddFactor(std::string id, std::string_view mapping_id, std::string subject_id,
                            FactorCategory category, std::string code, std::string text,
                            Date recorded_on) {
  Factor f;
  f.id = std::move(id);
  f.mapping_id = S(mapping_id);
  f.subject_id = std::move(subject_id);
  f.category = category;
  f.code = std::move(code);
  f.text = std::move(text);
  f.recorded_on = recorded_on;
  factors_.push_back(std::move(f));
}

void DemoBuilder::AddRisk(std::string id, std::string_view mapping_id, std::string subject_id,
                          std::string meeting_id, std::string category, Date assessed_on,
                          std::string decided_by, std::string rationale) {
  RiskAssessment r;
  r.id = std::move(id);
  r.mapping_id = S(mapping_id);
  r.subject_id = std::move(subject_id);
  r.meeting_id = std::move(meeting_id);
  r.category = std::move(category);
  r.assessed_on = assessed_on;
  r.decided_by_user_id = std::move(decided_by);
  r.rationale = std::move(rationale);
  risks_.push_back(std::move(r));
}

KeyQuestion& DemoBuilder::AddQuestion(std::string id, std::string_view mapping_id,
                                      std::string about, std::string owner_user_id, Date due_on,
                                      std::string question) {
  const User& u = UserById(owner_user_id);
  KeyQuestion q;
  q.id = std::move(id);
  q.mapping_id = S(mapping_id);
  if (about.starts_with("lnk-")) {
    q.link_id = std::move(about);
  } else {
    q.subject_id = std::move(about);
  }
  q.owner = u.full_name;
  q.owner_agency_id = u.agency_id;
  q.owner_user_id = std::move(owner_user_id);
  q.due_on = due_on;
  q.question = std::move(question);
  questions_.push_back(std::move(q));
  return questions_.back();
}

Action& DemoBuilder::AddAction(std::string id, std::string_view mapping_id, ActionKind kind,
                               std::string owner_user_id, Date created_on, Date due_on,
                               ActionStatus status, std::vector<std::string> subject_ids,
                               std::string description) {
  const User& u = UserById(owner_user_id);
  Action a;
  a.id = std::move(id);
  a.mapping_id = S(mapping_id);
  a.kind = kind;
  a.owner = u.full_name;
  a.owner_agency_id = u.agency_id;
  a.owner_user_id = std::move(owner_user_id);
  a.created_on = created_on;
  a.due_on = due_on;
  a.status = status;
  a.subject_ids = std::move(subject_ids);
  a.description = std::move(description);
  actions_.push_back(std::move(a));
  return actions_.back();
}

void DemoBuilder::AddUpdate(std::string id, std::string action_id, Date updated_on,
                            std::string author_user_id, std::optional<ActionStatus> status,
                            std::string text) {
  ActionUpdate u;
  u.id = std::move(id);
  u.action_id = std::move(action_id);
  u.updated_on = updated_on;
  u.author = UserById(author_user_id).full_name;
  u.author_user_id = std::move(author_user_id);
  u.status = status;
  u.text = std::move(text);
  updates_.push_back(std::move(u));
}

Referral& DemoBuilder::AddReferral(std::string id, std::string_view mapping_id,
                                   std::string subject_id, ReferralTarget target,
                                   ReferralStatus status, Date referred_on,
                                   std::string by_agency_id, std::string outcome) {
  Referral r;
  r.id = std::move(id);
  r.mapping_id = S(mapping_id);
  r.subject_id = std::move(subject_id);
  r.target = target;
  r.status = status;
  r.referred_on = referred_on;
  r.referred_by_agency_id = std::move(by_agency_id);
  r.outcome = std::move(outcome);
  referrals_.push_back(std::move(r));
  return referrals_.back();
}

Sighting DemoBuilder::Seen(Date on, std::string time, std::string location_id,
                           std::vector<std::string> present, std::string seen_by,
                           std::string agency_id) {
  Sighting s;
  s.seen_on = on;
  s.seen_time = std::move(time);
  s.location_subject_id = std::move(location_id);
  s.present_subject_ids = std::move(present);
  s.seen_by = std::move(seen_by);
  s.seen_by_agency_id = std::move(agency_id);
  return s;
}

// ============================================================================================
// Assembly
// ============================================================================================

std::vector<Record> DemoBuilder::Build() {
  AddPartnership();
  AddChildren();
  AddAdults();
  AddPlacesAndThings();
  AddRubyMapping();
  AddKestrelMapping();
  AddSilverMapping();  // before the bronze group, which names it as parent
  AddBronzeMapping();
  AddPlaceLinks();
  AddPlaceMeetings();
  AddPlaceInformationAndPlan();
  AddImagesMapping();

  AddRubySubmission();  // last: its id follows the county line's submissions

  std::vector<Record> out;
  auto add = [&out](auto& records) {
    for (auto& r : records) out.emplace_back(std::move(r));
  };
  // RecordKind order.
  add(agencies_);
  add(areas_);
  add(users_);
  add(profiles_);
  add(mappings_);
  add(members_);
  add(subjects_);
  add(mapping_subjects_);
  add(links_);
  add(meetings_);
  add(attendees_);
  add(information_);
  add(approvals_);
  add(factors_);
  add(risks_);
  add(questions_);
  add(actions_);
  add(updates_);
  add(referrals_);
  add(snapshots_);
  add(submissions_);
  return out;
}

}  // namespace demo

std::vector<Record> DemoPartnership(Date today) { return demo::DemoBuilder(today).Build(); }

std::vector<std::string> DemoSignInUsernames() {
  return {"priya.example", "hannah.fictional",   "sam.pretend",
          "grace.madeup",  "robert.placeholder", "alex.placeholder"};
}

}  // namespace contextmap
