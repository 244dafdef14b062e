// The sign-in side of the store (issue 8): application accounts, sessions and
// the audit log, in the same database file as the data set (schema version 2)
// but untouched by imports. It stores what it is given: hashing passwords and
// session tokens is the caller's job (app/auth_service.h), so this interface
// never sees a password or a raw token.
//
//   ASSIGN_OR_RETURN(auto auth, OpenSqliteAuthStore("scorecards.db"));
//   ASSIGN_OR_RETURN(int64_t id, auth->AddAccount({.email = "a@x.com", ...}));
//   RETURN_IF_ERROR(auth->AppendAudit({.kind = "sign_in_ok", ...}));
//
// Thread-safe: every call takes the store's lock (one SQLite connection).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace sc {

struct AppAccount {
  int64_t id = 0;
  std::string email;          // lower-case
  std::string password_hash;  // an Argon2id string; never leaves the server
  std::string role;           // "admin" or "person"
  std::string linked_user_id; // the data set's user at the last sign-in, or ""
  int64_t created_at_ms = 0;
  int64_t password_changed_at_ms = 0;
};

struct SessionRow {
  std::string token_hash;  // hex of a hash of the token; the token itself is not stored
  int64_t account_id = 0;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;  // absolute expiry
  int64_t last_seen_at_ms = 0;
};

struct AuditEntry {
  int64_t seq = 0;  // set by the store
  int64_t at_ms = 0;
  std::string kind;     // sign_in_ok, sign_in_failed, sign_out, import, users_add, ...
  std::string actor;    // an email, or "cli:<user>"
  std::string address;  // the client address, or "local"
  std::string detail;
};

class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // AlreadyExists when the email is taken. Returns the new id.
  virtual Result<int64_t> AddAccount(const AppAccount& account) = 0;
  virtual Result<std::optional<AppAccount>> FindAccountByEmail(const std::string& email) = 0;
  virtual Result<std::optional<AppAccount>> FindAccountById(int64_t id) = 0;
  virtual Result<std::vector<AppAccount>> ListAccounts() = 0;
  // NotFound when no such account. Also ends every session of the account.
  virtual Status SetPasswordHash(const std::string& email, const std::string& hash,
                                 int64_t changed_at_ms) = 0;
  virtual Status SetLinkedUser(int64_t account_id, const std::string& user_id) = 0;
  // NotFound when no such account; its sessions go with it.
  virtual Status RemoveAccount(const std::string& email) = 0;
  virtual Result<int64_t> CountAdmins() = 0;

  virtual Status CreateSession(const SessionRow& session) = 0;
  virtual Result<std::optional<SessionRow>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(const std::string& token_hash, int64_t last_seen_at_ms) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Deletes sessions past their absolute expiry or idle longer than idle_ms.
  virtual Status DeleteExpiredSessions(int64_t now_ms, int64_t idle_ms) = 0;

  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // The newest `limit` entries, newest first.
  virtual Result<std::vector<AuditEntry>> ListAudit(int64_t limit) = 0;
};

// Opens (creating and migrating if needed) the database at `path` for its
// sign-in tables. A second connection beside any OpenSqliteStore one.
Result<std::unique_ptr<AuthStore>> OpenSqliteAuthStore(const std::filesystem::path& path,
                                                       const StoreOptions& options = StoreOptions{});

}  // namespace sc
