// Engine benchmarks (SPEC §6): one AE's full scorecard, a first-line
// manager's, the VP's over the whole org, every AE's, and the stale-account
// list of the AE with the most accounts, on a data set loaded once.
//
//   engine_bench                          # generates the demo at --scale 1 (CI smoke)
//   SC_BENCH_DATA=/data/large engine_bench # a native folder (e.g. `scorecards demo --scale large`)
//   SC_BENCH_DB=/data/large.db engine_bench # an imported database (uses its snapshot)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/dataset_loader.h"
#include "app/request_params.h"
#include "demo/demo_generator.h"
#include "engine/accounts.h"
#include "engine/scorecard.h"

namespace sc {
namespace {

struct Fixture {
  std::shared_ptr<const DataSet> ds;
  Date as_of{};
  Period period;
  UserIx ae = kNone, manager = kNone, top = kNone, busiest_ae = kNone;
  std::vector<UserIx> aes;
};

Fixture& Data() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    Result<std::shared_ptr<const DataSet>> ds = Err(Internal("no data"));
    if (const char* db = std::getenv("SC_BENCH_DB")) {
      ds = LoadDataSetFromStore(db);
    } else if (const char* dir = std::getenv("SC_BENCH_DATA")) {
      ds = LoadDataSetFromFolder(dir);
    } else {
      auto out = std::filesystem::temp_directory_path() / "sc_engine_bench_demo";
      demo::DemoOptions options;
      options.out_dir = out;
      options.as_of = *ParseDate("2026-12-17");
      if (auto s = demo::GenerateDemo(options); !s) {
        std::cerr << s.error().ToString() << "\n";
        std::exit(1);
      }
      ds = LoadDataSetFromFolder(out);
    }
    if (!ds) {
      std::cerr << "engine_bench: " << ds.error().ToString() << "\n";
      std::exit(1);
    }
    fx->ds = *ds;
    const DataSet& d = *fx->ds;
    fx->as_of = *ParseAsOf(d, "", "as_of");
    fx->period = d.calendar.QuarterContaining(fx->as_of);
    auto david = d.FindUser("David");
    fx->ae = david ? *david : kNone;
    size_t most_accounts = 0;
    for (size_t u = 0; u < d.users(); ++u) {
      if (d.user_manager[u] == kNone && fx->top == kNone) fx->top = static_cast<UserIx>(u);
      if (!d.reports[u].empty()) continue;
      fx->aes.push_back(static_cast<UserIx>(u));
      if (fx->ae == kNone) fx->ae = static_cast<UserIx>(u);
      size_t n = d.accounts_by_owner.size(static_cast<int32_t>(u));
      if (n >= most_accounts) {
        most_accounts = n;
        fx->busiest_ae = static_cast<UserIx>(u);
      }
    }
    fx->manager = d.user_manager[static_cast<size_t>(fx->ae)];
    if (fx->manager == kNone) fx->manager = fx->ae;
    std::cerr << "engine_bench: " << d.users() << " users, " << d.opportunities() << " opportunities, "
              << d.hist_at.size() << " history rows, " << d.act_at.size() << " activities; engine "
              << d.MemoryBytes() / (1 << 20) << " MiB\n";
    return fx;
  }();
  return *f;
}

void BM_ScorecardAe(benchmark::State& state) {
  Fixture& f = Data();
  for (auto _ : state) benchmark::DoNotOptimize(ComputeScorecard(*f.ds, f.ae, f.as_of, f.period));
}
BENCHMARK(BM_ScorecardAe)->Unit(benchmark::kMillisecond);

void BM_ScorecardFirstLineManager(benchmark::State& state) {
  Fixture& f = Data();
  for (auto _ : state) benchmark::DoNotOptimize(ComputeScorecard(*f.ds, f.manager, f.as_of, f.period));
}
BENCHMARK(BM_ScorecardFirstLineManager)->Unit(benchmark::kMillisecond);

void BM_ScorecardTop(benchmark::State& state) {
  Fixture& f = Data();
  for (auto _ : state) benchmark::DoNotOptimize(ComputeScorecard(*f.ds, f.top, f.as_of, f.period));
}
BENCHMARK(BM_ScorecardTop)->Unit(benchmark::kMillisecond);

// Every AE's scorecard in one call (people with the same manager share a scan).
void BM_AllAeScorecards(benchmark::State& state) {
  Fixture& f = Data();
  for (auto _ : state) benchmark::DoNotOptimize(ComputeScorecards(*f.ds, f.aes, f.as_of, f.period));
  state.counters["aes"] = static_cast<double>(f.aes.size());
}
BENCHMARK(BM_AllAeScorecards)->Unit(benchmark::kMillisecond);

// The same, one request at a time (what as many dashboard requests cost).
void BM_AllAeScorecardsOneByOne(benchmark::State& state) {
  Fixture& f = Data();
  for (auto _ : state) {
    for (UserIx u : f.aes) benchmark::DoNotOptimize(ComputeScorecard(*f.ds, u, f.as_of, f.period));
  }
  state.counters["aes"] = static_cast<double>(f.aes.size());
}
BENCHMARK(BM_AllAeScorecardsOneByOne)->Unit(benchmark::kMillisecond);

void BM_StaleAccountsBusiestAe(benchmark::State& state) {
  Fixture& f = Data();
  for (auto _ : state) {
    std::vector<AccountRow> rows = ComputeAccountRows(*f.ds, f.busiest_ae, f.as_of);
    FilterAccounts(rows, {true, true});
    benchmark::DoNotOptimize(SortAccounts(*f.ds, rows, "-open_pipeline"));
  }
}
BENCHMARK(BM_StaleAccountsBusiestAe)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sc

BENCHMARK_MAIN();
