// `scorecards users add/list/reset/remove`, `scorecards audit` and the first
// `serve` of a database without an admin, end to end through the binary.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/auth_service.h"

namespace sc {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct CmdResult {
  int code = -1;
  std::string out;
};

// Runs a shell command, returns its exit code and stdout+stderr.
CmdResult Sh(const std::string& cmd) {
  CmdResult r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class CliAuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sc-cli-auth-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    db_ = (dir_ / "s.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  CmdResult Cli(const std::string& args, const std::string& stdin_text = "") const {
    std::string cmd = std::string(SC_SCORECARDS_BIN) + " " + args + " --db " + db_;
    if (!stdin_text.empty()) cmd = "printf '%s\\n' '" + stdin_text + "' | " + cmd;
    return Sh(cmd);
  }
  fs::path dir_;
  std::string db_;
};

TEST_F(CliAuthTest, UsersAddListResetRemoveAndAudit) {
  CmdResult add = Cli("users add --email Ann@Example.com --password-stdin", "a long password");
  EXPECT_EQ(add.code, 0) << add.out;
  EXPECT_THAT(add.out, HasSubstr("added ann@example.com (person)"));
  CmdResult admin = Cli("users add --email root@localhost --role admin --password-stdin", "another long one");
  EXPECT_EQ(admin.code, 0) << admin.out;
  CmdResult dup = Cli("users add --email ann@example.com --password-stdin", "a long password");
  EXPECT_NE(dup.code, 0);
  CmdResult shrt = Cli("users add --email bob@example.com --password-stdin", "short");
  EXPECT_NE(shrt.code, 0);
  EXPECT_THAT(shrt.out, HasSubstr("too short"));
  CmdResult no_stdin = Cli("users add --email bob@example.com");
  EXPECT_NE(no_stdin.code, 0);
  EXPECT_THAT(no_stdin.out, HasSubstr("--password-stdin"));

  CmdResult list = Cli("users list");
  EXPECT_EQ(list.code, 0) << list.out;
  EXPECT_THAT(list.out, HasSubstr("ann@example.com"));
  EXPECT_THAT(list.out, HasSubstr("root@localhost"));
  EXPECT_THAT(list.out, Not(HasSubstr("$argon2")));
  EXPECT_THAT(list.out, Not(HasSubstr("a long password")));

  EXPECT_EQ(Cli("users reset --email ann@example.com --password-stdin", "a new long password").code, 0);
  EXPECT_NE(Cli("users reset --email nobody@example.com --password-stdin", "a new long password").code, 0);
  // The new password works, the old one does not.
  {
    AuthOptions o;
    auto auth = AuthService::Open(db_, o);
    ASSERT_TRUE(auth.has_value());
    int64_t retry = 0;
    auto resolve = [](const std::string&) { return std::optional<std::string>("u1"); };
    EXPECT_FALSE((*auth)->SignIn("ann@example.com", "a long password", "t", resolve, &retry));
    EXPECT_TRUE((*auth)->SignIn("ann@example.com", "a new long password", "t", resolve, &retry));
  }
  EXPECT_EQ(Cli("users remove --email ann@example.com").code, 0);
  EXPECT_NE(Cli("users remove --email ann@example.com").code, 0);
  EXPECT_THAT(Cli("users list").out, Not(HasSubstr("ann@example.com")));

  CmdResult audit = Cli("audit --limit 100");
  EXPECT_EQ(audit.code, 0) << audit.out;
  for (const char* kind : {"users_add", "users_reset", "users_remove", "sign_in_ok", "sign_in_failed"}) {
    EXPECT_THAT(audit.out, HasSubstr(kind));
  }
  EXPECT_THAT(audit.out, Not(HasSubstr("$argon2")));
  EXPECT_THAT(audit.out, Not(HasSubstr("long password")));
}

TEST_F(CliAuthTest, ImportsAreAudited) {
  fs::create_directories(dir_ / "empty");
  CmdResult bad = Sh(std::string(SC_SCORECARDS_BIN) + " import " + (dir_ / "empty").string() + " --db " + db_);
  EXPECT_NE(bad.code, 0);
  CmdResult audit = Cli("audit");
  EXPECT_THAT(audit.out, HasSubstr("\timport\t"));
  EXPECT_THAT(audit.out, HasSubstr("rejected"));
}

TEST_F(CliAuthTest, FirstServePrintsAOneTimeAdminPassword) {
  // A database with a data set and no account.
  ASSERT_EQ(Sh(std::string(SC_SCORECARDS_BIN) + " demo --out " + (dir_ / "demo").string() +
               " --as-of 2026-12-17").code, 0);
  ASSERT_EQ(Sh(std::string(SC_SCORECARDS_BIN) + " import " + (dir_ / "demo").string() + " --db " + db_).code, 0);
  auto serve_once = [&] {
    return Sh("timeout -s INT 8 " + std::string(SC_SCORECARDS_BIN) + " serve --port 0 --db " + db_ +
              " | head -n 3");
  };
  CmdResult first = serve_once();
  EXPECT_THAT(first.out, HasSubstr("Serving on http://127.0.0.1:"));
  EXPECT_THAT(first.out, HasSubstr("Admin sign-in (shown once): admin@localhost "));
  CmdResult second = serve_once();
  EXPECT_THAT(second.out, HasSubstr("Serving on http://127.0.0.1:"));
  EXPECT_THAT(second.out, Not(HasSubstr("Admin sign-in")));
  EXPECT_THAT(Cli("users list").out, HasSubstr("admin@localhost"));
}

}  // namespace
}  // namespace sc
