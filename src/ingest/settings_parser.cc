#include "ingest/settings_parser.h"

#include <cmath>
#include <limits>
#include <set>

#include <toml++/toml.h>

#include "base/strings.h"
#include "core/records.h"

namespace sc {
namespace {

class SettingsReader {
 public:
  SettingsReader(std::string_view file_name, std::vector<std::string>* errors)
      : file_(file_name), errors_(errors) {}

  void Read(const toml::table& root, Settings* s) {
    Int(root, "fiscal", "start_month", 1, 12, &s->fiscal_start_month);
    Strings(root, "quota", "types", &s->quota_types);
    Double(root, "coverage", "target", 0, kInf, false, &s->coverage_target);
    Int(root, "forecast", "lookback_days", 1, kMaxDays, &s->forecast_lookback_days);
    Double(root, "forecast", "shrinkage", 0, kInf, true, &s->forecast_shrinkage);
    Int(root, "winrate", "quarters", 0, 400, &s->winrate_quarters);
    Strings(root, "winrate", "types", &s->winrate_types);
    Int(root, "funnel", "min_deals", 0, std::numeric_limits<int32_t>::max(), &s->funnel_min_deals);
    Double(root, "funnel", "alpha", 0, 1, false, &s->funnel_alpha, /*exclusive_max=*/true);
    Int(root, "accounts", "stale_days", 0, kMaxDays, &s->accounts_stale_days);
    TouchTypes(root, s);
    Int(root, "deals", "stalled_days", 0, kMaxDays, &s->deals_stalled_days);
    Skills(root, s);
    ReferenceDate(root, s);
  }

 private:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  static constexpr int64_t kMaxDays = 100000;

  void Error(const toml::node& node, const std::string& key, const std::string& message) {
    errors_->push_back(file_ + ":" + std::to_string(node.source().begin.line) + ": " + key +
                       ": " + message);
  }

  static std::string Key(std::string_view section, std::string_view key) {
    return "[" + std::string(section) + "]." + std::string(key);
  }

  // The node at [section].key, or null. A section that is not a table is an
  // error reported once.
  const toml::node* Find(const toml::table& root, std::string_view section, std::string_view key) {
    const toml::node* sec = root.get(section);
    if (sec == nullptr) return nullptr;
    if (!sec->is_table()) {
      if (bad_sections_.insert(std::string(section)).second) {
        Error(*sec, "[" + std::string(section) + "]", "expected a table");
      }
      return nullptr;
    }
    return sec->as_table()->get(key);
  }

  template <typename T>
  void Int(const toml::table& root, std::string_view section, std::string_view key, int64_t lo,
           int64_t hi, T* out) {
    const toml::node* n = Find(root, section, key);
    if (n == nullptr) return;
    std::string range = "an integer from " + std::to_string(lo) +
                        (hi >= std::numeric_limits<int32_t>::max() ? " up"
                                                                    : " to " + std::to_string(hi));
    if (!n->is_integer()) return Error(*n, Key(section, key), "expected " + range);
    int64_t v = n->as_integer()->get();
    if (v < lo || v > hi) {
      return Error(*n, Key(section, key), "expected " + range + ", got " + std::to_string(v));
    }
    *out = static_cast<T>(v);
  }

  void Double(const toml::table& root, std::string_view section, std::string_view key, double lo,
              double hi, bool lo_inclusive, double* out, bool exclusive_max = false) {
    const toml::node* n = Find(root, section, key);
    if (n == nullptr) return;
    std::string what;
    if (hi == kInf) {
      what = lo_inclusive ? "a non-negative number" : "a number greater than 0";
    } else {
      what = "a number between 0 and 1 (exclusive)";
    }
    if (!n->is_number()) return Error(*n, Key(section, key), "expected " + what);
    double v = n->is_integer() ? static_cast<double>(n->as_integer()->get())
                               : n->as_floating_point()->get();
    bool ok = std::isfinite(v) && (lo_inclusive ? v >= lo : v > lo) &&
              (exclusive_max ? v < hi : v <= hi);
    if (!ok) return Error(*n, Key(section, key), "expected " + what);
    *out = v;
  }

  // An array of strings; false (after reporting) when it is not one.
  bool StringArray(const toml::node& n, const std::string& key, std::vector<std::string>* out) {
    const toml::array* arr = n.as_array();
    if (arr == nullptr) {
      Error(n, key, "expected an array of strings");
      return false;
    }
    std::vector<std::string> values;
    for (const toml::node& item : *arr) {
      if (!item.is_string()) {
        Error(item, key, "expected an array of strings");
        return false;
      }
      std::string_view v = Trim(item.as_string()->get());
      if (!v.empty()) values.emplace_back(v);
    }
    *out = std::move(values);
    return true;
  }

  void Strings(const toml::table& root, std::string_view section, std::string_view key,
               std::vector<std::string>* out) {
    const toml::node* n = Find(root, section, key);
    if (n == nullptr) return;
    StringArray(*n, Key(section, key), out);
  }

  void TouchTypes(const toml::table& root, Settings* s) {
    const toml::node* n = Find(root, "accounts", "touch_types");
    if (n == nullptr) return;
    std::vector<std::string> values;
    std::string key = Key("accounts", "touch_types");
    if (!StringArray(*n, key, &values)) return;
    for (std::string& v : values) {
      std::optional<ActivityType> t = ParseActivityType(v);
      if (!t) {
        return Error(*n, key, "unknown activity type '" + v + "' (expected call, email, meeting or other)");
      }
      v = std::string(ActivityTypeName(*t));
    }
    s->accounts_touch_types = std::move(values);
  }

  // [demo] as_of: a TOML date or a "YYYY-MM-DD" string.
  void ReferenceDate(const toml::table& root, Settings* s) {
    const toml::node* n = Find(root, "demo", "as_of");
    if (n == nullptr) return;
    Date d;
    if (const toml::value<toml::date>* v = n->as_date()) {
      toml::date t = v->get();
      if (MakeDate(t.year, t.month, t.day, &d)) {
        s->reference_date = d;
        return;
      }
    } else if (n->is_string()) {
      Result<Date> parsed = ParseDate(n->as_string()->get());
      if (parsed) {
        s->reference_date = *parsed;
        return;
      }
    }
    Error(*n, Key("demo", "as_of"), "expected a date (YYYY-MM-DD)");
  }

  void Skills(const toml::table& root, Settings* s) {
    const toml::node* sec = root.get("skills");
    if (sec == nullptr) return;
    if (!sec->is_table()) return Error(*sec, "[skills]", "expected a table");
    for (auto&& [k, v] : *sec->as_table()) {
      std::string stage(Trim(k.str()));
      std::vector<std::string> skills;
      if (StringArray(v, "[skills].\"" + std::string(k.str()) + "\"", &skills)) {
        s->skills[stage] = std::move(skills);
      }
    }
  }

  std::string file_;
  std::vector<std::string>* errors_;
  std::set<std::string> bad_sections_;
};

}  // namespace

Settings ParseSettingsToml(std::string_view text, std::string_view file_name,
                           std::vector<std::string>* errors) {
  Settings settings;
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    errors->push_back(std::string(file_name) + ":" + std::to_string(e.source().begin.line) +
                      ": " + std::string(e.description()));
    return settings;
  }
  SettingsReader(file_name, errors).Read(root, &settings);
  return settings;
}

Result<Settings> ParseSettingsText(std::string_view text, std::string_view file_name) {
  std::vector<std::string> errors;
  Settings s = ParseSettingsToml(text, file_name, &errors);
  if (!errors.empty()) return Err(DataError(Join(errors, "\n")));
  return s;
}

}  // namespace sc
