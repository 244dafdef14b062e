#include "app/report_html.h"

#include <algorithm>
#include <sstream>

#include "app/report_text.h"
#include "app/text_format.h"
#include "base/strings.h"

namespace sc {
namespace {

constexpr const char* kStyle = R"(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:22px;margin:0}h2{font-size:15px;text-transform:uppercase;letter-spacing:.04em;color:#4a5568;border-bottom:1px solid #d8dde6;padding-bottom:4px;margin-top:28px}
.sub{color:#4a5568;margin:4px 0 16px}.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.tile{border:1px solid #d8dde6;border-left:6px solid #9aa5b1;border-radius:6px;padding:10px 12px}
.tile .v{font-size:24px;font-weight:600}.tile .l{color:#4a5568;font-size:12px}
.good{border-left-color:#2f855a}.warn{border-left-color:#c05621}.bad{border-left-color:#c53030}
table{border-collapse:collapse;width:100%;margin-top:8px}th,td{padding:4px 8px;border-bottom:1px solid #edf0f4;text-align:right}
th:first-child,td:first-child{text-align:left}th{color:#4a5568;font-weight:600;font-size:12px}
tr.hl td{background:#fff5f5;font-weight:600}.diag li{margin:4px 0}svg{width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:11px}.tiles{grid-template-columns:repeat(4,1fr)}section{page-break-inside:avoid}@page{size:auto;margin:12mm}}
)";

std::string TileClass(OptDouble v, double good, double warn) {
  if (!v) return "tile";
  if (*v >= good) return "tile good";
  if (*v >= warn) return "tile warn";
  return "tile bad";
}

std::string Tile(const std::string& cls, const std::string& value, const std::string& label) {
  return "<div class=\"" + cls + "\"><div class=\"v\">" + HtmlEscape(value) + "</div><div class=\"l\">" +
         HtmlEscape(label) + "</div></div>";
}

std::string TimelineSvg(const Scorecard& c) {
  if (c.timeline.empty()) return "<p>No days of the period have passed yet.</p>";
  const double w = 900, h = 220, pad = 30;
  double top = std::max(c.buy_in.quota, c.timeline.back().bookings);
  if (top <= 0) top = 1;
  auto n = static_cast<double>(c.period.days());
  auto x = [&](size_t i) { return pad + (w - 2 * pad) * static_cast<double>(i) / std::max(1.0, n - 1); };
  auto y = [&](double v) { return h - pad - (h - 2 * pad) * v / top; };
  std::ostringstream s;
  s << "<svg viewBox=\"0 0 " << w << " " << h << "\" role=\"img\" aria-label=\"Bookings against quota pace\">";
  s << "<line x1=\"" << pad << "\" y1=\"" << y(c.buy_in.quota) << "\" x2=\"" << w - pad << "\" y2=\"" << y(c.buy_in.quota)
    << "\" stroke=\"#9aa5b1\" stroke-dasharray=\"4 4\"/>";
  std::ostringstream pace, booked;
  for (size_t i = 0; i < c.timeline.size(); ++i) {
    pace << (i ? " " : "") << x(i) << "," << y(c.timeline[i].quota_pace);
    booked << (i ? " " : "") << x(i) << "," << y(c.timeline[i].bookings);
  }
  s << "<polyline fill=\"none\" stroke=\"#9aa5b1\" stroke-width=\"2\" points=\"" << pace.str() << "\"/>";
  s << "<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"3\" points=\"" << booked.str() << "\"/>";
  s << "<text x=\"" << pad << "\" y=\"16\" font-size=\"12\" fill=\"#4a5568\">Bookings (blue) vs quota pace (grey); quota "
    << FormatAmount(c.buy_in.quota) << "</text></svg>";
  return s.str();
}

}  // namespace

std::string HtmlEscape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string ScorecardHtml(const DataSet& ds, const Scorecard& c) {
  const BuyIn& b = c.buy_in;
  auto u = static_cast<size_t>(c.user);
  std::ostringstream h;
  h << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << HtmlEscape(ds.user_name[u])
    << " — Scorecards</title><style>" << kStyle << "</style></head><body>";
  h << "<h1>" << HtmlEscape(ds.user_name[u]) << "</h1><p class=\"sub\">One-on-one scorecard as of "
    << FormatDate(c.as_of) << " · " << c.period.label << " (" << FormatDate(c.period.start) << " to "
    << FormatDate(c.period.end) << ", " << FormatPercent(c.elapsed_fraction) << " elapsed)</p>";
  const WinRateRow* current = c.win_rates.empty() ? nullptr : &c.win_rates.back();
  OptDouble rate_vs_team;
  if (current && current->win_rate && current->team_win_rate && *current->team_win_rate > 0) {
    rate_vs_team = *current->win_rate / *current->team_win_rate;
  }
  h << "<section><div class=\"tiles\">";
  h << Tile(TileClass(b.pace, 1.0, 0.8), FormatPercent(b.quota_retirement), "Quota retired (pace " + FormatDecimal(b.pace, 2) + ")");
  h << Tile(TileClass(b.pipeline_coverage, ds.settings.coverage_target, ds.settings.coverage_target * 0.67),
            FormatMultiple(b.pipeline_coverage), "Pipeline coverage (target " + FormatMultiple(ds.settings.coverage_target) + ")");
  h << Tile(TileClass(b.forecast_coverage.commit, 1.0, 0.8), FormatPercent(b.forecast_coverage.commit),
            "Commit forecast coverage (best case " + FormatPercent(b.forecast_coverage.best_case) + ", calculated " +
                FormatPercent(b.forecast_coverage.calculated) + ")");
  h << Tile(TileClass(rate_vs_team, 1.0, 0.8), current ? FormatPercent(current->win_rate) : "—",
            "Close rate this quarter (team " + (current ? FormatPercent(current->team_win_rate) : "—") + ")");
  h << "</div></section>";
  h << "<section><h2>Bookings vs quota</h2>" << TimelineSvg(c) << "</section>";
  h << "<section><h2>Close rate by quarter</h2><table><tr><th>Quarter</th><th>Closed</th><th>Won</th><th>Win rate</th><th>By amount</th><th>Team</th></tr>";
  for (const WinRateRow& w : c.win_rates) {
    h << "<tr><td>" << w.quarter.label << "</td><td>" << w.closed << "</td><td>" << w.won << "</td><td>"
      << FormatPercent(w.win_rate) << "</td><td>" << FormatPercent(w.win_rate_amount) << "</td><td>"
      << FormatPercent(w.team_win_rate) << "</td></tr>";
  }
  h << "</table></section>";
  h << "<section><h2>Funnel (" << c.funnel.cohort_size << " deals)</h2><table><tr><th>Stage</th><th>Reached</th><th>Conversion</th><th>Team</th><th>Peers</th><th>p</th></tr>";
  for (const FunnelStage& s : c.funnel.stages) {
    h << "<tr" << (s.bottleneck ? " class=\"hl\"" : "") << "><td>" << HtmlEscape(s.name + " → " + s.next_stage)
      << "</td><td>" << s.reached << "</td><td>" << FormatPercent(s.conversion) << "</td><td>"
      << FormatPercent(s.team_conversion) << "</td><td>" << FormatPercent(s.peer_conversion) << "</td><td>"
      << FormatDecimal(s.p_value, 2) << "</td></tr>";
  }
  h << "</table><ul class=\"diag\">";
  if (c.diagnosis.empty()) h << "<li>No stage converts significantly below the peers.</li>";
  for (const FunnelStage& s : c.diagnosis) h << "<li>" << HtmlEscape(DiagnosisSentence(s)) << "</li>";
  h << "</ul></section>";
  h << "<section><h2>Accounts</h2><p>" << c.accounts.total << " accounts, " << c.accounts.with_open_pipeline
    << " with open pipeline, <strong>" << c.accounts.stale << " stale</strong>.</p></section>";
  if (c.has_team) {
    h << "<section><h2>Team</h2><table><tr><th>Person</th><th>Quota</th><th>Booked</th><th>Retired</th><th>Coverage</th><th>Win rate</th><th>Stale</th></tr>";
    for (const TeamRow& r : c.team) {
      h << "<tr><td>" << HtmlEscape(ds.user_name[static_cast<size_t>(r.user)]) << "</td><td>" << FormatAmount(r.buy_in.quota)
        << "</td><td>" << FormatAmount(r.buy_in.bookings) << "</td><td>" << FormatPercent(r.buy_in.quota_retirement)
        << "</td><td>" << FormatMultiple(r.buy_in.pipeline_coverage) << "</td><td>"
        << FormatPercent(r.current_quarter.win_rate) << "</td><td>" << r.accounts.stale << "</td></tr>";
    }
    h << "</table></section>";
  }
  h << "</body></html>\n";
  return h.str();
}

}  // namespace sc
