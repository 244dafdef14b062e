// One pass over the deals and activities of a region of the tree (the
// subtree of the target's manager, or of the target at the top), keeping
// per-person sums of the person's own deals and their subtree totals. Every
// roll-up of the scorecard — team, peers, p_win cohorts, the team table —
// is a sum of these. Internal to the engine.
#pragma once

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "engine/accounts.h"
#include "engine/dataset.h"
#include "engine/opportunity_state.h"
#include "engine/scorecard.h"

namespace sc {

struct WinCounts {
  int64_t closed = 0, won = 0;
  Money closed_amount = 0, won_amount = 0;
};

// Sums over one person's own deals (or, in `subtree`, their whole subtree).
struct Figures {
  Money bookings = 0;        // won, close date in P and <= D, quota types
  Money open_pipeline = 0;   // open, close date in P, not omitted, quota types
  Money open_commit = 0;     // of open_pipeline, category commit
  Money open_best_case = 0;  // of open_pipeline, category best_case
  double weighted_open = 0;  // of open_pipeline, amount x p_win of the owner (cents)
  Money pipeline_created = 0;
  int64_t cohort_size = 0, cohort_won = 0;
  Money cohort_won_amount = 0;
  std::array<int64_t, kActivityTypeCount> activities{};

  void Add(const Figures& o, int sign = 1);
};

struct OpenDeal {
  int32_t owner_local;
  int32_t rank;
  Money amount;
};

class RegionFigures {
 public:
  // REQUIRES: target is in the subtree of root.
  RegionFigures(const DataSet& ds, UserIx root, UserIx target, Date as_of, const Period& period);

  // Tuning, settable by tests to force each code path: regions with at least
  // this many deals are scanned by two threads; targets with at least this
  // many deals, and at least 1/ratio as many deals as the data set has
  // accounts, sum account figures during the scan.
  static inline size_t parallel_scan_deals = 200000;
  static inline size_t account_tracking_deals = 4096;
  static inline size_t account_tracking_ratio = 4;

  int32_t Local(UserIx u) const { return ds_.subtree_pos[static_cast<size_t>(u)] - base_; }
  bool InRegion(UserIx u) const {
    int32_t l = Local(u);
    return l >= 0 && l < size_;
  }
  const Figures& own(UserIx u) const { return own_[static_cast<size_t>(Local(u))]; }
  const Figures& subtree(UserIx u) const { return sub_[static_cast<size_t>(Local(u))]; }
  // Cohort deals of u's own / subtree that reached open rank r.
  int64_t OwnReached(UserIx u, int32_t r) const { return own_reached_[Idx(u, r)]; }
  int64_t SubtreeReached(UserIx u, int32_t r) const { return sub_reached_[Idx(u, r)]; }
  const WinCounts& OwnWin(UserIx u, int q) const { return own_win_[WinIdx(u, q)]; }
  const WinCounts& SubtreeWin(UserIx u, int q) const { return sub_win_[WinIdx(u, q)]; }

  const std::vector<Period>& quarters() const { return quarters_; }
  // Per-account open figures of the target's deals, kept only when the
  // target owns many deals (empty otherwise).
  const std::vector<AccountOpen>& account_open() const { return account_open_; }
  int n_open() const { return n_open_; }

  // Deal detail for the target's subtree, in owner preorder: the part of
  // any person in that subtree is one run (SubtreeRun).
  struct Booking {
    UserIx owner;
    Date close;
    Money amount;
  };
  std::vector<Booking> target_bookings;
  std::vector<std::pair<UserIx, int64_t>> target_cycle_days;  // owner, days created -> won
  std::vector<DealRow> target_stalled, target_slipped;
  std::vector<std::pair<UserIx, AccountIx>> target_open_accounts;  // deals open at D

 private:
  size_t Idx(UserIx u, int32_t r) const {
    return static_cast<size_t>(Local(u)) * static_cast<size_t>(n_open_) + static_cast<size_t>(r);
  }
  size_t WinIdx(UserIx u, int q) const {
    return static_cast<size_t>(Local(u)) * quarters_.size() + static_cast<size_t>(q);
  }
  // What a deal scan of a run of people collects besides the per-person sums.
  struct ScanOutput {
    std::vector<Booking> target_bookings;
    std::vector<std::pair<UserIx, int64_t>> target_cycle_days;
    std::vector<DealRow> target_stalled, target_slipped;
    std::vector<std::pair<UserIx, AccountIx>> target_open_accounts;
    std::vector<OpenDeal> open_deals;
    void Append(ScanOutput&& o);
  };

  void ScanDeals(UserIx target);
  // Scans the deals of region people [first, last) (local indexes).
  void ScanUsers(int32_t first, int32_t last, UserIx target, bool track_accounts, ScanOutput& out,
                 std::vector<AccountOpen>& account_open);
  void ScanActivities();
  void WeighOpenDeals();
  void RollUp();

  const DataSet& ds_;
  Date as_of_;
  Period period_;
  int32_t base_ = 0, size_ = 0;
  int n_open_ = 0;
  std::vector<Period> quarters_;
  std::vector<Figures> own_, sub_;
  std::vector<int64_t> own_reached_, sub_reached_;
  std::vector<WinCounts> own_win_, sub_win_;
  std::vector<OpenDeal> open_deals_;
  std::vector<AccountOpen> account_open_;
};

// The run of `v` (ordered by owner preorder) whose owners are in u's subtree;
// `owner_of(item)` gives an item's owner.
template <typename T, typename OwnerOf>
std::span<const T> SubtreeRun(const DataSet& ds, const std::vector<T>& v, UserIx u, OwnerOf owner_of) {
  int32_t first = ds.subtree_pos[static_cast<size_t>(u)];
  int32_t last = first + ds.subtree_size[static_cast<size_t>(u)];
  auto pos = [&](const T& item) { return ds.subtree_pos[static_cast<size_t>(owner_of(item))]; };
  auto lo = std::partition_point(v.begin(), v.end(), [&](const T& item) { return pos(item) < first; });
  auto hi = std::partition_point(lo, v.end(), [&](const T& item) { return pos(item) < last; });
  return {lo, hi};
}

// p_win of a deal at open rank r owned by u (SPEC §3.3, §7.8).
double PWin(const DataSet& ds, const RegionFigures& f, UserIx u, int32_t r);

}  // namespace sc
