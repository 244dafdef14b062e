// The importers of SPEC §1.1 and §1.3: each reads a data set in one format,
// validates it (§1.2, §7.4) and pushes it into a RecordSink in RecordSink
// order. The format is a pluggable choice: "native", "salesforce" or a
// mapping file (importer.cc is the registry).
//
//   ASSIGN_OR_RETURN(auto importer, MakeImporter("native"));
//   ImportOptions options;
//   options.progress = [](int64_t done, int64_t total) { ... };
//   ASSIGN_OR_RETURN(ImportReport report, importer->Run(folder, sink, options));
//   if (!report.ok()) ...  // report.ErrorLines(): "FILE:LINE: message"
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "core/record_sink.h"
#include "ingest/import_report.h"

namespace sc {

struct ImportOptions {
  // Errors kept in the report; the rest are only counted.
  int64_t max_errors = 100;
  // Called now and then with the bytes read so far and the total size of the
  // input files; from the importing thread.
  std::function<void(int64_t bytes_done, int64_t bytes_total)> progress;
  // Text encoding of the input files for the formats that accept more than
  // UTF-8 (Salesforce, mapped): "" detects it per file (a file that is not
  // valid UTF-8 is read as ISO-8859-1, with a warning), "utf-8" or "latin-1"
  // force one. The native format is always UTF-8.
  std::string encoding;
};

class Importer {
 public:
  virtual ~Importer() = default;
  // Reads the data set in `folder` into `sink`. Problems with the data are
  // collected in the report (and after the first one nothing more is pushed
  // into the sink, so a failed import costs no writes); a returned error means
  // the run could not go on (the sink failed, or an I/O error).
  virtual Result<ImportReport> Run(const std::filesystem::path& folder, RecordSink& sink,
                                   const ImportOptions& options) = 0;
};

// "native" (SPEC §1.1), "salesforce" (§1.3, salesforce_importer.h) or the
// path of a column-mapping file ending in ".toml" (mapped_importer.h; the
// file is read and checked here, its problems are an InvalidArgument error).
// An unknown format is an InvalidArgument error listing the known ones.
Result<std::unique_ptr<Importer>> MakeImporter(std::string_view format);

}  // namespace sc
