// One AE's activities (calls, emails, meetings, other touches): about ten per
// deal over its open life plus a few prospecting touches per account. The
// rep's `neglect` share of open-pipeline accounts gets no call or email in
// the last 15-50 days (for David, two get none ever); every other account
// with open pipeline has a call or email in the last ten days.
#pragma once

#include <string>

#include "demo/csv_writer.h"
#include "demo/deal_simulator.h"
#include "demo/org.h"

namespace sc::demo {

class Rng;

// Writes the activities of `owner` (with manager id `manager_id`, who owns a
// few of the meetings) and returns how many were written.
int64_t WriteActivities(const Person& owner, const std::string& manager_id,
                        const RepProfile& profile, const RepBook& book, const DemoClock& clock,
                        Rng& rng, IdCounters* ids, CsvWriter* out);

}  // namespace sc::demo
