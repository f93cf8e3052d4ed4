#include "contextmap/core/json_codec.h"

#include <gtest/gtest.h>

#include "contextmap/demo/demo.h"

namespace contextmap {
namespace {

using nlohmann::json;

TEST(JsonCodecTest, EveryDemoRecordRoundTrips) {
  for (const Record& r : DemoPartnership(Date(2026, 11, 23))) {
    std::string text = EncodeRecord(r);
    ProblemList problems;
    Record back = DecodeRecord(KindOf(r), json::parse(text), "/x", &problems);
    ASSERT_TRUE(problems.empty()) << text << "\n" << problems.ToString();
    EXPECT_EQ(EncodeRecord(back), text);
  }
}

TEST(JsonCodecTest, CanonicalFormLeavesOutAbsentFields) {
  Agency a;
  a.id = "agy-1";
  a.version = 3;
  a.name = "Northwick \"County\" Police";
  a.sector = AgencySector::kPolice;
  EXPECT_EQ(
      EncodeRecord(a),
      R"({"id":"agy-1","version":3,"name":"Northwick \"County\" Police","sector":"police","inactive":false})");
}

TEST(JsonCodecTest, NestedProblemsCarryTheFullPointer) {
  json j = json::parse(R"({"id":"inf-1","source_agency_id":"agy-1","text":"t",
      "captured_on":"2026-01-01","recorded_on":"2026-01-02","source":"4","assessment":"B",
      "handling":"P","evidence":"evidenced",
      "sighting":{"seen_on":"2026-13-01","present_subject_ids":["a", 5]}})");
  ProblemList p;
  DecodeRecord(RecordKind::kInformation, j, "/information/7", &p);
  std::string text = p.ToString();
  EXPECT_NE(text.find("/information/7/source: '4' is not a known value (one of: 1, 2, 3)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("/information/7/sighting/seen_on: 2026-13-01 is not a date"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("/information/7/sighting/present_subject_ids/1: must be a string"),
            std::string::npos)
      << text;
}

TEST(JsonCodecTest, TextThatIsNotUtf8IsRefusedFieldByField) {
  // A tree built in code, not parsed, so nlohmann's parser has not looked at the bytes.
  json j = {{"id", "sub-1"},
            {"kind", "child"},
            {"label", "caf\xe9"},
            {"full_name", "Ruby Example"},
            {"aliases", {"Rubes", "\xff"}},
            {"dob_precision", "unknown"},
            {"school_id", "sub-\xc3"}};
  ProblemList p;
  Record r = DecodeRecord(RecordKind::kSubject, j, "/subjects/0", &p);
  EXPECT_EQ(p.ToString(),
            "/subjects/0/label: is not valid UTF-8 text\n"
            "/subjects/0/aliases/1: is not valid UTF-8 text\n"
            "/subjects/0/school_id: is not valid UTF-8 text\n");
  // Nothing that is not UTF-8 reaches the record.
  const auto& subject = std::get<Subject>(r);
  EXPECT_EQ(subject.full_name, "Ruby Example");
  EXPECT_EQ(subject.label, "");
  EXPECT_EQ(subject.aliases, std::vector<std::string>{"Rubes"});
  EXPECT_EQ(subject.school_id, "");
}

TEST(JsonCodecTest, MissingRequiredEnumIsNamed) {
  ProblemList p;
  DecodeRecord(RecordKind::kAgency, json::parse(R"({"id":"a","name":"A"})"), "/agencies/0", &p);
  ASSERT_EQ(p.total(), 1u);
  EXPECT_EQ(p.kept()[0].pointer, "/agencies/0/sector");
}

TEST(JsonCodecTest, PointerTokensAreEscaped) {
  EXPECT_EQ(PointerAppend("/a", "b/c~d"), "/a/b~1c~0d");
  EXPECT_EQ(PointerAppend("", std::size_t{3}), "/3");
}

TEST(JsonCodecTest, ControlCharactersAreEscaped) {
  std::string out;
  AppendJsonString(std::string("a\nb\x01\"\\", 6), &out);
  EXPECT_EQ(out, R"("a\nb\u0001\"\\")");
  EXPECT_EQ(json::parse(out).get<std::string>(), std::string("a\nb\x01\"\\", 6));
}

TEST(JsonCodecTest, StringsRoundTripWithEscapesAnywhere) {
  // Escapes at the start, the end, side by side and between runs of plain text, UTF-8 and
  // DEL kept as they are; appended after what `out` already holds.
  for (const std::string& text :
       {std::string(""), std::string("plain"), std::string("\"starts"), std::string("ends\\"),
        std::string("\r\n\t"), std::string("caf\xc3\xa9 \x7f \x1f|\x00|", 12),
        std::string("a \"quoted\" word\tthen\nmore text after it")}) {
    std::string out = "[";
    AppendJsonString(text, &out);
    out += "]";
    json parsed = json::parse(out);
    EXPECT_EQ(parsed[0].get<std::string>(), text) << out;
    EXPECT_EQ(out, "[" + json(text).dump() + "]");  // the same bytes nlohmann writes
  }
}

}  // namespace
}  // namespace contextmap
