// The engine's fast paths (the two-thread deal scan of large regions, and
// account figures summed during the scan) must give exactly the figures of
// the plain paths. Forces each path on the demo data and compares every
// person's scorecard document.
#include <filesystem>

#include <gtest/gtest.h>

#include "api/json_encoding.h"
#include "app/dataset_loader.h"
#include "demo/demo_generator.h"
#include "engine/region_figures.h"
#include "engine/scorecard.h"

namespace sc {
namespace {

class CodePathsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dir = std::filesystem::path(::testing::TempDir()) / "code_paths_demo";
    demo::DemoOptions options;
    options.out_dir = dir;
    options.as_of = *ParseDate("2026-12-17");
    options.scale = 2;
    ASSERT_TRUE(demo::GenerateDemo(options));
    auto ds = LoadDataSetFromFolder(dir);
    ASSERT_TRUE(ds) << ds.error().ToString();
    ds_ = new std::shared_ptr<const DataSet>(*ds);
  }
  static void TearDownTestSuite() { delete ds_; }

  static std::vector<std::string> AllScorecards(const std::string& as_of) {
    const DataSet& ds = **ds_;
    Date d = *ParseDate(as_of);
    Period p = ds.calendar.QuarterContaining(d);
    std::vector<std::string> out;
    for (size_t u = 0; u < ds.users(); ++u) {
      out.push_back(ScorecardJson(ds, ComputeScorecard(ds, static_cast<UserIx>(u), d, p)));
    }
    return out;
  }

  void TearDown() override {
    RegionFigures::parallel_scan_deals = saved_parallel_;
    RegionFigures::account_tracking_deals = saved_tracking_;
    RegionFigures::account_tracking_ratio = saved_ratio_;
  }

  static std::shared_ptr<const DataSet>* ds_;
  size_t saved_parallel_ = RegionFigures::parallel_scan_deals;
  size_t saved_tracking_ = RegionFigures::account_tracking_deals;
  size_t saved_ratio_ = RegionFigures::account_tracking_ratio;
};

std::shared_ptr<const DataSet>* CodePathsTest::ds_ = nullptr;

TEST_F(CodePathsTest, TwoThreadScanEqualsOneThread) {
  for (const char* as_of : {"2026-12-17", "2026-10-01"}) {
    RegionFigures::parallel_scan_deals = SIZE_MAX;
    RegionFigures::account_tracking_deals = SIZE_MAX;
    std::vector<std::string> plain = AllScorecards(as_of);
    // Both fast paths at once: the second thread's account sums are merged.
    RegionFigures::parallel_scan_deals = 1;
    RegionFigures::account_tracking_deals = 1;
    RegionFigures::account_tracking_ratio = SIZE_MAX / 1024;
    std::vector<std::string> parallel = AllScorecards(as_of);
    ASSERT_EQ(plain.size(), parallel.size());
    for (size_t i = 0; i < plain.size(); ++i) EXPECT_EQ(plain[i], parallel[i]) << "person " << i << " " << as_of;
  }
}

TEST_F(CodePathsTest, AccountSumsDuringTheScanEqualRecomputedStates) {
  for (const char* as_of : {"2026-12-17", "2026-06-30"}) {
    RegionFigures::account_tracking_deals = SIZE_MAX;
    std::vector<std::string> plain = AllScorecards(as_of);
    RegionFigures::account_tracking_deals = 1;
    RegionFigures::account_tracking_ratio = SIZE_MAX / 1024;
    std::vector<std::string> tracked = AllScorecards(as_of);
    for (size_t i = 0; i < plain.size(); ++i) EXPECT_EQ(plain[i], tracked[i]) << "person " << i << " " << as_of;
  }
}

TEST_F(CodePathsTest, BatchOfScorecardsEqualsOneByOne) {
  const DataSet& ds = **ds_;
  for (const char* as_of : {"2026-12-17", "2026-11-02"}) {
    Date d = *ParseDate(as_of);
    Period p = ds.calendar.QuarterContaining(d);
    std::vector<UserIx> everyone;
    for (size_t u = ds.users(); u-- > 0;) everyone.push_back(static_cast<UserIx>(u));  // any order
    std::vector<Scorecard> batch = ComputeScorecards(ds, everyone, d, p);
    ASSERT_EQ(batch.size(), everyone.size());
    for (size_t i = 0; i < everyone.size(); ++i) {
      EXPECT_EQ(ScorecardJson(ds, batch[i]), ScorecardJson(ds, ComputeScorecard(ds, everyone[i], d, p)))
          << "person " << everyone[i] << " " << as_of;
    }
  }
}

}  // namespace
}  // namespace sc
