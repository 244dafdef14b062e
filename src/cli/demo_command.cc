// `scorecards demo [--out DIR] [--as-of DATE] [--scale small|large|N] [--seed N]`
#include <unistd.h>

#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "base/time.h"
#include "cli/commands.h"
#include "demo/demo_generator.h"

namespace sc::cli {
namespace {

struct DemoArgs {
  std::string out = "scorecards-demo";
  std::string as_of;
  std::string scale = "small";
  uint64_t seed = 42;
};

std::string Count(int64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

int RunDemo(const DemoArgs& args) {
  demo::DemoOptions options;
  options.out_dir = args.out;
  options.seed = args.seed;
  options.as_of = Today();
  if (!args.as_of.empty()) {
    Result<Date> d = ParseDate(args.as_of);
    if (!d) {
      std::fprintf(stderr, "scorecards demo: --as-of: %s\n", d.error().message().c_str());
      return 2;
    }
    options.as_of = *d;
  }
  if (Status s = demo::ParseDemoScale(args.scale, &options); !s.ok()) {
    std::fprintf(stderr, "scorecards demo: %s\n", s.message().c_str());
    return 2;
  }
  if (isatty(fileno(stderr))) {
    options.progress = [last = -1](double f) mutable {
      int pct = static_cast<int>(f * 100);
      if (pct == last) return;
      last = pct;
      std::fprintf(stderr, "\rgenerating demo data %3d%%", pct);
      if (pct == 100) std::fprintf(stderr, "\r\033[K");
    };
  }
  Result<demo::DemoSummary> s = demo::GenerateDemo(options);
  if (!s) {
    std::fprintf(stderr, "scorecards demo: %s\n", s.error().ToString().c_str());
    return 1;
  }
  std::printf(
      "Wrote demo data to %s as of %s (%s): %s users (%s AEs), %s accounts, %s opportunities, "
      "%s stage changes, %s activities; try --rep David (%s).\n",
      args.out.c_str(), FormatDate(options.as_of).c_str(), s->period.c_str(),
      Count(s->users).c_str(), Count(s->aes).c_str(), Count(s->accounts).c_str(),
      Count(s->opportunities).c_str(), Count(s->stage_history).c_str(),
      Count(s->activities).c_str(), s->david_id.c_str());
  return 0;
}

}  // namespace

void RegisterDemoCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand("demo", "Write a realistic demo data set (native CSV format)");
  cmd->add_option("--out", args->out, "Output folder")->capture_default_str();
  cmd->add_option("--as-of", args->as_of, "Reference date YYYY-MM-DD (default: today, UTC)");
  cmd->add_option("--scale", args->scale, "small, large, or N times the small org")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunDemo(*args); });
}

}  // namespace sc::cli
