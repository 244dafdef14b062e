#include "engine/region_figures.h"

#include <algorithm>
#include <iterator>
#include <thread>

namespace sc {

void Figures::Add(const Figures& o, int sign) {
  bookings += sign * o.bookings;
  open_pipeline += sign * o.open_pipeline;
  open_commit += sign * o.open_commit;
  open_best_case += sign * o.open_best_case;
  weighted_open += sign * o.weighted_open;
  pipeline_created += sign * o.pipeline_created;
  cohort_size += sign * o.cohort_size;
  cohort_won += sign * o.cohort_won;
  cohort_won_amount += sign * o.cohort_won_amount;
  for (size_t t = 0; t < activities.size(); ++t) activities[t] += sign * o.activities[t];
}

RegionFigures::RegionFigures(const DataSet& ds, UserIx root, UserIx target, Date as_of,
                             const Period& period)
    : ds_(ds), as_of_(as_of), period_(period) {
  base_ = ds.subtree_pos[static_cast<size_t>(root)];
  size_ = ds.subtree_size[static_cast<size_t>(root)];
  n_open_ = static_cast<int>(ds.open_stages.size());
  Period current = ds.calendar.QuarterContaining(as_of);
  auto n_past = static_cast<int>(std::max<int64_t>(0, ds.settings.winrate_quarters));
  for (int i = n_past; i >= 0; --i) quarters_.push_back(ds.calendar.QuarterBefore(current, i));
  auto n = static_cast<size_t>(size_);
  own_.assign(n, {});
  own_reached_.assign(n * static_cast<size_t>(n_open_), 0);
  own_win_.assign(n * quarters_.size(), {});
  ScanDeals(target);
  ScanActivities();
  RollUp();
  WeighOpenDeals();
}

void RegionFigures::ScanDeals(UserIx target) {
  const DataSet& ds = ds_;
  // For a target with many deals, sum each account's open deals during this
  // scan rather than finding their states again for the account roll-up.
  size_t target_deals = 0;
  auto tpos = static_cast<size_t>(ds.subtree_pos[static_cast<size_t>(target)]);
  for (size_t i = tpos; i < tpos + static_cast<size_t>(ds.subtree_size[static_cast<size_t>(target)]); ++i) {
    target_deals += ds.opps_by_owner.size(ds.preorder[i]);
  }
  if (target_deals * account_tracking_ratio >= ds.accounts() && target_deals >= account_tracking_deals) {
    account_open_.assign(ds.accounts(), {});
  }
  const bool track_accounts = !account_open_.empty();

  // A large region is scanned by two threads, each over a run of people with
  // about half the deals; their outputs are joined in preorder.
  size_t region_deals = 0;
  for (int32_t i = 0; i < size_; ++i) region_deals += ds.opps_by_owner.size(ds.preorder[static_cast<size_t>(base_ + i)]);
  ScanOutput first_half;
  if (region_deals < parallel_scan_deals || size_ < 2) {
    ScanUsers(0, size_, target, track_accounts, first_half, account_open_);
  } else {
    int32_t mid = 0;
    for (size_t seen = 0; mid < size_ && seen * 2 < region_deals; ++mid) {
      seen += ds.opps_by_owner.size(ds.preorder[static_cast<size_t>(base_ + mid)]);
    }
    ScanOutput second_half;
    std::vector<AccountOpen> second_accounts(track_accounts ? ds.accounts() : 0);
    std::thread helper([&] { ScanUsers(mid, size_, target, track_accounts, second_half, second_accounts); });
    ScanUsers(0, mid, target, track_accounts, first_half, account_open_);
    helper.join();
    first_half.Append(std::move(second_half));
    for (size_t a = 0; a < second_accounts.size(); ++a) {
      AccountOpen& x = account_open_[a];
      const AccountOpen& y = second_accounts[a];
      x.open_pipeline += y.open_pipeline;
      x.open_opportunities += y.open_opportunities;
      x.seen += y.seen;
      x.next_close = std::min(x.next_close, y.next_close);
    }
  }
  target_bookings = std::move(first_half.target_bookings);
  target_cycle_days = std::move(first_half.target_cycle_days);
  target_stalled = std::move(first_half.target_stalled);
  target_slipped = std::move(first_half.target_slipped);
  target_open_accounts = std::move(first_half.target_open_accounts);
  open_deals_ = std::move(first_half.open_deals);
}

void RegionFigures::ScanOutput::Append(ScanOutput&& o) {
  auto move_into = [](auto& to, auto& from) { to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end())); };
  move_into(target_bookings, o.target_bookings);
  move_into(target_cycle_days, o.target_cycle_days);
  move_into(target_stalled, o.target_stalled);
  move_into(target_slipped, o.target_slipped);
  move_into(target_open_accounts, o.target_open_accounts);
  move_into(open_deals, o.open_deals);
}

void RegionFigures::ScanUsers(int32_t first, int32_t last, UserIx target, bool track_accounts,
                              ScanOutput& out, std::vector<AccountOpen>& account_open) {
  const DataSet& ds = ds_;
  const Date d = as_of_;
  const Date cohort_start = AddDays(d, -ds.settings.forecast_lookback_days);  // exclusive
  const Date created_end = std::min(period_.end, d);
  const Date win_start = quarters_.front().start;
  const bool slipped_applies = d >= period_.start;
  const int64_t stalled_days = ds.settings.deals_stalled_days;
  for (int32_t i = first; i < last; ++i) {
    UserIx owner = ds.preorder[static_cast<size_t>(base_ + i)];
    bool in_target = ds.InSubtree(target, owner);
    Figures& f = own_[static_cast<size_t>(i)];
    for (const int32_t* it = ds.opps_by_owner.first(owner); it != ds.opps_by_owner.last(owner); ++it) {
      OppIx o = *it;
      auto oi = static_cast<size_t>(o);
      OppState s;
      if (!StateAt(ds, o, d, &s)) {
        // Not created yet: it counts as seen for its account, with nothing open.
        if (track_accounts && in_target && ds.opp_account[oi] != kNone) {
          ++account_open[static_cast<size_t>(ds.opp_account[oi])].seen;
        }
        continue;
      }
      const StageInfo& st = ds.stage(s.stage);
      bool quota_type = ds.type_in_quota_types[static_cast<size_t>(ds.opp_type[oi])];
      bool close_in_p = period_.Contains(s.close);
      if (st.is_won && close_in_p && s.close <= d && quota_type) {
        f.bookings += s.amount;
        if (in_target) out.target_bookings.push_back({owner, s.close, s.amount});
      }
      if (!st.is_closed && close_in_p && quota_type && s.category != ForecastCategory::kOmitted) {
        f.open_pipeline += s.amount;
        if (s.category == ForecastCategory::kCommit) f.open_commit += s.amount;
        if (s.category == ForecastCategory::kBestCase) f.open_best_case += s.amount;
        out.open_deals.push_back({i, st.open_rank, s.amount});
      }
      Date created = UtcDate(ds.opp_created[oi]);
      if (created >= period_.start && created <= created_end) f.pipeline_created += s.amount;
      if (st.is_closed && s.close > cohort_start && s.close <= d) {
        ++f.cohort_size;
        int32_t reached = StagesReached(ds, o, s);
        int64_t* counts = &own_reached_[static_cast<size_t>(i) * static_cast<size_t>(n_open_)];
        for (int32_t r = 0; r < reached; ++r) ++counts[r];
        if (st.is_won) {
          ++f.cohort_won;
          f.cohort_won_amount += s.amount;
          if (in_target) out.target_cycle_days.push_back({owner, DaysBetween(created, s.close)});
        }
      }
      if (st.is_closed && s.close >= win_start && s.close <= d &&
          ds.type_in_winrate_types[static_cast<size_t>(ds.opp_type[oi])]) {
        for (size_t q = 0; q < quarters_.size(); ++q) {
          if (!quarters_[q].Contains(s.close)) continue;
          WinCounts& w = own_win_[static_cast<size_t>(i) * quarters_.size() + q];
          ++w.closed;
          w.closed_amount += s.amount;
          if (st.is_won) {
            ++w.won;
            w.won_amount += s.amount;
          }
          break;
        }
      }
      if (!in_target) continue;
      AccountIx account = ds.opp_account[oi];
      if (track_accounts && account != kNone) {
        AccountOpen& acc = account_open[static_cast<size_t>(account)];
        ++acc.seen;
        if (!st.is_closed) {
          ++acc.open_opportunities;
          if (s.category != ForecastCategory::kOmitted) acc.open_pipeline += s.amount;
          acc.next_close = std::min(acc.next_close, s.close);
        }
      }
      if (!st.is_closed) {
        out.target_open_accounts.push_back({owner, ds.opp_account[oi]});
        Date last_change = s.last_row != kNone ? UtcDate(ds.hist_at[static_cast<size_t>(s.last_row)]) : created;
        int64_t idle = DaysBetween(last_change, d);
        if (idle > stalled_days) {
          out.target_stalled.push_back({o, ToUnits(s.amount), s.stage, s.close, last_change, idle, {}});
        }
      }
      if (slipped_applies && (!st.is_closed || !st.is_won) && s.close > period_.end) {
        OppState at_start;
        if (StateAt(ds, o, period_.start, &at_start) && period_.Contains(at_start.close)) {
          DealRow row{o, ToUnits(s.amount), s.stage, s.close, {}, 0, at_start.close};
          out.target_slipped.push_back(row);
        }
      }
    }
  }
}

void RegionFigures::ScanActivities() {
  const Date first = period_.start;
  const Date last = std::min(period_.end, as_of_);
  if (last < first) return;
  for (int32_t i = 0; i < size_; ++i) {
    UserIx u = ds_.preorder[static_cast<size_t>(base_ + i)];
    auto begin = ds_.owner_act_date.begin() + ds_.owner_act_begin[static_cast<size_t>(u)];
    auto end = ds_.owner_act_date.begin() + ds_.owner_act_begin[static_cast<size_t>(u) + 1];
    auto lo = std::lower_bound(begin, end, first);
    auto hi = std::upper_bound(lo, end, last);
    for (auto it = lo; it != hi; ++it) {
      auto k = static_cast<size_t>(it - ds_.owner_act_date.begin());
      ++own_[static_cast<size_t>(i)].activities[static_cast<size_t>(ds_.owner_act_type[k])];
    }
  }
}

void RegionFigures::RollUp() {
  sub_ = own_;
  sub_reached_ = own_reached_;
  sub_win_ = own_win_;
  auto n_open = static_cast<size_t>(n_open_);
  size_t nq = quarters_.size();
  // Children come after their parent in preorder: walk backwards, adding each
  // person's subtree into their manager's.
  for (int32_t i = size_ - 1; i > 0; --i) {
    UserIx u = ds_.preorder[static_cast<size_t>(base_ + i)];
    UserIx m = ds_.user_manager[static_cast<size_t>(u)];
    auto mi = static_cast<size_t>(Local(m));
    auto ui = static_cast<size_t>(i);
    sub_[mi].Add(sub_[ui]);
    for (size_t r = 0; r < n_open; ++r) sub_reached_[mi * n_open + r] += sub_reached_[ui * n_open + r];
    for (size_t q = 0; q < nq; ++q) {
      WinCounts& a = sub_win_[mi * nq + q];
      const WinCounts& b = sub_win_[ui * nq + q];
      a.closed += b.closed;
      a.won += b.won;
      a.closed_amount += b.closed_amount;
      a.won_amount += b.won_amount;
    }
  }
}

void RegionFigures::WeighOpenDeals() {
  // p_win per (owner, rank), computed once per pair.
  std::vector<double> cache;
  std::vector<char> known;
  auto n_open = static_cast<size_t>(n_open_);
  cache.assign(static_cast<size_t>(size_) * n_open, 0);
  known.assign(cache.size(), 0);
  for (const OpenDeal& deal : open_deals_) {
    size_t k = static_cast<size_t>(deal.owner_local) * n_open + static_cast<size_t>(deal.rank);
    if (!known[k]) {
      cache[k] = PWin(ds_, *this, ds_.preorder[static_cast<size_t>(base_ + deal.owner_local)], deal.rank);
      known[k] = 1;
    }
    own_[static_cast<size_t>(deal.owner_local)].weighted_open += cache[k] * static_cast<double>(deal.amount);
  }
  // Add the weights into the subtree sums.
  for (int32_t i = 0; i < size_; ++i) {
    double w = own_[static_cast<size_t>(i)].weighted_open;
    if (w == 0) continue;
    for (UserIx u = ds_.preorder[static_cast<size_t>(base_ + i)]; u != kNone && InRegion(u);
         u = ds_.user_manager[static_cast<size_t>(u)]) {
      sub_[static_cast<size_t>(Local(u))].weighted_open += w;
    }
  }
}

double PWin(const DataSet& ds, const RegionFigures& f, UserIx u, int32_t r) {
  auto n_rep = static_cast<double>(f.OwnReached(u, r));
  auto w_rep = static_cast<double>(f.own(u).cohort_won);
  // The team cohort: u's subtree when u has reports, else the subtrees of
  // u's manager's reports (u's team), else u alone (SPEC §7.8).
  int64_t n_team = 0, w_team = 0;
  UserIx m = ds.user_manager[static_cast<size_t>(u)];
  if (!ds.reports[static_cast<size_t>(u)].empty() || m == kNone || !f.InRegion(m)) {
    n_team = f.SubtreeReached(u, r);
    w_team = f.subtree(u).cohort_won;
  } else {
    n_team = f.SubtreeReached(m, r) - f.OwnReached(m, r);
    w_team = f.subtree(m).cohort_won - f.own(m).cohort_won;
  }
  double p_team = n_team > 0 ? static_cast<double>(w_team) / static_cast<double>(n_team)
                             : ds.stage(ds.open_stages[static_cast<size_t>(r)]).probability / 100.0;
  double k = ds.settings.forecast_shrinkage;
  if (n_rep + k <= 0) return p_team;
  return (w_rep + k * p_team) / (n_rep + k);
}

}  // namespace sc
