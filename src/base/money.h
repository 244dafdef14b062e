// Money as an integer count of cents: sums never drift. Parsed exactly from
// decimal text ("1234.5", "1.2345e3"); fractions of a cent round half away
// from zero.
//
//   Result<Money> m = ParseMoney("48000.00");   // 4800000 cents
//   double units = ToUnits(*m);                  // 48000.0, for JSON and ratios
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sc {

using Money = int64_t;  // cents

// Returns the amount in cents. Negative amounts parse (the caller decides
// whether they are allowed).
Result<Money> ParseMoney(std::string_view text);

inline double ToUnits(Money cents) { return static_cast<double>(cents) / 100.0; }
// "1234.50" — exact, for CSV output.
std::string FormatMoney(Money cents);

}  // namespace sc
