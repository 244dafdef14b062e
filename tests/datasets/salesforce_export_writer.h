// Test helper: writes a native data set (SPEC §1.1) out as a Salesforce
// export (SPEC §1.3) in the Data Export dialect: every value quoted,
// `YYYY-MM-DD HH:MM:SS` datetimes, dates with a midnight time, `1`/`0`
// booleans, the empty-key id for empty lookups. forecasts.csv has no
// Salesforce equivalent and is not written.
#pragma once

#include <filesystem>

#include "base/status.h"

namespace sc::testing {

Status WriteSalesforceExport(const std::filesystem::path& native_dir,
                             const std::filesystem::path& out_dir);

}  // namespace sc::testing
