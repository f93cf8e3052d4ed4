#include "contextmap/core/date.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace contextmap {
namespace {

TEST(DateTest, DefaultIsUnset) {
  const Date d;
  EXPECT_FALSE(d.IsSet());
  EXPECT_EQ(d.ToString(), "");
  EXPECT_EQ(d.ToLongString(), "");
  EXPECT_TRUE(Date(2026, 3, 14).IsSet());
}

TEST(DateTest, ParsesAndPrintsIsoDates) {
  const std::optional<Date> d = Date::Parse("2026-03-14");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 3);
  EXPECT_EQ(d->day(), 14);
  EXPECT_EQ(d->ToString(), "2026-03-14");
  EXPECT_EQ(*d, Date(2026, 3, 14));
  // The range's ends and both kinds of leap day print back as they were read.
  for (std::string_view text : {"1900-01-01", "2199-12-31", "2024-02-29", "2000-02-29"}) {
    const std::optional<Date> read = Date::Parse(text);
    ASSERT_TRUE(read.has_value()) << text;
    EXPECT_EQ(read->ToString(), text);
  }
}

TEST(DateTest, ParseRejectsAnythingButARealYyyyMmDd) {
  for (const char* bad : {
           "2011-02-31",           "2023-02-29",  "1900-02-29",  "2100-02-29", "2026-04-31",
           "2026-06-31",           "2026-09-31",  "2026-11-31",  "2026-00-10", "2026-13-01",
           "2026-01-00",           "2026-01-32",  "2011-2-3",    "2011-02-3",  "2011-2-03",
           "2011-02-03x",          " 2011-02-03", "2011-02-03 ", "",           "abcd-ef-gh",
           "1899-12-31",           "2200-01-01",  "0000-01-01",  "20110203",   "2011/02/03",
           "2011-02-03T00:00:00Z", "+201-02-03",  "-201-02-03",  "2011-+2-03", "2011-02--3",
           "２011-02-03",          "2011-02-0",
       }) {
    EXPECT_FALSE(Date::Parse(bad).has_value()) << '"' << bad << '"';
  }
  EXPECT_FALSE(Date::Parse(std::string_view("2011-02-0\0", 10)).has_value());
}

TEST(DateTest, LeapYears) {
  // Divisible by 400, a century, another century, divisible by 4, not.
  for (const auto& [year, leap] :
       {std::pair{2000, true}, std::pair{1900, false}, std::pair{2100, false},
        std::pair{2024, true}, std::pair{2023, false}}) {
    EXPECT_EQ(Date::DaysInMonth(year, 2), leap ? 29 : 28) << year;
    EXPECT_EQ(Date::IsValid(year, 2, 29), leap) << year;
  }
}

TEST(DateTest, DaysInMonthAndIsValid) {
  const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(Date::DaysInMonth(2026, m), expected[m - 1]) << m;
  for (int m : {0, 13}) EXPECT_EQ(Date::DaysInMonth(2026, m), 0) << m;
  // Year 0 would be the unset date.
  for (const auto& [y, m, d] :
       {std::tuple{2011, 2, 31}, std::tuple{2026, 4, 31}, std::tuple{2026, 0, 1},
        std::tuple{2026, 1, 0}, std::tuple{0, 1, 1}}) {
    EXPECT_FALSE(Date::IsValid(y, m, d)) << y << "-" << m << "-" << d;
  }
  EXPECT_TRUE(Date::IsValid(2026, 12, 31));
}

TEST(DateTest, KnownDayNumbers) {
  EXPECT_EQ(Date(1970, 1, 1).DayNumber(), 0);
  EXPECT_EQ(Date(1969, 12, 31).DayNumber(), -1);
  EXPECT_EQ(Date(2000, 3, 1).DayNumber(), 11017);
  EXPECT_EQ(Date(2026, 3, 14).DayNumber(), 20526);
  EXPECT_EQ(Date(1900, 1, 1).DayNumber(), -25567);
  EXPECT_EQ(Date(2199, 12, 31).DayNumber(), 84005);
  EXPECT_EQ(Date::FromDayNumber(20526), Date(2026, 3, 14));
  EXPECT_EQ(Date::FromDayNumber(-25567), Date(1900, 1, 1));
}

TEST(DateTest, DayNumberRoundTripsAndCountsEveryDay) {
  // Walk 1800-01-01 .. 2300-12-31 a day at a time, checking against a hand-rolled calendar.
  int y = 1800, m = 1, d = 1;
  const int64_t first = Date(1800, 1, 1).DayNumber();
  const int64_t last = Date(2300, 12, 31).DayNumber();
  int weekday = Date(1800, 1, 1).Weekday();
  EXPECT_EQ(weekday, 2);  // 1 January 1800 was a Wednesday
  for (int64_t n = first; n <= last; ++n) {
    const Date date = Date::FromDayNumber(n);
    ASSERT_EQ(date, Date(y, m, d)) << n;
    ASSERT_EQ(date.DayNumber(), n);
    ASSERT_EQ(date.Weekday(), weekday) << date.ToString();
    weekday = (weekday + 1) % 7;
    if (++d > Date::DaysInMonth(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
  EXPECT_EQ(y, 2301);
}

TEST(DateTest, Weekday) {
  EXPECT_EQ(Date(1970, 1, 1).Weekday(), 3);    // Thursday
  EXPECT_EQ(Date(1900, 1, 1).Weekday(), 0);    // Monday
  EXPECT_EQ(Date(2000, 1, 1).Weekday(), 5);    // Saturday
  EXPECT_EQ(Date(2026, 3, 14).Weekday(), 5);   // Saturday
  EXPECT_EQ(Date(2026, 3, 15).Weekday(), 6);   // Sunday
  EXPECT_EQ(Date(2026, 3, 16).Weekday(), 0);   // Monday
  EXPECT_EQ(Date(2026, 12, 25).Weekday(), 4);  // Friday
  EXPECT_EQ(Date(1969, 12, 31).Weekday(), 2);  // Wednesday
  EXPECT_TRUE(Date(2026, 3, 14).IsWeekend());
  EXPECT_TRUE(Date(2026, 3, 15).IsWeekend());
  EXPECT_FALSE(Date(2026, 3, 13).IsWeekend());
  EXPECT_FALSE(Date(2026, 3, 16).IsWeekend());
}

TEST(DateTest, AddDays) {
  EXPECT_EQ(Date(2026, 3, 14).AddDays(0), Date(2026, 3, 14));
  EXPECT_EQ(Date(2026, 3, 14).AddDays(18), Date(2026, 4, 1));
  EXPECT_EQ(Date(2026, 12, 31).AddDays(1), Date(2027, 1, 1));
  EXPECT_EQ(Date(2024, 2, 28).AddDays(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2023, 2, 28).AddDays(1), Date(2023, 3, 1));
  EXPECT_EQ(Date(2026, 1, 1).AddDays(-1), Date(2025, 12, 31));
  EXPECT_EQ(Date(2026, 1, 1).AddDays(365), Date(2027, 1, 1));
  EXPECT_EQ(Date(2024, 1, 1).AddDays(366), Date(2025, 1, 1));
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date(2026, 1, 31).AddMonths(1), Date(2026, 2, 28));
  EXPECT_EQ(Date(2024, 1, 31).AddMonths(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2026, 3, 31).AddMonths(-1), Date(2026, 2, 28));
  EXPECT_EQ(Date(2026, 5, 31).AddMonths(1), Date(2026, 6, 30));
  EXPECT_EQ(Date(2026, 8, 31).AddMonths(1), Date(2026, 9, 30));
  EXPECT_EQ(Date(2024, 2, 29).AddMonths(12), Date(2025, 2, 28));
  EXPECT_EQ(Date(2024, 2, 29).AddMonths(48), Date(2028, 2, 29));
  EXPECT_EQ(Date(2026, 1, 31).AddMonths(2), Date(2026, 3, 31));  // no carry-over of the clamp
  EXPECT_EQ(Date(2026, 3, 14).AddMonths(0), Date(2026, 3, 14));
  EXPECT_EQ(Date(2026, 12, 15).AddMonths(1), Date(2027, 1, 15));
  EXPECT_EQ(Date(2026, 1, 15).AddMonths(-1), Date(2025, 12, 15));
  EXPECT_EQ(Date(2026, 1, 15).AddMonths(-13), Date(2024, 12, 15));
  EXPECT_EQ(Date(2026, 3, 14).AddMonths(24), Date(2028, 3, 14));
  EXPECT_EQ(Date(2026, 3, 14).AddMonths(-24), Date(2024, 3, 14));
  EXPECT_EQ(Date(2026, 10, 31).AddMonths(6), Date(2027, 4, 30));
}

TEST(DateTest, ToLongString) {
  EXPECT_EQ(Date(2026, 3, 14).ToLongString(), "14 March 2026");
  EXPECT_EQ(Date(2000, 1, 1).ToLongString(), "1 January 2000");
  EXPECT_EQ(Date(2027, 12, 31).ToLongString(), "31 December 2027");
  EXPECT_EQ(Date(2026, 9, 5).ToLongString(), "5 September 2026");
}

TEST(DateTest, Ordering) {
  EXPECT_LT(Date(2026, 3, 14), Date(2026, 3, 15));
  EXPECT_LT(Date(2026, 2, 28), Date(2026, 3, 1));
  EXPECT_LT(Date(2025, 12, 31), Date(2026, 1, 1));
  EXPECT_LT(Date(), Date(1900, 1, 1));
  EXPECT_EQ(Date(2026, 3, 14), Date(2026, 3, 14));
  EXPECT_NE(Date(2026, 3, 14), Date(2026, 3, 15));
}

TEST(DateTest, TodayIsPlausible) {
  const Date today = Date::Today();
  EXPECT_TRUE(today.IsSet());
  EXPECT_GE(today.year(), 2024);
  // Now() and Today() may straddle midnight UTC.
  const int64_t diff = Timestamp::Now().date().DayNumber() - today.DayNumber();
  EXPECT_TRUE(diff == 0 || diff == 1) << diff;
}

TEST(TimestampTest, DefaultIsUnset) {
  const Timestamp t;
  EXPECT_FALSE(t.IsSet());
  EXPECT_EQ(t.ToString(), "");
  EXPECT_FALSE(t.date().IsSet());
  EXPECT_TRUE(Timestamp(0).IsSet());
}

TEST(TimestampTest, ParsesAndPrintsUtc) {
  const std::optional<Timestamp> t = Timestamp::Parse("2026-03-14T09:30:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->unix_seconds(), 1773480600);
  EXPECT_EQ(t->ToString(), "2026-03-14T09:30:00Z");
  EXPECT_EQ(t->date(), Date(2026, 3, 14));
  EXPECT_EQ(Timestamp(0).ToString(), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Timestamp(86399).ToString(), "1970-01-01T23:59:59Z");
  EXPECT_EQ(Timestamp(-1).ToString(), "1969-12-31T23:59:59Z");
  EXPECT_EQ(Timestamp(-1).date(), Date(1969, 12, 31));
  EXPECT_EQ(Timestamp(-86400).date(), Date(1969, 12, 31));
  EXPECT_EQ(Timestamp(-86401).date(), Date(1969, 12, 30));
  EXPECT_EQ(Timestamp::Parse("1969-12-31T23:59:59Z")->unix_seconds(), -1);
  EXPECT_EQ(Timestamp::Parse("2000-02-29T23:59:59Z")->unix_seconds(), 951868799);
  for (const char* text : {"1900-01-01T00:00:00Z", "2199-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
                           "2026-07-04T00:00:01Z"}) {
    const std::optional<Timestamp> ts = Timestamp::Parse(text);
    ASSERT_TRUE(ts.has_value()) << text;
    EXPECT_EQ(ts->ToString(), text);
  }
}

TEST(TimestampTest, ParseRejectsOtherForms) {
  for (const char* bad : {
           "",
           "2026-03-14",
           "2026-03-14T09:30:00",
           "2026-03-14 09:30:00Z",
           "2026-03-14t09:30:00z",
           "2026-03-14T09:30:00+00:00",
           "2026-03-14T09:30:00.000Z",
           "2026-03-14T9:30:00Z",
           "2026-03-14T09:30Z",
           "2026-03-14T24:00:00Z",
           "2026-03-14T09:60:00Z",
           "2026-03-14T09:30:60Z",
           "2026-02-30T00:00:00Z",
           "2011-02-31T00:00:00Z",
           "1899-12-31T23:59:59Z",
           "2200-01-01T00:00:00Z",
           "2026-03-14T09:30:00Zx",
           "2026-03-14T0a:30:00Z",
           "2026-03-14T09-30-00Z",
       }) {
    EXPECT_FALSE(Timestamp::Parse(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(TimestampTest, NowIsPlausibleAndOrdered) {
  const Timestamp a = Timestamp::Now();
  const Timestamp b = Timestamp::Now();
  EXPECT_TRUE(a.IsSet());
  EXPECT_LE(a, b);
  EXPECT_GT(a.unix_seconds(), 1704067200);  // after 2024-01-01
  EXPECT_LT(Timestamp(1), Timestamp(2));
  EXPECT_EQ(Timestamp::Parse(a.ToString()), a);
}

}  // namespace
}  // namespace contextmap
