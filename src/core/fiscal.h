// The fiscal calendar of SPEC §2.1 and period labels (§7.5). A fiscal year
// starts on the first day of `start_month` and is named after the calendar
// year in which it ends.
//
//   FiscalCalendar cal(2);
//   Period q = cal.QuarterContaining(date);   // e.g. FY2027-Q1, Feb..Apr 2026
//   Result<Period> p = cal.ParseLabel("fy2027 - q1");
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace sc {

struct Period {
  std::string label;  // "FY2026-Q4" or "FY2026"
  Date start{};
  Date end{};         // inclusive
  bool is_quarter = true;
  int fiscal_year = 0;
  int quarter = 0;    // 1..4; 0 for a whole year

  int64_t days() const { return DaysBetween(start, end) + 1; }
  bool Contains(Date d) const { return start <= d && d <= end; }
  friend bool operator==(const Period& a, const Period& b) {
    return a.start == b.start && a.end == b.end;
  }
};

class FiscalCalendar {
 public:
  // REQUIRES: 1 <= start_month <= 12.
  explicit FiscalCalendar(int start_month = 1);

  int start_month() const { return start_month_; }
  int FiscalYearOf(Date d) const;
  Period Quarter(int fiscal_year, int quarter) const;
  Period Year(int fiscal_year) const;
  Period QuarterContaining(Date d) const;
  // The quarter `n` quarters before `q` (n may be 0).
  Period QuarterBefore(const Period& q, int n) const;
  // Accepts `FY<y>-Q<n>` or `FY<y>`, without regard to case or spaces.
  Result<Period> ParseLabel(std::string_view label) const;

 private:
  int start_month_;
};

// Canonical form of a label for comparison ("fy2026 - q4" -> "FY2026-Q4");
// empty when the text is not a label.
std::string NormalizePeriodLabel(std::string_view label);

}  // namespace sc
