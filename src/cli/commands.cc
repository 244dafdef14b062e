#include "cli/commands.h"

#include <CLI/CLI.hpp>

namespace sc::cli {

void RegisterCommands(CLI::App& app, int* exit_code) {
  // Each subcommand adds its Register* call here.
  RegisterImportCommand(app, exit_code);
  RegisterDemoCommand(app, exit_code);
  RegisterReportCommand(app, exit_code);
  RegisterAccountsCommand(app, exit_code);
  RegisterServeCommand(app, exit_code);
  RegisterUsersCommand(app, exit_code);
}

}  // namespace sc::cli
