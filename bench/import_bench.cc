// Times the native import of a folder in two ways: into a sink that drops
// every record (reading + validation only) and into a SQLite database (the
// whole `scorecards import`). Prints rows/s and MB/s for each.
//
//   build/rel/bench/import_bench DIR [DB]
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/import.h"
#include "ingest/native_importer.h"

namespace {

class NullSink : public sc::RecordSink {
 public:
  sc::Status OnSettings(const sc::Settings&) override { return {}; }
  sc::Status OnUser(const sc::UserRecord&) override { return {}; }
  sc::Status OnStage(const sc::StageRecord&) override { return {}; }
  sc::Status OnAccount(const sc::AccountRecord&) override { return {}; }
  sc::Status OnContact(const sc::ContactRecord&) override { return {}; }
  sc::Status OnOpportunity(const sc::OpportunityRecord&) override { return {}; }
  sc::Status OnHistory(const sc::HistoryRecord&) override { return {}; }
  sc::Status OnActivity(const sc::ActivityRecord&) override { return {}; }
  sc::Status OnQuota(const sc::QuotaRecord&) override { return {}; }
  sc::Status OnForecast(const sc::ForecastRecord&) override { return {}; }
};

int64_t Rows(const sc::ImportCounts& c) {
  return c.users + c.stages + c.accounts + c.contacts + c.opportunities + c.history +
         c.activities + c.quotas + c.forecasts;
}

void Print(const char* what, const sc::ImportReport& r, double s) {
  std::printf("%-22s %8.2f s  %10.0f rows/s  %7.1f MB/s  (%lld rows, %.1f MB, %lld errors)\n",
              what, s, static_cast<double>(Rows(r.counts)) / s,
              static_cast<double>(r.bytes_read) / 1e6 / s,
              static_cast<long long>(Rows(r.counts)), static_cast<double>(r.bytes_read) / 1e6,
              static_cast<long long>(r.error_count));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: import_bench DIR [DB]\n");
    return 2;
  }
  std::filesystem::path dir = argv[1];
  std::filesystem::path db = argc > 2 ? argv[2] : "/tmp/import_bench.db";
  using Clock = std::chrono::steady_clock;

  auto t0 = Clock::now();
  NullSink sink;
  sc::NativeImporter importer;
  auto r = importer.Run(dir, sink, {});
  double s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!r) {
    std::fprintf(stderr, "%s\n", r.error().ToString().c_str());
    return 1;
  }
  Print("read + validate", *r, s);

  std::filesystem::remove(db);
  t0 = Clock::now();
  sc::ImportRequest req;
  req.folder = dir;
  req.db_path = db;
  auto full = sc::ImportDataSet(req);
  s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!full) {
    std::fprintf(stderr, "%s\n", full.error().ToString().c_str());
    return 1;
  }
  Print("import into SQLite", *full, s);

  t0 = Clock::now();
  full = sc::ImportDataSet(req);
  s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (full) Print("re-import (replace)", *full, s);
  return 0;
}
