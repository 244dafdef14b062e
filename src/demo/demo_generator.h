// `scorecards demo`: writes a realistic data set in the native CSV format
// (SPEC §1.1, §5.1): a VP, managers and AEs with two years of accounts,
// contacts, deals and their stage history, activities, quotas and forecast
// submissions up to an as-of date D. One AE, named exactly "David", carries
// the demo story (docs/demo.md): strong early pipeline but about 20% of his
// quota retired, coverage under target, a weak new-business close rate, a
// funnel bottleneck at Solution Fit and Business Justification, and open
// pipeline accounts nobody has called or emailed for weeks.
//
// The same options give byte-identical files. Rows are generated one AE at a
// time and streamed to disk, so the large scale (SPEC §6) runs in bounded
// memory.
//
//   DemoOptions opt;
//   opt.out_dir = "demo";
//   opt.as_of = *ParseDate("2026-12-17");
//   ASSIGN_OR_RETURN(DemoSummary s, GenerateDemo(opt));
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "base/status.h"
#include "base/time.h"

namespace sc::demo {

struct DemoOptions {
  std::filesystem::path out_dir;
  Date as_of{};
  int64_t scale = 1;  // 1 = small; N = N times the small org
  bool large = false; // SPEC §6 benchmark org (overrides scale)
  uint64_t seed = 42;
  // Called with the fraction done (0..1) after each AE; may be empty.
  std::function<void(double)> progress;
};

struct DemoSummary {
  int64_t users = 0;
  int64_t aes = 0;
  int64_t managers = 0;  // managers and directors
  int64_t accounts = 0;
  int64_t contacts = 0;
  int64_t opportunities = 0;
  int64_t stage_history = 0;
  int64_t activities = 0;
  int64_t quotas = 0;
  int64_t forecasts = 0;
  std::string david_id;
  std::string period;  // label of the quarter containing as_of
};

// Writes the data set into options.out_dir (created if missing; existing
// files of the same names are replaced).
// A bad option is an InvalidArgument error.
Result<DemoSummary> GenerateDemo(const DemoOptions& options);

// Parses "small", "large" or a positive integer into options->scale/large.
Status ParseDemoScale(std::string_view text, DemoOptions* options);

}  // namespace sc::demo
