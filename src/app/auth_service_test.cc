// AuthService: accounts, passwords, sessions (idle and absolute expiry, on a
// fake clock), rate limits, equal answers for unknown emails and wrong
// passwords, and the audit rows — at libsodium's minimum cost to stay fast.
#include "app/auth_service.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include <gtest/gtest.h>

namespace sc {
namespace {

namespace fs = std::filesystem;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sc-auth-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    AuthOptions o;
    o.cost = MinimumCost();
    o.idle_timeout_ms = 1000;
    o.absolute_timeout_ms = 5000;
    o.touch_interval_ms = 0;
    o.max_failures = 3;
    o.failure_window_ms = 10000;
    o.now_ms = [this] { return now_.load(); };
    auto auth = AuthService::Open(dir_ / "a.db", o);
    ASSERT_TRUE(auth.has_value()) << auth.error().ToString();
    auth_ = std::move(*auth);
  }
  void TearDown() override {
    auth_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Result<SignInResult> SignIn(const std::string& email, const std::string& password,
                              const std::string& addr = "10.0.0.1") {
    return auth_->SignIn(email, password, addr, resolve_, &retry_);
  }

  fs::path dir_;
  std::atomic<int64_t> now_{1'000'000};
  std::unique_ptr<AuthService> auth_;
  int64_t retry_ = 0;
  AuthService::PersonResolver resolve_ = [](const std::string& email) -> std::optional<std::string> {
    if (email == "ann@example.com") return std::string("u7");
    return std::nullopt;
  };
};

TEST_F(AuthServiceTest, PasswordRulesAndNoHashInTheList) {
  EXPECT_EQ(auth_->AddAccount("ann@example.com", "person", "short", "t").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(auth_->AddAccount("not-an-email", "person", "long enough pw", "t").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(auth_->AddAccount("a@b.c", "root", "long enough pw", "t").code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(auth_->AddAccount(" Ann@Example.COM ", "person", "long enough pw", "t").ok());
  EXPECT_EQ(auth_->AddAccount("ann@example.com", "person", "long enough pw", "t").code(),
            StatusCode::kAlreadyExists);
  auto list = auth_->ListAccounts();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].email, "ann@example.com");
}

TEST_F(AuthServiceTest, SignInSessionsExpireIdleAndAbsolute) {
  ASSERT_TRUE(auth_->AddAccount("ann@example.com", "person", "long enough pw", "t").ok());
  auto s = SignIn("ANN@example.com", "long enough pw");
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(s->token.size(), 64u);
  auto who = auth_->Authenticate(s->token);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->email, "ann@example.com");
  EXPECT_FALSE(who->admin());
  // Touched every 900 ms: alive past the idle timeout, dead at the absolute one.
  for (int i = 0; i < 5; ++i) {
    now_ += 900;
    EXPECT_TRUE(auth_->Authenticate(s->token).has_value()) << i;
  }
  now_ += 600;  // 5.1 s after sign-in
  EXPECT_EQ(auth_->Authenticate(s->token).error().code(), StatusCode::kUnauthenticated);

  auto s2 = SignIn("ann@example.com", "long enough pw");
  ASSERT_TRUE(s2.has_value());
  now_ += 1000;  // idle for the whole idle timeout
  EXPECT_FALSE(auth_->Authenticate(s2->token).has_value());

  auto s3 = SignIn("ann@example.com", "long enough pw");
  ASSERT_TRUE(s3.has_value());
  ASSERT_TRUE(auth_->SignOut(s3->token, "10.0.0.1").ok());
  EXPECT_FALSE(auth_->Authenticate(s3->token).has_value());
  EXPECT_FALSE(auth_->Authenticate("").has_value());
  EXPECT_FALSE(auth_->Authenticate("zz").has_value());
  EXPECT_FALSE(auth_->Authenticate(std::string(64, 'a')).has_value());
}

TEST_F(AuthServiceTest, ResetAndRemoveEndSessions) {
  ASSERT_TRUE(auth_->AddAccount("ann@example.com", "person", "long enough pw", "t").ok());
  auto s = SignIn("ann@example.com", "long enough pw");
  ASSERT_TRUE(s.has_value());
  ASSERT_TRUE(auth_->ResetPassword("ann@example.com", "another long pw", "t").ok());
  EXPECT_FALSE(auth_->Authenticate(s->token).has_value());
  EXPECT_FALSE(SignIn("ann@example.com", "long enough pw").has_value());
  auto s2 = SignIn("ann@example.com", "another long pw");
  ASSERT_TRUE(s2.has_value());
  ASSERT_TRUE(auth_->RemoveAccount("ann@example.com", "t").ok());
  EXPECT_FALSE(auth_->Authenticate(s2->token).has_value());
}

TEST_F(AuthServiceTest, UnknownEmailWrongPasswordAndUnlinkedPersonLookAlike) {
  ASSERT_TRUE(auth_->AddAccount("ann@example.com", "person", "long enough pw", "t").ok());
  ASSERT_TRUE(auth_->AddAccount("bob@example.com", "person", "long enough pw", "t").ok());
  auto a = SignIn("nobody@example.com", "long enough pw", "10.0.0.2");
  auto b = SignIn("ann@example.com", "wrong password", "10.0.0.3");
  auto c = SignIn("bob@example.com", "long enough pw", "10.0.0.4");  // not in the data set
  ASSERT_FALSE(a || b || c);
  EXPECT_EQ(a.error().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(a.error().ToString(), b.error().ToString());
  EXPECT_EQ(a.error().ToString(), c.error().ToString());
}

TEST_F(AuthServiceTest, RateLimitsPerAccountAndPerAddress) {
  ASSERT_TRUE(auth_->AddAccount("ann@example.com", "person", "long enough pw", "t").ok());
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(SignIn("ann@example.com", "nope nope nope", "10.0.1." + std::to_string(i)));
  // The account is locked from any address, even with the right password.
  auto locked = SignIn("ann@example.com", "long enough pw", "10.0.9.9");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code(), StatusCode::kResourceExhausted);
  EXPECT_GT(retry_, 0);
  EXPECT_LE(retry_, 10);
  now_ += 10001;
  EXPECT_TRUE(SignIn("ann@example.com", "long enough pw", "10.0.9.9").has_value());

  // One address guessing at many accounts.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(SignIn("x" + std::to_string(i) + "@example.com", "pw pw pw pw", "10.0.2.1"));
  auto by_address = SignIn("ann@example.com", "long enough pw", "10.0.2.1");
  ASSERT_FALSE(by_address);
  EXPECT_EQ(by_address.error().code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(SignIn("ann@example.com", "long enough pw", "10.0.2.2").has_value());
}

TEST_F(AuthServiceTest, FirstAdminAndAudit) {
  auto first = auth_->EnsureAdmin("admin@localhost", "serve");
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(first->has_value());
  EXPECT_GE((*first)->size(), 20u);
  auto again = auth_->EnsureAdmin("admin@localhost", "serve");
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->has_value());
  auto s = SignIn("admin@localhost", **first);
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->principal.admin());
  EXPECT_FALSE(SignIn("admin@localhost", "wrong wrong wrong"));
  auto log = auth_->ListAudit(10);
  ASSERT_TRUE(log.has_value());
  ASSERT_GE(log->size(), 3u);
  EXPECT_EQ((*log)[0].kind, "sign_in_failed");
  EXPECT_EQ((*log)[1].kind, "sign_in_ok");
  EXPECT_EQ((*log)[2].kind, "users_add");
  for (const AuditEntry& e : *log) EXPECT_EQ(e.detail.find("$argon2"), std::string::npos);
}

TEST(Passwords, HashesAreArgon2idAndTokensRandom) {
  auto h = HashPassword("correct horse battery", MinimumCost());
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterx"));
  EXPECT_FALSE(VerifyPassword("garbage", "x"));
  EXPECT_NE(RandomHex(32), RandomHex(32));
  EXPECT_EQ(TokenHash("abc"), TokenHash("abc"));
  EXPECT_EQ(TokenHash("abc").size(), 64u);
  EXPECT_EQ(InteractiveCost().memlimit, size_t{64} << 20);  // the product default
}

}  // namespace
}  // namespace sc
