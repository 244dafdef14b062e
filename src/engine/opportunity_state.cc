#include "engine/opportunity_state.h"

#include <algorithm>

namespace sc {

bool StateAt(const DataSet& ds, OppIx o, Date d, OppState* out) {
  auto oi = static_cast<size_t>(o);
  if (UtcDate(ds.opp_created[oi]) > d) return false;
  int32_t begin = ds.hist_begin[oi];
  int32_t end = ds.hist_begin[oi + 1];
  if (begin == end) {
    // No history: the opportunity's own fields; a deal closed after d was
    // still open then, in the first open stage (SPEC §2.2 rule 4).
    StageIx stage = ds.opp_stage[oi];
    if (ds.stage(stage).is_closed && ds.opp_close[oi] > d) {
      stage = ds.open_stages.empty() ? stage : ds.open_stages.front();
    }
    out->stage = stage;
    out->amount = ds.opp_amount[oi];
    out->close = ds.opp_close[oi];
    out->category = ds.opp_category[oi] != kNoCategory
                        ? static_cast<ForecastCategory>(ds.opp_category[oi])
                        : ds.stage(stage).default_category;
    out->last_row = kNone;
    return true;
  }
  Instant limit = EndOfDay(d);
  auto first = ds.hist_at.begin() + begin;
  auto last = ds.hist_at.begin() + end;
  // Most deals' histories end before the as-of date: check the last row first.
  auto it = *(last - 1) <= limit ? last : std::upper_bound(first, last, limit);  // first row after d
  int32_t row;
  if (it == first) {
    row = begin;  // every row is after d: the earliest gives the state (rule 3)
    out->last_row = kNone;
  } else {
    row = static_cast<int32_t>(it - ds.hist_at.begin()) - 1;
    out->last_row = row;
  }
  auto ri = static_cast<size_t>(row);
  out->stage = ds.hist_stage[ri];
  out->amount = ds.hist_amount[ri];
  out->close = ds.hist_close[ri];
  out->category = ds.hist_category[ri] != kNoCategory
                      ? static_cast<ForecastCategory>(ds.hist_category[ri])
                      : ds.stage(out->stage).default_category;
  return true;
}

int32_t MaxOpenRankAt(const DataSet& ds, OppIx, const OppState& at_d) {
  int32_t rank = ds.stage(at_d.stage).open_rank;
  if (at_d.last_row != kNone) {
    rank = std::max(rank, ds.hist_max_rank[static_cast<size_t>(at_d.last_row)]);
  }
  return rank;
}

int32_t StagesReached(const DataSet& ds, OppIx o, const OppState& at_d) {
  auto n_open = static_cast<int32_t>(ds.open_stages.size());
  if (IsWon(ds, at_d)) return n_open;
  int32_t reached = MaxOpenRankAt(ds, o, at_d) + 1;
  return std::clamp(reached, std::min<int32_t>(1, n_open), n_open);
}

}  // namespace sc
