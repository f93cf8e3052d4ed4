#include "contextmap/core/validation.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace contextmap {
namespace {

const Date kToday(2026, 11, 23);

// A resolver over a handful of records made in the test.
class FakeResolver : public RecordResolver {
 public:
  void Add(Record r) {
    RecordKind k = KindOf(r);
    std::string id = BaseOf(r).id;
    records_[{k, id}] = std::move(r);
  }
  void Put(std::string mapping, std::string subject) { on_.insert(mapping + "|" + subject); }
  const Record* Find(RecordKind kind, const std::string& id) override {
    auto it = records_.find({kind, id});
    return it == records_.end() ? nullptr : &it->second;
  }
  bool OnMapping(const std::string& m, const std::string& s) override {
    return on_.contains(m + "|" + s);
  }

 private:
  std::map<std::pair<RecordKind, std::string>, Record> records_;
  std::set<std::string> on_;
};

Subject Person(std::string id, SubjectKind kind) {
  Subject s;
  s.id = std::move(id);
  s.kind = kind;
  s.label = s.full_name = "Test Example";
  return s;
}

class ValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    r_.Add(Person("sub-child", SubjectKind::kChild));
    r_.Add(Person("sub-adult", SubjectKind::kAdult));
    r_.Add(Person("sub-pro", SubjectKind::kProfessional));
    Subject place;
    place.id = "sub-place";
    place.kind = SubjectKind::kLocation;
    place.label = "Park";
    r_.Add(place);
    Agency a;
    a.id = "agy-1";
    a.name = "Agency";
    r_.Add(a);
    ProtocolProfile p;
    p.id = "prof-1";
    p.name = "Profile";
    p.risk_categories = {{"cat_1", "Category 1", "", 1, false},
                         {"cat_2", "Category 2", "", 2, true}};
    p.vulnerability_factors = {{"missing", "Goes missing"}};
    r_.Add(p);
    Mapping m;
    m.id = "map-1";
    m.title = "Test";
    m.profile_id = "prof-1";
    m.trigger_date = kToday;
    r_.Add(m);
    r_.Put("map-1", "sub-child");
  }

  // The problems of `r`, one "pointer: message" a line.
  std::string Problems(const Record& r) {
    ProblemList p;
    ValidateRecord(r, "", ValidationContext{kToday, &r_}, &p);
    return p.ToString();
  }

  // Whether the problems of `r` include `text`; when not, the failure lists those there are.
  ::testing::AssertionResult HasProblem(const Record& r, std::string_view text) {
    const std::string problems = Problems(r);
    if (problems.find(text) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no problem \"" << text << "\" among:\n" << problems;
  }

  // A record of kind R with `id`, about `subject_id` on mapping map-1.
  template <class R>
  static R OnMapping(std::string id, std::string subject_id) {
    R r;
    r.id = std::move(id);
    r.mapping_id = "map-1";
    r.subject_id = std::move(subject_id);
    return r;
  }

  Link MakeLink(std::string from, std::string to, LinkType type) {
    Link l;
    l.id = "lnk-1";
    l.from_subject_id = std::move(from);
    l.to_subject_id = std::move(to);
    l.type = type;
    return l;
  }

  FakeResolver r_;
};

TEST_F(ValidationTest, ValidRecordsHaveNoProblems) {
  EXPECT_EQ(Problems(MakeLink("sub-child", "sub-adult", LinkType::kAssociate)), "");
  EXPECT_EQ(Problems(*r_.Find(RecordKind::kSubject, "sub-place")), "");
}

TEST_F(ValidationTest, TextMustBeUtf8) {
  // Records built in code reach the store without the JSON codec: validation checks them too.
  Link l = MakeLink("sub-child", "sub-adult", LinkType::kAssociate);
  l.notes = "seen together at the arcade, caf\xe9 next door";
  EXPECT_EQ(Problems(l), "/notes: is not valid UTF-8 text\n");
  const auto* stored = std::get_if<Subject>(r_.Find(RecordKind::kSubject, "sub-child"));
  ASSERT_NE(stored, nullptr);
  Subject child = *stored;
  ASSERT_EQ(Problems(child), "");
  child.aliases = {"Rubes", "\xed\xa0\x80"};  // a surrogate
  EXPECT_EQ(Problems(child), "/aliases/1: is not valid UTF-8 text\n");
}

TEST_F(ValidationTest, LinkEndsMustDifferAndSuitTheType) {
  EXPECT_TRUE(HasProblem(MakeLink("sub-child", "sub-child", LinkType::kFriend),
                         "/to_subject_id: a friend link cannot join a subject to itself"));
  EXPECT_TRUE(HasProblem(MakeLink("sub-child", "sub-adult", LinkType::kLivesAt),
                         "/type: a lives at link cannot go from a child to an adult"));
  EXPECT_EQ(Problems(MakeLink("sub-child", "sub-place", LinkType::kLivesAt)), "");
  EXPECT_NE(Problems(MakeLink("sub-child", "sub-adult", LinkType::kKeyContactFor)), "");
  EXPECT_EQ(Problems(MakeLink("sub-pro", "sub-child", LinkType::kKeyContactFor)), "");
  EXPECT_TRUE(HasProblem(MakeLink("sub-child", "sub-ghost", LinkType::kFriend),
                         "/to_subject_id: refers to subject sub-ghost, which does not exist"));
}

TEST_F(ValidationTest, LinkStrengthAndDates) {
  Link l = MakeLink("sub-child", "sub-adult", LinkType::kAssociate);
  l.strength = 4;
  l.ended_on = Date(2026, 1, 1);
  EXPECT_TRUE(HasProblem(l, "/strength: must be from 1 to 3, not 4"));
  EXPECT_TRUE(HasProblem(l, "/ended_on: is set but the link is current"));
}

TEST_F(ValidationTest, InformationGradingRules) {
  Information i;
  i.id = "inf-1";
  i.subject_id = "sub-child";
  i.source_agency_id = "agy-1";
  i.text = "Seen with an older male.";
  i.captured_on = Date(2026, 11, 20);
  i.recorded_on = Date(2026, 11, 19);
  i.handling = HandlingCode::kC;
  EXPECT_TRUE(HasProblem(i, "/handling_conditions: are required when the handling code is C"));
  EXPECT_TRUE(HasProblem(i, "/recorded_on: 2026-11-19 is before captured_on"));
  i.recorded_on = i.captured_on;
  i.handling_conditions = HandlingConditions{"Police only until the interview", {}, true};
  EXPECT_EQ(Problems(i), "");
  i.handling = HandlingCode::kP;
  EXPECT_TRUE(HasProblem(i, "apply only to handling code C"));
  i.handling_conditions.reset();
  i.link_id = "lnk-1";
  EXPECT_TRUE(HasProblem(i, "give exactly one of subject_id and link_id"));
}

TEST_F(ValidationTest, PersonRules) {
  Subject s = Person("sub-x", SubjectKind::kChild);
  s.full_name.clear();
  s.dob = Date(2030, 1, 1);
  s.dob_precision = DobPrecision::kExact;
  s.postcode = "NOT A CODE";
  EXPECT_TRUE(HasProblem(s, "/full_name: is required for a child"));
  EXPECT_TRUE(HasProblem(s, "/dob: 2030-01-01 is in the future"));
  EXPECT_TRUE(HasProblem(s, "/postcode: is not a UK postcode"));
  Subject unknown = Person("sub-y", SubjectKind::kAdult);
  unknown.dob = Date(1990, 1, 1);
  EXPECT_TRUE(HasProblem(unknown, "/dob_precision"));
}

TEST_F(ValidationTest, NonPersonsCarryNoPersonDetails) {
  Subject g;
  g.id = "sub-g";
  g.kind = SubjectKind::kGroup;
  g.label = "A line";
  g.gender = Gender::kMale;
  EXPECT_TRUE(HasProblem(g, "/gender: applies only to persons"));
  EXPECT_TRUE(HasProblem(g, "/group_type: is required for a group"));
}

TEST_F(ValidationTest, RiskCategoryComesFromTheProfile) {
  RiskAssessment ra = OnMapping<RiskAssessment>("risk-1", "sub-child");
  ra.category = "cat_9";
  ra.rationale = "Reasons.";
  ra.assessed_on = kToday;
  EXPECT_TRUE(HasProblem(ra, "is not a risk category of profile prof-1 (one of: cat_1, cat_2)"));
  ra.category = "cat_2";
  EXPECT_EQ(Problems(ra), "");
  ra.subject_id = "sub-adult";
  EXPECT_TRUE(HasProblem(ra, "is not on mapping map-1"));
}

TEST_F(ValidationTest, FactorCodeComesFromTheChecklist) {
  Factor f = OnMapping<Factor>("fac-1", "sub-child");
  f.category = FactorCategory::kVulnerability;
  f.code = "not_listed";
  EXPECT_TRUE(HasProblem(f, "/code"));
  f.code = "missing";
  EXPECT_EQ(Problems(f), "");
}

TEST_F(ValidationTest, TextLimits) {
  Agency a;
  a.id = "agy-2";
  a.name = std::string(301, 'x');
  EXPECT_TRUE(HasProblem(a, "/name: is too long"));
  a.name = "Two\nlines";
  EXPECT_TRUE(HasProblem(a, "/name: must be one line"));
  a.name.clear();
  EXPECT_TRUE(HasProblem(a, "/name: is required"));
  a.name = "Fine";
  a.id = "bad id!";
  EXPECT_TRUE(HasProblem(a, "/id: is not a valid id"));
}

TEST_F(ValidationTest, RolesFitKinds) {
  MappingSubject ms = OnMapping<MappingSubject>("ms-1", "sub-place");
  ms.role = MappingRole::kSubjectChild;
  EXPECT_TRUE(HasProblem(ms, "a location cannot be subject child"));
  ms.role = MappingRole::kLocationOfConcern;
  EXPECT_EQ(Problems(ms), "");
}

TEST(ValidationHelpersTest, Postcodes) {
  for (const char* ok : {"ZZ1 4QT", "zz14qt", "M1 1AA", "EC1A 1BB", "W1A 0AX", "ZZ99 3CZ"}) {
    EXPECT_TRUE(IsUkPostcode(ok)) << ok;
  }
  for (const char* bad : {"", "ZZ1", "1ZZ 4QT", "ZZ1 4Q1", "ZZ1  4QT X", "ABCDEFG"}) {
    EXPECT_FALSE(IsUkPostcode(bad)) << bad;
  }
}

TEST(ValidationHelpersTest, ClockTimes) {
  EXPECT_TRUE(IsClockTime("00:00"));
  EXPECT_TRUE(IsClockTime("23:59"));
  EXPECT_FALSE(IsClockTime("24:00"));
  EXPECT_FALSE(IsClockTime("9:30"));
  EXPECT_FALSE(IsClockTime("09:60"));
}

TEST(ValidationHelpersTest, CheckRecordNamesTheFirstField) {
  Agency a;
  a.id = "agy-1";
  Status s = CheckRecord(a, ValidationContext{kToday, nullptr});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "/name");
}

}  // namespace
}  // namespace contextmap
