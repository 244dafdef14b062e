// Calendar dates and UTC instants, and their text forms in CRM files.
//
//   Result<Date> d = ParseDate("2026-12-17");
//   Result<Instant> t = ParseInstant("2026-12-17T09:30:00+01:00");  // 08:30Z
//   Date day = UtcDate(*t);
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sc {

using Date = std::chrono::sys_days;
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// Strict `YYYY-MM-DD`. A datetime (with `T` or a space) is also accepted and
// yields its UTC date, since exports often write date fields with a time.
Result<Date> ParseDate(std::string_view text);

// `YYYY-MM-DD`, `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]]` followed by nothing (UTC),
// `Z`, `±HH:MM`, `±HHMM` or `±HH`. A date alone means 00:00:00 UTC.
Result<Instant> ParseInstant(std::string_view text);

inline Date UtcDate(Instant t) { return std::chrono::floor<std::chrono::days>(t); }
// The instant at the end of day d (the last millisecond): "as of d".
inline Instant EndOfDay(Date d) {
  return Instant(d + std::chrono::days(1)) - std::chrono::milliseconds(1);
}
inline Instant StartOfDay(Date d) { return Instant(d); }

std::string FormatDate(Date d);                // 2026-12-17
std::string FormatInstant(Instant t);          // 2026-12-17T08:30:00Z
int64_t DaysBetween(Date from, Date to);       // to - from, in days
Date AddDays(Date d, int64_t days);
Date Today();

// Builds a date from parts; returns false when the parts are not a real date.
bool MakeDate(int year, unsigned month, unsigned day, Date* out);

}  // namespace sc
