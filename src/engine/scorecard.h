// A person's one-on-one scorecard as of a date (SPEC §3, §5.3, §7): the
// buy-in figures, forecasts, close rate by quarter, the conversion funnel
// with its diagnosis, the KPIs, the account roll-up, and for a manager the
// table of direct reports. Money is in currency units; ratios are fractions;
// std::nullopt is a ratio with a zero denominator.
//
//   Period p = ds.calendar.QuarterContaining(as_of);
//   Scorecard card = ComputeScorecard(ds, david, as_of, p);
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/dataset.h"

namespace sc {

using OptDouble = std::optional<double>;

struct ForecastFigures {
  double commit = 0;
  double best_case = 0;
  double calculated = 0;
  std::string commit_source;     // submitted | categories | rollup
  std::string best_case_source;
  std::string source;            // the common source, or "mixed"
};

struct ForecastCoverage {
  OptDouble commit, best_case, calculated;
};

// The figures a scorecard and a team-table row share (SPEC §3.1-§3.3).
struct BuyIn {
  double quota = 0;
  double bookings = 0;
  OptDouble quota_retirement;
  OptDouble pace;
  double remaining_quota = 0;
  double open_pipeline = 0;
  OptDouble pipeline_coverage;
  bool quota_met = false;
  ForecastFigures forecast;
  ForecastCoverage forecast_coverage;
};

struct TimelinePoint {
  Date date;
  double bookings = 0;
  double quota_pace = 0;
};

struct WinRateRow {
  Period quarter;
  int64_t closed = 0, won = 0;
  double closed_amount = 0, won_amount = 0;
  OptDouble win_rate, win_rate_amount;
  int64_t team_closed = 0, team_won = 0;
  OptDouble team_win_rate;
};

struct FunnelStage {
  StageIx stage = kNone;
  std::string name;
  int64_t order = 0;
  std::string next_stage;  // the next open stage, or "Won"
  int64_t reached = 0, next_reached = 0;
  int64_t team_reached = 0, team_next_reached = 0;
  int64_t peer_reached = 0, peer_next_reached = 0;
  OptDouble conversion, team_conversion, peer_conversion;
  OptDouble p_value, lost_deals;
  bool bottleneck = false;
  std::vector<std::string> skills;
};

struct Funnel {
  int64_t cohort_size = 0;
  int64_t team_cohort_size = 0;
  bool has_peers = false;
  std::vector<FunnelStage> stages;
};

struct DealRow {
  OppIx opp = kNone;
  double amount = 0;
  StageIx stage = kNone;
  Date close_date{};
  Date last_change{};               // stalled: the last change at or before the date
  int64_t days_since_change = 0;
  Date original_close_date{};       // slipped: the close date at the start of the period
};

struct Kpis {
  OptDouble avg_deal_size;
  OptDouble sales_cycle_days;
  double pipeline_created = 0;
  std::array<int64_t, kActivityTypeCount> activities{};
  std::array<double, kActivityTypeCount> team_activities_per_rep{};
  std::vector<DealRow> stalled, slipped;
};

struct AccountRollup {
  int64_t total = 0, with_open_pipeline = 0, stale = 0;
};

struct TeamRow {
  UserIx user = kNone;
  BuyIn buy_in;
  WinRateRow current_quarter;
  AccountRollup accounts;
};

struct Scorecard {
  UserIx user = kNone;
  Date as_of{};
  Period period;
  double elapsed_fraction = 0;
  BuyIn buy_in;
  std::vector<TimelinePoint> timeline;
  std::vector<WinRateRow> win_rates;  // oldest first; the current quarter last
  Funnel funnel;
  std::vector<FunnelStage> diagnosis;  // the bottlenecks, most lost deals first
  Kpis kpis;
  AccountRollup accounts;
  bool has_team = false;  // true for people with direct reports
  std::vector<TeamRow> team;
};

// Computes the full scorecard of `user` as of `as_of` for period `period`.
Scorecard ComputeScorecard(const DataSet& ds, UserIx user, Date as_of, const Period& period);

// The scorecards of many people at once, in the order given: people with the
// same manager share one scan of that manager's subtree, so every AE's
// scorecard costs about one pass over the organisation's deals.
std::vector<Scorecard> ComputeScorecards(const DataSet& ds, const std::vector<UserIx>& users, Date as_of,
                                         const Period& period);

// Only the team table of a manager (SPEC §7.16); empty for a person without reports.
std::vector<TeamRow> ComputeTeam(const DataSet& ds, UserIx user, Date as_of, const Period& period);

}  // namespace sc
