// Calendar dates and instants as the model stores them.
//
// A Date is a proleptic Gregorian calendar day with no time zone ("2026-03-14"), used for every
// date a practitioner writes down: dates of birth, due dates, meeting dates. A Timestamp is an
// instant in UTC to the second, written "2026-03-14T09:30:00Z". Both are small values; parsing
// rejects anything that is not a real date ("2011-02-31").
#ifndef CONTEXTMAP_CORE_DATE_H_
#define CONTEXTMAP_CORE_DATE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace contextmap {

class Date {
 public:
  Date() = default;  // the unset date; IsSet() is false
  // Precondition: IsValid(year, month, day). Use Parse for untrusted text.
  Date(int year, int month, int day);

  static bool IsValid(int year, int month, int day);
  static int DaysInMonth(int year, int month);
  // Accepts exactly YYYY-MM-DD naming a real day between 1900-01-01 and 2199-12-31.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromDayNumber(int64_t days_since_epoch);  // 1970-01-01 is day 0
  static Date Today();                                  // in UTC

  bool IsSet() const { return year_ != 0; }
  int year() const { return year_; }
  int month() const { return month_; }
  int day() const { return day_; }
  int64_t DayNumber() const;  // days since 1970-01-01
  int Weekday() const;        // 0 = Monday ... 6 = Sunday
  bool IsWeekend() const { return Weekday() >= 5; }

  Date AddDays(int64_t days) const { return FromDayNumber(DayNumber() + days); }
  // Same day n months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
  Date AddMonths(int months) const;

  std::string ToString() const;  // "YYYY-MM-DD", or "" when unset
  // "14 March 2026", the way minutes and reports write dates.
  std::string ToLongString() const;

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  auto operator<=>(const Date&) const = default;

 private:
  int16_t year_ = 0;
  int8_t month_ = 0;
  int8_t day_ = 0;
};

class Timestamp {
 public:
  Timestamp() = default;  // unset
  explicit Timestamp(int64_t unix_seconds) : seconds_(unix_seconds), set_(true) {}
  // Accepts YYYY-MM-DDTHH:MM:SSZ (UTC) only.
  static std::optional<Timestamp> Parse(std::string_view text);
  static Timestamp Now();

  bool IsSet() const { return set_; }
  int64_t unix_seconds() const { return seconds_; }
  Date date() const;
  std::string ToString() const;  // "YYYY-MM-DDTHH:MM:SSZ", or "" when unset

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  auto operator<=>(const Timestamp&) const = default;

 private:
  int64_t seconds_ = 0;
  bool set_ = false;
};

}  // namespace contextmap

#endif  // CONTEXTMAP_CORE_DATE_H_
