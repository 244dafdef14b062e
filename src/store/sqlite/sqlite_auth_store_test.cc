// The sign-in tables of schema version 2: accounts, sessions, audit; a
// version-1 file gains them; an import leaves them alone.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "ingest/testing/recording_sink.h"
#include "store/auth_store.h"
#include "store/sqlite/schema.h"
#include "store/store.h"

namespace sc {
namespace {

using sc::testing::TempDir;

AppAccount Account(const std::string& email, const std::string& role) {
  AppAccount a;
  a.email = email;
  a.password_hash = "$argon2id$v=19$m=8,t=1,p=1$fake";
  a.role = role;
  a.created_at_ms = a.password_changed_at_ms = 1000;
  return a;
}

TEST(SqliteAuthStore, AccountsSessionsAndAudit) {
  TempDir dir;
  auto auth = OpenSqliteAuthStore(dir.path() / "a.db");
  ASSERT_TRUE(auth.has_value()) << auth.error().ToString();
  AuthStore& s = **auth;
  Result<int64_t> id = s.AddAccount(Account("ann@example.com", "person"));
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(s.AddAccount(Account("ann@example.com", "admin")).error().code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(s.AddAccount(Account("root@localhost", "admin")).has_value());
  EXPECT_EQ(*s.CountAdmins(), 1);
  EXPECT_EQ(s.ListAccounts()->size(), 2u);

  ASSERT_TRUE(s.CreateSession({"h1", *id, 10, 1000, 10}).ok());
  ASSERT_TRUE(s.CreateSession({"h2", *id, 10, 1000, 10}).ok());
  ASSERT_TRUE((*s.FindSession("h1")).has_value());
  ASSERT_TRUE(s.TouchSession("h1", 500).ok());
  EXPECT_EQ((*s.FindSession("h1"))->last_seen_at_ms, 500);
  // Idle past 100 ms at t=550: h2 (last seen 10) goes, h1 (500) stays.
  ASSERT_TRUE(s.DeleteExpiredSessions(550, 100).ok());
  EXPECT_FALSE((*s.FindSession("h2")).has_value());
  EXPECT_TRUE((*s.FindSession("h1")).has_value());
  // A new password ends the sessions.
  ASSERT_TRUE(s.SetPasswordHash("ann@example.com", "$argon2id$new", 2000).ok());
  EXPECT_FALSE((*s.FindSession("h1")).has_value());
  EXPECT_EQ((*s.FindAccountByEmail("ann@example.com"))->password_hash, "$argon2id$new");
  EXPECT_EQ(s.SetPasswordHash("nobody@example.com", "x", 1).code(), StatusCode::kNotFound);
  ASSERT_TRUE(s.CreateSession({"h3", *id, 10, 1000, 10}).ok());
  ASSERT_TRUE(s.RemoveAccount("ann@example.com").ok());
  EXPECT_FALSE((*s.FindSession("h3")).has_value());
  EXPECT_EQ(s.RemoveAccount("ann@example.com").code(), StatusCode::kNotFound);

  ASSERT_TRUE(s.AppendAudit({0, 1, "sign_in_ok", "a@x", "127.0.0.1", ""}).ok());
  ASSERT_TRUE(s.AppendAudit({0, 2, "import", "cli:me", "local", "ok"}).ok());
  Result<std::vector<AuditEntry>> log = s.ListAudit(1);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].kind, "import");  // newest first
}

TEST(SqliteAuthStore, ImportLeavesAccountsAlone) {
  TempDir dir;
  auto path = dir.path() / "a.db";
  auto auth = OpenSqliteAuthStore(path);
  ASSERT_TRUE(auth.has_value());
  ASSERT_TRUE((*auth)->AddAccount(Account("ann@example.com", "person")).has_value());
  for (const char* table : sqlite::DataTables()) {
    EXPECT_NE(std::string(table), "app_accounts");
    EXPECT_NE(std::string(table), "sessions");
    EXPECT_NE(std::string(table), "audit_log");
  }
  auto store = OpenSqliteStore(path);
  ASSERT_TRUE(store.has_value());
  {
    auto tx = (*store)->BeginImport();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE((*tx)->Commit("test").ok());
  }
  EXPECT_TRUE((*(*auth)->FindAccountByEmail("ann@example.com")).has_value());
}

}  // namespace
}  // namespace sc
