#include "contextmap/core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace contextmap {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Ruby Example, Port Fable"));
  EXPECT_TRUE(IsValidUtf8("Zoë Sample, Łódź, 東京, 🙂"));  // 2, 3 and 4 byte sequences
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));  // NUL is UTF-8 (validation refuses it)
  EXPECT_TRUE(IsValidUtf8("\xc2\x80"));              // U+0080, the smallest 2-byte form
  EXPECT_TRUE(IsValidUtf8("\xed\x9f\xbf"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xee\x80\x80"));          // U+E000, just above them
  EXPECT_TRUE(IsValidUtf8("\xf4\x8f\xbf\xbf"));      // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("a long run of ASCII before the end: \xc3\xa9"));
}

TEST(Utf8, RefusesMalformedText) {
  const char* bad[] = {
      "\x80",                  // a continuation byte with no lead
      "abc\xbf",               // the same after ASCII
      "\xc3",                  // truncated 2-byte sequence
      "\xe2\x82",              // truncated 3-byte sequence
      "\xf0\x9f\x99",          // truncated 4-byte sequence
      "\xc3(",                 // lead byte followed by ASCII
      "\xc0\x80",              // overlong NUL
      "\xc1\xbf",              // overlong U+007F
      "\xe0\x9f\xbf",          // overlong U+07FF
      "\xf0\x8f\xbf\xbf",      // overlong U+FFFF
      "\xed\xa0\x80",          // U+D800, a surrogate
      "\xed\xbf\xbf",          // U+DFFF, a surrogate
      "\xf4\x90\x80\x80",      // U+110000, beyond Unicode
      "\xf8\x88\x80\x80\x80",  // a 5-byte form
      "\xff",
      "Latin-1 caf\xe9 sent as bytes",
  };
  for (const char* text : bad) EXPECT_FALSE(IsValidUtf8(text)) << testing::PrintToString(text);
  // In the middle of a run longer than eight ASCII bytes, and at its very end.
  EXPECT_FALSE(
      IsValidUtf8("0123456789\xff"
                  "0123456789"));
  EXPECT_FALSE(IsValidUtf8("01234567\xff"));
}

TEST(Utf8, CheckNamesTheFieldAndNeverTheBytes) {
  EXPECT_TRUE(CheckUtf8("--reason", "strategy meeting").ok());
  Status s = CheckUtf8("--reason", "caf\xe9");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "--reason");
  EXPECT_EQ(s.message(), "is not valid UTF-8 text");
}

}  // namespace
}  // namespace contextmap
