// `scorecards import DIR [--format native|salesforce|MAPPING.toml]
// [--encoding utf-8|latin-1] [--db FILE] [--max-errors N]`: validates and
// loads a data set (SPEC §1.2, §1.3, §5.1), with a progress bar on a
// terminal. The formats are documented in docs/importing.md.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/import.h"
#include "cli/commands.h"

namespace sc::cli {
namespace {

struct ImportArgs {
  std::string dir;
  std::string format = "native";
  std::string encoding;
  std::string db = "scorecards.db";
  int64_t max_errors = 100;
};

// 1234567 -> "1,234,567".
std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// A one-line bar on stderr, redrawn at most ten times a second.
class ProgressBar {
 public:
  void Update(int64_t done, int64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    constexpr int kWidth = 30;
    double f = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    int filled = static_cast<int>(f * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\rimporting [%s] %3d%%  %.1f / %.1f MB", bar.c_str(),
                 static_cast<int>(f * 100), static_cast<double>(done) / 1e6,
                 static_cast<double>(total) / 1e6);
    std::fflush(stderr);
  }
  void Clear() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
    drawn_ = false;
  }

 private:
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

int RunImport(const ImportArgs& args) {
  ImportRequest req;
  req.folder = args.dir;
  req.format = args.format;
  req.encoding = args.encoding;
  req.db_path = args.db;
  req.max_errors = args.max_errors;
  if (const char* user = std::getenv("USER"); user != nullptr && *user) req.actor = std::string("cli:") + user;
  ProgressBar bar;
  if (isatty(STDERR_FILENO)) {
    req.progress = [&bar](int64_t done, int64_t total) { bar.Update(done, total); };
  }
  auto start = std::chrono::steady_clock::now();
  Result<ImportReport> result = ImportDataSet(req);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bar.Clear();
  if (!result) {
    std::fprintf(stderr, "import failed: %s; the database was not changed\n",
                 result.error().message().c_str());
    return 1;
  }
  const ImportReport& report = *result;
  for (const std::string& w : report.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  if (!report.ok()) {
    for (const std::string& e : report.ErrorLines()) std::fprintf(stderr, "%s\n", e.c_str());
    std::fprintf(stderr, "import failed: %s error%s; the database was not changed\n",
                 Thousands(report.error_count).c_str(), report.error_count == 1 ? "" : "s");
    return 1;
  }
  const ImportCounts& c = report.counts;
  std::string summary = "Imported " + Thousands(c.users) + " users, " + Thousands(c.stages) +
                        " stages, " + Thousands(c.accounts) + " accounts, ";
  if (c.contacts > 0) summary += Thousands(c.contacts) + " contacts, ";
  summary += Thousands(c.opportunities) + " opportunities, " + Thousands(c.history) +
             " history rows, " + Thousands(c.activities) + " activities, " +
             Thousands(c.quotas) + " quotas, " + Thousands(c.forecasts) + " forecasts";
  char tail[128];
  std::snprintf(tail, sizeof tail, " in %.2f s (%.0f MB/s) into ", seconds,
                seconds > 0 ? static_cast<double>(report.bytes_read) / 1e6 / seconds : 0.0);
  std::printf("%s%s%s\n", summary.c_str(), tail, args.db.c_str());
  return 0;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Validate a data set and load it into the database (all or nothing)");
  cmd->footer(
      "Formats (docs/importing.md explains each with a worked example):\n"
      "  native        the CSV files of SPEC 1.1 (users.csv, stages.csv, ...)\n"
      "  salesforce    a Salesforce Data Export / Data Loader folder (User.csv, Opportunity.csv, ...)\n"
      "  MAPPING.toml  any CRM's CSV through a column-mapping file, e.g.\n"
      "                mappings/hubspot-deals.toml, mappings/crm-sales-opportunities.toml");
  cmd->add_option("DIR", args->dir, "Folder with the data set")->required();
  cmd->add_option("--format", args->format,
                  "Input format: native, salesforce, or a mapping file ending in .toml "
                  "(see docs/importing.md)")
      ->capture_default_str();
  cmd->add_option("--encoding", args->encoding,
                  "Encoding of salesforce/mapped input: utf-8 or latin-1 (default: detected per "
                  "file; a file that is not valid UTF-8 is read as Latin-1 with a warning)")
      ->check(CLI::IsMember({"utf-8", "latin-1"}));
  cmd->add_option("--db", args->db, "Database file")->capture_default_str();
  cmd->add_option("--max-errors", args->max_errors, "Errors to list before stopping to list")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([args, exit_code]() { *exit_code = RunImport(*args); });
}

}  // namespace sc::cli
