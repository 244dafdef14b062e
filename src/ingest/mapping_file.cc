#include "ingest/mapping_file.h"

#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "base/strings.h"

namespace sc {

namespace {

struct EntityInfo {
  MappedEntity entity;
  std::string_view name;
  std::vector<std::string_view> fields;
  std::set<std::string_view> required;
};

const std::vector<EntityInfo>& Entities() {
  static const std::vector<EntityInfo> kEntities = {
      {MappedEntity::kUsers, "users",
       {"id", "name", "email", "role", "manager_id", "team", "active"}, {"id", "name"}},
      {MappedEntity::kAccounts, "accounts",
       {"id", "name", "owner_id", "segment", "industry", "created_at"}, {"id", "name"}},
      {MappedEntity::kContacts, "contacts", {"id", "account_id", "name", "title", "email"},
       {"id", "account_id"}},
      {MappedEntity::kOpportunities, "opportunities",
       {"id", "account_id", "owner_id", "name", "type", "amount", "stage", "forecast_category",
        "created_at", "close_date"},
       {"id", "account_id", "owner_id", "amount", "stage", "created_at", "close_date"}},
      {MappedEntity::kHistory, "stage_history",
       {"opportunity_id", "changed_at", "stage", "amount", "close_date", "forecast_category"},
       {"opportunity_id", "changed_at", "stage"}},
      {MappedEntity::kActivities, "activities",
       {"id", "type", "owner_id", "account_id", "contact_id", "opportunity_id", "occurred_at",
        "subject"},
       {"id", "type", "occurred_at"}},
      {MappedEntity::kQuotas, "quotas", {"owner_id", "start_date", "end_date", "amount"},
       {"owner_id", "start_date", "end_date", "amount"}},
      {MappedEntity::kForecasts, "forecasts",
       {"owner_id", "period", "category", "amount", "submitted_at"},
       {"owner_id", "period", "category", "amount", "submitted_at"}},
  };
  return kEntities;
}

const EntityInfo& Info(MappedEntity e) { return Entities()[static_cast<size_t>(e)]; }

// Fields that may be given by name (`by = "name"`): references to users and
// accounts.
bool ByNameAllowed(std::string_view field) {
  return field == "owner_id" || field == "manager_id" || field == "account_id";
}

class MappingReader {
 public:
  MappingReader(std::string_view file) : file_(file) {}

  void Error(const toml::node& node, const std::string& message) {
    Error(node.source().begin.line, message);
  }
  void Error(int64_t line, const std::string& message) {
    errors_.push_back(file_ + ":" + std::to_string(line) + ": " + message);
  }

  Mapping Read(const toml::table& root) {
    Mapping m;
    m.path = file_;
    for (const auto& [key, node] : root) {
      std::string_view k = key.str();
      if (k == "mapping") {
        ReadHeader(node, &m);
      } else if (k == "stages") {
        ReadStages(node, &m);
      } else {
        const EntityInfo* info = nullptr;
        for (const EntityInfo& e : Entities()) {
          if (e.name == k) info = &e;
        }
        if (info == nullptr) {
          Error(node, "unknown table [" + std::string(k) +
                          "] (expected mapping, stages, users, accounts, contacts, opportunities, "
                          "stage_history, activities, quotas or forecasts)");
          continue;
        }
        ReadSources(node, *info, &m);
      }
    }
    bool has[kMappedEntityCount] = {};
    for (const MappedSource& s : m.sources) has[static_cast<int>(s.entity)] = true;
    for (MappedEntity e : {MappedEntity::kUsers, MappedEntity::kAccounts,
                           MappedEntity::kOpportunities}) {
      if (!has[static_cast<int>(e)]) {
        Error(1, "no [[" + std::string(Info(e).name) + "]]: users, accounts and opportunities "
                 "must be mapped");
      }
    }
    if (m.stages.empty()) Error(1, "no [[stages]]: list the stages of the sales process");
    return m;
  }

  std::vector<std::string> errors_;

 private:
  void ReadHeader(const toml::node& node, Mapping* m) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return Error(node, "[mapping]: expected a table");
    for (const auto& [key, v] : *t) {
      std::string_view k = key.str();
      if (k == "name" && v.is_string()) {
        m->name = v.as_string()->get();
      } else if (k == "encoding" && v.is_string()) {
        m->encoding = ToLower(v.as_string()->get());
        if (m->encoding != "utf-8" && m->encoding != "latin-1") {
          Error(v, "[mapping].encoding: expected \"utf-8\" or \"latin-1\"");
        }
      } else {
        Error(v, "[mapping]: unknown key or wrong type '" + std::string(k) + "'");
      }
    }
  }

  void ReadStages(const toml::node& node, Mapping* m) {
    const toml::array* a = node.as_array();
    if (a == nullptr) return Error(node, "stages: expected [[stages]] tables");
    for (const toml::node& n : *a) {
      const toml::table* t = n.as_table();
      if (t == nullptr) {
        Error(n, "stages: expected a table");
        continue;
      }
      StageRecord s;
      for (const auto& [key, v] : *t) {
        std::string_view k = key.str();
        bool ok = true;
        if (k == "name") ok = v.is_string() && !(s.name = v.as_string()->get()).empty();
        else if (k == "order") ok = v.is_integer() && ((s.order = v.as_integer()->get()), true);
        else if (k == "is_closed") ok = v.is_boolean() && ((s.is_closed = v.as_boolean()->get()), true);
        else if (k == "is_won") ok = v.is_boolean() && ((s.is_won = v.as_boolean()->get()), true);
        else if (k == "probability") {
          ok = v.is_number() && v.value<double>() && *v.value<double>() >= 0 &&
               *v.value<double>() <= 100;
          if (ok) s.probability = *v.value<double>();
        } else if (k == "forecast_category") {
          ok = v.is_string() &&
               (s.forecast_category = ParseForecastCategory(v.as_string()->get())).has_value();
        } else if (k == "skills") {
          ok = v.is_array();
          if (ok) {
            for (const toml::node& x : *v.as_array()) {
              if (x.is_string()) s.skills.push_back(x.as_string()->get());
              else ok = false;
            }
          }
        } else {
          Error(v, "[[stages]]: unknown key '" + std::string(k) + "'");
          continue;
        }
        if (!ok) Error(v, "[[stages]]." + std::string(k) + ": bad value");
      }
      if (s.name.empty()) Error(n, "[[stages]]: name is required");
      if (s.is_won) s.is_closed = true;
      m->stages.push_back(std::move(s));
    }
  }

  void ReadSources(const toml::node& node, const EntityInfo& info, Mapping* m) {
    std::string where = "[[" + std::string(info.name) + "]]";
    const toml::array* a = node.as_array();
    if (a == nullptr) return Error(node, info.name == "" ? "" : where + ": expected [[...]] tables");
    for (const toml::node& n : *a) {
      const toml::table* t = n.as_table();
      if (t == nullptr) {
        Error(n, where + ": expected a table");
        continue;
      }
      MappedSource src;
      src.entity = info.entity;
      src.line = n.source().begin.line;
      src.fields.resize(info.fields.size());
      for (const auto& [key, v] : *t) {
        std::string_view k = key.str();
        if (k == "file") {
          if (v.is_string()) src.file = v.as_string()->get();
          else Error(v, where + ".file: expected a string");
        } else if (k == "optional" || k == "distinct") {
          if (!v.is_boolean()) Error(v, where + "." + std::string(k) + ": expected true or false");
          else (k == "optional" ? src.optional : src.distinct) = v.as_boolean()->get();
        } else if (k == "stage_history" && info.entity == MappedEntity::kOpportunities) {
          ReadStageDates(v, where, &src);
        } else {
          size_t i = 0;
          while (i < info.fields.size() && info.fields[i] != k) ++i;
          if (i == info.fields.size()) {
            std::string known;
            for (std::string_view f : info.fields) known += (known.empty() ? "" : ", ") + std::string(f);
            Error(v, where + ": unknown field '" + std::string(k) + "' (fields: " + known +
                         "; and file, optional, distinct" +
                         (info.entity == MappedEntity::kOpportunities ? ", stage_history" : "") + ")");
            continue;
          }
          src.fields[i] = ReadSpec(v, where + "." + std::string(k));
          if (!src.fields[i]->by.empty() && !ByNameAllowed(k)) {
            Error(v, where + "." + std::string(k) +
                         ": by = \"name\" is only for owner_id, manager_id and account_id");
          }
        }
      }
      for (size_t i = 0; i < info.fields.size(); ++i) {
        if (!src.fields[i] && info.required.count(info.fields[i]) > 0) {
          Error(n, where + ": the required field '" + std::string(info.fields[i]) +
                       "' is not mapped");
        }
        if (src.file.empty() && src.fields[i] && !src.fields[i]->value) {
          Error(src.fields[i]->line, where + "." + std::string(info.fields[i]) +
                                         ": a source without a file takes only constants ({ value = ... })");
        }
      }
      m->sources.push_back(std::move(src));
    }
  }

  void ReadStageDates(const toml::node& v, const std::string& where, MappedSource* src) {
    const toml::array* a = v.as_array();
    if (a == nullptr) return Error(v, where + ".stage_history: expected [[...stage_history]] tables");
    for (const toml::node& n : *a) {
      const toml::table* t = n.as_table();
      if (t == nullptr) {
        Error(n, where + ".stage_history: expected a table");
        continue;
      }
      StageDateSpec sd;
      sd.line = n.source().begin.line;
      bool has_date = false, has_stage = false;
      for (const auto& [key, x] : *t) {
        std::string_view k = key.str();
        if (k == "date") {
          sd.date = ReadSpec(x, where + ".stage_history.date");
          has_date = true;
        } else if (k == "stage") {
          sd.stage = ReadSpec(x, where + ".stage_history.stage");
          has_stage = true;
        } else if (k == "optional" && x.is_boolean()) {
          sd.optional = x.as_boolean()->get();
        } else {
          Error(x, where + ".stage_history: unknown key '" + std::string(k) + "' (date, stage, optional)");
        }
      }
      if (!has_date || !has_stage) Error(n, where + ".stage_history: needs date and stage");
      src->stage_history.push_back(std::move(sd));
    }
  }

  // A field: "column", ["col1", "col2"], or a table with column/columns,
  // value, default, map, by, template, date_format.
  FieldSpec ReadSpec(const toml::node& v, const std::string& where) {
    FieldSpec f;
    f.line = v.source().begin.line;
    if (v.is_string()) {
      f.columns.push_back(v.as_string()->get());
      return f;
    }
    if (v.is_array()) {
      for (const toml::node& x : *v.as_array()) {
        if (x.is_string()) f.columns.push_back(x.as_string()->get());
        else Error(x, where + ": expected column names");
      }
      return f;
    }
    const toml::table* t = v.as_table();
    if (t == nullptr) {
      Error(v, where + ": expected a column name or a table such as { value = \"...\" }");
      return f;
    }
    auto text = [&](const toml::node& x) -> std::optional<std::string> {
      if (x.is_string()) return x.as_string()->get();
      if (x.is_integer()) return std::to_string(x.as_integer()->get());
      if (x.is_floating_point()) {
        std::ostringstream s;
        s << x.as_floating_point()->get();
        return s.str();
      }
      if (x.is_boolean()) return x.as_boolean()->get() ? "true" : "false";
      Error(x, where + ": expected a string");
      return std::nullopt;
    };
    for (const auto& [key, x] : *t) {
      std::string_view k = key.str();
      if (k == "column" || k == "columns") {
        if (x.is_string()) f.columns.push_back(x.as_string()->get());
        else if (x.is_array()) {
          for (const toml::node& c : *x.as_array()) {
            if (auto s = text(c)) f.columns.push_back(*s);
          }
        } else Error(x, where + "." + std::string(k) + ": expected a column name");
      } else if (k == "value") {
        f.value = text(x);
      } else if (k == "default") {
        f.default_value = text(x);
      } else if (k == "map") {
        if (!x.is_table()) {
          Error(x, where + ".map: expected a table of \"source value\" = \"our value\"");
          continue;
        }
        for (const auto& [from, to] : *x.as_table()) {
          if (auto s = text(to)) f.map[ToLower(Trim(from.str()))] = *s;
        }
      } else if (k == "by") {
        if (auto s = text(x)) f.by = *s;
        if (f.by != "name") Error(x, where + ".by: expected \"name\"");
      } else if (k == "template") {
        if (auto s = text(x)) f.templ = *s;
        if (f.templ.find("{}") == std::string::npos) Error(x, where + ".template: needs {}");
      } else if (k == "date_format") {
        if (auto s = text(x)) f.date_format = *s;
        if (f.date_format != "YYYY-MM-DD" && f.date_format != "MM/DD/YYYY" &&
            f.date_format != "DD/MM/YYYY" && f.date_format != "DD.MM.YYYY") {
          Error(x, where + ".date_format: expected YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY or DD.MM.YYYY");
        }
      } else {
        Error(x, where + ": unknown key '" + std::string(k) +
                     "' (column, columns, value, default, map, by, template, date_format)");
      }
    }
    if (f.columns.empty() && !f.value) Error(v, where + ": needs a column or a value");
    if (!f.columns.empty() && f.value) Error(v, where + ": has both a column and a value");
    return f;
  }

  std::string file_;
};

}  // namespace

std::string_view MappedEntityName(MappedEntity e) { return Info(e).name; }
const std::vector<std::string_view>& MappedFields(MappedEntity e) { return Info(e).fields; }
bool MappedFieldRequired(MappedEntity e, std::string_view field) {
  return Info(e).required.count(field) > 0;
}

Result<Mapping> ParseMapping(std::string_view text, std::string_view file_name) {
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return Err(InvalidArgument(std::string(file_name) + ":" +
                               std::to_string(e.source().begin.line) + ": " +
                               std::string(e.description())));
  }
  MappingReader reader(file_name);
  Mapping m = reader.Read(root);
  if (!reader.errors_.empty()) return Err(InvalidArgument(Join(reader.errors_, "\n")));
  return m;
}

Result<Mapping> ParseMappingFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(NotFound(path.string() + ": cannot open the mapping file"));
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseMapping(buf.str(), path.string());
}

}  // namespace sc
