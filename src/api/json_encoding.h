// JSON documents of the product (SPEC §5.3, §3.6): the scorecard, account
// rows, the team table and the people list. nlohmann::json stays inside this
// module; callers get text.
//
//   std::string body = ScorecardJson(ds, card);
#pragma once

#include <string>
#include <vector>

#include "engine/accounts.h"
#include "engine/dataset.h"
#include "engine/scorecard.h"

namespace sc {

// The scorecard document of SPEC §5.3 (the same for the CLI and HTTP).
std::string ScorecardJson(const DataSet& ds, const Scorecard& card, int indent = -1);

// `[{"id", "name", ...§7.12 keys}]` — the `accounts --format json` list.
std::string AccountRowsJson(const DataSet& ds, const std::vector<AccountRow>& rows, int indent = -1);

// `{"total": N, "offset": O, "limit": L, "rows": [...]}` — the HTTP page.
std::string AccountPageJson(const DataSet& ds, const std::vector<AccountRow>& rows, size_t offset,
                            size_t limit, int indent = -1);

// `{"user": {...}, "as_of", "period", "team": [...], "team_total": {...}}`.
std::string TeamJson(const DataSet& ds, const Scorecard& card, int indent = -1);

// `{"users": [{"id", "name", "role", "manager_id", "team", "email"}]}`.
std::string UsersJson(const DataSet& ds, const std::vector<UserIx>& users, int indent = -1);

// `{"error": message}`.
std::string ErrorJson(const std::string& message);

}  // namespace sc
