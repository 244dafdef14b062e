#include "app/engine_snapshot.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/dataset_loader.h"
#include "app/import.h"
#include "app/record_pipeline.h"
#include "demo/demo_generator.h"
#include "ingest/testing/recording_sink.h"

namespace sc {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAreArray;
using sc::testing::Dump;
using sc::testing::RecordingSink;
using sc::testing::TempDir;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void WriteFile(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// The demo data set imported into `dir`/sc.db.
class EngineSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::DemoOptions options;
    options.out_dir = dir_.path() / "demo";
    options.as_of = Date(std::chrono::days(20'000));
    ASSERT_TRUE(demo::GenerateDemo(options).has_value());
    ImportRequest req;
    req.folder = options.out_dir;
    req.db_path = db_;
    Result<ImportReport> r = ImportDataSet(req);
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    ASSERT_TRUE(r->ok());
    ASSERT_TRUE(r->warnings.empty()) << r->warnings[0];
    auto store = OpenSqliteStore(db_);
    ASSERT_TRUE(store.has_value());
    fingerprint_ = SnapshotFingerprint(*(*store)->Info());
  }

  // The bytes a data set serialises to.
  std::string Bytes(const DataSet& ds) {
    fs::path p = dir_.path() / "bytes.engine";
    EXPECT_TRUE(WriteEngineSnapshot(ds, fingerprint_, p).ok());
    return ReadFile(p);
  }

  // Loads through the SQLite scan (the snapshot removed first).
  std::shared_ptr<const DataSet> Scan() {
    fs::remove(snapshot_);
    Result<std::shared_ptr<const DataSet>> ds = LoadDataSetFromStore(db_);
    EXPECT_TRUE(ds.has_value()) << ds.error().ToString();
    return *ds;
  }

  TempDir dir_;
  fs::path db_ = dir_.path() / "sc.db";
  fs::path snapshot_ = EngineSnapshotPath(db_);
  std::string fingerprint_;
};

TEST_F(EngineSnapshotTest, ImportWritesTheSnapshotOfTheStoredDataSet) {
  ASSERT_TRUE(fs::exists(snapshot_));
  std::string from_import = ReadFile(snapshot_);
  // The engine built from the import stream and the one built from the rows
  // read back are the same, byte for byte.
  std::shared_ptr<const DataSet> scanned = Scan();
  ASSERT_TRUE(fs::exists(snapshot_)) << "the scan rewrites the snapshot";
  EXPECT_EQ(ReadFile(snapshot_), from_import);
  EXPECT_EQ(Bytes(*scanned), from_import);

  Result<std::shared_ptr<const DataSet>> loaded = ReadEngineSnapshot(snapshot_, fingerprint_);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().ToString();
  const DataSet& a = **loaded;
  const DataSet& b = *scanned;
  EXPECT_EQ(Bytes(a), from_import);
  // The derived indexes are rebuilt.
  EXPECT_EQ(a.user_by_id, b.user_by_id);
  EXPECT_EQ(a.account_by_id, b.account_by_id);
  EXPECT_EQ(a.opp_by_id, b.opp_by_id);
  EXPECT_EQ(a.stage_by_name, b.stage_by_name);
  EXPECT_EQ(a.calendar.start_month(), b.calendar.start_month());
  EXPECT_EQ(a.settings.skills, b.settings.skills);
  EXPECT_EQ(a.settings.reference_date, b.settings.reference_date);
  EXPECT_GT(a.act_at.size(), 1000u);
  EXPECT_EQ(a.act_at, b.act_at);
  EXPECT_EQ(a.hist_max_rank, b.hist_max_rank);
  ASSERT_EQ(a.forecasts.size(), b.forecasts.size());
  for (size_t u = 0; u < a.forecasts.size(); ++u) {
    ASSERT_EQ(a.forecasts[u].size(), b.forecasts[u].size());
    for (size_t i = 0; i < a.forecasts[u].size(); ++i) {
      EXPECT_EQ(a.forecasts[u][i].period, b.forecasts[u][i].period);
      EXPECT_EQ(a.forecasts[u][i].seq, b.forecasts[u][i].seq);
    }
  }
  EXPECT_EQ(a.reports, b.reports);
}

TEST_F(EngineSnapshotTest, TruncatedSnapshotIsRejectedAndRebuilt) {
  std::string good = ReadFile(snapshot_);
  for (size_t keep : {size_t{0}, size_t{10}, size_t{100}, good.size() / 2, good.size() - 1}) {
    WriteFile(snapshot_, good.substr(0, keep));
    Result<std::shared_ptr<const DataSet>> r = ReadEngineSnapshot(snapshot_, fingerprint_);
    ASSERT_FALSE(r.has_value()) << keep;
    EXPECT_EQ(r.error().code(), StatusCode::kDataError) << keep;
  }
  // The loader falls back to the rows and writes a good snapshot again.
  Result<std::shared_ptr<const DataSet>> ds = LoadDataSetFromStore(db_);
  ASSERT_TRUE(ds.has_value());
  EXPECT_EQ(ReadFile(snapshot_), good);
}

TEST_F(EngineSnapshotTest, DamagedBytesAreRejected) {
  std::string good = ReadFile(snapshot_);
  for (size_t at : {size_t{30}, good.size() / 3, good.size() / 2, good.size() - 3}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    WriteFile(snapshot_, bad);
    Result<std::shared_ptr<const DataSet>> r = ReadEngineSnapshot(snapshot_, fingerprint_);
    ASSERT_FALSE(r.has_value()) << at;
  }
  ASSERT_TRUE(LoadDataSetFromStore(db_).has_value());
  EXPECT_EQ(ReadFile(snapshot_), good);
}

TEST_F(EngineSnapshotTest, StaleSnapshotIsNotUsed) {
  std::string good = ReadFile(snapshot_);
  // Another import's snapshot.
  Result<std::shared_ptr<const DataSet>> r = ReadEngineSnapshot(snapshot_, fingerprint_ + "x");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kFailedPrecondition);
  // An older format.
  std::string old = good;
  uint32_t version = kEngineSnapshotVersion - 1;
  std::memcpy(old.data() + 8, &version, 4);
  WriteFile(snapshot_, old);
  r = ReadEngineSnapshot(snapshot_, fingerprint_);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(LoadDataSetFromStore(db_).has_value());
  EXPECT_EQ(ReadFile(snapshot_), good);
  EXPECT_EQ(ReadEngineSnapshot(dir_.path() / "none.engine", fingerprint_).error().code(),
            StatusCode::kNotFound);
}

TEST_F(EngineSnapshotTest, ImportsReplaceTheSnapshotAndFailedOnesKeepIt) {
  std::string first = ReadFile(snapshot_);
  // A failed import changes neither the database nor the snapshot.
  fs::path bad = dir_.path() / "bad";
  fs::create_directories(bad);
  for (const auto& [name, content] : sc::testing::SmallDataSet()) {
    std::ofstream(bad / name, std::ios::binary) << content;
  }
  std::ofstream(bad / "activities.csv", std::ios::app) << "t9,call,nobody,a1,,,2026-02-01,x\n";
  ImportRequest req;
  req.folder = bad;
  req.db_path = db_;
  Result<ImportReport> r = ImportDataSet(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->ok());
  EXPECT_EQ(ReadFile(snapshot_), first);
  EXPECT_TRUE(ReadEngineSnapshot(snapshot_, fingerprint_).has_value());

  // A good one replaces both.
  fs::remove(bad / "activities.csv");
  r = ImportDataSet(req);
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->ok());
  auto store = OpenSqliteStore(db_);
  std::string fingerprint = SnapshotFingerprint(*(*store)->Info());
  EXPECT_NE(fingerprint, fingerprint_);
  Result<std::shared_ptr<const DataSet>> ds = ReadEngineSnapshot(snapshot_, fingerprint);
  ASSERT_TRUE(ds.has_value()) << ds.error().ToString();
  EXPECT_EQ((*ds)->users(), 4u);
  EXPECT_FALSE(ReadEngineSnapshot(snapshot_, fingerprint_).has_value());
}

// ---- RecordPipeline ----

// Fails on the n-th activity.
class FailingSink : public RecordingSink {
 public:
  explicit FailingSink(size_t n) : n_(n) {}
  Status OnActivity(const ActivityRecord& r) override {
    if (activities.size() + 1 == n_) return IoError("disk full");
    return RecordingSink::OnActivity(r);
  }

 private:
  size_t n_;
};

RecordingSink Stream(size_t activities) {
  RecordingSink s;
  s.settings.emplace_back();
  for (int i = 0; i < 3; ++i) {
    s.users.emplace_back();
    s.users.back().id = "u" + std::to_string(i);
  }
  for (size_t i = 0; i < activities; ++i) {
    ActivityRecord a;
    a.id = "act" + std::to_string(i);
    a.subject = std::string(i % 40, 'x');
    a.occurred_at = Instant(std::chrono::milliseconds(i));
    s.activities.push_back(a);
  }
  s.quotas.emplace_back();
  s.quotas.back().owner_id = "u1";
  return s;
}

TEST(RecordPipeline, DeliversEveryRecordInOrder) {
  for (size_t batch : {size_t{1}, size_t{7}, size_t{1000}}) {
    RecordingSink in = Stream(5000);
    RecordingSink out;
    {
      RecordPipeline pipe(out, batch, 2);
      ASSERT_TRUE(sc::testing::Replay(in, pipe).ok());
      ASSERT_TRUE(pipe.Finish().ok());
    }
    EXPECT_THAT(Dump(out), ElementsAreArray(Dump(in))) << batch;
  }
}

TEST(RecordPipeline, ReportsTheTargetsFirstError) {
  RecordingSink in = Stream(5000);
  FailingSink out(1234);
  RecordPipeline pipe(out, 100, 2);
  Status s = sc::testing::Replay(in, pipe);
  if (s.ok()) s = pipe.Finish();
  EXPECT_EQ(s.message(), "disk full");
  EXPECT_EQ(out.activities.size(), 1233u);
}

TEST(RecordPipeline, StopsWithoutFinish) {
  RecordingSink in = Stream(5000);
  RecordingSink out;
  {
    RecordPipeline pipe(out, 10, 2);
    ASSERT_TRUE(sc::testing::Replay(in, pipe).ok());
  }  // destroyed mid-stream: joins, drops the rest
  EXPECT_LE(out.activities.size(), 5000u);
}

}  // namespace
}  // namespace sc
