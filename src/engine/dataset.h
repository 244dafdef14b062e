// The in-memory data set the engine computes on: columns (structs of
// arrays) with dense integer ids, indexed by owner, account and opportunity,
// built once per import and shared read-only by every request thread.
//
//   DataSetBuilder builder;
//   RETURN_IF_ERROR(store->Scan(builder));          // or an importer directly
//   ASSIGN_OR_RETURN(std::shared_ptr<const DataSet> ds, builder.Finish());
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/money.h"
#include "base/time.h"
#include "core/fiscal.h"
#include "core/record_sink.h"
#include "core/records.h"
#include "core/settings.h"

namespace sc {

using UserIx = int32_t;
using StageIx = int32_t;
using AccountIx = int32_t;
using OppIx = int32_t;
inline constexpr int32_t kNone = -1;

// An explicit forecast category, or none (kNoCategory) so the stage's default applies.
inline constexpr int8_t kNoCategory = -1;

struct StageInfo {
  std::string name;
  int64_t order = 0;
  bool is_closed = false;
  bool is_won = false;
  double probability = 0;  // 0..100; a missing value counts as 0 (SPEC §7.8)
  ForecastCategory default_category = ForecastCategory::kPipeline;
  std::vector<std::string> skills;
  int32_t open_rank = kNone;  // position among open stages by order, 0-based
};

// Compressed sparse rows: the items of group g are items[begin[g]..begin[g+1]).
struct Csr {
  std::vector<int32_t> begin;
  std::vector<int32_t> items;
  size_t size(int32_t g) const { return static_cast<size_t>(begin[g + 1] - begin[g]); }
  const int32_t* first(int32_t g) const { return items.data() + begin[g]; }
  const int32_t* last(int32_t g) const { return items.data() + begin[g + 1]; }
};

struct DataSet {
  Settings settings;
  FiscalCalendar calendar;

  // Users, in users.csv order.
  std::vector<std::string> user_id, user_name, user_email, user_team;
  std::vector<Role> user_role;
  std::vector<UserIx> user_manager;        // kNone at the top
  std::vector<std::vector<UserIx>> reports;  // direct reports in users.csv order
  // Subtree of u = preorder[subtree_pos[u] .. subtree_pos[u] + subtree_size[u]).
  std::vector<UserIx> preorder;
  std::vector<int32_t> subtree_pos, subtree_size;
  std::unordered_map<std::string, UserIx> user_by_id;

  // Stages, in stages.csv order; open stages by rank.
  std::vector<StageInfo> stages;
  std::vector<StageIx> open_stages;  // by order
  std::unordered_map<std::string, StageIx> stage_by_name;

  // Accounts.
  std::vector<std::string> account_id, account_name;
  std::vector<UserIx> account_owner;  // kNone when not set
  std::unordered_map<std::string, AccountIx> account_by_id;

  // Opportunities.
  std::vector<std::string> opp_id, opp_name;
  std::vector<std::string> type_names;  // distinct types; opp_type indexes it
  std::vector<int32_t> opp_type;
  std::vector<AccountIx> opp_account;
  std::vector<UserIx> opp_owner;
  std::vector<Money> opp_amount;
  std::vector<StageIx> opp_stage;
  std::vector<int8_t> opp_category;  // explicit category or kNoCategory
  std::vector<Instant> opp_created;
  std::vector<Date> opp_close;
  std::unordered_map<std::string, OppIx> opp_by_id;

  // Stage history, grouped by opportunity and sorted by changed_at (ties in
  // file order), with empty fields resolved (SPEC §1.1, §7.2, §7.3).
  std::vector<int32_t> hist_begin;  // per opportunity, size opps + 1
  std::vector<Instant> hist_at;
  std::vector<StageIx> hist_stage;
  std::vector<Money> hist_amount;
  std::vector<Date> hist_close;
  std::vector<int8_t> hist_category;   // resolved explicit category or kNoCategory
  std::vector<int32_t> hist_max_rank;  // highest open rank among rows up to this one, or kNone

  // Indexes.
  Csr opps_by_owner;    // opportunities of each user
  Csr opps_by_account;  // opportunities at each account
  Csr accounts_by_owner;

  // Activities, grouped by account and sorted by time; and per owner.
  std::vector<int32_t> act_account_begin;  // per account, size accounts + 1
  std::vector<Instant> act_at;             // sorted within each account
  std::vector<ActivityType> act_type;
  std::vector<UserIx> act_owner;           // kNone when not set
  // Per owner: activity dates and types sorted by date (for per-period counts).
  std::vector<int32_t> owner_act_begin;  // per user, size users + 1
  std::vector<Date> owner_act_date;
  std::vector<ActivityType> owner_act_type;

  // Quotas and forecasts, grouped by owner.
  struct Quota {
    Date start, end;
    Money amount;
  };
  struct Forecast {
    std::string period;
    SubmissionCategory category;
    Money amount;
    Instant submitted_at;
    int64_t seq;  // file order
  };
  std::vector<std::vector<Quota>> quotas;
  std::vector<std::vector<Forecast>> forecasts;

  // True when some opportunity has one of the configured win-rate types.
  bool winrate_types_present = false;
  std::vector<bool> type_in_quota_types;    // per type index; all true when unset
  std::vector<bool> type_in_winrate_types;  // per type index, after the fallback

  size_t users() const { return user_id.size(); }
  size_t opportunities() const { return opp_id.size(); }
  size_t accounts() const { return account_id.size(); }
  const StageInfo& stage(StageIx s) const { return stages[static_cast<size_t>(s)]; }
  bool InSubtree(UserIx root, UserIx u) const;
  // Finds a user by id, else by exact name; an error lists candidates.
  Result<UserIx> FindUser(std::string_view id_or_name) const;
  // Approximate bytes held, for the benchmarks.
  size_t MemoryBytes() const;
};

// Turns the record stream into a DataSet. References are looked up by id;
// the importer has already validated them, so a dangling one is an error
// here only as a safety net.
class DataSetBuilder : public RecordSink {
 public:
  DataSetBuilder();
  ~DataSetBuilder() override;
  Status OnSettings(const Settings& settings) override;
  Status OnUser(const UserRecord& r) override;
  Status OnStage(const StageRecord& r) override;
  Status OnAccount(const AccountRecord& r) override;
  Status OnContact(const ContactRecord& r) override;
  Status OnOpportunity(const OpportunityRecord& r) override;
  Status OnHistory(const HistoryRecord& r) override;
  Status OnActivity(const ActivityRecord& r) override;
  Status OnQuota(const QuotaRecord& r) override;
  Status OnForecast(const ForecastRecord& r) override;

  Result<std::shared_ptr<const DataSet>> Finish();

  struct Pending;  // the buffers between the stream and Finish(); internal

 private:
  std::unique_ptr<Pending> pending_;
  std::unique_ptr<DataSet> ds_;
};

}  // namespace sc
