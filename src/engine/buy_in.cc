#include "engine/buy_in.h"

#include <algorithm>

namespace sc {
namespace {

struct Judgment {
  Money value = 0;
  std::string source;
};

// The latest submitted forecast of u for P in category c at or before the
// end of the as-of day; ties in submitted_at go to the later row in the file.
const DataSet::Forecast* LatestSubmission(const DataSet& ds, UserIx u, const Period& p,
                                          SubmissionCategory c, Date as_of) {
  const DataSet::Forecast* best = nullptr;
  Instant limit = EndOfDay(as_of);
  for (const DataSet::Forecast& f : ds.forecasts[static_cast<size_t>(u)]) {
    if (f.category != c || f.period != p.label || f.submitted_at > limit) continue;
    if (best == nullptr || f.submitted_at > best->submitted_at ||
        (f.submitted_at == best->submitted_at && f.seq > best->seq)) {
      best = &f;
    }
  }
  return best;
}

// The categories rule over u's own deals: commit = bookings + open commit;
// best case = that commit + open best case.
Money CategoriesValue(const Figures& own, SubmissionCategory c) {
  Money commit = own.bookings + own.open_commit;
  return c == SubmissionCategory::kCommit ? commit : commit + own.open_best_case;
}

Judgment JudgmentForecast(const DataSet& ds, const RegionFigures& f, UserIx u, const Period& p,
                          SubmissionCategory c, Date as_of) {
  if (const DataSet::Forecast* s = LatestSubmission(ds, u, p, c, as_of)) {
    return {s->amount, "submitted"};
  }
  const auto& reports = ds.reports[static_cast<size_t>(u)];
  if (reports.empty()) return {CategoriesValue(f.own(u), c), "categories"};
  Money sum = CategoriesValue(f.own(u), c);
  for (UserIx r : reports) sum += JudgmentForecast(ds, f, r, p, c, as_of).value;
  return {sum, "rollup"};
}

OptDouble Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

}  // namespace

double QuotaCents(const DataSet& ds, UserIx u, const Period& p) {
  double own = 0;
  bool overlaps = false;
  for (const DataSet::Quota& q : ds.quotas[static_cast<size_t>(u)]) {
    int64_t row_days = DaysBetween(q.start, q.end) + 1;
    Date lo = std::max(q.start, p.start);
    Date hi = std::min(q.end, p.end);
    int64_t overlap = DaysBetween(lo, hi) + 1;
    if (row_days <= 0 || overlap <= 0) continue;
    overlaps = true;
    own += static_cast<double>(q.amount) * static_cast<double>(overlap) / static_cast<double>(row_days);
  }
  if (overlaps) return own;
  double sum = 0;
  for (UserIx r : ds.reports[static_cast<size_t>(u)]) sum += QuotaCents(ds, r, p);
  return sum;
}

double ElapsedFraction(const Period& p, Date d) {
  double f = static_cast<double>(DaysBetween(p.start, d) + 1) / static_cast<double>(p.days());
  return std::clamp(f, 0.0, 1.0);
}

BuyIn ComputeBuyIn(const DataSet& ds, const RegionFigures& f, UserIx u, Date as_of,
                   const Period& p) {
  const Figures& sub = f.subtree(u);
  BuyIn b;
  double quota_cents = QuotaCents(ds, u, p);
  b.quota = quota_cents / 100.0;
  b.bookings = ToUnits(sub.bookings);
  b.quota_retirement = Ratio(b.bookings, b.quota);
  double elapsed = ElapsedFraction(p, as_of);
  if (b.quota_retirement && elapsed > 0) b.pace = *b.quota_retirement / elapsed;
  b.remaining_quota = std::max(b.quota - b.bookings, 0.0);
  b.open_pipeline = ToUnits(sub.open_pipeline);
  b.pipeline_coverage = Ratio(b.open_pipeline, b.remaining_quota);
  b.quota_met = b.quota > 0 && b.bookings >= b.quota;

  Judgment commit = JudgmentForecast(ds, f, u, p, SubmissionCategory::kCommit, as_of);
  Judgment best = JudgmentForecast(ds, f, u, p, SubmissionCategory::kBestCase, as_of);
  b.forecast.commit = ToUnits(commit.value);
  b.forecast.best_case = ToUnits(best.value);
  b.forecast.calculated = (static_cast<double>(sub.bookings) + sub.weighted_open) / 100.0;
  b.forecast.commit_source = commit.source;
  b.forecast.best_case_source = best.source;
  b.forecast.source = commit.source == best.source ? commit.source : "mixed";
  b.forecast_coverage.commit = Ratio(b.forecast.commit, b.quota);
  b.forecast_coverage.best_case = Ratio(b.forecast.best_case, b.quota);
  b.forecast_coverage.calculated = Ratio(b.forecast.calculated, b.quota);
  return b;
}

}  // namespace sc
