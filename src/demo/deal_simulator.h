// Plans one AE's accounts and deals: when each deal is created, which open
// stages it reaches (per-rep stage conversion rates, applied by error
// diffusion so that a rep's rates hold on a few dozen deals), whether it is
// won, lost or still open at the as-of date, and its stage history, with
// skipped stages, amount changes, slipped close dates, stalls and deals the
// rep marked omitted. Nothing after the end of the as-of date is produced.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"
#include "core/records.h"
#include "demo/org.h"

namespace sc::demo {

class Rng;

inline constexpr int64_t kDaySeconds = 86400;
inline constexpr int64_t kHistoryDays = 730;  // about two years up to the as-of date

// The as-of date D and the period P containing it, as day numbers since the
// epoch (seconds for instants).
struct DemoClock {
  int64_t as_of_day = 0;
  int64_t end_of_as_of = 0;  // last second of D
  int64_t period_start = 0;
  int64_t period_end = 0;    // inclusive
  int64_t history_start = 0;
};

struct DemoAccount {
  int64_t number = 0;  // "acc<number>"
  std::string name;
  std::string_view segment;
  std::string_view industry;
  int64_t created = 0;  // seconds
  int64_t first_contact = 0;  // "con<number>" of its first contact
  int64_t contacts = 0;
};

// A full snapshot after one change (the writer leaves unchanged fields empty).
struct HistoryRow {
  int64_t at = 0;  // seconds
  int stage = 0;   // index into kStages
  Money amount = 0;
  int64_t close_day = 0;
  ForecastCategory category = ForecastCategory::kPipeline;
};

enum class DealType : uint8_t { kNewBusiness, kExpansion, kRenewal };
std::string_view DealTypeName(DealType t);

struct DemoDeal {
  int64_t number = 0;  // "opp<number>"
  int account = 0;     // index into RepBook::accounts
  DealType type = DealType::kNewBusiness;
  int64_t created = 0;  // seconds; rows[0].at
  std::vector<HistoryRow> rows;  // time order, all at or before the end of D

  const HistoryRow& state() const { return rows.back(); }
  bool open() const { return state().stage < 5; }
  bool won() const { return state().stage == 5; }
};

struct RepBook {
  std::vector<DemoAccount> accounts;
  std::vector<DemoDeal> deals;  // in created order (a shaped deal may follow)
};

// Global id counters, so that ids are unique across AEs and deterministic.
struct IdCounters {
  int64_t account = 0;
  int64_t contact = 0;
  int64_t deal = 0;
  int64_t activity = 0;
};

RepBook PlanRep(const RepProfile& profile, const DemoClock& clock, Rng& rng, IdCounters* ids);

// Shapes David's current quarter after planning (the story of docs/demo.md):
// bookings in P up to D = 18-22% of his quota, open pipeline in P (not
// omitted) = 1.7-2.3x the remaining quota.
void ShapeDavidQuarter(const RepProfile& profile, const DemoClock& clock, Rng& rng,
                       IdCounters* ids, RepBook* book);

// Seconds at a business hour (13:00-23:00 UTC) of the day.
int64_t AtBusinessTime(int64_t day, Rng& rng);

}  // namespace sc::demo
