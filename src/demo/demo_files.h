// The CSV files of one demo data set (SPEC §1.1), open for streaming, and the
// writers of the rows that come from the org and from one AE's book.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"
#include "demo/csv_writer.h"
#include "demo/deal_simulator.h"
#include "demo/org.h"

namespace sc::demo {

struct DemoFiles {
  std::unique_ptr<CsvWriter> users, stages, accounts, contacts, opportunities, history,
      activities, quotas, forecasts;

  static Result<DemoFiles> Open(const std::filesystem::path& dir);
  // Closes every file; reports the first error.
  Status Close();
};

void WriteStages(CsvWriter* out);
void WriteUsers(const Org& org, CsvWriter* out);
// accounts.csv, contacts.csv, opportunities.csv and stage_history.csv rows
// of one AE's book.
void WriteBook(const Person& owner, const RepBook& book, Rng& rng, DemoFiles* files);

}  // namespace sc::demo
