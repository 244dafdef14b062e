// SQLite-specific behaviour: schema versions, WAL, file layout.
#include <sqlite3.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/testing/recording_sink.h"
#include "store/sqlite/schema.h"
#include "store/store.h"

namespace sc {
namespace {

using sc::testing::TempDir;

int64_t QueryInt(const std::filesystem::path& db, const char* sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

void Exec(const std::filesystem::path& db, const char* sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  sqlite3_close(h);
}

TEST(SqliteStore, NewDatabaseIsAtTheLatestSchemaVersionInWal) {
  TempDir dir;
  auto path = dir.path() / "s.db";
  ASSERT_TRUE(OpenSqliteStore(path).has_value());
  EXPECT_EQ(QueryInt(path, "SELECT version FROM schema_version"),
            sqlite::Migrations().back().version);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM schema_version"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_master WHERE name = 'activities'"), 1);
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(h);
}

TEST(SqliteStore, ReopeningDoesNotMigrateAgain) {
  TempDir dir;
  auto path = dir.path() / "s.db";
  ASSERT_TRUE(OpenSqliteStore(path).has_value());
  ASSERT_TRUE(OpenSqliteStore(path).has_value());
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM schema_version"), 1);
}

TEST(SqliteStore, NewerSchemaIsRefused) {
  TempDir dir;
  auto path = dir.path() / "s.db";
  ASSERT_TRUE(OpenSqliteStore(path).has_value());
  Exec(path, "UPDATE schema_version SET version = 999");
  auto s = OpenSqliteStore(path);
  ASSERT_FALSE(s.has_value());
  EXPECT_THAT(s.error().message(), ::testing::HasSubstr("schema version 999 is newer"));
}

TEST(SqliteStore, MissingFileWithoutCreateIsAnError) {
  TempDir dir;
  StoreOptions options;
  options.create_if_missing = false;
  EXPECT_FALSE(OpenSqliteStore(dir.path() / "none.db", options).has_value());
}

TEST(SqliteStore, ValuesAreStoredInDocumentedUnits) {
  TempDir dir;
  auto path = dir.path() / "s.db";
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.has_value());
  auto tx = (*store)->BeginImport();
  ASSERT_TRUE(tx.has_value());
  OpportunityRecord o{"o1", "a1", "u1", "", "", 12345, "S", std::nullopt,
                      *ParseInstant("1970-01-02T00:00:00.5Z"), *ParseDate("1970-01-11")};
  ASSERT_TRUE((*tx)->OnSettings(Settings{}).ok());
  ASSERT_TRUE((*tx)->OnOpportunity(o).ok());
  ASSERT_TRUE((*tx)->Commit("x").ok());
  EXPECT_EQ(QueryInt(path, "SELECT amount FROM opportunities"), 12345);          // cents
  EXPECT_EQ(QueryInt(path, "SELECT created_at FROM opportunities"), 86400500);  // ms
  EXPECT_EQ(QueryInt(path, "SELECT close_date FROM opportunities"), 10);        // days
  EXPECT_EQ(QueryInt(path, "SELECT forecast_category IS NULL FROM opportunities"), 1);
}

}  // namespace
}  // namespace sc
