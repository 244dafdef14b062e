#include "ingest/native_importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/testing/recording_sink.h"

namespace sc {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using sc::testing::RecordingSink;
using sc::testing::SmallDataSet;
using sc::testing::TempDir;

using Files = std::map<std::string, std::string>;

struct Outcome {
  ImportReport report;
  RecordingSink sink;
};

Outcome Import(const Files& files, ImportOptions options = {}) {
  TempDir dir;
  for (const auto& [name, content] : files) dir.Write(name, content);
  Outcome out;
  NativeImporter importer;
  Result<ImportReport> r = importer.Run(dir.path(), out.sink, options);
  EXPECT_TRUE(r.has_value()) << r.error().ToString();
  if (r) out.report = *r;
  return out;
}

// The data set with one file replaced (or removed when `content` is empty).
Files With(const std::string& name, const std::string& content) {
  Files f = SmallDataSet();
  if (content.empty()) f.erase(name);
  else f[name] = content;
  return f;
}

// The errors of importing the data set with `name` replaced.
std::vector<std::string> ErrorsWith(const std::string& name, const std::string& content) {
  Outcome o = Import(With(name, content));
  EXPECT_EQ(o.report.error_count, static_cast<int64_t>(o.report.errors.size()));
  return o.report.errors;
}

TEST(NativeImporter, SmallDataSetImportsEveryRecord) {
  Outcome o = Import(SmallDataSet());
  ASSERT_TRUE(o.report.ok()) << ::testing::PrintToString(o.report.errors);
  const RecordingSink& s = o.sink;
  ASSERT_EQ(s.settings.size(), 1u);
  EXPECT_THAT(s.settings[0].skills.at("Proposal"), ElementsAre("objections"));  // normalised
  ASSERT_EQ(s.users.size(), 4u);
  EXPECT_EQ(s.users[0].role, Role::kExecutive);
  EXPECT_EQ(s.users[0].manager_id, "");
  EXPECT_EQ(s.users[3].role, Role::kAe);  // empty role: ae
  EXPECT_FALSE(s.users[3].active);
  EXPECT_TRUE(s.users[1].active);  // empty: true
  ASSERT_EQ(s.stages.size(), 4u);
  EXPECT_THAT(s.stages[1].skills, ElementsAre("business justification", "taking control"));
  EXPECT_EQ(s.stages[1].forecast_category, ForecastCategory::kBestCase);
  EXPECT_EQ(s.stages[1].probability, 50.0);
  EXPECT_TRUE(s.stages[2].is_won && s.stages[2].is_closed);
  ASSERT_EQ(s.accounts.size(), 2u);
  EXPECT_EQ(s.accounts[0].created_at, StartOfDay(*ParseDate("2026-01-05")));
  EXPECT_FALSE(s.accounts[1].created_at.has_value());
  ASSERT_EQ(s.contacts.size(), 1u);
  ASSERT_EQ(s.opportunities.size(), 2u);
  EXPECT_EQ(s.opportunities[0].amount, 100050);
  EXPECT_FALSE(s.opportunities[0].forecast_category.has_value());
  EXPECT_EQ(s.opportunities[1].amount, 200000);
  EXPECT_EQ(s.opportunities[1].stage, "Closed Won");  // stages.csv spelling
  EXPECT_EQ(s.opportunities[1].forecast_category, ForecastCategory::kCommit);
  ASSERT_EQ(s.history.size(), 2u);
  EXPECT_EQ(s.history[0].stage, "Proposal");
  EXPECT_EQ(s.history[0].changed_at, *ParseInstant("2026-01-20T09:00:00Z"));
  EXPECT_FALSE(s.history[0].amount.has_value());
  EXPECT_EQ(s.history[1].amount, 250000);
  EXPECT_EQ(s.history[1].forecast_category, ForecastCategory::kClosed);
  ASSERT_EQ(s.quotas.size(), 1u);
  EXPECT_EQ(s.quotas[0].amount, 5000000);
  ASSERT_EQ(s.forecasts.size(), 1u);
  EXPECT_EQ(s.forecasts[0].period, "FY2026-Q1");
  EXPECT_EQ(s.forecasts[0].category, SubmissionCategory::kBestCase);
  const ImportCounts& c = o.report.counts;
  EXPECT_EQ(c.users, 4);
  EXPECT_EQ(c.stages, 4);
  EXPECT_EQ(c.accounts, 2);
  EXPECT_EQ(c.contacts, 1);
  EXPECT_EQ(c.opportunities, 2);
  EXPECT_EQ(c.history, 2);
  EXPECT_EQ(c.activities, 4);
  EXPECT_EQ(c.quotas, 1);
  EXPECT_EQ(c.forecasts, 1);
  EXPECT_THAT(o.report.warnings, IsEmpty());
}

TEST(NativeImporter, ActivityAccountIsResolved) {
  Outcome o = Import(SmallDataSet());
  ASSERT_EQ(o.sink.activities.size(), 4u);
  EXPECT_EQ(o.sink.activities[0].account_id, "a1");  // its own
  EXPECT_EQ(o.sink.activities[1].account_id, "a2");  // through opportunity o2
  EXPECT_EQ(o.sink.activities[2].account_id, "a2");  // through contact c1
  EXPECT_EQ(o.sink.activities[3].account_id, "a1");  // own wins over o2 and c1
  EXPECT_EQ(o.sink.activities[1].type, ActivityType::kEmail);
  EXPECT_EQ(o.sink.activities[1].occurred_at, *ParseInstant("2026-02-02T08:00:00Z"));
}

TEST(NativeImporter, ActivityAccountThroughOpportunityBeforeContact) {
  Files f = SmallDataSet();
  f["accounts.csv"] += "a3,Initech,,,,\n";
  f["contacts.csv"] += "c3,a3,Cid,,\n";
  f["activities.csv"] =
      "id,type,occurred_at,contact_id,opportunity_id\n"
      "t1,call,2026-02-01,c3,o1\n";
  Outcome o = Import(f);
  ASSERT_TRUE(o.report.ok()) << ::testing::PrintToString(o.report.errors);
  ASSERT_EQ(o.sink.activities.size(), 1u);
  EXPECT_EQ(o.sink.activities[0].account_id, "a1");  // o1's account, not c3's a3
}

TEST(NativeImporter, BomCrlfQuotedEverythingHeaderCaseAndUnknownColumns) {
  Files f = SmallDataSet();
  f["users.csv"] =
      "\xEF\xBB\xBF\"ID\",\"Name\",\"Shoe Size\",\"Manager_ID\",\"ROLE\"\r\n"
      "\"vp\",\"Vera, \"\"the boss\"\"\",\"42\",\"\",\"Executive\"\r\n"
      "\"m1\",\"Mona\nSecond line\",\"38\",\"vp\",\"manager\"\r\n"
      "\"u1\",\"David\",\"44\",\"m1\",\"AE\"\r\n"
      "\"u2\",\" Erin \",\"\",\"m1\",\"\"\r\n";
  Outcome o = Import(f);
  ASSERT_TRUE(o.report.ok()) << ::testing::PrintToString(o.report.errors);
  ASSERT_EQ(o.sink.users.size(), 4u);
  EXPECT_EQ(o.sink.users[0].name, "Vera, \"the boss\"");
  EXPECT_EQ(o.sink.users[1].name, "Mona\nSecond line");
  EXPECT_EQ(o.sink.users[3].name, "Erin");
  EXPECT_EQ(o.sink.users[0].role, Role::kExecutive);
}

TEST(NativeImporter, OptionalFilesMayBeAbsent) {
  Files f = SmallDataSet();
  for (const char* name : {"contacts.csv", "stage_history.csv", "activities.csv", "quotas.csv",
                           "forecasts.csv", "settings.toml"}) {
    f.erase(name);
  }
  Outcome o = Import(f);
  ASSERT_TRUE(o.report.ok()) << ::testing::PrintToString(o.report.errors);
  EXPECT_EQ(o.sink.settings.size(), 1u);  // the defaults
  EXPECT_EQ(o.report.counts.activities, 0);
}

// ---- One test per validation rule (SPEC §1.2, §7.4) ----

TEST(NativeValidation, MissingRequiredFile) {
  EXPECT_THAT(ErrorsWith("stages.csv", ""), ElementsAre("stages.csv: missing required file"));
  EXPECT_THAT(ErrorsWith("users.csv", ""), ElementsAre("users.csv: missing required file"));
}

TEST(NativeValidation, MissingRequiredColumn) {
  EXPECT_THAT(ErrorsWith("users.csv", "id,email\nvp,x\nm1,\nu1,\nu2,\n"),
              ElementsAre("users.csv: missing required column 'name'"));
}

TEST(NativeValidation, EmptyRequiredField) {
  EXPECT_THAT(ErrorsWith("opportunities.csv",
                         "id,account_id,owner_id,amount,stage,created_at,close_date\n"
                         "o1,a1,u1,,Qualification,2026-01-10,2026-03-31\n"
                         "o2,a2,u2,5,Qualification,2026-01-10,2026-03-31\n"),
              ElementsAre("opportunities.csv:2: amount: required value is empty"));
}

TEST(NativeValidation, UnparsableNumberDateAndDatetime) {
  EXPECT_THAT(ErrorsWith("opportunities.csv",
                         "id,account_id,owner_id,amount,stage,created_at,close_date\n"
                         "o1,a1,u1,abc,Qualification,2026-01-10,2026-03-31\n"
                         "o2,a2,u2,5,Qualification,yesterday,2026-02-30\n"),
              ElementsAre("opportunities.csv:2: amount: not a number: 'abc'",
                          "opportunities.csv:3: created_at: not a datetime (expected "
                          "YYYY-MM-DDTHH:MM:SS[Z|±HH:MM]): 'yesterday'",
                          "opportunities.csv:3: close_date: not a date (expected YYYY-MM-DD): "
                          "'2026-02-30'"));
  EXPECT_THAT(ErrorsWith("stages.csv",
                         "name,order,is_closed,is_won,probability\n"
                         "Qualification,first,false,false,x\n"
                         "Proposal,2,maybe,false,150\n"
                         "Closed Won,0,true,true,\nClosed Lost,0,true,false,\n"),
              ElementsAre("stages.csv:2: order: not an integer: 'first'",
                          "stages.csv:2: probability: not a number: 'x'",
                          "stages.csv:3: is_closed: not a boolean (expected true or false): 'maybe'",
                          "stages.csv:3: probability: must be between 0 and 100: '150'"));
}

TEST(NativeValidation, NegativeAmount) {
  EXPECT_THAT(ErrorsWith("quotas.csv", "owner_id,start_date,end_date,amount\n"
                                       "u1,2026-01-01,2026-03-31,-5\n"),
              ElementsAre("quotas.csv:2: amount: negative amount: '-5'"));
  EXPECT_THAT(ErrorsWith("stage_history.csv", "opportunity_id,changed_at,stage,amount\n"
                                              "o1,2026-01-20,Proposal,-1e2\n"),
              ElementsAre("stage_history.csv:2: amount: negative amount: '-1e2'"));
}

TEST(NativeValidation, DuplicateIds) {
  EXPECT_THAT(ErrorsWith("accounts.csv", "id,name\na1,Acme\na2,Globex\na1,Again\n"),
              ElementsAre("accounts.csv:4: id: duplicate id 'a1' (first on line 2)"));
  EXPECT_THAT(ErrorsWith("users.csv", "id,name,manager_id\nvp,V,\nm1,M,vp\nu1,D,m1\nu2,E,m1\n"
                                      "u1,Again,m1\n"),
              ElementsAre("users.csv:6: id: duplicate id 'u1' (first on line 4)"));
  EXPECT_THAT(ErrorsWith("stages.csv", "name,order,is_closed,is_won\nQualification,1,,\n"
                                       "Proposal,2,,\nqualification,3,,\nClosed Won,0,true,true\n"
                                       "Closed Lost,0,true,\n"),
              ElementsAre("stages.csv:4: name: duplicate stage 'qualification' (first on line 2)"));
}

TEST(NativeValidation, DuplicateActivityIdIsFoundWithoutKeepingIds) {
  EXPECT_THAT(ErrorsWith("activities.csv", "id,type,account_id,occurred_at\n"
                                           "t1,call,a1,2026-02-01\n"
                                           "t2,call,a1,2026-02-01\n"
                                           "t3,call,a1,2026-02-01\n"
                                           "t2,email,a1,2026-02-01\n"
                                           "t1,email,a1,2026-02-01\n"),
              ElementsAre("activities.csv:5: id: duplicate id 't2' (first on line 3)",
                          "activities.csv:6: id: duplicate id 't1' (first on line 2)"));
}

TEST(NativeValidation, UnknownReferences) {
  EXPECT_THAT(ErrorsWith("users.csv", "id,name,manager_id\nvp,V,\nm1,M,vp\nu1,D,m9\nu2,E,m1\n"),
              ElementsAre("users.csv:4: manager_id: unknown user 'm9'"));
  EXPECT_THAT(ErrorsWith("accounts.csv", "id,name,owner_id\na1,Acme,u1\na2,Globex,zz\n"),
              ElementsAre("accounts.csv:3: owner_id: unknown user 'zz'"));
  EXPECT_THAT(ErrorsWith("contacts.csv", "id,account_id\nc1,a2\nc2,a7\n"),
              ElementsAre("contacts.csv:3: account_id: unknown account 'a7'"));
  EXPECT_THAT(ErrorsWith("opportunities.csv",
                         "id,account_id,owner_id,amount,stage,created_at,close_date\n"
                         "o1,a1,u9,1,Qualification,2026-01-10,2026-03-31\n"
                         "o2,a8,u2,5,Qualification,2026-01-10,2026-03-31\n"),
              ElementsAre("opportunities.csv:2: owner_id: unknown user 'u9'",
                          "opportunities.csv:3: account_id: unknown account 'a8'"));
  EXPECT_THAT(ErrorsWith("stage_history.csv", "opportunity_id,changed_at,stage\n"
                                              "o1,2026-01-20,Proposal\no5,2026-01-20,Proposal\n"),
              ElementsAre("stage_history.csv:3: opportunity_id: unknown opportunity 'o5'"));
  EXPECT_THAT(ErrorsWith("activities.csv",
                         "id,type,owner_id,account_id,contact_id,opportunity_id,occurred_at\n"
                         "t1,call,u7,,,,2026-02-01\n"
                         "t2,call,,a1,c9,o9,2026-02-01\n"),
              ElementsAre("activities.csv:2: owner_id: unknown user 'u7'",
                          "activities.csv:2: account_id: an activity needs one of account_id, "
                          "contact_id, opportunity_id",
                          "activities.csv:3: opportunity_id: unknown opportunity 'o9'",
                          "activities.csv:3: contact_id: unknown contact 'c9'"));
  EXPECT_THAT(ErrorsWith("quotas.csv", "owner_id,start_date,end_date,amount\n"
                                       "nobody,2026-01-01,2026-03-31,5\n"),
              ElementsAre("quotas.csv:2: owner_id: unknown user 'nobody'"));
  EXPECT_THAT(ErrorsWith("forecasts.csv", "owner_id,period,category,amount,submitted_at\n"
                                          "x1,FY2026-Q1,commit,5,2026-01-01\n"),
              ElementsAre("forecasts.csv:2: owner_id: unknown user 'x1'"));
}

TEST(NativeValidation, UnknownStage) {
  EXPECT_THAT(ErrorsWith("opportunities.csv",
                         "id,account_id,owner_id,amount,stage,created_at,close_date\n"
                         "o1,a1,u1,1,Discovery,2026-01-10,2026-03-31\n"
                         "o2,a2,u2,5,Closed  Won,2026-01-10,2026-03-31\n"),
              ElementsAre("opportunities.csv:2: stage: unknown stage 'Discovery'",
                          "opportunities.csv:3: stage: unknown stage 'Closed  Won'"));
  EXPECT_THAT(ErrorsWith("stage_history.csv", "opportunity_id,changed_at,stage\n"
                                              "o1,2026-01-20,Negotiation\n"),
              ElementsAre("stage_history.csv:2: stage: unknown stage 'Negotiation'"));
}

TEST(NativeValidation, ManagerCycle) {
  EXPECT_THAT(ErrorsWith("users.csv", "id,name,manager_id\nvp,V,u1\nm1,M,vp\nu1,D,m1\nu2,E,m1\n"),
              ElementsAre("users.csv:2: manager_id: cycle in the manager tree: vp -> u1 -> m1 -> vp"));
  EXPECT_THAT(ErrorsWith("users.csv", "id,name,manager_id\nvp,V,\nm1,M,vp\nu1,D,m1\nu2,E,u2\n"),
              ElementsAre("users.csv:5: manager_id: cycle in the manager tree: u2 -> u2"));
}

TEST(NativeValidation, UnterminatedQuote) {
  EXPECT_THAT(ErrorsWith("accounts.csv", "id,name\na1,Acme\na2,\"Globex\n"),
              ElementsAre("accounts.csv:3: unterminated quoted field"));
}

TEST(NativeValidation, InvalidUtf8) {
  EXPECT_THAT(ErrorsWith("accounts.csv", "id,name\na1,Acme\na2,Gl\xF6""bex\n"),
              ElementsAre("accounts.csv:3: not valid UTF-8"));
}

TEST(NativeValidation, BadEnumValues) {
  EXPECT_THAT(ErrorsWith("users.csv", "id,name,manager_id,role,active\nvp,V,,boss,\n"
                                      "m1,M,vp,,sometimes\nu1,D,m1,,\nu2,E,m1,,\n"),
              ElementsAre("users.csv:2: role: unknown role 'boss' (expected ae, manager or "
                          "executive)",
                          "users.csv:3: active: not a boolean (expected true or false): "
                          "'sometimes'"));
  EXPECT_THAT(ErrorsWith("activities.csv", "id,type,account_id,occurred_at\nt1,fax,a1,2026-02-01\n"),
              ElementsAre("activities.csv:2: type: unknown activity type 'fax' (expected call, "
                          "email, meeting or other)"));
  EXPECT_THAT(ErrorsWith("opportunities.csv",
                         "id,account_id,owner_id,amount,stage,created_at,close_date,"
                         "forecast_category\n"
                         "o1,a1,u1,1,Qualification,2026-01-10,2026-03-31,maybe\n"
                         "o2,a2,u2,1,Proposal,2026-01-10,2026-03-31,\n"),
              ElementsAre("opportunities.csv:2: forecast_category: unknown forecast category "
                          "'maybe' (expected pipeline, best_case, commit, closed or omitted)"));
  EXPECT_THAT(ErrorsWith("forecasts.csv", "owner_id,period,category,amount,submitted_at\n"
                                          "u1,FY2026-Q1,pipeline,5,2026-01-01\n"),
              ElementsAre("forecasts.csv:2: category: unknown category 'pipeline' (expected "
                          "commit or best_case)"));
}

TEST(NativeValidation, QuotaEndBeforeStart) {
  EXPECT_THAT(ErrorsWith("quotas.csv", "owner_id,start_date,end_date,amount\n"
                                       "u1,2026-03-31,2026-01-01,5\n"),
              ElementsAre("quotas.csv:2: end_date: end_date 2026-01-01 is before start_date "
                          "2026-03-31"));
}

TEST(NativeValidation, ForecastPeriodLabel) {
  EXPECT_THAT(ErrorsWith("forecasts.csv", "owner_id,period,category,amount,submitted_at\n"
                                          "u1,Q1 2026,commit,5,2026-01-01\n"),
              ElementsAre("forecasts.csv:2: period: not a period label (expected "
                          "FY<year>-Q<n> or FY<year>): 'Q1 2026'"));
  Outcome o = Import(With("forecasts.csv", "owner_id,period,category,amount,submitted_at\n"
                                           "u1,fy 2027,commit,5,2026-01-01\n"));
  ASSERT_TRUE(o.report.ok());
  EXPECT_EQ(o.sink.forecasts[0].period, "FY2027");
}

TEST(NativeValidation, IsWonImpliesClosed) {
  Outcome o = Import(With("stages.csv", "name,order,is_closed,is_won\nQualification,1,,\n"
                                        "Proposal,2,no,\nClosed Won,0,false,TRUE\n"
                                        "Closed Lost,0,yes,\n"));
  ASSERT_TRUE(o.report.ok()) << ::testing::PrintToString(o.report.errors);
  EXPECT_TRUE(o.sink.stages[2].is_closed);
  EXPECT_TRUE(o.sink.stages[2].is_won);
}

TEST(NativeValidation, OpenStageOrders) {
  EXPECT_THAT(ErrorsWith("stages.csv", "name,order,is_closed,is_won\nQualification,1,,\n"
                                       "Proposal,1,,\nClosed Won,0,true,true\nClosed Lost,0,true,\n"),
              ElementsAre("stages.csv:3: order: open stage 'Proposal' has the same order 1 as "
                          "'Qualification'"));
  EXPECT_THAT(ErrorsWith("stages.csv", "name,order,is_closed,is_won\nQualification,1,true,\n"
                                       "Proposal,2,true,\nClosed Won,0,true,true\n"),
              Contains("stages.csv: no open stage (every stage has is_closed true)"));
  // Gaps are renumbered 1..n in order, with a warning.
  Outcome o = Import(With("stages.csv", "name,order,is_closed,is_won\nProposal,20,,\n"
                                        "Qualification,10,,\nClosed Won,0,true,true\n"
                                        "Closed Lost,0,true,\n"));
  ASSERT_TRUE(o.report.ok()) << ::testing::PrintToString(o.report.errors);
  EXPECT_EQ(o.sink.stages[0].order, 2);
  EXPECT_EQ(o.sink.stages[1].order, 1);
  EXPECT_THAT(o.report.warnings,
              ElementsAre("stages.csv: open stage orders 10, 20 renumbered 1..2 in the same order"));
}

TEST(NativeValidation, SettingsErrorsAreImportErrors) {
  EXPECT_THAT(ErrorsWith("settings.toml", "[fiscal]\nstart_month = \"two\"\n"),
              ElementsAre("settings.toml:2: [fiscal].start_month: expected an integer from 1 to 12"));
  Outcome o = Import(With("settings.toml", "[skills]\nDiscovery = [\"x\"]\n"));
  EXPECT_TRUE(o.report.ok());
  EXPECT_THAT(o.report.warnings,
              ElementsAre("settings.toml: [skills]: stage 'Discovery' is not in stages.csv; ignored"));
}

TEST(NativeValidation, MissingFileDoesNotCascade) {
  // Without accounts.csv, no "unknown account" errors follow.
  EXPECT_THAT(ErrorsWith("accounts.csv", ""), ElementsAre("accounts.csv: missing required file"));
  EXPECT_THAT(ErrorsWith("users.csv", "id\nvp\n"),
              ElementsAre("users.csv: missing required column 'name'"));
}

TEST(NativeValidation, ErrorsAreCappedAndCounted) {
  std::string accounts = "id,name,owner_id\n";
  for (int i = 0; i < 10; ++i) accounts += "x" + std::to_string(i) + ",X,nobody\n";
  ImportOptions options;
  options.max_errors = 3;
  Outcome o = Import(With("accounts.csv", accounts), options);
  // + a1, a2 referenced by c1, o1, o2, t1 and t4.
  EXPECT_EQ(o.report.error_count, 10 + 5);
  EXPECT_EQ(o.report.errors.size(), 3u);
  EXPECT_EQ(o.report.ErrorLines().back(), "... and 12 more errors");
}

TEST(NativeValidation, NothingIsPushedAfterTheFirstError) {
  Outcome o = Import(With("accounts.csv", "id,name\na1,Acme\na1,Dup\na2,Globex\n"));
  EXPECT_EQ(o.report.error_count, 1);
  EXPECT_EQ(o.sink.contacts.size(), 0u);
  EXPECT_EQ(o.sink.activities.size(), 0u);
  EXPECT_EQ(o.report.counts.activities, 4);  // still read and validated
}

TEST(NativeImporter, ReportsProgressUpToTheTotal) {
  std::vector<std::pair<int64_t, int64_t>> calls;
  ImportOptions options;
  options.progress = [&](int64_t done, int64_t total) { calls.emplace_back(done, total); };
  Outcome o = Import(SmallDataSet(), options);
  ASSERT_GE(calls.size(), 2u);
  int64_t total = 0;
  for (const auto& [name, content] : SmallDataSet()) total += static_cast<int64_t>(content.size());
  EXPECT_EQ(calls.back(), std::make_pair(total, total));
  for (size_t i = 1; i < calls.size(); ++i) EXPECT_GE(calls[i].first, calls[i - 1].first);
  EXPECT_EQ(o.report.bytes_read, total);
}

TEST(NativeImporter, UnknownFormatAndMissingFolder) {
  EXPECT_FALSE(MakeImporter("salesforce-ish").has_value());
  ASSERT_TRUE(MakeImporter("native").has_value());
  RecordingSink sink;
  NativeImporter importer;
  Result<ImportReport> r = importer.Run("/nonexistent/folder", sink, {});
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message(), HasSubstr("not a folder"));
}

}  // namespace
}  // namespace sc
