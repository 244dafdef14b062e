// Test helpers: a RecordSink that keeps every record, and a native data set
// written to a temporary folder from in-memory files.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "base/strings.h"
#include "core/record_sink.h"

namespace sc::testing {

class RecordingSink : public RecordSink {
 public:
  Status OnSettings(const Settings& s) override { settings.push_back(s); return {}; }
  Status OnUser(const UserRecord& r) override { users.push_back(r); return {}; }
  Status OnStage(const StageRecord& r) override { stages.push_back(r); return {}; }
  Status OnAccount(const AccountRecord& r) override { accounts.push_back(r); return {}; }
  Status OnContact(const ContactRecord& r) override { contacts.push_back(r); return {}; }
  Status OnOpportunity(const OpportunityRecord& r) override { opportunities.push_back(r); return {}; }
  Status OnHistory(const HistoryRecord& r) override { history.push_back(r); return {}; }
  Status OnActivity(const ActivityRecord& r) override { activities.push_back(r); return {}; }
  Status OnQuota(const QuotaRecord& r) override { quotas.push_back(r); return {}; }
  Status OnForecast(const ForecastRecord& r) override { forecasts.push_back(r); return {}; }

  size_t total() const {
    return settings.size() + users.size() + stages.size() + accounts.size() + contacts.size() +
           opportunities.size() + history.size() + activities.size() + quotas.size() +
           forecasts.size();
  }

  std::vector<Settings> settings;
  std::vector<UserRecord> users;
  std::vector<StageRecord> stages;
  std::vector<AccountRecord> accounts;
  std::vector<ContactRecord> contacts;
  std::vector<OpportunityRecord> opportunities;
  std::vector<HistoryRecord> history;
  std::vector<ActivityRecord> activities;
  std::vector<QuotaRecord> quotas;
  std::vector<ForecastRecord> forecasts;
};

namespace dump_internal {
template <typename T>
std::string Opt(const std::optional<T>& v) {
  if (!v) return "null";
  if constexpr (std::is_same_v<T, Instant>) return FormatInstant(*v) + "/" + std::to_string(v->time_since_epoch().count());
  else if constexpr (std::is_same_v<T, Date>) return FormatDate(*v);
  else if constexpr (std::is_same_v<T, ForecastCategory>) return std::string(ForecastCategoryName(*v));
  else return std::to_string(*v);
}
inline std::string Ms(Instant t) { return std::to_string(t.time_since_epoch().count()); }
}  // namespace dump_internal

// Every field of every record, one line per record, in sink order: equal
// dumps mean equal data sets.
inline std::vector<std::string> Dump(const RecordingSink& s) {
  using dump_internal::Ms;
  using dump_internal::Opt;
  std::vector<std::string> out;
  for (const Settings& x : s.settings) {
    std::string line = "settings " + std::to_string(x.fiscal_start_month) + " [" +
                       Join(x.quota_types, "|") + "] " + std::to_string(x.coverage_target) + " " +
                       std::to_string(x.forecast_lookback_days) + " " +
                       std::to_string(x.forecast_shrinkage) + " " +
                       std::to_string(x.winrate_quarters) + " [" + Join(x.winrate_types, "|") +
                       "] " + std::to_string(x.funnel_min_deals) + " " +
                       std::to_string(x.funnel_alpha) + " " +
                       std::to_string(x.accounts_stale_days) + " [" +
                       Join(x.accounts_touch_types, "|") + "] " +
                       std::to_string(x.deals_stalled_days) + " " + Opt(x.reference_date);
    for (const auto& [k, v] : x.skills) line += " {" + k + ":" + Join(v, "|") + "}";
    out.push_back(line);
  }
  for (const UserRecord& r : s.users) {
    out.push_back("user " + r.id + "," + r.name + "," + r.email + "," +
                  std::string(RoleName(r.role)) + "," + r.manager_id + "," + r.team + "," +
                  (r.active ? "1" : "0"));
  }
  for (const StageRecord& r : s.stages) {
    out.push_back("stage " + r.name + "," + std::to_string(r.order) + "," +
                  std::to_string(r.is_closed) + std::to_string(r.is_won) + "," +
                  Opt(r.probability) + "," + Opt(r.forecast_category) + ",[" +
                  Join(r.skills, "|") + "]");
  }
  for (const AccountRecord& r : s.accounts) {
    out.push_back("account " + r.id + "," + r.name + "," + r.owner_id + "," + r.segment + "," +
                  r.industry + "," + Opt(r.created_at));
  }
  for (const ContactRecord& r : s.contacts) {
    out.push_back("contact " + r.id + "," + r.account_id + "," + r.name + "," + r.title + "," +
                  r.email);
  }
  for (const OpportunityRecord& r : s.opportunities) {
    out.push_back("opportunity " + r.id + "," + r.account_id + "," + r.owner_id + "," + r.name +
                  "," + r.type + "," + std::to_string(r.amount) + "," + r.stage + "," +
                  Opt(r.forecast_category) + "," + Ms(r.created_at) + "," +
                  FormatDate(r.close_date));
  }
  for (const HistoryRecord& r : s.history) {
    out.push_back("history " + r.opportunity_id + "," + Ms(r.changed_at) + "," + r.stage + "," +
                  Opt(r.amount) + "," + Opt(r.close_date) + "," + Opt(r.forecast_category));
  }
  for (const ActivityRecord& r : s.activities) {
    out.push_back("activity " + r.id + "," + std::string(ActivityTypeName(r.type)) + "," +
                  r.owner_id + "," + r.account_id + "," + r.contact_id + "," +
                  r.opportunity_id + "," + Ms(r.occurred_at) + "," + r.subject);
  }
  for (const QuotaRecord& r : s.quotas) {
    out.push_back("quota " + r.owner_id + "," + FormatDate(r.start_date) + "," +
                  FormatDate(r.end_date) + "," + std::to_string(r.amount));
  }
  for (const ForecastRecord& r : s.forecasts) {
    out.push_back("forecast " + r.owner_id + "," + r.period + "," +
                  std::string(SubmissionCategoryName(r.category)) + "," +
                  std::to_string(r.amount) + "," + Ms(r.submitted_at));
  }
  return out;
}

// Pushes every record of `s` into `sink` in RecordSink order.
inline Status Replay(const RecordingSink& s, RecordSink& sink) {
  for (const auto& x : s.settings) if (Status st = sink.OnSettings(x); !st.ok()) return st;
  for (const auto& x : s.users) if (Status st = sink.OnUser(x); !st.ok()) return st;
  for (const auto& x : s.stages) if (Status st = sink.OnStage(x); !st.ok()) return st;
  for (const auto& x : s.accounts) if (Status st = sink.OnAccount(x); !st.ok()) return st;
  for (const auto& x : s.contacts) if (Status st = sink.OnContact(x); !st.ok()) return st;
  for (const auto& x : s.opportunities) if (Status st = sink.OnOpportunity(x); !st.ok()) return st;
  for (const auto& x : s.history) if (Status st = sink.OnHistory(x); !st.ok()) return st;
  for (const auto& x : s.activities) if (Status st = sink.OnActivity(x); !st.ok()) return st;
  for (const auto& x : s.quotas) if (Status st = sink.OnQuota(x); !st.ok()) return st;
  for (const auto& x : s.forecasts) if (Status st = sink.OnForecast(x); !st.ok()) return st;
  return {};
}

// A temporary folder removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("sc_test_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& content) const {
    std::ofstream(path_ / name, std::ios::binary) << content;
  }

 private:
  std::filesystem::path path_;
};

// A small valid native data set: every file, every kind of reference.
inline std::map<std::string, std::string> SmallDataSet() {
  return {
      {"users.csv",
       "id,name,email,role,manager_id,team,active\n"
       "vp,Vera,vera@example.com,executive,,,\n"
       "m1,Mona,,manager,vp,East,\n"
       "u1,David,david@example.com,ae,m1,East,true\n"
       "u2,Erin,,,m1,East,false\n"},
      {"stages.csv",
       "name,order,is_closed,is_won,probability,forecast_category,skills\n"
       "Qualification,1,false,false,10,,qualifying\n"
       "Proposal,2,false,false,50,best_case,business justification; taking control\n"
       "Closed Won,0,true,true,100,,\n"
       "Closed Lost,0,true,false,0,omitted,\n"},
      {"accounts.csv",
       "id,name,owner_id,segment,industry,created_at\n"
       "a1,Acme,u1,SMB,Tech,2026-01-05\n"
       "a2,Globex,,Enterprise,,\n"},
      {"contacts.csv",
       "id,account_id,name,title,email\n"
       "c1,a2,Carl,CTO,carl@globex.com\n"},
      {"opportunities.csv",
       "id,account_id,owner_id,name,type,amount,stage,forecast_category,created_at,close_date\n"
       "o1,a1,u1,Deal 1,New Business,1000.50,Qualification,,2026-01-10T09:00:00Z,2026-03-31\n"
       "o2,a2,u2,Deal 2,Expansion,2e3,closed won,Commit,2026-01-11,2026-02-15\n"},
      {"stage_history.csv",
       "opportunity_id,changed_at,stage,amount,close_date,forecast_category\n"
       "o2,2026-01-20T10:00:00+01:00,proposal,,,\n"
       "o2,2026-02-15,Closed Won,2500,2026-02-15,Closed\n"},
      {"activities.csv",
       "id,type,owner_id,account_id,contact_id,opportunity_id,occurred_at,subject\n"
       "t1,call,u1,a1,,,2026-02-01T10:00:00Z,Intro\n"
       "t2,email,,,,o2,2026-02-02 08:00:00,Follow-up\n"
       "t3,meeting,u2,,c1,,2026-02-03,Demo\n"
       "t4,other,u1,a1,c1,o2,2026-02-04,Own account wins\n"},
      {"quotas.csv",
       "owner_id,start_date,end_date,amount\n"
       "u1,2026-01-01,2026-03-31,50000\n"},
      {"forecasts.csv",
       "owner_id,period,category,amount,submitted_at\n"
       "u1,fy2026 - q1,Best Case,30000,2026-02-01T00:00:00Z\n"},
      {"settings.toml",
       "[fiscal]\nstart_month = 1\n[skills]\n\"proposal\" = [\"objections\"]\n"},
  };
}

}  // namespace sc::testing
