// Test helper: an independent check of the demo story. Reads the generated
// CSV files back with a minimal RFC 4180 parser and computes, by the SPEC §3
// definitions, David's figures for the quarter containing D. Deliberately
// shares no code with the generator or the engine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sc::demo::testing {

// Parses a whole CSV text into rows of fields (RFC 4180).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

struct FunnelStep {
  int64_t rep_reached = 0, rep_next = 0;
  int64_t peer_reached = 0, peer_next = 0;
  double rep_conversion() const { return rep_reached ? double(rep_next) / rep_reached : -1; }
  double peer_conversion() const { return peer_reached ? double(peer_next) / peer_reached : -1; }
  double p_value = 1;  // one-sided pooled two-proportion z-test, rep < peers
};

struct QuarterWinRate {
  std::string label;
  int64_t rep_closed = 0, rep_won = 0, team_closed = 0, team_won = 0;
};

struct StoryNumbers {
  std::string david_id;
  double quota = 0, bookings = 0, open_pipeline = 0, pipeline_created = 0;
  double quota_retirement = 0, pipeline_coverage = 0;
  double commit = 0, best_case = 0;  // latest submissions for P
  double peer_pipeline_created_mean = 0;
  int64_t cohort = 0;
  FunnelStep funnel[5];  // transition i -> i+1 (4: Negotiation -> Won)
  std::vector<QuarterWinRate> win_rates;  // the last three completed quarters
  int64_t accounts_with_open_pipeline = 0, stale_accounts = 0, never_touched = 0;
  int64_t stalled = 0, slipped = 0;
  std::vector<std::string> peer_retirement;  // "name: 0.93", for the report
};

// Computes the story figures of the data set in `dir` as of `as_of`
// (YYYY-MM-DD), fiscal year starting in January.
StoryNumbers CheckStory(const std::filesystem::path& dir, const std::string& as_of);

std::string Describe(const StoryNumbers& s);

}  // namespace sc::demo::testing
