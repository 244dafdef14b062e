// `scorecards accounts --rep NAME|ID [--as-of DATE] [--open-pipeline] [--stale]
//  [--sort COLUMN] [--format text|json|csv]`
#include <iostream>

#include <CLI/CLI.hpp>

#include "api/json_encoding.h"
#include "app/dataset_loader.h"
#include "app/report_text.h"
#include "app/request_params.h"
#include "cli/commands.h"
#include "engine/accounts.h"

namespace sc::cli {
namespace {

struct AccountsArgs {
  std::string rep, as_of, sort = "-open_pipeline", format = "text", db = "scorecards.db";
  bool open_pipeline = false, stale = false;
};

Status RunAccounts(const AccountsArgs& args) {
  ASSIGN_OR_RETURN(auto ds, LoadDataSetFromStore(args.db));
  ASSIGN_OR_RETURN(UserIx user, ds->FindUser(args.rep));
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(*ds, args.as_of, "--as-of"));
  std::vector<AccountRow> rows = ComputeAccountRows(*ds, user, as_of);
  FilterAccounts(rows, {args.open_pipeline, args.stale});
  Status sorted = SortAccounts(*ds, rows, args.sort);
  if (!sorted.ok()) return InvalidArgument("--sort: " + sorted.message());
  if (args.format == "json") std::cout << AccountRowsJson(*ds, rows, 2) << "\n";
  else if (args.format == "csv") std::cout << AccountsCsv(*ds, rows);
  else std::cout << AccountsText(*ds, rows);
  return Status::Ok();
}

}  // namespace

void RegisterAccountsCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<AccountsArgs>();
  CLI::App* cmd = app.add_subcommand("accounts", "List a person's accounts: pipeline, last touch, stale ones");
  cmd->add_option("--rep", args->rep, "The person: an id or an exact name")->required();
  cmd->add_option("--as-of", args->as_of, "The date the figures are as of (YYYY-MM-DD; default today)");
  cmd->add_flag("--open-pipeline", args->open_pipeline, "Only accounts with open pipeline");
  cmd->add_flag("--stale", args->stale, "Only stale accounts (open pipeline, no recent call or email)");
  cmd->add_option("--sort", args->sort, "A column, '-' first for descending (default -open_pipeline)");
  cmd->add_option("--format", args->format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("--db", args->db, "The database (default scorecards.db)");
  cmd->callback([args, exit_code] {
    Status s = RunAccounts(*args);
    if (!s.ok()) {
      std::cerr << "scorecards accounts: " << s.message() << "\n";
      *exit_code = 1;
    }
  });
}

}  // namespace sc::cli
