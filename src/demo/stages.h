// The demo's sales process (stages.csv): five open stages, each naming the
// selling skills its exit depends on, then Closed Won and Closed Lost.
#pragma once

#include <array>
#include <string_view>

#include "core/records.h"

namespace sc::demo {

inline constexpr int kOpenStages = 5;
inline constexpr int kWon = 5;   // index of Closed Won in kStages
inline constexpr int kLost = 6;  // index of Closed Lost in kStages

struct DemoStage {
  std::string_view name;
  int order;
  bool is_closed;
  bool is_won;
  int probability;
  ForecastCategory category;
  std::string_view skills;  // ';'-separated
};

// Indexed 0..4 for the open stages of order 1..5, then kWon, kLost.
inline constexpr std::array<DemoStage, 7> kStages = {{
    {"Qualification", 1, false, false, 10, ForecastCategory::kPipeline,
     "qualifying opportunities"},
    {"Discovery", 2, false, false, 20, ForecastCategory::kPipeline, "discovery; qualifying"},
    {"Solution Fit", 3, false, false, 40, ForecastCategory::kBestCase,
     "product knowledge; competitive differentiation"},
    {"Business Justification", 4, false, false, 60, ForecastCategory::kBestCase,
     "business justification; ROI"},
    {"Negotiation", 5, false, false, 80, ForecastCategory::kCommit,
     "taking control of the process; negotiation"},
    {"Closed Won", 6, true, true, 100, ForecastCategory::kClosed, ""},
    {"Closed Lost", 7, true, false, 0, ForecastCategory::kOmitted, ""},
}};

inline bool IsOpenStage(int stage) { return stage < kOpenStages; }

}  // namespace sc::demo
