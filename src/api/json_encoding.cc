#include "api/json_encoding.h"

#include <nlohmann/json.hpp>

namespace sc {
namespace {

using nlohmann::json;

// True when `u` may be named to a caller whose scope is the subtree of `root`
// (kNone: everyone).
bool Shows(const DataSet& ds, UserIx root, UserIx u) {
  return root == kNone || (u != kNone && ds.InSubtree(root, u));
}

json Opt(const OptDouble& v) { return v ? json(*v) : json(nullptr); }

// A person; the manager's id only when the caller may see the manager.
json UserJson(const DataSet& ds, UserIx u, UserIx root) {
  auto i = static_cast<size_t>(u);
  UserIx m = ds.user_manager[i];
  bool show_manager = m != kNone && Shows(ds, root, m);
  return {{"id", ds.user_id[i]},
          {"name", ds.user_name[i]},
          {"role", RoleName(ds.user_role[i])},
          {"manager_id", show_manager ? json(ds.user_id[static_cast<size_t>(m)]) : json(nullptr)}};
}

json ForecastJson(const ForecastFigures& f) {
  return {{"commit", f.commit},
          {"best_case", f.best_case},
          {"calculated", f.calculated},
          {"source", f.source},
          {"commit_source", f.commit_source},
          {"best_case_source", f.best_case_source}};
}

json CoverageJson(const ForecastCoverage& c) {
  return {{"commit", Opt(c.commit)}, {"best_case", Opt(c.best_case)}, {"calculated", Opt(c.calculated)}};
}

void PutBuyIn(json& j, const BuyIn& b) {
  j["quota"] = b.quota;
  j["bookings"] = b.bookings;
  j["quota_retirement"] = Opt(b.quota_retirement);
  j["pace"] = Opt(b.pace);
  j["remaining_quota"] = b.remaining_quota;
  j["open_pipeline"] = b.open_pipeline;
  j["pipeline_coverage"] = Opt(b.pipeline_coverage);
  j["quota_met"] = b.quota_met;
  j["forecast"] = ForecastJson(b.forecast);
  j["forecast_coverage"] = CoverageJson(b.forecast_coverage);
}

json WinRateJson(const WinRateRow& w) {
  return {{"period", w.quarter.label},
          {"start", FormatDate(w.quarter.start)},
          {"end", FormatDate(w.quarter.end)},
          {"closed", w.closed},
          {"won", w.won},
          {"win_rate", Opt(w.win_rate)},
          {"win_rate_amount", Opt(w.win_rate_amount)},
          {"team_closed", w.team_closed},
          {"team_won", w.team_won},
          {"team_win_rate", Opt(w.team_win_rate)}};
}

json AccountsRollupJson(const AccountRollup& a) {
  return {{"total", a.total}, {"with_open_pipeline", a.with_open_pipeline}, {"stale", a.stale}};
}

json StageJson(const FunnelStage& s) {
  return {{"stage", s.name},
          {"order", s.order},
          {"next_stage", s.next_stage},
          {"reached", s.reached},
          {"conversion", Opt(s.conversion)},
          {"team_reached", s.team_reached},
          {"team_conversion", Opt(s.team_conversion)},
          {"peer_reached", s.peer_reached},
          {"peer_conversion", Opt(s.peer_conversion)},
          {"p_value", Opt(s.p_value)},
          {"lost_deals", Opt(s.lost_deals)},
          {"bottleneck", s.bottleneck},
          {"skills", s.skills}};
}

json DiagnosisJson(const FunnelStage& s) {
  return {{"stage", s.name},
          {"next_stage", s.next_stage},
          {"reached", s.reached},
          {"conversion", Opt(s.conversion)},
          {"peer_conversion", Opt(s.peer_conversion)},
          {"p_value", Opt(s.p_value)},
          {"lost_deals", Opt(s.lost_deals)},
          {"skills", s.skills}};
}

json DealJson(const DataSet& ds, const DealRow& d, bool slipped, UserIx root) {
  auto o = static_cast<size_t>(d.opp);
  AccountIx a = ds.opp_account[o];
  UserIx owner = ds.opp_owner[o];
  // The deals listed are the subtree's own; the check is a second line.
  bool show_owner = Shows(ds, root, owner);
  json j = {{"id", ds.opp_id[o]},
            {"name", ds.opp_name[o]},
            {"account_id", a == kNone ? json(nullptr) : json(ds.account_id[static_cast<size_t>(a)])},
            {"account_name", a == kNone ? json(nullptr) : json(ds.account_name[static_cast<size_t>(a)])},
            {"owner_id", show_owner ? json(ds.user_id[static_cast<size_t>(owner)]) : json(nullptr)},
            {"owner_name", show_owner ? json(ds.user_name[static_cast<size_t>(owner)]) : json(nullptr)},
            {"amount", d.amount},
            {"stage", ds.stage(d.stage).name},
            {"close_date", FormatDate(d.close_date)}};
  if (slipped) {
    j["original_close_date"] = FormatDate(d.original_close_date);
  } else {
    j["last_change"] = FormatDate(d.last_change);
    j["days_since_change"] = d.days_since_change;
  }
  return j;
}

json ActivityCounts(const std::array<int64_t, kActivityTypeCount>& c) {
  return {{"call", c[0]}, {"email", c[1]}, {"meeting", c[2]}, {"other", c[3]}};
}

json ActivityMeans(const std::array<double, kActivityTypeCount>& c) {
  return {{"call", c[0]}, {"email", c[1]}, {"meeting", c[2]}, {"other", c[3]}};
}

json KpisJson(const DataSet& ds, const Kpis& k, UserIx root) {
  json stalled = json::array(), slipped = json::array();
  for (const DealRow& d : k.stalled) stalled.push_back(DealJson(ds, d, false, root));
  for (const DealRow& d : k.slipped) slipped.push_back(DealJson(ds, d, true, root));
  return {{"avg_deal_size", Opt(k.avg_deal_size)},
          {"sales_cycle_days", Opt(k.sales_cycle_days)},
          {"pipeline_created", k.pipeline_created},
          {"activities", ActivityCounts(k.activities)},
          {"team_activities_per_rep", ActivityMeans(k.team_activities_per_rep)},
          {"stalled", stalled},
          {"slipped", slipped}};
}

json TeamRowJson(const DataSet& ds, const TeamRow& r, UserIx root) {
  json j;
  j["user"] = UserJson(ds, r.user, root);
  PutBuyIn(j, r.buy_in);
  j["win_rate"] = {{"period", r.current_quarter.quarter.label},
                   {"closed", r.current_quarter.closed},
                   {"won", r.current_quarter.won},
                   {"win_rate", Opt(r.current_quarter.win_rate)}};
  j["accounts"] = AccountsRollupJson(r.accounts);
  return j;
}

json TeamTotalJson(const DataSet& ds, const Scorecard& card, UserIx root) {
  TeamRow total;
  total.user = card.user;
  total.buy_in = card.buy_in;
  total.current_quarter = card.win_rates.empty() ? WinRateRow{} : card.win_rates.back();
  total.accounts = card.accounts;
  return TeamRowJson(ds, total, root);
}

json PeriodJson(const Scorecard& card) {
  return {{"label", card.period.label},
          {"start", FormatDate(card.period.start)},
          {"end", FormatDate(card.period.end)},
          {"elapsed_fraction", card.elapsed_fraction}};
}

// An account's owner is named only when the caller may see them: a subtree's
// open deal can sit at an account owned outside it.
json AccountRowJson(const DataSet& ds, const AccountRow& r, UserIx root) {
  auto a = static_cast<size_t>(r.account);
  UserIx owner = ds.account_owner[a];
  if (!Shows(ds, root, owner)) owner = kNone;
  return {{"id", ds.account_id[a]},
          {"name", ds.account_name[a]},
          {"owner_id", owner == kNone ? json(nullptr) : json(ds.user_id[static_cast<size_t>(owner)])},
          {"owner_name", owner == kNone ? json(nullptr) : json(ds.user_name[static_cast<size_t>(owner)])},
          {"open_pipeline", ToUnits(r.open_pipeline)},
          {"open_opportunities", r.open_opportunities},
          {"last_touch_at", r.last_touch_at ? json(FormatInstant(*r.last_touch_at)) : json(nullptr)},
          {"days_since_touch", r.days_since_touch ? json(*r.days_since_touch) : json(nullptr)},
          {"calls_30d", r.calls_30d},
          {"emails_30d", r.emails_30d},
          {"meetings_30d", r.meetings_30d},
          {"calls_90d", r.calls_90d},
          {"emails_90d", r.emails_90d},
          {"meetings_90d", r.meetings_90d},
          {"next_close_date", r.next_close_date ? json(FormatDate(*r.next_close_date)) : json(nullptr)},
          {"stale", r.stale}};
}

}  // namespace

std::string ScorecardJson(const DataSet& ds, const Scorecard& card, int indent, UserIx visible_root) {
  const UserIx root = visible_root;
  json j;
  j["user"] = UserJson(ds, card.user, root);
  j["as_of"] = FormatDate(card.as_of);
  j["period"] = PeriodJson(card);
  PutBuyIn(j, card.buy_in);
  j["coverage_target"] = ds.settings.coverage_target;
  json timeline = json::array();
  for (const TimelinePoint& p : card.timeline) {
    timeline.push_back({{"date", FormatDate(p.date)}, {"bookings", p.bookings}, {"quota_pace", p.quota_pace}});
  }
  j["bookings_timeline"] = timeline;
  json win_rates = json::array();
  for (const WinRateRow& w : card.win_rates) win_rates.push_back(WinRateJson(w));
  j["win_rates"] = win_rates;
  json stages = json::array();
  for (const FunnelStage& s : card.funnel.stages) stages.push_back(StageJson(s));
  j["funnel"] = {{"cohort_size", card.funnel.cohort_size},
                 {"team_cohort_size", card.funnel.team_cohort_size},
                 {"has_peers", card.funnel.has_peers},
                 {"stages", stages}};
  json diagnosis = json::array();
  for (const FunnelStage& s : card.diagnosis) diagnosis.push_back(DiagnosisJson(s));
  j["diagnosis"] = diagnosis;
  j["kpis"] = KpisJson(ds, card.kpis, root);
  j["accounts"] = AccountsRollupJson(card.accounts);
  if (card.has_team) {
    json team = json::array();
    for (const TeamRow& r : card.team) {
      if (Shows(ds, root, r.user)) team.push_back(TeamRowJson(ds, r, root));
    }
    j["team"] = team;
    j["team_total"] = TeamTotalJson(ds, card, root);
  }
  return j.dump(indent);
}

std::string AccountRowsJson(const DataSet& ds, const std::vector<AccountRow>& rows, int indent) {
  json list = json::array();
  for (const AccountRow& r : rows) list.push_back(AccountRowJson(ds, r, kNone));
  return list.dump(indent);
}

std::string AccountPageJson(const DataSet& ds, const std::vector<AccountRow>& rows, size_t offset,
                            size_t limit, int indent, UserIx visible_root) {
  json list = json::array();
  for (size_t i = offset; i < rows.size() && i < offset + limit; ++i) {
    list.push_back(AccountRowJson(ds, rows[i], visible_root));
  }
  return json{{"total", rows.size()}, {"offset", offset}, {"limit", limit}, {"rows", list}}.dump(indent);
}

std::string TeamJson(const DataSet& ds, const Scorecard& card, int indent, UserIx visible_root) {
  const UserIx root = visible_root;
  json team = json::array();
  for (const TeamRow& r : card.team) {
    if (Shows(ds, root, r.user)) team.push_back(TeamRowJson(ds, r, root));
  }
  return json{{"user", UserJson(ds, card.user, root)},
              {"as_of", FormatDate(card.as_of)},
              {"period", PeriodJson(card)},
              {"team", team},
              {"team_total", TeamTotalJson(ds, card, root)}}
      .dump(indent);
}

std::string UsersJson(const DataSet& ds, const std::vector<UserIx>& users, int indent,
                      UserIx visible_root) {
  json list = json::array();
  for (UserIx u : users) {
    if (!Shows(ds, visible_root, u)) continue;
    json j = UserJson(ds, u, visible_root);
    j["team"] = ds.user_team[static_cast<size_t>(u)];
    j["email"] = ds.user_email[static_cast<size_t>(u)];
    j["has_reports"] = !ds.reports[static_cast<size_t>(u)].empty();
    list.push_back(j);
  }
  return json{{"users", list}}.dump(indent);
}

std::string ErrorJson(const std::string& message) { return json{{"error", message}}.dump(); }

std::string MeJson(const DataSet* ds, const std::string& email, const std::string& role,
                   UserIx user) {
  json j{{"email", email}, {"role", role}, {"user", nullptr}};
  if (ds != nullptr && user != kNone) {
    json u = UserJson(*ds, user, user);
    u["team"] = ds->user_team[static_cast<size_t>(user)];
    u["email"] = ds->user_email[static_cast<size_t>(user)];
    u["has_reports"] = !ds->reports[static_cast<size_t>(user)].empty();
    j["user"] = u;
  }
  return j.dump();
}

Result<LoginBody> ParseLoginBody(std::string_view body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Err(InvalidArgument("expected a JSON object {\"email\": ..., \"password\": ...}"));
  }
  auto email = j.find("email");
  auto password = j.find("password");
  if (email == j.end() || !email->is_string()) return Err(InvalidArgument("email: expected a string"));
  if (password == j.end() || !password->is_string()) {
    return Err(InvalidArgument("password: expected a string"));
  }
  return LoginBody{email->get<std::string>(), password->get<std::string>()};
}

std::string SignedInJson(const std::string& email, const std::string& role, int64_t expires_at_ms) {
  return json{{"email", email}, {"role", role}, {"expires_at_ms", expires_at_ms}}.dump();
}

}  // namespace sc
