// Parses settings.toml (SPEC §4) into Settings. Every key is optional and
// keeps its default when absent; unknown keys are ignored; a value of the
// wrong type or out of range is an error naming the line and the key:
//
//   settings.toml:3: [fiscal].start_month: expected an integer from 1 to 12
//
//   std::vector<std::string> errors;
//   Settings s = ParseSettingsToml(text, "settings.toml", &errors);
//   if (!errors.empty()) ...
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/settings.h"

namespace sc {

// Returns the settings; keys with errors keep their defaults and each problem
// is appended to *errors as "FILE:LINE: [section].key: message".
Settings ParseSettingsToml(std::string_view text, std::string_view file_name,
                           std::vector<std::string>* errors);

// Convenience: the settings, or a DataError whose message joins every error
// with newlines.
Result<Settings> ParseSettingsText(std::string_view text,
                                   std::string_view file_name = "settings.toml");

}  // namespace sc
