// Quota (SPEC §3.1, §7.6) and the buy-in figures of one person from the
// region's sums: retirement, pace, coverage, judgment and calculated
// forecasts (§3.2, §3.3, §7.9). Internal to the engine.
#pragma once

#include "engine/region_figures.h"
#include "engine/scorecard.h"

namespace sc {

// quota(u, P) in cents: u's own rows prorated by overlap days; with no own
// row overlapping P, the sum of u's direct reports' quotas (recursively).
double QuotaCents(const DataSet& ds, UserIx u, const Period& p);

double ElapsedFraction(const Period& p, Date d);

BuyIn ComputeBuyIn(const DataSet& ds, const RegionFigures& f, UserIx u, Date as_of,
                   const Period& p);

}  // namespace sc
