#include "demo/demo_generator.h"

#include <charconv>
#include <cstdio>
#include <system_error>

#include "core/fiscal.h"
#include "demo/activity_generator.h"
#include "demo/deal_simulator.h"
#include "demo/demo_files.h"
#include "demo/org.h"
#include "demo/quota_forecast.h"
#include "demo/random.h"

namespace sc::demo {
namespace {

constexpr uint64_t kDavidStream = 0xDA71D;

Status WriteSettings(const std::filesystem::path& path, const DemoOptions& o,
                     const std::string& period) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return IoError("cannot create " + path.string());
  std::string scale = o.large ? "large" : o.scale == 1 ? "small" : std::to_string(o.scale);
  std::string as_of = FormatDate(o.as_of);
  std::string text =
      "# Scorecards demo data, written by `scorecards demo`.\n"
      "# As of " + as_of + " (" + period + "): run reports with --as-of " + as_of + ".\n"
      "# seed = " + std::to_string(o.seed) + ", scale = " + scale + "\n"
      "\n[demo]\n"
      "as_of = \"" + as_of + "\"\n"
      "\n[fiscal]\nstart_month = 1\n"
      "\n[quota]\ntypes = []\n"
      "\n[coverage]\ntarget = 3.0\n"
      "\n[forecast]\nlookback_days = 365\nshrinkage = 10\n"
      "\n[winrate]\nquarters = 4\ntypes = [\"New Business\"]\n"
      "\n[funnel]\nmin_deals = 5\nalpha = 0.10\n"
      "\n[accounts]\nstale_days = 14\ntouch_types = [\"call\", \"email\"]\n"
      "\n[deals]\nstalled_days = 30\n";
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return IoError("cannot write " + path.string());
  return Status::Ok();
}

DemoClock MakeClock(Date as_of, const FiscalCalendar& calendar) {
  DemoClock c;
  c.as_of_day = as_of.time_since_epoch().count();
  c.end_of_as_of = (c.as_of_day + 1) * kDaySeconds - 1;
  Period p = calendar.QuarterContaining(as_of);
  c.period_start = p.start.time_since_epoch().count();
  c.period_end = p.end.time_since_epoch().count();
  c.history_start = c.as_of_day - kHistoryDays;
  return c;
}

}  // namespace

Status ParseDemoScale(std::string_view text, DemoOptions* options) {
  if (text == "small") {
    options->scale = 1;
    options->large = false;
    return Status::Ok();
  }
  if (text == "large") {
    options->large = true;
    return Status::Ok();
  }
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || n < 1 || n > 1000) {
    return InvalidArgument("--scale must be small, large or a number from 1 to 1000, not '" +
                           std::string(text) + "'");
  }
  options->scale = n;
  options->large = false;
  return Status::Ok();
}

Result<DemoSummary> GenerateDemo(const DemoOptions& options) {
  if (options.out_dir.empty()) return Err(InvalidArgument("demo: an output folder is required"));
  if (!options.large && (options.scale < 1 || options.scale > 1000)) {
    return Err(InvalidArgument("demo: scale must be from 1 to 1000"));
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) {
    return Err(IoError("cannot create " + options.out_dir.string() + ": " + ec.message()));
  }
  FiscalCalendar calendar(1);
  DemoClock clock = MakeClock(options.as_of, calendar);
  Org org = BuildOrg(options.scale, options.large, options.seed);

  DemoSummary summary;
  summary.period = calendar.QuarterContaining(options.as_of).label;
  RETURN_IF_ERROR(WriteSettings(options.out_dir / "settings.toml", options, summary.period));
  ASSIGN_OR_RETURN(DemoFiles files, DemoFiles::Open(options.out_dir));
  WriteStages(files.stages.get());
  WriteUsers(org, files.users.get());

  IdCounters ids;
  for (size_t i = 0; i < org.aes.size(); ++i) {
    const Person& owner = org.people[static_cast<size_t>(org.aes[i])];
    const RepProfile& profile = org.profiles[i];
    const std::string& manager_id = org.people[static_cast<size_t>(owner.manager)].id;
    // David's streams do not depend on the scale: his story is the same at all.
    uint64_t stream = profile.is_david ? kDavidStream : 2 * (i + 1);
    Rng deal_rng(StreamSeed(options.seed, stream));
    Rng other_rng(StreamSeed(options.seed, stream + 1));
    RepBook book = PlanRep(profile, clock, deal_rng, &ids);
    if (profile.is_david) ShapeDavidQuarter(profile, clock, deal_rng, &ids, &book);
    WriteBook(owner, book, other_rng, &files);
    WriteActivities(owner, manager_id, profile, book, clock, other_rng, &ids,
                    files.activities.get());
    WriteForecasts(owner, profile, book, clock, calendar, other_rng, files.forecasts.get());
    if (options.progress) {
      options.progress(static_cast<double>(i + 1) / static_cast<double>(org.aes.size()));
    }
  }
  WriteQuotas(org, clock, calendar, files.quotas.get());

  summary.users = files.users->rows();
  summary.aes = static_cast<int64_t>(org.aes.size());
  for (const Person& p : org.people) summary.managers += p.role == Role::kManager ? 1 : 0;
  summary.accounts = files.accounts->rows();
  summary.contacts = files.contacts->rows();
  summary.opportunities = files.opportunities->rows();
  summary.stage_history = files.history->rows();
  summary.activities = files.activities->rows();
  summary.quotas = files.quotas->rows();
  summary.forecasts = files.forecasts->rows();
  summary.david_id = org.people[static_cast<size_t>(org.aes[static_cast<size_t>(org.david)])].id;
  RETURN_IF_ERROR(files.Close());
  return summary;
}

}  // namespace sc::demo
