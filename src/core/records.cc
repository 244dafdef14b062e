#include "core/records.h"

#include "base/strings.h"

namespace sc {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAe: return "ae";
    case Role::kManager: return "manager";
    case Role::kExecutive: return "executive";
  }
  return "ae";
}

std::optional<Role> ParseRole(std::string_view text) {
  std::string k = NormalizeKey(text);
  if (k.empty() || k == "ae" || k == "accountexecutive" || k == "rep") return Role::kAe;
  if (k == "manager") return Role::kManager;
  if (k == "executive" || k == "exec" || k == "vp") return Role::kExecutive;
  return std::nullopt;
}

std::string_view ForecastCategoryName(ForecastCategory c) {
  switch (c) {
    case ForecastCategory::kPipeline: return "pipeline";
    case ForecastCategory::kBestCase: return "best_case";
    case ForecastCategory::kCommit: return "commit";
    case ForecastCategory::kClosed: return "closed";
    case ForecastCategory::kOmitted: return "omitted";
  }
  return "pipeline";
}

std::optional<ForecastCategory> ParseForecastCategory(std::string_view text) {
  std::string k = NormalizeKey(text);
  if (k == "pipeline") return ForecastCategory::kPipeline;
  if (k == "bestcase") return ForecastCategory::kBestCase;
  if (k == "commit") return ForecastCategory::kCommit;
  if (k == "closed") return ForecastCategory::kClosed;
  if (k == "omitted") return ForecastCategory::kOmitted;
  return std::nullopt;
}

std::string_view SubmissionCategoryName(SubmissionCategory c) {
  return c == SubmissionCategory::kCommit ? "commit" : "best_case";
}

std::optional<SubmissionCategory> ParseSubmissionCategory(std::string_view text) {
  std::string k = NormalizeKey(text);
  if (k == "commit") return SubmissionCategory::kCommit;
  if (k == "bestcase") return SubmissionCategory::kBestCase;
  return std::nullopt;
}

std::string_view ActivityTypeName(ActivityType t) {
  switch (t) {
    case ActivityType::kCall: return "call";
    case ActivityType::kEmail: return "email";
    case ActivityType::kMeeting: return "meeting";
    case ActivityType::kOther: return "other";
  }
  return "other";
}

std::optional<ActivityType> ParseActivityType(std::string_view text) {
  std::string k = NormalizeKey(text);
  if (k == "call") return ActivityType::kCall;
  if (k == "email") return ActivityType::kEmail;
  if (k == "meeting") return ActivityType::kMeeting;
  if (k == "other") return ActivityType::kOther;
  return std::nullopt;
}

}  // namespace sc
