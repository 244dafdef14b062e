// The one-on-one brief for a terminal (`scorecards report --format text`):
// buy-in first, then forecasts, close rate beside the team, the funnel with
// its diagnosis in a manager's words, KPIs, accounts, and the team table.
#pragma once

#include <string>
#include <vector>

#include "engine/accounts.h"
#include "engine/scorecard.h"

namespace sc {

std::string ScorecardText(const DataSet& ds, const Scorecard& card);

// "Business Justification → Negotiation: 35% vs 62% for peers (n=23, p=0.01); coach: ..."
std::string DiagnosisSentence(const FunnelStage& s);

std::string AccountsText(const DataSet& ds, const std::vector<AccountRow>& rows);
std::string AccountsCsv(const DataSet& ds, const std::vector<AccountRow>& rows);

}  // namespace sc
