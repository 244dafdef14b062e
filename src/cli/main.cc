// The `scorecards` command line: one subcommand per file, each registering
// itself on the CLI11 app.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Scorecards: one-on-one scorecards for sales teams"};
  app.require_subcommand(1);
  int exit_code = 0;
  sc::cli::RegisterCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
