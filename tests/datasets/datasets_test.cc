// Imports each data set of ../shared/datasets and checks facts stated in its
// README and facts computed here from the raw CSV, independently of the
// importers.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "app/dataset_loader.h"
#include "engine/scorecard.h"
#include "ingest/csv_reader.h"
#include "ingest/importer.h"
#include "ingest/testing/recording_sink.h"

namespace sc {
namespace {

namespace fs = std::filesystem;
const fs::path kDatasets = fs::path(SC_SHARED_DIR) / "datasets";
const fs::path kMappings = fs::path(SC_SOURCE_DIR) / "mappings";

// Every row of a CSV file as column -> value (a plain reader, no importer).
// Only `columns` when given (the activity files are large).
std::vector<std::map<std::string, std::string>> Rows(const fs::path& path,
                                                     std::vector<std::string> columns = {}) {
  std::vector<std::map<std::string, std::string>> rows;
  auto reader = CsvReader::Open(path);
  EXPECT_TRUE(reader.has_value()) << path;
  if (!reader) return rows;
  if (columns.empty()) columns = (*reader)->header();
  std::vector<int> index;
  for (const std::string& c : columns) index.push_back((*reader)->Column(c));
  CsvRecord rec;
  while (true) {
    Result<bool> more = (*reader)->Next(&rec);
    EXPECT_TRUE(more.has_value());
    if (!more || !*more) break;
    std::map<std::string, std::string> r;
    for (size_t i = 0; i < columns.size(); ++i) r[columns[i]] = std::string(rec.Field(index[i]));
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<ImportReport> Import(const fs::path& folder, std::string_view format,
                            testing::RecordingSink* sink) {
  ASSIGN_OR_RETURN(auto importer, MakeImporter(format));
  return importer->Run(folder, *sink, ImportOptions{});
}

bool HasWarning(const ImportReport& r, std::string_view text) {
  for (const std::string& w : r.warnings) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

// ---- CRM Sales Opportunities through mappings/crm-sales-opportunities.toml ----

TEST(CrmSalesOpportunities, ImportsThroughItsMapping) {
  const fs::path dir = kDatasets / "crm-sales-opportunities";
  testing::RecordingSink sink;
  auto report = Import(dir, (kMappings / "crm-sales-opportunities.toml").string(), &sink);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_TRUE(report->ok()) << ::testing::PrintToString(report->errors);
  // README: 35 agents, 6 managers, 3 offices; plus the head of sales.
  EXPECT_EQ(sink.users.size(), 35u + 6 + 3 + 1);
  EXPECT_EQ(sink.opportunities.size(), 8800u);
  EXPECT_EQ(sink.accounts.size(), 85u + 1);  // and the placeholder
  std::map<std::string, int> by_stage;
  int no_account = 0;
  for (const auto& o : sink.opportunities) {
    ++by_stage[o.stage];
    if (o.account_id == "(no account recorded)") ++no_account;
  }
  EXPECT_EQ(by_stage["Won"], 4238);
  EXPECT_EQ(by_stage["Lost"], 2473);
  EXPECT_EQ(by_stage["Engaging"], 1589);
  EXPECT_EQ(by_stage["Prospecting"], 500);
  EXPECT_EQ(no_account, 1425);
  // One history row per engage_date and one per close_date.
  int64_t dates = 0;
  for (auto& r : Rows(dir / "sales_pipeline.csv")) {
    dates += !r["engage_date"].empty() + !r["close_date"].empty();
  }
  EXPECT_EQ(static_cast<int64_t>(sink.history.size()), dates);
  for (const auto& u : sink.users) {
    if (u.id == "Cara Losch") { EXPECT_EQ(u.manager_id, "East office"); }
    if (u.id == "East office") { EXPECT_EQ(u.manager_id, "Head of Sales"); }
  }
}

TEST(CrmSalesOpportunities, ManagerWinRatesMatchPlainCounts) {
  const fs::path dir = kDatasets / "crm-sales-opportunities";
  // Independent: count Won and Lost per manager straight from the CSV files.
  std::map<std::string, std::string> manager_of;
  for (auto& r : Rows(dir / "sales_teams.csv")) manager_of[r["sales_agent"]] = r["manager"];
  std::map<std::string, std::pair<int, int>> counts;  // manager -> (won, closed)
  int won_total = 0, closed_total = 0;
  for (auto& r : Rows(dir / "sales_pipeline.csv")) {
    const std::string& stage = r["deal_stage"];
    if (stage != "Won" && stage != "Lost") continue;
    auto& c = counts[manager_of[r["sales_agent"]]];
    c.first += stage == "Won";
    ++c.second;
    won_total += stage == "Won";
    ++closed_total;
  }
  ASSERT_EQ(counts.size(), 6u);
  EXPECT_NEAR(static_cast<double>(won_total) / closed_total, 0.6315, 5e-5);  // README

  auto ds = LoadDataSetFromFolder(dir, (kMappings / "crm-sales-opportunities.toml").string());
  ASSERT_TRUE(ds.has_value()) << ds.error().ToString();
  // As of the data set's last day the win-rate quarters (four completed and
  // the current one) cover every close date (2017-03-01 .. 2017-12-31).
  Date as_of = *ParseDate("2017-12-31");
  Period period = (*ds)->calendar.QuarterContaining(as_of);
  const std::map<std::string, double> readme = {
      {"Cara Losch", .6443},    {"Summer Sewald", .6434}, {"Celia Rouche", .6341},
      {"Dustin Brinkmann", .6298}, {"Melvin Marxen", .6220}, {"Rocco Neubert", .6208}};
  for (const auto& [manager, c] : counts) {
    Result<UserIx> u = (*ds)->FindUser(manager);
    ASSERT_TRUE(u.has_value()) << manager;
    Scorecard card = ComputeScorecard(**ds, *u, as_of, period);
    int64_t won = 0, closed = 0;
    for (const WinRateRow& w : card.win_rates) {
      won += w.won;
      closed += w.closed;
    }
    EXPECT_EQ(won, c.first) << manager;
    EXPECT_EQ(closed, c.second) << manager;
    double rate = static_cast<double>(won) / static_cast<double>(closed);
    EXPECT_NEAR(rate, readme.at(manager), 5e-5) << manager;
  }
  // The head of sales sees everything: Won value 10,005,534 (README).
  Result<UserIx> head = (*ds)->FindUser("Head of Sales");
  ASSERT_TRUE(head.has_value());
  Scorecard all = ComputeScorecard(**ds, *head, as_of, (*ds)->calendar.Year(2017));
  EXPECT_DOUBLE_EQ(all.buy_in.bookings, 10005534);
}

// ---- Salesforce Data Export of a Developer Edition org ----

TEST(SalesforceDevOrgExport, ImportsTheDataExportDialect) {
  const fs::path dir = kDatasets / "salesforce-dev-org-export";
  testing::RecordingSink sink;
  auto report = Import(dir, "salesforce", &sink);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_TRUE(report->ok()) << ::testing::PrintToString(report->errors);
  EXPECT_EQ(sink.opportunities.size(), 31u);
  EXPECT_EQ(sink.history.size(), 62u);
  EXPECT_EQ(sink.accounts.size(), 12u);
  EXPECT_EQ(sink.activities.size(), 0u);  // Event.csv is header-only
  EXPECT_TRUE(HasWarning(*report, "OpportunityStage.csv not found"));
  EXPECT_TRUE(HasWarning(*report, "User.csv not found"));
  // README: the stages with their sort order and probability, Closed Won won.
  std::vector<std::string> names;
  for (const auto& s : sink.stages) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Prospecting", "Qualification", "Needs Analysis",
                                             "Value Proposition", "Id. Decision Makers",
                                             "Perception Analysis", "Proposal/Price Quote",
                                             "Negotiation/Review", "Closed Won"}));
  EXPECT_EQ(sink.stages[3].probability, 50);
  EXPECT_TRUE(sink.stages.back().is_won);
  // README: 18 Closed Won, sum 3,645,000, a single owner 00546000001l1cJAAQ.
  int won = 0;
  Money won_amount = 0;
  std::set<std::string> owners;
  for (const auto& o : sink.opportunities) {
    owners.insert(o.owner_id);
    if (o.stage == "Closed Won") {
      ++won;
      won_amount += o.amount;
    }
    EXPECT_EQ(o.id.size(), 18u);
  }
  EXPECT_EQ(won, 18);
  EXPECT_EQ(won_amount, 3645000 * 100);
  EXPECT_EQ(owners, (std::set<std::string>{"00546000001l1cJAAQ"}));
  ASSERT_EQ(sink.users.size(), 1u);
  // Empty-key ids: no account has a parent; CloseDate "2018-08-22 00:00:00" is a date.
  for (const auto& h : sink.history) EXPECT_FALSE(h.stage.empty());
  // Independent: CloseDate range 2018-06-26 .. 2018-10-15 (README).
  Date lo = *ParseDate("2100-01-01"), hi = *ParseDate("1900-01-01");
  for (const auto& o : sink.opportunities) {
    lo = std::min(lo, o.close_date);
    hi = std::max(hi, o.close_date);
  }
  EXPECT_EQ(FormatDate(lo), "2018-06-26");
  EXPECT_EQ(FormatDate(hi), "2018-10-15");
}

// ---- kittycorn: users, accounts and 170k activities whose opportunities are missing ----

TEST(SalesforceKittycorn, ImportsUsersAccountsAndActivities) {
  const fs::path src = kDatasets / "salesforce-kittycorn" / "csv";
  testing::TempDir dir;
  for (const char* f : {"User.csv", "Account.csv"}) fs::copy_file(src / f, dir.path() / f);
  for (const char* f : {"Task", "Event"}) {
    std::string cmd = "gzip -dc '" + (src / (std::string(f) + ".csv.gz")).string() + "' > '" +
                      (dir.path() / (std::string(f) + ".csv")).string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  // Independent counts from the raw files: the activities that keep an
  // account (AccountId, or an account WhatId) after the missing opportunities,
  // leads and contacts are dropped.
  auto users_raw = Rows(dir.path() / "User.csv", {"Id", "ManagerId"});
  std::map<std::string, std::string> manager_of;
  for (auto& r : users_raw) manager_of[r["Id"]] = r["ManagerId"];
  std::set<std::string> accounts;
  for (auto& r : Rows(dir.path() / "Account.csv", {"Id"})) accounts.insert(r["Id"]);
  int64_t expected = 0;
  std::map<std::string, int64_t> per_manager;
  for (const char* f : {"Task.csv", "Event.csv"}) {
    for (auto& r : Rows(dir.path() / f, {"AccountId", "WhatId", "OwnerId"})) {
      bool linked = accounts.count(r["AccountId"]) > 0 || accounts.count(r["WhatId"]) > 0;
      if (!linked) continue;
      ++expected;
      ++per_manager[manager_of[r["OwnerId"]]];
    }
  }

  testing::RecordingSink sink;
  auto report = Import(dir.path(), "salesforce", &sink);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_TRUE(report->ok()) << ::testing::PrintToString(report->errors);
  EXPECT_EQ(sink.users.size(), 123u);  // README
  EXPECT_EQ(sink.accounts.size(), 1680u);
  EXPECT_EQ(static_cast<int64_t>(sink.activities.size()), expected);
  // README: 60,799 tasks have an opportunity WhatId and an AccountId; 21,314
  // point only at leads.
  int64_t tasks = 0, calls = 0, meetings = 0;
  std::map<std::string, int64_t> imported_per_manager;
  std::map<std::string, std::string> sink_manager;
  for (const auto& u : sink.users) sink_manager[u.id] = u.manager_id;
  for (const auto& a : sink.activities) {
    if (a.id.rfind("00T", 0) == 0) ++tasks;
    calls += a.type == ActivityType::kCall;
    meetings += a.type == ActivityType::kMeeting;
    ++imported_per_manager[sink_manager[a.owner_id]];
  }
  EXPECT_EQ(tasks, 60799);
  EXPECT_EQ(calls, 0);  // every TaskSubtype is Task and there is no Type column: other
  EXPECT_EQ(meetings, static_cast<int64_t>(sink.activities.size()) - tasks);
  EXPECT_EQ(imported_per_manager, per_manager);
  EXPECT_TRUE(HasWarning(*report, "Task.csv: 82,113 of 82,117 activities refer to records not in "
                                  "the export: 60,799 WhatId, 21,314 WhoId"));
  // README: 4 managers with 16, 15, 16 and 16 reports; the managers have none.
  std::map<std::string, int> reports;
  for (const auto& u : sink.users) {
    if (!u.manager_id.empty()) ++reports[u.manager_id];
  }
  EXPECT_EQ(reports, (std::map<std::string, int>{{"0058a00000LvkJwAAJ", 16},
                                                  {"0058a00000LvkJDAAZ", 15},
                                                  {"0058a00000LvkJ8AAJ", 16},
                                                  {"0058a00000LvkJrAAJ", 16}}));
  for (const auto& u : sink.users) {
    if (reports.count(u.id)) {
      EXPECT_EQ(u.role, Role::kManager) << u.id;
      EXPECT_TRUE(u.manager_id.empty());
    }
  }
}

}  // namespace
}  // namespace sc
