#include "contextmap/core/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/enum_names.h"
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

// One year's bank holidays: the year and its days as "MM-DD MM-DD ...".
struct YearCase {
  int year;
  std::string_view month_days;
};

void ExpectBankHolidays(std::initializer_list<YearCase> years) {
  for (const YearCase& c : years) {
    Days expected;
    for (size_t at = 0; at < c.month_days.size(); at += 6) {
      expected.push_back(std::to_string(c.year) + "-" + std::string(c.month_days.substr(at, 5)));
    }
    EXPECT_EQ(Strings(BankHolidays(c.year)), expected) << c.year;
  }
}

// Published England and Wales bank holidays (gov.uk/bank-holidays and the proclamations).
TEST(BankHolidaysTest, PublishedYears) {
  ExpectBankHolidays({
      {2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"},
      {2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28"},
      {2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"},
      {2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"},
      // Coronation.
      {2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26"},
      // New Year substitute, Platinum Jubilee (spring moved to Thu 2 June, extra Fri 3 June), State
      // Funeral, Christmas on a Sunday (Boxing Day Mon 26th, substitute Tue 27th).
      {2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27"},
      // Christmas on a Saturday: Mon 27th and Tue 28th.
      {2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"},
      // Early May moved to Fri 8 May (VE Day 75); Boxing Day on a Saturday -> Mon 28th.
      {2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28"},
      {2012, "01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26"},
      {2011, "01-03 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27"},
      {2002, "01-01 03-29 04-01 05-06 06-03 06-04 08-26 12-25 12-26"},
      {1999, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28 12-31"},
      {1995, "01-02 04-14 04-17 05-08 05-29 08-28 12-25 12-26"},
  });
}

TEST(BankHolidaysTest, FutureYearsFollowTheRules) {
  ExpectBankHolidays({
      // 2028: New Year's Day on a Saturday, Easter Sunday 16 April, Christmas on a Monday.
      {2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26"},
      // 2033: New Year's Day on a Saturday and Christmas on a Sunday.
      {2033, "01-03 04-15 04-18 05-02 05-30 08-29 12-26 12-27"},
  });
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
  const std::pair<std::string_view, bool> days[] = {
      {"2026-04-02", true},                          // Thursday before Easter
      {"2026-04-03", false},                         // Good Friday
      {"2026-04-04", false},                         // Saturday
      {"2026-04-05", false},                         // Sunday
      {"2026-04-06", false},                         // Easter Monday
      {"2026-04-07", true},  {"2026-12-28", false},  // Boxing Day substitute
      {"2026-12-24", true},  {"2026-12-29", true},
  };
  for (const auto& [day, working] : days) EXPECT_EQ(IsWorkingDay(D(day)), working) << day;
}

// A start day, a number of working days and the day AddWorkingDays gives.
struct AddCase {
  std::string_view start;
  int n;
  std::string_view want;
};

void ExpectAddWorkingDays(std::initializer_list<AddCase> cases) {
  for (const AddCase& c : cases) {
    EXPECT_EQ(AddWorkingDays(D(c.start), c.n), D(c.want)) << c.start << " + " << c.n;
  }
}

TEST(WorkingDayTest, AddWorkingDaysOverEasterAndChristmas2026) {
  ExpectAddWorkingDays({
      // A plain week: 5 working days after a Monday is the next Monday.
      {"2026-03-09", 5, "2026-03-16"},
      {"2026-03-13", 1, "2026-03-16"},  // Friday -> Monday
      // Easter 2026: Fri 3 and Mon 6 April are holidays.
      {"2026-04-02", 1, "2026-04-07"},
      {"2026-04-02", 5, "2026-04-13"},
      {"2026-04-03", 1, "2026-04-07"},  // from a holiday
      {"2026-04-04", 1, "2026-04-07"},  // from a weekend
      {"2026-03-27", 10, "2026-04-14"},
      // Christmas 2026: Fri 25 and Mon 28 December, Fri 1 January 2027.
      {"2026-12-23", 1, "2026-12-24"},
      {"2026-12-23", 2, "2026-12-29"},
      {"2026-12-23", 5, "2027-01-04"},
      {"2026-12-14", 10, "2026-12-30"},
      // A year of working days: 2026 has 261 weekdays less 8 bank holidays.
      {"2025-12-31", 253, "2026-12-31"},
  });
}

TEST(WorkingDayTest, AddZeroWorkingDays) {
  ExpectAddWorkingDays({
      {"2026-04-02", 0, "2026-04-02"},
      {"2026-04-03", 0, "2026-04-07"},  // Good Friday
      {"2026-04-04", 0, "2026-04-07"},  // Saturday of Easter
      {"2026-03-14", 0, "2026-03-16"},  // ordinary Saturday
  });
}

TEST(WorkingDayTest, AddNegativeWorkingDays) {
  ExpectAddWorkingDays({
      {"2026-03-16", -5, "2026-03-09"},
      {"2026-03-16", -1, "2026-03-13"},
      {"2026-04-13", -5, "2026-04-02"},
      {"2026-04-07", -1, "2026-04-02"},
      {"2026-04-04", -1, "2026-04-02"},  // from a weekend
      {"2027-01-04", -5, "2026-12-23"},
      {"2027-01-04", -1, "2026-12-31"},
  });
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
  const std::tuple<std::string_view, std::string_view, int> cases[] = {
      {"2026-04-02", "2026-04-13", 5},
      {"2026-04-13", "2026-04-02", -5},
      {"2026-04-02", "2026-04-02", 0},
      {"2026-04-02", "2026-04-06", 0},  // Fri..Mon all off
      {"2026-03-09", "2026-03-16", 5},
      {"2026-03-13", "2026-03-15", 0},
      {"2025-12-31", "2026-12-31", 253},
      {"2026-12-23", "2027-01-04", 5},
      // 2022 (260 weekdays) lost two extra working days, to the jubilee and the State Funeral.
      {"2021-12-31", "2022-12-31", 260 - 10},
  };
  for (const auto& [from, to, count] : cases) {
    EXPECT_EQ(WorkingDaysBetween(D(from), D(to)), count) << from << " .. " << to;
  }
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

// A start day, an amount of a unit and the day AddPeriod gives.
struct PeriodCase {
  std::string_view start;
  int amount;
  TimescaleUnit unit;
  std::string_view want;
};

void ExpectAddPeriod(std::initializer_list<PeriodCase> cases) {
  for (const PeriodCase& c : cases) {
    EXPECT_EQ(AddPeriod(D(c.start), c.amount, c.unit), D(c.want))
        << c.start << " + " << c.amount << " " << EnumName(c.unit);
  }
}

TEST(AddPeriodTest, EachUnit) {
  using U = TimescaleUnit;
  ExpectAddPeriod({
      {"2026-04-02", 5, U::kWorkingDays, "2026-04-13"},  // from a Thursday
      {"2026-04-02", -1, U::kWorkingDays, "2026-04-01"},
      {"2026-04-02", 0, U::kWorkingDays, "2026-04-02"},
      {"2026-04-02", 5, U::kCalendarDays, "2026-04-07"},
      {"2026-04-02", -3, U::kCalendarDays, "2026-03-30"},
      {"2026-04-02", 2, U::kWeeks, "2026-04-16"},
      {"2026-04-02", -1, U::kWeeks, "2026-03-26"},
      {"2026-04-02", 3, U::kMonths, "2026-07-02"},
      {"2026-01-31", 1, U::kMonths, "2026-02-28"},
      {"2026-03-31", -1, U::kMonths, "2026-02-28"},
  });
}

TEST(AddPeriodTest, HoursRoundUpToWholeCalendarDays) {
  // From Friday 3 April 2026, a bank holiday: hours take no notice.
  using U = TimescaleUnit;
  ExpectAddPeriod({
      {"2026-04-03", 48, U::kHours, "2026-04-05"},  // "within 48 hours"
      {"2026-04-03", 72, U::kHours, "2026-04-06"},
      {"2026-04-03", 36, U::kHours, "2026-04-05"},
      {"2026-04-03", 25, U::kHours, "2026-04-05"},
      {"2026-04-03", 24, U::kHours, "2026-04-04"},
      {"2026-04-03", 1, U::kHours, "2026-04-04"},
      {"2026-04-03", 0, U::kHours, "2026-04-03"},
      {"2026-04-03", -24, U::kHours, "2026-04-02"},
      {"2026-04-03", -36, U::kHours, "2026-04-02"},
      {"2026-04-03", -48, U::kHours, "2026-04-01"},
  });
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
