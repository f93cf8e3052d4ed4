#include "contextmap/core/search.h"

#include <gtest/gtest.h>

#include <string>

namespace contextmap {
namespace {

Subject Person(std::string label, std::vector<std::string> aliases = {}) {
  Subject s;
  s.id = "sub-test";
  s.kind = SubjectKind::kChild;
  s.label = label;
  s.full_name = std::move(label);
  s.aliases = std::move(aliases);
  return s;
}

SubjectSearch Search(std::string_view q, std::string_view dob = "", std::string_view kinds = "") {
  Result<SubjectSearch> s = ParseSubjectSearch(q, dob, kinds);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : SubjectSearch{};
}

bool Finds(std::string_view q, const Subject& subject) { return Matches(Search(q), subject); }

TEST(SearchTest, EveryWordIsTheStartOfAWordOfTheLabelNameOrAnAlias) {
  Subject kai = Person("Kai Sample", {"KJ"});
  EXPECT_TRUE(Finds("kai", kai));
  EXPECT_TRUE(Finds("Kai Sample", kai));
  EXPECT_TRUE(Finds("sam", kai));
  EXPECT_TRUE(Finds("sample kai", kai));  // in any order
  EXPECT_TRUE(Finds("kj", kai));          // an alias
  EXPECT_TRUE(Finds("kj samp", kai));     // words from an alias and the name together
  EXPECT_FALSE(Finds("ai", kai));         // the start of a word, not any part of it
  EXPECT_FALSE(Finds("kai smith", kai));  // every word must be found
  EXPECT_FALSE(Finds("kaiden", kai));     // longer than the word

  Subject place = Person("Port Fable railway station");
  place.full_name.clear();
  place.kind = SubjectKind::kLocation;
  EXPECT_TRUE(Finds("station", place));  // the label alone
}

TEST(SearchTest, CaseAndSpacesDoNotMatterButAccentsDo) {
  Subject zoe = Person("Zoë Élodie Øster");
  EXPECT_TRUE(Finds("ZOË", zoe));
  EXPECT_TRUE(Finds("élodie", zoe));
  EXPECT_TRUE(Finds("ÉLODIE", zoe));  // Latin-1 capitals fold
  EXPECT_TRUE(Finds("øster", zoe));
  EXPECT_TRUE(Finds("  zoë \t  élo  ", zoe));  // spaces, tabs, leading and trailing
  EXPECT_FALSE(Finds("zoe", zoe));             // accents are kept
  EXPECT_FALSE(Finds("elodie", zoe));

  EXPECT_TRUE(Finds("łukasz", Person("ŁUKASZ ŻÓŁW")));  // Latin Extended-A
  EXPECT_TRUE(Finds("żółw", Person("ŁUKASZ ŻÓŁW")));
  EXPECT_TRUE(Finds("иван", Person("Иван Петров")));  // Cyrillic
  EXPECT_TRUE(Finds("ΝΊΚΟΣ", Person("νίκος")));       // Greek
  EXPECT_EQ(FoldCase("ÀÖ×ØÞß"), "àö×øþß");            // not the multiplication sign or ß
  EXPECT_EQ(FoldCase("İı"), "İı");                    // dotted and dotless i stay as written
}

TEST(SearchTest, PunctuationSeparatesWords) {
  Subject s = Person("Siobhan O'Neil-Smith", {"“Shiv”"});
  EXPECT_TRUE(Finds("neil", s));
  EXPECT_TRUE(Finds("smith", s));
  EXPECT_TRUE(Finds("o'neil", s));
  EXPECT_TRUE(Finds("O’Neil", s));  // a curly apostrophe too
  EXPECT_TRUE(Finds("shiv", s));
  EXPECT_EQ(SearchWords("Flat 3, Gullhaven Court"),
            (std::vector<std::string>{"flat", "3", "gullhaven", "court"}));
  // Punctuation alone has no words, so it finds no one by name.
  EXPECT_FALSE(Finds("'", s));
  EXPECT_FALSE(Finds("- -", s));
}

TEST(SearchTest, TheWholeTextMayBeAPostcodeOrIdentifierSpacesIgnored) {
  Subject flat = Person("Flat 3, Gullhaven Court");
  flat.postcode = "ZZ9 2PF";
  Subject phone = Person("Kestrel deal phone");
  phone.identifier = "07700 900461";
  Subject car = Person("Grey hatchback");
  car.identifier = "ZZ26 FKE";
  struct Case {
    const Subject* subject;
    const char* q;
    bool found;
  } cases[] = {
      {&flat, "ZZ9 2PF", true},        {&flat, "zz92pf", true},
      {&flat, "zz9  2pf", true},       {&flat, "zz9", false},  // the whole postcode, not its start
      {&flat, "zz9 2pg", false},       {&phone, "07700900461", true},
      {&phone, "07700 900 461", true}, {&phone, "07700 900462", false},
      {&car, "zz26fke", true},
  };
  for (const Case& c : cases) EXPECT_EQ(Finds(c.q, *c.subject), c.found) << c.q;
}

TEST(SearchTest, DateOfBirthAndKindsNarrowTheSearch) {
  Subject ruby = Person("Ruby Example");
  ruby.dob = Date(2011, 7, 26);
  EXPECT_TRUE(Matches(Search("", "2011-07-26"), ruby));
  EXPECT_FALSE(Matches(Search("", "2011-07-27"), ruby));
  EXPECT_TRUE(Matches(Search("ruby", "2011-07-26"), ruby));
  EXPECT_FALSE(Matches(Search("ella", "2011-07-26"), ruby));  // both must hold
  EXPECT_FALSE(Matches(Search("ruby", "2011-07-27"), ruby));
  Subject undated = Person("Ruby Undated");
  EXPECT_FALSE(Matches(Search("", "2011-07-26"), undated));  // no dob: no match on dob

  EXPECT_TRUE(Matches(Search("ruby", "", "child"), ruby));
  EXPECT_TRUE(Matches(Search("ruby", "", "adult,child"), ruby));
  EXPECT_TRUE(Matches(Search("ruby", "", " adult , child "), ruby));
  EXPECT_FALSE(Matches(Search("ruby", "", "adult"), ruby));
  EXPECT_FALSE(Matches(Search("ruby", "", "location,group"), ruby));
  EXPECT_EQ(Search("x", "", "child,child,adult").kinds.size(), 2U);
}

TEST(SearchTest, BadParametersAreNamedAndNeverQuoted) {
  struct Case {
    std::string q, dob, kinds, field;
  } cases[] = {
      {"", "", "", "q"},          // neither text nor date of birth
      {"   ", "", "child", "q"},  // spaces only
      {std::string(kMaxSearchText + 1, 'a'), "", "", "q"},
      {"Ruby \xff", "", "", "q"},         // not UTF-8
      {"Ruby", "2011-02-30", "", "dob"},  // no such day
      {"Ruby", "26/07/2011", "", "dob"},
      {"Ruby", "", "Ruby", "kind"},  // not a kind
      {"Ruby", "", "child,", "kind"},
      {"Ruby", "", "child,,adult", "kind"},
      {"Ruby", "", ",", "kind"},
      {"Ruby", "", "Child", "kind"},  // names are lower case
  };
  for (const Case& c : cases) {
    Result<SubjectSearch> s = ParseSubjectSearch(c.q, c.dob, c.kinds);
    ASSERT_FALSE(s.ok()) << c.q << " " << c.dob << " " << c.kinds;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.status().field(), c.field) << c.q << " " << c.dob << " " << c.kinds;
    EXPECT_EQ(s.status().message().find("Ruby"), std::string::npos) << s.status().message();
    EXPECT_EQ(s.status().message().find("26/07"), std::string::npos) << s.status().message();
  }
  EXPECT_TRUE(ParseSubjectSearch("", "2011-07-26", "").ok());  // a date of birth alone will do
  EXPECT_TRUE(ParseSubjectSearch(std::string(kMaxSearchText, 'a'), "", "").ok());
}

}  // namespace
}  // namespace contextmap
