// The abstract store of a data set (SPEC §1): one data set at a time,
// replaced whole by each import. SQLite (`store/sqlite/`) is today's backend;
// the engine never sees SQL, it reads the data set back through `Scan`.
//
//   ASSIGN_OR_RETURN(auto store, OpenSqliteStore(path, StoreOptions{}));
//   ASSIGN_OR_RETURN(auto tx, store->BeginImport());
//   RETURN_IF_ERROR(importer.Run(*tx));   // tx is a RecordSink
//   RETURN_IF_ERROR(tx->Commit());        // destroying tx uncommitted rolls back
//   RETURN_IF_ERROR(store->Scan(engine_builder));
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"
#include "core/record_sink.h"

namespace sc {

// Row counts of a stored data set, and when it was imported.
struct DataSetInfo {
  bool present = false;  // false before the first import
  std::string imported_at;  // ISO datetime
  std::string source;       // e.g. the folder and format it came from
  int64_t users = 0, stages = 0, accounts = 0, contacts = 0, opportunities = 0,
          history = 0, activities = 0, quotas = 0, forecasts = 0;
};

// How to open a store. Backends ignore what does not apply to them.
struct StoreOptions {
  bool create_if_missing = true;
  // Page cache of the connection, in MiB (SQLite: PRAGMA cache_size).
  int64_t cache_mib = 64;
};

// An import in progress: every record pushed into it replaces, on Commit, the
// whole previous data set in one transaction. Destroying it without a
// successful Commit leaves the store exactly as it was.
class ImportTransaction : public RecordSink {
 public:
  // `source` is recorded in DataSetInfo.
  virtual Status Commit(const std::string& source) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<ImportTransaction>> BeginImport() = 0;
  // Replays the stored data set into `sink` in RecordSink order, history rows
  // in the order they were imported.
  virtual Status Scan(RecordSink& sink) = 0;
  virtual Result<DataSetInfo> Info() = 0;
};

// The SQLite backend (store/sqlite/): creates or migrates the database file.
// One Store object is one connection: use it from one thread at a time, and
// do not Scan while one of its imports is open.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path,
                                               const StoreOptions& options = StoreOptions{});

}  // namespace sc
