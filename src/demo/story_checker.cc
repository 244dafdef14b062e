#include "demo/story_checker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace sc::demo::testing {
namespace {

using Table = std::vector<std::vector<std::string>>;

int64_t DayNum(const std::string& s) {  // YYYY-MM-DD..., days since 1970-01-01
  int64_t y = std::stoll(s.substr(0, 4)), m = std::stoll(s.substr(5, 2)),
          d = std::stoll(s.substr(8, 2));
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string Ymd(int y, int m) {
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-01", y, m);
  return b;
}

struct Quarter {
  std::string label;
  int64_t start, end;
};

Quarter QuarterOf(int y, int q) {  // q may be out of 1..4
  while (q < 1) { q += 4; --y; }
  while (q > 4) { q -= 4; ++y; }
  int ny = q == 4 ? y + 1 : y, nm = q == 4 ? 1 : 3 * q + 1;
  return {"FY" + std::to_string(y) + "-Q" + std::to_string(q), DayNum(Ymd(y, 3 * q - 2)),
          DayNum(Ymd(ny, nm)) - 1};
}

Table Load(const std::filesystem::path& p, std::map<std::string, int>* cols) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Table t = ParseCsv(ss.str());
  cols->clear();
  for (size_t i = 0; i < t[0].size(); ++i) (*cols)[t[0][i]] = static_cast<int>(i);
  t.erase(t.begin());
  return t;
}

struct State {
  int64_t day = 0;  // of changed_at
  std::string stage;
  double amount = 0;
  int64_t close = 0;
  std::string category;
};

struct Opp {
  std::string id, account, owner, type, created;
  int64_t created_day = 0;
  std::vector<State> states;  // resolved history, time order
};

// The state at the end of day x (SPEC §2.2; every demo deal has history).
const State* StateAt(const Opp& o, int64_t x) {
  if (o.created_day > x) return nullptr;
  const State* s = &o.states.front();
  for (const State& st : o.states) {
    if (st.day <= x) s = &st;
  }
  return s;
}

}  // namespace

Table ParseCsv(const std::string& text) {
  Table rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

StoryNumbers CheckStory(const std::filesystem::path& dir, const std::string& as_of) {
  StoryNumbers out;
  const int64_t d = DayNum(as_of);
  int year = std::stoi(as_of.substr(0, 4)), month = std::stoi(as_of.substr(5, 2));
  int qn = (month - 1) / 3 + 1;
  Quarter p = QuarterOf(year, qn);
  std::map<std::string, int> c;

  // People: David, his manager, the team (the manager's direct reports).
  Table users = Load(dir / "users.csv", &c);
  std::map<std::string, std::string> manager_of, name_of;
  for (auto& u : users) {
    manager_of[u[c["id"]]] = u[c["manager_id"]];
    name_of[u[c["id"]]] = u[c["name"]];
    if (u[c["name"]] == "David") out.david_id = u[c["id"]];
  }
  std::set<std::string> team;  // AEs only in the demo: subtree = the person
  for (auto& [id, m] : manager_of) {
    if (m == manager_of[out.david_id]) team.insert(id);
  }
  const std::string& david = out.david_id;

  Table stages = Load(dir / "stages.csv", &c);
  std::map<std::string, int> order;
  std::set<std::string> open_stages;
  std::string won_stage;
  for (auto& s : stages) {
    order[s[c["name"]]] = std::stoi(s[c["order"]]);
    if (s[c["is_closed"]] == "false") open_stages.insert(s[c["name"]]);
    if (s[c["is_won"]] == "true") won_stage = s[c["name"]];
  }

  Table opps = Load(dir / "opportunities.csv", &c);
  std::map<std::string, Opp> by_id;
  std::vector<std::string> opp_order;
  std::map<std::string, State> own;  // the opportunity's own values
  for (auto& r : opps) {
    Opp o{r[c["id"]], r[c["account_id"]], r[c["owner_id"]], r[c["type"]], r[c["created_at"]], 0, {}};
    o.created_day = DayNum(o.created);
    own[o.id] = State{0, r[c["stage"]], std::stod(r[c["amount"]]), DayNum(r[c["close_date"]]),
                      r[c["forecast_category"]]};
    opp_order.push_back(o.id);
    by_id[o.id] = o;
  }
  Table hist = Load(dir / "stage_history.csv", &c);
  std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>> raw;
  for (auto& h : hist) raw[h[c["opportunity_id"]]].push_back({h[c["changed_at"]], h});
  for (auto& [id, rows] : raw) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](auto& a, auto& b) { return a.first < b.first; });
    State s = own[id];
    for (auto& [at, h] : rows) {
      s.day = DayNum(at);
      s.stage = h[c["stage"]];
      if (!h[c["amount"]].empty()) s.amount = std::stod(h[c["amount"]]);
      if (!h[c["close_date"]].empty()) s.close = DayNum(h[c["close_date"]]);
      if (!h[c["forecast_category"]].empty()) s.category = h[c["forecast_category"]];
      by_id[id].states.push_back(s);
    }
  }

  // Quota and forecasts for P.
  Table quotas = Load(dir / "quotas.csv", &c);
  std::map<std::string, int> qc = c;
  std::map<std::string, double> quota_of, booked_by;
  for (auto& q : quotas) {
    if (!team.count(q[c["owner_id"]])) continue;
    int64_t s = DayNum(q[c["start_date"]]), e = DayNum(q[c["end_date"]]);
    int64_t overlap = std::min(e, p.end) - std::max(s, p.start) + 1;
    if (overlap > 0) quota_of[q[c["owner_id"]]] += std::stod(q[c["amount"]]) * overlap / (e - s + 1);
  }
  out.quota = quota_of[david];
  Table forecasts = Load(dir / "forecasts.csv", &c);
  std::string latest_commit, latest_best;
  for (auto& f : forecasts) {
    if (f[c["owner_id"]] != david || f[c["period"]] != p.label) continue;
    const std::string& at = f[c["submitted_at"]];
    if (DayNum(at) > d) continue;
    bool commit = f[c["category"]] == "commit";
    std::string& latest = commit ? latest_commit : latest_best;
    if (at >= latest) {
      latest = at;
      (commit ? out.commit : out.best_case) = std::stod(f[c["amount"]]);
    }
  }

  // Deals: bookings, pipeline, created, stalled, slipped, cohort, win rates.
  std::vector<Quarter> past = {QuarterOf(year, qn - 3), QuarterOf(year, qn - 2), QuarterOf(year, qn - 1)};
  for (auto& q : past) out.win_rates.push_back({q.label, 0, 0, 0, 0});
  std::map<std::string, double> created_by_owner;
  int64_t reached[2][6] = {};  // [0] David, [1] peers; index 5 = won
  std::map<std::string, double> account_open;  // account -> open pipeline
  for (const std::string& id : opp_order) {
    const Opp& o = by_id[id];
    const State* s = StateAt(o, d);
    if (s == nullptr) continue;
    bool open = open_stages.count(s->stage) > 0, won = s->stage == won_stage;
    bool omitted = s->category == "omitted";
    if (open && !omitted) account_open[o.account] += s->amount;
    if (o.created_day >= p.start) created_by_owner[o.owner] += s->amount;
    bool in_team = team.count(o.owner) > 0, is_david = o.owner == david;
    if (!open && in_team) {
      for (size_t i = 0; i < past.size(); ++i) {
        if (o.type != "New Business" || s->close < past[i].start || s->close > past[i].end) continue;
        out.win_rates[i].team_closed++;
        out.win_rates[i].team_won += won;
        if (is_david) {
          out.win_rates[i].rep_closed++;
          out.win_rates[i].rep_won += won;
        }
      }
      if (s->close > d - 365 && s->close <= d) {
        int max_order = 1;
        for (const State& st : o.states) {
          if (st.day <= d && open_stages.count(st.stage)) max_order = std::max(max_order, order[st.stage]);
        }
        if (won) max_order = 6;
        for (int i = 0; i < max_order && i < 6; ++i) reached[is_david ? 0 : 1][i]++;
        out.cohort += is_david;
      }
    }
    if (won && s->close >= p.start && s->close <= d) booked_by[o.owner] += s->amount;
    if (!is_david) continue;
    if (open && !omitted && s->close >= p.start && s->close <= p.end) out.open_pipeline += s->amount;
    if (open && s->day < d - 30) out.stalled++;
    const State* at_start = StateAt(o, p.start);
    if (!won && at_start != nullptr && at_start->close >= p.start && at_start->close <= p.end &&
        s->close > p.end) {
      out.slipped++;
    }
  }
  for (int i = 0; i < 5; ++i) {
    FunnelStep& f = out.funnel[i];
    f.rep_reached = reached[0][i];
    f.rep_next = reached[0][i + 1];
    f.peer_reached = reached[1][i];
    f.peer_next = reached[1][i + 1];
    double n1 = f.rep_reached, n2 = f.peer_reached, x1 = f.rep_next, x2 = f.peer_next;
    if (n1 > 0 && n2 > 0) {
      double pooled = (x1 + x2) / (n1 + n2);
      if (pooled > 0 && pooled < 1) {
        double z = (x1 / n1 - x2 / n2) / std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        f.p_value = 0.5 * std::erfc(-z / std::sqrt(2.0));
      }
    }
  }
  out.bookings = booked_by[david];
  out.pipeline_created = created_by_owner[david];
  double peer_sum = 0;
  for (const std::string& id : team) {
    if (id != david) peer_sum += created_by_owner[id];
  }
  out.peer_pipeline_created_mean = peer_sum / static_cast<double>(team.size() - 1);
  out.quota_retirement = out.bookings / out.quota;
  out.pipeline_coverage = out.open_pipeline / std::max(out.quota - out.bookings, 1.0);

  // Accounts: David's own plus those of his open deals; last call/email.
  Table accounts = Load(dir / "accounts.csv", &c);
  std::set<std::string> mine;
  for (auto& a : accounts) {
    if (a[c["owner_id"]] == david) mine.insert(a[c["id"]]);
  }
  for (auto& [id, o] : by_id) {
    const State* s = StateAt(o, d);
    if (o.owner == david && s && open_stages.count(s->stage)) mine.insert(o.account);
  }
  Table contacts = Load(dir / "contacts.csv", &c);
  std::map<std::string, std::string> contact_account;
  for (auto& r : contacts) contact_account[r[c["id"]]] = r[c["account_id"]];
  Table acts = Load(dir / "activities.csv", &c);
  std::map<std::string, int64_t> last_touch;
  for (auto& a : acts) {
    const std::string& type = a[c["type"]];
    if (type != "call" && type != "email") continue;
    int64_t day = DayNum(a[c["occurred_at"]]);
    if (day > d) continue;
    std::string account = a[c["account_id"]];
    if (account.empty() && !a[c["opportunity_id"]].empty()) account = by_id[a[c["opportunity_id"]]].account;
    if (account.empty()) account = contact_account[a[c["contact_id"]]];
    auto [it, inserted] = last_touch.emplace(account, day);
    if (!inserted) it->second = std::max(it->second, day);
  }
  for (const std::string& a : mine) {
    if (account_open[a] <= 0) continue;
    out.accounts_with_open_pipeline++;
    auto it = last_touch.find(a);
    if (it == last_touch.end()) out.never_touched++;
    if (it == last_touch.end() || d - it->second > 14) out.stale_accounts++;
  }

  for (const std::string& id : team) {
    if (id == david || quota_of[id] <= 0) continue;
    char b[96];
    std::snprintf(b, sizeof b, "%s %.2f", name_of[id].c_str(), booked_by[id] / quota_of[id]);
    out.peer_retirement.push_back(b);
  }
  return out;
}

std::string Describe(const StoryNumbers& s) {
  static const char* kNames[5] = {"Qualification->Discovery", "Discovery->Solution Fit",
                                  "Solution Fit->Business Justification",
                                  "Business Justification->Negotiation", "Negotiation->Won"};
  char b[512];
  std::string t;
  std::snprintf(b, sizeof b,
                "David (%s): quota %.0f, bookings %.0f, retirement %.3f; open pipeline %.0f, "
                "coverage %.2f; commit %.0f (%.2f), best case %.0f (%.2f); pipeline created "
                "%.0f (peers' mean %.0f)\n",
                s.david_id.c_str(), s.quota, s.bookings, s.quota_retirement, s.open_pipeline,
                s.pipeline_coverage, s.commit, s.commit / s.quota, s.best_case,
                s.best_case / s.quota, s.pipeline_created, s.peer_pipeline_created_mean);
  t += b;
  std::snprintf(b, sizeof b, "  funnel cohort %lld deals\n", static_cast<long long>(s.cohort));
  t += b;
  for (int i = 0; i < 5; ++i) {
    const FunnelStep& f = s.funnel[i];
    std::snprintf(b, sizeof b, "  %-38s David %2lld/%-3lld = %.2f  peers %3lld/%-3lld = %.2f  p = %.4f\n",
                  kNames[i], static_cast<long long>(f.rep_next),
                  static_cast<long long>(f.rep_reached), f.rep_conversion(),
                  static_cast<long long>(f.peer_next), static_cast<long long>(f.peer_reached),
                  f.peer_conversion(), f.p_value);
    t += b;
  }
  for (const QuarterWinRate& q : s.win_rates) {
    std::snprintf(b, sizeof b, "  %s new business: David %lld/%lld won, team %lld/%lld\n",
                  q.label.c_str(), static_cast<long long>(q.rep_won),
                  static_cast<long long>(q.rep_closed), static_cast<long long>(q.team_won),
                  static_cast<long long>(q.team_closed));
    t += b;
  }
  std::snprintf(b, sizeof b,
                "  accounts with open pipeline %lld, stale %lld (never touched %lld); stalled "
                "deals %lld, slipped %lld\n",
                static_cast<long long>(s.accounts_with_open_pipeline),
                static_cast<long long>(s.stale_accounts), static_cast<long long>(s.never_touched),
                static_cast<long long>(s.stalled), static_cast<long long>(s.slipped));
  t += b;
  t += "  peers' retirement:";
  for (const std::string& r : s.peer_retirement) t += " " + r + ";";
  t += "\n";
  return t;
}

}  // namespace sc::demo::testing
