#include "core/fiscal.h"

#include <cctype>

namespace sc {
namespace {

Date FirstOfMonth(int year, int month) {
  // month may run past 12 or below 1; fold it into the year.
  int m0 = month - 1;
  year += m0 >= 0 ? m0 / 12 : -((11 - m0) / 12);
  m0 = ((m0 % 12) + 12) % 12;
  return Date(std::chrono::year(year) / std::chrono::month(m0 + 1) / 1);
}

}  // namespace

FiscalCalendar::FiscalCalendar(int start_month) : start_month_(start_month) {}

int FiscalCalendar::FiscalYearOf(Date d) const {
  std::chrono::year_month_day ymd(d);
  int y = static_cast<int>(ymd.year());
  int m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  if (start_month_ == 1) return y;
  return m >= start_month_ ? y + 1 : y;
}

Period FiscalCalendar::Quarter(int fiscal_year, int quarter) const {
  int start_year = start_month_ == 1 ? fiscal_year : fiscal_year - 1;
  Period p;
  p.start = FirstOfMonth(start_year, start_month_ + 3 * (quarter - 1));
  p.end = FirstOfMonth(start_year, start_month_ + 3 * quarter) - std::chrono::days(1);
  p.is_quarter = true;
  p.fiscal_year = fiscal_year;
  p.quarter = quarter;
  p.label = "FY" + std::to_string(fiscal_year) + "-Q" + std::to_string(quarter);
  return p;
}

Period FiscalCalendar::Year(int fiscal_year) const {
  int start_year = start_month_ == 1 ? fiscal_year : fiscal_year - 1;
  Period p;
  p.start = FirstOfMonth(start_year, start_month_);
  p.end = FirstOfMonth(start_year, start_month_ + 12) - std::chrono::days(1);
  p.is_quarter = false;
  p.fiscal_year = fiscal_year;
  p.quarter = 0;
  p.label = "FY" + std::to_string(fiscal_year);
  return p;
}

Period FiscalCalendar::QuarterContaining(Date d) const {
  std::chrono::year_month_day ymd(d);
  int m = static_cast<int>(static_cast<unsigned>(ymd.month()));
  int fiscal_month = ((m - start_month_) % 12 + 12) % 12;  // 0..11
  return Quarter(FiscalYearOf(d), fiscal_month / 3 + 1);
}

Period FiscalCalendar::QuarterBefore(const Period& q, int n) const {
  int index = q.fiscal_year * 4 + (q.quarter - 1) - n;
  int fy = index >= 0 ? index / 4 : -((3 - index) / 4);
  return Quarter(fy, index - fy * 4 + 1);
}

std::string NormalizePeriodLabel(std::string_view label) {
  std::string s;
  for (char c : label) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (s.size() < 3 || s.compare(0, 2, "FY") != 0) return "";
  size_t pos = 2;
  size_t year_start = pos;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos - year_start != 4) return "";
  std::string year = s.substr(year_start, 4);
  if (pos == s.size()) return "FY" + year;
  if (s[pos] == '-') ++pos;
  if (pos + 2 != s.size() || s[pos] != 'Q' || s[pos + 1] < '1' || s[pos + 1] > '4') return "";
  return "FY" + year + "-Q" + s[pos + 1];
}

Result<Period> FiscalCalendar::ParseLabel(std::string_view label) const {
  std::string norm = NormalizePeriodLabel(label);
  if (norm.empty()) {
    return Err(InvalidArgument("not a period label (expected FY<year>-Q<n> or FY<year>): '" +
                               std::string(label) + "'"));
  }
  int fy = std::stoi(norm.substr(2, 4));
  if (norm.size() == 6) return Year(fy);
  return Quarter(fy, norm.back() - '0');
}

}  // namespace sc
