// The mapped format of SPEC §1.3: any CRM's CSV files, read through a
// column-mapping file (mapping_file.h, docs/importing.md). Each native field
// is computed from the source row and the records go through the same
// validation as the native format (record_checker.h); an optional
// settings.toml beside the data is read as in SPEC §4.
//
//   ASSIGN_OR_RETURN(auto importer, MappedImporter::FromFile("mappings/hubspot-deals.toml"));
//   ASSIGN_OR_RETURN(ImportReport report, importer->Run(folder, sink, {}));
#pragma once

#include <memory>

#include "ingest/importer.h"
#include "ingest/mapping_file.h"

namespace sc {

class MappedImporter : public Importer {
 public:
  explicit MappedImporter(Mapping mapping) : mapping_(std::move(mapping)) {}
  static Result<std::unique_ptr<MappedImporter>> FromFile(const std::filesystem::path& path);

  Result<ImportReport> Run(const std::filesystem::path& folder, RecordSink& sink,
                           const ImportOptions& options) override;

 private:
  Mapping mapping_;
};

}  // namespace sc
