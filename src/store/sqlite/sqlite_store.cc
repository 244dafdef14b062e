// The SQLite backend of Store: schema and migrations in schema.cc, one
// transaction per import, a replay in file order for Scan.
#include <chrono>

#include "base/strings.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace sc {
namespace sqlite {
namespace {

using std::chrono::milliseconds;

int64_t Millis(Instant t) { return t.time_since_epoch().count(); }
Instant FromMillis(int64_t v) { return Instant(milliseconds(v)); }
int64_t Days(Date d) { return d.time_since_epoch().count(); }
Date FromDays(int64_t v) { return Date(std::chrono::days(v)); }

std::optional<int64_t> Days(const std::optional<Date>& d) {
  return d ? std::optional<int64_t>(Days(*d)) : std::nullopt;
}
std::optional<std::string_view> CategoryName(const std::optional<ForecastCategory>& c) {
  return c ? std::optional<std::string_view>(ForecastCategoryName(*c)) : std::nullopt;
}

// Enum text written by this backend; anything else means a damaged database.
// Status-returning functions cannot use RETURN_IF_ERROR (it returns Err).
#define SC_TRY(expr)                                \
  do {                                              \
    ::sc::Status sc_try_ = (expr);                  \
    if (!sc_try_.ok()) return sc_try_;              \
  } while (0)

// Steps through every row of `sql`, calling f(stmt) on each.
template <typename F>
Result<void> ForEachRow(SqliteDb& db, std::string_view sql, F&& f) {
  ASSIGN_OR_RETURN(SqliteStmt st, db.Prepare(sql));
  while (true) {
    ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) return {};
    Result<void> r = f(st);
    if (!r) return r;
  }
}

template <typename T, typename F>
Result<T> ParseEnum(std::string_view table, std::string_view text, F parse) {
  std::optional<T> v = parse(text);
  if (!v) return Err(Internal(std::string(table) + ": bad stored value '" + std::string(text) + "'"));
  return *v;
}

Result<std::optional<ForecastCategory>> CategoryColumn(const SqliteStmt& st, int i,
                                                       std::string_view table) {
  if (st.IsNull(i)) return std::optional<ForecastCategory>();
  ASSIGN_OR_RETURN(ForecastCategory c,
                   ParseEnum<ForecastCategory>(table, st.Text(i), ParseForecastCategory));
  return std::optional<ForecastCategory>(c);
}

class SqliteStore;

class SqliteImport : public ImportTransaction {
 public:
  SqliteImport(SqliteDb& db, bool* open_flag) : db_(db), open_flag_(open_flag) {}
  ~SqliteImport() override {
    if (!done_) (void)db_.Exec("ROLLBACK");
    *open_flag_ = false;
  }

  Status Prepare() {
    auto prep = [&](SqliteStmt* st, std::string_view sql) -> Status {
      Result<SqliteStmt> r = db_.Prepare(sql);
      if (!r) return r.error();
      *st = std::move(*r);
      return Status::Ok();
    };
    SC_TRY(prep(&settings_,
                         "INSERT INTO settings VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&settings_list_, "INSERT INTO settings_list VALUES (?, ?, ?)"));
    SC_TRY(prep(&skill_stage_, "INSERT INTO settings_skill_stage VALUES (?)"));
    SC_TRY(prep(&skill_, "INSERT INTO settings_skill VALUES (?, ?, ?)"));
    SC_TRY(prep(&user_, "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&stage_, "INSERT INTO stages VALUES (?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&stage_skill_, "INSERT INTO stage_skills VALUES (?, ?, ?)"));
    SC_TRY(prep(&account_, "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&contact_, "INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&opportunity_,
                         "INSERT INTO opportunities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&history_, "INSERT INTO stage_history VALUES (?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&activity_,
                         "INSERT INTO activities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    SC_TRY(prep(&quota_, "INSERT INTO quotas VALUES (?, ?, ?, ?, ?)"));
    SC_TRY(prep(&forecast_, "INSERT INTO forecasts VALUES (?, ?, ?, ?, ?, ?)"));
    return Status::Ok();
  }

  Status OnSettings(const Settings& s) override {
    SqliteStmt& st = settings_;
    st.Bind(1, int64_t{s.fiscal_start_month});
    st.Bind(2, s.coverage_target);
    st.Bind(3, s.forecast_lookback_days);
    st.Bind(4, s.forecast_shrinkage);
    st.Bind(5, s.winrate_quarters);
    st.Bind(6, s.funnel_min_deals);
    st.Bind(7, s.funnel_alpha);
    st.Bind(8, s.accounts_stale_days);
    st.Bind(9, s.deals_stalled_days);
    st.Bind(10, Days(s.reference_date));
    SC_TRY(st.Run());
    SC_TRY(List("quota_types", s.quota_types));
    SC_TRY(List("winrate_types", s.winrate_types));
    SC_TRY(List("accounts_touch_types", s.accounts_touch_types));
    for (const auto& [stage, skills] : s.skills) {
      skill_stage_.Bind(1, std::string_view(stage));
      SC_TRY(skill_stage_.Run());
      for (size_t i = 0; i < skills.size(); ++i) {
        skill_.Bind(1, std::string_view(stage));
        skill_.Bind(2, static_cast<int64_t>(i));
        skill_.Bind(3, std::string_view(skills[i]));
        SC_TRY(skill_.Run());
      }
    }
    return Status::Ok();
  }

  Status OnUser(const UserRecord& r) override {
    SqliteStmt& st = user_;
    st.Bind(1, ++info_.users);
    st.Bind(2, std::string_view(r.id));
    st.Bind(3, std::string_view(r.name));
    st.Bind(4, std::string_view(r.email));
    st.Bind(5, RoleName(r.role));
    st.Bind(6, std::string_view(r.manager_id));
    st.Bind(7, std::string_view(r.team));
    st.Bind(8, int64_t{r.active});
    return st.Run();
  }

  Status OnStage(const StageRecord& r) override {
    SqliteStmt& st = stage_;
    int64_t seq = ++info_.stages;
    st.Bind(1, seq);
    st.Bind(2, std::string_view(r.name));
    st.Bind(3, r.order);
    st.Bind(4, int64_t{r.is_closed});
    st.Bind(5, int64_t{r.is_won});
    st.Bind(6, r.probability);
    st.Bind(7, CategoryName(r.forecast_category));
    SC_TRY(st.Run());
    for (size_t i = 0; i < r.skills.size(); ++i) {
      stage_skill_.Bind(1, seq);
      stage_skill_.Bind(2, static_cast<int64_t>(i));
      stage_skill_.Bind(3, std::string_view(r.skills[i]));
      SC_TRY(stage_skill_.Run());
    }
    return Status::Ok();
  }

  Status OnAccount(const AccountRecord& r) override {
    SqliteStmt& st = account_;
    st.Bind(1, ++info_.accounts);
    st.Bind(2, std::string_view(r.id));
    st.Bind(3, std::string_view(r.name));
    st.Bind(4, std::string_view(r.owner_id));
    st.Bind(5, std::string_view(r.segment));
    st.Bind(6, std::string_view(r.industry));
    if (r.created_at) st.Bind(7, Millis(*r.created_at));
    else st.BindNull(7);
    return st.Run();
  }

  Status OnContact(const ContactRecord& r) override {
    SqliteStmt& st = contact_;
    st.Bind(1, ++info_.contacts);
    st.Bind(2, std::string_view(r.id));
    st.Bind(3, std::string_view(r.account_id));
    st.Bind(4, std::string_view(r.name));
    st.Bind(5, std::string_view(r.title));
    st.Bind(6, std::string_view(r.email));
    return st.Run();
  }

  Status OnOpportunity(const OpportunityRecord& r) override {
    SqliteStmt& st = opportunity_;
    st.Bind(1, ++info_.opportunities);
    st.Bind(2, std::string_view(r.id));
    st.Bind(3, std::string_view(r.account_id));
    st.Bind(4, std::string_view(r.owner_id));
    st.Bind(5, std::string_view(r.name));
    st.Bind(6, std::string_view(r.type));
    st.Bind(7, r.amount);
    st.Bind(8, std::string_view(r.stage));
    st.Bind(9, CategoryName(r.forecast_category));
    st.Bind(10, Millis(r.created_at));
    st.Bind(11, Days(r.close_date));
    return st.Run();
  }

  Status OnHistory(const HistoryRecord& r) override {
    SqliteStmt& st = history_;
    st.Bind(1, ++info_.history);
    st.Bind(2, std::string_view(r.opportunity_id));
    st.Bind(3, Millis(r.changed_at));
    st.Bind(4, std::string_view(r.stage));
    st.Bind(5, r.amount);
    st.Bind(6, Days(r.close_date));
    st.Bind(7, CategoryName(r.forecast_category));
    return st.Run();
  }

  Status OnActivity(const ActivityRecord& r) override {
    SqliteStmt& st = activity_;
    st.Bind(1, ++info_.activities);
    st.Bind(2, std::string_view(r.id));
    st.Bind(3, ActivityTypeName(r.type));
    st.Bind(4, std::string_view(r.owner_id));
    st.Bind(5, std::string_view(r.account_id));
    st.Bind(6, std::string_view(r.contact_id));
    st.Bind(7, std::string_view(r.opportunity_id));
    st.Bind(8, Millis(r.occurred_at));
    st.Bind(9, std::string_view(r.subject));
    return st.Run();
  }

  Status OnQuota(const QuotaRecord& r) override {
    SqliteStmt& st = quota_;
    st.Bind(1, ++info_.quotas);
    st.Bind(2, std::string_view(r.owner_id));
    st.Bind(3, Days(r.start_date));
    st.Bind(4, Days(r.end_date));
    st.Bind(5, r.amount);
    return st.Run();
  }

  Status OnForecast(const ForecastRecord& r) override {
    SqliteStmt& st = forecast_;
    st.Bind(1, ++info_.forecasts);
    st.Bind(2, std::string_view(r.owner_id));
    st.Bind(3, std::string_view(r.period));
    st.Bind(4, SubmissionCategoryName(r.category));
    st.Bind(5, r.amount);
    st.Bind(6, Millis(r.submitted_at));
    return st.Run();
  }

  Status Commit(const std::string& source) override {
    Result<void> r = CommitImpl(source);
    return r ? Status::Ok() : r.error();
  }

 private:
  Result<void> CommitImpl(const std::string& source) {
    if (done_) return Err(FailedPrecondition("import already finished"));
    ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare(
        "INSERT INTO dataset VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    std::string now = FormatInstant(std::chrono::time_point_cast<milliseconds>(
        std::chrono::system_clock::now()));
    st.Bind(1, std::string_view(now));
    st.Bind(2, std::string_view(source));
    const int64_t counts[] = {info_.users,         info_.stages,  info_.accounts,
                              info_.contacts,      info_.opportunities, info_.history,
                              info_.activities,    info_.quotas,  info_.forecasts};
    for (int i = 0; i < 9; ++i) st.Bind(3 + i, counts[i]);
    RETURN_IF_ERROR(st.Run());
    // Finalize every statement before COMMIT so nothing holds the write lock.
    st = SqliteStmt();
    ReleaseStatements();
    RETURN_IF_ERROR(db_.Exec("COMMIT"));
    done_ = true;
    return {};
  }

  Status List(std::string_view name, const std::vector<std::string>& values) {
    for (size_t i = 0; i < values.size(); ++i) {
      settings_list_.Bind(1, name);
      settings_list_.Bind(2, static_cast<int64_t>(i));
      settings_list_.Bind(3, std::string_view(values[i]));
      SC_TRY(settings_list_.Run());
    }
    return Status::Ok();
  }

  void ReleaseStatements() {
    for (SqliteStmt* st : {&settings_, &settings_list_, &skill_stage_, &skill_, &user_, &stage_,
                           &stage_skill_, &account_, &contact_, &opportunity_, &history_,
                           &activity_, &quota_, &forecast_}) {
      *st = SqliteStmt();
    }
  }

  SqliteDb& db_;
  bool* open_flag_;
  bool done_ = false;
  DataSetInfo info_;
  SqliteStmt settings_, settings_list_, skill_stage_, skill_, user_, stage_, stage_skill_,
      account_, contact_, opportunity_, history_, activity_, quota_, forecast_;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(SqliteDb db) : db_(std::move(db)) {}


  Result<std::unique_ptr<ImportTransaction>> BeginImport() override {
    if (import_open_) return Err(FailedPrecondition(db_.path() + ": an import is already open"));
    RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
    import_open_ = true;
    auto tx = std::make_unique<SqliteImport>(db_, &import_open_);
    for (const char* table : DataTables()) {
      RETURN_IF_ERROR(db_.Exec(std::string("DELETE FROM ") + table));
    }
    RETURN_IF_ERROR(tx->Prepare());
    return std::unique_ptr<ImportTransaction>(std::move(tx));
  }

  Status Scan(RecordSink& sink) override;
  Result<DataSetInfo> Info() override;
  Result<void> Init(const StoreOptions& options);

 private:
  Result<void> ScanAll(RecordSink& sink);
  Result<void> Migrate();

  SqliteDb db_;
  bool import_open_ = false;
};

Result<void> SqliteStore::Init(const StoreOptions& options) {
  // Large pages for a new file (no effect on an existing one): fewer, fuller
  // B-tree pages per row for bulk imports of millions of rows.
  RETURN_IF_ERROR(db_.Exec("PRAGMA page_size=16384"));
  RETURN_IF_ERROR(db_.Exec("PRAGMA journal_mode=WAL"));
  RETURN_IF_ERROR(db_.Exec("PRAGMA synchronous=NORMAL"));
  RETURN_IF_ERROR(db_.Exec("PRAGMA temp_store=MEMORY"));
  RETURN_IF_ERROR(db_.Exec("PRAGMA cache_size=-" + std::to_string(options.cache_mib * 1024)));
  return Migrate();
}

Result<void> SqliteStore::Migrate() {
  RETURN_IF_ERROR(db_.Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
  ASSIGN_OR_RETURN(int64_t version, db_.QueryInt("SELECT max(version) FROM schema_version", 0));
  int latest = Migrations().back().version;
  if (version > latest) {
    return Err(FailedPrecondition(db_.path() + ": database schema version " +
                                  std::to_string(version) +
                                  " is newer than this program supports (" +
                                  std::to_string(latest) + ")"));
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= version) continue;
    RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
    Status s = db_.Exec(m.sql);
    if (s.ok()) s = db_.Exec("DELETE FROM schema_version; INSERT INTO schema_version VALUES (" +
                             std::to_string(m.version) + ")");
    if (s.ok()) s = db_.Exec("COMMIT");
    if (!s.ok()) {
      (void)db_.Exec("ROLLBACK");
      return Err(Status(s.code(), "migrating to schema version " + std::to_string(m.version) +
                                      ": " + s.message()));
    }
  }
  return {};
}

Result<DataSetInfo> SqliteStore::Info() {
  ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare("SELECT * FROM dataset WHERE id = 1"));
  DataSetInfo info;
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return info;
  info.present = true;
  info.imported_at = st.Text(1);
  info.source = st.Text(2);
  int64_t* counts[] = {&info.users,         &info.stages,  &info.accounts,
                       &info.contacts,      &info.opportunities, &info.history,
                       &info.activities,    &info.quotas,  &info.forecasts};
  for (int i = 0; i < 9; ++i) *counts[i] = st.Int(3 + i);
  return info;
}

Status SqliteStore::Scan(RecordSink& sink) {
  if (import_open_) return FailedPrecondition(db_.path() + ": cannot scan during an import");
  Result<void> r = ScanAll(sink);
  return r ? Status::Ok() : r.error();
}

Result<void> SqliteStore::ScanAll(RecordSink& sink) {
  // One read transaction, so the replay is a consistent snapshot.
  RETURN_IF_ERROR(db_.Exec("BEGIN"));
  struct EndRead {
    SqliteDb& db;
    ~EndRead() { (void)db.Exec("COMMIT"); }
  } end_read{db_};
  {
    ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare("SELECT * FROM settings WHERE id = 1"));
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Err(NotFound(db_.path() + ": no data set imported yet"));
    Settings s;
    s.fiscal_start_month = static_cast<int>(st.Int(1));
    s.coverage_target = st.Double(2);
    s.forecast_lookback_days = st.Int(3);
    s.forecast_shrinkage = st.Double(4);
    s.winrate_quarters = st.Int(5);
    s.funnel_min_deals = st.Int(6);
    s.funnel_alpha = st.Double(7);
    s.accounts_stale_days = st.Int(8);
    s.deals_stalled_days = st.Int(9);
    if (!st.IsNull(10)) s.reference_date = FromDays(st.Int(10));
    s.quota_types.clear();
    s.winrate_types.clear();
    s.accounts_touch_types.clear();
    ASSIGN_OR_RETURN(SqliteStmt lists,
                     db_.Prepare("SELECT list, value FROM settings_list ORDER BY list, position"));
    while (true) {
      ASSIGN_OR_RETURN(bool more, lists.Step());
      if (!more) break;
      std::string_view list = lists.Text(0);
      std::vector<std::string>* out = list == "quota_types"     ? &s.quota_types
                                      : list == "winrate_types" ? &s.winrate_types
                                      : list == "accounts_touch_types" ? &s.accounts_touch_types
                                                                       : nullptr;
      if (out != nullptr) out->emplace_back(lists.Text(1));
    }
    ASSIGN_OR_RETURN(SqliteStmt stages, db_.Prepare("SELECT stage FROM settings_skill_stage"));
    while (true) {
      ASSIGN_OR_RETURN(bool more, stages.Step());
      if (!more) break;
      s.skills[std::string(stages.Text(0))];
    }
    ASSIGN_OR_RETURN(SqliteStmt skills,
                     db_.Prepare("SELECT stage, skill FROM settings_skill ORDER BY stage, position"));
    while (true) {
      ASSIGN_OR_RETURN(bool more, skills.Step());
      if (!more) break;
      s.skills[std::string(skills.Text(0))].emplace_back(skills.Text(1));
    }
    RETURN_IF_ERROR(sink.OnSettings(s));
  }
  {
    UserRecord r;
    {
    auto done = ForEachRow(db_, "SELECT id, name, email, role, manager_id, team, active FROM users ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.id = st.Text(0);
      r.name = st.Text(1);
      r.email = st.Text(2);
      ASSIGN_OR_RETURN(r.role, ParseEnum<Role>("users", st.Text(3), ParseRole));
      r.manager_id = st.Text(4);
      r.team = st.Text(5);
      r.active = st.Int(6) != 0;
      RETURN_IF_ERROR(sink.OnUser(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    std::map<int64_t, std::vector<std::string>> skills;
    {
    auto done = ForEachRow(db_, "SELECT stage_seq, skill FROM stage_skills ORDER BY stage_seq, position", [&](const SqliteStmt& st) -> Result<void> {
      skills[st.Int(0)].emplace_back(st.Text(1));
      return {};
    });
    if (!done) return done;
    }
    {
    auto done = ForEachRow(db_, "SELECT seq, name, sort_order, is_closed, is_won, probability, forecast_category "
                 "FROM stages ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      StageRecord r;
      r.name = st.Text(1);
      r.order = st.Int(2);
      r.is_closed = st.Int(3) != 0;
      r.is_won = st.Int(4) != 0;
      if (!st.IsNull(5)) r.probability = st.Double(5);
      ASSIGN_OR_RETURN(r.forecast_category, CategoryColumn(st, 6, "stages"));
      auto it = skills.find(st.Int(0));
      if (it != skills.end()) r.skills = std::move(it->second);
      RETURN_IF_ERROR(sink.OnStage(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    AccountRecord r;
    {
    auto done = ForEachRow(db_, "SELECT id, name, owner_id, segment, industry, created_at FROM accounts "
                 "ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.id = st.Text(0);
      r.name = st.Text(1);
      r.owner_id = st.Text(2);
      r.segment = st.Text(3);
      r.industry = st.Text(4);
      r.created_at.reset();
      if (!st.IsNull(5)) r.created_at = FromMillis(st.Int(5));
      RETURN_IF_ERROR(sink.OnAccount(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    ContactRecord r;
    {
    auto done = ForEachRow(db_, "SELECT id, account_id, name, title, email FROM contacts ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.id = st.Text(0);
      r.account_id = st.Text(1);
      r.name = st.Text(2);
      r.title = st.Text(3);
      r.email = st.Text(4);
      RETURN_IF_ERROR(sink.OnContact(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    OpportunityRecord r;
    {
    auto done = ForEachRow(db_, "SELECT id, account_id, owner_id, name, type, amount, stage, forecast_category, "
                 "created_at, close_date FROM opportunities ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.id = st.Text(0);
      r.account_id = st.Text(1);
      r.owner_id = st.Text(2);
      r.name = st.Text(3);
      r.type = st.Text(4);
      r.amount = st.Int(5);
      r.stage = st.Text(6);
      ASSIGN_OR_RETURN(r.forecast_category, CategoryColumn(st, 7, "opportunities"));
      r.created_at = FromMillis(st.Int(8));
      r.close_date = FromDays(st.Int(9));
      RETURN_IF_ERROR(sink.OnOpportunity(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    HistoryRecord r;
    {
    auto done = ForEachRow(db_, "SELECT opportunity_id, changed_at, stage, amount, close_date, forecast_category "
                 "FROM stage_history ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.opportunity_id = st.Text(0);
      r.changed_at = FromMillis(st.Int(1));
      r.stage = st.Text(2);
      r.amount.reset();
      if (!st.IsNull(3)) r.amount = st.Int(3);
      r.close_date.reset();
      if (!st.IsNull(4)) r.close_date = FromDays(st.Int(4));
      ASSIGN_OR_RETURN(r.forecast_category, CategoryColumn(st, 5, "stage_history"));
      RETURN_IF_ERROR(sink.OnHistory(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    ActivityRecord r;
    {
    auto done = ForEachRow(db_, "SELECT id, type, owner_id, account_id, contact_id, opportunity_id, occurred_at, "
                 "subject FROM activities ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.id = st.Text(0);
      ASSIGN_OR_RETURN(r.type, ParseEnum<ActivityType>("activities", st.Text(1), ParseActivityType));
      r.owner_id = st.Text(2);
      r.account_id = st.Text(3);
      r.contact_id = st.Text(4);
      r.opportunity_id = st.Text(5);
      r.occurred_at = FromMillis(st.Int(6));
      r.subject = st.Text(7);
      RETURN_IF_ERROR(sink.OnActivity(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    QuotaRecord r;
    {
    auto done = ForEachRow(db_, "SELECT owner_id, start_date, end_date, amount FROM quotas ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.owner_id = st.Text(0);
      r.start_date = FromDays(st.Int(1));
      r.end_date = FromDays(st.Int(2));
      r.amount = st.Int(3);
      RETURN_IF_ERROR(sink.OnQuota(r));
      return {};
    });
    if (!done) return done;
    }
  }
  {
    ForecastRecord r;
    {
    auto done = ForEachRow(db_, "SELECT owner_id, period, category, amount, submitted_at FROM forecasts "
                 "ORDER BY seq", [&](const SqliteStmt& st) -> Result<void> {
      r.owner_id = st.Text(0);
      r.period = st.Text(1);
      ASSIGN_OR_RETURN(r.category, ParseEnum<SubmissionCategory>("forecasts", st.Text(2),
                                                                 ParseSubmissionCategory));
      r.amount = st.Int(3);
      r.submitted_at = FromMillis(st.Int(4));
      RETURN_IF_ERROR(sink.OnForecast(r));
      return {};
    });
    if (!done) return done;
    }
  }
  return {};
}

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::filesystem::path& path,
                                               const StoreOptions& options) {
  ASSIGN_OR_RETURN(sqlite::SqliteDb db, sqlite::SqliteDb::Open(path, options.create_if_missing));
  auto store = std::make_unique<sqlite::SqliteStore>(std::move(db));
  Result<void> init = store->Init(options);
  if (!init) return Err(init.error());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sc
