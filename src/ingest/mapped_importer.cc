#include "ingest/mapped_importer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "base/strings.h"
#include "core/fiscal.h"
#include "ingest/csv_reader.h"
#include "ingest/record_checker.h"
#include "ingest/settings_parser.h"

namespace sc {

namespace {

namespace fs = std::filesystem;
using ingest_internal::Labels;
using ingest_internal::RecordChecker;
using ingest_internal::RowParser;
using ingest_internal::Src;

// "12/31/2017" in `format` -> "2017-12-31" (a time after the date is kept).
std::string ToIsoDate(std::string_view v, std::string_view format) {
  if (format.empty() || format == "YYYY-MM-DD") return std::string(v);
  char sep = format[2];
  size_t a = v.find(sep);
  size_t b = a == std::string_view::npos ? a : v.find(sep, a + 1);
  if (b == std::string_view::npos) return std::string(v);
  size_t end = v.find_first_of(" T", b + 1);
  std::string_view p1 = v.substr(0, a), p2 = v.substr(a + 1, b - a - 1),
                   year = v.substr(b + 1, end == std::string_view::npos ? end : end - b - 1);
  std::string_view rest = end == std::string_view::npos ? "" : v.substr(end);
  std::string_view month = format[0] == 'M' ? p1 : p2, day = format[0] == 'M' ? p2 : p1;
  auto pad = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  return std::string(year) + "-" + pad(month) + "-" + pad(day) + std::string(rest);
}

class MappedRun {
 public:
  MappedRun(const Mapping& m, const fs::path& folder, RecordSink& sink, const ImportOptions& o)
      : m_(m), folder_(folder), options_(o), check_(sink, o.max_errors) {}

  Result<ImportReport> Run();

 private:
  // One open source file with the columns of each field bound.
  struct Bound {
    const MappedSource* src = nullptr;
    std::string file;  // the name found in the folder
    std::unique_ptr<CsvReader> reader;
    std::vector<std::vector<int>> cols;  // per field: the column indices present
    std::vector<std::vector<int>> date_cols, stage_cols;  // per stage_history entry
    Labels labels;
    bool complete = true;
  };

  std::string FindFile(const std::string& pattern);
  // Opens the source's file; false when absent (reported unless optional) or
  // unreadable or lacking a column without a default (reported).
  bool Open(const MappedSource& src, Bound* b);
  std::vector<int> BindColumns(Bound& b, const FieldSpec& spec, std::string_view field,
                               bool report);
  // Evaluates `spec` on `rec` (nullptr: the constant row).
  std::string Eval(const FieldSpec& spec, const std::vector<int>& cols, const CsvRecord* rec);
  // Runs `fn(values, src)` for each row of each source of `entity`.
  template <typename Fn>
  Status ForEachRow(MappedEntity entity, Fn fn);
  // A reference by name -> the id; reports an unknown or ambiguous name.
  std::string ByName(const std::unordered_map<std::string, std::string>& names,
                     std::string_view kind, RowParser& row, std::string_view field,
                     const std::string& name);

  Status Users();
  Status History();

  const Mapping& m_;
  fs::path folder_;
  const ImportOptions& options_;
  RecordChecker check_;
  std::unordered_map<std::string, std::string> user_by_name_, account_by_name_;  // "" = ambiguous
  CsvRecord rec_;
};

std::string MappedRun::FindFile(const std::string& pattern) {
  size_t star = pattern.find('*');
  std::error_code ec;
  if (star == std::string::npos) {
    return fs::is_regular_file(folder_ / pattern, ec) ? pattern : "";
  }
  std::string prefix = pattern.substr(0, star), suffix = pattern.substr(star + 1);
  std::vector<std::string> matches;
  for (const fs::directory_entry& e : fs::directory_iterator(folder_, ec)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() >= prefix.size() + suffix.size() &&
        name.compare(0, prefix.size(), prefix) == 0 &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      matches.push_back(name);
    }
  }
  if (matches.empty()) return "";
  std::sort(matches.begin(), matches.end());
  if (matches.size() > 1) {
    check_.Warn(pattern + " matches " + std::to_string(matches.size()) + " files; using the last, " +
                matches.back());
  }
  return matches.back();
}

std::vector<int> MappedRun::BindColumns(Bound& b, const FieldSpec& spec, std::string_view field,
                                        bool report) {
  std::vector<int> cols;
  for (const std::string& c : spec.columns) {
    int i = b.reader->Column(c);
    if (i >= 0) cols.push_back(i);
  }
  if (!spec.columns.empty()) b.labels[std::string(field)] = spec.columns.front();
  else b.labels[std::string(field)] = std::string(field) + " (constant)";
  if (report && cols.empty() && !spec.columns.empty() && !spec.default_value) {
    check_.Error(b.file + ": missing column '" + spec.columns.front() + "' (mapped to " +
                 std::string(MappedEntityName(b.src->entity)) + "." + std::string(field) + " in " +
                 m_.path + ":" + std::to_string(spec.line) + ")");
    b.complete = false;
  }
  return cols;
}

bool MappedRun::Open(const MappedSource& src, Bound* b) {
  b->src = &src;
  const std::vector<std::string_view>& fields = MappedFields(src.entity);
  if (src.file.empty()) {
    b->cols.assign(fields.size(), {});
    for (size_t i = 0; i < fields.size(); ++i) {
      b->labels[std::string(fields[i])] = std::string(fields[i]) + " (constant)";
    }
    b->file = m_.path;
    return true;
  }
  b->file = FindFile(src.file);
  if (b->file.empty()) {
    if (!src.optional) {
      check_.Error(src.file + ": missing file (named in " + m_.path + ":" +
                   std::to_string(src.line) + ")");
    }
    b->complete = src.optional;
    return false;
  }
  fs::path path = folder_ / b->file;
  std::string encoding = !options_.encoding.empty() ? options_.encoding : m_.encoding;
  CsvEncoding enc = encoding == "latin-1" ? CsvEncoding::kLatin1 : CsvEncoding::kUtf8;
  if (encoding.empty()) {
    Result<bool> utf8 = IsValidUtf8File(path);
    if (utf8 && !*utf8) {
      enc = CsvEncoding::kLatin1;
      std::string w = b->file + ": not valid UTF-8; read as ISO-8859-1 (Latin-1)";
      auto& ws = check_.report().warnings;
      if (std::find(ws.begin(), ws.end(), w) == ws.end()) ws.push_back(w);
    }
  }
  Result<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path, enc);
  if (!reader) {
    check_.Error(b->file + ": " + reader.error().message());
    b->complete = false;
    return false;
  }
  b->reader = std::move(*reader);
  b->cols.resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (src.fields[i]) b->cols[i] = BindColumns(*b, *src.fields[i], fields[i], true);
  }
  for (const StageDateSpec& sd : src.stage_history) {
    Labels saved = b->labels;
    b->date_cols.push_back(BindColumns(*b, sd.date, "changed_at", !sd.optional));
    b->stage_cols.push_back(BindColumns(*b, sd.stage, "stage", !sd.optional));
    b->labels = saved;
  }
  return b->complete;
}

std::string MappedRun::Eval(const FieldSpec& spec, const std::vector<int>& cols,
                            const CsvRecord* rec) {
  if (spec.value) return *spec.value;
  std::string v;
  if (rec != nullptr) {
    for (int c : cols) {
      std::string_view x = rec->Field(c);
      if (!x.empty()) {
        v = x;
        break;
      }
    }
  }
  if (v.empty()) return spec.default_value.value_or("");
  if (!spec.map.empty()) {
    auto it = spec.map.find(ToLower(v));
    if (it != spec.map.end()) v = it->second;
  }
  if (!spec.date_format.empty()) v = ToIsoDate(v, spec.date_format);
  if (!spec.templ.empty()) {
    std::string t = spec.templ;
    t.replace(t.find("{}"), 2, v);
    v = t;
  }
  return v;
}

template <typename Fn>
Status MappedRun::ForEachRow(MappedEntity entity, Fn fn) {
  const size_t n = MappedFields(entity).size();
  std::vector<std::string> values(n);
  for (const MappedSource& src : m_.sources) {
    if (src.entity != entity) continue;
    Bound b;
    if (!Open(src, &b)) continue;
    // distinct: id -> (line, values) of its first row.
    std::unordered_map<std::string, std::pair<int64_t, std::vector<std::string>>> seen;
    auto one = [&](const CsvRecord* rec, int64_t line) -> Status {
      for (size_t i = 0; i < n; ++i) {
        values[i] = src.fields[i] ? Eval(*src.fields[i], b.cols[i], rec) : std::string();
      }
      Src where{b.file, line, &b.labels};
      if (src.distinct) {
        auto [it, added] = seen.emplace(values[0], std::make_pair(line, values));
        if (!added) {
          for (size_t i = 0; i < n; ++i) {
            if (values[i] != it->second.second[i]) {
              check_.Error(where, MappedFields(entity)[i],
                           "'" + values[i] + "' differs from '" + it->second.second[i] +
                               "' on line " + std::to_string(it->second.first) + " for the same " +
                               std::string(MappedFields(entity)[0]) + " '" + values[0] + "'");
              break;
            }
          }
          return Status::Ok();
        }
      }
      return fn(values, where, src);
    };
    if (!b.reader) {
      RETURN_IF_ERROR(one(nullptr, src.line));
      continue;
    }
    while (true) {
      Result<bool> more = b.reader->Next(&rec_);
      if (!more) {
        check_.Error(more.error().message());
        break;
      }
      if (!*more) break;
      RETURN_IF_ERROR(one(&rec_, rec_.line));
    }
  }
  return Status::Ok();
}

std::string MappedRun::ByName(const std::unordered_map<std::string, std::string>& names,
                              std::string_view kind, RowParser& row, std::string_view field,
                              const std::string& name) {
  if (name.empty()) return "";
  auto it = names.find(ToLower(Trim(name)));
  if (it == names.end()) {
    row.Fail(field, "unknown " + std::string(kind) + " name '" + name + "'");
    return name;
  }
  if (it->second.empty()) {
    row.Fail(field, "the " + std::string(kind) + " name '" + name + "' is not unique");
    return name;
  }
  return it->second;
}

Status MappedRun::Users() {
  // Users are collected whole first: manager_id may name a user by name.
  struct Pending {
    std::string manager;
    bool by_name;
    std::string file;
    int64_t line;
    Labels labels;
  };
  std::unordered_map<std::string, Pending> pending;  // by user id, first row
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kUsers, [&](std::vector<std::string>& v, const Src& src,
                                                       const MappedSource& source) -> Status {
    enum { kId, kName, kEmail, kRole, kManager, kTeam, kActive };
    RowParser row(check_, src);
    UserRecord u;
    u.id = row.Required("id", v[kId]);
    u.name = row.Required("name", v[kName]);
    u.email = v[kEmail];
    if (auto r = ParseRole(v[kRole])) u.role = *r;
    else row.Fail("role", "unknown role '" + v[kRole] + "' (expected ae, manager or executive)");
    u.team = v[kTeam];
    u.active = row.Bool("active", v[kActive], true);
    if (u.id.empty()) return Status::Ok();
    auto [it, added] = user_by_name_.emplace(ToLower(Trim(u.name)), u.id);
    if (!added && it->second != u.id) it->second.clear();
    bool by_name = source.fields[kManager] && source.fields[kManager]->by == "name";
    pending.emplace(u.id, Pending{v[kManager], by_name, std::string(src.file), src.line,
                                  src.labels != nullptr ? *src.labels : Labels{}});
    check_.AddUser(std::move(u), src);
    return Status::Ok();
  }));
  for (UserRecord& u : check_.users()) {
    auto it = pending.find(u.id);
    if (it == pending.end()) continue;
    Pending& p = it->second;
    Src src{p.file, p.line, &p.labels};
    RowParser row(check_, src);
    u.manager_id = p.by_name ? ByName(user_by_name_, "user", row, "manager_id", p.manager)
                             : p.manager;
  }
  return Status::Ok();
}

Status MappedRun::History() {
  // "Date entered stage" columns of the opportunity sources.
  for (const MappedSource& src : m_.sources) {
    if (src.entity != MappedEntity::kOpportunities || src.stage_history.empty()) continue;
    Bound b;
    if (!Open(src, &b) || !b.reader) continue;
    HistoryRecord h;
    while (true) {
      Result<bool> more = b.reader->Next(&rec_);
      if (!more || !*more) break;  // reported by the opportunities pass
      std::string id = Eval(*src.fields[0], b.cols[0], &rec_);
      for (size_t k = 0; k < src.stage_history.size(); ++k) {
        const StageDateSpec& sd = src.stage_history[k];
        if (b.date_cols[k].empty() && !sd.date.value) continue;  // optional column absent
        std::string date = Eval(sd.date, b.date_cols[k], &rec_);
        if (date.empty()) continue;
        Labels labels = b.labels;
        if (!sd.date.columns.empty()) labels["changed_at"] = sd.date.columns.front();
        if (!sd.stage.columns.empty()) labels["stage"] = sd.stage.columns.front();
        Src where{b.file, rec_.line, &labels};
        RowParser row(check_, where);
        h.opportunity_id = id;
        if (auto t = row.Time("changed_at", date, true)) h.changed_at = *t;
        h.stage = row.Required("stage", Eval(sd.stage, b.stage_cols[k], &rec_));
        RETURN_IF_ERROR(check_.AddHistory(h, where, row.ok()));
      }
    }
  }
  // Plain history sources.
  return ForEachRow(MappedEntity::kHistory, [&](std::vector<std::string>& v, const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    HistoryRecord h;
    h.opportunity_id = row.Required("opportunity_id", v[0]);
    if (auto t = row.Time("changed_at", v[1], true)) h.changed_at = *t;
    h.stage = row.Required("stage", v[2]);
    h.amount = row.Amount("amount", v[3], false);
    h.close_date = row.Day("close_date", v[4], false);
    h.forecast_category = row.Category("forecast_category", v[5]);
    return check_.AddHistory(h, src, row.ok());
  });
}

bool ByNameField(const Mapping& m, MappedEntity e, size_t field) {
  for (const MappedSource& s : m.sources) {
    if (s.entity == e && s.fields[field] && s.fields[field]->by == "name") return true;
  }
  return false;
}

Result<ImportReport> MappedRun::Run() {
  std::error_code ec;
  if (!fs::is_directory(folder_, ec)) return Err(NotFound(folder_.string() + ": not a folder"));
  Settings settings;
  {
    fs::path path = folder_ / "settings.toml";
    if (fs::is_regular_file(path, ec)) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      std::vector<std::string> errors;
      settings = ParseSettingsToml(buf.str(), "settings.toml", &errors);
      for (std::string& e : errors) check_.Error(std::move(e));
    }
  }
  RETURN_IF_ERROR(Users());
  for (const StageRecord& s : m_.stages) check_.AddStage(s, Src{m_.path, 0, nullptr});
  RETURN_IF_ERROR(check_.FinishHead(settings, /*warn_renumber=*/false));

  bool account_by_name = ByNameField(m_, MappedEntity::kAccounts, 2);
  bool opp_owner_by_name = ByNameField(m_, MappedEntity::kOpportunities, 2);
  bool opp_account_by_name = ByNameField(m_, MappedEntity::kOpportunities, 1);
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kAccounts, [&](std::vector<std::string>& v,
                                                          const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    AccountRecord a;
    a.id = row.Required("id", v[0]);
    a.name = row.Required("name", v[1]);
    a.owner_id = account_by_name ? ByName(user_by_name_, "user", row, "owner_id", v[2]) : v[2];
    a.segment = v[3];
    a.industry = v[4];
    a.created_at = row.Time("created_at", v[5], false);
    auto [it, added] = account_by_name_.emplace(ToLower(Trim(a.name)), a.id);
    if (!added && it->second != a.id) it->second.clear();
    return check_.AddAccount(a, src, row.ok());
  }));
  bool contact_account_by_name = ByNameField(m_, MappedEntity::kContacts, 1);
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kContacts, [&](std::vector<std::string>& v,
                                                          const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    ContactRecord c;
    c.id = row.Required("id", v[0]);
    c.account_id = row.Required("account_id", v[1]);
    if (contact_account_by_name) c.account_id = ByName(account_by_name_, "account", row, "account_id", c.account_id);
    c.name = v[2];
    c.title = v[3];
    c.email = v[4];
    return check_.AddContact(c, src, row.ok());
  }));
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kOpportunities, [&](std::vector<std::string>& v,
                                                               const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    OpportunityRecord o;
    o.id = row.Required("id", v[0]);
    o.account_id = row.Required("account_id", v[1]);
    if (opp_account_by_name) o.account_id = ByName(account_by_name_, "account", row, "account_id", o.account_id);
    o.owner_id = row.Required("owner_id", v[2]);
    if (opp_owner_by_name) o.owner_id = ByName(user_by_name_, "user", row, "owner_id", o.owner_id);
    o.name = v[3];
    o.type = v[4];
    o.amount = row.Amount("amount", v[5], true).value_or(0);
    o.stage = row.Required("stage", v[6]);
    o.forecast_category = row.Category("forecast_category", v[7]);
    if (auto t = row.Time("created_at", v[8], true)) o.created_at = *t;
    if (auto d = row.Day("close_date", v[9], true)) o.close_date = *d;
    return check_.AddOpportunity(o, src, row.ok());
  }));
  RETURN_IF_ERROR(History());
  bool act_owner_by_name = ByNameField(m_, MappedEntity::kActivities, 2);
  bool act_account_by_name = ByNameField(m_, MappedEntity::kActivities, 3);
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kActivities, [&](std::vector<std::string>& v,
                                                            const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    ActivityRecord a;
    a.id = row.Required("id", v[0]);
    std::string_view type = row.Required("type", v[1]);
    if (!type.empty()) {
      if (auto t = ParseActivityType(ToLower(type))) a.type = *t;
      else row.Fail("type", "unknown activity type '" + std::string(type) + "' (expected call, email, meeting or other)");
    }
    a.owner_id = act_owner_by_name ? ByName(user_by_name_, "user", row, "owner_id", v[2]) : v[2];
    std::string account = act_account_by_name ? ByName(account_by_name_, "account", row, "account_id", v[3]) : v[3];
    a.contact_id = v[4];
    a.opportunity_id = v[5];
    if (auto t = row.Time("occurred_at", v[6], true)) a.occurred_at = *t;
    a.subject = v[7];
    return check_.AddActivity(a, account, src, row.ok());
  }));
  bool quota_owner_by_name = ByNameField(m_, MappedEntity::kQuotas, 0);
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kQuotas, [&](std::vector<std::string>& v,
                                                        const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    QuotaRecord q;
    q.owner_id = row.Required("owner_id", v[0]);
    if (quota_owner_by_name) q.owner_id = ByName(user_by_name_, "user", row, "owner_id", q.owner_id);
    q.start_date = row.Day("start_date", v[1], true).value_or(Date{});
    q.end_date = row.Day("end_date", v[2], true).value_or(Date{});
    q.amount = row.Amount("amount", v[3], true).value_or(0);
    return check_.AddQuota(q, src, row.ok());
  }));
  RETURN_IF_ERROR(ForEachRow(MappedEntity::kForecasts, [&](std::vector<std::string>& v,
                                                           const Src& src, const MappedSource&) {
    RowParser row(check_, src);
    ForecastRecord f;
    f.owner_id = row.Required("owner_id", v[0]);
    std::string_view period = row.Required("period", v[1]);
    if (!period.empty()) {
      f.period = NormalizePeriodLabel(period);
      if (f.period.empty()) row.Fail("period", "not a period label (expected FY<year>-Q<n> or FY<year>): '" + std::string(period) + "'");
    }
    std::string_view cat = row.Required("category", v[2]);
    if (!cat.empty()) {
      if (auto c = ParseSubmissionCategory(cat)) f.category = *c;
      else row.Fail("category", "unknown category '" + std::string(cat) + "' (expected commit or best_case)");
    }
    f.amount = row.Amount("amount", v[3], true).value_or(0);
    if (auto t = row.Time("submitted_at", v[4], true)) f.submitted_at = *t;
    return check_.AddForecast(f, src, row.ok());
  }));
  return check_.Finish();
}

}  // namespace

Result<std::unique_ptr<MappedImporter>> MappedImporter::FromFile(const std::filesystem::path& path) {
  ASSIGN_OR_RETURN(Mapping m, ParseMappingFile(path));
  return std::make_unique<MappedImporter>(std::move(m));
}

Result<ImportReport> MappedImporter::Run(const std::filesystem::path& folder, RecordSink& sink,
                                         const ImportOptions& options) {
  MappedRun run(mapping_, folder, sink, options);
  return run.Run();
}

}  // namespace sc
