// `scorecards users add --email EMAIL [--role admin|person] --password-stdin`,
// `users list`, `users reset --email EMAIL --password-stdin`,
// `users remove --email EMAIL`, all with [--db FILE]; and
// `scorecards audit [--db FILE] [--limit N]`: the sign-in accounts and the
// audit log (issue 8, docs/api.md "Sign-in"). Passwords are read from stdin,
// never from the command line (it shows in `ps` and shell history).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "api/router.h"
#include "app/auth_service.h"
#include "app/dataset_loader.h"
#include "base/time.h"
#include "cli/commands.h"

namespace sc::cli {
namespace {

struct UsersArgs {
  std::string db = "scorecards.db";
  std::string email;
  std::string role = "person";
  bool password_stdin = false;
  int64_t limit = 50;
};

std::string Actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user ? user : std::to_string(getuid()));
}

std::string FormatMs(int64_t ms) { return FormatInstant(Instant(std::chrono::milliseconds(ms))); }

// One line from stdin without its line ending.
Result<std::string> ReadPassword(bool from_stdin) {
  if (!from_stdin) return Err(InvalidArgument("pass the password on stdin with --password-stdin"));
  std::string line;
  if (!std::getline(std::cin, line) && line.empty()) {
    return Err(InvalidArgument("no password on stdin"));
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

Result<std::unique_ptr<AuthService>> OpenAuth(const std::string& db) {
  return AuthService::Open(db, AuthOptions{});
}

Status RunAdd(const UsersArgs& args) {
  ASSIGN_OR_RETURN(std::string password, ReadPassword(args.password_stdin));
  ASSIGN_OR_RETURN(auto auth, OpenAuth(args.db));
  RETURN_IF_ERROR(auth->AddAccount(args.email, args.role, password, Actor()));
  std::printf("added %s (%s)\n", NormalizeEmail(args.email).value_or(args.email).c_str(),
              args.role.c_str());
  if (args.role == "person") {
    // Signing in needs a person of the data set with this email; say so now.
    Result<std::shared_ptr<const DataSet>> ds = LoadDataSetFromStore(args.db);
    if (!ds) {
      std::fprintf(stderr, "note: no data set yet; %s can sign in once one has a person with this email\n",
                   args.email.c_str());
    } else if (FindUserByEmail(**ds, args.email) == kNone) {
      std::fprintf(stderr,
                   "warning: no person (or more than one) in the current data set has this email; "
                   "sign-in will fail until one does\n");
    }
  }
  return Status::Ok();
}

Status RunList(const UsersArgs& args) {
  ASSIGN_OR_RETURN(auto auth, OpenAuth(args.db));
  ASSIGN_OR_RETURN(std::vector<AccountSummary> all, auth->ListAccounts());
  std::printf("%-32s %-7s %-12s %-24s %s\n", "EMAIL", "ROLE", "LINKED_USER", "CREATED",
              "PASSWORD_CHANGED");
  for (const AccountSummary& a : all) {
    std::printf("%-32s %-7s %-12s %-24s %s\n", a.email.c_str(), a.role.c_str(),
                a.linked_user_id.empty() ? "-" : a.linked_user_id.c_str(),
                FormatMs(a.created_at_ms).c_str(), FormatMs(a.password_changed_at_ms).c_str());
  }
  return Status::Ok();
}

Status RunReset(const UsersArgs& args) {
  ASSIGN_OR_RETURN(std::string password, ReadPassword(args.password_stdin));
  ASSIGN_OR_RETURN(auto auth, OpenAuth(args.db));
  RETURN_IF_ERROR(auth->ResetPassword(args.email, password, Actor()));
  std::printf("password reset for %s (its sessions are ended)\n",
              NormalizeEmail(args.email).value_or(args.email).c_str());
  return Status::Ok();
}

Status RunRemove(const UsersArgs& args) {
  ASSIGN_OR_RETURN(auto auth, OpenAuth(args.db));
  RETURN_IF_ERROR(auth->RemoveAccount(args.email, Actor()));
  std::printf("removed %s\n", NormalizeEmail(args.email).value_or(args.email).c_str());
  return Status::Ok();
}

Status RunAudit(const UsersArgs& args) {
  ASSIGN_OR_RETURN(auto store, OpenSqliteAuthStore(args.db));
  ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, store->ListAudit(std::max<int64_t>(1, args.limit)));
  for (const AuditEntry& e : entries) {
    std::printf("%s\t%s\t%s\t%s\t%s\n", FormatMs(e.at_ms).c_str(), e.kind.c_str(),
                e.actor.c_str(), e.address.c_str(), e.detail.c_str());
  }
  return Status::Ok();
}

template <typename F>
void Bind(CLI::App* cmd, const char* name, std::shared_ptr<UsersArgs> args, int* exit_code, F run) {
  cmd->callback([args, exit_code, name, run] {
    Status s = run(*args);
    if (!s.ok()) {
      std::fprintf(stderr, "scorecards %s: %s\n", name, s.message().c_str());
      *exit_code = 1;
    }
  });
}

}  // namespace

void RegisterUsersCommand(CLI::App& app, int* exit_code) {
  CLI::App* users = app.add_subcommand("users", "Sign-in accounts: add, list, reset, remove");
  users->require_subcommand(1);

  auto add = std::make_shared<UsersArgs>();
  CLI::App* c = users->add_subcommand("add", "Add an account (a person of the data set, or an admin)");
  c->add_option("--email", add->email, "Email; a person's must match the data set's (any case)")->required();
  c->add_option("--role", add->role, "person (default) or admin")
      ->check(CLI::IsMember({"person", "admin"}));
  c->add_flag("--password-stdin", add->password_stdin, "Read the password (10+ characters) from stdin");
  c->add_option("--db", add->db, "The database (default scorecards.db)");
  Bind(c, "users add", add, exit_code, RunAdd);

  auto list = std::make_shared<UsersArgs>();
  c = users->add_subcommand("list", "List the accounts (never their password hashes)");
  c->add_option("--db", list->db, "The database (default scorecards.db)");
  Bind(c, "users list", list, exit_code, RunList);

  auto reset = std::make_shared<UsersArgs>();
  c = users->add_subcommand("reset", "Set a new password and end the account's sessions");
  c->add_option("--email", reset->email, "The account's email")->required();
  c->add_flag("--password-stdin", reset->password_stdin, "Read the new password from stdin");
  c->add_option("--db", reset->db, "The database (default scorecards.db)");
  Bind(c, "users reset", reset, exit_code, RunReset);

  auto remove = std::make_shared<UsersArgs>();
  c = users->add_subcommand("remove", "Remove an account and end its sessions");
  c->add_option("--email", remove->email, "The account's email")->required();
  c->add_option("--db", remove->db, "The database (default scorecards.db)");
  Bind(c, "users remove", remove, exit_code, RunRemove);

  auto audit = std::make_shared<UsersArgs>();
  c = app.add_subcommand("audit", "Show the audit log: sign-ins, sign-outs, imports, account changes");
  c->add_option("--db", audit->db, "The database (default scorecards.db)");
  c->add_option("--limit", audit->limit, "The newest N entries (default 50)");
  Bind(c, "audit", audit, exit_code, RunAudit);
}

}  // namespace sc::cli
