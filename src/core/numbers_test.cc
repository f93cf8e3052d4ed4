#include "contextmap/core/numbers.h"

#include <gtest/gtest.h>

#include <limits>

namespace contextmap {
namespace {

TEST(NumbersTest, WholeNumbersWithinBoundsAreRead) {
  EXPECT_EQ(ParseWholeNumber("0", 0, 10), 0);
  EXPECT_EQ(ParseWholeNumber("10", 0, 10), 10);
  EXPECT_EQ(ParseWholeNumber("007", 1, 10), 7);
  EXPECT_EQ(ParseWholeNumber("65535", 0, 65535), 65535);
  EXPECT_EQ(ParseWholeNumber("999999999999999999", 0, std::numeric_limits<int64_t>::max()),
            999'999'999'999'999'999);
}

TEST(NumbersTest, AnythingElseIsRefused) {
  for (const char* text : {"", " 1", "1 ", "+1", "-1", "1.0", "1e3", "0x10", "١", "12a"}) {
    EXPECT_EQ(ParseWholeNumber(text, 0, 1000), std::nullopt) << text;
  }
  EXPECT_EQ(ParseWholeNumber("11", 0, 10), std::nullopt);  // above max
  EXPECT_EQ(ParseWholeNumber("3", 4, 10), std::nullopt);   // below min
  EXPECT_EQ(ParseWholeNumber("1234567890123456789", 0, std::numeric_limits<int64_t>::max()),
            std::nullopt);  // 19 digits
}

}  // namespace
}  // namespace contextmap
