#include "ingest/native_importer.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/strings.h"
#include "ingest/native_run.h"
#include "ingest/settings_parser.h"

namespace sc {

namespace native_internal {

namespace fs = std::filesystem;

// ---- Row ----

std::string_view Row::Required(int c) {
  std::string_view v = Get(c);
  if (v.empty()) Fail(c, "required value is empty");
  return v;
}

void Row::Fail(int c, const std::string& message) {
  ok_ = false;
  run_.Error(file_, rec_.line, std::string(cols_[c].name) + ": " + message);
}

std::optional<Money> Row::Amount(int c, bool required) {
  std::string_view v = required ? Required(c) : Get(c);
  if (v.empty()) return std::nullopt;
  Result<Money> m = ParseMoney(v);
  if (!m) {
    Fail(c, m.error().message());
    return std::nullopt;
  }
  if (*m < 0) {
    Fail(c, "negative amount: '" + std::string(v) + "'");
    return std::nullopt;
  }
  return *m;
}

std::optional<Instant> Row::Time(int c, bool required) {
  std::string_view v = required ? Required(c) : Get(c);
  if (v.empty()) return std::nullopt;
  Result<Instant> t = ParseInstant(v);
  if (!t) {
    Fail(c, t.error().message());
    return std::nullopt;
  }
  return *t;
}

std::optional<Date> Row::Day(int c, bool required) {
  std::string_view v = required ? Required(c) : Get(c);
  if (v.empty()) return std::nullopt;
  Result<Date> d = ParseDate(v);
  if (!d) {
    Fail(c, d.error().message());
    return std::nullopt;
  }
  return *d;
}

bool Row::Bool(int c, bool default_value) {
  std::string_view v = Get(c);
  if (v.empty()) return default_value;
  bool b = default_value;
  if (!ParseBool(v, &b)) Fail(c, "not a boolean (expected true or false): '" + std::string(v) + "'");
  return b;
}

// ---- NativeRun: files ----

NativeRun::NativeRun(const fs::path& folder, RecordSink& sink, const ImportOptions& options)
    : folder_(folder), sink_(sink), options_(options), errors_(options.max_errors) {}

bool NativeRun::Open(const std::string& name, bool required, Column* cols, size_t ncols,
                     CsvFile* out) {
  fs::path path = folder_ / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    if (required) FileError(name, "missing required file");
    return false;
  }
  Result<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path);
  if (!reader) {
    // Open's errors name the full path; report by file name.
    std::string msg = reader.error().message();
    if (msg.rfind(name, 0) == 0) errors_.Add(msg);
    else FileError(name, msg);
    bytes_done_ += static_cast<int64_t>(fs::file_size(path, ec));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < ncols; ++i) {
    cols[i].index = (*reader)->Column(cols[i].name);
    if (cols[i].index < 0 && cols[i].required) {
      FileError(name, "missing required column '" + std::string(cols[i].name) + "'");
      ok = false;
    }
  }
  if (!ok) {
    bytes_done_ += static_cast<int64_t>(fs::file_size(path, ec));
    return false;
  }
  out->name = name;
  out->reader = std::move(*reader);
  current_ = out->reader.get();
  return true;
}

bool NativeRun::Next(CsvFile& f, CsvRecord* rec, bool* complete) {
  Result<bool> more = f.reader->Next(rec);
  if (!more) {
    errors_.Add(more.error().message());
    *complete = false;
    return false;
  }
  if (*more) Tick();
  return *more;
}

void NativeRun::FinishFile(CsvFile& f) {
  std::error_code ec;
  bytes_done_ += static_cast<int64_t>(fs::file_size(folder_ / f.name, ec));
  current_ = nullptr;
  f.reader.reset();
  Progress();
}

void NativeRun::Progress() {
  if (!options_.progress) return;
  int64_t done = bytes_done_ + (current_ != nullptr ? current_->bytes_read() : 0);
  options_.progress(std::min(done, bytes_total_), bytes_total_);
}

int NativeRun::FindStage(std::string_view name) {
  stage_key_.assign(Trim(name));
  for (char& ch : stage_key_) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto it = stage_by_key_.find(stage_key_);
  return it == stage_by_key_.end() ? -1 : it->second;
}

bool NativeRun::CheckUser(Row& row, int c, std::string_view id) {
  if (!users_complete_ || user_ids_.Find(id) >= 0) return true;
  row.Fail(c, "unknown user '" + std::string(id) + "'");
  return false;
}

// ---- Driver ----

Result<ImportReport> NativeRun::Run() {
  static const char* kFiles[] = {"settings.toml", "users.csv",      "stages.csv",
                                 "accounts.csv",  "contacts.csv",   "opportunities.csv",
                                 "stage_history.csv", "activities.csv", "quotas.csv",
                                 "forecasts.csv"};
  std::error_code ec;
  if (!fs::is_directory(folder_, ec)) {
    return Err(NotFound(folder_.string() + ": not a folder"));
  }
  for (const char* f : kFiles) {
    auto size = fs::file_size(folder_ / f, ec);
    if (!ec) bytes_total_ += static_cast<int64_t>(size);
  }
  report_.bytes_read = bytes_total_;
  Progress();

  ReadSettings();
  ReadUsers();
  ReadStages();
  for (Status (NativeRun::*step)() :
       {&NativeRun::EmitHead, &NativeRun::ReadAccounts, &NativeRun::ReadContacts,
        &NativeRun::ReadOpportunities, &NativeRun::ReadHistory, &NativeRun::ReadActivities,
        &NativeRun::ReadQuotas, &NativeRun::ReadForecasts}) {
    RETURN_IF_ERROR((this->*step)());
  }

  bytes_done_ = bytes_total_;
  Progress();
  report_.error_count = errors_.count();
  report_.errors = std::move(errors_.errors());
  return std::move(report_);
}

void NativeRun::ReadSettings() {
  fs::path path = folder_ / "settings.toml";
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in) {
    FileError("settings.toml", std::string("cannot read: ") + std::strerror(errno));
    return;
  }
  std::vector<std::string> errors;
  settings_ = ParseSettingsToml(buf.str(), "settings.toml", &errors);
  for (std::string& e : errors) errors_.Add(std::move(e));
  bytes_done_ += static_cast<int64_t>(fs::file_size(path, ec));
}

// Emits settings, users and stages, which are read whole before anything is
// pushed so that the manager tree and the [skills] table can be checked.
Status NativeRun::EmitHead() {
  // [skills] names stages; match them like every other stage reference.
  std::map<std::string, std::vector<std::string>> skills;
  for (auto& [stage, list] : settings_.skills) {
    int s = stages_complete_ ? FindStage(stage) : -1;
    if (s >= 0) {
      skills[stages_[s].name] = list;
    } else {
      if (stages_complete_) {
        report_.warnings.push_back("settings.toml: [skills]: stage '" + stage +
                                   "' is not in stages.csv; ignored");
      }
      skills[stage] = list;
    }
  }
  settings_.skills = std::move(skills);
  if (!Emitting()) return Status::Ok();
  SC_TRY(sink_.OnSettings(settings_));
  for (const UserRecord& u : users_) SC_TRY(sink_.OnUser(u));
  for (const StageRecord& s : stages_) SC_TRY(sink_.OnStage(s));
  report_.counts.users = static_cast<int64_t>(users_.size());
  report_.counts.stages = static_cast<int64_t>(stages_.size());
  return Status::Ok();
}

// ---- users.csv ----

void NativeRun::ReadUsers() {
  enum { kId, kName, kEmail, kRole, kManager, kTeam, kActive };
  Column cols[] = {{"id", true},        {"name", true}, {"email", false}, {"role", false},
                   {"manager_id", false}, {"team", false}, {"active", false}};
  CsvFile f;
  if (!Open("users.csv", true, cols, std::size(cols), &f)) return;
  users_complete_ = true;
  CsvRecord rec;
  while (Next(f, &rec, &users_complete_)) {
    Row row(*this, f.name, rec, cols);
    UserRecord u;
    u.id = row.Required(kId);
    u.name = row.Required(kName);
    u.email = row.Get(kEmail);
    std::optional<Role> role = ParseRole(row.Get(kRole));
    if (!role) {
      row.Fail(kRole, "unknown role '" + std::string(row.Get(kRole)) +
                          "' (expected ae, manager or executive)");
    } else {
      u.role = *role;
    }
    u.manager_id = row.Get(kManager);
    u.team = row.Get(kTeam);
    u.active = row.Bool(kActive, true);
    if (!u.id.empty()) {
      auto [index, added] = user_ids_.Insert(u.id);
      if (!added) {
        row.Fail(kId, "duplicate id '" + u.id + "' (first on line " +
                          std::to_string(user_lines_[index]) + ")");
        continue;
      }
      user_lines_.push_back(rec.line);
      users_.push_back(std::move(u));
    }
  }
  FinishFile(f);
  CheckManagerTree();
}

void NativeRun::CheckManagerTree() {
  const size_t n = users_.size();
  std::vector<int64_t> manager(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const std::string& m = users_[i].manager_id;
    if (m.empty()) continue;
    manager[i] = user_ids_.Find(m);
    if (manager[i] < 0 && users_complete_) {
      Error("users.csv", user_lines_[i], "manager_id: unknown user '" + m + "'");
    }
  }
  // Walk up from each user; a walk that meets itself is a cycle, reported once
  // at the line of its first user in file order.
  std::vector<uint8_t> state(n, 0);  // 0 unvisited, 1 on the current walk, 2 done
  std::vector<int64_t> path;
  for (size_t start = 0; start < n; ++start) {
    path.clear();
    int64_t cur = static_cast<int64_t>(start);
    while (cur >= 0 && state[cur] == 0) {
      state[cur] = 1;
      path.push_back(cur);
      cur = manager[cur];
    }
    if (cur >= 0 && state[cur] == 1) {
      auto begin = std::find(path.begin(), path.end(), cur);
      std::vector<int64_t> cycle(begin, path.end());
      auto first = std::min_element(cycle.begin(), cycle.end());
      std::rotate(cycle.begin(), first, cycle.end());
      std::string text;
      for (int64_t u : cycle) text += users_[u].id + " -> ";
      text += users_[cycle.front()].id;
      Error("users.csv", user_lines_[cycle.front()],
            "manager_id: cycle in the manager tree: " + text);
    }
    for (int64_t u : path) state[u] = 2;
  }
}

// ---- stages.csv ----

void NativeRun::ReadStages() {
  enum { kName, kOrder, kClosed, kWon, kProbability, kCategory, kSkills };
  Column cols[] = {{"name", true},         {"order", true},
                   {"is_closed", true},    {"is_won", true},
                   {"probability", false}, {"forecast_category", false},
                   {"skills", false}};
  CsvFile f;
  if (!Open("stages.csv", true, cols, std::size(cols), &f)) return;
  stages_complete_ = true;
  std::vector<int64_t> lines;
  CsvRecord rec;
  while (Next(f, &rec, &stages_complete_)) {
    Row row(*this, f.name, rec, cols);
    StageRecord s;
    s.name = row.Required(kName);
    std::string_view order = row.Required(kOrder);
    if (!order.empty()) {
      auto [p, ec] = std::from_chars(order.data(), order.data() + order.size(), s.order);
      if (ec != std::errc() || p != order.data() + order.size()) {
        row.Fail(kOrder, "not an integer: '" + std::string(order) + "'");
      }
    }
    s.is_closed = row.Bool(kClosed, false);
    s.is_won = row.Bool(kWon, false);
    if (s.is_won) s.is_closed = true;  // SPEC §7.4: is_won implies closed
    std::string_view prob = row.Get(kProbability);
    if (!prob.empty()) {
      double v = 0;
      auto [p, ec] = std::from_chars(prob.data(), prob.data() + prob.size(), v);
      if (ec != std::errc() || p != prob.data() + prob.size()) {
        row.Fail(kProbability, "not a number: '" + std::string(prob) + "'");
      } else if (!(v >= 0 && v <= 100)) {
        row.Fail(kProbability, "must be between 0 and 100: '" + std::string(prob) + "'");
      } else {
        s.probability = v;
      }
    }
    std::string_view cat = row.Get(kCategory);
    if (!cat.empty()) {
      s.forecast_category = ParseForecastCategory(cat);
      if (!s.forecast_category) {
        row.Fail(kCategory, "unknown forecast category '" + std::string(cat) +
                                "' (expected pipeline, best_case, commit, closed or omitted)");
      }
    }
    for (const std::string& skill : Split(row.Get(kSkills), ';')) {
      std::string_view t = Trim(skill);
      if (!t.empty()) s.skills.emplace_back(t);
    }
    if (s.name.empty()) continue;
    std::string key = ToLower(s.name);
    auto [it, added] = stage_by_key_.emplace(key, static_cast<int>(stages_.size()));
    if (!added) {
      row.Fail(kName, "duplicate stage '" + s.name + "' (first on line " +
                          std::to_string(lines[it->second]) + ")");
      continue;
    }
    lines.push_back(rec.line);
    stages_.push_back(std::move(s));
  }
  FinishFile(f);
  if (!stages_complete_) return;

  // Open stages: distinct orders, renumbered 1..n in their order when the
  // file uses other numbers (e.g. Salesforce's 10, 20, 30).
  std::vector<int> open;
  for (size_t i = 0; i < stages_.size(); ++i) {
    if (!stages_[i].is_closed) open.push_back(static_cast<int>(i));
  }
  if (open.empty()) {
    FileError("stages.csv", "no open stage (every stage has is_closed true)");
    return;
  }
  std::stable_sort(open.begin(), open.end(),
                   [&](int a, int b) { return stages_[a].order < stages_[b].order; });
  bool renumber = false;
  for (size_t k = 0; k < open.size(); ++k) {
    const StageRecord& s = stages_[open[k]];
    if (k > 0 && s.order == stages_[open[k - 1]].order) {
      int later = std::max(open[k], open[k - 1]);
      int earlier = std::min(open[k], open[k - 1]);
      Error("stages.csv", lines[later],
            "order: open stage '" + stages_[later].name + "' has the same order " +
                std::to_string(s.order) + " as '" + stages_[earlier].name + "'");
    }
    if (s.order != static_cast<int64_t>(k) + 1) renumber = true;
  }
  if (renumber && Emitting()) {
    std::string was;
    for (size_t k = 0; k < open.size(); ++k) {
      was += (k ? ", " : "") + std::to_string(stages_[open[k]].order);
      stages_[open[k]].order = static_cast<int64_t>(k) + 1;
    }
    report_.warnings.push_back("stages.csv: open stage orders " + was + " renumbered 1.." +
                               std::to_string(open.size()) + " in the same order");
  }
}

}  // namespace native_internal

Result<ImportReport> NativeImporter::Run(const std::filesystem::path& folder, RecordSink& sink,
                                         const ImportOptions& options) {
  native_internal::NativeRun run(folder, sink, options);
  return run.Run();
}

}  // namespace sc
