#include "ingest/record_checker.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "base/strings.h"

namespace sc::ingest_internal {

std::string Src::Label(std::string_view field) const {
  if (labels != nullptr) {
    auto it = labels->find(field);
    if (it != labels->end()) return it->second;
  }
  return std::string(field);
}

// ---- RowParser ----

void RowParser::Fail(std::string_view field, const std::string& message) {
  ok_ = false;
  check_.Error(src_, field, message);
}

std::string_view RowParser::Required(std::string_view field, std::string_view value) {
  if (value.empty()) Fail(field, "required value is empty");
  return value;
}

std::optional<Money> RowParser::Amount(std::string_view field, std::string_view value,
                                       bool required) {
  if (required) Required(field, value);
  if (value.empty()) return std::nullopt;
  Result<Money> m = ParseMoney(value);
  if (!m) {
    Fail(field, m.error().message());
    return std::nullopt;
  }
  if (*m < 0) {
    Fail(field, "negative amount: '" + std::string(value) + "'");
    return std::nullopt;
  }
  return *m;
}

std::optional<Instant> RowParser::Time(std::string_view field, std::string_view value,
                                       bool required) {
  if (required) Required(field, value);
  if (value.empty()) return std::nullopt;
  Result<Instant> t = ParseInstant(value);
  if (!t) {
    Fail(field, t.error().message());
    return std::nullopt;
  }
  return *t;
}

std::optional<Date> RowParser::Day(std::string_view field, std::string_view value, bool required) {
  if (required) Required(field, value);
  if (value.empty()) return std::nullopt;
  Result<Date> d = ParseDate(value);
  if (!d) {
    Fail(field, d.error().message());
    return std::nullopt;
  }
  return *d;
}

std::optional<double> RowParser::Number(std::string_view field, std::string_view value) {
  if (value.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size()) {
    Fail(field, "not a number: '" + std::string(value) + "'");
    return std::nullopt;
  }
  return v;
}

bool RowParser::Bool(std::string_view field, std::string_view value, bool default_value) {
  if (value.empty()) return default_value;
  bool b = default_value;
  if (!ParseBool(value, &b)) {
    Fail(field, "not a boolean (expected true/false or 1/0): '" + std::string(value) + "'");
  }
  return b;
}

std::optional<ForecastCategory> RowParser::Category(std::string_view field,
                                                    std::string_view value) {
  if (value.empty()) return std::nullopt;
  std::optional<ForecastCategory> c = ParseForecastCategory(value);
  if (!c) {
    // Salesforce's enum spellings: Forecast is the label Commit, and Most
    // Likely sits between Commit and Best Case.
    std::string key = NormalizeKey(value);
    if (key == "forecast") c = ForecastCategory::kCommit;
    else if (key == "mostlikely") c = ForecastCategory::kBestCase;
  }
  if (!c) {
    Fail(field, "unknown forecast category '" + std::string(value) +
                    "' (expected pipeline, best_case, commit, closed or omitted)");
  }
  return c;
}

// ---- RecordChecker ----

RecordChecker::RecordChecker(RecordSink& sink, int64_t max_errors)
    : sink_(sink), errors_(max_errors) {}

void RecordChecker::Error(const Src& src, std::string_view field, const std::string& message) {
  errors_.Add(std::string(src.file), src.line, src.Label(field) + ": " + message);
}

RecordChecker::Where RecordChecker::At(const Src& src) {
  for (size_t i = 0; i < files_.size(); ++i) {
    if (files_[i] == src.file) return {static_cast<int32_t>(i), src.line};
  }
  files_.emplace_back(src.file);
  return {static_cast<int32_t>(files_.size() - 1), src.line};
}

std::string RecordChecker::Duplicate(std::string_view id, Where first) const {
  return "duplicate id '" + std::string(id) + "' (first on " + Format(first) + ")";
}

bool RecordChecker::CheckUser(const Src& src, std::string_view field, std::string_view id) {
  if (id.empty() || !users_complete_ || user_ids_.Find(id) >= 0) return true;
  Error(src, field, "unknown user '" + std::string(id) + "'");
  return false;
}

void RecordChecker::AddUser(UserRecord user, const Src& src) {
  if (user.id.empty()) return;
  auto [index, added] = user_ids_.Insert(user.id);
  if (!added) {
    Error(src, "id", Duplicate(user.id, user_where_[index]));
    return;
  }
  user_where_.push_back(At(src));
  user_manager_label_.push_back(src.Label("manager_id"));
  users_.push_back(std::move(user));
}

int RecordChecker::FindStage(std::string_view name) const {
  auto it = stage_by_key_.find(ToLower(Trim(name)));
  return it == stage_by_key_.end() ? -1 : it->second;
}

void RecordChecker::AddStage(StageRecord stage, const Src& src) {
  if (stage.name.empty()) return;
  if (stage.is_won) stage.is_closed = true;  // SPEC §7.4
  auto [it, added] = stage_by_key_.emplace(ToLower(stage.name), static_cast<int>(stages_.size()));
  if (!added) {
    Error(src, "name",
          "duplicate stage '" + stage.name + "' (first on " + Format(stage_where_[it->second]) + ")");
    return;
  }
  stage_where_.push_back(At(src));
  stage_order_label_.push_back(src.Label("order"));
  stages_.push_back(std::move(stage));
}

void RecordChecker::CheckManagerTree() {
  const size_t n = users_.size();
  std::vector<int64_t> manager(n, -1);
  for (size_t i = 0; i < n; ++i) {
    const std::string& m = users_[i].manager_id;
    if (m.empty()) continue;
    manager[i] = user_ids_.Find(m);
    if (manager[i] < 0 && users_complete_) {
      errors_.Add(files_[user_where_[i].file], user_where_[i].line,
                  user_manager_label_[i] + ": unknown user '" + m + "'");
    }
  }
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
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      std::string text;
      for (int64_t u : cycle) text += users_[u].id + " -> ";
      text += users_[cycle.front()].id;
      Where w = user_where_[cycle.front()];
      errors_.Add(files_[w.file], w.line,
                  user_manager_label_[cycle.front()] + ": cycle in the manager tree: " + text);
    }
    for (int64_t u : path) state[u] = 2;
  }
}

void RecordChecker::CheckStages(bool warn_renumber) {
  std::vector<int> open;
  for (size_t i = 0; i < stages_.size(); ++i) {
    if (!stages_[i].is_closed) open.push_back(static_cast<int>(i));
  }
  if (open.empty()) {
    Error(std::string(files_.empty() || stage_where_.empty() ? "stages"
                                                             : files_[stage_where_[0].file]) +
          ": no open stage (every stage is closed)");
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
      Where w = stage_where_[later];
      errors_.Add(files_[w.file], w.line,
                  stage_order_label_[later] + ": open stage '" + stages_[later].name +
                      "' has the same order " + std::to_string(s.order) + " as '" +
                      stages_[earlier].name + "'");
    }
    if (s.order != static_cast<int64_t>(k) + 1) renumber = true;
  }
  if (renumber && Emitting()) {
    std::string was;
    for (size_t k = 0; k < open.size(); ++k) {
      was += (k ? ", " : "") + std::to_string(stages_[open[k]].order);
      stages_[open[k]].order = static_cast<int64_t>(k) + 1;
    }
    if (warn_renumber) {
      Warn(files_[stage_where_[open[0]].file] + ": open stage orders " + was + " renumbered 1.." +
           std::to_string(open.size()) + " in the same order");
    }
  }
}

Status RecordChecker::FinishHead(Settings settings, bool warn_renumber) {
  CheckManagerTree();
  CheckStages(warn_renumber);
  // [skills] names stages; match them like every other stage reference, and
  // put the skills on the stages (exports have no skills column).
  std::map<std::string, std::vector<std::string>> skills;
  for (auto& [stage, list] : settings.skills) {
    int s = FindStage(stage);
    if (s >= 0) {
      skills[stages_[s].name] = list;
      stages_[s].skills = list;
    } else {
      Warn("settings.toml: [skills]: stage '" + stage + "' is not a stage of the data set; ignored");
      skills[stage] = list;
    }
  }
  settings.skills = std::move(skills);
  if (!Emitting()) return Status::Ok();
  RETURN_IF_ERROR(sink_.OnSettings(settings));
  for (const UserRecord& u : users_) RETURN_IF_ERROR(sink_.OnUser(u));
  for (const StageRecord& s : stages_) RETURN_IF_ERROR(sink_.OnStage(s));
  report_.counts.users = static_cast<int64_t>(users_.size());
  report_.counts.stages = static_cast<int64_t>(stages_.size());
  return Status::Ok();
}

Status RecordChecker::AddAccount(const AccountRecord& a, const Src& src, bool row_ok) {
  bool ok = row_ok && CheckUser(src, "owner_id", a.owner_id);
  if (!a.id.empty()) {
    auto [index, added] = account_ids_.Insert(a.id);
    if (!added) {
      Error(src, "id", Duplicate(a.id, account_where_[index]));
      return Status::Ok();
    }
    account_where_.push_back(At(src));
  }
  if (ok && !a.id.empty()) {
    ++report_.counts.accounts;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnAccount(a));
  }
  return Status::Ok();
}

Status RecordChecker::AddContact(const ContactRecord& c, const Src& src, bool row_ok) {
  bool ok = row_ok;
  int32_t account = -1;
  if (!c.account_id.empty()) {
    account = static_cast<int32_t>(account_ids_.Find(c.account_id));
    if (account < 0 && accounts_complete_) {
      Error(src, "account_id", "unknown account '" + c.account_id + "'");
      ok = false;
    }
  }
  if (!c.id.empty()) {
    auto [index, added] = contact_ids_.Insert(c.id);
    if (!added) {
      Error(src, "id", Duplicate(c.id, contact_where_[index]));
      return Status::Ok();
    }
    contact_where_.push_back(At(src));
    contact_account_.push_back(account);
  }
  if (ok && !c.id.empty()) {
    ++report_.counts.contacts;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnContact(c));
  }
  return Status::Ok();
}

Status RecordChecker::AddOpportunity(OpportunityRecord& o, const Src& src, bool row_ok) {
  bool ok = row_ok;
  int32_t account = -1;
  if (!o.account_id.empty()) {
    account = static_cast<int32_t>(account_ids_.Find(o.account_id));
    if (account < 0 && accounts_complete_) {
      Error(src, "account_id", "unknown account '" + o.account_id + "'");
      ok = false;
    }
  }
  ok = CheckUser(src, "owner_id", o.owner_id) && ok;
  if (!o.stage.empty()) {
    int s = FindStage(o.stage);
    if (s >= 0) {
      o.stage = stages_[s].name;
    } else {
      Error(src, "stage", "unknown stage '" + o.stage + "'");
      ok = false;
    }
  }
  if (!o.id.empty()) {
    auto [index, added] = opportunity_ids_.Insert(o.id);
    if (!added) {
      Error(src, "id", Duplicate(o.id, opportunity_where_[index]));
      return Status::Ok();
    }
    opportunity_where_.push_back(At(src));
    opportunity_account_.push_back(account);
  }
  if (ok && !o.id.empty()) {
    ++report_.counts.opportunities;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnOpportunity(o));
  }
  return Status::Ok();
}

Status RecordChecker::AddHistory(HistoryRecord& h, const Src& src, bool row_ok) {
  bool ok = row_ok;
  if (!h.opportunity_id.empty() && opportunities_complete_ &&
      opportunity_ids_.Find(h.opportunity_id) < 0) {
    Error(src, "opportunity_id", "unknown opportunity '" + h.opportunity_id + "'");
    ok = false;
  }
  if (!h.stage.empty()) {
    int s = FindStage(h.stage);
    if (s >= 0) {
      h.stage = stages_[s].name;
    } else {
      Error(src, "stage", "unknown stage '" + h.stage + "'");
      ok = false;
    }
  }
  if (ok) {
    ++report_.counts.history;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnHistory(h));
  }
  return Status::Ok();
}

Status RecordChecker::AddActivity(ActivityRecord& a, std::string_view account_id, const Src& src,
                                  bool row_ok) {
  bool ok = CheckUser(src, "owner_id", a.owner_id) && row_ok;
  if (account_id.empty() && a.contact_id.empty() && a.opportunity_id.empty()) {
    Error(src, "account_id", "an activity needs one of account_id, contact_id, opportunity_id");
    ok = false;
  }
  int64_t account = -1;
  if (!account_id.empty()) {
    account = account_ids_.Find(account_id);
    if (account < 0 && accounts_complete_) {
      Error(src, "account_id", "unknown account '" + std::string(account_id) + "'");
      ok = false;
    }
  }
  if (!a.opportunity_id.empty()) {
    int64_t o = opportunity_ids_.Find(a.opportunity_id);
    if (o < 0) {
      if (opportunities_complete_) {
        Error(src, "opportunity_id", "unknown opportunity '" + a.opportunity_id + "'");
        ok = false;
      }
    } else if (account < 0) {
      account = opportunity_account_[o];
    }
  }
  if (!a.contact_id.empty()) {
    int64_t c = contact_ids_.Find(a.contact_id);
    if (c < 0) {
      if (contacts_complete_) {
        Error(src, "contact_id", "unknown contact '" + a.contact_id + "'");
        ok = false;
      }
    } else if (account < 0) {
      account = contact_account_[c];
    }
  }
  if (account >= 0) {
    a.account_id.assign(account_ids_.Get(static_cast<uint32_t>(account)));
  } else {
    a.account_id.assign(account_id);
  }
  if (!a.id.empty()) {
    auto [index, added] = activity_ids_.Insert(a.id);
    if (!added) {
      Error(src, "id", Duplicate(a.id, activity_where_[index]));
      return Status::Ok();
    }
    activity_where_.push_back(At(src));
  }
  if (ok && !a.id.empty()) {
    ++report_.counts.activities;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnActivity(a));
  }
  return Status::Ok();
}

Status RecordChecker::AddQuota(const QuotaRecord& q, const Src& src, bool row_ok) {
  bool ok = CheckUser(src, "owner_id", q.owner_id) && row_ok;
  if (ok && q.end_date < q.start_date) {
    Error(src, "end_date",
          "end date " + FormatDate(q.end_date) + " is before start date " + FormatDate(q.start_date));
    ok = false;
  }
  if (ok) {
    ++report_.counts.quotas;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnQuota(q));
  }
  return Status::Ok();
}

Status RecordChecker::AddForecast(const ForecastRecord& f, const Src& src, bool row_ok) {
  bool ok = CheckUser(src, "owner_id", f.owner_id) && row_ok;
  if (ok) {
    ++report_.counts.forecasts;
    if (Emitting()) RETURN_IF_ERROR(sink_.OnForecast(f));
  }
  return Status::Ok();
}

ImportReport RecordChecker::Finish() {
  report_.error_count = errors_.count();
  report_.errors = std::move(errors_.errors());
  return std::move(report_);
}

}  // namespace sc::ingest_internal
