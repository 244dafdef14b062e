#include "demo/quota_forecast.h"

#include <chrono>

#include "demo/random.h"

namespace sc::demo {
namespace {

int64_t DayNumber(Date d) { return d.time_since_epoch().count(); }

Date MonthStart(Date quarter_start, int months) {
  std::chrono::year_month_day ymd(quarter_start);
  return Date(std::chrono::year_month_day(ymd.year() / ymd.month() / 1) +
              std::chrono::months(months));
}

void QuotaRow(const std::string& owner, int64_t start, int64_t end, Money amount, CsvWriter* out) {
  out->Plain(owner);
  out->Day(start);
  out->Day(end);
  out->Money(amount);
  out->EndRow();
}

Money Round(double cents, double unit) {
  return static_cast<Money>(cents / unit + 0.5) * static_cast<Money>(unit);
}

}  // namespace

void WriteQuotas(const Org& org, const DemoClock& clock, const FiscalCalendar& calendar,
                 CsvWriter* out) {
  Period first = calendar.QuarterContaining(Date(std::chrono::days(clock.history_start)));
  Period as_of_q = calendar.QuarterContaining(Date(std::chrono::days(clock.as_of_day)));
  Period last = calendar.Quarter(as_of_q.fiscal_year, 4);
  for (size_t i = 0; i < org.aes.size(); ++i) {
    const Person& p = org.people[static_cast<size_t>(org.aes[i])];
    const RepProfile& profile = org.profiles[i];
    for (Period q = first; q.start <= last.start; q = calendar.QuarterBefore(q, -1)) {
      if (profile.quarterly_quota) {
        QuotaRow(p.id, DayNumber(q.start), DayNumber(q.end), 3 * profile.monthly_quota, out);
        continue;
      }
      for (int m = 0; m < 3; ++m) {
        QuotaRow(p.id, DayNumber(MonthStart(q.start, m)),
                 DayNumber(MonthStart(q.start, m + 1)) - 1, profile.monthly_quota, out);
      }
    }
  }
  // One manager with an annual quota of their own: 5% over the team's sum.
  for (size_t m = 0; m < org.people.size(); ++m) {
    if (!org.people[m].annual_quota) continue;
    Money team_monthly = 0;
    for (size_t i = 0; i < org.aes.size(); ++i) {
      if (org.people[static_cast<size_t>(org.aes[i])].manager == static_cast<int>(m)) {
        team_monthly += org.profiles[i].monthly_quota;
      }
    }
    for (int fy = first.fiscal_year; fy <= last.fiscal_year; ++fy) {
      Period y = calendar.Year(fy);
      QuotaRow(org.people[m].id, DayNumber(y.start), DayNumber(y.end),
               Round(12.0 * 1.05 * static_cast<double>(team_monthly), 100000.0), out);
    }
  }
}

void WriteForecasts(const Person& owner, const RepProfile& profile, const RepBook& book,
                    const DemoClock& clock, const FiscalCalendar& calendar, Rng& rng,
                    CsvWriter* out) {
  if (!profile.submits_forecast) return;
  Period p = calendar.QuarterContaining(Date(std::chrono::days(clock.as_of_day)));
  double quota = 3.0 * static_cast<double>(profile.monthly_quota);
  for (int back = 4; back >= 0; --back) {
    Period q = calendar.QuarterBefore(p, back);
    int64_t start = DayNumber(q.start), end = DayNumber(q.end);
    double target;  // what the latest submission of the quarter aims at
    if (back > 0) {
      double booked = 0;
      for (const DemoDeal& d : book.deals) {
        if (d.won() && start <= d.state().close_day && d.state().close_day <= end) {
          booked += static_cast<double>(d.state().amount);
        }
      }
      target = booked * rng.Uniform(0.9, 1.1);
    } else {
      // Booked so far plus a share of the open pipeline closing in P.
      double booked = 0, open = 0;
      for (const DemoDeal& d : book.deals) {
        int64_t close = d.state().close_day;
        if (close < start || close > end) continue;
        if (d.won()) booked += static_cast<double>(d.state().amount);
        if (d.open() && d.state().category != ForecastCategory::kOmitted) {
          open += static_cast<double>(d.state().amount);
        }
      }
      target = profile.is_david ? 0.45 * quota : booked + open * rng.Uniform(0.3, 0.6);
    }
    int64_t weeks = 0;
    for (int64_t day = start + 7; day <= end && day <= clock.as_of_day; day += 7) ++weeks;
    for (int64_t k = 1; k <= weeks; ++k) {
      int64_t day = start + 7 * k;
      // Early submissions are more hopeful and converge on the target.
      double drift = 1.0 + 0.3 * static_cast<double>(weeks - k) / 12.0;
      double commit = target * drift * rng.Uniform(0.97, 1.03);
      double best = profile.is_david && back == 0 ? commit * 0.80 / 0.45 : commit * rng.Uniform(1.15, 1.35);
      int64_t at = day * kDaySeconds + 16 * 3600 + rng.Below(3 * 3600);
      out->Plain(owner.id);
      out->Plain(q.label);
      out->Plain("commit");
      out->Money(Round(commit, 100000.0));
      out->Instant(at);
      out->EndRow();
      out->Plain(owner.id);
      out->Plain(q.label);
      out->Plain("best_case");
      out->Money(Round(best, 100000.0));
      out->Instant(at + 60);
      out->EndRow();
    }
  }
}

}  // namespace sc::demo
