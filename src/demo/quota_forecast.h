// quotas.csv and forecasts.csv: monthly quota rows for most AEs, quarterly
// for some, an annual row for one manager (prorated by the engine), none for
// the other managers (they roll up); weekly forecast submissions (commit and
// best case) for the AEs who submit, over the last four quarters and P.
#pragma once

#include "core/fiscal.h"
#include "demo/csv_writer.h"
#include "demo/deal_simulator.h"
#include "demo/org.h"

namespace sc::demo {

class Rng;

// Quota rows from the quarter containing the history start to the end of
// the fiscal year containing D.
void WriteQuotas(const Org& org, const DemoClock& clock, const FiscalCalendar& calendar,
                 CsvWriter* out);

// One AE's forecast submissions. Past quarters forecast near what was
// booked; P at what is booked plus 30-60% of the open pipeline closing in P
// (David: a commit of 45% and a best case of 80% of his quota by the latest
// submission).
void WriteForecasts(const Person& owner, const RepProfile& profile, const RepBook& book,
                    const DemoClock& clock, const FiscalCalendar& calendar, Rng& rng,
                    CsvWriter* out);

}  // namespace sc::demo
