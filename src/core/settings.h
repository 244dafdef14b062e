// The settings of SPEC §4 with their defaults. Parsing settings.toml lives in
// ingest/; this is the plain value the engine reads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"

namespace sc {

struct Settings {
  int fiscal_start_month = 1;
  std::vector<std::string> quota_types;  // empty: every type counts
  double coverage_target = 3.0;
  int64_t forecast_lookback_days = 365;
  double forecast_shrinkage = 10;
  int64_t winrate_quarters = 4;
  std::vector<std::string> winrate_types = {"New Business"};
  int64_t funnel_min_deals = 5;
  double funnel_alpha = 0.10;
  int64_t accounts_stale_days = 14;
  std::vector<std::string> accounts_touch_types = {"call", "email"};
  int64_t deals_stalled_days = 30;
  // Stage name -> skills; overrides stages.csv for the stages it names.
  std::map<std::string, std::vector<std::string>> skills;
  // The date a data set is "as of" when no date is asked for: demo data sets
  // carry their own (settings.toml `[demo] as_of`); others use today.
  std::optional<Date> reference_date;
};

}  // namespace sc
