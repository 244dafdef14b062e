// `scorecards report --rep NAME|ID [--as-of DATE] [--period LABEL] [--format text|json|html]`
#include <iostream>

#include <CLI/CLI.hpp>

#include "api/json_encoding.h"
#include "app/dataset_loader.h"
#include "app/report_html.h"
#include "app/report_text.h"
#include "app/request_params.h"
#include "cli/commands.h"
#include "engine/scorecard.h"

namespace sc::cli {
namespace {

struct ReportArgs {
  std::string rep, as_of, period, format = "text", db = "scorecards.db";
};

Status RunReport(const ReportArgs& args) {
  ASSIGN_OR_RETURN(auto ds, LoadDataSetFromStore(args.db));
  ASSIGN_OR_RETURN(UserIx user, ds->FindUser(args.rep));
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(*ds, args.as_of, "--as-of"));
  ASSIGN_OR_RETURN(Period period, ParsePeriod(*ds, args.period, as_of, "--period"));
  Scorecard card = ComputeScorecard(*ds, user, as_of, period);
  if (args.format == "json") {
    std::cout << ScorecardJson(*ds, card, 2) << "\n";
  } else if (args.format == "html") {
    std::cout << ScorecardHtml(*ds, card);
  } else {
    std::cout << ScorecardText(*ds, card);
  }
  return Status::Ok();
}

}  // namespace

void RegisterReportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "Print one person's one-on-one scorecard");
  cmd->add_option("--rep", args->rep, "The person: an id or an exact name")->required();
  cmd->add_option("--as-of", args->as_of, "The date the figures are as of (YYYY-MM-DD; default today)");
  cmd->add_option("--period", args->period, "FY<year>-Q<n> or FY<year> (default: the quarter of --as-of)");
  cmd->add_option("--format", args->format, "text, json or html")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("--db", args->db, "The database (default scorecards.db)");
  cmd->callback([args, exit_code] {
    Status s = RunReport(*args);
    if (!s.ok()) {
      std::cerr << "scorecards report: " << s.message() << "\n";
      *exit_code = 1;
    }
  });
}

}  // namespace sc::cli
