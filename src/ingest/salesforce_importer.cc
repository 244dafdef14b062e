// The Salesforce export importer: driver, files and encodings, settings,
// users and stages. The other objects are in salesforce_entities.cc.
#include "ingest/salesforce_importer.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <functional>
#include <cstring>
#include <fstream>
#include <sstream>

#include "base/strings.h"
#include "ingest/salesforce_ids.h"
#include "ingest/salesforce_run.h"
#include "ingest/settings_parser.h"

namespace sc {
namespace ingest_internal {

namespace fs = std::filesystem;

namespace {

// Salesforce's default sales process (CRM_FORMATS.md §2.3): the stages of an
// org that did not export its own, and the usual order of those names.
struct DefaultStage {
  std::string_view name;
  int order;
  double probability;
  bool closed, won;
};
constexpr DefaultStage kDefaultStages[] = {
    {"Prospecting", 1, 10, false, false},         {"Qualification", 2, 10, false, false},
    {"Needs Analysis", 3, 20, false, false},      {"Value Proposition", 4, 50, false, false},
    {"Id. Decision Makers", 5, 60, false, false}, {"Perception Analysis", 6, 70, false, false},
    {"Proposal/Price Quote", 7, 75, false, false}, {"Negotiation/Review", 8, 90, false, false},
    {"Closed Won", 9, 100, true, true},           {"Closed Lost", 10, 0, true, false},
};

const Labels kUserLabels = {{"id", "Id"}, {"manager_id", "ManagerId"}};
const Labels kStageLabels = {{"name", "MasterLabel"}, {"order", "SortOrder"}};

}  // namespace

int SfFile::AnyCol(std::initializer_list<std::string_view> columns) const {
  for (std::string_view c : columns) {
    int i = reader->Column(c);
    if (i >= 0) return i;
  }
  return -1;
}

SalesforceRun::SalesforceRun(const fs::path& folder, RecordSink& sink,
                             const ImportOptions& options)
    : folder_(folder), options_(options), check_(sink, options.max_errors) {}

std::string SalesforceRun::Find(std::string_view object) const {
  auto it = files_.find(ToLower(object) + ".csv");
  return it == files_.end() ? "" : it->second;
}

bool SalesforceRun::Open(const std::string& file, SfFile* out) {
  out->name = file;
  out->path = folder_ / file;
  out->complete = true;
  CsvEncoding encoding = CsvEncoding::kUtf8;
  if (options_.encoding == "latin-1") {
    encoding = CsvEncoding::kLatin1;
  } else if (options_.encoding.empty()) {
    Result<bool> utf8 = IsValidUtf8File(out->path);
    if (utf8 && !*utf8) {
      encoding = CsvEncoding::kLatin1;
      std::string warning = file + ": not valid UTF-8; read as ISO-8859-1 (Latin-1)";
      auto& w = check_.report().warnings;
      if (std::find(w.begin(), w.end(), warning) == w.end()) w.push_back(warning);
    }
  }
  Result<std::unique_ptr<CsvReader>> reader = CsvReader::Open(out->path, encoding);
  if (!reader) {
    std::string msg = reader.error().message();
    // Open's errors name the full path; report by file name.
    size_t at = msg.find(out->path.string());
    if (at != std::string::npos) msg.replace(at, out->path.string().size(), file);
    check_.Error(msg.rfind(file, 0) == 0 ? msg : file + ": " + msg);
    out->complete = false;
    return false;
  }
  out->reader = std::move(*reader);
  current_ = out->reader.get();
  return true;
}

bool SalesforceRun::Next(SfFile& f, CsvRecord* rec) {
  Result<bool> more = f.reader->Next(rec);
  if (!more) {
    check_.Error(more.error().message());
    f.complete = false;
    return false;
  }
  if (*more && (++rows_ & 0x3FFF) == 0) Progress();
  return *more;
}

void SalesforceRun::Finish(SfFile& f) {
  if (f.reader) bytes_done_ += f.reader->bytes_read();
  current_ = nullptr;
  f.reader.reset();
  Progress();
}

void SalesforceRun::Progress() {
  if (!options_.progress) return;
  int64_t done = bytes_done_ + (current_ != nullptr ? current_->bytes_read() : 0);
  options_.progress(std::min(done, bytes_total_), bytes_total_);
}

bool SalesforceRun::Require(const SfFile& f, std::initializer_list<std::string_view> columns) {
  bool ok = true;
  for (std::string_view c : columns) {
    if (f.Col(c) < 0) {
      check_.Error(f.name + ": missing required column '" + std::string(c) + "'");
      ok = false;
    }
  }
  return ok;
}

// ---- Driver ----

Result<ImportReport> SalesforceRun::Run() {
  std::error_code ec;
  if (!fs::is_directory(folder_, ec)) return Err(NotFound(folder_.string() + ": not a folder"));
  if (!options_.encoding.empty() && options_.encoding != "utf-8" &&
      options_.encoding != "latin-1") {
    return Err(InvalidArgument("unknown encoding '" + options_.encoding +
                               "' (expected utf-8 or latin-1)"));
  }
  for (const fs::directory_entry& e : fs::directory_iterator(folder_, ec)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    files_.emplace(ToLower(name), name);
  }
  static const char* kObjects[] = {"User",        "Account",        "Contact",
                                   "Opportunity", "OpportunityHistory", "OpportunityStage",
                                   "Task",        "Event",          "Quota",
                                   "ForecastingQuota"};
  bool any = false;
  for (const char* object : kObjects) {
    std::string f = Find(object);
    if (f.empty()) continue;
    any = true;
    bytes_total_ += static_cast<int64_t>(fs::file_size(folder_ / f, ec));
  }
  if (!any) {
    check_.Error(folder_.filename().string() +
                 ": no Salesforce export files (User.csv, Account.csv, Opportunity.csv, ...)");
    return check_.Finish();
  }
  check_.report().bytes_read = bytes_total_;
  Progress();

  ReadSettings();
  ScanOpportunities();
  if (!Find("User").empty()) ReadUsers();
  else DeriveUsers();
  AssignRoles();
  if (!Find("OpportunityStage").empty()) ReadStages();
  else DeriveStages();
  RETURN_IF_ERROR(check_.FinishHead(settings_, /*warn_renumber=*/false));
  RETURN_IF_ERROR(ReadAccounts());
  RETURN_IF_ERROR(ReadContacts());
  RETURN_IF_ERROR(ReadOpportunities());
  RETURN_IF_ERROR(ReadHistory());
  RETURN_IF_ERROR(ReadActivities(false));
  RETURN_IF_ERROR(ReadActivities(true));
  RETURN_IF_ERROR(ReadQuotas());
  bytes_done_ = bytes_total_;
  Progress();
  return check_.Finish();
}

void SalesforceRun::ReadSettings() {
  auto it = files_.find("settings.toml");
  if (it == files_.end()) return;
  std::ifstream in(folder_ / it->second, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in) {
    check_.Error(it->second + ": cannot read: " + std::strerror(errno));
    return;
  }
  std::vector<std::string> errors;
  settings_ = ParseSettingsToml(buf.str(), it->second, &errors);
  for (std::string& e : errors) check_.Error(std::move(e));
}

// ---- Opportunities, first pass ----

void SalesforceRun::ScanOpportunities() {
  scanned_ = true;
  auto see = [&](std::string_view stage) -> SeenStage* {
    std::string name(Trim(stage));
    if (name.empty()) return nullptr;
    auto [it, added] = seen_stage_index_.emplace(ToLower(name), seen_stages_.size());
    if (added) {
      SeenStage s;
      s.name = name;
      s.first = static_cast<int64_t>(seen_stages_.size());
      seen_stages_.push_back(std::move(s));
    }
    return &seen_stages_[it->second];
  };
  std::string opp_file = Find("Opportunity");
  SfFile f;
  if (!opp_file.empty() && Open(opp_file, &f)) {
    int stage = f.Col("StageName"), closed = f.Col("IsClosed"), won = f.Col("IsWon"),
        sort = f.Col("StageSortOrder"), prob = f.Col("Probability"),
        cat = f.AnyCol({"ForecastCategoryName", "ForecastCategory"}), account = f.Col("AccountId"),
        owner = f.Col("OwnerId"), deleted = f.Col("IsDeleted");
    CsvRecord rec;
    while (true) {
      Result<bool> more = f.reader->Next(&rec);
      if (!more || !*more) break;  // read errors are reported by the main pass
      bool is_deleted = false;
      if (ParseBool(rec.Field(deleted), &is_deleted) && is_deleted) continue;
      if (NormalizeSalesforceId(rec.Field(account)).empty()) needs_placeholder_account_ = true;
      std::string o = NormalizeSalesforceId(rec.Field(owner));
      if (!o.empty()) owner_ids_.insert(o);
      SeenStage* s = see(rec.Field(stage));
      if (s == nullptr) continue;
      bool b = false;
      if (closed >= 0 && ParseBool(rec.Field(closed), &b)) {
        s->closed = s->closed || b;
        s->flags_known = true;
      }
      if (won >= 0 && ParseBool(rec.Field(won), &b)) s->won = s->won || b;
      int64_t order = 0;
      std::string_view so = rec.Field(sort);
      if (!so.empty() && std::from_chars(so.data(), so.data() + so.size(), order).ec == std::errc()) {
        if (!s->sort_order || order < *s->sort_order) s->sort_order = order;
      }
      double p = 0;
      std::string_view pv = rec.Field(prob);
      if (!pv.empty() && std::from_chars(pv.data(), pv.data() + pv.size(), p).ec == std::errc()) {
        if (!s->probability || p > *s->probability) s->probability = p;
      }
      if (!s->category) {
        std::string_view c = rec.Field(cat);
        if (!c.empty()) s->category = ParseForecastCategory(c);
      }
    }
    current_ = nullptr;
    f.reader.reset();
  }
  // Stages that appear only in the history, in the order of the history.
  std::string history_file = Find("OpportunityHistory");
  if (Find("OpportunityStage").empty() && !history_file.empty() && Open(history_file, &f)) {
    int stage = f.Col("StageName");
    CsvRecord rec;
    while (true) {
      Result<bool> more = f.reader->Next(&rec);
      if (!more || !*more) break;
      see(rec.Field(stage));
    }
    current_ = nullptr;
    f.reader.reset();
  }
}

// ---- Users ----

void SalesforceRun::ReadUsers() {
  SfFile f;
  if (!Open(Find("User"), &f)) {
    check_.SetUsersComplete(false);
    return;
  }
  if (!Require(f, {"Id"})) {
    check_.SetUsersComplete(false);
    Finish(f);
    return;
  }
  int id = f.Col("Id"), name = f.Col("Name"), first = f.Col("FirstName"),
      last = f.Col("LastName"), username = f.Col("Username"), email = f.Col("Email"),
      manager = f.Col("ManagerId"), active = f.Col("IsActive"), team = f.Col("Department");
  CsvRecord rec;
  while (Next(f, &rec)) {
    Src src{f.name, rec.line, &kUserLabels};
    RowParser row(check_, src);
    UserRecord u;
    u.id = NormalizeSalesforceId(row.Required("Id", rec.Field(id)));
    u.name = rec.Field(name);
    if (u.name.empty()) {
      u.name = std::string(Trim(std::string(rec.Field(first)) + " " + std::string(rec.Field(last))));
    }
    if (u.name.empty()) u.name = rec.Field(username);
    if (u.name.empty()) u.name = u.id;
    u.email = rec.Field(email);
    u.manager_id = NormalizeSalesforceId(rec.Field(manager));
    u.active = row.Bool("IsActive", rec.Field(active), true);
    u.team = rec.Field(team);
    check_.AddUser(std::move(u), src);
  }
  check_.SetUsersComplete(f.complete);
  Finish(f);
}

// Without User.csv, the owners named in the export become users named by
// their ids, without a hierarchy.
void SalesforceRun::DeriveUsers() {
  for (const char* object : {"Account", "Task", "Event"}) {
    std::string file = Find(object);
    SfFile f;
    if (file.empty() || !Open(file, &f)) continue;
    int owner = f.Col("OwnerId");
    CsvRecord rec;
    while (owner >= 0) {
      Result<bool> more = f.reader->Next(&rec);
      if (!more || !*more) break;
      std::string o = NormalizeSalesforceId(rec.Field(owner));
      if (!o.empty()) owner_ids_.insert(o);
    }
    current_ = nullptr;
    f.reader.reset();
  }
  for (const std::string& id : owner_ids_) {
    UserRecord u;
    u.id = id;
    u.name = id;
    check_.AddUser(std::move(u), Src{"User.csv", 0, &kUserLabels});
  }
  check_.Warn("User.csv not found: " + std::to_string(owner_ids_.size()) +
              " users made from the OwnerIds of the export, named by their ids, without managers");
}

// Salesforce users have no role in our sense: people with reports are
// managers, and executives when some of their reports have reports too.
void SalesforceRun::AssignRoles() {
  std::vector<UserRecord>& users = check_.users();
  std::vector<int> reports(users.size(), 0), manager_reports(users.size(), 0);
  for (const UserRecord& u : users) {
    int64_t m = check_.FindUser(u.manager_id);
    if (m >= 0) ++reports[static_cast<size_t>(m)];
  }
  for (size_t i = 0; i < users.size(); ++i) {
    int64_t m = check_.FindUser(users[i].manager_id);
    if (m >= 0 && reports[i] > 0) ++manager_reports[static_cast<size_t>(m)];
  }
  for (size_t i = 0; i < users.size(); ++i) {
    users[i].role = manager_reports[i] > 0 ? Role::kExecutive
                    : reports[i] > 0       ? Role::kManager
                                           : Role::kAe;
  }
}

// ---- Stages ----

void SalesforceRun::ReadStages() {
  SfFile f;
  if (!Open(Find("OpportunityStage"), &f)) return;
  int label = f.AnyCol({"MasterLabel", "ApiName"});
  if (label < 0) {
    check_.Error(f.name + ": missing required column 'MasterLabel'");
    Finish(f);
    return;
  }
  if (!Require(f, {"SortOrder", "IsClosed", "IsWon"})) {
    Finish(f);
    return;
  }
  int sort = f.Col("SortOrder"), closed = f.Col("IsClosed"), won = f.Col("IsWon"),
      prob = f.Col("DefaultProbability"),
      cat = f.AnyCol({"ForecastCategoryName", "ForecastCategory"});
  CsvRecord rec;
  while (Next(f, &rec)) {
    Src src{f.name, rec.line, &kStageLabels};
    RowParser row(check_, src);
    StageRecord s;
    s.name = row.Required("MasterLabel", rec.Field(label));
    std::optional<double> order = row.Number("SortOrder", row.Required("SortOrder", rec.Field(sort)));
    s.order = static_cast<int64_t>(order.value_or(0));
    s.is_closed = row.Bool("IsClosed", rec.Field(closed), false);
    s.is_won = row.Bool("IsWon", rec.Field(won), false);
    s.probability = row.Number("DefaultProbability", rec.Field(prob));
    if (s.probability && !(*s.probability >= 0 && *s.probability <= 100)) {
      row.Fail("DefaultProbability", "must be between 0 and 100");
      s.probability.reset();
    }
    s.forecast_category = row.Category("ForecastCategoryName", rec.Field(cat));
    check_.AddStage(std::move(s), src);
  }
  Finish(f);
}

void SalesforceRun::DeriveStages() {
  Src src{"OpportunityStage.csv", 0, &kStageLabels};
  if (seen_stages_.empty()) {
    for (const DefaultStage& d : kDefaultStages) {
      StageRecord s;
      s.name = d.name;
      s.order = d.order;
      s.is_closed = d.closed;
      s.is_won = d.won;
      s.probability = d.probability;
      check_.AddStage(std::move(s), src);
    }
    check_.Warn(
        "OpportunityStage.csv not found and no opportunities: using Salesforce's default "
        "stages (Prospecting .. Negotiation/Review, Closed Won, Closed Lost)");
    return;
  }
  // Flags: from IsClosed/IsWon of the opportunities; a stage seen only in the
  // history takes them from Salesforce's default stage of that name, else open.
  for (SeenStage& s : seen_stages_) {
    if (s.flags_known) continue;
    for (const DefaultStage& d : kDefaultStages) {
      if (EqualsIgnoreCase(d.name, s.name)) {
        s.closed = d.closed;
        s.won = d.won;
      }
    }
  }
  // Order of the open stages: StageSortOrder when every open stage has one;
  // else the default sales process's position of known names; else the
  // probability; ties and the rest by first appearance.
  std::vector<SeenStage*> open, closed;
  for (SeenStage& s : seen_stages_) (s.closed || s.won ? closed : open).push_back(&s);
  auto default_pos = [](const SeenStage* s) -> std::optional<int> {
    for (const DefaultStage& d : kDefaultStages) {
      if (EqualsIgnoreCase(d.name, s->name)) return d.order;
    }
    return std::nullopt;
  };
  bool all_sorted = std::all_of(open.begin(), open.end(),
                                [](const SeenStage* s) { return s->sort_order.has_value(); });
  bool all_default = std::all_of(open.begin(), open.end(),
                                 [&](const SeenStage* s) { return default_pos(s).has_value(); });
  bool all_prob = std::all_of(open.begin(), open.end(),
                              [](const SeenStage* s) { return s->probability.has_value(); });
  std::string how;
  std::function<double(const SeenStage*)> key;
  if (all_sorted) {
    how = "StageSortOrder";
    key = [](const SeenStage* s) { return static_cast<double>(*s->sort_order); };
  } else if (all_default) {
    how = "Salesforce's default sales process";
    key = [&](const SeenStage* s) { return static_cast<double>(*default_pos(s)); };
  } else if (all_prob) {
    how = "Probability";
    key = [](const SeenStage* s) { return *s->probability; };
  } else {
    how = "first appearance";
    key = [](const SeenStage* s) { return static_cast<double>(s->first); };
  }
  std::stable_sort(open.begin(), open.end(), [&](const SeenStage* a, const SeenStage* b) {
    double ka = key(a), kb = key(b);
    return ka != kb ? ka < kb : a->first < b->first;
  });
  std::string names;
  int64_t order = 0;
  for (const std::vector<SeenStage*>* list : {&open, &closed}) {
    for (const SeenStage* d : *list) {
      StageRecord s;
      s.name = d->name;
      s.order = ++order;
      s.is_closed = d->closed || d->won;
      s.is_won = d->won;
      s.probability = d->probability;
      if (s.probability && !(*s.probability >= 0 && *s.probability <= 100)) s.probability.reset();
      s.forecast_category = d->category;
      names += (names.empty() ? "" : ", ") + s.name + (s.is_won ? " (won)" : s.is_closed ? " (lost)" : "");
      check_.AddStage(std::move(s), src);
    }
  }
  check_.Warn("OpportunityStage.csv not found: " + std::to_string(seen_stages_.size()) +
              " stages derived from the opportunities and their history (order by " + how +
              "; closed and won from IsClosed/IsWon): " + names);
}

}  // namespace ingest_internal

Result<ImportReport> SalesforceImporter::Run(const std::filesystem::path& folder, RecordSink& sink,
                                             const ImportOptions& options) {
  ingest_internal::SalesforceRun run(folder, sink, options);
  return run.Run();
}

}  // namespace sc
