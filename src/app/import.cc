#include "app/import.h"

#include <future>

#include "app/engine_snapshot.h"
#include "app/record_pipeline.h"
#include "engine/dataset.h"
#include "ingest/importer.h"
#include "store/store.h"

namespace sc {
namespace {

Result<ImportReport> ImportUnaudited(const ImportRequest& req) {
  ASSIGN_OR_RETURN(std::unique_ptr<Importer> importer, MakeImporter(req.format));
  if (!req.encoding.empty() && req.encoding != "utf-8" && req.encoding != "latin-1") {
    return Err(InvalidArgument("unknown encoding '" + req.encoding +
                               "' (expected utf-8 or latin-1)"));
  }
  if (!req.encoding.empty() && (req.format == "native" || req.format.empty()) &&
      req.encoding != "utf-8") {
    return Err(InvalidArgument("--encoding applies to --format salesforce and mapping files; "
                               "the native format is UTF-8"));
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(req.folder, ec)) {
    return Err(NotFound(req.folder.string() + ": no such folder"));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(req.db_path, StoreOptions{}));
  ASSIGN_OR_RETURN(std::unique_ptr<ImportTransaction> tx, store->BeginImport());
  ImportOptions options;
  options.max_errors = req.max_errors;
  options.progress = req.progress;
  options.encoding = req.encoding;
  // The importer parses and validates on this thread while another writes
  // the store and builds the engine for its snapshot (a cache: a builder
  // error only skips the snapshot, the import's outcome is the store's).
  DataSetBuilder engine;
  CatchSink engine_sink(engine);
  TeeSink both(*tx, engine_sink);
  RecordPipeline sink(both);  // destroyed (stopped) before tx rolls back
  ASSIGN_OR_RETURN(ImportReport report, importer->Run(req.folder, sink, options));
  if (!report.ok()) return report;  // tx rolls back as it goes out of scope
  RETURN_IF_ERROR(sink.Finish());
  std::string source = std::filesystem::absolute(req.folder, ec).lexically_normal().string() +
                       " (" + req.format + ")";
  // The old snapshot goes first: after the commit it would describe the
  // previous data set (its fingerprint would not match, but a crash must not
  // leave a file that could).
  const std::filesystem::path snapshot = EngineSnapshotPath(req.db_path);
  std::filesystem::remove(snapshot, ec);
  // The engine indexes itself while SQLite commits (and checkpoints).
  std::future<Result<std::shared_ptr<const DataSet>>> built;
  if (engine_sink.status().ok()) {
    built = std::async(std::launch::async, [&engine] { return engine.Finish(); });
  }
  Status committed = tx->Commit(source);
  Result<std::shared_ptr<const DataSet>> ds =
      built.valid() ? built.get() : Result<std::shared_ptr<const DataSet>>(Err(engine_sink.status()));
  RETURN_IF_ERROR(committed);

  // A cache for loading the engine; the import stands without it.
  Status written = [&]() -> Status {
    if (!ds) return ds.error();
    Result<DataSetInfo> info = store->Info();
    if (!info) return info.error();
    return WriteEngineSnapshot(**ds, SnapshotFingerprint(*info), snapshot);
  }();
  if (!written.ok()) {
    report.warnings.push_back("engine snapshot not written (loading will be slower): " +
                              written.message());
  }
  return report;
}

}  // namespace

Result<ImportReport> ImportDataSet(const ImportRequest& req) {
  Result<ImportReport> result = ImportUnaudited(req);
  AuditImport(req, result);
  return result;
}

}  // namespace sc
