#include "store/sqlite/sqlite_db.h"

namespace sc::sqlite {

Status SqliteError(sqlite3* db, std::string_view what) {
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  std::string msg = std::string(file != nullptr && *file ? file : "database") + ": " +
                    std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory");
  return IoError(std::move(msg));
}

Result<bool> SqliteStmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = SqliteError(db_, sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "step");
  sqlite3_reset(stmt_);
  return Err(std::move(s));
}

Status SqliteStmt::Run() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
    sqlite3_reset(stmt_);
    return Status::Ok();
  }
  Status s = SqliteError(db_, sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "step");
  sqlite3_reset(stmt_);
  return s;
}

Result<SqliteDb> SqliteDb::Open(const std::filesystem::path& path, bool create) {
  SqliteDb db;
  db.path_ = path.string();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(db.path_.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.path_ + ": cannot open database: " +
                      (db.db_ != nullptr ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc));
    return Err(IoError(std::move(msg)));
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, 5000);
  return db;
}

Status SqliteDb::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = path_ + ": " + (err != nullptr ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    return IoError(std::move(msg));
  }
  return Status::Ok();
}

Result<SqliteStmt> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Err(SqliteError(db_, "prepare " + std::string(sql)));
  return SqliteStmt(db_, stmt);
}

Result<int64_t> SqliteDb::QueryInt(std::string_view sql, int64_t fallback) {
  ASSIGN_OR_RETURN(SqliteStmt st, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row && !st.IsNull(0) ? st.Int(0) : fallback;
}

}  // namespace sc::sqlite
