// Working days and bank holidays for England and Wales, for computing when things are due.
//
// Protocol timescales ("first meeting within 10 working days of the trigger", "minutes within 5
// working days") are counted on this calendar: Monday to Friday less the England and Wales bank
// holidays. The holiday rules are the ones in force since 1978 (New Year's Day, Good Friday,
// Easter Monday, the early May, spring and summer bank holidays, Christmas Day and Boxing Day,
// with substitute days for those falling at a weekend) plus a small table of known one-off
// changes (jubilees, royal weddings, the 2022 state funeral...). They are applied to every year;
// dates before 1978 therefore follow today's rules, not the historical ones. Future one-off
// holidays are not known until proclaimed: add them to the table in calendar.cc.
//
// Cost: holidays for 1900..2199 are computed once, at first use, into an immutable table
// (thread-safe, a few kilobytes). After that IsBankHoliday and IsWorkingDay are a few
// comparisons, WorkingDaysBetween and AddWorkingDays are O(log n) in the number of holidays
// spanned, and none of them allocate. Years outside 1900..2199 are computed on each call.
#ifndef CONTEXTMAP_CORE_CALENDAR_H_
#define CONTEXTMAP_CORE_CALENDAR_H_

#include <cstdint>
#include <vector>

#include "contextmap/core/date.h"
#include "contextmap/core/enums.h"

namespace contextmap {

// Whether `d` is a bank holiday in England and Wales (substitute days included).
bool IsBankHoliday(Date d);

// The England and Wales bank holidays falling in `year`, sorted, substitute days included.
std::vector<Date> BankHolidays(int year);

// Monday to Friday and not a bank holiday.
bool IsWorkingDay(Date d);

// The date `n` working days after `start`, not counting `start` itself: 5 working days after a
// Monday with no holidays is the next Monday. n == 0 gives `start` if it is a working day, else
// the next working day. Negative n counts back: the working day d before `start` such that
// there are -n working days in [d, start). The result is always a working day.
Date AddWorkingDays(Date start, int n);

// The number of working days d with from < d <= to; negative (minus the count of to < d <= from)
// when to < from. Hence AddWorkingDays(s, WorkingDaysBetween(s, e)) == e for a working day e > s.
int WorkingDaysBetween(Date from, Date to);

// `start` moved on by a protocol timescale of `amount` `unit`s (negative amounts go back):
//   kWorkingDays  AddWorkingDays(start, amount)
//   kCalendarDays start + amount days
//   kWeeks        start + 7 * amount days
//   kMonths       AddMonths(start, amount), clamped to the month's end
//   kHours        start + ceil(amount / 24) calendar days. A Date has no time of day, so the
//                 period ends on the latest day it could: "within 48 hours" is 2 calendar days,
//                 36 hours is also 2, and -36 hours is -1 day. Hours ignore weekends.
Date AddPeriod(Date start, int64_t amount, TimescaleUnit unit);

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_CALENDAR_H_
