#include "contextmap/core/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/enums.h"

namespace contextmap {
namespace {

Date D(std::string_view text) {
  const std::optional<Date> d = Date::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Date());
}

std::vector<std::string> Strings(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  out.reserve(dates.size());
  for (Date d : dates) out.push_back(d.ToString());
  return out;
}

using Days = std::vector<std::string>;

// Published England and Wales bank holidays (gov.uk/bank-holidays and the proclamations).
TEST(BankHolidaysTest, PublishedYears) {
  EXPECT_EQ(Strings(BankHolidays(2026)),
            (Days{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                  "2026-08-31", "2026-12-25", "2026-12-28"}));
  EXPECT_EQ(Strings(BankHolidays(2027)),
            (Days{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
                  "2027-08-30", "2027-12-27", "2027-12-28"}));
  EXPECT_EQ(Strings(BankHolidays(2025)),
            (Days{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
                  "2025-08-25", "2025-12-25", "2025-12-26"}));
  EXPECT_EQ(Strings(BankHolidays(2024)),
            (Days{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27",
                  "2024-08-26", "2024-12-25", "2024-12-26"}));
  // Coronation.
  EXPECT_EQ(Strings(BankHolidays(2023)),
            (Days{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
                  "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"}));
  // New Year substitute, Platinum Jubilee (spring moved to Thu 2 June, extra Fri 3 June), State
  // Funeral, Christmas on a Sunday (Boxing Day Mon 26th, substitute Tue 27th).
  EXPECT_EQ(Strings(BankHolidays(2022)),
            (Days{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
                  "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}));
  // Christmas on a Saturday: Mon 27th and Tue 28th.
  EXPECT_EQ(Strings(BankHolidays(2021)),
            (Days{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31",
                  "2021-08-30", "2021-12-27", "2021-12-28"}));
  // Early May moved to Fri 8 May (VE Day 75); Boxing Day on a Saturday -> Mon 28th.
  EXPECT_EQ(Strings(BankHolidays(2020)),
            (Days{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25",
                  "2020-08-31", "2020-12-25", "2020-12-28"}));
  EXPECT_EQ(Strings(BankHolidays(2012)),
            (Days{"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04",
                  "2012-06-05", "2012-08-27", "2012-12-25", "2012-12-26"}));
  EXPECT_EQ(Strings(BankHolidays(2011)),
            (Days{"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02",
                  "2011-05-30", "2011-08-29", "2011-12-26", "2011-12-27"}));
  EXPECT_EQ(Strings(BankHolidays(2002)),
            (Days{"2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03",
                  "2002-06-04", "2002-08-26", "2002-12-25", "2002-12-26"}));
  EXPECT_EQ(Strings(BankHolidays(1999)),
            (Days{"1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03", "1999-05-31",
                  "1999-08-30", "1999-12-27", "1999-12-28", "1999-12-31"}));
  EXPECT_EQ(Strings(BankHolidays(1995)),
            (Days{"1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08", "1995-05-29",
                  "1995-08-28", "1995-12-25", "1995-12-26"}));
}

TEST(BankHolidaysTest, FutureYearsFollowTheRules) {
  // 2028: New Year's Day on a Saturday, Easter Sunday 16 April, Christmas on a Monday.
  EXPECT_EQ(Strings(BankHolidays(2028)),
            (Days{"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29",
                  "2028-08-28", "2028-12-25", "2028-12-26"}));
  // 2033: New Year's Day on a Saturday and Christmas on a Sunday.
  EXPECT_EQ(Strings(BankHolidays(2033)),
            (Days{"2033-01-03", "2033-04-15", "2033-04-18", "2033-05-02", "2033-05-30",
                  "2033-08-29", "2033-12-26", "2033-12-27"}));
}

TEST(BankHolidaysTest, GoodFridayFollowsEaster) {
  // Known Easter Sundays, including the earliest (22 March) and latest (25 April) possible.
  const std::pair<Date, Date> cases[] = {
      {Date(1818, 3, 22), Date(1818, 3, 20)}, {Date(1943, 4, 25), Date(1943, 4, 23)},
      {Date(2000, 4, 23), Date(2000, 4, 21)}, {Date(2008, 3, 23), Date(2008, 3, 21)},
      {Date(2019, 4, 21), Date(2019, 4, 19)}, {Date(2038, 4, 25), Date(2038, 4, 23)},
      {Date(2285, 3, 22), Date(2285, 3, 20)},
  };
  for (const auto& [easter, good_friday] : cases) {
    EXPECT_TRUE(IsBankHoliday(good_friday)) << good_friday.ToString();
    EXPECT_TRUE(IsBankHoliday(easter.AddDays(1))) << easter.ToString();
    EXPECT_FALSE(IsBankHoliday(easter)) << easter.ToString();
    const std::vector<Date> year = BankHolidays(easter.year());
    EXPECT_EQ(year[1], good_friday);
    EXPECT_EQ(year[2], easter.AddDays(1));
  }
}

TEST(BankHolidaysTest, EveryYearIsSortedOnWeekdaysWithTheExpectedCount) {
  for (int y = 1850; y <= 2250; ++y) {
    const std::vector<Date> days = BankHolidays(y);
    size_t expected = 8;
    if (y == 1981 || y == 1999 || y == 2002 || y == 2011 || y == 2012 || y == 2023) expected = 9;
    if (y == 2022) expected = 10;
    EXPECT_EQ(days.size(), expected) << y;
    EXPECT_TRUE(std::is_sorted(days.begin(), days.end())) << y;
    EXPECT_EQ(std::adjacent_find(days.begin(), days.end()), days.end()) << y;
    for (Date d : days) {
      EXPECT_EQ(d.year(), y);
      EXPECT_FALSE(d.IsWeekend()) << d.ToString();
      EXPECT_TRUE(IsBankHoliday(d)) << d.ToString();
    }
  }
}

TEST(BankHolidaysTest, IsBankHolidayAgreesWithTheLists) {
  for (int y : {1899, 1900, 1999, 2022, 2026, 2199, 2200}) {
    const std::vector<Date> holidays = BankHolidays(y);
    int found = 0;
    for (Date d(y, 1, 1); d.year() == y; d = d.AddDays(1)) {
      const bool listed = std::binary_search(holidays.begin(), holidays.end(), d);
      EXPECT_EQ(IsBankHoliday(d), listed) << d.ToString();
      found += listed;
    }
    EXPECT_EQ(found, static_cast<int>(holidays.size()));
  }
  EXPECT_FALSE(IsBankHoliday(Date(2022, 5, 30)));   // moved to 2 June
  EXPECT_FALSE(IsBankHoliday(Date(2020, 5, 4)));    // moved to 8 May
  EXPECT_FALSE(IsBankHoliday(Date(2026, 12, 26)));  // Saturday; the substitute is the 28th
}

TEST(WorkingDayTest, IsWorkingDay) {
  EXPECT_TRUE(IsWorkingDay(D("2026-04-02")));   // Thursday before Easter
  EXPECT_FALSE(IsWorkingDay(D("2026-04-03")));  // Good Friday
  EXPECT_FALSE(IsWorkingDay(D("2026-04-04")));  // Saturday
  EXPECT_FALSE(IsWorkingDay(D("2026-04-05")));  // Sunday
  EXPECT_FALSE(IsWorkingDay(D("2026-04-06")));  // Easter Monday
  EXPECT_TRUE(IsWorkingDay(D("2026-04-07")));
  EXPECT_FALSE(IsWorkingDay(D("2026-12-28")));  // Boxing Day substitute
  EXPECT_TRUE(IsWorkingDay(D("2026-12-24")));
  EXPECT_TRUE(IsWorkingDay(D("2026-12-29")));
}

TEST(WorkingDayTest, AddWorkingDaysOverEasterAndChristmas2026) {
  // A plain week: 5 working days after a Monday is the next Monday.
  EXPECT_EQ(AddWorkingDays(D("2026-03-09"), 5), D("2026-03-16"));
  EXPECT_EQ(AddWorkingDays(D("2026-03-13"), 1), D("2026-03-16"));  // Friday -> Monday
  // Easter 2026: Fri 3 and Mon 6 April are holidays.
  EXPECT_EQ(AddWorkingDays(D("2026-04-02"), 1), D("2026-04-07"));
  EXPECT_EQ(AddWorkingDays(D("2026-04-02"), 5), D("2026-04-13"));
  EXPECT_EQ(AddWorkingDays(D("2026-04-03"), 1), D("2026-04-07"));  // from a holiday
  EXPECT_EQ(AddWorkingDays(D("2026-04-04"), 1), D("2026-04-07"));  // from a weekend
  EXPECT_EQ(AddWorkingDays(D("2026-03-27"), 10), D("2026-04-14"));
  // Christmas 2026: Fri 25 and Mon 28 December, Fri 1 January 2027.
  EXPECT_EQ(AddWorkingDays(D("2026-12-23"), 1), D("2026-12-24"));
  EXPECT_EQ(AddWorkingDays(D("2026-12-23"), 2), D("2026-12-29"));
  EXPECT_EQ(AddWorkingDays(D("2026-12-23"), 5), D("2027-01-04"));
  EXPECT_EQ(AddWorkingDays(D("2026-12-14"), 10), D("2026-12-30"));
  // A year of working days: 2026 has 261 weekdays less 8 bank holidays.
  EXPECT_EQ(AddWorkingDays(D("2025-12-31"), 253), D("2026-12-31"));
}

TEST(WorkingDayTest, AddZeroWorkingDays) {
  EXPECT_EQ(AddWorkingDays(D("2026-04-02"), 0), D("2026-04-02"));
  EXPECT_EQ(AddWorkingDays(D("2026-04-03"), 0), D("2026-04-07"));  // Good Friday
  EXPECT_EQ(AddWorkingDays(D("2026-04-04"), 0), D("2026-04-07"));  // Saturday of Easter
  EXPECT_EQ(AddWorkingDays(D("2026-03-14"), 0), D("2026-03-16"));  // ordinary Saturday
}

TEST(WorkingDayTest, AddNegativeWorkingDays) {
  EXPECT_EQ(AddWorkingDays(D("2026-03-16"), -5), D("2026-03-09"));
  EXPECT_EQ(AddWorkingDays(D("2026-03-16"), -1), D("2026-03-13"));
  EXPECT_EQ(AddWorkingDays(D("2026-04-13"), -5), D("2026-04-02"));
  EXPECT_EQ(AddWorkingDays(D("2026-04-07"), -1), D("2026-04-02"));
  EXPECT_EQ(AddWorkingDays(D("2026-04-04"), -1), D("2026-04-02"));  // from a weekend
  EXPECT_EQ(AddWorkingDays(D("2027-01-04"), -5), D("2026-12-23"));
  EXPECT_EQ(AddWorkingDays(D("2027-01-04"), -1), D("2026-12-31"));
}

// The obvious day-at-a-time answers, over IsWorkingDay flags computed once for [first, last].
class DayByDay {
 public:
  DayByDay(Date first, Date last) : first_(first.DayNumber()) {
    for (Date d = first; d <= last; d = d.AddDays(1)) working_.push_back(IsWorkingDay(d));
  }

  bool Working(int64_t day) const { return working_.at(day - first_) != 0; }

  Date Add(Date start, int n) const {
    int64_t day = start.DayNumber();
    if (n == 0) {
      while (!Working(day)) ++day;
    }
    for (int left = n; left > 0;) {  // (start, result]
      if (Working(++day)) --left;
    }
    for (int left = -n; left > 0;) {  // [result, start)
      if (Working(--day)) --left;
    }
    return Date::FromDayNumber(day);
  }

  int Between(Date from, Date to) const {
    if (to < from) return -Between(to, from);
    int count = 0;
    for (int64_t day = from.DayNumber() + 1; day <= to.DayNumber(); ++day) count += Working(day);
    return count;
  }

 private:
  int64_t first_;
  std::vector<char> working_;
};

TEST(WorkingDayTest, AgreesWithDayByDayCounting) {
  // Every start day in 2020..2027 (which holds three years of one-off changes) and the edges of
  // the precomputed table, with n from -30 to 30.
  const std::pair<Date, Date> ranges[] = {
      {Date(2020, 1, 1), Date(2027, 12, 31)},
      {Date(1899, 10, 1), Date(1900, 3, 1)},
      {Date(2199, 10, 1), Date(2200, 3, 1)},
  };
  for (const auto& [first, last] : ranges) {
    const DayByDay naive(first.AddDays(-100), last.AddDays(100));
    for (Date start = first; start <= last; start = start.AddDays(1)) {
      for (int n = -30; n <= 30; ++n) {
        const Date got = AddWorkingDays(start, n);
        ASSERT_EQ(got, naive.Add(start, n)) << start.ToString() << " + " << n;
        ASSERT_TRUE(IsWorkingDay(got));
        if (n > 0) {
          ASSERT_EQ(WorkingDaysBetween(start, got), n);
        }
        // Counting back, got is in [got, start) but not in (got, start], and start vice versa.
        if (n < 0) {
          ASSERT_EQ(WorkingDaysBetween(got, start), -n - 1 + IsWorkingDay(start));
        }
      }
    }
  }
}

TEST(WorkingDayTest, WorkingDaysBetween) {
  EXPECT_EQ(WorkingDaysBetween(D("2026-04-02"), D("2026-04-13")), 5);
  EXPECT_EQ(WorkingDaysBetween(D("2026-04-13"), D("2026-04-02")), -5);
  EXPECT_EQ(WorkingDaysBetween(D("2026-04-02"), D("2026-04-02")), 0);
  EXPECT_EQ(WorkingDaysBetween(D("2026-04-02"), D("2026-04-06")), 0);  // Fri..Mon all off
  EXPECT_EQ(WorkingDaysBetween(D("2026-03-09"), D("2026-03-16")), 5);
  EXPECT_EQ(WorkingDaysBetween(D("2026-03-13"), D("2026-03-15")), 0);
  EXPECT_EQ(WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")), 253);
  EXPECT_EQ(WorkingDaysBetween(D("2026-12-23"), D("2027-01-04")), 5);
  // 2022 (260 weekdays) lost two extra working days, to the jubilee and the State Funeral.
  EXPECT_EQ(WorkingDaysBetween(D("2021-12-31"), D("2022-12-31")), 260 - 10);
}

TEST(WorkingDayTest, WorkingDaysBetweenAgreesWithDayByDayCounting) {
  const Date origins[] = {Date(2026, 4, 2), Date(2026, 4, 4), Date(2022, 5, 29), Date(1899, 12, 20),
                          Date(2199, 12, 20)};
  const DayByDay naive(Date(1870, 1, 1), Date(2230, 12, 31));
  for (Date from : origins) {
    for (int offset = -400; offset <= 400; ++offset) {
      const Date to = from.AddDays(offset);
      ASSERT_EQ(WorkingDaysBetween(from, to), naive.Between(from, to))
          << from.ToString() << " .. " << to.ToString();
    }
  }
  // Long spans, across the table's edges.
  EXPECT_EQ(WorkingDaysBetween(Date(1880, 1, 1), Date(2220, 1, 1)),
            naive.Between(Date(1880, 1, 1), Date(2220, 1, 1)));
  EXPECT_EQ(WorkingDaysBetween(Date(2220, 1, 1), Date(1880, 1, 1)),
            -naive.Between(Date(1880, 1, 1), Date(2220, 1, 1)));
}

TEST(WorkingDayTest, RoundTrip) {
  const Date start = D("2026-03-27");
  for (int n = 1; n <= 300; ++n) {
    const Date end = AddWorkingDays(start, n);
    EXPECT_EQ(WorkingDaysBetween(start, end), n);
    EXPECT_EQ(AddWorkingDays(end, -n), start);  // start is a working day
  }
}

TEST(AddPeriodTest, EachUnit) {
  const Date thursday = D("2026-04-02");
  EXPECT_EQ(AddPeriod(thursday, 5, TimescaleUnit::kWorkingDays), D("2026-04-13"));
  EXPECT_EQ(AddPeriod(thursday, -1, TimescaleUnit::kWorkingDays), D("2026-04-01"));
  EXPECT_EQ(AddPeriod(thursday, 0, TimescaleUnit::kWorkingDays), thursday);
  EXPECT_EQ(AddPeriod(thursday, 5, TimescaleUnit::kCalendarDays), D("2026-04-07"));
  EXPECT_EQ(AddPeriod(thursday, -3, TimescaleUnit::kCalendarDays), D("2026-03-30"));
  EXPECT_EQ(AddPeriod(thursday, 2, TimescaleUnit::kWeeks), D("2026-04-16"));
  EXPECT_EQ(AddPeriod(thursday, -1, TimescaleUnit::kWeeks), D("2026-03-26"));
  EXPECT_EQ(AddPeriod(thursday, 3, TimescaleUnit::kMonths), D("2026-07-02"));
  EXPECT_EQ(AddPeriod(D("2026-01-31"), 1, TimescaleUnit::kMonths), D("2026-02-28"));
  EXPECT_EQ(AddPeriod(D("2026-03-31"), -1, TimescaleUnit::kMonths), D("2026-02-28"));
}

TEST(AddPeriodTest, HoursRoundUpToWholeCalendarDays) {
  const Date friday = D("2026-04-03");  // a bank holiday: hours take no notice
  EXPECT_EQ(AddPeriod(friday, 48, TimescaleUnit::kHours), D("2026-04-05"));  // "within 48 hours"
  EXPECT_EQ(AddPeriod(friday, 72, TimescaleUnit::kHours), D("2026-04-06"));
  EXPECT_EQ(AddPeriod(friday, 36, TimescaleUnit::kHours), D("2026-04-05"));
  EXPECT_EQ(AddPeriod(friday, 25, TimescaleUnit::kHours), D("2026-04-05"));
  EXPECT_EQ(AddPeriod(friday, 24, TimescaleUnit::kHours), D("2026-04-04"));
  EXPECT_EQ(AddPeriod(friday, 1, TimescaleUnit::kHours), D("2026-04-04"));
  EXPECT_EQ(AddPeriod(friday, 0, TimescaleUnit::kHours), friday);
  EXPECT_EQ(AddPeriod(friday, -24, TimescaleUnit::kHours), D("2026-04-02"));
  EXPECT_EQ(AddPeriod(friday, -36, TimescaleUnit::kHours), D("2026-04-02"));
  EXPECT_EQ(AddPeriod(friday, -48, TimescaleUnit::kHours), D("2026-04-01"));
}

TEST(CalendarTest, SafeToUseFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> results(8);
  threads.reserve(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &results] {
      results[t] = WorkingDaysBetween(Date(2000 + t, 1, 1), Date(2100 + t, 1, 1));
    });
  }
  for (std::thread& th : threads) th.join();
  const DayByDay naive(Date(2000, 1, 1), Date(2108, 1, 1));
  for (int t = 0; t < 8; ++t) {
    EXPECT_EQ(results[t], naive.Between(Date(2000 + t, 1, 1), Date(2100 + t, 1, 1)));
  }
}

}  // namespace
}  // namespace contextmap
