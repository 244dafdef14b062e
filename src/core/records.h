// The domain model of SPEC §1 as plain records with string ids, the form in
// which data crosses modules: the importers produce them, the store keeps
// them, the engine turns them into columns with dense ids. No I/O here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/time.h"

namespace sc {

enum class Role : uint8_t { kAe, kManager, kExecutive };

// The forecast categories of an opportunity (SPEC §1.1).
enum class ForecastCategory : uint8_t { kPipeline, kBestCase, kCommit, kClosed, kOmitted };

// The categories a person can submit a forecast in (SPEC §1.1 forecasts.csv).
enum class SubmissionCategory : uint8_t { kCommit, kBestCase };

enum class ActivityType : uint8_t { kCall, kEmail, kMeeting, kOther };
inline constexpr int kActivityTypeCount = 4;

struct UserRecord {
  std::string id;
  std::string name;
  std::string email;
  Role role = Role::kAe;
  std::string manager_id;  // empty at the top of the tree
  std::string team;
  bool active = true;
};

struct StageRecord {
  std::string name;
  int64_t order = 0;
  bool is_closed = false;
  bool is_won = false;
  std::optional<double> probability;  // 0..100
  std::optional<ForecastCategory> forecast_category;
  std::vector<std::string> skills;
};

struct AccountRecord {
  std::string id;
  std::string name;
  std::string owner_id;
  std::string segment;
  std::string industry;
  std::optional<Instant> created_at;
};

struct ContactRecord {
  std::string id;
  std::string account_id;
  std::string name;
  std::string title;
  std::string email;
};

struct OpportunityRecord {
  std::string id;
  std::string account_id;
  std::string owner_id;
  std::string name;
  std::string type;
  Money amount = 0;
  std::string stage;
  std::optional<ForecastCategory> forecast_category;
  Instant created_at{};
  Date close_date{};
};

// One snapshot after a change. Empty optionals mean "unchanged from the
// previous row of that opportunity" (SPEC §1.1); they are resolved by the
// engine once the rows are in changed_at order (SPEC §7.2).
struct HistoryRecord {
  std::string opportunity_id;
  Instant changed_at{};
  std::string stage;
  std::optional<Money> amount;
  std::optional<Date> close_date;
  std::optional<ForecastCategory> forecast_category;
};

struct ActivityRecord {
  std::string id;
  ActivityType type = ActivityType::kOther;
  std::string owner_id;
  std::string account_id;  // resolved: own, else the opportunity's, else the contact's
  std::string contact_id;
  std::string opportunity_id;
  Instant occurred_at{};
  std::string subject;
};

struct QuotaRecord {
  std::string owner_id;
  Date start_date{};
  Date end_date{};  // inclusive
  Money amount = 0;
};

struct ForecastRecord {
  std::string owner_id;
  std::string period;  // normalised label, e.g. "FY2026-Q4"
  SubmissionCategory category = SubmissionCategory::kCommit;
  Money amount = 0;
  Instant submitted_at{};
};

std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view text);
std::string_view ForecastCategoryName(ForecastCategory c);
// Case-, space- and underscore-insensitive: "Best Case" == "best_case".
std::optional<ForecastCategory> ParseForecastCategory(std::string_view text);
std::string_view SubmissionCategoryName(SubmissionCategory c);
std::optional<SubmissionCategory> ParseSubmissionCategory(std::string_view text);
std::string_view ActivityTypeName(ActivityType t);
std::optional<ActivityType> ParseActivityType(std::string_view text);

}  // namespace sc
