// JSON documents of the product (SPEC §5.3, §3.6): the scorecard, account
// rows, the team table and the people list. nlohmann::json stays inside this
// module; callers get text.
//
//   std::string body = ScorecardJson(ds, card);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

#include "engine/accounts.h"
#include "engine/dataset.h"
#include "engine/scorecard.h"

namespace sc {

// `visible_root` below is the caller's scope (issue 8): only people in its
// subtree are named (ids, names, manager ids, owners); kNone names everyone.

// The scorecard document of SPEC §5.3 (the same for the CLI and HTTP).
std::string ScorecardJson(const DataSet& ds, const Scorecard& card, int indent = -1,
                          UserIx visible_root = kNone);

// `[{"id", "name", ...§7.12 keys}]` — the `accounts --format json` list.
std::string AccountRowsJson(const DataSet& ds, const std::vector<AccountRow>& rows, int indent = -1);

// `{"total": N, "offset": O, "limit": L, "rows": [...]}` — the HTTP page.
std::string AccountPageJson(const DataSet& ds, const std::vector<AccountRow>& rows, size_t offset,
                            size_t limit, int indent = -1, UserIx visible_root = kNone);

// `{"user": {...}, "as_of", "period", "team": [...], "team_total": {...}}`.
std::string TeamJson(const DataSet& ds, const Scorecard& card, int indent = -1,
                     UserIx visible_root = kNone);

// `{"users": [{"id", "name", "role", "manager_id", "team", "email"}]}`.
std::string UsersJson(const DataSet& ds, const std::vector<UserIx>& users, int indent = -1,
                      UserIx visible_root = kNone);

// `{"error": message}`.
std::string ErrorJson(const std::string& message);

// `{"email", "role", "user": {...} | null}` — GET /api/me. `user` is the
// data set person the account stands for (kNone: none); its manager is not named.
std::string MeJson(const DataSet* ds, const std::string& email, const std::string& role,
                   UserIx user);

// `{"email", "role", "expires_at_ms"}` — the answer to a sign-in.
std::string SignedInJson(const std::string& email, const std::string& role, int64_t expires_at_ms);

// The body of POST /api/login: {"email": string, "password": string}.
struct LoginBody {
  std::string email, password;
};
Result<LoginBody> ParseLoginBody(std::string_view body);

}  // namespace sc
