#include "app/dataset_loader.h"

#include "app/engine_snapshot.h"
#include "ingest/importer.h"
#include "store/store.h"

namespace sc {

Result<std::shared_ptr<const DataSet>> LoadDataSetFromStore(const std::filesystem::path& db) {
  if (!std::filesystem::exists(db)) {
    return Err(NotFound("no database at " + db.string() + ": run `scorecards import DIR` first"));
  }
  StoreOptions options;
  options.create_if_missing = false;
  ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore(db, options));
  ASSIGN_OR_RETURN(DataSetInfo info, store->Info());
  if (!info.present) {
    return Err(NotFound(db.string() + " holds no data set yet: run `scorecards import DIR` first"));
  }
  // The snapshot when it is there and belongs to this very import; else the
  // rows, and a new snapshot for next time.
  const std::string fingerprint = SnapshotFingerprint(info);
  const std::filesystem::path snapshot = EngineSnapshotPath(db);
  Result<std::shared_ptr<const DataSet>> cached = ReadEngineSnapshot(snapshot, fingerprint);
  if (cached) return cached;
  DataSetBuilder builder;
  RETURN_IF_ERROR(store->Scan(builder));
  ASSIGN_OR_RETURN(std::shared_ptr<const DataSet> ds, builder.Finish());
  // Only when no import replaced the data set while it was scanned.
  Result<DataSetInfo> after = store->Info();
  if (after && after->present && SnapshotFingerprint(*after) == fingerprint) {
    (void)WriteEngineSnapshot(*ds, fingerprint, snapshot);  // a cache: best effort
  }
  return ds;
}

Result<std::shared_ptr<const DataSet>> LoadDataSetFromFolder(const std::filesystem::path& folder,
                                                             std::string_view format) {
  ASSIGN_OR_RETURN(std::unique_ptr<Importer> importer, MakeImporter(format));
  DataSetBuilder builder;
  ASSIGN_OR_RETURN(ImportReport report, importer->Run(folder, builder, ImportOptions{}));
  if (!report.ok()) {
    std::string message;
    for (const std::string& line : report.ErrorLines()) message += line + "\n";
    return Err(DataError(message));
  }
  return builder.Finish();
}

}  // namespace sc
