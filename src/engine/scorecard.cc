#include "engine/scorecard.h"

#include <algorithm>

#include "engine/accounts.h"
#include "engine/buy_in.h"
#include "engine/funnel.h"
#include "engine/region_figures.h"

namespace sc {
namespace {

OptDouble Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

// The region a person's figures need: their manager's subtree (team and
// peers), or their own at the top of the tree.
UserIx RegionRoot(const DataSet& ds, UserIx u) {
  UserIx m = ds.user_manager[static_cast<size_t>(u)];
  return m == kNone ? u : m;
}

WinCounts Minus(WinCounts a, const WinCounts& b) {
  a.closed -= b.closed;
  a.won -= b.won;
  a.closed_amount -= b.closed_amount;
  a.won_amount -= b.won_amount;
  return a;
}

// Win counts of u's team for quarter q: the subtrees of u's manager's
// reports, or u's own subtree at the top.
WinCounts TeamWin(const DataSet& ds, const RegionFigures& f, UserIx u, int q) {
  UserIx m = ds.user_manager[static_cast<size_t>(u)];
  if (m == kNone || !f.InRegion(m)) return f.SubtreeWin(u, q);
  return Minus(f.SubtreeWin(m, q), f.OwnWin(m, q));
}

WinRateRow MakeWinRow(const DataSet& ds, const RegionFigures& f, UserIx u, int q) {
  WinRateRow row;
  row.quarter = f.quarters()[static_cast<size_t>(q)];
  const WinCounts& w = f.SubtreeWin(u, q);
  row.closed = w.closed;
  row.won = w.won;
  row.closed_amount = ToUnits(w.closed_amount);
  row.won_amount = ToUnits(w.won_amount);
  row.win_rate = Ratio(static_cast<double>(w.won), static_cast<double>(w.closed));
  row.win_rate_amount = Ratio(row.won_amount, row.closed_amount);
  WinCounts t = TeamWin(ds, f, u, q);
  row.team_closed = t.closed;
  row.team_won = t.won;
  row.team_win_rate = Ratio(static_cast<double>(t.won), static_cast<double>(t.closed));
  return row;
}

std::vector<TimelinePoint> Timeline(const DataSet& ds, const RegionFigures& f, UserIx u, const Period& p,
                                    Date as_of, double quota) {
  std::vector<TimelinePoint> out;
  if (as_of < p.start) return out;
  Date last = std::min(as_of, p.end);
  std::vector<std::pair<Date, Money>> wins;
  for (const auto& b : SubtreeRun(ds, f.target_bookings, u, [](const auto& x) { return x.owner; })) {
    wins.push_back({b.close, b.amount});
  }
  std::sort(wins.begin(), wins.end());
  size_t next = 0;
  Money cumulative = 0;
  for (Date d = p.start; d <= last; d += std::chrono::days(1)) {
    while (next < wins.size() && wins[next].first <= d) cumulative += wins[next++].second;
    out.push_back({d, ToUnits(cumulative), quota * ElapsedFraction(p, d)});
  }
  return out;
}

OptDouble Median(std::vector<int64_t> v) {
  if (v.empty()) return std::nullopt;
  size_t n = v.size();
  auto mid = v.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (n % 2 == 1) return static_cast<double>(*mid);
  int64_t below = *std::max_element(v.begin(), mid);
  return (static_cast<double>(below) + static_cast<double>(*mid)) / 2.0;
}

Kpis ComputeKpis(const DataSet& ds, const RegionFigures& f, UserIx u) {
  Kpis k;
  const Figures& sub = f.subtree(u);
  if (sub.cohort_won > 0) {
    k.avg_deal_size = ToUnits(sub.cohort_won_amount) / static_cast<double>(sub.cohort_won);
  }
  std::vector<int64_t> cycles;
  for (const auto& c : SubtreeRun(ds, f.target_cycle_days, u, [](const auto& x) { return x.first; })) {
    cycles.push_back(c.second);
  }
  k.sales_cycle_days = Median(std::move(cycles));
  k.pipeline_created = ToUnits(sub.pipeline_created);
  k.activities = sub.activities;
  // The team's mean per member of each member's subtree counts.
  UserIx m = ds.user_manager[static_cast<size_t>(u)];
  std::vector<UserIx> members = m == kNone ? std::vector<UserIx>{u} : ds.reports[static_cast<size_t>(m)];
  for (UserIx v : members) {
    for (size_t t = 0; t < k.team_activities_per_rep.size(); ++t) {
      k.team_activities_per_rep[t] += static_cast<double>(f.subtree(v).activities[t]);
    }
  }
  for (double& x : k.team_activities_per_rep) x /= static_cast<double>(members.size());
  auto owner_of_deal = [&](const DealRow& d) { return ds.opp_owner[static_cast<size_t>(d.opp)]; };
  auto stalled = SubtreeRun(ds, f.target_stalled, u, owner_of_deal);
  auto slipped = SubtreeRun(ds, f.target_slipped, u, owner_of_deal);
  k.stalled.assign(stalled.begin(), stalled.end());
  k.slipped.assign(slipped.begin(), slipped.end());
  auto by_amount = [](const DealRow& a, const DealRow& b) { return a.amount > b.amount; };
  std::stable_sort(k.stalled.begin(), k.stalled.end(), by_amount);
  std::stable_sort(k.slipped.begin(), k.slipped.end(), by_amount);
  return k;
}

std::vector<TeamRow> TeamRows(const DataSet& ds, const RegionFigures& f, UserIx u, Date as_of,
                              const Period& p, const TeamAccountRollups& accounts) {
  std::vector<TeamRow> rows;
  int current = static_cast<int>(f.quarters().size()) - 1;
  const auto& reports = ds.reports[static_cast<size_t>(u)];
  for (size_t i = 0; i < reports.size(); ++i) {
    TeamRow row;
    row.user = reports[i];
    row.buy_in = ComputeBuyIn(ds, f, reports[i], as_of, p);
    row.current_quarter = MakeWinRow(ds, f, reports[i], current);
    row.accounts = accounts.reports[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// One person's scorecard from the figures of a region that holds them (with
// deal detail collected for their subtree).
Scorecard Assemble(const DataSet& ds, const RegionFigures& f, UserIx user, Date as_of, const Period& period) {
  Scorecard card;
  card.user = user;
  card.as_of = as_of;
  card.period = period;
  card.elapsed_fraction = ElapsedFraction(period, as_of);
  card.buy_in = ComputeBuyIn(ds, f, user, as_of, period);
  card.timeline = Timeline(ds, f, user, period, as_of, card.buy_in.quota);
  for (int q = 0; q < static_cast<int>(f.quarters().size()); ++q) {
    card.win_rates.push_back(MakeWinRow(ds, f, user, q));
  }
  card.funnel = ComputeFunnel(ds, f, user);
  card.diagnosis = Diagnose(card.funnel);
  card.kpis = ComputeKpis(ds, f, user);
  auto open_accounts = SubtreeRun(ds, f.target_open_accounts, user, [](const auto& x) { return x.first; });
  TeamAccountRollups accounts = RollUpTeamAccounts(ds, user, as_of, open_accounts, f.account_open());
  card.accounts = accounts.total;
  card.has_team = !ds.reports[static_cast<size_t>(user)].empty();
  if (card.has_team) card.team = TeamRows(ds, f, user, as_of, period, accounts);
  return card;
}

}  // namespace

Scorecard ComputeScorecard(const DataSet& ds, UserIx user, Date as_of, const Period& period) {
  RegionFigures f(ds, RegionRoot(ds, user), user, as_of, period);
  return Assemble(ds, f, user, as_of, period);
}

std::vector<Scorecard> ComputeScorecards(const DataSet& ds, const std::vector<UserIx>& users, Date as_of,
                                         const Period& period) {
  // People who share a region (the same manager) share one scan of it.
  std::vector<size_t> order(users.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto root_pos = [&](size_t i) { return ds.subtree_pos[static_cast<size_t>(RegionRoot(ds, users[i]))]; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return root_pos(a) < root_pos(b); });
  std::vector<Scorecard> cards(users.size());
  for (size_t i = 0; i < order.size();) {
    UserIx root = RegionRoot(ds, users[order[i]]);
    RegionFigures f(ds, root, root, as_of, period);
    for (; i < order.size() && RegionRoot(ds, users[order[i]]) == root; ++i) {
      cards[order[i]] = Assemble(ds, f, users[order[i]], as_of, period);
    }
  }
  return cards;
}

std::vector<TeamRow> ComputeTeam(const DataSet& ds, UserIx user, Date as_of, const Period& period) {
  if (ds.reports[static_cast<size_t>(user)].empty()) return {};
  RegionFigures f(ds, user, user, as_of, period);
  auto open_accounts = SubtreeRun(ds, f.target_open_accounts, user, [](const auto& x) { return x.first; });
  return TeamRows(ds, f, user, as_of, period, RollUpTeamAccounts(ds, user, as_of, open_accounts, f.account_open()));
}

}  // namespace sc
