// The registry of import formats (importer.h).
#include "ingest/importer.h"

#include "ingest/mapped_importer.h"
#include "ingest/native_importer.h"
#include "ingest/salesforce_importer.h"

namespace sc {

Result<std::unique_ptr<Importer>> MakeImporter(std::string_view format) {
  if (format == "native" || format.empty()) return std::make_unique<NativeImporter>();
  if (format == "salesforce") return std::make_unique<SalesforceImporter>();
  if (format.size() > 5 && format.substr(format.size() - 5) == ".toml") {
    ASSIGN_OR_RETURN(std::unique_ptr<MappedImporter> mapped,
                     MappedImporter::FromFile(std::filesystem::path(format)));
    return std::unique_ptr<Importer>(std::move(mapped));
  }
  return Err(InvalidArgument("unknown import format '" + std::string(format) +
                             "' (known: native, salesforce, or a mapping file MAPPING.toml)"));
}

}  // namespace sc
