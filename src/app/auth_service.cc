#include "app/auth_service.h"

#include <algorithm>
#include <chrono>

#include "base/strings.h"

namespace sc {
namespace {

constexpr size_t kMaxEmailBytes = 254;
constexpr size_t kMaxTrackedKeys = 100000;  // rate-limit keys kept in memory

bool IsHexToken(std::string_view t) {
  return t.size() == 64 && std::all_of(t.begin(), t.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Printable, bounded text for the audit log.
std::string AuditText(std::string_view text, size_t max = 254) {
  std::string out;
  for (char c : text.substr(0, std::min(text.size(), max))) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u == 0x7f ? '?' : c);
  }
  return out;
}

}  // namespace

std::optional<std::string> NormalizeEmail(std::string_view email) {
  std::string e = ToLower(Trim(email));
  if (e.empty() || e.size() > kMaxEmailBytes) return std::nullopt;
  size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == e.size() ||
      e.find('@', at + 1) != std::string::npos) {
    return std::nullopt;
  }
  for (char c : e) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return std::nullopt;
  }
  return e;
}

class AuthService::HashSlot {
 public:
  explicit HashSlot(AuthService& s) : s_(s) {
    std::unique_lock<std::mutex> lock(s_.slots_mu_);
    int max = std::max(1, s_.options_.max_concurrent_hashes);
    s_.slots_cv_.wait(lock, [&] { return s_.slots_in_use_ < max; });
    ++s_.slots_in_use_;
  }
  ~HashSlot() {
    {
      std::lock_guard<std::mutex> lock(s_.slots_mu_);
      --s_.slots_in_use_;
    }
    s_.slots_cv_.notify_one();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  AuthService& s_;
};

AuthService::AuthService(std::unique_ptr<AuthStore> store, AuthOptions options,
                         std::string dummy_hash)
    : store_(std::move(store)), options_(std::move(options)), dummy_hash_(std::move(dummy_hash)) {}

Result<std::unique_ptr<AuthService>> AuthService::Open(const std::filesystem::path& db,
                                                       AuthOptions options) {
  ASSIGN_OR_RETURN(std::unique_ptr<AuthStore> store, OpenSqliteAuthStore(db));
  return Create(std::move(store), std::move(options));
}

Result<std::unique_ptr<AuthService>> AuthService::Create(std::unique_ptr<AuthStore> store,
                                                         AuthOptions options) {
  // A hash of a random password at the configured cost: unknown emails are
  // verified against it so that they take as long as known ones.
  ASSIGN_OR_RETURN(std::string dummy, HashPassword(RandomPassword(24), options.cost));
  return std::make_unique<AuthService>(std::move(store), std::move(options), std::move(dummy));
}

int64_t AuthService::NowMs() const {
  if (options_.now_ms) return options_.now_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status AuthService::AddAccount(std::string_view email, std::string_view role,
                               std::string_view password, std::string_view actor) {
  std::optional<std::string> e = NormalizeEmail(email);
  if (!e) return InvalidArgument("not an email address: '" + AuditText(email, 64) + "'");
  if (role != "admin" && role != "person") {
    return InvalidArgument("role must be admin or person, not '" + AuditText(role, 32) + "'");
  }
  if (password.size() < options_.min_password_chars) {
    return InvalidArgument("the password is too short (at least " +
                           std::to_string(options_.min_password_chars) + " characters)");
  }
  if (password.size() > options_.max_password_chars) {
    return InvalidArgument("the password is too long (at most " +
                           std::to_string(options_.max_password_chars) + " bytes)");
  }
  std::string hash;
  {
    HashSlot slot(*this);
    ASSIGN_OR_RETURN(hash, HashPassword(password, options_.cost));
  }
  AppAccount a;
  a.email = *e;
  a.password_hash = std::move(hash);
  a.role = std::string(role);
  a.created_at_ms = a.password_changed_at_ms = NowMs();
  ASSIGN_OR_RETURN(int64_t id, store_->AddAccount(a));
  (void)id;
  (void)Audit("users_add", actor, "local", *e + " (" + a.role + ")");
  return Status::Ok();
}

Status AuthService::ResetPassword(std::string_view email, std::string_view password,
                                  std::string_view actor) {
  std::optional<std::string> e = NormalizeEmail(email);
  if (!e) return InvalidArgument("not an email address: '" + AuditText(email, 64) + "'");
  if (password.size() < options_.min_password_chars) {
    return InvalidArgument("the password is too short (at least " +
                           std::to_string(options_.min_password_chars) + " characters)");
  }
  if (password.size() > options_.max_password_chars) {
    return InvalidArgument("the password is too long (at most " +
                           std::to_string(options_.max_password_chars) + " bytes)");
  }
  std::string hash;
  {
    HashSlot slot(*this);
    ASSIGN_OR_RETURN(hash, HashPassword(password, options_.cost));
  }
  Status s = store_->SetPasswordHash(*e, hash, NowMs());
  if (!s.ok()) return s;
  (void)Audit("users_reset", actor, "local", *e);
  return Status::Ok();
}

Status AuthService::RemoveAccount(std::string_view email, std::string_view actor) {
  std::optional<std::string> e = NormalizeEmail(email);
  if (!e) return InvalidArgument("not an email address: '" + AuditText(email, 64) + "'");
  Status s = store_->RemoveAccount(*e);
  if (!s.ok()) return s;
  (void)Audit("users_remove", actor, "local", *e);
  return Status::Ok();
}

Result<std::vector<AccountSummary>> AuthService::ListAccounts() {
  ASSIGN_OR_RETURN(std::vector<AppAccount> all, store_->ListAccounts());
  std::vector<AccountSummary> out;
  out.reserve(all.size());
  for (const AppAccount& a : all) {
    out.push_back({a.email, a.role, a.linked_user_id, a.created_at_ms, a.password_changed_at_ms});
  }
  return out;
}

Result<std::optional<std::string>> AuthService::EnsureAdmin(std::string_view email,
                                                            std::string_view actor) {
  ASSIGN_OR_RETURN(int64_t admins, store_->CountAdmins());
  if (admins > 0) return std::optional<std::string>();
  std::string password = RandomPassword(20);
  RETURN_IF_ERROR(AddAccount(email, "admin", password, actor));
  return std::optional<std::string>(std::move(password));
}

int64_t AuthService::RetryAfterMs(const std::string& key, int64_t now) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  std::deque<int64_t>& times = it->second;
  while (!times.empty() && times.front() <= now - options_.failure_window_ms) times.pop_front();
  if (times.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int64_t>(times.size()) < options_.max_failures) return 0;
  // Allowed again once the oldest counted failure leaves the window.
  size_t oldest = times.size() - static_cast<size_t>(options_.max_failures);
  return std::max<int64_t>(1, times[oldest] + options_.failure_window_ms - now);
}

void AuthService::RecordFailure(const std::string& key, int64_t now) {
  if (failures_.size() >= kMaxTrackedKeys) {
    // Forget keys whose failures have all left the window.
    for (auto it = failures_.begin(); it != failures_.end();) {
      if (it->second.empty() || it->second.back() <= now - options_.failure_window_ms) {
        it = failures_.erase(it);
      } else {
        ++it;
      }
    }
  }
  std::deque<int64_t>& times = failures_[key];
  times.push_back(now);
  while (static_cast<int64_t>(times.size()) > std::max(1, options_.max_failures) * 2) {
    times.pop_front();
  }
}

Result<SignInResult> AuthService::SignIn(std::string_view email, std::string_view password,
                                         std::string_view address, const PersonResolver& resolve,
                                         int64_t* retry_after_s) {
  const std::string kWrong = "wrong email or password";
  std::optional<std::string> normalized = NormalizeEmail(email);
  std::string actor = normalized ? *normalized : AuditText(email);
  std::string addr = AuditText(address, 64);
  const std::string address_key = "a:" + addr;
  const std::string account_key = "e:" + actor;
  int64_t now = NowMs();
  {
    std::lock_guard<std::mutex> lock(limits_mu_);
    int64_t wait = std::max(RetryAfterMs(address_key, now), RetryAfterMs(account_key, now));
    if (wait > 0) {
      if (retry_after_s) *retry_after_s = (wait + 999) / 1000;
      (void)Audit("sign_in_failed", actor, addr, "rate limited");
      return Err(ResourceExhausted("too many failed sign-ins; try again in " +
                                   std::to_string((wait + 999) / 1000) + " seconds"));
    }
    // Counted as a failure until it succeeds: parallel attempts cannot slip
    // past the limit while their hashes run.
    RecordFailure(address_key, now);
    RecordFailure(account_key, now);
  }

  std::optional<AppAccount> account;
  if (normalized) {
    Result<std::optional<AppAccount>> found = store_->FindAccountByEmail(*normalized);
    if (!found) return Err(found.error());
    account = std::move(*found);
  }
  bool password_ok;
  {
    HashSlot slot(*this);
    // Unknown emails verify against the dummy hash: the same work, the same answer.
    password_ok = VerifyPassword(account ? account->password_hash : dummy_hash_, password) &&
                  account.has_value();
  }
  std::string why = !account ? "unknown email" : !password_ok ? "wrong password" : "";
  std::optional<std::string> linked;
  if (password_ok && account->role == "person") {
    linked = resolve ? resolve(account->email) : std::nullopt;
    if (!linked) why = "no person with this email in the data set";
  }
  if (!why.empty()) {
    (void)Audit("sign_in_failed", actor, addr, why);
    return Err(Unauthenticated(kWrong));
  }
  {
    std::lock_guard<std::mutex> lock(limits_mu_);
    failures_.erase(account_key);
    // Take back this attempt's provisional failure of the address.
    auto it = failures_.find(address_key);
    if (it != failures_.end()) {
      auto pos = std::find(it->second.begin(), it->second.end(), now);
      if (pos != it->second.end()) it->second.erase(pos);
    }
  }
  if (linked) (void)store_->SetLinkedUser(account->id, *linked);
  (void)store_->DeleteExpiredSessions(now, options_.idle_timeout_ms);

  SignInResult result;
  result.token = RandomHex(32);
  result.principal = {account->id, account->email, account->role};
  result.expires_at_ms = now + options_.absolute_timeout_ms;
  SessionRow row{TokenHash(result.token), account->id, now, result.expires_at_ms, now};
  RETURN_IF_ERROR(store_->CreateSession(row));
  (void)Audit("sign_in_ok", account->email, addr,
              account->role + (linked ? " as user " + *linked : std::string()));
  return result;
}

Status AuthService::SignOut(std::string_view token, std::string_view address) {
  if (!IsHexToken(token)) return Status::Ok();
  std::string hash = TokenHash(token);
  Result<std::optional<SessionRow>> session = store_->FindSession(hash);
  if (!session) return session.error();
  if (!*session) return Status::Ok();
  std::string who;
  Result<std::optional<AppAccount>> account = store_->FindAccountById((*session)->account_id);
  if (account && *account) who = (*account)->email;
  RETURN_IF_ERROR(store_->DeleteSession(hash));
  (void)Audit("sign_out", who, AuditText(address, 64), "");
  return Status::Ok();
}

Result<Principal> AuthService::Authenticate(std::string_view token) {
  if (token.empty()) return Err(Unauthenticated("sign in first"));
  if (!IsHexToken(token)) return Err(Unauthenticated("sign in again (unknown session)"));
  std::string hash = TokenHash(token);
  ASSIGN_OR_RETURN(std::optional<SessionRow> session, store_->FindSession(hash));
  if (!session) return Err(Unauthenticated("sign in again (unknown or ended session)"));
  int64_t now = NowMs();
  if (now >= session->expires_at_ms || now - session->last_seen_at_ms >= options_.idle_timeout_ms) {
    (void)store_->DeleteSession(hash);
    return Err(Unauthenticated("sign in again (session expired)"));
  }
  ASSIGN_OR_RETURN(std::optional<AppAccount> account, store_->FindAccountById(session->account_id));
  if (!account) {
    (void)store_->DeleteSession(hash);
    return Err(Unauthenticated("sign in again (account removed)"));
  }
  if (now - session->last_seen_at_ms >= options_.touch_interval_ms) {
    // Best effort: a busy database (an import) only delays the idle clock.
    (void)store_->TouchSession(hash, now);
  }
  return Principal{account->id, account->email, account->role};
}

Status AuthService::Audit(std::string_view kind, std::string_view actor, std::string_view address,
                          std::string_view detail) {
  AuditEntry e;
  e.at_ms = NowMs();
  e.kind = std::string(kind);
  e.actor = AuditText(actor);
  e.address = AuditText(address, 64);
  e.detail = AuditText(detail, 1000);
  return store_->AppendAudit(e);
}

Result<std::vector<AuditEntry>> AuthService::ListAudit(int64_t limit) {
  return store_->ListAudit(std::max<int64_t>(1, limit));
}

}  // namespace sc
