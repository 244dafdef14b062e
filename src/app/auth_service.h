// Sign-in use cases (issue 8), shared by the CLI (`scorecards users`,
// `scorecards audit`) and the HTTP API: application accounts with Argon2id
// password hashes, server-side sessions behind random 256-bit tokens (only
// their hashes are stored), sign-in rate limits, and the audit log.
//
//   ASSIGN_OR_RETURN(auto auth, AuthService::Open("scorecards.db", AuthOptions{}));
//   RETURN_IF_ERROR(auth->AddAccount("ann@example.com", "person", password, "cli:root"));
//   ASSIGN_OR_RETURN(SignInResult s, auth->SignIn(email, password, "127.0.0.1", resolve, &retry));
//   ASSIGN_OR_RETURN(Principal who, auth->Authenticate(s.token));
//
// Thread-safe. Password hashes never leave this class: AccountSummary has none.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/passwords.h"
#include "base/status.h"
#include "store/auth_store.h"

namespace sc {

struct AuthOptions {
  PasswordCost cost = InteractiveCost();
  size_t min_password_chars = 10;
  size_t max_password_chars = 1024;
  int64_t idle_timeout_ms = int64_t{12} * 3600 * 1000;          // 12 h without a request
  int64_t absolute_timeout_ms = int64_t{7} * 24 * 3600 * 1000;  // 7 days after sign-in
  int64_t touch_interval_ms = 60 * 1000;  // last_seen is written at most this often
  int max_failures = 5;                   // per address and per account in the window
  int64_t failure_window_ms = int64_t{15} * 60 * 1000;
  int max_concurrent_hashes = 4;          // each Argon2id hash holds memlimit bytes
  // Milliseconds since the epoch; empty = the system clock. Tests set a fake clock.
  std::function<int64_t()> now_ms;
};

// A signed-in caller.
struct Principal {
  int64_t account_id = 0;
  std::string email;
  std::string role;  // "admin" or "person"
  bool admin() const { return role == "admin"; }
};

struct SignInResult {
  std::string token;  // the cookie value; shown once, stored only as a hash
  Principal principal;
  int64_t expires_at_ms = 0;
};

// What `users list` shows: everything but the hash.
struct AccountSummary {
  std::string email;
  std::string role;
  std::string linked_user_id;
  int64_t created_at_ms = 0;
  int64_t password_changed_at_ms = 0;
};

// Lower-cased, trimmed email if it looks like one (an '@', no spaces or
// control characters, at most 254 bytes); else std::nullopt.
std::optional<std::string> NormalizeEmail(std::string_view email);

class AuthService {
 public:
  static Result<std::unique_ptr<AuthService>> Open(const std::filesystem::path& db,
                                                   AuthOptions options = AuthOptions{});
  static Result<std::unique_ptr<AuthService>> Create(std::unique_ptr<AuthStore> store,
                                                     AuthOptions options);

  // Account management. `actor` is who asks (audit), e.g. "cli:root".
  // InvalidArgument for a bad email, role or too short a password;
  // AlreadyExists / NotFound as the store says.
  Status AddAccount(std::string_view email, std::string_view role, std::string_view password,
                    std::string_view actor);
  // Also ends the account's sessions.
  Status ResetPassword(std::string_view email, std::string_view password, std::string_view actor);
  Status RemoveAccount(std::string_view email, std::string_view actor);
  Result<std::vector<AccountSummary>> ListAccounts();
  // With no admin account yet, creates `email` as admin with a random
  // password and returns the password (to be shown once); else nullopt.
  Result<std::optional<std::string>> EnsureAdmin(std::string_view email, std::string_view actor);

  // Maps a person account's email to the data set user it stands for, or
  // nullopt when the data set has no such person.
  using PersonResolver = std::function<std::optional<std::string>(const std::string& email)>;

  // Checks the password and opens a session. Every failure — unknown email,
  // wrong password, a person account with no match in the data set — is the
  // same Unauthenticated error after the same work (a full Argon2id verify).
  // ResourceExhausted when the address or the account has had max_failures
  // failures within the window; *retry_after_s then says when to retry.
  Result<SignInResult> SignIn(std::string_view email, std::string_view password,
                              std::string_view address, const PersonResolver& resolve,
                              int64_t* retry_after_s);
  // Ends the session of `token` (no error when there is none).
  Status SignOut(std::string_view token, std::string_view address);
  // The caller of a session token; Unauthenticated when the token is unknown,
  // malformed, idle too long or past its absolute expiry.
  Result<Principal> Authenticate(std::string_view token);

  Status Audit(std::string_view kind, std::string_view actor, std::string_view address,
               std::string_view detail);
  Result<std::vector<AuditEntry>> ListAudit(int64_t limit);

  const AuthOptions& options() const { return options_; }
  int64_t NowMs() const;

  AuthService(std::unique_ptr<AuthStore> store, AuthOptions options, std::string dummy_hash);

 private:
  // Rate limiting: failure times per key ("a:" address, "e:" email).
  int64_t RetryAfterMs(const std::string& key, int64_t now);
  void RecordFailure(const std::string& key, int64_t now);
  // Holds one of max_concurrent_hashes slots around a hash or verify.
  class HashSlot;

  std::unique_ptr<AuthStore> store_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified against for unknown emails

  std::mutex limits_mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_;

  std::mutex slots_mu_;
  std::condition_variable slots_cv_;
  int slots_in_use_ = 0;
};

}  // namespace sc
