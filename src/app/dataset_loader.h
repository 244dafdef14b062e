// Loads the engine's data set: from the store (what `report`, `accounts` and
// `serve` use), or straight from a native folder (tests and tools).
//
//   ASSIGN_OR_RETURN(auto ds, LoadDataSetFromStore("scorecards.db"));
#pragma once

#include <filesystem>
#include <memory>

#include "base/status.h"
#include "engine/dataset.h"

namespace sc {

// Fails with NotFound when the database has no data set yet.
Result<std::shared_ptr<const DataSet>> LoadDataSetFromStore(const std::filesystem::path& db);

// Imports a folder in `format` without a store; validation errors become one
// DataError listing them.
Result<std::shared_ptr<const DataSet>> LoadDataSetFromFolder(const std::filesystem::path& folder,
                                                             std::string_view format = "native");

}  // namespace sc
