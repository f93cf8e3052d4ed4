#include "contextmap/core/bundle.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "contextmap/core/bundle_schema.h"
#include "contextmap/demo/demo.h"

namespace contextmap {
namespace {

const Date kToday(2026, 11, 23);

Bundle Demo() {
  Bundle b;
  for (Record& r : DemoPartnership(kToday)) b.of(KindOf(r)).push_back(std::move(r));
  b.SortById();
  return b;
}

std::string Text(const Bundle& b) {
  std::ostringstream out;
  WriteBundle(b, out);
  return out.str();
}

// Parses and validates `text`; returns all problems.
ProblemList Check(std::string_view text) {
  Bundle b;
  ProblemList problems;
  ParseBundle(text, &b, &problems);
  if (problems.empty()) ValidateBundle(b, kToday, nullptr, &problems);
  return problems;
}

bool Has(const ProblemList& p, const std::string& pointer, const std::string& words = "") {
  for (const auto& x : p.kept()) {
    if (x.pointer == pointer && x.message.find(words) != std::string::npos) return true;
  }
  return false;
}

constexpr const char* kHeader = R"({"format":"contextmap-bundle","format_version":1,)";

std::string WithSection(const std::string& section, const std::string& body) {
  return std::string(kHeader) + "\"" + section + "\":[" + body + "]}";
}

TEST(BundleTest, DemoValidatesCleanly) {
  ProblemList problems;
  ValidateBundle(Demo(), kToday, nullptr, &problems);
  EXPECT_TRUE(problems.empty()) << problems.ToString();
}

TEST(BundleTest, WriteThenParseGivesTheSameBytes) {
  Bundle demo = Demo();
  std::string text = Text(demo);
  Bundle back;
  ProblemList problems;
  ParseBundle(text, &back, &problems);
  ASSERT_TRUE(problems.empty()) << problems.ToString();
  EXPECT_EQ(back.size(), demo.size());
  EXPECT_EQ(Text(back), text);
}

TEST(BundleTest, MalformedJsonNamesTheByte) {
  ProblemList p = Check(R"({"format": "contextmap-bundle", "agencies": [ {"id": "a",}]})");
  ASSERT_EQ(p.total(), 1u) << p.ToString();
  EXPECT_EQ(p.kept()[0].pointer, "");
  EXPECT_NE(p.kept()[0].message.find("not valid JSON at byte"), std::string::npos);
}

TEST(BundleTest, ErrorsDoNotEchoTheInput) {
  ProblemList p = Check(R"({"format": "contextmap-bundle", "x": Ruby Example})");
  EXPECT_EQ(p.ToString().find("Ruby"), std::string::npos) << p.ToString();
}

TEST(BundleTest, EmptyAndNonObjectDocuments) {
  EXPECT_FALSE(Check("").empty());
  EXPECT_TRUE(Has(Check("[]"), "", "must be a JSON object"));
  EXPECT_TRUE(Has(Check("42"), "", "must be a JSON object"));
  EXPECT_TRUE(Has(Check("{}"), "/format", "required"));
}

TEST(BundleTest, HeaderIsChecked) {
  EXPECT_TRUE(Has(Check(R"({"format":"other","format_version":1})"), "/format"));
  EXPECT_TRUE(Has(Check(R"({"format":"contextmap-bundle","format_version":2})"), "/format_version",
                  "version 2"));
  EXPECT_TRUE(Has(Check(std::string(kHeader) + R"("scope":"mapping"})"), "/mapping_id"));
  EXPECT_TRUE(Has(Check(std::string(kHeader) + R"("scope":{"a":1}})"), "/scope"));
  EXPECT_TRUE(Has(Check(std::string(kHeader) + R"("surprise":[]})"), "/surprise"));
  EXPECT_TRUE(Has(Check(std::string(kHeader) + R"("agencies":{}})"), "/agencies", "list"));
  EXPECT_TRUE(
      Has(Check(std::string(kHeader) + R"("agencies":[],"agencies":[]})"), "/agencies", "twice"));
}

TEST(BundleTest, WrongTypesAreNamedByPointer) {
  ProblemList p = Check(
      WithSection("links", R"({"id":"l1","from_subject_id":"a","to_subject_id":"b","type":"friend",
                  "valence":"protective","strength":"3","directed":"yes","status":"current"})"));
  EXPECT_TRUE(Has(p, "/links/0/strength", "whole number")) << p.ToString();
  EXPECT_TRUE(Has(p, "/links/0/directed", "true or false")) << p.ToString();
  EXPECT_TRUE(Has(Check(WithSection("agencies", "42")), "/agencies/0", "must be an object"));
  EXPECT_TRUE(Has(Check(WithSection("agencies", R"({"id":7})")), "/agencies/0/id"));
}

TEST(BundleTest, UnknownEnumValuesListTheChoices) {
  ProblemList p = Check(WithSection(
      "subjects", R"({"id":"s1","kind":"wizard","label":"A","dob_precision":"unknown"})"));
  ASSERT_TRUE(Has(p, "/subjects/0/kind", "not a known value")) << p.ToString();
  EXPECT_TRUE(Has(p, "/subjects/0/kind", "child, adult"));
}

TEST(BundleTest, UnknownFieldsAreReported) {
  ProblemList p =
      Check(WithSection("agencies", R"({"id":"a1","name":"A","sector":"police","colour":"blue"})"));
  EXPECT_TRUE(Has(p, "/agencies/0/colour", "not a field")) << p.ToString();
}

TEST(BundleTest, ImpossibleDateIsNamed) {
  std::string subjects;
  for (int i = 0; i < 3; ++i) {
    subjects +=
        R"({"id":"s)" + std::to_string(i) +
        R"(","kind":"child","label":"C","full_name":"C Example","dob_precision":"exact","dob":"2011-02-03"},)";
  }
  subjects +=
      R"({"id":"s3","kind":"child","label":"D","full_name":"D Example","dob_precision":"exact","dob":"2011-02-31"})";
  ProblemList p = Check(WithSection("subjects", subjects));
  ASSERT_EQ(p.total(), 1u) << p.ToString();
  EXPECT_EQ(p.kept()[0].pointer, "/subjects/3/dob");
  EXPECT_EQ(p.kept()[0].message, "2011-02-31 is not a date (YYYY-MM-DD)");
}

TEST(BundleTest, DateOfBirthInTheFutureIsRefused) {
  ProblemList p = Check(WithSection(
      "subjects",
      R"({"id":"s1","kind":"child","label":"C","full_name":"C Example","dob_precision":"exact","dob":"2027-01-05"})"));
  EXPECT_TRUE(Has(p, "/subjects/0/dob", "in the future")) << p.ToString();
}

TEST(BundleTest, DanglingReferencesAndDuplicateIds) {
  Bundle b = Demo();
  std::get<Link>(b.of(RecordKind::kLink)[3]).from_subject_id = "sub-gone";
  b.of(RecordKind::kSubject).push_back(b.of(RecordKind::kSubject)[0]);
  ProblemList p;
  ValidateBundle(b, kToday, nullptr, &p);
  EXPECT_TRUE(Has(p, "/links/3/from_subject_id", "sub-gone, which does not exist")) << p.ToString();
  std::string dup = "/subjects/" + std::to_string(b.of(RecordKind::kSubject).size() - 1) + "/id";
  EXPECT_TRUE(Has(p, dup, "already used by /subjects/0")) << p.ToString();
}

TEST(BundleTest, HandlingCodeCNeedsConditions) {
  Bundle b = Demo();
  auto& info = std::get<Information>(b.of(RecordKind::kInformation)[0]);
  info.handling = HandlingCode::kC;
  info.handling_conditions.reset();
  ProblemList p;
  ValidateBundle(b, kToday, nullptr, &p);
  EXPECT_TRUE(Has(p, "/information/0/handling_conditions", "required")) << p.ToString();
}

TEST(BundleTest, SelfLinkIsRefused) {
  Bundle b = Demo();
  auto& link = std::get<Link>(b.of(RecordKind::kLink)[0]);
  link.to_subject_id = link.from_subject_id;
  ProblemList p;
  ValidateBundle(b, kToday, nullptr, &p);
  EXPECT_TRUE(Has(p, "/links/0/to_subject_id", "cannot join a subject to itself")) << p.ToString();
}

TEST(BundleTest, DeepNestingIsRefusedWithoutRecursion) {
  std::string deep = std::string(kHeader) + "\"agencies\":[";
  deep += std::string(100'000, '[') + std::string(100'000, ']') + "]}";
  ProblemList p = Check(deep);
  ASSERT_EQ(p.total(), 1u) << p.ToString();
  EXPECT_EQ(p.kept()[0].pointer, "/agencies/0");
  EXPECT_NE(p.kept()[0].message.find("nesting is deeper than"), std::string::npos);
  std::string objects = std::string(100'000, '{') + std::string(100'000, '}');
  EXPECT_FALSE(Check(objects).empty());
}

TEST(BundleTest, InvalidUtf8IsRefused) {
  std::string text = WithSection("agencies",
                                 "{\"id\":\"a1\",\"name\":\"Bad \xC3\x28 byte\","
                                 "\"sector\":\"police\"}");
  ProblemList p = Check(text);
  ASSERT_EQ(p.total(), 1u) << p.ToString();
  EXPECT_NE(p.kept()[0].message.find("UTF-8"), std::string::npos) << p.ToString();
}

TEST(BundleTest, FiftyMegabytesOfJunkIsOneClearProblem) {
  std::string junk(50u << 20, '\0');
  std::mt19937 rng(7);
  for (char& c : junk) c = static_cast<char>(rng());
  junk[0] = '{';  // get past the first byte, as a file that starts well would
  ProblemList p = Check(junk);
  EXPECT_GE(p.total(), 1u);
  EXPECT_LE(p.total(), 2u) << p.ToString();
  EXPECT_NE(p.ToString().find("not valid JSON at byte"), std::string::npos);
}

TEST(BundleTest, ProblemListKeepsALimitButCountsAll) {
  std::string many;
  for (int i = 0; i < 30; ++i) many += std::string(i ? "," : "") + R"({"id":"!"})";
  Bundle b;
  ProblemList p(5);
  ParseBundle(WithSection("areas", many), &b, &p);
  ValidateBundle(b, kToday, nullptr, &p);
  EXPECT_EQ(p.kept().size(), 5u);
  EXPECT_GT(p.total(), 30u);
  EXPECT_NE(p.ToString().find("more problems"), std::string::npos);
}

TEST(BundleTest, SchemaDocumentMatchesTheCode) {
  std::ifstream in(std::string(CONTEXTMAP_SOURCE_DIR) + "/docs/bundle.schema.json");
  ASSERT_TRUE(in) << "docs/bundle.schema.json is missing";
  std::stringstream doc;
  doc << in.rdbuf();
  EXPECT_EQ(doc.str(), BundleJsonSchema())
      << "docs/bundle.schema.json is stale: regenerate it with `contextmap schema`";
}

}  // namespace
}  // namespace contextmap
