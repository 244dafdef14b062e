// A small RAII wrapper of the SQLite C API: a connection and prepared
// statements, errors as Status. The only place besides sqlite_store.cc that
// sees sqlite3.h.
//
//   ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::Open(path, true));
//   RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL"));
//   ASSIGN_OR_RETURN(SqliteStmt st, db.Prepare("SELECT x FROM t WHERE y = ?"));
//   st.Bind(1, int64_t{5});
//   while (true) { ASSIGN_OR_RETURN(bool row, st.Step()); if (!row) break; ... }
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "base/status.h"

namespace sc::sqlite {

class SqliteStmt {
 public:
  SqliteStmt() = default;
  SqliteStmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStmt() { sqlite3_finalize(stmt_); }
  SqliteStmt(SqliteStmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  SqliteStmt& operator=(SqliteStmt&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(stmt_, o.stmt_);
    return *this;
  }

  // Parameters are 1-based. Text is bound without a copy: it must stay alive
  // until the next Step.
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  template <typename T>
  void Bind(int i, const std::optional<T>& v) {
    if (v) Bind(i, *v);
    else BindNull(i);
  }

  // Runs one step: true when a row is ready.
  Result<bool> Step();
  // Steps to completion (for statements without results) and resets.
  Status Run();
  void Reset() {
    sqlite3_reset(stmt_);
  }

  // Columns are 0-based.
  bool IsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  int64_t Int(int i) const { return sqlite3_column_int64(stmt_, i); }
  double Double(int i) const { return sqlite3_column_double(stmt_, i); }
  std::string_view Text(int i) const {
    const unsigned char* p = sqlite3_column_text(stmt_, i);
    return p == nullptr ? std::string_view()
                        : std::string_view(reinterpret_cast<const char*>(p),
                                           static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  static Result<SqliteDb> Open(const std::filesystem::path& path, bool create);
  SqliteDb() = default;
  ~SqliteDb() { sqlite3_close_v2(db_); }
  SqliteDb(SqliteDb&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  SqliteDb& operator=(SqliteDb&& o) noexcept {
    std::swap(db_, o.db_);
    std::swap(path_, o.path_);
    return *this;
  }

  // Runs one or more statements without parameters.
  Status Exec(const std::string& sql);
  Result<SqliteStmt> Prepare(std::string_view sql);
  // The first column of the first row of a query, or `fallback` with no row.
  Result<int64_t> QueryInt(std::string_view sql, int64_t fallback);
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// "FILE: sqlite: message" for the last error of `db`.
Status SqliteError(sqlite3* db, std::string_view what);

}  // namespace sc::sqlite
