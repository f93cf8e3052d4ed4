#include "contextmap/core/date.h"

#include <array>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace contextmap {
namespace {

// Dates the constructor accepts. Parse is narrower (kMinParseYear..kMaxParseYear); the wider
// range lets arithmetic step a little outside it and keeps ToString at four year digits.
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr int kMinParseYear = 1900;
constexpr int kMaxParseYear = 2199;

constexpr int64_t kSecondsPerDay = 86400;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Floor division and modulo for a positive divisor.
constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }
constexpr int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": days_from_civil.
constexpr int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;                                    // [0, 399]
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct Civil {
  int64_t year;
  int month;
  int day;
};

// Howard Hinnant's civil_from_days, the inverse of DaysFromCivil.
constexpr Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);               // [1, 31]
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);                  // [1, 12]
  return {yoe + era * 400 + (m <= 2), m, d};
}

static_assert(DaysFromCivil(1970, 1, 1) == 0);
static_assert(DaysFromCivil(2000, 3, 1) == 11017);
static_assert(CivilFromDays(-1).year == 1969 && CivilFromDays(-1).day == 31);

// Parses exactly `width` ASCII digits at text[pos]; -1 if any is not a digit.
int ParseDigits(std::string_view text, size_t pos, size_t width) {
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

Date::Date(int year, int month, int day)
    : year_(static_cast<int16_t>(year)),
      month_(static_cast<int8_t>(month)),
      day_(static_cast<int8_t>(day)) {
  assert(IsValid(year, month, day));
}

bool Date::IsValid(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= DaysInMonth(year, month);
}

int Date::DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = ParseDigits(text, 0, 4);
  const int month = ParseDigits(text, 5, 2);
  const int day = ParseDigits(text, 8, 2);
  if (year < kMinParseYear || year > kMaxParseYear) return std::nullopt;  // also year == -1
  if (!IsValid(year, month, day)) return std::nullopt;
  return Date(year, month, day);
}

Date Date::FromDayNumber(int64_t days_since_epoch) {
  const Civil c = CivilFromDays(days_since_epoch);
  // Precondition: the result lies in years kMinYear..kMaxYear.
  assert(c.year >= kMinYear && c.year <= kMaxYear);
  return Date(static_cast<int>(c.year), c.month, c.day);
}

Date Date::Today() {
  return FromDayNumber(FloorDiv(static_cast<int64_t>(std::time(nullptr)), kSecondsPerDay));
}

int64_t Date::DayNumber() const { return DaysFromCivil(year_, month_, day_); }

int Date::Weekday() const {
  // 1970-01-01 (day 0) was a Thursday, weekday 3 counting Monday as 0.
  return static_cast<int>(FloorMod(DayNumber() + 3, 7));
}

Date Date::AddMonths(int months) const {
  const int64_t index = static_cast<int64_t>(year_) * 12 + (month_ - 1) + months;
  const int year = static_cast<int>(FloorDiv(index, 12));
  const int month = static_cast<int>(FloorMod(index, 12)) + 1;
  const int last = DaysInMonth(year, month);
  return Date(year, month, day_ < last ? day_ : last);
}

std::string Date::ToString() const {
  if (!IsSet()) return {};
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_);
  return buf;
}

std::string Date::ToLongString() const {
  if (!IsSet()) return {};
  std::string out = std::to_string(day_);
  out += ' ';
  out += kMonthNames[month_ - 1];
  out += ' ';
  out += std::to_string(year_);
  return out;
}

std::optional<Timestamp> Timestamp::Parse(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  const std::optional<Date> date = Date::Parse(text.substr(0, 10));
  if (!date) return std::nullopt;
  const int hour = ParseDigits(text, 11, 2);
  const int minute = ParseDigits(text, 14, 2);
  const int second = ParseDigits(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;  // no leap seconds
  }
  return Timestamp(date->DayNumber() * kSecondsPerDay + int64_t{hour} * 3600 +
                   int64_t{minute} * 60 + second);
}

Timestamp Timestamp::Now() {
  const auto now = std::chrono::system_clock::now();
  return Timestamp(std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count());
}

Date Timestamp::date() const {
  if (!set_) return {};
  return Date::FromDayNumber(FloorDiv(seconds_, kSecondsPerDay));
}

std::string Timestamp::ToString() const {
  if (!set_) return {};
  const int64_t secs = FloorMod(seconds_, kSecondsPerDay);
  char buf[24];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return date().ToString() + buf;
}

}  // namespace contextmap
