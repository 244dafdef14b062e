// The SQLite AuthStore: tables of schema version 2 (schema.cc), one
// connection behind a mutex. Opening goes through OpenSqliteStore first so
// that the one migration path (sqlite_store.cc) creates or upgrades the file.
#include <mutex>

#include "store/auth_store.h"
#include "store/sqlite/sqlite_db.h"

namespace sc {
namespace sqlite {
namespace {

#define SC_AUTH_TRY(expr)                \
  do {                                   \
    ::sc::Status sc_try_ = (expr);       \
    if (!sc_try_.ok()) return sc_try_;   \
  } while (0)

constexpr const char* kAccountColumns =
    "id, email, password_hash, role, linked_user_id, created_at, password_changed_at";

AppAccount AccountFrom(const SqliteStmt& st) {
  AppAccount a;
  a.id = st.Int(0);
  a.email = st.Text(1);
  a.password_hash = st.Text(2);
  a.role = st.Text(3);
  a.linked_user_id = st.Text(4);
  a.created_at_ms = st.Int(5);
  a.password_changed_at_ms = st.Int(6);
  return a;
}

class SqliteAuthStore : public AuthStore {
 public:
  explicit SqliteAuthStore(SqliteDb db) : db_(std::move(db)) {}

  Result<int64_t> AddAccount(const AppAccount& a) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(int64_t taken,
                     CountWhere("SELECT count(*) FROM app_accounts WHERE email = ?", a.email));
    if (taken > 0) return Err(AlreadyExists("an account with this email exists: " + a.email));
    ASSIGN_OR_RETURN(SqliteStmt st,
                     db_.Prepare("INSERT INTO app_accounts (email, password_hash, role, "
                                 "linked_user_id, created_at, password_changed_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?)"));
    st.Bind(1, std::string_view(a.email));
    st.Bind(2, std::string_view(a.password_hash));
    st.Bind(3, std::string_view(a.role));
    st.Bind(4, std::string_view(a.linked_user_id));
    st.Bind(5, a.created_at_ms);
    st.Bind(6, a.password_changed_at_ms);
    RETURN_IF_ERROR(st.Run());
    return db_.QueryInt("SELECT last_insert_rowid()", 0);
  }

  Result<std::optional<AppAccount>> FindAccountByEmail(const std::string& email) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare(std::string("SELECT ") + kAccountColumns +
                                                " FROM app_accounts WHERE email = ?"));
    st.Bind(1, std::string_view(email));
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<AppAccount>();
    return std::optional<AppAccount>(AccountFrom(st));
  }

  Result<std::optional<AppAccount>> FindAccountById(int64_t id) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare(std::string("SELECT ") + kAccountColumns +
                                                " FROM app_accounts WHERE id = ?"));
    st.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<AppAccount>();
    return std::optional<AppAccount>(AccountFrom(st));
  }

  Result<std::vector<AppAccount>> ListAccounts() override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare(std::string("SELECT ") + kAccountColumns +
                                                " FROM app_accounts ORDER BY email"));
    std::vector<AppAccount> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back(AccountFrom(st));
    }
    return out;
  }

  Status SetPasswordHash(const std::string& email, const std::string& hash,
                         int64_t changed_at_ms) override {
    std::lock_guard<std::mutex> lock(mu_);
    SC_AUTH_TRY(db_.Exec("BEGIN IMMEDIATE"));
    Status s = [&]() -> Status {
      Result<SqliteStmt> st = db_.Prepare(
          "UPDATE app_accounts SET password_hash = ?, password_changed_at = ? WHERE email = ?");
      if (!st) return st.error();
      st->Bind(1, std::string_view(hash));
      st->Bind(2, changed_at_ms);
      st->Bind(3, std::string_view(email));
      SC_AUTH_TRY(st->Run());
      Result<int64_t> changed = db_.QueryInt("SELECT changes()", 0);
      if (!changed) return changed.error();
      if (*changed == 0) return NotFound("no account with this email: " + email);
      Result<SqliteStmt> del = db_.Prepare(
          "DELETE FROM sessions WHERE account_id = (SELECT id FROM app_accounts WHERE email = ?)");
      if (!del) return del.error();
      del->Bind(1, std::string_view(email));
      return del->Run();
    }();
    return Finish(s);
  }

  Status SetLinkedUser(int64_t account_id, const std::string& user_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    Result<SqliteStmt> st =
        db_.Prepare("UPDATE app_accounts SET linked_user_id = ? WHERE id = ? AND linked_user_id != ?");
    if (!st) return st.error();
    st->Bind(1, std::string_view(user_id));
    st->Bind(2, account_id);
    st->Bind(3, std::string_view(user_id));
    return st->Run();
  }

  Status RemoveAccount(const std::string& email) override {
    std::lock_guard<std::mutex> lock(mu_);
    SC_AUTH_TRY(db_.Exec("BEGIN IMMEDIATE"));
    Status s = [&]() -> Status {
      Result<SqliteStmt> del = db_.Prepare(
          "DELETE FROM sessions WHERE account_id = (SELECT id FROM app_accounts WHERE email = ?)");
      if (!del) return del.error();
      del->Bind(1, std::string_view(email));
      SC_AUTH_TRY(del->Run());
      Result<SqliteStmt> st = db_.Prepare("DELETE FROM app_accounts WHERE email = ?");
      if (!st) return st.error();
      st->Bind(1, std::string_view(email));
      SC_AUTH_TRY(st->Run());
      Result<int64_t> changed = db_.QueryInt("SELECT changes()", 0);
      if (!changed) return changed.error();
      if (*changed == 0) return NotFound("no account with this email: " + email);
      return Status::Ok();
    }();
    return Finish(s);
  }

  Result<int64_t> CountAdmins() override {
    std::lock_guard<std::mutex> lock(mu_);
    return db_.QueryInt("SELECT count(*) FROM app_accounts WHERE role = 'admin'", 0);
  }

  Status CreateSession(const SessionRow& s) override {
    std::lock_guard<std::mutex> lock(mu_);
    Result<SqliteStmt> st = db_.Prepare("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->Bind(1, std::string_view(s.token_hash));
    st->Bind(2, s.account_id);
    st->Bind(3, s.created_at_ms);
    st->Bind(4, s.expires_at_ms);
    st->Bind(5, s.last_seen_at_ms);
    return st->Run();
  }

  Result<std::optional<SessionRow>> FindSession(const std::string& token_hash) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(SqliteStmt st,
                     db_.Prepare("SELECT token_hash, account_id, created_at, expires_at, "
                                 "last_seen_at FROM sessions WHERE token_hash = ?"));
    st.Bind(1, std::string_view(token_hash));
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<SessionRow>();
    SessionRow s;
    s.token_hash = st.Text(0);
    s.account_id = st.Int(1);
    s.created_at_ms = st.Int(2);
    s.expires_at_ms = st.Int(3);
    s.last_seen_at_ms = st.Int(4);
    return std::optional<SessionRow>(std::move(s));
  }

  Status TouchSession(const std::string& token_hash, int64_t last_seen_at_ms) override {
    std::lock_guard<std::mutex> lock(mu_);
    Result<SqliteStmt> st = db_.Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    if (!st) return st.error();
    st->Bind(1, last_seen_at_ms);
    st->Bind(2, std::string_view(token_hash));
    return st->Run();
  }

  Status DeleteSession(const std::string& token_hash) override {
    std::lock_guard<std::mutex> lock(mu_);
    Result<SqliteStmt> st = db_.Prepare("DELETE FROM sessions WHERE token_hash = ?");
    if (!st) return st.error();
    st->Bind(1, std::string_view(token_hash));
    return st->Run();
  }

  Status DeleteExpiredSessions(int64_t now_ms, int64_t idle_ms) override {
    std::lock_guard<std::mutex> lock(mu_);
    Result<SqliteStmt> st =
        db_.Prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?");
    if (!st) return st.error();
    st->Bind(1, now_ms);
    st->Bind(2, now_ms - idle_ms);
    return st->Run();
  }

  Status AppendAudit(const AuditEntry& e) override {
    std::lock_guard<std::mutex> lock(mu_);
    Result<SqliteStmt> st = db_.Prepare(
        "INSERT INTO audit_log (at, kind, actor, address, detail) VALUES (?, ?, ?, ?, ?)");
    if (!st) return st.error();
    st->Bind(1, e.at_ms);
    st->Bind(2, std::string_view(e.kind));
    st->Bind(3, std::string_view(e.actor));
    st->Bind(4, std::string_view(e.address));
    st->Bind(5, std::string_view(e.detail));
    return st->Run();
  }

  Result<std::vector<AuditEntry>> ListAudit(int64_t limit) override {
    std::lock_guard<std::mutex> lock(mu_);
    ASSIGN_OR_RETURN(SqliteStmt st,
                     db_.Prepare("SELECT seq, at, kind, actor, address, detail FROM audit_log "
                                 "ORDER BY seq DESC LIMIT ?"));
    st.Bind(1, limit);
    std::vector<AuditEntry> out;
    for (;;) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      AuditEntry e;
      e.seq = st.Int(0);
      e.at_ms = st.Int(1);
      e.kind = st.Text(2);
      e.actor = st.Text(3);
      e.address = st.Text(4);
      e.detail = st.Text(5);
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  // Commits after a successful body, else rolls back; returns the body's status.
  Status Finish(const Status& body) {
    if (body.ok()) {
      Status c = db_.Exec("COMMIT");
      if (c.ok()) return c;
      (void)db_.Exec("ROLLBACK");
      return c;
    }
    (void)db_.Exec("ROLLBACK");
    return body;
  }

  Result<int64_t> CountWhere(std::string_view sql, const std::string& value) {
    ASSIGN_OR_RETURN(SqliteStmt st, db_.Prepare(sql));
    st.Bind(1, std::string_view(value));
    ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? st.Int(0) : 0;
  }

  std::mutex mu_;
  SqliteDb db_;
};

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<AuthStore>> OpenSqliteAuthStore(const std::filesystem::path& path,
                                                       const StoreOptions& options) {
  {
    // Creates or migrates the file (schema version 2 holds these tables).
    ASSIGN_OR_RETURN(std::unique_ptr<Store> migrated, OpenSqliteStore(path, options));
  }
  ASSIGN_OR_RETURN(sqlite::SqliteDb db, sqlite::SqliteDb::Open(path, false));
  RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys=ON"));
  RETURN_IF_ERROR(db.Exec("PRAGMA synchronous=NORMAL"));
  return std::unique_ptr<AuthStore>(std::make_unique<sqlite::SqliteAuthStore>(std::move(db)));
}

}  // namespace sc
