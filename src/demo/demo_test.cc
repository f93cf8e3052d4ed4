// Checks on the built-in protocol profiles and the demo partnership that need no validator:
// ids, references, coverage of the vocabulary, dates relative to "today", and that every name,
// phone number, postcode and email is obviously fictional.
#include "contextmap/demo/demo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "contextmap/core/calendar.h"
#include "contextmap/core/profiles.h"

namespace contextmap {
namespace {

// --- a field visitor over Describe -----------------------------------------------------------

struct RefValue {
  RecordKind kind;
  std::string id;
  std::string field;
};

struct Fields {
  std::vector<RefValue> refs;
  std::vector<std::pair<std::string, Date>> days;
  std::vector<std::pair<std::string, std::string>> texts;  // field name, value (lists included)
  std::vector<std::string> problems;  // required text missing, bad one-line text
};

class Collector {
 public:
  explicit Collector(Fields* out) : out_(out) {}

  void Text(std::string_view name, std::string& v, Need need, TextSize size) {
    if (v.empty()) {
      if (need == Need::kRequired) out_->problems.push_back(std::string(name) + " is empty");
      return;
    }
    if (size == TextSize::kLine) CheckLine(name, v);
    out_->texts.emplace_back(std::string(name), v);
  }
  void Ref(std::string_view name, std::string& v, RecordKind kind, Need need) {
    if (v.empty()) {
      if (need == Need::kRequired) out_->problems.push_back(std::string(name) + " is empty");
      return;
    }
    out_->refs.push_back({kind, v, std::string(name)});
  }
  void Day(std::string_view name, Date& v, Need need) {
    if (!v.IsSet()) {
      if (need == Need::kRequired) out_->problems.push_back(std::string(name) + " is unset");
      return;
    }
    out_->days.emplace_back(std::string(name), v);
  }
  void Instant(std::string_view, Timestamp&, Need) {}
  template <class E>
  void Enum(std::string_view, E&) {}
  void Int(std::string_view name, int64_t& v, int64_t lo, int64_t hi) {
    if (v >= lo && v <= hi) return;
    // Built in two steps: GCC 12 at -O2 warns (-Warray-bounds, a false positive) on
    // std::string(name) + "..." here.
    std::string problem(name);
    problem += " is out of range";
    out_->problems.push_back(std::move(problem));
  }
  void Bool(std::string_view, bool&) {}
  void Real(std::string_view, std::optional<double>&) {}
  void TextList(std::string_view name, std::vector<std::string>& v) {
    for (auto& s : v) {
      CheckLine(name, s);
      out_->texts.emplace_back(std::string(name), s);
    }
  }
  void RefList(std::string_view name, std::vector<std::string>& v, RecordKind kind) {
    for (auto& id : v) out_->refs.push_back({kind, id, std::string(name)});
  }
  template <class T>
  void Objects(std::string_view, std::vector<T>& v) {
    for (auto& item : v) Describe(item, *this);
  }
  template <class T>
  void Object(std::string_view, std::optional<T>& v) {
    if (v) Describe(*v, *this);
  }

 private:
  void CheckLine(std::string_view name, const std::string& v) {
    if (v.empty() || v.size() > kMaxLineBytes || v.find('\n') != std::string::npos ||
        v.find('\r') != std::string::npos) {
      out_->problems.push_back(std::string(name) + " is not a one-line text: " + v);
    }
  }
  Fields* out_;
};

template <class T>
Fields FieldsOf(T record) {
  Fields f;
  Collector c(&f);
  Describe(record, c);
  return f;
}

Fields FieldsOf(const Record& r) {
  return std::visit([](const auto& rec) { return FieldsOf(rec); }, r);
}

template <class T>
std::vector<T> All(const std::vector<Record>& records) {
  std::vector<T> out;
  for (const auto& r : records) {
    if (const T* t = std::get_if<T>(&r)) out.push_back(*t);
  }
  return out;
}

const Date kSunday = Date(2026, 11, 22);
const Date kAfterNewYear = Date(2027, 1, 4);  // the Monday after the New Year bank holiday

// --- protocol profiles -----------------------------------------------------------------------

const ProtocolProfile& ProfileById(const std::vector<ProtocolProfile>& ps, std::string_view id) {
  for (const auto& p : ps) {
    if (p.id == id) return p;
  }
  ADD_FAILURE() << "no profile " << id;
  static const ProtocolProfile kNone;
  return kNone;
}

const Timescale* Find(const ProtocolProfile& p, TimescaleKind kind) {
  for (const auto& t : p.timescales) {
    if (t.kind == kind) return &t;
  }
  return nullptr;
}

TEST(BuiltInProfilesTest, FiveProfilesInDocumentOrder) {
  auto ps = BuiltInProfiles();
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(ps[0].id, "prof-cse-mapping-meeting");
  EXPECT_EQ(ps[1].id, "prof-group-incident-mapping");
  EXPECT_EQ(ps[2].id, "prof-map-cse");
  EXPECT_EQ(ps[3].id, "prof-peer-mapping");
  EXPECT_EQ(ps[4].id, "prof-place-based");
  for (const auto& p : ps) {
    EXPECT_EQ(p.version, 0);
    EXPECT_TRUE(IsValidId(p.id));
    EXPECT_FALSE(p.triggers.empty()) << p.id;
    EXPECT_FALSE(p.timescales.empty()) << p.id;
    EXPECT_FALSE(p.meeting_templates.empty()) << p.id;
  }
}

TEST(BuiltInProfilesTest, RequiredTextsPresentAndLinesAreOneLine) {
  for (auto& p : BuiltInProfiles()) {
    Fields f = FieldsOf(p);
    EXPECT_TRUE(f.problems.empty()) << p.id << ": " << f.problems.front();
    for (const auto& t : p.timescales) {
      EXPECT_FALSE(t.label.empty()) << p.id;
      for (const auto& name : t.triggers) {
        EXPECT_TRUE(ParseEnum<MappingTrigger>(name).has_value()) << p.id << ": " << name;
      }
    }
  }
}

TEST(BuiltInProfilesTest, CodesAreUniqueSnakeCase) {
  auto snake = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
  };
  for (const auto& p : BuiltInProfiles()) {
    std::set<std::string> codes;
    for (const auto& item : p.vulnerability_factors) {
      EXPECT_TRUE(snake(item.code)) << item.code;
      EXPECT_TRUE(codes.insert(item.code).second) << item.code;
    }
    for (const auto& item : p.risk_factors) {
      EXPECT_TRUE(snake(item.code)) << item.code;
      EXPECT_TRUE(codes.insert(item.code).second) << item.code;
    }
    std::set<std::string> categories;
    for (const auto& c : p.risk_categories) {
      EXPECT_TRUE(snake(c.code)) << c.code;
      EXPECT_TRUE(categories.insert(c.code).second) << c.code;
    }
  }
}

TEST(BuiltInProfilesTest, MapCseHasChecklistsCategoriesAndAgendas) {
  auto ps = BuiltInProfiles();
  const ProtocolProfile& p = ProfileById(ps, kProfileMapCse);
  EXPECT_EQ(p.vulnerability_factors.size(), 12u);
  EXPECT_EQ(p.risk_factors.size(), 13u);
  ASSERT_EQ(p.risk_categories.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const RiskCategory& c = p.risk_categories[i];
    EXPECT_EQ(c.code, "cse_" + std::to_string(i + 1));
    EXPECT_EQ(c.rank, i + 1);
    EXPECT_EQ(c.requires_review, i > 0);
    EXPECT_FALSE(c.definition.empty());
  }
  std::map<MeetingKind, std::size_t> sections;
  for (const auto& t : p.meeting_templates) sections[t.meeting_kind] = t.sections.size();
  EXPECT_EQ(sections[MeetingKind::kInitial], 7u);
  EXPECT_EQ(sections[MeetingKind::kReview], 7u);
  EXPECT_GE(p.action_prompts.size(), 5u);
  const Timescale* review = Find(p, TimescaleKind::kReviewMeeting);
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->amount, 3);
  EXPECT_EQ(review->unit, TimescaleUnit::kMonths);
  EXPECT_TRUE(review->while_risk_elevated);
}

TEST(BuiltInProfilesTest, TimescalesFromTheDocuments) {
  auto ps = BuiltInProfiles();
  const Timescale* first =
      Find(ProfileById(ps, kProfileCseMappingMeeting), TimescaleKind::kFirstMeeting);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->amount, 5);
  EXPECT_EQ(first->unit, TimescaleUnit::kWorkingDays);
  EXPECT_EQ(first->triggers, (std::vector<std::string>{"strategy_discussion", "section_47"}));

  const ProtocolProfile& group = ProfileById(ps, kProfileGroupIncidentMapping);
  for (auto kind : {TimescaleKind::kInitialSession, TimescaleKind::kExternalSession,
                    TimescaleKind::kSubjectsToInvitees, TimescaleKind::kMinutesOnCaseRecord}) {
    const Timescale* t = Find(group, kind);
    ASSERT_NE(t, nullptr) << EnumName(kind);
    EXPECT_EQ(t->unit, TimescaleUnit::kWeeks);
  }
  EXPECT_EQ(Find(group, TimescaleKind::kInitialSession)->amount, 2);
  EXPECT_EQ(Find(group, TimescaleKind::kSubjectsToInvitees)->amount, 1);
  ASSERT_NE(Find(group, TimescaleKind::kReviewMeeting), nullptr);
  ASSERT_NE(Find(ProfileById(ps, kProfilePeerMapping), TimescaleKind::kReviewMeeting), nullptr);

  const ProtocolProfile& place = ProfileById(ps, kProfilePlaceBased);
  const Timescale* minutes = Find(place, TimescaleKind::kMinutesCirculated);
  ASSERT_NE(minutes, nullptr);
  EXPECT_EQ(minutes->amount, 48);
  EXPECT_EQ(minutes->unit, TimescaleUnit::kHours);
  ASSERT_NE(Find(place, TimescaleKind::kStrategicReport), nullptr);
  ASSERT_NE(Find(place, TimescaleKind::kClosureReport), nullptr);
  std::set<std::string> reports;
  for (const auto& r : place.report_templates) reports.insert(r.code);
  EXPECT_EQ(reports, (std::set<std::string>{"monthly_strategic", "closure"}));
}

// --- the demo partnership --------------------------------------------------------------------

class DemoTest : public ::testing::TestWithParam<Date> {
 protected:
  Date today() const { return GetParam(); }
  std::vector<Record> records_ = DemoPartnership(GetParam());
};

INSTANTIATE_TEST_SUITE_P(Days, DemoTest, ::testing::Values(kSunday, kAfterNewYear),
                         [](const ::testing::TestParamInfo<Date>& p) {
                           std::string s = p.param.ToString();
                           s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
                           return "d" + s;
                         });

TEST_P(DemoTest, RecordsAreInKindOrderAndCoverEveryKind) {
  std::set<RecordKind> kinds;
  for (std::size_t i = 0; i < records_.size(); ++i) {
    kinds.insert(KindOf(records_[i]));
    if (i > 0) {
      EXPECT_LE(KindOf(records_[i - 1]), KindOf(records_[i])) << BaseOf(records_[i]).id;
    }
  }
  EXPECT_EQ(kinds.size(), static_cast<std::size_t>(kRecordKindCount));
}

TEST_P(DemoTest, IdsAreValidAndUniquePerKind) {
  std::set<std::pair<RecordKind, std::string>> seen;
  for (const auto& r : records_) {
    const std::string& id = BaseOf(r).id;
    EXPECT_TRUE(IsValidId(id)) << id;
    EXPECT_TRUE(seen.insert({KindOf(r), id}).second) << "duplicate " << id;
    EXPECT_EQ(BaseOf(r).version, 0) << id;
  }
}

TEST_P(DemoTest, RequiredFieldsPresentAndLinesAreOneLine) {
  for (const auto& r : records_) {
    Fields f = FieldsOf(r);
    for (const auto& p : f.problems) ADD_FAILURE() << BaseOf(r).id << ": " << p;
  }
}

TEST_P(DemoTest, EveryReferenceResolves) {
  std::set<std::pair<RecordKind, std::string>> present;
  for (const auto& r : records_) present.insert({KindOf(r), BaseOf(r).id});
  std::size_t checked = 0;
  for (const auto& r : records_) {
    for (const auto& ref : FieldsOf(r).refs) {
      ++checked;
      EXPECT_TRUE(present.count({ref.kind, ref.id})) << BaseOf(r).id << "." << ref.field << " -> "
                                                     << InfoFor(ref.kind).singular << " " << ref.id;
    }
  }
  EXPECT_GT(checked, 500u);
}

TEST_P(DemoTest, MappingsOfDifferentKindsAndProfiles) {
  auto mappings = All<Mapping>(records_);
  ASSERT_GE(mappings.size(), 3u);
  std::set<MappingKind> kinds;
  std::set<std::string> profiles;
  for (const auto& m : mappings) {
    kinds.insert(m.kind);
    profiles.insert(m.profile_id);
    if (!m.parent_mapping_id.empty()) {
      EXPECT_NE(m.parent_mapping_id, m.id);
    }
  }
  EXPECT_GE(kinds.size(), 3u);
  EXPECT_GE(profiles.size(), 3u);
  std::set<std::string> all_profiles;
  for (const auto& p : All<ProtocolProfile>(records_)) all_profiles.insert(p.id);
  EXPECT_EQ(all_profiles.size(), 5u);
}

TEST_P(DemoTest, EverySubjectKindAndMappingRoleUsed) {
  std::set<SubjectKind> kinds;
  for (const auto& s : All<Subject>(records_)) kinds.insert(s.kind);
  EXPECT_EQ(kinds.size(), EnumNames<SubjectKind>::kNames.size());
  std::set<MappingRole> roles;
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& ms : All<MappingSubject>(records_)) {
    roles.insert(ms.role);
    EXPECT_TRUE(pairs.insert({ms.mapping_id, ms.subject_id}).second) << ms.id;
  }
  EXPECT_EQ(roles.size(), EnumNames<MappingRole>::kNames.size());
  std::set<ActionKind> actions;
  for (const auto& a : All<Action>(records_)) actions.insert(a.kind);
  EXPECT_EQ(actions.size(), EnumNames<ActionKind>::kNames.size());
}

TEST_P(DemoTest, SomeSubjectsAppearOnSeveralMappings) {
  std::map<std::string, std::set<std::string>> maps_of;
  for (const auto& ms : All<MappingSubject>(records_)) maps_of[ms.subject_id].insert(ms.mapping_id);
  int shared = 0;
  for (const auto& [subject, maps] : maps_of) shared += maps.size() >= 2 ? 1 : 0;
  EXPECT_GE(shared, 5);
  EXPECT_GE(maps_of["sub-child-03"].size(), 2u);
  EXPECT_GE(maps_of["sub-child-01"].size(), 2u);
}

// Fields that record something that has already happened.
const std::set<std::string>& PastFields() {
  static const std::set<std::string> kPast = {"dob",
                                              "trigger_date",
                                              "captured_on",
                                              "recorded_on",
                                              "seen_on",
                                              "assessed_on",
                                              "approved_on",
                                              "updated_on",
                                              "referred_on",
                                              "opened_on",
                                              "closed_on",
                                              "added_on",
                                              "removed_on",
                                              "completed_on",
                                              "answered_on",
                                              "submitted_on",
                                              "taken_on",
                                              "started_on",
                                              "ended_on",
                                              "minutes_circulated_on",
                                              "minutes_filed_on",
                                              "resolved_on",
                                              "created_on"};
  return kPast;
}

void ExpectPastDatesNotAfter(const std::vector<Record>& records, Date today) {
  for (const auto& r : records) {
    for (const auto& [name, day] : FieldsOf(r).days) {
      if (PastFields().count(name)) {
        EXPECT_LE(day, today) << BaseOf(r).id << "." << name << " " << day.ToString();
      }
    }
    if (const auto* m = std::get_if<Meeting>(&r)) {
      if (m->status == MeetingStatus::kHeld) {
        EXPECT_LE(m->date, today) << m->id;
      }
      EXPECT_TRUE(IsWorkingDay(m->date)) << m->id << " " << m->date.ToString();
    }
    if (const auto* i = std::get_if<Information>(&r)) {
      EXPECT_LE(i->captured_on, i->recorded_on) << i->id;
    }
    if (const auto* l = std::get_if<Link>(&r); l != nullptr && l->ended_on.IsSet()) {
      EXPECT_LE(l->started_on, l->ended_on) << l->id;
    }
    if (const auto* a = std::get_if<Action>(&r)) {
      EXPECT_LE(a->created_on, a->due_on) << a->id;
      if (a->completed_on.IsSet()) {
        EXPECT_LE(a->created_on, a->completed_on) << a->id;
      }
    }
  }
}

TEST_P(DemoTest, PastEventsAreNotAfterToday) { ExpectPastDatesNotAfter(records_, today()); }

TEST(DemoSweepTest, PastEventsAreNotAfterTodayOnAnyDayOverWinterAndEaster) {
  // Every day from late November to the end of April: weekends, Christmas, Easter.
  for (Date d = kSunday; d <= Date(2027, 4, 30); d = d.AddDays(1)) {
    SCOPED_TRACE(d.ToString());
    ExpectPastDatesNotAfter(DemoPartnership(d), d);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST_P(DemoTest, SameDayGivesSameRecords) {
  auto again = DemoPartnership(today());
  ASSERT_EQ(again.size(), records_.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(BaseOf(again[i]).id, BaseOf(records_[i]).id);
  }
}

TEST_P(DemoTest, ActionsOverdueDueSoonAndDone) {
  int overdue = 0, due_soon = 0, done = 0, with_updates = 0;
  std::set<std::string> updated;
  for (const auto& u : All<ActionUpdate>(records_)) updated.insert(u.action_id);
  for (const auto& a : All<Action>(records_)) {
    EXPECT_FALSE(a.owner.empty()) << a.id;
    EXPECT_FALSE(a.owner_agency_id.empty()) << a.id;
    if (a.status == ActionStatus::kDone) {
      ++done;
      EXPECT_TRUE(a.completed_on.IsSet()) << a.id;
    }
    if (IsOpen(a.status) && a.due_on < today()) ++overdue;
    if (IsOpen(a.status) && a.due_on >= today() && a.due_on <= today().AddDays(7)) ++due_soon;
    with_updates += updated.count(a.id) ? 1 : 0;
  }
  EXPECT_GE(overdue, 2);
  EXPECT_GE(due_soon, 2);
  EXPECT_GE(done, 3);
  EXPECT_GE(with_updates, 3);
}

TEST_P(DemoTest, TimescalesMetOrMissedAsIntended) {
  std::map<std::string, Meeting> meetings;
  for (const auto& m : All<Meeting>(records_)) meetings[m.id] = m;
  std::map<std::string, Mapping> mappings;
  for (const auto& m : All<Mapping>(records_)) mappings[m.id] = m;

  // CSE mapping: first meeting within 5 working days of the strategy discussion; review planned
  // within 3 months of it.
  const Mapping& ruby = mappings.at("map-individual-cse");
  const Meeting& initial = meetings.at("mtg-01");
  EXPECT_LE(initial.date, AddWorkingDays(ruby.trigger_date, 5));
  EXPECT_LE(meetings.at("mtg-02").date, initial.date.AddMonths(3));
  EXPECT_GT(meetings.at("mtg-02").date, today());

  // County line mapping: internal session within 2 weeks of the incident, external within 2
  // weeks of that, minutes on the case records within 2 weeks.
  const Mapping& line = mappings.at("map-county-line");
  const Meeting& internal = meetings.at("mtg-03");
  const Meeting& external = meetings.at("mtg-04");
  EXPECT_LE(internal.date, line.trigger_date.AddDays(14));
  EXPECT_LT(internal.date, external.date);
  EXPECT_LE(external.date, internal.date.AddDays(14));
  for (const Meeting* m : {&internal, &external}) {
    ASSERT_TRUE(m->minutes_filed_on.IsSet());
    EXPECT_LE(m->minutes_filed_on, m->date.AddDays(14)) << m->id;
  }

  // Place-based: minutes within 48 hours, except the latest bronze meeting, left overdue.
  for (const auto& [id, m] : meetings) {
    if (mappings.at(m.mapping_id).profile_id != kProfilePlaceBased) continue;
    if (m.status != MeetingStatus::kHeld) continue;
    if (id == "mtg-mockfield-4") {
      EXPECT_FALSE(m.minutes_circulated_on.IsSet());
      EXPECT_LT(m.date.AddDays(2), today());
    } else {
      ASSERT_TRUE(m.minutes_circulated_on.IsSet()) << id;
      EXPECT_LE(m.minutes_circulated_on, m.date.AddDays(2)) << id;
    }
  }
}

TEST_P(DemoTest, RiskHistoryFactorsAndTheUnreferredChild) {
  std::map<std::string, std::set<std::string>> categories_of;
  std::set<std::pair<std::string, std::string>> assessed;  // mapping, child
  for (const auto& r : All<RiskAssessment>(records_)) {
    categories_of[r.subject_id].insert(r.category);
    assessed.insert({r.mapping_id, r.subject_id});
  }
  EXPECT_EQ(categories_of["sub-child-01"], (std::set<std::string>{"cse_2", "cse_3"}));

  std::set<std::pair<std::string, std::string>> referred;
  for (const auto& r : All<Referral>(records_)) referred.insert({r.mapping_id, r.subject_id});
  std::vector<std::string> unreferred;
  for (const auto& a : assessed) {
    if (!referred.count(a)) unreferred.push_back(a.second);
  }
  EXPECT_EQ(unreferred, std::vector<std::string>{"sub-child-02"});

  // Checklist factors use the codes of their mapping's profile.
  std::map<std::string, std::string> profile_of;
  for (const auto& m : All<Mapping>(records_)) profile_of[m.id] = m.profile_id;
  std::map<std::string, std::set<std::string>> codes;
  for (const auto& p : All<ProtocolProfile>(records_)) {
    for (const auto& i : p.vulnerability_factors) codes[p.id].insert(i.code);
    for (const auto& i : p.risk_factors) codes[p.id].insert(i.code);
  }
  std::set<FactorCategory> categories;
  for (const auto& f : All<Factor>(records_)) {
    categories.insert(f.category);
    if (!f.code.empty()) {
      EXPECT_TRUE(codes[profile_of[f.mapping_id]].count(f.code)) << f.id;
    }
  }
  EXPECT_EQ(categories.size(), EnumNames<FactorCategory>::kNames.size());
}

TEST_P(DemoTest, InformationGradesHandlingAndSightings) {
  std::set<std::string> approved;
  for (const auto& h : All<HandlingApproval>(records_)) approved.insert(h.information_id);
  std::set<SourceEvaluation> sources;
  std::set<IntelAssessment> assessments;
  std::set<EvidenceBasis> evidence;
  int conditional = 0, needs_approval_and_has_it = 0;
  std::map<std::pair<std::string, std::string>, int> seen_together;
  for (const auto& i : All<Information>(records_)) {
    EXPECT_NE(i.subject_id.empty(), i.link_id.empty()) << i.id;
    sources.insert(i.source);
    assessments.insert(i.assessment);
    evidence.insert(i.evidence);
    EXPECT_EQ(i.handling == HandlingCode::kC, i.handling_conditions.has_value()) << i.id;
    if (i.handling == HandlingCode::kC) {
      ++conditional;
      if (i.handling_conditions->originator_approval_required && approved.count(i.id)) {
        ++needs_approval_and_has_it;
      }
    }
    if (!i.sighting) continue;
    const auto& present = i.sighting->present_subject_ids;
    EXPECT_FALSE(present.empty()) << i.id;
    for (std::size_t a = 0; a < present.size(); ++a) {
      for (std::size_t b = a + 1; b < present.size(); ++b) {
        ++seen_together[std::minmax(present[a], present[b])];
      }
    }
  }
  EXPECT_EQ(sources.size(), 3u);
  EXPECT_EQ(assessments.size(), 5u);
  EXPECT_EQ(evidence.size(), 2u);
  EXPECT_GE(conditional, 2);
  EXPECT_GE(needs_approval_and_has_it, 1);
  EXPECT_GE((seen_together[{"sub-child-03", "sub-child-06"}]), 3);
  EXPECT_GE((seen_together[{"sub-child-03", "sub-child-05"}]), 2);
}

TEST_P(DemoTest, LinksJoinDifferentSubjectsWithDirectionWhereItMatters) {
  std::set<LinkType> types;
  bool historic = false;
  for (const auto& l : All<Link>(records_)) {
    EXPECT_NE(l.from_subject_id, l.to_subject_id) << l.id;
    types.insert(l.type);
    if (l.type == LinkType::kExploits || l.type == LinkType::kControls ||
        l.type == LinkType::kRecruitedBy) {
      EXPECT_TRUE(l.directed) << l.id;
    }
    if (l.status == LinkStatus::kCurrent) {
      EXPECT_FALSE(l.ended_on.IsSet()) << l.id;
    }
    historic = historic || (l.status == LinkStatus::kHistoric && l.ended_on.IsSet());
  }
  EXPECT_TRUE(historic);
  EXPECT_EQ(types.size(), EnumNames<LinkType>::kNames.size());
}

// --- everything personal is obviously fictional ----------------------------------------------

const std::set<std::string>& FictionalSurnames() {
  static const std::set<std::string> kNames = {"Example",  "Sample",    "Placeholder", "Madeup",
                                               "Testcase", "Fictional", "Pretend",     "Invented",
                                               "Notreal",  "Dummy",     "Specimen",    "Mockley"};
  return kNames;
}

TEST_P(DemoTest, EveryPersonNameUsesAFictionalSurname) {
  static const std::set<std::string> kNameFields = {"full_name", "owner", "author", "seen_by",
                                                    "submitted_by"};
  int names = 0;
  for (const auto& r : records_) {
    for (const auto& [field, value] : FieldsOf(r).texts) {
      bool is_name =
          kNameFields.count(field) || (field == "name" && KindOf(r) == RecordKind::kAttendee);
      if (!is_name) continue;
      ++names;
      std::string surname = value.substr(value.rfind(' ') + 1);
      EXPECT_TRUE(FictionalSurnames().count(surname))
          << BaseOf(r).id << "." << field << ": " << value;
    }
  }
  EXPECT_GT(names, 100);
}

TEST_P(DemoTest, PhoneNumbersAreInTheDramaRange) {
  static const std::regex kPhone(R"((\+44\s?|\b0)7\d{3}\s?\d{3}\s?\d{3}\b)");
  int phones = 0;
  for (const auto& r : records_) {
    for (const auto& [field, value] : FieldsOf(r).texts) {
      for (std::sregex_iterator it(value.begin(), value.end(), kPhone), end; it != end; ++it) {
        std::string digits;
        for (char c : it->str()) {
          if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        }
        if (digits.starts_with("44")) digits = "0" + digits.substr(2);
        ++phones;
        EXPECT_TRUE(digits.size() == 11 && digits.starts_with("07700900"))
            << BaseOf(r).id << "." << field << ": " << it->str();
      }
    }
  }
  EXPECT_GE(phones, 3);
}

TEST_P(DemoTest, PostcodesPlatesAndEmailsAreFictional) {
  for (const auto& s : All<Subject>(records_)) {
    if (!s.postcode.empty()) {
      EXPECT_TRUE(s.postcode.starts_with("ZZ")) << s.id;
    }
    if (s.object_type == ObjectType::kVehicle) {
      EXPECT_TRUE(s.identifier.starts_with("ZZ"));
    }
  }
  for (const auto& u : All<User>(records_)) {
    EXPECT_TRUE(u.email.ends_with("@example.org")) << u.id;
  }
  static const std::regex kEmail(R"([A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+))");
  static const std::regex kUrl(R"(https?://|www\.)");
  for (const auto& r : records_) {
    for (const auto& [field, value] : FieldsOf(r).texts) {
      EXPECT_FALSE(std::regex_search(value, kUrl)) << BaseOf(r).id << "." << field;
      for (std::sregex_iterator it(value.begin(), value.end(), kEmail), end; it != end; ++it) {
        EXPECT_EQ((*it)[1].str(), "example.org") << BaseOf(r).id << "." << field;
      }
    }
  }
}

TEST_P(DemoTest, TheSignInAccountsExistAndCoverEveryRoleAndTwoAgencies) {
  std::set<std::string> roles;
  std::set<std::string> practitioner_agencies;
  for (const std::string& username : DemoSignInUsernames()) {
    SCOPED_TRACE(username);
    auto users = All<User>(records_);
    auto it = std::find_if(users.begin(), users.end(),
                           [&](const User& u) { return u.username == username; });
    ASSERT_NE(it, users.end());
    roles.insert(std::string(EnumName(it->role)));
    if (it->role == UserRole::kPractitioner) practitioner_agencies.insert(it->agency_id);
  }
  EXPECT_EQ(roles.size(), EnumNames<UserRole>::kNames.size());
  EXPECT_EQ(practitioner_agencies.size(), 2u);
}

}  // namespace
}  // namespace contextmap
