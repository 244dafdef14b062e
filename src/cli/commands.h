// Registration of the `scorecards` subcommands. Each Register* lives in its
// own file and sets *exit_code when its command runs.
#pragma once

namespace CLI {
class App;
}

namespace sc::cli {

void RegisterCommands(CLI::App& app, int* exit_code);

void RegisterImportCommand(CLI::App& app, int* exit_code);   // import_command.cc
void RegisterDemoCommand(CLI::App& app, int* exit_code);     // demo_command.cc
void RegisterReportCommand(CLI::App& app, int* exit_code);   // report_command.cc
void RegisterAccountsCommand(CLI::App& app, int* exit_code); // accounts_command.cc
void RegisterServeCommand(CLI::App& app, int* exit_code);    // serve_command.cc
void RegisterUsersCommand(CLI::App& app, int* exit_code);    // users_command.cc (users, audit)

}  // namespace sc::cli
