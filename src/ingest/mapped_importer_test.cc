#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/importer.h"
#include "ingest/mapping_file.h"
#include "ingest/testing/recording_sink.h"

namespace sc {
namespace {

using ::testing::HasSubstr;
using sc::testing::RecordingSink;
using sc::testing::TempDir;

const std::string kHubspot = std::string(SC_SOURCE_DIR) + "/mappings/hubspot-deals.toml";

// A tiny HubSpot-like export: deals by label, owners by name.
void WriteHubspot(const TempDir& dir, const std::string& extra_deal = "") {
  dir.Write("owners.csv",
            "Name,Email,Manager,Team,Role\n"
            "Vera Lane,vera@x.com,,Sales,manager\n"
            "David Kim,david@x.com,Vera Lane,Sales,\n"
            "Erin Cho,erin@x.com,Vera Lane,Sales,\n");
  dir.Write("hubspot-crm-exports-all-deals-2024-08-27.csv",
            "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Close Date\",\"Deal owner\",\"Amount\","
            "\"Create Date\",\"Associated Company\",\"Date entered \"\"Qualified To Buy (Sales "
            "Pipeline)\"\"\",\"Date entered \"\"Closed Won (Sales Pipeline)\"\"\"\n"
            "\"101\",\"Acme renewal\",\"Closed Won\",\"2024-06-30 00:00\",\"David Kim\",\"12000\","
            "\"2024-03-01 09:15\",\"Acme\",\"2024-04-02 10:00\",\"2024-06-30 16:00\"\n"
            "\"102\",\"Beta pilot\",\"qualifiedtobuy\",\"2024-09-30 00:00\",\"Erin Cho\",\"\","
            "\"2024-05-01 09:15\",\"\",\"2024-05-03 10:00\",\"\"\n" +
                extra_deal);
}

TEST(MappedImporter, HubspotDealsWithOwnersByName) {
  TempDir dir;
  WriteHubspot(dir);
  auto importer = MakeImporter(kHubspot);
  ASSERT_TRUE(importer.has_value()) << importer.error().ToString();
  RecordingSink sink;
  auto report = (*importer)->Run(dir.path(), sink, {});
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_TRUE(report->ok()) << ::testing::PrintToString(report->errors);
  ASSERT_EQ(sink.users.size(), 3u);
  EXPECT_EQ(sink.users[1].id, "david@x.com");
  EXPECT_EQ(sink.users[1].manager_id, "vera@x.com");  // by name
  EXPECT_EQ(sink.users[0].role, Role::kManager);
  ASSERT_EQ(sink.accounts.size(), 2u);
  EXPECT_EQ(sink.accounts[1].id, "(no company)");
  ASSERT_EQ(sink.opportunities.size(), 2u);
  EXPECT_EQ(sink.opportunities[0].owner_id, "david@x.com");
  EXPECT_EQ(sink.opportunities[0].type, "New Business");
  EXPECT_EQ(sink.opportunities[1].stage, "Qualified To Buy");  // value map
  EXPECT_EQ(sink.opportunities[1].amount, 0);
  EXPECT_EQ(FormatInstant(sink.opportunities[0].created_at), "2024-03-01T09:15:00Z");
  ASSERT_EQ(sink.history.size(), 3u);  // "date entered" columns
  EXPECT_EQ(sink.history[0].stage, "Qualified To Buy");
  EXPECT_EQ(sink.history[1].stage, "Closed Won");
  EXPECT_EQ(FormatInstant(sink.history[1].changed_at), "2024-06-30T16:00:00Z");
}

TEST(MappedImporter, ErrorsNameTheSourceFileLineAndColumn) {
  TempDir dir;
  WriteHubspot(dir,
               "\"103\",\"Gamma\",\"Closed Won\",\"someday\",\"Nobody Here\",\"-5\",\"\",\"\","
               "\"\",\"\"\n");
  auto importer = MakeImporter(kHubspot);
  ASSERT_TRUE(importer.has_value());
  RecordingSink sink;
  auto report = (*importer)->Run(dir.path(), sink, {});
  ASSERT_TRUE(report.has_value());
  EXPECT_FALSE(report->ok());
  const std::string f = "hubspot-crm-exports-all-deals-2024-08-27.csv:4: ";
  EXPECT_THAT(report->errors, ::testing::Contains(f + "Deal owner: unknown user name 'Nobody Here'"));
  EXPECT_THAT(report->errors, ::testing::Contains(HasSubstr(f + "Amount: negative amount")));
  EXPECT_THAT(report->errors, ::testing::Contains(HasSubstr(f + "Close Date: ")));
  EXPECT_EQ(sink.history.size(), 0u);  // nothing pushed after the first error
}

TEST(MappingFile, ReportsMistakesWithLines) {
  auto m = ParseMapping(
      "[[stages]]\nname = \"Open\"\norder = 1\n"
      "[[users]]\nfile = \"u.csv\"\nid = \"Id\"\nnmae = \"Name\"\n"
      "[[opportunities]]\nfile = \"o.csv\"\nid = \"Id\"\nowner_id = { column = \"O\", by = \"email\" }\n",
      "m.toml");
  ASSERT_FALSE(m.has_value());
  const std::string& msg = m.error().message();
  EXPECT_THAT(msg, HasSubstr("m.toml:7: [[users]]: unknown field 'nmae'"));
  EXPECT_THAT(msg, HasSubstr("[[users]]: the required field 'name' is not mapped"));
  EXPECT_THAT(msg, HasSubstr("m.toml:11: [[opportunities]].owner_id.by: expected \"name\""));
  EXPECT_THAT(msg, HasSubstr("no [[accounts]]"));
}

TEST(MappedImporter, UnknownFormatListsTheKnownOnes) {
  auto importer = MakeImporter("hubspot");
  ASSERT_FALSE(importer.has_value());
  EXPECT_THAT(importer.error().message(), HasSubstr("native, salesforce, or a mapping file"));
}

}  // namespace
}  // namespace sc
