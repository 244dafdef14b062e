#include "base/time.h"

#include <charconv>

namespace sc {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// Reads exactly n decimal digits at text[pos...]; advances pos.
bool ReadDigits(std::string_view text, size_t& pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  *out = v;
  return true;
}

bool ReadDatePart(std::string_view text, size_t& pos, Date* out) {
  int y, m, d;
  if (!ReadDigits(text, pos, 4, &y) || pos >= text.size() || text[pos++] != '-' ||
      !ReadDigits(text, pos, 2, &m) || pos >= text.size() || text[pos++] != '-' ||
      !ReadDigits(text, pos, 2, &d)) {
    return false;
  }
  return MakeDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d), out);
}

Status BadInstant(std::string_view text) {
  return InvalidArgument("not a datetime (expected YYYY-MM-DDTHH:MM:SS[Z|±HH:MM]): '" +
                         std::string(text) + "'");
}

}  // namespace

bool MakeDate(int year, unsigned month, unsigned day, Date* out) {
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(day)};
  if (!ymd.ok()) return false;
  *out = Date(ymd);
  return true;
}

Result<Date> ParseDate(std::string_view text) {
  size_t pos = 0;
  Date d;
  if (!ReadDatePart(text, pos, &d)) {
    return Err(InvalidArgument("not a date (expected YYYY-MM-DD): '" + std::string(text) + "'"));
  }
  if (pos == text.size()) return d;
  if (text[pos] != 'T' && text[pos] != ' ') {
    return Err(InvalidArgument("not a date (expected YYYY-MM-DD): '" + std::string(text) + "'"));
  }
  Result<Instant> t = ParseInstant(text);
  if (!t) return Err(InvalidArgument("not a date (expected YYYY-MM-DD): '" + std::string(text) + "'"));
  return UtcDate(*t);
}

Result<Instant> ParseInstant(std::string_view text) {
  size_t pos = 0;
  Date d;
  if (!ReadDatePart(text, pos, &d)) return Err(BadInstant(text));
  Instant t(d);
  if (pos == text.size()) return t;
  if (text[pos] != 'T' && text[pos] != ' ') return Err(BadInstant(text));
  ++pos;
  int hh, mm, ss = 0, ms = 0;
  if (!ReadDigits(text, pos, 2, &hh) || pos >= text.size() || text[pos++] != ':' ||
      !ReadDigits(text, pos, 2, &mm)) {
    return Err(BadInstant(text));
  }
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadDigits(text, pos, 2, &ss)) return Err(BadInstant(text));
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      size_t start = pos;
      int scale = 100;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        ms += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return Err(BadInstant(text));
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return Err(BadInstant(text));
  t += hours(hh) + minutes(mm) + seconds(ss) + milliseconds(ms);
  if (pos == text.size()) return t;
  char z = text[pos];
  if (z == 'Z' || z == 'z') {
    return pos + 1 == text.size() ? Result<Instant>(t) : Err(BadInstant(text));
  }
  if (z != '+' && z != '-') return Err(BadInstant(text));
  ++pos;
  int oh = 0, om = 0;
  if (!ReadDigits(text, pos, 2, &oh)) return Err(BadInstant(text));
  if (pos < text.size()) {
    if (text[pos] == ':') ++pos;
    if (!ReadDigits(text, pos, 2, &om)) return Err(BadInstant(text));
  }
  if (pos != text.size() || oh > 23 || om > 59) return Err(BadInstant(text));
  auto offset = hours(oh) + minutes(om);
  // A local time with offset +01:00 is one hour ahead of UTC.
  return z == '+' ? t - offset : t + offset;
}

std::string FormatDate(Date d) {
  std::chrono::year_month_day ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string FormatInstant(Instant t) {
  Date d = UtcDate(t);
  auto in_day = std::chrono::duration_cast<seconds>(t - Instant(d)).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", FormatDate(d).c_str(),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return buf;
}

int64_t DaysBetween(Date from, Date to) { return (to - from).count(); }
Date AddDays(Date d, int64_t n) { return d + days(n); }
Date Today() { return std::chrono::floor<days>(std::chrono::system_clock::now()); }

}  // namespace sc
