// The demo data set written out as a Salesforce export imports to the same
// scorecards as the native files (forecast submissions have no Salesforce
// equivalent, so both sides are compared without forecasts.csv).
#include <filesystem>

#include <gtest/gtest.h>

#include "api/json_encoding.h"
#include "app/dataset_loader.h"
#include "demo/demo_generator.h"
#include "engine/scorecard.h"
#include "ingest/testing/recording_sink.h"
#include "salesforce_export_writer.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

TEST(SalesforceRoundTrip, DemoScorecardsEqualNative) {
  testing::TempDir dir;
  demo::DemoOptions opt;
  opt.out_dir = dir.path() / "native";
  opt.as_of = *ParseDate("2026-12-03");
  Result<demo::DemoSummary> summary = demo::GenerateDemo(opt);
  ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
  fs::remove(opt.out_dir / "forecasts.csv");
  ASSERT_TRUE(testing::WriteSalesforceExport(opt.out_dir, dir.path() / "sf").ok());

  auto native = LoadDataSetFromFolder(opt.out_dir, "native");
  ASSERT_TRUE(native.has_value()) << native.error().ToString();
  auto sf = LoadDataSetFromFolder(dir.path() / "sf", "salesforce");
  ASSERT_TRUE(sf.has_value()) << sf.error().ToString();
  const DataSet& a = **native;
  const DataSet& b = **sf;
  ASSERT_EQ(a.users(), b.users());
  Date as_of = opt.as_of;
  Period period = a.calendar.QuarterContaining(as_of);
  for (size_t i = 0; i < a.users(); ++i) {
    auto u = static_cast<UserIx>(i);
    Result<UserIx> v = b.FindUser(a.user_id[i]);
    ASSERT_TRUE(v.has_value()) << a.user_id[i];
    std::string ja = ScorecardJson(a, ComputeScorecard(a, u, as_of, period));
    std::string jb = ScorecardJson(b, ComputeScorecard(b, *v, as_of, period));
    EXPECT_EQ(ja, jb) << "scorecard of " << a.user_id[i];
  }
}

}  // namespace
}  // namespace sc
