// The state of an opportunity as of a date (SPEC §2.2, §7.2, §7.3): the
// heart of every figure. A state is one binary search in the opportunity's
// history, which the builder keeps sorted with empty fields resolved.
//
//   OppState s;
//   if (StateAt(ds, o, as_of, &s) && IsOpen(ds, s)) pipeline += s.amount;
#pragma once

#include "engine/dataset.h"

namespace sc {

struct OppState {
  StageIx stage = kNone;
  Money amount = 0;
  Date close{};
  ForecastCategory category = ForecastCategory::kPipeline;
  int32_t last_row = kNone;  // the last history row at or before the date, or kNone
};

// Fills *out with o's state at the end of day d. Returns false when o does
// not exist yet (its created_at's UTC date is after d).
bool StateAt(const DataSet& ds, OppIx o, Date d, OppState* out);

inline bool IsOpen(const DataSet& ds, const OppState& s) { return !ds.stage(s.stage).is_closed; }
inline bool IsWon(const DataSet& ds, const OppState& s) { return ds.stage(s.stage).is_won; }
inline bool IsClosed(const DataSet& ds, const OppState& s) { return ds.stage(s.stage).is_closed; }

// The highest open-stage rank among o's states at or before d (its history
// rows up to d and its state `at_d`), or kNone. SPEC §3.5 "reached".
int32_t MaxOpenRankAt(const DataSet& ds, OppIx o, const OppState& at_d);

// The number of open stages o reached as of d: every open stage up to its
// highest rank, all of them when won, at least the first (SPEC §3.5).
int32_t StagesReached(const DataSet& ds, OppIx o, const OppState& at_d);

}  // namespace sc
