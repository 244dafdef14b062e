// The parameters every view takes — the person, the as-of date, the period —
// parsed the same way for the CLI and HTTP, with errors that name the
// parameter.
#pragma once

#include <optional>
#include <string_view>

#include "base/status.h"
#include "engine/dataset.h"

namespace sc {

// Empty text: the data set's reference date (demo data), else today (UTC).
// `parameter` names the option in errors ("--as-of", "as_of").
Result<Date> ParseAsOf(const DataSet& ds, std::string_view text, std::string_view parameter);

// Empty text: the fiscal quarter containing as_of.
Result<Period> ParsePeriod(const DataSet& ds, std::string_view text, Date as_of,
                           std::string_view parameter);

}  // namespace sc
