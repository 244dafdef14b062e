#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/import.h"
#include "ingest/testing/recording_sink.h"
#include "store/store.h"

namespace sc {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using sc::testing::Dump;
using sc::testing::RecordingSink;
using sc::testing::SmallDataSet;
using sc::testing::TempDir;

using Files = std::map<std::string, std::string>;

std::filesystem::path WriteDataSet(const TempDir& dir, const std::string& name, const Files& files) {
  std::filesystem::path folder = dir.path() / name;
  std::filesystem::create_directories(folder);
  for (const auto& [file, content] : files) std::ofstream(folder / file, std::ios::binary) << content;
  return folder;
}

// Everything the database holds: every record of every table (the scan
// round-trips every column, see the store conformance test) and the info row.
std::vector<std::string> DumpDatabase(const std::filesystem::path& db) {
  auto store = OpenSqliteStore(db);
  EXPECT_TRUE(store.has_value());
  RecordingSink sink;
  Status s = (*store)->Scan(sink);
  std::vector<std::string> out = Dump(sink);
  out.push_back("scan: " + s.ToString());
  Result<DataSetInfo> info = (*store)->Info();
  out.push_back("info: " + info->imported_at + " " + info->source + " " +
                std::to_string(info->users) + " " + std::to_string(info->activities));
  return out;
}

ImportReport MustImport(const std::filesystem::path& folder, const std::filesystem::path& db) {
  ImportRequest req;
  req.folder = folder;
  req.db_path = db;
  Result<ImportReport> r = ImportDataSet(req);
  EXPECT_TRUE(r.has_value()) << r.error().ToString();
  return r ? *r : ImportReport{};
}

TEST(ImportDataSet, LoadsAndReplaces) {
  TempDir dir;
  auto db = dir.path() / "sc.db";
  ImportReport a = MustImport(WriteDataSet(dir, "a", SmallDataSet()), db);
  ASSERT_TRUE(a.ok()) << ::testing::PrintToString(a.errors);
  EXPECT_EQ(a.counts.activities, 4);

  Files smaller = SmallDataSet();
  smaller.erase("activities.csv");
  smaller["users.csv"] = "id,name\nvp,Vera\nm1,Mona\nu1,David\nu2,Erin\nu3,New\n";
  ImportReport b = MustImport(WriteDataSet(dir, "b", smaller), db);
  ASSERT_TRUE(b.ok()) << ::testing::PrintToString(b.errors);
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store.has_value());
  Result<DataSetInfo> info = (*store)->Info();
  EXPECT_EQ(info->users, 5);
  EXPECT_EQ(info->activities, 0);
  EXPECT_THAT(info->source, HasSubstr("b (native)"));
  RecordingSink sink;
  ASSERT_TRUE((*store)->Scan(sink).ok());
  EXPECT_EQ(sink.users.back().id, "u3");
  EXPECT_TRUE(sink.activities.empty());
}

TEST(ImportDataSet, FailedImportLeavesTheDatabaseExactlyAsBefore) {
  TempDir dir;
  auto db = dir.path() / "sc.db";
  ASSERT_TRUE(MustImport(WriteDataSet(dir, "good", SmallDataSet()), db).ok());
  std::vector<std::string> before = DumpDatabase(db);
  ASSERT_GT(before.size(), 20u);

  // Errors late in the run (after users, stages, accounts... were pushed).
  Files bad = SmallDataSet();
  bad["users.csv"] += "u9,Nine\n";
  bad["forecasts.csv"] += "u1,FY2026-Q5,commit,1,2026-01-01\n";
  ImportReport r = MustImport(WriteDataSet(dir, "bad", bad), db);
  EXPECT_FALSE(r.ok());
  EXPECT_THAT(r.errors, ElementsAre("forecasts.csv:3: period: not a period label (expected "
                                    "FY<year>-Q<n> or FY<year>): 'FY2026-Q5'"));
  EXPECT_THAT(DumpDatabase(db), ElementsAreArray(before));

  // A failing first import into a new database leaves it without a data set.
  auto fresh = dir.path() / "fresh.db";
  EXPECT_FALSE(MustImport(WriteDataSet(dir, "bad2", bad), fresh).ok());
  auto store = OpenSqliteStore(fresh);
  EXPECT_FALSE((*store)->Info()->present);
}

TEST(ImportDataSet, RequestErrors) {
  TempDir dir;
  ImportRequest req;
  req.folder = dir.path() / "missing";
  req.db_path = dir.path() / "sc.db";
  EXPECT_FALSE(ImportDataSet(req).has_value());
  req.folder = dir.path();
  req.format = "mystery";
  Result<ImportReport> r = ImportDataSet(req);
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message(), HasSubstr("unknown import format 'mystery'"));
}

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CliRun RunCli(const TempDir& dir, const std::string& args) {
  auto out = dir.path() / "stdout.txt";
  auto err = dir.path() / "stderr.txt";
  std::string cmd = "cd '" + dir.path().string() + "' && '" SC_SCORECARDS_BIN "' " + args +
                    " >'" + out.string() + "' 2>'" + err.string() + "' </dev/null";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(out);
  r.err = ReadAll(err);
  return r;
}

TEST(ImportCommand, SucceedsWithASummaryIntoTheDefaultDatabase) {
  TempDir dir;
  WriteDataSet(dir, "data", SmallDataSet());
  CliRun r = RunCli(dir, "import data");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, MatchesRegex("Imported 4 users, 4 stages, 2 accounts, 1 contacts, 2 "
                                  "opportunities, 2 history rows, 4 activities, 1 quotas, 1 "
                                  "forecasts in [0-9.]+ s \\([0-9]+ MB/s\\) into scorecards.db\n"));
  EXPECT_EQ(r.err, "");  // not a terminal: no progress bar
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "scorecards.db"));
}

TEST(ImportCommand, FailsWithEveryErrorAndChangesNothing) {
  TempDir dir;
  WriteDataSet(dir, "good", SmallDataSet());
  ASSERT_EQ(RunCli(dir, "import good --db my.db").exit_code, 0);
  std::vector<std::string> before = DumpDatabase(dir.path() / "my.db");

  Files bad = SmallDataSet();
  bad["opportunities.csv"] =
      "id,account_id,owner_id,amount,stage,created_at,close_date\n"
      "o1,a1,u1,abc,Qualification,2026-01-10,2026-03-31\n"
      "o2,a2,u2,5,Discovery,2026-01-10,2026-03-31\n";
  WriteDataSet(dir, "bad", bad);
  CliRun r = RunCli(dir, "import bad --db my.db --format native");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "opportunities.csv:2: amount: not a number: 'abc'\n"
            "opportunities.csv:3: stage: unknown stage 'Discovery'\n"
            "import failed: 2 errors; the database was not changed\n");
  EXPECT_THAT(DumpDatabase(dir.path() / "my.db"), ElementsAreArray(before));

  r = RunCli(dir, "import bad --db my.db --max-errors 1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "opportunities.csv:2: amount: not a number: 'abc'\n"
            "... and 1 more error\n"
            "import failed: 2 errors; the database was not changed\n");
}

TEST(ImportCommand, UsageErrors) {
  TempDir dir;
  CliRun r = RunCli(dir, "import nowhere");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("nowhere: no such folder"));
  EXPECT_THAT(r.err, HasSubstr("the database was not changed"));
  EXPECT_NE(RunCli(dir, "import").exit_code, 0);  // DIR is required
}

}  // namespace
}  // namespace sc
