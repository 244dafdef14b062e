#include "app/report_text.h"

#include <algorithm>
#include <sstream>

#include "app/text_format.h"
#include "base/strings.h"

namespace sc {
namespace {

std::string Health(bool good) { return good ? "on track" : "needs attention"; }

void BuyInSection(std::ostringstream& out, const DataSet& ds, const Scorecard& c) {
  const BuyIn& b = c.buy_in;
  out << "BUY-IN\n";
  out << "  Quota retirement   " << Pad(FormatPercent(b.quota_retirement), 6, true) << "   "
      << FormatAmount(b.bookings) << " booked of " << FormatAmount(b.quota) << " quota; pace "
      << FormatDecimal(b.pace, 2);
  if (b.pace) out << " (" << Health(*b.pace >= 1.0) << ")";
  if (b.quota_met) out << "  quota met";
  out << "\n";
  out << "  Pipeline coverage  " << Pad(FormatMultiple(b.pipeline_coverage), 6, true) << "   "
      << FormatAmount(b.open_pipeline) << " open in period vs " << FormatAmount(b.remaining_quota)
      << " remaining; target " << FormatMultiple(ds.settings.coverage_target);
  if (b.pipeline_coverage) out << " (" << Health(*b.pipeline_coverage >= ds.settings.coverage_target) << ")";
  out << "\n\n";
  out << "FORECAST                 amount   coverage\n";
  auto line = [&](const char* name, double amount, OptDouble cov, const std::string& source) {
    out << "  " << Pad(name, 18) << Pad(FormatAmount(amount), 11, true) << "   "
        << Pad(FormatPercent(cov), 8, true) << "   " << source << "\n";
  };
  line("Commit", b.forecast.commit, b.forecast_coverage.commit, b.forecast.commit_source);
  line("Best case", b.forecast.best_case, b.forecast_coverage.best_case, b.forecast.best_case_source);
  line("Calculated", b.forecast.calculated, b.forecast_coverage.calculated, "win rates by stage");
  out << "\n";
}

void WinRateSection(std::ostringstream& out, const Scorecard& c) {
  out << "CLOSE RATE (new business)   rep                 team\n";
  for (const WinRateRow& w : c.win_rates) {
    std::string rep = FormatPercent(w.win_rate) + " (" + std::to_string(w.won) + "/" +
                      std::to_string(w.closed) + ")";
    std::string team = FormatPercent(w.team_win_rate) + " (" + std::to_string(w.team_won) + "/" +
                       std::to_string(w.team_closed) + ")";
    std::string flag = w.win_rate && w.team_win_rate && *w.win_rate < *w.team_win_rate ? "  below team" : "";
    out << "  " << Pad(w.quarter.label, 26) << Pad(rep, 20) << team << flag << "\n";
  }
  out << "\n";
}

void FunnelSection(std::ostringstream& out, const Scorecard& c) {
  size_t width = 26;
  for (const FunnelStage& s : c.funnel.stages) {
    width = std::max(width, s.name.size() + s.next_stage.size() + 6);
  }
  out << "FUNNEL (" << c.funnel.cohort_size << " deals closed in the lookback window)\n";
  out << "  " << Pad("stage", width) << Pad("reached", 9, true) << Pad("conv", 8, true)
      << Pad("team", 8, true) << Pad("peers", 8, true) << Pad("p", 8, true) << "\n";
  for (const FunnelStage& s : c.funnel.stages) {
    out << "  " << Pad(s.name + " → " + s.next_stage, width) << Pad(std::to_string(s.reached), 9, true)
        << Pad(FormatPercent(s.conversion), 8, true) << Pad(FormatPercent(s.team_conversion), 8, true)
        << Pad(FormatPercent(s.peer_conversion), 8, true) << Pad(FormatDecimal(s.p_value, 2), 8, true)
        << (s.bottleneck ? "  ◀ bottleneck" : "") << "\n";
  }
  out << "\nDIAGNOSIS\n";
  if (c.diagnosis.empty()) {
    out << "  No stage converts significantly below the peers.\n";
  }
  for (const FunnelStage& s : c.diagnosis) out << "  " << DiagnosisSentence(s) << "\n";
  out << "\n";
}

void KpiSection(std::ostringstream& out, const DataSet& ds, const Scorecard& c) {
  const Kpis& k = c.kpis;
  out << "KPIS\n";
  out << "  Average deal size  " << (k.avg_deal_size ? FormatAmount(*k.avg_deal_size) : "—")
      << "    Sales cycle  " << FormatDecimal(k.sales_cycle_days, 0) << " days"
      << "    Pipeline created  " << FormatAmount(k.pipeline_created) << "\n";
  out << "  Activities this period (team mean per rep):";
  const char* names[] = {"calls", "emails", "meetings", "other"};
  for (size_t t = 0; t < 4; ++t) {
    out << "  " << names[t] << " " << k.activities[t] << " (" << FormatDecimal(k.team_activities_per_rep[t], 1) << ")";
  }
  out << "\n";
  auto deals = [&](const char* title, const std::vector<DealRow>& rows, bool slipped) {
    if (rows.empty()) return;
    out << "  " << title << ":\n";
    for (size_t i = 0; i < rows.size() && i < 10; ++i) {
      const DealRow& d = rows[i];
      auto o = static_cast<size_t>(d.opp);
      out << "    " << Pad(ds.opp_name[o].empty() ? ds.opp_id[o] : ds.opp_name[o], 44) << Pad(FormatAmount(d.amount), 10, true)
          << "  " << ds.stage(d.stage).name;
      if (slipped) out << ", close " << FormatDate(d.original_close_date) << " → " << FormatDate(d.close_date);
      else out << ", no change for " << d.days_since_change << " days";
      out << "\n";
    }
    if (rows.size() > 10) out << "    … and " << rows.size() - 10 << " more\n";
  };
  deals("Stalled deals", k.stalled, false);
  deals("Slipped deals", k.slipped, true);
  out << "\nACCOUNTS  " << c.accounts.total << " in all, " << c.accounts.with_open_pipeline
      << " with open pipeline, " << c.accounts.stale << " stale (no call or email in "
      << ds.settings.accounts_stale_days << " days)\n";
}

void TeamSection(std::ostringstream& out, const DataSet& ds, const Scorecard& c) {
  if (!c.has_team) return;
  out << "\nTEAM\n  " << Pad("person", 24) << Pad("quota", 12, true) << Pad("booked", 12, true)
      << Pad("retired", 9, true) << Pad("coverage", 10, true) << Pad("commit", 9, true)
      << Pad("win rate", 10, true) << Pad("stale", 7, true) << "\n";
  auto row = [&](const std::string& name, const BuyIn& b, const WinRateRow& w, const AccountRollup& a) {
    out << "  " << Pad(name, 24) << Pad(FormatAmount(b.quota), 12, true) << Pad(FormatAmount(b.bookings), 12, true)
        << Pad(FormatPercent(b.quota_retirement), 9, true) << Pad(FormatMultiple(b.pipeline_coverage), 10, true)
        << Pad(FormatPercent(b.forecast_coverage.commit), 9, true) << Pad(FormatPercent(w.win_rate), 10, true)
        << Pad(std::to_string(a.stale), 7, true) << "\n";
  };
  for (const TeamRow& r : c.team) row(ds.user_name[static_cast<size_t>(r.user)], r.buy_in, r.current_quarter, r.accounts);
  row("Team total", c.buy_in, c.win_rates.empty() ? WinRateRow{} : c.win_rates.back(), c.accounts);
}

}  // namespace

std::string DiagnosisSentence(const FunnelStage& s) {
  std::ostringstream out;
  out << s.name << " → " << s.next_stage << ": " << FormatPercent(s.conversion) << " vs "
      << FormatPercent(s.peer_conversion) << " for peers (n=" << s.reached
      << ", p=" << FormatDecimal(s.p_value, 2) << ")";
  if (!s.skills.empty()) out << "; coach: " << Join(s.skills, ", ");
  return out.str();
}

std::string ScorecardText(const DataSet& ds, const Scorecard& c) {
  std::ostringstream out;
  auto u = static_cast<size_t>(c.user);
  out << ds.user_name[u] << " (" << RoleName(ds.user_role[u]) << ")";
  UserIx m = ds.user_manager[u];
  if (m != kNone) out << ", reports to " << ds.user_name[static_cast<size_t>(m)];
  out << "\nOne-on-one scorecard as of " << FormatDate(c.as_of) << " for " << c.period.label << " ("
      << FormatDate(c.period.start) << " to " << FormatDate(c.period.end) << ", "
      << FormatPercent(c.elapsed_fraction) << " elapsed)\n\n";
  BuyInSection(out, ds, c);
  WinRateSection(out, c);
  FunnelSection(out, c);
  KpiSection(out, ds, c);
  TeamSection(out, ds, c);
  return out.str();
}

std::string AccountsText(const DataSet& ds, const std::vector<AccountRow>& rows) {
  std::ostringstream out;
  out << Pad("account", 30) << Pad("open pipe", 12, true) << Pad("opps", 6, true) << Pad("last touch", 12, true)
      << Pad("days", 6, true) << Pad("c/e/m 30d", 11, true) << Pad("c/e/m 90d", 11, true)
      << Pad("next close", 12, true) << "\n";
  for (const AccountRow& r : rows) {
    auto a = static_cast<size_t>(r.account);
    std::string c30 = std::to_string(r.calls_30d) + "/" + std::to_string(r.emails_30d) + "/" + std::to_string(r.meetings_30d);
    std::string c90 = std::to_string(r.calls_90d) + "/" + std::to_string(r.emails_90d) + "/" + std::to_string(r.meetings_90d);
    out << Pad(ds.account_name[a].substr(0, 29), 30) << Pad(FormatAmount(ToUnits(r.open_pipeline)), 12, true)
        << Pad(std::to_string(r.open_opportunities), 6, true)
        << Pad(r.last_touch_at ? FormatDate(UtcDate(*r.last_touch_at)) : "never", 12, true)
        << Pad(r.days_since_touch ? std::to_string(*r.days_since_touch) : "—", 6, true) << Pad(c30, 11, true)
        << Pad(c90, 11, true) << Pad(r.next_close_date ? FormatDate(*r.next_close_date) : "—", 12, true)
        << (r.stale ? "  STALE" : "") << "\n";
  }
  out << rows.size() << " accounts\n";
  return out.str();
}

std::string AccountsCsv(const DataSet& ds, const std::vector<AccountRow>& rows) {
  auto quote = [](const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  std::ostringstream out;
  out << "id,name,open_pipeline,open_opportunities,last_touch_at,days_since_touch,calls_30d,emails_30d,"
         "meetings_30d,calls_90d,emails_90d,meetings_90d,next_close_date,stale\n";
  for (const AccountRow& r : rows) {
    auto a = static_cast<size_t>(r.account);
    out << quote(ds.account_id[a]) << ',' << quote(ds.account_name[a]) << ',' << FormatMoney(r.open_pipeline) << ','
        << r.open_opportunities << ',' << (r.last_touch_at ? FormatInstant(*r.last_touch_at) : "") << ','
        << (r.days_since_touch ? std::to_string(*r.days_since_touch) : "") << ',' << r.calls_30d << ','
        << r.emails_30d << ',' << r.meetings_30d << ',' << r.calls_90d << ',' << r.emails_90d << ','
        << r.meetings_90d << ',' << (r.next_close_date ? FormatDate(*r.next_close_date) : "") << ','
        << (r.stale ? "true" : "false") << '\n';
  }
  return out.str();
}

}  // namespace sc
