// Number formatting for people: thousands separators, percentages, and "—"
// for a null ratio (SPEC §3). Shared by the text report and account lists.
#pragma once

#include <optional>
#include <string>

namespace sc {

std::string FormatAmount(double units);                 // 1234567.8 -> "1,234,568"
std::string FormatPercent(std::optional<double> ratio);  // 0.2 -> "20%", null -> "—"
std::string FormatMultiple(std::optional<double> ratio); // 2.17 -> "2.2×", null -> "—"
std::string FormatDecimal(std::optional<double> v, int digits);
// Pads or cuts to `width` display columns (UTF-8 aware); right-aligns when asked.
std::string Pad(const std::string& s, size_t width, bool right = false);

}  // namespace sc
