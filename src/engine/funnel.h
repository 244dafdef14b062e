// The conversion funnel, rep vs team vs peers, the pooled one-sided
// two-proportion z-test, and the diagnosis (SPEC §3.5, §7.11). Internal.
#pragma once

#include "engine/region_figures.h"
#include "engine/scorecard.h"

namespace sc {

// Φ(z), the standard normal CDF.
double NormalCdf(double z);

// p-value of the one-sided test "rate 1 < rate 2", pooled; nullopt when a
// sample is empty or the pooled rate is 0 or 1.
OptDouble OneSidedPValue(int64_t x1, int64_t n1, int64_t x2, int64_t n2);

Funnel ComputeFunnel(const DataSet& ds, const RegionFigures& f, UserIx u);

// The bottleneck stages, most lost deals first, ties by stage order.
std::vector<FunnelStage> Diagnose(const Funnel& funnel);

}  // namespace sc
