// A column-mapping file (SPEC §1.3 "any CRM's CSV"): a TOML file that says,
// for each entity of the native format, which CSV file of the export holds
// it and how each native field is computed from the file's columns. The
// format is documented with examples in docs/importing.md; mappings/ has
// complete ones.
//
//   [[users]]                      # one table per source; an entity may have several
//   file = "sales_teams.csv"
//   id = "sales_agent"             # a string: the column of that name
//   role = { value = "ae" }        # a constant
//   manager_id = { column = "manager", by = "name" }   # a reference by name
//
//   [[opportunities]]
//   stage = { column = "deal_stage", map = { "Won" = "Closed Won" } }
//   [[opportunities.stage_history]]   # "date entered stage X" columns
//   date = "engage_date"
//   stage = { value = "Engaging" }
//
//   ASSIGN_OR_RETURN(Mapping m, ParseMappingFile("mappings/hubspot-deals.toml"));
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/records.h"

namespace sc {

enum class MappedEntity {
  kUsers, kAccounts, kContacts, kOpportunities, kHistory, kActivities, kQuotas, kForecasts
};
inline constexpr int kMappedEntityCount = 8;

// The TOML table name of an entity ("opportunities") and its native fields in
// a fixed order ("id", "account_id", ...); `required` says which must be mapped.
std::string_view MappedEntityName(MappedEntity e);
const std::vector<std::string_view>& MappedFields(MappedEntity e);
bool MappedFieldRequired(MappedEntity e, std::string_view field);

// How one native field is computed for a row.
struct FieldSpec {
  std::vector<std::string> columns;          // the first non-empty one wins
  std::optional<std::string> value;          // a constant instead of columns
  std::optional<std::string> default_value;  // when the columns are empty or absent
  // Value map, keys lower-cased and trimmed: source value -> our value.
  std::map<std::string, std::string> map;
  std::string by;             // "" (an id) or "name": a reference by the record's name
  std::string templ;          // "{} office": "{}" is replaced by the value
  std::string date_format;    // "" (ISO), "MM/DD/YYYY", "DD/MM/YYYY" or "DD.MM.YYYY"
  int64_t line = 0;           // in the mapping file
};

// A "date entered stage X" column: a history row at that date, in that stage.
struct StageDateSpec {
  FieldSpec date;
  FieldSpec stage;
  bool optional = false;  // the column may be absent from the file
  int64_t line = 0;
};

// One source of an entity: a file (or none: one row of constants) and a
// spec per native field (indexed like MappedFields; nullopt = not mapped).
struct MappedSource {
  MappedEntity entity = MappedEntity::kUsers;
  std::string file;        // relative to the data folder; one '*' wildcard allowed
  bool optional = false;   // a missing file is no error
  bool distinct = false;   // rows repeating an id are one record (must agree)
  std::vector<std::optional<FieldSpec>> fields;
  std::vector<StageDateSpec> stage_history;  // opportunities only
  int64_t line = 0;
};

struct Mapping {
  std::string path;  // the mapping file, for messages
  std::string name;
  std::string encoding;  // "", "utf-8" or "latin-1"
  std::vector<StageRecord> stages;
  std::vector<MappedSource> sources;  // in file order
};

// Parses and checks a mapping; every problem is reported, each as
// "FILE:LINE: message", in one InvalidArgument error.
Result<Mapping> ParseMapping(std::string_view text, std::string_view file_name);
Result<Mapping> ParseMappingFile(const std::filesystem::path& path);

}  // namespace sc
