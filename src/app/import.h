// The import use case (SPEC §5.1 `scorecards import`), shared by the CLI and,
// later, the HTTP admin API: validate a folder in one format and replace the
// stored data set with it in one transaction — all of it, or nothing.
//
//   ImportRequest req;
//   req.folder = "data/";
//   req.db_path = "scorecards.db";
//   ASSIGN_OR_RETURN(ImportReport report, ImportDataSet(req));
//   if (!report.ok()) { for (auto& e : report.ErrorLines()) ...; }  // db unchanged
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "base/status.h"
#include "ingest/import_report.h"

namespace sc {

struct ImportRequest {
  std::filesystem::path folder;
  std::string format = "native";  // see ingest/importer.h MakeImporter
  // "" (detect per file), "utf-8" or "latin-1": for the salesforce and mapped
  // formats (ImportOptions::encoding); the native format is always UTF-8.
  std::string encoding;
  std::filesystem::path db_path = "scorecards.db";
  int64_t max_errors = 100;
  // Bytes read so far and the total size of the input files.
  std::function<void(int64_t done, int64_t total)> progress;
  // Who imports, for the audit log: "cli:<login>" or an admin's email; and
  // the client address ("local" for the command line).
  std::string actor = "cli";
  std::string address = "local";
};

// Imports req.folder into the database at req.db_path (created if missing).
// Returns the report; the data set was replaced iff report.ok(). With data
// errors the report lists them and the database is exactly as before. A
// returned error (unknown format, missing folder, database failure) also
// leaves the database unchanged.
// Every call, success or failure, appends an `import` row to the audit log
// of req.db_path when that database can be opened.
Result<ImportReport> ImportDataSet(const ImportRequest& req);

// Appends the audit row of one import (import_audit.cc); best effort.
void AuditImport(const ImportRequest& req, const Result<ImportReport>& result);

}  // namespace sc
