// The behaviour every Store backend must have (store.h), run against each
// backend: SQLite today, PostgreSQL later.
#include <functional>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/testing/recording_sink.h"
#include "store/store.h"

namespace sc {
namespace {

using ::testing::ElementsAreArray;
using sc::testing::Dump;
using sc::testing::RecordingSink;
using sc::testing::Replay;
using sc::testing::TempDir;

struct Backend {
  std::string name;
  // Opens (or reopens) the store kept under `dir`.
  std::function<Result<std::unique_ptr<Store>>(const std::filesystem::path& dir)> open;
};

Instant At(const char* text) { return *ParseInstant(text); }
Date Day(const char* text) { return *ParseDate(text); }

// A data set exercising every field, with optionals both set and unset.
RecordingSink DataSetA() {
  RecordingSink s;
  Settings settings;
  settings.fiscal_start_month = 2;
  settings.quota_types = {"New Business", "Expansion; upsell"};
  settings.coverage_target = 2.75;
  settings.forecast_lookback_days = 200;
  settings.forecast_shrinkage = 7.5;
  settings.winrate_quarters = 6;
  settings.winrate_types = {};  // empty, not the default
  settings.funnel_min_deals = 3;
  settings.funnel_alpha = 0.05;
  settings.accounts_stale_days = 21;
  settings.accounts_touch_types = {"call", "meeting"};
  settings.deals_stalled_days = 45;
  settings.skills = {{"Proposal", {"objections", "ROI"}}, {"Empty", {}}};
  settings.reference_date = Day("2026-12-17");
  s.settings.push_back(settings);
  s.users.push_back({"vp", "Vera", "vera@example.com", Role::kExecutive, "", "", true});
  s.users.push_back({"u1", "Dàvid \"D\"", "", Role::kAe, "vp", "East", false});
  s.users.push_back({"m1", "Mona", "", Role::kManager, "vp", "West", true});
  s.stages.push_back({"Qualification", 1, false, false, 10.5, std::nullopt, {"qualifying"}});
  s.stages.push_back({"Proposal", 2, false, false, std::nullopt, ForecastCategory::kBestCase,
                      {"business justification", "taking control"}});
  s.stages.push_back({"Closed Won", -3, true, true, 100, ForecastCategory::kClosed, {}});
  s.accounts.push_back({"a1", "Acme", "u1", "SMB", "Tech", At("2026-01-05T10:11:12.345Z")});
  s.accounts.push_back({"a2", "Globex", "", "", "", std::nullopt});
  s.contacts.push_back({"c1", "a2", "Carl", "CTO", "carl@globex.com"});
  s.opportunities.push_back({"o1", "a1", "u1", "Deal, one", "New Business", 100050,
                             "Qualification", std::nullopt, At("2026-01-10T09:00:00Z"),
                             Day("2026-03-31")});
  s.opportunities.push_back({"o2", "a2", "m1", "", "", 0, "Closed Won",
                             ForecastCategory::kCommit, At("1969-12-31T23:59:59.999Z"),
                             Day("1960-02-29")});
  // History deliberately not in time order: the store keeps import order.
  s.history.push_back({"o2", At("2026-02-15T00:00:00Z"), "Closed Won", 250000,
                       Day("2026-02-15"), ForecastCategory::kClosed});
  s.history.push_back({"o2", At("2026-01-20T09:00:00Z"), "Proposal", std::nullopt, std::nullopt,
                       std::nullopt});
  s.history.push_back({"o1", At("2026-01-20T09:00:00Z"), "Qualification", 0, std::nullopt,
                       ForecastCategory::kOmitted});
  s.activities.push_back({"t1", ActivityType::kCall, "u1", "a1", "", "", At("2026-02-01T10:00:00Z"),
                          "Intro"});
  s.activities.push_back({"t2", ActivityType::kMeeting, "", "a2", "c1", "o2",
                          At("2026-02-02T08:00:00Z"), "Ünïcode, \"quoted\"\nnewline"});
  s.quotas.push_back({"u1", Day("2026-01-01"), Day("2026-03-31"), 5000000});
  s.quotas.push_back({"m1", Day("2025-02-01"), Day("2026-01-31"), 0});
  s.forecasts.push_back({"u1", "FY2026-Q1", SubmissionCategory::kBestCase, 3000000,
                         At("2026-02-01T00:00:00Z")});
  s.forecasts.push_back({"u1", "FY2026", SubmissionCategory::kCommit, 1, At("2026-02-02T00:00:00Z")});
  return s;
}

// A different, smaller data set.
RecordingSink DataSetB() {
  RecordingSink s;
  s.settings.push_back(Settings{});
  s.users.push_back({"x1", "Xena", "", Role::kAe, "", "", true});
  s.stages.push_back({"Open", 1, false, false, std::nullopt, std::nullopt, {}});
  s.accounts.push_back({"b1", "Beta", "x1", "", "", std::nullopt});
  s.opportunities.push_back({"p1", "b1", "x1", "", "", 5, "Open", std::nullopt,
                             At("2026-05-01T00:00:00Z"), Day("2026-06-30")});
  return s;
}

class StoreConformance : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> Open() {
    Result<std::unique_ptr<Store>> s = GetParam().open(dir_.path());
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    return s ? std::move(*s) : nullptr;
  }

  static void Import(Store& store, const RecordingSink& data, const std::string& source) {
    Result<std::unique_ptr<ImportTransaction>> tx = store.BeginImport();
    ASSERT_TRUE(tx.has_value()) << tx.error().ToString();
    Status s = Replay(data, **tx);
    ASSERT_TRUE(s.ok()) << s.ToString();
    s = (*tx)->Commit(source);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static std::vector<std::string> ScanDump(Store& store) {
    RecordingSink out;
    Status s = store.Scan(out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return Dump(out);
  }

  TempDir dir_;
};

TEST_P(StoreConformance, EmptyStore) {
  auto store = Open();
  Result<DataSetInfo> info = store->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->present);
  RecordingSink out;
  Status s = store->Scan(out);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(out.total(), 0u);
}

TEST_P(StoreConformance, RoundTripsEveryRecordAndField) {
  auto store = Open();
  RecordingSink a = DataSetA();
  Import(*store, a, "folder A (native)");
  EXPECT_THAT(ScanDump(*store), ElementsAreArray(Dump(a)));
  // And from a fresh connection.
  store.reset();
  store = Open();
  EXPECT_THAT(ScanDump(*store), ElementsAreArray(Dump(a)));
}

TEST_P(StoreConformance, InfoHasCountsAndSource) {
  auto store = Open();
  Import(*store, DataSetA(), "folder A (native)");
  Result<DataSetInfo> info = store->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_TRUE(info->present);
  EXPECT_EQ(info->source, "folder A (native)");
  EXPECT_EQ(info->imported_at.size(), 20u);  // 2026-12-17T08:30:00Z
  EXPECT_EQ(info->users, 3);
  EXPECT_EQ(info->stages, 3);
  EXPECT_EQ(info->accounts, 2);
  EXPECT_EQ(info->contacts, 1);
  EXPECT_EQ(info->opportunities, 2);
  EXPECT_EQ(info->history, 3);
  EXPECT_EQ(info->activities, 2);
  EXPECT_EQ(info->quotas, 2);
  EXPECT_EQ(info->forecasts, 2);
}

TEST_P(StoreConformance, ReimportReplacesTheWholeDataSet) {
  auto store = Open();
  Import(*store, DataSetA(), "A");
  RecordingSink b = DataSetB();
  Import(*store, b, "B");
  EXPECT_THAT(ScanDump(*store), ElementsAreArray(Dump(b)));
  Result<DataSetInfo> info = store->Info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->source, "B");
  EXPECT_EQ(info->users, 1);
  EXPECT_EQ(info->history, 0);
  EXPECT_EQ(info->contacts, 0);
}

TEST_P(StoreConformance, AbandonedImportChangesNothing) {
  auto store = Open();
  RecordingSink a = DataSetA();
  Import(*store, a, "A");
  {
    Result<std::unique_ptr<ImportTransaction>> tx = store->BeginImport();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE(Replay(DataSetB(), **tx).ok());
    // Destroyed without Commit.
  }
  EXPECT_THAT(ScanDump(*store), ElementsAreArray(Dump(a)));
  EXPECT_EQ(store->Info()->source, "A");
  // Another connection sees the same.
  store.reset();
  store = Open();
  EXPECT_THAT(ScanDump(*store), ElementsAreArray(Dump(a)));
}

TEST_P(StoreConformance, AbandonedFirstImportLeavesTheStoreEmpty) {
  auto store = Open();
  {
    auto tx = store->BeginImport();
    ASSERT_TRUE(tx.has_value());
    ASSERT_TRUE(Replay(DataSetA(), **tx).ok());
  }
  EXPECT_FALSE(store->Info()->present);
}

TEST_P(StoreConformance, OneImportAtATime) {
  auto store = Open();
  auto tx = store->BeginImport();
  ASSERT_TRUE(tx.has_value());
  EXPECT_FALSE(store->BeginImport().has_value());
  RecordingSink out;
  EXPECT_FALSE(store->Scan(out).ok());
  tx->reset();
  EXPECT_TRUE(store->BeginImport().has_value());
}

TEST_P(StoreConformance, ScanStopsAtTheSinksError) {
  auto store = Open();
  Import(*store, DataSetA(), "A");
  struct Failing : RecordingSink {
    Status OnAccount(const AccountRecord&) override { return DataError("stop"); }
  } sink;
  Status s = store->Scan(sink);
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(sink.opportunities.size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformance,
    ::testing::Values(Backend{"sqlite",
                              [](const std::filesystem::path& dir) {
                                return OpenSqliteStore(dir / "test.db", StoreOptions{});
                              }}),
    [](const ::testing::TestParamInfo<Backend>& p) { return p.param.name; });

}  // namespace
}  // namespace sc
