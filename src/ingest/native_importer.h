// The native import format of SPEC §1.1: a folder of CSV files (users,
// stages, accounts, opportunities required; contacts, stage_history,
// activities, quotas, forecasts, settings.toml optional), validated by the
// rules of §1.2 and §7.4 and documented in docs/importing.md.
//
// Streaming: each file is read once, in RecordSink order; only the id sets
// needed for reference checks stay in memory (users, stages, accounts,
// contacts -> account, opportunities -> account, and an 8-byte hash per
// activity for the duplicate-id check). History and activities are never
// held in memory.
//
//   NativeImporter importer;
//   ASSIGN_OR_RETURN(ImportReport report, importer.Run(folder, sink, {}));
#pragma once

#include "ingest/importer.h"

namespace sc {

class NativeImporter : public Importer {
 public:
  Result<ImportReport> Run(const std::filesystem::path& folder, RecordSink& sink,
                           const ImportOptions& options) override;
};

}  // namespace sc
