// The Salesforce export format of SPEC §1.3: the per-object CSV files of a
// Data Export, a Data Loader extract or an API export (User, Account,
// Contact, Opportunity, OpportunityHistory, OpportunityStage, Task, Event,
// Quota or ForecastingQuota), in every dialect of CRM_FORMATS.md §2, plus an
// optional settings.toml. Validated like the native format (SPEC §1.2);
// references that real exports leave dangling (activities pointing at leads
// or at opportunities that were not exported) are counted warnings.
// The mapping of each file is documented in docs/importing.md.
//
//   SalesforceImporter importer;
//   ASSIGN_OR_RETURN(ImportReport report, importer.Run(folder, sink, {}));
#pragma once

#include "ingest/importer.h"

namespace sc {

class SalesforceImporter : public Importer {
 public:
  Result<ImportReport> Run(const std::filesystem::path& folder, RecordSink& sink,
                           const ImportOptions& options) override;
};

}  // namespace sc
