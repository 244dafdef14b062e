#include "app/import.h"

#include "ingest/importer.h"
#include "store/store.h"

namespace sc {

Result<ImportReport> ImportDataSet(const ImportRequest& req) {
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
  ASSIGN_OR_RETURN(ImportReport report, importer->Run(req.folder, *tx, options));
  if (!report.ok()) return report;  // tx rolls back as it goes out of scope
  std::string source = std::filesystem::absolute(req.folder, ec).lexically_normal().string() +
                       " (" + req.format + ")";
  RETURN_IF_ERROR(tx->Commit(source));
  return report;
}

}  // namespace sc
