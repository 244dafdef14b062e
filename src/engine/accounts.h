// Account roll-ups for specific direction (SPEC §3.6, §7.12): a person's
// accounts with open pipeline, last touch, activity counts and the stale
// flag, filtered and sorted as a manager asks.
//
//   std::vector<AccountRow> rows = ComputeAccountRows(ds, david, as_of);
//   FilterAccounts(rows, {.open_pipeline_only = true, .stale_only = true});
//   RETURN_IF_ERROR(SortAccounts(ds, rows, "-open_pipeline"));
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/dataset.h"
#include "engine/scorecard.h"

namespace sc {

struct AccountRow {
  AccountIx account = kNone;
  Money open_pipeline = 0;          // open deals of any close date, not omitted
  int64_t open_opportunities = 0;   // omitted included
  std::optional<Instant> last_touch_at;
  std::optional<int64_t> days_since_touch;
  int64_t calls_30d = 0, emails_30d = 0, meetings_30d = 0;
  int64_t calls_90d = 0, emails_90d = 0, meetings_90d = 0;
  std::optional<Date> next_close_date;
  bool stale = false;
};

// The accounts owned in u's subtree plus those of the subtree's open deals,
// in account file order, each with its figures as of `as_of`.
std::vector<AccountRow> ComputeAccountRows(const DataSet& ds, UserIx u, Date as_of);

AccountRollup RollUpAccounts(const std::vector<AccountRow>& rows);

// The roll-ups of u and of each of u's direct reports (in order), each
// account's figures computed once. `open_accounts` lists (owner, account) of
// every deal open as of `as_of` owned in u's subtree, in owner preorder.
// Open-deal figures of every account, summed while a scorecard scans a large
// subtree's deals; `seen` counts the account's deals that were scanned, so
// the sums stand for the account only when it equals all its deals.
struct AccountOpen {
  Money open_pipeline = 0;
  int32_t open_opportunities = 0;
  int32_t seen = 0;
  Date next_close = Date::max();
};

struct TeamAccountRollups {
  AccountRollup total;
  std::vector<AccountRollup> reports;
};
// `account_open` (indexed by account, or empty) saves recomputing deal states.
TeamAccountRollups RollUpTeamAccounts(const DataSet& ds, UserIx u, Date as_of,
                                      std::span<const std::pair<UserIx, AccountIx>> open_accounts,
                                      const std::vector<AccountOpen>& account_open);

struct AccountFilter {
  bool open_pipeline_only = false;
  bool stale_only = false;
};
void FilterAccounts(std::vector<AccountRow>& rows, const AccountFilter& filter);

// The columns a list sorts by; `-name` sorts descending. Nulls sort last
// either way; ties go by account name, then id.
const std::vector<std::string_view>& AccountSortColumns();
Status SortAccounts(const DataSet& ds, std::vector<AccountRow>& rows, std::string_view sort);

}  // namespace sc
