#include "contextmap/core/calendar.h"

#include <algorithm>
#include <array>
#include <cassert>

namespace contextmap {
namespace {

// One-off changes to the England and Wales bank holidays since 1978, by royal proclamation.
// A row with from_month == 0 adds an extra holiday; otherwise the regular holiday on
// from_month/from_day is moved to month/day. Add new proclamations here (and a test).
struct OneOffChange {
  int year;
  int from_month;
  int from_day;
  int month;
  int day;
  const char* reason;
};
constexpr OneOffChange kOneOffChanges[] = {
    {1981, 0, 0, 7, 29, "wedding of the Prince of Wales and Lady Diana Spencer"},
    {1995, 5, 1, 5, 8, "early May bank holiday moved for the 50th anniversary of VE Day"},
    {1999, 0, 0, 12, 31, "millennium celebrations"},
    {2002, 5, 27, 6, 4, "spring bank holiday moved for the Golden Jubilee"},
    {2002, 0, 0, 6, 3, "Golden Jubilee of Elizabeth II"},
    {2011, 0, 0, 4, 29, "wedding of Prince William and Catherine Middleton"},
    {2012, 5, 28, 6, 4, "spring bank holiday moved for the Diamond Jubilee"},
    {2012, 0, 0, 6, 5, "Diamond Jubilee of Elizabeth II"},
    {2020, 5, 4, 5, 8, "early May bank holiday moved for the 75th anniversary of VE Day"},
    {2022, 5, 30, 6, 2, "spring bank holiday moved for the Platinum Jubilee"},
    {2022, 0, 0, 6, 3, "Platinum Jubilee of Elizabeth II"},
    {2022, 0, 0, 9, 19, "State Funeral of Queen Elizabeth II"},
    {2023, 0, 0, 5, 8, "coronation of King Charles III"},
};

constexpr int kFirstTableYear = 1900;
constexpr int kLastTableYear = 2199;
constexpr int kTableYears = kLastTableYear - kFirstTableYear + 1;

constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }
constexpr int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// 0 = Monday ... 6 = Sunday for a day number (day 0, 1970-01-01, was a Thursday).
constexpr int WeekdayOf(int64_t day) { return static_cast<int>(FloorMod(day + 3, 7)); }

// Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
Date EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(year, month, day);
}

// The bank holidays of `year` from first principles, sorted. Every one falls Monday to Friday.
std::vector<Date> ComputeBankHolidays(int year) {
  std::vector<Date> out;
  out.reserve(10);

  // New Year's Day; at a weekend, the following Monday.
  const Date new_year(year, 1, 1);
  out.push_back(new_year.AddDays(new_year.Weekday() == 5 ? 2 : new_year.Weekday() == 6 ? 1 : 0));

  const Date easter = EasterSunday(year);
  out.push_back(easter.AddDays(-2));  // Good Friday
  out.push_back(easter.AddDays(1));   // Easter Monday

  const Date may_first(year, 5, 1);
  out.push_back(may_first.AddDays((7 - may_first.Weekday()) % 7));  // first Monday in May
  const Date may_last(year, 5, 31);
  out.push_back(may_last.AddDays(-may_last.Weekday()));  // last Monday in May
  const Date august_last(year, 8, 31);
  out.push_back(august_last.AddDays(-august_last.Weekday()));  // last Monday in August

  // Christmas Day and Boxing Day, each moved to the next free weekday when at a weekend.
  switch (Date(year, 12, 25).Weekday()) {
    case 4:  // Friday: Boxing Day (Saturday) -> Monday 28th
      out.insert(out.end(), {Date(year, 12, 25), Date(year, 12, 28)});
      break;
    case 5:  // Saturday: Monday 27th and Tuesday 28th
      out.insert(out.end(), {Date(year, 12, 27), Date(year, 12, 28)});
      break;
    case 6:  // Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th
      out.insert(out.end(), {Date(year, 12, 26), Date(year, 12, 27)});
      break;
    default:
      out.insert(out.end(), {Date(year, 12, 25), Date(year, 12, 26)});
      break;
  }

  for (const OneOffChange& change : kOneOffChanges) {
    if (change.year != year) continue;
    if (change.from_month != 0) {
      const auto it =
          std::find(out.begin(), out.end(), Date(year, change.from_month, change.from_day));
      assert(it != out.end());  // the table names a regular holiday
      if (it != out.end()) out.erase(it);
    }
    out.emplace_back(year, change.month, change.day);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Every bank holiday in kFirstTableYear..kLastTableYear as sorted day numbers, built once.
struct HolidayTable {
  std::vector<int32_t> days;
  std::array<uint32_t, kTableYears + 1> year_begin{};  // days[year_begin[y]..year_begin[y+1])
  int64_t first_day = 0;                               // 1900-01-01
  int64_t last_day = 0;                                // 2199-12-31
};

const HolidayTable& Table() {
  static const HolidayTable* const kTable = [] {
    auto* table = new HolidayTable;
    table->days.reserve(static_cast<std::size_t>(kTableYears) * 10);
    for (int y = kFirstTableYear; y <= kLastTableYear; ++y) {
      table->year_begin[y - kFirstTableYear] = static_cast<uint32_t>(table->days.size());
      for (Date d : ComputeBankHolidays(y)) {
        table->days.push_back(static_cast<int32_t>(d.DayNumber()));
      }
    }
    table->year_begin[kTableYears] = static_cast<uint32_t>(table->days.size());
    table->first_day = Date(kFirstTableYear, 1, 1).DayNumber();
    table->last_day = Date(kLastTableYear, 12, 31).DayNumber();
    return table;
  }();
  return *kTable;
}

bool InTable(int year) { return year >= kFirstTableYear && year <= kLastTableYear; }

// Number of bank holidays d with a < d <= b (day numbers); 0 when b <= a.
int64_t HolidaysIn(int64_t a, int64_t b) {
  if (b <= a) return 0;
  const HolidayTable& table = Table();
  int64_t count = 0;
  // The part inside the table, by binary search.
  const int64_t lo = std::max(a, table.first_day - 1);
  const int64_t hi = std::min(b, table.last_day);
  if (lo < hi) {
    count += std::upper_bound(table.days.begin(), table.days.end(), hi) -
             std::upper_bound(table.days.begin(), table.days.end(), lo);
  }
  // Any part outside it, a year at a time.
  const auto count_years = [&](int64_t from, int64_t to) {  // days from < d <= to
    if (to <= from) return;
    for (int y = Date::FromDayNumber(from + 1).year(); y <= Date::FromDayNumber(to).year(); ++y) {
      for (Date d : ComputeBankHolidays(y)) {
        if (d.DayNumber() > from && d.DayNumber() <= to) ++count;
      }
    }
  };
  count_years(a, std::min(b, table.first_day - 1));
  count_years(std::max(a, table.last_day), b);
  return count;
}

// Number of Mondays to Fridays with day number <= day, counted from an arbitrary origin (only
// differences are meaningful).
int64_t WeekdaysThrough(int64_t day) {
  const int64_t since_monday = day - 4;  // day 4 (1970-01-05) was a Monday
  const int64_t weeks = FloorDiv(since_monday, 7);
  const int64_t into_week = since_monday - weeks * 7;  // 0 = Monday
  return weeks * 5 + std::min<int64_t>(into_week + 1, 5);
}

// The r-th weekday (Monday to Friday) after `day`, r > 0.
int64_t WeekdaysAfter(int64_t day, int64_t r) {
  int wd = WeekdayOf(day);
  if (wd >= 5) {  // weekdays after a weekend day are those after the Friday before it
    day -= wd - 4;
    wd = 4;
  }
  const int64_t rem = r % 5;
  return day + r / 5 * 7 + rem + (rem > 0 && wd + rem >= 5 ? 2 : 0);
}

// The weekday p with exactly r weekdays in [p, day), r > 0.
int64_t WeekdaysBefore(int64_t day, int64_t r) {
  int wd = WeekdayOf(day);
  if (wd >= 5) {  // weekdays before a weekend day are those before the Monday after it
    day += 7 - wd;
    wd = 0;
  }
  const int64_t rem = r % 5;
  return day - r / 5 * 7 - rem - (rem > 0 && wd - rem < 0 ? 2 : 0);
}

Date AddWorkingDays64(Date start, int64_t n) {
  if (n == 0) return IsWorkingDay(start) ? start : AddWorkingDays64(start, 1);
  // Step over n weekdays, then over as many more as there were bank holidays in the step (all
  // bank holidays are weekdays), until a step crosses none.
  int64_t day = start.DayNumber();
  if (n > 0) {
    for (int64_t remaining = n; remaining > 0;) {
      const int64_t next = WeekdaysAfter(day, remaining);
      remaining = HolidaysIn(day, next);
      day = next;
    }
  } else {
    for (int64_t remaining = -n; remaining > 0;) {
      const int64_t prev = WeekdaysBefore(day, remaining);
      remaining = HolidaysIn(prev - 1, day - 1);  // those in [prev, day)
      day = prev;
    }
  }
  return Date::FromDayNumber(day);
}

}  // namespace

bool IsBankHoliday(Date d) {
  if (!InTable(d.year())) {
    const std::vector<Date> holidays = ComputeBankHolidays(d.year());
    return std::binary_search(holidays.begin(), holidays.end(), d);
  }
  const HolidayTable& table = Table();
  const int index = d.year() - kFirstTableYear;
  const auto begin = table.days.begin() + table.year_begin[index];
  const auto end = table.days.begin() + table.year_begin[index + 1];
  return std::binary_search(begin, end, static_cast<int32_t>(d.DayNumber()));
}

std::vector<Date> BankHolidays(int year) {
  if (!InTable(year)) return ComputeBankHolidays(year);
  const HolidayTable& table = Table();
  const int index = year - kFirstTableYear;
  std::vector<Date> out;
  out.reserve(table.year_begin[index + 1] - table.year_begin[index]);
  for (uint32_t i = table.year_begin[index]; i < table.year_begin[index + 1]; ++i) {
    out.push_back(Date::FromDayNumber(table.days[i]));
  }
  return out;
}

bool IsWorkingDay(Date d) { return !d.IsWeekend() && !IsBankHoliday(d); }

Date AddWorkingDays(Date start, int n) { return AddWorkingDays64(start, n); }

int WorkingDaysBetween(Date from, Date to) {
  const int64_t a = from.DayNumber();
  const int64_t b = to.DayNumber();
  if (b < a) return -WorkingDaysBetween(to, from);
  return static_cast<int>(WeekdaysThrough(b) - WeekdaysThrough(a) - HolidaysIn(a, b));
}

Date AddPeriod(Date start, int64_t amount, TimescaleUnit unit) {
  switch (unit) {
    case TimescaleUnit::kWorkingDays:
      return AddWorkingDays64(start, amount);
    case TimescaleUnit::kCalendarDays:
      return start.AddDays(amount);
    case TimescaleUnit::kWeeks:
      return start.AddDays(amount * 7);
    case TimescaleUnit::kMonths: {
      // Anything beyond a million months leaves the representable years anyway.
      constexpr int64_t kMaxMonths = 1'000'000;
      return start.AddMonths(static_cast<int>(std::clamp(amount, -kMaxMonths, kMaxMonths)));
    }
    case TimescaleUnit::kHours: {
      // Whole calendar days, rounded up (towards the later date): 48 hours ("within 48 hours")
      // is 2 days, 36 hours is 2 days, -36 hours is -1 day.
      int64_t days = amount / 24;
      if (amount % 24 > 0) ++days;
      return start.AddDays(days);
    }
  }
  return start;
}

}  // namespace contextmap
