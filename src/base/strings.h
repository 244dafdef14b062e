// Small string helpers shared by every module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc {

std::string_view Trim(std::string_view s);
std::string ToLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Lower-cases and drops spaces, underscores and hyphens: "Best Case",
// "BestCase" and "best_case" all become "bestcase".
std::string NormalizeKey(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
// Parses true/false/1/0/yes/no/t/f in any case; false if not one of those.
bool ParseBool(std::string_view s, bool* out);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace sc
