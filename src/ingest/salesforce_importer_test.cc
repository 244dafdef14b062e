#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "ingest/salesforce_ids.h"
#include "ingest/testing/recording_sink.h"

namespace sc {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using sc::testing::RecordingSink;
using sc::testing::TempDir;

TEST(SalesforceIds, FifteenAndEighteenCharacterFormsMatch) {
  using ingest_internal::NormalizeSalesforceId;
  EXPECT_EQ(NormalizeSalesforceId("0068a00001JMUl0"), "0068a00001JMUl0AAH");
  EXPECT_EQ(NormalizeSalesforceId("0068a00001JMUl0AAH"), "0068a00001JMUl0AAH");
  EXPECT_EQ(NormalizeSalesforceId("0068A00001JMUL0AAH"), "0068a00001JMUl0AAH");  // case restored
  EXPECT_EQ(NormalizeSalesforceId("0068a00001jmul0aah"), "0068a00001JMUl0AAH");
  EXPECT_EQ(NormalizeSalesforceId("000000000000000AAA"), "");
  EXPECT_EQ(NormalizeSalesforceId(" u1 "), "u1");
}

// Every dialect at once: all values quoted, upper-case headers (old Data
// Loader), `+0000` and `.000Z` datetimes, dates with a time, true/false and
// 1/0, the empty key, 15-character references to 18-character ids, a
// header-only file, no OpportunityStage.csv, a Latin-1 file.
TEST(SalesforceImporter, ReadsEveryDialect) {
  TempDir dir;
  dir.Write("User.csv",
            "\"ID\",\"NAME\",\"EMAIL\",\"MANAGERID\",\"ISACTIVE\"\n"
            "\"0058a00000LvkJwAAJ\",\"Vera Lane\",\"v@x\",\"000000000000000AAA\",\"true\"\n"
            "\"0058a00000LvkJDAAZ\",\"David Kim\",\"d@x\",\"0058a00000LvkJw\",\"1\"\n");
  dir.Write("Account.csv", std::string("Id,Name,OwnerId\n0018a00001Aaaaa,M\xfcller GmbH,0058a00000LvkJD\n"));
  dir.Write("Opportunity.csv",
            "\"Id\",\"AccountId\",\"OwnerId\",\"Name\",\"StageName\",\"Amount\",\"IsClosed\","
            "\"IsWon\",\"ForecastCategory\",\"CreatedDate\",\"CloseDate\",\"Probability\",\"IsDeleted\"\n"
            "\"0068a00001Bbbbb\",\"0018a00001AaaaaAAB\",\"0058a00000LvkJDAAZ\",\"Big\",\"Qualification\","
            "\"1000.5\",\"0\",\"0\",\"Forecast\",\"2024-01-02T10:00:00.000+0000\",\"2024-03-01 00:00:00\",\"10\",\"0\"\n"
            "\"0068a00001Ccccc\",\"\",\"0058a00000LvkJDAAZ\",\"Won\",\"Closed Won\",\"\",\"true\","
            "\"true\",\"Closed\",\"2024-01-03 10:00:00\",\"2024-02-01\",\"100\",\"false\"\n"
            "\"0068a00001Ddddd\",\"\",\"0058a00000LvkJDAAZ\",\"Gone\",\"Closed Won\",\"5\",\"1\","
            "\"1\",\"Closed\",\"2024-01-03 10:00:00\",\"2024-02-01\",\"100\",\"1\"\n");
  dir.Write("OpportunityHistory.csv",
            "\"OpportunityId\",\"CreatedDate\",\"StageName\",\"Amount\",\"CloseDate\",\"ForecastCategory\"\n"
            "\"0068a00001Bbbbb\",\"2024-01-02 10:00:00\",\"Prospecting\",\"900\",\"2024-03-01 00:00:00\",\"Pipeline\"\n"
            "\"0068a00001Bbbbb\",\"2024-01-09 10:00:00\",\"Qualification\",\"1000.5\",\"\",\"Commit\"\n"
            "\"006000000000000\",\"2024-01-09 10:00:00\",\"Qualification\",\"1\",\"\",\"\"\n");
  dir.Write("Task.csv",
            "Id,WhoId,WhatId,OwnerId,TaskSubtype,Type,CompletedDateTime,ActivityDate,CreatedDate,Subject\n"
            "00T1,,0068a00001Bbbbb,0058a00000LvkJD,Call,,2024-01-05T08:00:00Z,,,'=SUM\n"
            "00T2,,0018a00001Aaaaa,0058a00000LvkJD,Email,,,2024-01-06,,e\n"
            "00T3,,0018a00001Aaaaa,0058a00000LvkJD,Task,Meeting,,,2024-01-07 09:00:00,t\n"
            "00T4,00Q8a00000Leadx,,0058a00000LvkJD,Task,,,2024-01-07,,lead only\n"
            "00T5,,0068a00009Zzzzz,0058a00000LvkJD,Task,,,2024-01-07,,missing opp\n");
  dir.Write("Event.csv",
            "\"Id\",\"WhoId\",\"WhatId\",\"OwnerId\",\"ActivityDateTime\",\"ActivityDate\",\"AccountId\"\n");
  dir.Write("ForecastingQuota.csv", "QuotaOwnerId,StartDate,QuotaAmount\n0058a00000LvkJD,2024-01-31,100\n");
  auto importer = MakeImporter("salesforce");
  ASSERT_TRUE(importer.has_value());
  RecordingSink sink;
  auto report = (*importer)->Run(dir.path(), sink, {});
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_TRUE(report->ok()) << ::testing::PrintToString(report->errors);

  ASSERT_EQ(sink.users.size(), 2u);
  EXPECT_EQ(sink.users[0].role, Role::kManager);
  EXPECT_EQ(sink.users[1].manager_id, "0058a00000LvkJwAAJ");
  ASSERT_EQ(sink.accounts.size(), 2u);  // and the placeholder
  EXPECT_EQ(sink.accounts[0].name, "M\xc3\xbcller GmbH");
  EXPECT_EQ(sink.accounts[0].owner_id, "0058a00000LvkJDAAZ");
  EXPECT_THAT(report->warnings, Contains("Account.csv: not valid UTF-8; read as ISO-8859-1 (Latin-1)"));
  // Stages derived: Prospecting (history only) before Qualification by the
  // default process; Closed Won from IsWon.
  ASSERT_EQ(sink.stages.size(), 3u);
  EXPECT_EQ(sink.stages[0].name, "Prospecting");
  EXPECT_EQ(sink.stages[1].name, "Qualification");
  EXPECT_TRUE(sink.stages[2].is_won);
  EXPECT_THAT(report->warnings, Contains(HasSubstr("OpportunityStage.csv not found: 3 stages")));
  ASSERT_EQ(sink.opportunities.size(), 2u);  // the deleted one skipped
  EXPECT_EQ(sink.opportunities[0].amount, 100050);
  EXPECT_EQ(sink.opportunities[0].forecast_category, ForecastCategory::kCommit);
  EXPECT_EQ(FormatDate(sink.opportunities[0].close_date), "2024-03-01");
  EXPECT_EQ(sink.opportunities[1].account_id, "(no account)");
  ASSERT_EQ(sink.history.size(), 2u);
  EXPECT_EQ(sink.history[1].forecast_category, ForecastCategory::kCommit);
  ASSERT_EQ(sink.activities.size(), 3u);
  EXPECT_EQ(sink.activities[0].type, ActivityType::kCall);
  EXPECT_EQ(sink.activities[0].account_id, "0018a00001AaaaaAAB");  // the opportunity's
  EXPECT_EQ(sink.activities[0].subject, "=SUM");
  EXPECT_EQ(sink.activities[1].type, ActivityType::kEmail);
  EXPECT_EQ(FormatInstant(sink.activities[1].occurred_at), "2024-01-06T00:00:00Z");
  EXPECT_EQ(sink.activities[2].type, ActivityType::kMeeting);  // from Type
  EXPECT_THAT(report->warnings,
              Contains("Task.csv: 2 of 5 activities refer to records not in the export: 1 WhatId, "
                       "1 WhoId (1 lead, 1 opportunity); 2 had no other account, contact or "
                       "opportunity and were skipped, the others were kept without those links"));
  ASSERT_EQ(sink.quotas.size(), 1u);  // one calendar month from StartDate
  EXPECT_EQ(FormatDate(sink.quotas[0].end_date), "2024-02-29");  // leap year
}

TEST(SalesforceImporter, ErrorsNameFileLineAndColumnAndChangeNothing) {
  TempDir dir;
  dir.Write("User.csv", "Id,Name,ManagerId\nu1,Ann,u2\nu2,Bob,u1\n");
  dir.Write("Account.csv", "Id,Name,OwnerId\na1,A,u9\n");
  dir.Write("OpportunityStage.csv",
            "MasterLabel,SortOrder,IsClosed,IsWon\nOpen,1,0,0\nWon,2,1,1\n");
  dir.Write("Opportunity.csv",
            "Id,AccountId,OwnerId,StageName,Amount,CreatedDate,CloseDate\n"
            "o1,a1,u1,Nope,-1,yesterday,2024-01-01\n");
  auto importer = MakeImporter("salesforce");
  RecordingSink sink;
  auto report = (*importer)->Run(dir.path(), sink, {});
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(report->errors, Contains("User.csv:2: ManagerId: cycle in the manager tree: u1 -> u2 -> u1"));
  EXPECT_THAT(report->errors, Contains("Account.csv:2: OwnerId: unknown user 'u9'"));
  EXPECT_THAT(report->errors, Contains("Opportunity.csv:2: StageName: unknown stage 'Nope'"));
  EXPECT_THAT(report->errors, Contains(HasSubstr("Opportunity.csv:2: Amount: negative amount")));
  EXPECT_THAT(report->errors, Contains(HasSubstr("Opportunity.csv:2: CreatedDate: ")));
  EXPECT_EQ(sink.total(), 0u);
}

}  // namespace
}  // namespace sc
