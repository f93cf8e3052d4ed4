#include "contextmap/core/demo.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contextmap/core/calendar.h"
#include "contextmap/core/profiles.h"

namespace contextmap {

namespace {

// Mapping ids, used throughout.
constexpr std::string_view kRubyMap = "map-individual-cse";
constexpr std::string_view kKestrelMap = "map-county-line";
constexpr std::string_view kBronzeMap = "map-place-bronze";
constexpr std::string_view kSilverMap = "map-place-silver";
constexpr std::string_view kImagesMap = "map-image-sharing";

std::string S(std::string_view v) { return std::string(v); }

// The part of an id after its kind prefix: "sub-child-01" -> "ruby-example".
std::string Tail(std::string_view id) {
  auto dash = id.find('-');
  return S(dash == std::string_view::npos ? id : id.substr(dash + 1));
}

// Dates relative to the day the demo is built for.
class Clock {
 public:
  explicit Clock(Date today) : today_(today) {}

  Date today() const { return today_; }
  // `days` calendar days ago, for things that happen any day (sightings, intelligence).
  Date DaysAgo(int days) const { return today_.AddDays(-days); }
  // `days` ago, moved back to the working day before if it is a weekend or bank holiday
  // (meetings, decisions, referrals). Never after today.
  Date Ago(int days) const {
    Date d = today_.AddDays(-days);
    while (!IsWorkingDay(d)) d = d.AddDays(-1);
    return d;
  }
  // `days` ahead, moved on to the next working day (due dates, planned meetings).
  Date Ahead(int days) const {
    Date d = today_.AddDays(days);
    while (!IsWorkingDay(d)) d = d.AddDays(1);
    return d;
  }
  // The first working day after `d`, but never after today.
  Date WorkingDayAfter(Date d) const {
    d = d.AddDays(1);
    while (!IsWorkingDay(d)) d = d.AddDays(1);
    return d > today_ ? today_ : d;
  }
  // A date of birth `years` years and `days` days before today.
  Date Born(int years, int days) const { return today_.AddMonths(-12 * years).AddDays(-days); }

 private:
  Date today_;
};

// "1AP" -> source 1, assessment A, handling P (the 3x5x2 grade as police write it).
void SetGrade(Information& info, std::string_view grade) {
  info.source = *ParseEnum<SourceEvaluation>(grade.substr(0, 1));
  info.assessment = *ParseEnum<IntelAssessment>(grade.substr(1, 1));
  info.handling = *ParseEnum<HandlingCode>(grade.substr(2, 1));
}

AgendaItem Item(std::string heading, std::string notes = {}) {
  AgendaItem a;
  a.heading = std::move(heading);
  a.notes = std::move(notes);
  return a;
}

// Collects records by kind while the demo is built, then lists them in RecordKind order.
class DemoBuilder {
 public:
  explicit DemoBuilder(Date today) : clock_(today) {}

  std::vector<Record> Build();

 private:
  // --- partnership and shared subjects
  void AddPartnership();
  void AddChildren();
  void AddAdults();
  void AddPlacesAndThings();
  // --- (a) an individual CSE mapping around Ruby Example
  void AddRubyMapping();
  void AddRubyLinks();
  void AddRubyMeetings();
  void AddRubyInformation();
  void AddRubyAssessment();
  void AddRubyPlan();
  // --- (b) a peer group mapping of a county line
  void AddKestrelMapping();
  void AddKestrelLinks();
  void AddKestrelMeetings();
  void AddKestrelInformation();
  void AddKestrelPlan();
  void AddKestrelSubmissionsAndSnapshot();
  // --- (c) and (d) place-based bronze and silver groups in Mockbury
  void AddSilverMapping();
  void AddBronzeMapping();
  void AddPlaceLinks();
  void AddPlaceMeetings();
  void AddPlaceInformationAndPlan();
  // --- (e) a thematic image sharing mapping in pre-mapping
  void AddImagesMapping();

  // --- record helpers
  const User& UserById(std::string_view id) const;
  const Subject& SubjectById(std::string_view id) const;
  void AddAgency(std::string id, std::string name, std::string short_name, AgencySector sector);
  void AddUser(std::string id, std::string full_name, std::string agency_id, std::string position,
               UserRole role);
  Subject& AddPerson(SubjectKind kind, std::string id, std::string full_name, Gender gender,
                     std::string area_id, std::string description);
  Subject& AddChild(std::string id, std::string full_name, Gender gender, Date dob,
                    std::string school_id, std::string area_id, std::string description);
  void AddLocation(std::string id, std::string label, std::string address, std::string postcode,
                   VenueType venue, std::string area_id, std::string description);
  void AddGroup(std::string id, std::string label, GroupType type, std::string area_id,
                std::string description);
  void AddActivity(std::string id, std::string label, std::string area_id, std::string description);
  void AddObject(std::string id, std::string label, ObjectType type, std::string identifier,
                 std::string area_id, std::string description);
  Mapping& AddMappingRecord(std::string_view id, std::string title, MappingKind kind,
                            MappingTrigger trigger, Date trigger_date, std::string profile_id,
                            std::string chair, std::string co_chair);
  void AddMembers(std::string_view mapping_id, Date added_on,
                  const std::vector<std::string>& user_ids);
  MappingSubject& OnMap(std::string_view mapping_id, std::string subject_id, MappingRole role,
                        Date added_on, std::string notes = {});
  Link& AddLink(std::string id, std::string from, std::string to, LinkType type, Valence valence,
                int64_t strength, std::string_view origin_mapping_id, std::string notes = {});
  Meeting& AddMeeting(std::string id, std::string_view mapping_id, MeetingKind kind,
                      MeetingStatus status, Date date, std::string start_time, std::string venue,
                      std::string chair_user_id);
  void Attend(std::string_view meeting_id,
              const std::vector<std::pair<std::string, Attendance>>& who);
  // An item of intelligence about a subject or (ids starting "lnk-") a link, from a user.
  Information& AddIntel(std::string id, std::string about, std::string_view mapping_id,
                        std::string author_user_id, Date captured, Date recorded,
                        std::string_view grade, EvidenceBasis evidence, std::string text);
  // The same from a person who is not a user, on behalf of `agency_id`.
  Information& AddIntelFrom(std::string id, std::string about, std::string_view mapping_id,
                            std::string agency_id, std::string author, Date captured, Date recorded,
                            std::string_view grade, EvidenceBasis evidence, std::string text);
  void AddFactor(std::string id, std::string_view mapping_id, std::string subject_id,
                 FactorCategory category, std::string code, std::string text, Date recorded_on);
  void AddRisk(std::string id, std::string_view mapping_id, std::string subject_id,
               std::string meeting_id, std::string category, Date assessed_on,
               std::string decided_by, std::string rationale);
  KeyQuestion& AddQuestion(std::string id, std::string_view mapping_id, std::string about,
                           std::string owner_user_id, Date due_on, std::string question);
  Action& AddAction(std::string id, std::string_view mapping_id, ActionKind kind,
                    std::string owner_user_id, Date created_on, Date due_on, ActionStatus status,
                    std::vector<std::string> subject_ids, std::string description);
  void AddUpdate(std::string id, std::string action_id, Date updated_on, std::string author_user_id,
                 std::optional<ActionStatus> status, std::string text);
  Referral& AddReferral(std::string id, std::string_view mapping_id, std::string subject_id,
                        ReferralTarget target, ReferralStatus status, Date referred_on,
                        std::string by_agency_id, std::string outcome = {});
  Sighting Seen(Date on, std::string time, std::string location_id,
                std::vector<std::string> present, std::string seen_by, std::string agency_id);

  Clock clock_;
  std::vector<Agency> agencies_;
  std::vector<Area> areas_;
  std::vector<User> users_;
  std::vector<ProtocolProfile> profiles_;
  std::vector<Mapping> mappings_;
  std::vector<MappingMember> members_;
  std::vector<Subject> subjects_;
  std::vector<MappingSubject> mapping_subjects_;
  std::vector<Link> links_;
  std::vector<Meeting> meetings_;
  std::vector<Attendee> attendees_;
  std::vector<Information> information_;
  std::vector<HandlingApproval> approvals_;
  std::vector<Factor> factors_;
  std::vector<RiskAssessment> risks_;
  std::vector<KeyQuestion> questions_;
  std::vector<Action> actions_;
  std::vector<ActionUpdate> updates_;
  std::vector<Referral> referrals_;
  std::vector<MapSnapshot> snapshots_;
  std::vector<AgencySubmission> submissions_;
};

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
// Partnership: agencies, areas, users
// ============================================================================================

void DemoBuilder::AddPartnership() {
  AddAgency("agy-police", "Northwick Police", "NWP", AgencySector::kPolice);
  AddAgency("agy-csc", "Northwick Children's Social Care", "NCSC",
            AgencySector::kChildrensSocialCare);
  AddAgency("agy-early-help", "Northwick Early Help", "NEH", AgencySector::kEarlyHelp);
  AddAgency("agy-mockbury-academy", "Mockbury Academy", "MA", AgencySector::kEducation);
  AddAgency("agy-port-fable-high", "Port Fable High School", "PFHS", AgencySector::kEducation);
  AddAgency("agy-health", "Northwick Community Health (school nursing and CAMHS)", "NCH",
            AgencySector::kHealth);
  AddAgency("agy-yjs", "Northwick Youth Justice Service", "NYJS", AgencySector::kYouthJustice);
  AddAgency("agy-youth-service", "Northwick Youth Service", "NYS", AgencySector::kYouthService);
  AddAgency("agy-nest", "Northwick Exploitation Support Trust (charity)", "NEST",
            AgencySector::kVoluntary);
  AddAgency("agy-community-safety", "Northwick Community Safety Partnership", "NCSP",
            AgencySector::kCommunitySafety);

  Area county;
  county.id = "area-northwick";
  county.name = "Northwick";
  county.kind = AreaKind::kCounty;
  areas_.push_back(county);
  Area coast;
  coast.id = "area-port-fable";
  coast.name = "Port Fable";
  coast.kind = AreaKind::kDistrict;
  coast.parent_area_id = "area-northwick";
  areas_.push_back(coast);
  Area inland;
  inland.id = "area-mockbury";
  inland.name = "Mockbury";
  inland.kind = AreaKind::kDistrict;
  inland.parent_area_id = "area-northwick";
  areas_.push_back(inland);

  AddUser("usr-01", "Alex Placeholder", "agy-csc", "ContextMap administrator",
          UserRole::kAdministrator);
  AddUser("usr-02", "Priya Example", "agy-csc", "Exploitation team manager", UserRole::kChair);
  AddUser("usr-03", "Dan Testcase", "agy-community-safety",
          "Community safety manager (lead responsible officer)", UserRole::kChair);
  AddUser("usr-04", "Grace Madeup", "agy-police", "Intelligence analyst", UserRole::kAnalyst);
  AddUser("usr-05", "Hannah Fictional", "agy-csc", "Social worker", UserRole::kPractitioner);
  AddUser("usr-06", "Sam Pretend", "agy-police", "Detective constable, exploitation team",
          UserRole::kPractitioner);
  AddUser("usr-07", "Olivia Invented", "agy-mockbury-academy", "Designated safeguarding lead",
          UserRole::kPractitioner);
  AddUser("usr-08", "Marcus Notreal", "agy-port-fable-high", "Designated safeguarding lead",
          UserRole::kPractitioner);
  AddUser("usr-09", "Jess Dummy", "agy-youth-service", "Senior youth worker",
          UserRole::kPractitioner);
  AddUser("usr-10", "Aisha Specimen", "agy-health", "School nurse", UserRole::kPractitioner);
  AddUser("usr-11", "Leon Mockley", "agy-yjs", "Youth justice officer", UserRole::kPractitioner);
  AddUser("usr-12", "Chloe Testcase", "agy-early-help", "Family support worker",
          UserRole::kPractitioner);
  AddUser("usr-13", "Bea Madeup", "agy-nest", "Exploitation support worker",
          UserRole::kPractitioner);
  AddUser("usr-14", "Robert Placeholder", "agy-community-safety",
          "Strategic exploitation lead (MACE chair)", UserRole::kStrategicViewer);

  profiles_ = BuiltInProfiles();
}

// ============================================================================================
// Subjects: partnership-wide, each appearing on one or more mappings
// ============================================================================================

void DemoBuilder::AddChildren() {
  const Clock& c = clock_;
  Subject& ruby = AddChild("sub-child-01", "Ruby Example", Gender::kFemale, c.Born(15, 120),
                           "sub-loc-port-fable-high", "area-port-fable",
                           "Year 11 pupil at Port Fable High School. Lives with her mother.");
  ruby.agency_records = {{"agy-csc", "CSC-40117", CaseStatus::kOpen},
                         {"agy-health", "HN-22871", CaseStatus::kOpen},
                         {"agy-police", "NWP-PV-7731", CaseStatus::kOpen}};

  Subject& ella = AddChild("sub-child-02", "Ella Placeholder", Gender::kFemale, c.Born(15, 40),
                           "sub-loc-port-fable-high", "area-port-fable",
                           "Ruby Example's best friend. Not known to social care.");
  ella.agency_records = {{"agy-port-fable-high", "PFHS-3390", CaseStatus::kOpen},
                         {"agy-csc", "", CaseStatus::kNotOpen}};

  Subject& kai = AddChild("sub-child-03", "Kai Sample", Gender::kMale, c.Born(16, 75),
                          "sub-loc-mockbury-academy", "area-mockbury",
                          "Year 11 pupil. Lives with his mother and younger sister.");
  kai.aliases = {"KJ"};
  kai.agency_records = {{"agy-csc", "CSC-39852", CaseStatus::kOpen},
                        {"agy-yjs", "YJ-1184", CaseStatus::kClosed}};

  Subject& mia = AddChild("sub-child-04", "Mia Sample", Gender::kFemale, c.Born(13, 200),
                          "sub-loc-mockbury-academy", "area-mockbury",
                          "Kai Sample's younger sister, in Year 9.");
  mia.agency_records = {{"agy-csc", "CSC-39853", CaseStatus::kOpen}};

  Subject& leo =
      AddChild("sub-child-05", "Leo Fictional", Gender::kMale, c.Born(15, 300),
               "sub-loc-mockbury-academy", "area-mockbury", "Kai Sample's cousin. Year 10.");
  leo.agency_records = {{"agy-csc", "CSC-41290", CaseStatus::kOpen},
                        {"agy-yjs", "YJ-1251", CaseStatus::kOpen}};

  Subject& tyler =
      AddChild("sub-child-06", "Tyler Invented", Gender::kMale, c.Born(17, 30), "", "area-mockbury",
               "Not in education, training or work since leaving school.");
  tyler.aliases = {"Ty"};
  tyler.agency_records = {{"agy-yjs", "YJ-1032", CaseStatus::kOpen},
                          {"agy-police", "NWP-PN-6120", CaseStatus::kOpen}};

  Subject& jayden =
      AddChild("sub-child-07", "Jayden Notreal", Gender::kMale, c.Born(14, 150),
               "sub-loc-mockbury-academy", "area-mockbury", "Year 9. Known to early help.");
  jayden.agency_records = {{"agy-early-help", "EH-8812", CaseStatus::kOpen}};

  AddChild("sub-child-08", "Ethan Specimen", Gender::kMale, c.Born(15, 210),
           "sub-loc-mockbury-academy", "area-mockbury",
           "Leo Fictional's best friend since primary school. Not known to services.");
  AddChild("sub-child-09", "Noah Dummy", Gender::kMale, c.Born(14, 20), "sub-loc-mockbury-academy",
           "area-mockbury", "Year 9 pupil.");
  AddChild("sub-child-10", "Zara Testcase", Gender::kFemale, c.Born(13, 310),
           "sub-loc-mockbury-academy", "area-mockbury",
           "Year 9 pupil who told staff about the shared image.");
}

void DemoBuilder::AddAdults() {
  const Clock& c = clock_;
  Subject& dean =
      AddPerson(SubjectKind::kAdult, "sub-x-01", "Dean Mockley", Gender::kMale, "area-mockbury",
                "Believed to run the Kestrel line from Mockbury. On licence.");
  dean.aliases = {"Deano"};
  dean.dob = c.Born(24, 0);
  dean.dob_precision = DobPrecision::kApproximate;
  dean.agency_records = {{"agy-police", "NWP-NOM-5521", CaseStatus::kOpen}};

  Subject& craig =
      AddPerson(SubjectKind::kAdult, "sub-x-02", "Craig Pretend", Gender::kMale, "area-port-fable",
                "Adult of concern. Drives a grey hatchback, registration ZZ26 FKE.");
  craig.dob = c.Born(27, 0);
  craig.dob_precision = DobPrecision::kApproximate;

  AddPerson(SubjectKind::kAdult, "sub-x-03", "Shaun Madeup", Gender::kMale, "area-port-fable",
            "Tenant of Flat 3 Gullhaven Court. Has support needs; his flat is believed to have "
            "been taken over by the Kestrel line.");

  AddPerson(SubjectKind::kParentCarer, "sub-x-04", "Donna Example", Gender::kFemale,
            "area-port-fable", "Ruby Example's mother. Reports every missing episode.");
  AddPerson(SubjectKind::kParentCarer, "sub-x-05", "Lisa Sample", Gender::kFemale, "area-mockbury",
            "Mother of Kai Sample and Mia Sample.");

  AddPerson(SubjectKind::kProfessional, "sub-x-06", "Jess Dummy", Gender::kFemale, "area-northwick",
            "Senior youth worker, Northwick Youth Service.");
  AddPerson(SubjectKind::kProfessional, "sub-x-07", "Aisha Specimen", Gender::kFemale,
            "area-port-fable", "School nurse for Port Fable High School.");
  AddPerson(SubjectKind::kProfessional, "sub-x-08", "Olivia Invented", Gender::kFemale,
            "area-mockbury", "Designated safeguarding lead, Mockbury Academy.");
}

void DemoBuilder::AddPlacesAndThings() {
  AddLocation("sub-loc-port-fable-high", "Port Fable High School", "Makebelieve Lane, Port Fable",
              "ZZ9 3HS", VenueType::kSchool, "area-port-fable", "");
  AddLocation("sub-loc-mockbury-academy", "Mockbury Academy", "Nowhere Road, Mockbury", "ZZ4 6PA",
              VenueType::kSchool, "area-mockbury", "");
  AddLocation("sub-loc-gullhaven-flat", "Flat 3, Gullhaven Court",
              "Flat 3, Gullhaven Court, Pretend Parade, Port Fable", "ZZ9 2PF",
              VenueType::kTrapHouse, "area-port-fable",
              "Ground floor flat used to store and sell drugs (cuckooed).");
  AddLocation("sub-loc-port-fable-station", "Port Fable railway station",
              "Fictional Way, Port Fable", "ZZ9 1ST", VenueType::kTransportHub, "area-port-fable",
              "End of the line from Mockbury.");
  AddLocation("sub-loc-seafront-arcade", "Seafront amusement arcade",
              "Storybook Esplanade, Port Fable", "ZZ9 1EA", VenueType::kLeisure, "area-port-fable",
              "Open until 23:00 in summer.");
  AddLocation("sub-loc-01", "Ruby Example's home", "14 Fibbers Walk, Port Fable", "ZZ9 4QT",
              VenueType::kHome, "area-port-fable", "");
  AddLocation("sub-loc-02", "Kai Sample's home", "27 Notreal Close, Mockbury", "ZZ4 7NB",
              VenueType::kHome, "area-mockbury", "");
  AddLocation("sub-loc-mockfield-park", "Mockfield Recreation Ground", "Mockfield Lane, Mockbury",
              "ZZ4 2EP", VenueType::kPark, "area-mockbury",
              "Open space next to Mockbury Academy with an unlit footpath.");
  AddLocation("sub-loc-parade-takeaway", "Chicken shop, Mockfield Parade",
              "5 Mockfield Parade, Mockbury", "ZZ4 2EF", VenueType::kTakeaway, "area-mockbury",
              "Car park behind the parade has no CCTV.");
  AddLocation("sub-loc-mockbury-bus-station", "Mockbury bus station", "Pretend Square, Mockbury",
              "ZZ4 1BS", VenueType::kTransportHub, "area-mockbury", "");

  AddGroup("sub-group-01", "Kestrel line", GroupType::kDrugLine, "area-mockbury",
           "Drug line run from Mockbury, supplying Port Fable. Named after its deal phone.");
  AddGroup("sub-grp-mockfield-group", "Mockfield Rec group", GroupType::kPeerGroup, "area-mockbury",
           "Boys aged 13 to 17 who gather at Mockfield Recreation Ground.");
  AddGroup("sub-grp-fable-quay", "Fable Quay group", GroupType::kPeerGroup, "area-port-fable",
           "Port Fable peer group in a long-running dispute with the "
           "Mockfield Rec group.");

  AddActivity("sub-act-boxing", "Boxing club, Mockbury youth centre", "area-mockbury",
              "Tuesday and Thursday evening sessions.");
  AddActivity("sub-act-netball", "Youth club netball, Port Fable", "area-port-fable", "");
  AddActivity("sub-act-year9-chat", "Year 9 group chat - image sharing", "area-mockbury",
              "A messaging group used by most of Year 9 at Mockbury Academy.");

  AddObject("sub-object-01", "Kestrel line deal phone", ObjectType::kPhoneNumber, "07700 900417",
            "area-mockbury", "Sends bulk drug advertising messages.");
  AddObject("sub-object-02", "Craig Pretend's phone", ObjectType::kPhoneNumber, "07700 900255",
            "area-port-fable", "");
  AddObject("sub-obj-car-fke", "Grey hatchback ZZ26 FKE", ObjectType::kVehicle, "ZZ26 FKE",
            "area-port-fable", "Registered to Craig Pretend.");
  AddObject("sub-obj-anon-account", "Anonymous picture account", ObjectType::kOnlineAccount,
            "notreal.pics.y9", "area-mockbury", "Account that first posted the image.");
}

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
  OnMap(kSilverMap, "sub-grp-fable-quay", R::kAssociate,
        opened);  // the rivalry (inf-fable-quay-rivalry)
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

// ============================================================================================
// (e) map-image-sharing: thematic image sharing mapping (prof-peer-mapping), pre-mapping
// ============================================================================================

void DemoBuilder::AddImagesMapping() {
  const Clock& c = clock_;
  Date opened = c.Ago(5);
  Mapping& m = AddMappingRecord(kImagesMap, "Network - image sharing in Year 9 at Mockbury Academy",
                                MappingKind::kThematic, MappingTrigger::kOther, c.Ago(6),
                                S(kProfilePeerMapping), "usr-02", "usr-07");
  m.trigger_detail =
      "A pupil told staff a private image of a classmate was shared in a Year 9 "
      "group chat.";
  m.status = MappingStatus::kPreMapping;
  m.area_ids = {"area-mockbury"};
  m.opened_on = opened;
  m.objectives = {"Understand who shared the image and how far it spread",
                  "Support the child in the image and the child who reported it"};

  AddMembers(kImagesMap, opened, {"usr-02", "usr-07", "usr-10", "usr-05"});
  using R = MappingRole;
  OnMap(kImagesMap, "sub-act-year9-chat", R::kAssociate, opened);
  OnMap(kImagesMap, "sub-obj-anon-account", R::kAssociate, opened);
  OnMap(kImagesMap, "sub-child-04", R::kCohortMember, opened,
        "The child in the image. Sister of Kai Sample (map-county-line).");
  OnMap(kImagesMap, "sub-child-09", R::kCohortMember, opened);
  OnMap(kImagesMap, "sub-child-10", R::kAssociate, opened, "Reported the image.");
  OnMap(kImagesMap, "sub-loc-mockbury-academy", R::kLocationOfConcern, opened);
  OnMap(kImagesMap, "sub-x-08", R::kKeyContact, opened);

  using L = LinkType;
  using V = Valence;
  AddLink("lnk-48", "sub-child-04", "sub-act-year9-chat", L::kFrequents, V::kUnknown, 2,
          kImagesMap);
  AddLink("lnk-49", "sub-child-09", "sub-act-year9-chat", L::kFrequents, V::kHarmful, 2,
          kImagesMap);
  AddLink("lnk-50", "sub-child-10", "sub-act-year9-chat", L::kFrequents, V::kNeutral, 1,
          kImagesMap);
  AddLink("lnk-51", "sub-child-09", "sub-obj-anon-account", L::kAssociate, V::kUnknown, 1,
          kImagesMap, "Suspected, not confirmed.");
  AddLink("lnk-account-chat", "sub-obj-anon-account", "sub-act-year9-chat", L::kAssociate,
          V::kHarmful, 2, kImagesMap);
  AddLink("lnk-52", "sub-child-04", "sub-child-10", L::kFriend, V::kProtective, 2, kImagesMap);
  AddLink("lnk-53", "sub-x-08", "sub-act-year9-chat", L::kKeyContactFor, V::kProtective, 2,
          kImagesMap);

  using E = EvidenceBasis;
  AddIntel("inf-chat-report", "sub-act-year9-chat", kImagesMap, "usr-07", c.DaysAgo(6),
           c.DaysAgo(6), "1BP", E::kEvidenced,
           "A pupil told staff that a private image of a classmate had been shared in a Year 9 "
           "group chat. Staff have not viewed the image and followed the school's safeguarding "
           "procedure.");
  AddIntel("inf-anon-account", "sub-obj-anon-account", kImagesMap, "usr-07", c.DaysAgo(5),
           c.DaysAgo(5), "2CP", E::kAnecdotal,
           "Pupils say the account that first posted the image was set up this term; some think "
           "Noah Dummy runs it.");

  AddMeeting("mtg-images-internal", kImagesMap, MeetingKind::kPreMapping, MeetingStatus::kPlanned,
             c.Ahead(4), "15:30", "Mockbury Academy, meeting room", "usr-02")
      .agenda = {Item("The concern"), Item("Testing the map"), Item("Outcomes"),
                 Item("Drawing and filing the map")};

  AddAction("act-images-who-saw", kImagesMap, ActionKind::kInformationGathering, "usr-07", opened,
            c.Ahead(3), ActionStatus::kInProgress, {"sub-act-year9-chat"},
            "List who is in the group chat and who saw or passed on the image, without viewing "
            "it.");
  AddQuestion("kq-images-account", kImagesMap, "sub-obj-anon-account", "usr-07", c.Ahead(3),
              "Who set up the account that first posted the image?");
  AddReferral("ref-13", kImagesMap, "sub-child-04", ReferralTarget::kChildrensSocialCare,
              ReferralStatus::kMade, c.Ago(5), "agy-mockbury-academy");
  Referral& noah = AddReferral("ref-14", kImagesMap, "sub-child-09", ReferralTarget::kEarlyHelp,
                               ReferralStatus::kPlanned, Date(), "agy-mockbury-academy");
  noah.target_detail = "To follow the pre-mapping session";
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

  // A youth service submission for Ruby Example's review, still being written.
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

}  // namespace

std::vector<Record> DemoPartnership(Date today) { return DemoBuilder(today).Build(); }

}  // namespace contextmap
