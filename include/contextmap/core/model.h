// The ContextMap domain model: every record a partnership keeps (DOMAIN.md names them).
//
// Each record type is a plain struct deriving from RecordBase (id + version). Its fields are
// listed once, in a Describe(record, visitor) function beside the struct; that single list
// drives the JSON codec, field validation, the SQL column mapping and the generated JSON
// Schema, so adding a field is one line here plus one migration. Structs own their data;
// copying one copies its strings.
//
// The field visitor a Describe function calls has these members (see json_codec.cc for one):
//   Text(name, std::string&, Need, TextSize)       free text; "" means absent
//   Ref(name, std::string&, RecordKind, Need)      id of another record
//   Day(name, Date&, Need)                         calendar date
//   Instant(name, Timestamp&, Need)                UTC instant
//   Enum(name, E&) / Enum(name, std::optional<E>&) a NamedEnum, required / optional
//   Int(name, int64_t&, min, max)                  required integer in [min, max]
//   Bool(name, bool&)                              defaults to false
//   Real(name, std::optional<double>&)             optional number (map positions)
//   TextList(name, std::vector<std::string>&)      list of one-line texts
//   RefList(name, std::vector<std::string>&, RecordKind)
//   Objects(name, std::vector<T>&)                 list of value objects with their own Describe
//   Object(name, std::optional<T>&)                one optional value object
// Scalars map to SQL columns of the same name; lists and value objects to one JSON text column.
#ifndef CONTEXTMAP_CORE_MODEL_H_
#define CONTEXTMAP_CORE_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/enums.h"

namespace contextmap {

enum class Need { kRequired, kOptional };
enum class TextSize {
  kLine,  // one line, at most kMaxLineBytes: names, titles, references
  kProse  // paragraphs, at most kMaxProseBytes: intelligence text, minutes, rationale
};
inline constexpr std::size_t kMaxLineBytes = 300;
inline constexpr std::size_t kMaxProseBytes = 200'000;

// Every kind of record, in the order a bundle lists them and an import writes them
// (a record only refers to kinds before it, except a mapping's parent).
enum class RecordKind {
  kAgency,
  kArea,
  kUser,
  kProtocolProfile,
  kMapping,
  kMappingMember,
  kSubject,
  kMappingSubject,
  kLink,
  kMeeting,
  kAttendee,
  kInformation,
  kHandlingApproval,
  kFactor,
  kRiskAssessment,
  kKeyQuestion,
  kAction,
  kActionUpdate,
  kReferral,
  kMapSnapshot,
  kAgencySubmission
};
inline constexpr int kRecordKindCount = 21;

struct RecordBase {
  std::string id;       // unique within its kind across the partnership; see IsValidId
  int64_t version = 0;  // 0 before first write; the store sets 1 and adds 1 on each update
};

// Ids are 1 to 64 characters: letters, digits and . _ : - , starting with a letter or digit.
bool IsValidId(std::string_view id);

// --- partnership -----------------------------------------------------------------------------

struct Agency : RecordBase {
  std::string name;        // "Northwick Police"
  std::string short_name;  // "NWP"
  AgencySector sector = AgencySector::kOther;
  bool inactive = false;
};
template <class V>
void Describe(Agency& r, V& v) {
  v.Text("name", r.name, Need::kRequired, TextSize::kLine);
  v.Text("short_name", r.short_name, Need::kOptional, TextSize::kLine);
  v.Enum("sector", r.sector);
  v.Bool("inactive", r.inactive);
}

struct Area : RecordBase {
  std::string name;
  AreaKind kind = AreaKind::kOther;
  std::string parent_area_id;
};
template <class V>
void Describe(Area& r, V& v) {
  v.Text("name", r.name, Need::kRequired, TextSize::kLine);
  v.Enum("kind", r.kind);
  v.Ref("parent_area_id", r.parent_area_id, RecordKind::kArea, Need::kOptional);
}

// A person who signs in. Credentials live apart from this record and never enter a bundle.
struct User : RecordBase {
  std::string username;
  std::string full_name;
  std::string email;
  std::string agency_id;
  std::string position;  // job title, as minutes record it
  UserRole role = UserRole::kPractitioner;
  bool disabled = false;
};
template <class V>
void Describe(User& r, V& v) {
  v.Text("username", r.username, Need::kRequired, TextSize::kLine);
  v.Text("full_name", r.full_name, Need::kRequired, TextSize::kLine);
  v.Text("email", r.email, Need::kOptional, TextSize::kLine);
  v.Ref("agency_id", r.agency_id, RecordKind::kAgency, Need::kRequired);
  v.Text("position", r.position, Need::kOptional, TextSize::kLine);
  v.Enum("role", r.role);
  v.Bool("disabled", r.disabled);
}

// --- protocol profiles (the local rules, as data) -----------------------------------------------

struct ProfileTrigger {
  MappingTrigger trigger = MappingTrigger::kOther;
  std::string label;
};
template <class V>
void Describe(ProfileTrigger& r, V& v) {
  v.Enum("trigger", r.trigger);
  v.Text("label", r.label, Need::kRequired, TextSize::kLine);
}

struct Timescale {
  TimescaleKind kind = TimescaleKind::kFirstMeeting;
  int64_t amount = 0;
  TimescaleUnit unit = TimescaleUnit::kWorkingDays;
  std::vector<std::string> triggers;  // MappingTrigger names it applies to; empty = all
  std::string label;  // "Mapping meeting within 5 working days of the strategy discussion"
  bool while_risk_elevated = false;  // applies only while the latest risk category requires review
};
template <class V>
void Describe(Timescale& r, V& v) {
  v.Enum("kind", r.kind);
  v.Int("amount", r.amount, 0, 366);
  v.Enum("unit", r.unit);
  v.TextList("triggers", r.triggers);
  v.Text("label", r.label, Need::kRequired, TextSize::kLine);
  v.Bool("while_risk_elevated", r.while_risk_elevated);
}

struct ChecklistItem {
  std::string code;   // stable key, e.g. "missing_episodes"
  std::string label;  // what the form shows
};
template <class V>
void Describe(ChecklistItem& r, V& v) {
  v.Text("code", r.code, Need::kRequired, TextSize::kLine);
  v.Text("label", r.label, Need::kRequired, TextSize::kLine);
}

struct RiskCategory {
  std::string code;   // "cse_2"
  std::string label;  // "Category 2 (medium risk)"
  std::string definition;
  int64_t rank = 0;              // higher is more serious
  bool requires_review = false;  // reviews must continue while a child is in this category
};
template <class V>
void Describe(RiskCategory& r, V& v) {
  v.Text("code", r.code, Need::kRequired, TextSize::kLine);
  v.Text("label", r.label, Need::kRequired, TextSize::kLine);
  v.Text("definition", r.definition, Need::kOptional, TextSize::kProse);
  v.Int("rank", r.rank, 0, 100);
  v.Bool("requires_review", r.requires_review);
}

struct TemplateSection {
  std::string heading;
  std::vector<std::string> prompts;
};
template <class V>
void Describe(TemplateSection& r, V& v) {
  v.Text("heading", r.heading, Need::kRequired, TextSize::kLine);
  v.TextList("prompts", r.prompts);
}

struct MeetingTemplate {
  MeetingKind meeting_kind = MeetingKind::kInitial;
  std::string name;
  std::vector<TemplateSection> sections;
};
template <class V>
void Describe(MeetingTemplate& r, V& v) {
  v.Enum("meeting_kind", r.meeting_kind);
  v.Text("name", r.name, Need::kRequired, TextSize::kLine);
  v.Objects("sections", r.sections);
}

struct ReportTemplate {
  std::string code;  // "monthly_strategic", "closure"
  std::string name;
  std::vector<TemplateSection> sections;
};
template <class V>
void Describe(ReportTemplate& r, V& v) {
  v.Text("code", r.code, Need::kRequired, TextSize::kLine);
  v.Text("name", r.name, Need::kRequired, TextSize::kLine);
  v.Objects("sections", r.sections);
}

struct ProtocolProfile : RecordBase {
  std::string name;
  std::string description;
  std::vector<ProfileTrigger> triggers;
  std::vector<Timescale> timescales;
  std::vector<ChecklistItem> vulnerability_factors;
  std::vector<ChecklistItem> risk_factors;
  std::vector<RiskCategory> risk_categories;
  std::vector<TemplateSection> submission_checklist;  // what agencies bring before a meeting
  std::vector<TemplateSection> action_prompts;        // intervention prompts by heading
  std::vector<MeetingTemplate> meeting_templates;
  std::vector<ReportTemplate> report_templates;
  std::string confidentiality_statement;
};
template <class V>
void Describe(ProtocolProfile& r, V& v) {
  v.Text("name", r.name, Need::kRequired, TextSize::kLine);
  v.Text("description", r.description, Need::kOptional, TextSize::kProse);
  v.Objects("triggers", r.triggers);
  v.Objects("timescales", r.timescales);
  v.Objects("vulnerability_factors", r.vulnerability_factors);
  v.Objects("risk_factors", r.risk_factors);
  v.Objects("risk_categories", r.risk_categories);
  v.Objects("submission_checklist", r.submission_checklist);
  v.Objects("action_prompts", r.action_prompts);
  v.Objects("meeting_templates", r.meeting_templates);
  v.Objects("report_templates", r.report_templates);
  v.Text("confidentiality_statement", r.confidentiality_statement, Need::kOptional,
         TextSize::kProse);
}

// --- mappings --------------------------------------------------------------------------------

// OSARA problem solving (place-based mapping): the objective is in `objectives`.
struct Osara {
  std::string scanning;
  std::string analysis;
  std::string response;
  std::string assessment;
};
template <class V>
void Describe(Osara& r, V& v) {
  v.Text("scanning", r.scanning, Need::kOptional, TextSize::kProse);
  v.Text("analysis", r.analysis, Need::kOptional, TextSize::kProse);
  v.Text("response", r.response, Need::kOptional, TextSize::kProse);
  v.Text("assessment", r.assessment, Need::kOptional, TextSize::kProse);
}

struct Mapping : RecordBase {
  std::string title;  // names the key context risk: "Network - county line to the coast"
  MappingKind kind = MappingKind::kIndividual;
  MappingTrigger trigger = MappingTrigger::kOther;
  Date trigger_date;
  std::string trigger_detail;
  MappingStatus status = MappingStatus::kPreMapping;
  std::vector<std::string> objectives;
  std::optional<Osara> osara;
  std::string chair_user_id;
  std::string co_chair_user_id;
  std::vector<std::string> area_ids;
  MappingLevel level = MappingLevel::kNone;
  std::string parent_mapping_id;  // a bronze group's silver group
  std::string profile_id;
  Date opened_on;
  Date closed_on;
  std::string closure_summary;
};
template <class V>
void Describe(Mapping& r, V& v) {
  v.Text("title", r.title, Need::kRequired, TextSize::kLine);
  v.Enum("kind", r.kind);
  v.Enum("trigger", r.trigger);
  v.Day("trigger_date", r.trigger_date, Need::kRequired);
  v.Text("trigger_detail", r.trigger_detail, Need::kOptional, TextSize::kProse);
  v.Enum("status", r.status);
  v.TextList("objectives", r.objectives);
  v.Object("osara", r.osara);
  v.Ref("chair_user_id", r.chair_user_id, RecordKind::kUser, Need::kOptional);
  v.Ref("co_chair_user_id", r.co_chair_user_id, RecordKind::kUser, Need::kOptional);
  v.RefList("area_ids", r.area_ids, RecordKind::kArea);
  v.Enum("level", r.level);
  v.Ref("parent_mapping_id", r.parent_mapping_id, RecordKind::kMapping, Need::kOptional);
  v.Ref("profile_id", r.profile_id, RecordKind::kProtocolProfile, Need::kRequired);
  v.Day("opened_on", r.opened_on, Need::kOptional);
  v.Day("closed_on", r.closed_on, Need::kOptional);
  v.Text("closure_summary", r.closure_summary, Need::kOptional, TextSize::kProse);
}

// A user who may see a mapping (need-to-know).
struct MappingMember : RecordBase {
  std::string mapping_id;
  std::string user_id;
  Date added_on;
};
template <class V>
void Describe(MappingMember& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("user_id", r.user_id, RecordKind::kUser, Need::kRequired);
  v.Day("added_on", r.added_on, Need::kOptional);
}

// --- subjects --------------------------------------------------------------------------------

// One agency's record of a person: its case-record id and whether the case is open.
struct AgencyRecord {
  std::string agency_id;
  std::string reference;
  CaseStatus status = CaseStatus::kOpen;
};
template <class V>
void Describe(AgencyRecord& r, V& v) {
  v.Ref("agency_id", r.agency_id, RecordKind::kAgency, Need::kRequired);
  v.Text("reference", r.reference, Need::kOptional, TextSize::kLine);
  v.Enum("status", r.status);
}

// Something on a map. Exists once across the partnership; appears in mappings through
// MappingSubject. Which fields apply depends on `kind` (validation.cc says which).
struct Subject : RecordBase {
  SubjectKind kind = SubjectKind::kChild;
  std::string label;  // what the map shows: a person's full name, a place's short name
  // persons
  std::string full_name;
  std::vector<std::string> aliases;
  Date dob;
  DobPrecision dob_precision = DobPrecision::kUnknown;
  std::optional<Gender> gender;
  bool care_leaver = false;
  std::string school_id;  // a location subject
  std::vector<AgencyRecord> agency_records;
  // locations
  std::string address;
  std::string postcode;
  std::optional<VenueType> venue_type;
  // groups and objects
  std::optional<GroupType> group_type;
  std::optional<ObjectType> object_type;
  std::string identifier;  // registration, phone number, account handle
  // all
  std::string area_id;
  std::string description;
};
template <class V>
void Describe(Subject& r, V& v) {
  v.Enum("kind", r.kind);
  v.Text("label", r.label, Need::kRequired, TextSize::kLine);
  v.Text("full_name", r.full_name, Need::kOptional, TextSize::kLine);
  v.TextList("aliases", r.aliases);
  v.Day("dob", r.dob, Need::kOptional);
  v.Enum("dob_precision", r.dob_precision);
  v.Enum("gender", r.gender);
  v.Bool("care_leaver", r.care_leaver);
  v.Ref("school_id", r.school_id, RecordKind::kSubject, Need::kOptional);
  v.Objects("agency_records", r.agency_records);
  v.Text("address", r.address, Need::kOptional, TextSize::kLine);
  v.Text("postcode", r.postcode, Need::kOptional, TextSize::kLine);
  v.Enum("venue_type", r.venue_type);
  v.Enum("group_type", r.group_type);
  v.Enum("object_type", r.object_type);
  v.Text("identifier", r.identifier, Need::kOptional, TextSize::kLine);
  v.Ref("area_id", r.area_id, RecordKind::kArea, Need::kOptional);
  v.Text("description", r.description, Need::kOptional, TextSize::kProse);
}

// A subject's place in one mapping, and where the map editor last put it.
struct MappingSubject : RecordBase {
  std::string mapping_id;
  std::string subject_id;
  MappingRole role = MappingRole::kAssociate;
  Date added_on;
  Date removed_on;  // taken off the map at a review; kept for history
  std::optional<double> x;
  std::optional<double> y;
  std::string notes;
};
template <class V>
void Describe(MappingSubject& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kRequired);
  v.Enum("role", r.role);
  v.Day("added_on", r.added_on, Need::kOptional);
  v.Day("removed_on", r.removed_on, Need::kOptional);
  v.Real("x", r.x);
  v.Real("y", r.y);
  v.Text("notes", r.notes, Need::kOptional, TextSize::kProse);
}

// A relationship between two subjects; partnership-wide like subjects.
struct Link : RecordBase {
  std::string from_subject_id;
  std::string to_subject_id;
  LinkType type = LinkType::kAssociate;
  Valence valence = Valence::kUnknown;
  int64_t strength = 1;   // 1 weak/tenuous, 2 moderate, 3 strong
  bool directed = false;  // from -> to carries meaning (influence, control, leader to follower)
  LinkStatus status = LinkStatus::kCurrent;
  Date started_on;
  Date ended_on;
  std::string origin_mapping_id;  // where it was first recorded
  std::string notes;
};
template <class V>
void Describe(Link& r, V& v) {
  v.Ref("from_subject_id", r.from_subject_id, RecordKind::kSubject, Need::kRequired);
  v.Ref("to_subject_id", r.to_subject_id, RecordKind::kSubject, Need::kRequired);
  v.Enum("type", r.type);
  v.Enum("valence", r.valence);
  v.Int("strength", r.strength, 1, 3);
  v.Bool("directed", r.directed);
  v.Enum("status", r.status);
  v.Day("started_on", r.started_on, Need::kOptional);
  v.Day("ended_on", r.ended_on, Need::kOptional);
  v.Ref("origin_mapping_id", r.origin_mapping_id, RecordKind::kMapping, Need::kOptional);
  v.Text("notes", r.notes, Need::kOptional, TextSize::kProse);
}

// --- meetings --------------------------------------------------------------------------------

struct AgendaItem {
  std::string heading;
  std::string notes;  // the minutes under this heading
};
template <class V>
void Describe(AgendaItem& r, V& v) {
  v.Text("heading", r.heading, Need::kRequired, TextSize::kLine);
  v.Text("notes", r.notes, Need::kOptional, TextSize::kProse);
}

struct Meeting : RecordBase {
  std::string mapping_id;
  MeetingKind kind = MeetingKind::kInitial;
  MeetingStatus status = MeetingStatus::kPlanned;
  Date date;
  std::string start_time;  // "HH:MM", local time
  std::string venue;
  std::string chair_user_id;
  std::vector<AgendaItem> agenda;
  std::string minutes;
  std::vector<std::string> decisions;
  Date minutes_circulated_on;
  Date minutes_filed_on;  // minutes and map on every key subject's case record
  Date next_review_on;
};
template <class V>
void Describe(Meeting& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Enum("kind", r.kind);
  v.Enum("status", r.status);
  v.Day("date", r.date, Need::kRequired);
  v.Text("start_time", r.start_time, Need::kOptional, TextSize::kLine);
  v.Text("venue", r.venue, Need::kOptional, TextSize::kLine);
  v.Ref("chair_user_id", r.chair_user_id, RecordKind::kUser, Need::kOptional);
  v.Objects("agenda", r.agenda);
  v.Text("minutes", r.minutes, Need::kOptional, TextSize::kProse);
  v.TextList("decisions", r.decisions);
  v.Day("minutes_circulated_on", r.minutes_circulated_on, Need::kOptional);
  v.Day("minutes_filed_on", r.minutes_filed_on, Need::kOptional);
  v.Day("next_review_on", r.next_review_on, Need::kOptional);
}

struct Attendee : RecordBase {
  std::string meeting_id;
  std::string name;
  std::string agency_id;
  std::string position;
  Attendance attendance = Attendance::kPresent;
  bool confidentiality_agreed = false;
  std::string user_id;
};
template <class V>
void Describe(Attendee& r, V& v) {
  v.Ref("meeting_id", r.meeting_id, RecordKind::kMeeting, Need::kRequired);
  v.Text("name", r.name, Need::kRequired, TextSize::kLine);
  v.Ref("agency_id", r.agency_id, RecordKind::kAgency, Need::kRequired);
  v.Text("position", r.position, Need::kOptional, TextSize::kLine);
  v.Enum("attendance", r.attendance);
  v.Bool("confidentiality_agreed", r.confidentiality_agreed);
  v.Ref("user_id", r.user_id, RecordKind::kUser, Need::kOptional);
}

// --- information -----------------------------------------------------------------------------

// Conditions on sharing an item graded handling code C; enforced by access control.
struct HandlingConditions {
  std::string text;                                // the conditions as the originator wrote them
  std::vector<std::string> share_with_agency_ids;  // beyond the originator; empty = originator only
  bool originator_approval_required = false;  // others see it only once an approval is recorded
};
template <class V>
void Describe(HandlingConditions& r, V& v) {
  v.Text("text", r.text, Need::kRequired, TextSize::kProse);
  v.RefList("share_with_agency_ids", r.share_with_agency_ids, RecordKind::kAgency);
  v.Bool("originator_approval_required", r.originator_approval_required);
}

// Places subjects together: when, where, who was there, who saw them.
struct Sighting {
  Date seen_on;
  std::string seen_time;  // "HH:MM", optional
  std::string location_subject_id;
  std::string location_description;
  std::vector<std::string> present_subject_ids;
  std::string seen_by;  // the person who saw them
  std::string seen_by_agency_id;
};
template <class V>
void Describe(Sighting& r, V& v) {
  v.Day("seen_on", r.seen_on, Need::kRequired);
  v.Text("seen_time", r.seen_time, Need::kOptional, TextSize::kLine);
  v.Ref("location_subject_id", r.location_subject_id, RecordKind::kSubject, Need::kOptional);
  v.Text("location_description", r.location_description, Need::kOptional, TextSize::kLine);
  v.RefList("present_subject_ids", r.present_subject_ids, RecordKind::kSubject);
  v.Text("seen_by", r.seen_by, Need::kOptional, TextSize::kLine);
  v.Ref("seen_by_agency_id", r.seen_by_agency_id, RecordKind::kAgency, Need::kOptional);
}

// One piece of intelligence about a subject or a link, graded 3x5x2.
struct Information : RecordBase {
  std::string subject_id;  // exactly one of subject_id and link_id
  std::string link_id;
  std::string mapping_id;  // the mapping it was shared in
  std::string source_agency_id;
  std::string author;  // the person who gave it
  std::string author_user_id;
  std::string text;
  Date captured_on;  // when the thing was known/seen: recent or historic
  Date recorded_on;  // when it was written down here
  SourceEvaluation source = SourceEvaluation::k2;
  IntelAssessment assessment = IntelAssessment::kC;
  HandlingCode handling = HandlingCode::kP;
  std::optional<HandlingConditions> handling_conditions;
  EvidenceBasis evidence = EvidenceBasis::kAnecdotal;
  std::optional<Sighting> sighting;
};
template <class V>
void Describe(Information& r, V& v) {
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kOptional);
  v.Ref("link_id", r.link_id, RecordKind::kLink, Need::kOptional);
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kOptional);
  v.Ref("source_agency_id", r.source_agency_id, RecordKind::kAgency, Need::kRequired);
  v.Text("author", r.author, Need::kOptional, TextSize::kLine);
  v.Ref("author_user_id", r.author_user_id, RecordKind::kUser, Need::kOptional);
  v.Text("text", r.text, Need::kRequired, TextSize::kProse);
  v.Day("captured_on", r.captured_on, Need::kRequired);
  v.Day("recorded_on", r.recorded_on, Need::kRequired);
  v.Enum("source", r.source);
  v.Enum("assessment", r.assessment);
  v.Enum("handling", r.handling);
  v.Object("handling_conditions", r.handling_conditions);
  v.Enum("evidence", r.evidence);
  v.Object("sighting", r.sighting);
}

// The originator's recorded approval for another agency to see a handling-code-C item.
struct HandlingApproval : RecordBase {
  std::string information_id;
  std::string agency_id;  // may now see the item
  std::string approved_by_user_id;
  Date approved_on;
  std::string note;
};
template <class V>
void Describe(HandlingApproval& r, V& v) {
  v.Ref("information_id", r.information_id, RecordKind::kInformation, Need::kRequired);
  v.Ref("agency_id", r.agency_id, RecordKind::kAgency, Need::kRequired);
  v.Ref("approved_by_user_id", r.approved_by_user_id, RecordKind::kUser, Need::kRequired);
  v.Day("approved_on", r.approved_on, Need::kRequired);
  v.Text("note", r.note, Need::kOptional, TextSize::kProse);
}

// --- assessment and plan ---------------------------------------------------------------------

// A vulnerability or risk factor, strength or current concern for one child in one mapping.
struct Factor : RecordBase {
  std::string mapping_id;
  std::string subject_id;
  FactorCategory category = FactorCategory::kConcern;
  std::string code;  // checklist item code from the mapping's profile, if from a checklist
  std::string text;
  Date recorded_on;
  Date resolved_on;
};
template <class V>
void Describe(Factor& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kRequired);
  v.Enum("category", r.category);
  v.Text("code", r.code, Need::kOptional, TextSize::kLine);
  v.Text("text", r.text, Need::kOptional, TextSize::kProse);
  v.Day("recorded_on", r.recorded_on, Need::kOptional);
  v.Day("resolved_on", r.resolved_on, Need::kOptional);
}

// A risk category decided for one child, kept as history (one per decision).
struct RiskAssessment : RecordBase {
  std::string mapping_id;
  std::string subject_id;
  std::string meeting_id;
  std::string category;  // a risk_categories code of the mapping's profile
  std::string rationale;
  Date assessed_on;
  std::string decided_by_user_id;
};
template <class V>
void Describe(RiskAssessment& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kRequired);
  v.Ref("meeting_id", r.meeting_id, RecordKind::kMeeting, Need::kOptional);
  v.Text("category", r.category, Need::kRequired, TextSize::kLine);
  v.Text("rationale", r.rationale, Need::kRequired, TextSize::kProse);
  v.Day("assessed_on", r.assessed_on, Need::kRequired);
  v.Ref("decided_by_user_id", r.decided_by_user_id, RecordKind::kUser, Need::kOptional);
}

// An information gap: something nobody knows yet.
struct KeyQuestion : RecordBase {
  std::string mapping_id;
  std::string subject_id;
  std::string link_id;
  std::string question;
  std::string owner;
  std::string owner_user_id;
  std::string owner_agency_id;
  Date due_on;
  QuestionStatus status = QuestionStatus::kOpen;
  std::string answer;
  Date answered_on;
  std::string raised_at_meeting_id;
};
template <class V>
void Describe(KeyQuestion& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kOptional);
  v.Ref("link_id", r.link_id, RecordKind::kLink, Need::kOptional);
  v.Text("question", r.question, Need::kRequired, TextSize::kProse);
  v.Text("owner", r.owner, Need::kOptional, TextSize::kLine);
  v.Ref("owner_user_id", r.owner_user_id, RecordKind::kUser, Need::kOptional);
  v.Ref("owner_agency_id", r.owner_agency_id, RecordKind::kAgency, Need::kOptional);
  v.Day("due_on", r.due_on, Need::kOptional);
  v.Enum("status", r.status);
  v.Text("answer", r.answer, Need::kOptional, TextSize::kProse);
  v.Day("answered_on", r.answered_on, Need::kOptional);
  v.Ref("raised_at_meeting_id", r.raised_at_meeting_id, RecordKind::kMeeting, Need::kOptional);
}

struct Action : RecordBase {
  std::string mapping_id;
  std::string description;
  ActionKind kind = ActionKind::kOther;
  std::string owner;  // the person responsible
  std::string owner_user_id;
  std::string owner_agency_id;
  Date due_on;
  ActionStatus status = ActionStatus::kOpen;
  std::vector<std::string> subject_ids;  // who or what it concerns
  std::string raised_at_meeting_id;
  Date created_on;
  Date completed_on;
};
template <class V>
void Describe(Action& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Text("description", r.description, Need::kRequired, TextSize::kProse);
  v.Enum("kind", r.kind);
  v.Text("owner", r.owner, Need::kRequired, TextSize::kLine);
  v.Ref("owner_user_id", r.owner_user_id, RecordKind::kUser, Need::kOptional);
  v.Ref("owner_agency_id", r.owner_agency_id, RecordKind::kAgency, Need::kRequired);
  v.Day("due_on", r.due_on, Need::kRequired);
  v.Enum("status", r.status);
  v.RefList("subject_ids", r.subject_ids, RecordKind::kSubject);
  v.Ref("raised_at_meeting_id", r.raised_at_meeting_id, RecordKind::kMeeting, Need::kOptional);
  v.Day("created_on", r.created_on, Need::kOptional);
  v.Day("completed_on", r.completed_on, Need::kOptional);
}

struct ActionUpdate : RecordBase {
  std::string action_id;
  Date updated_on;
  std::string text;
  std::string author;
  std::string author_user_id;
  std::optional<ActionStatus> status;  // the action's status after this update, if it changed
};
template <class V>
void Describe(ActionUpdate& r, V& v) {
  v.Ref("action_id", r.action_id, RecordKind::kAction, Need::kRequired);
  v.Day("updated_on", r.updated_on, Need::kRequired);
  v.Text("text", r.text, Need::kRequired, TextSize::kProse);
  v.Text("author", r.author, Need::kOptional, TextSize::kLine);
  v.Ref("author_user_id", r.author_user_id, RecordKind::kUser, Need::kOptional);
  v.Enum("status", r.status);
}

struct Referral : RecordBase {
  std::string mapping_id;
  std::string subject_id;
  ReferralTarget target = ReferralTarget::kOther;
  std::string target_detail;
  ReferralStatus status = ReferralStatus::kMade;
  Date referred_on;
  std::string referred_by_agency_id;
  std::string outcome;
};
template <class V>
void Describe(Referral& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kRequired);
  v.Enum("target", r.target);
  v.Text("target_detail", r.target_detail, Need::kOptional, TextSize::kLine);
  v.Enum("status", r.status);
  v.Day("referred_on", r.referred_on, Need::kOptional);
  v.Ref("referred_by_agency_id", r.referred_by_agency_id, RecordKind::kAgency, Need::kOptional);
  v.Text("outcome", r.outcome, Need::kOptional, TextSize::kProse);
}

// --- snapshots and submissions ---------------------------------------------------------------

struct SnapshotNode {
  std::string subject_id;
  std::string label;
  SubjectKind kind = SubjectKind::kChild;
  MappingRole role = MappingRole::kAssociate;
  std::optional<double> x;
  std::optional<double> y;
};
template <class V>
void Describe(SnapshotNode& r, V& v) {
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kRequired);
  v.Text("label", r.label, Need::kRequired, TextSize::kLine);
  v.Enum("kind", r.kind);
  v.Enum("role", r.role);
  v.Real("x", r.x);
  v.Real("y", r.y);
}

struct SnapshotEdge {
  std::string link_id;
  std::string from_subject_id;
  std::string to_subject_id;
  LinkType type = LinkType::kAssociate;
  Valence valence = Valence::kUnknown;
  int64_t strength = 1;
  bool directed = false;
};
template <class V>
void Describe(SnapshotEdge& r, V& v) {
  v.Ref("link_id", r.link_id, RecordKind::kLink, Need::kRequired);
  v.Ref("from_subject_id", r.from_subject_id, RecordKind::kSubject, Need::kRequired);
  v.Ref("to_subject_id", r.to_subject_id, RecordKind::kSubject, Need::kRequired);
  v.Enum("type", r.type);
  v.Enum("valence", r.valence);
  v.Int("strength", r.strength, 1, 3);
  v.Bool("directed", r.directed);
}

// The map as it stood on a date (usually at a meeting), so maps compare meeting to meeting.
struct MapSnapshot : RecordBase {
  std::string mapping_id;
  std::string meeting_id;
  Date taken_on;
  std::string title;
  std::vector<SnapshotNode> nodes;
  std::vector<SnapshotEdge> edges;
};
template <class V>
void Describe(MapSnapshot& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("meeting_id", r.meeting_id, RecordKind::kMeeting, Need::kOptional);
  v.Day("taken_on", r.taken_on, Need::kRequired);
  v.Text("title", r.title, Need::kOptional, TextSize::kLine);
  v.Objects("nodes", r.nodes);
  v.Objects("edges", r.edges);
}

struct SubmissionEntry {
  std::string subject_id;  // the named subject the entry is about, if any
  SubmissionSection section = SubmissionSection::kConcerns;
  std::string text;
};
template <class V>
void Describe(SubmissionEntry& r, V& v) {
  v.Ref("subject_id", r.subject_id, RecordKind::kSubject, Need::kOptional);
  v.Enum("section", r.section);
  v.Text("text", r.text, Need::kRequired, TextSize::kProse);
}

// What one agency sends before a meeting about the named subjects.
struct AgencySubmission : RecordBase {
  std::string mapping_id;
  std::string agency_id;
  std::string meeting_id;
  std::string submitted_by;
  std::string submitted_by_user_id;
  Date submitted_on;
  SubmissionStatus status = SubmissionStatus::kDraft;
  std::vector<SubmissionEntry> entries;
};
template <class V>
void Describe(AgencySubmission& r, V& v) {
  v.Ref("mapping_id", r.mapping_id, RecordKind::kMapping, Need::kRequired);
  v.Ref("agency_id", r.agency_id, RecordKind::kAgency, Need::kRequired);
  v.Ref("meeting_id", r.meeting_id, RecordKind::kMeeting, Need::kOptional);
  v.Text("submitted_by", r.submitted_by, Need::kOptional, TextSize::kLine);
  v.Ref("submitted_by_user_id", r.submitted_by_user_id, RecordKind::kUser, Need::kOptional);
  v.Day("submitted_on", r.submitted_on, Need::kOptional);
  v.Enum("status", r.status);
  v.Objects("entries", r.entries);
}

// --- the record variant and its traits ---------------------------------------------------------

// Alternatives are in RecordKind order, so Record::index() == static_cast<int>(kind).
using Record = std::variant<Agency, Area, User, ProtocolProfile, Mapping, MappingMember, Subject,
                            MappingSubject, Link, Meeting, Attendee, Information, HandlingApproval,
                            Factor, RiskAssessment, KeyQuestion, Action, ActionUpdate, Referral,
                            MapSnapshot, AgencySubmission>;
static_assert(std::variant_size_v<Record> == kRecordKindCount);

template <class T>
struct RecordTraits;

#define CM_RECORD(T, Kind, plural, singular, prefix)        \
  template <>                                               \
  struct RecordTraits<T> {                                  \
    static constexpr RecordKind kKind = RecordKind::Kind;   \
    static constexpr std::string_view kPlural = plural;     \
    static constexpr std::string_view kSingular = singular; \
    static constexpr std::string_view kIdPrefix = prefix;   \
  }
CM_RECORD(Agency, kAgency, "agencies", "agency", "agy");
CM_RECORD(Area, kArea, "areas", "area", "area");
CM_RECORD(User, kUser, "users", "user", "usr");
CM_RECORD(ProtocolProfile, kProtocolProfile, "protocol_profiles", "protocol profile", "prof");
CM_RECORD(Mapping, kMapping, "mappings", "mapping", "map");
CM_RECORD(MappingMember, kMappingMember, "mapping_members", "mapping member", "mem");
CM_RECORD(Subject, kSubject, "subjects", "subject", "sub");
CM_RECORD(MappingSubject, kMappingSubject, "mapping_subjects", "mapping subject", "ms");
CM_RECORD(Link, kLink, "links", "link", "lnk");
CM_RECORD(Meeting, kMeeting, "meetings", "meeting", "mtg");
CM_RECORD(Attendee, kAttendee, "attendees", "attendee", "att");
CM_RECORD(Information, kInformation, "information", "information item", "inf");
CM_RECORD(HandlingApproval, kHandlingApproval, "handling_approvals", "handling approval", "hap");
CM_RECORD(Factor, kFactor, "factors", "factor", "fac");
CM_RECORD(RiskAssessment, kRiskAssessment, "risk_assessments", "risk assessment", "risk");
CM_RECORD(KeyQuestion, kKeyQuestion, "key_questions", "key question", "kq");
CM_RECORD(Action, kAction, "actions", "action", "act");
CM_RECORD(ActionUpdate, kActionUpdate, "action_updates", "action update", "upd");
CM_RECORD(Referral, kReferral, "referrals", "referral", "ref");
CM_RECORD(MapSnapshot, kMapSnapshot, "map_snapshots", "map snapshot", "snap");
CM_RECORD(AgencySubmission, kAgencySubmission, "agency_submissions", "agency submission", "sbm");
#undef CM_RECORD

// The same facts looked up by kind at run time.
struct KindInfo {
  RecordKind kind;
  std::string_view plural;    // bundle key and SQL table name
  std::string_view singular;  // for messages: "subject"
  std::string_view id_prefix;
};
const KindInfo& InfoFor(RecordKind kind);
std::optional<RecordKind> KindFromPlural(std::string_view plural);
inline RecordKind KindOf(const Record& r) { return static_cast<RecordKind>(r.index()); }
const RecordBase& BaseOf(const Record& r);
RecordBase& BaseOf(Record& r);
// The mapping a record names itself: a mapping's own id, or the `mapping_id` of the kinds that
// carry one (an information item's is optional, so may be empty); "" for the rest, including
// attendees and action updates, whose mapping is their meeting's or action's.
std::string OwnMappingId(const Record& r);
// A default-constructed record of `kind`.
Record MakeRecord(RecordKind kind);

// Calls f(RecordTraits-typed default record) for every kind, in RecordKind order:
//   ForEachKind([&]<class T>(std::type_identity<T>) { ... });
template <class F>
void ForEachKind(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(std::type_identity<std::variant_alternative_t<I, Record>>{}), ...);
  }
  (std::make_index_sequence<kRecordKindCount>{});
}

// Appends every (kind, id) a record refers to, through scalar and list references at any
// depth (value objects included). Linear in the record's size.
void CollectRefs(const Record& record, std::vector<std::pair<RecordKind, std::string>>* out);

// A new random id: "<prefix>-" and 12 base-32 characters (60 random bits).
std::string NewId(RecordKind kind);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_MODEL_H_
