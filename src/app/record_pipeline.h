// Sinks that route a record stream: RecordPipeline hands it to another sink
// on a second thread, in batches, so that an importer's parsing and
// validation run while the store writes (SPEC §6: import at the speed of
// reading); TeeSink copies it into two sinks; CatchSink keeps a sink's
// error to itself.
//
//   RecordPipeline to_store(*tx);                 // tx: the store's ImportTransaction
//   ASSIGN_OR_RETURN(auto report, importer->Run(folder, to_store, options));
//   RETURN_IF_ERROR(to_store.Finish());           // every record delivered, or the error
//   RETURN_IF_ERROR(tx->Commit(source));
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/record_sink.h"

namespace sc {

class RecordPipeline : public RecordSink {
 public:
  // Records go to `target` from one worker thread, in the order pushed. At
  // most `max_batches` batches of `batch_records` records are in flight, so
  // memory stays bounded however long the stream.
  explicit RecordPipeline(RecordSink& target, size_t batch_records = 2048, size_t max_batches = 8);
  // Stops the worker; records not yet delivered are dropped.
  ~RecordPipeline() override;
  RecordPipeline(const RecordPipeline&) = delete;
  RecordPipeline& operator=(const RecordPipeline&) = delete;

  // Each copies the record into the current batch. Returns the first error of
  // the target (after which nothing more is delivered).
  Status OnSettings(const Settings& r) override;
  Status OnUser(const UserRecord& r) override;
  Status OnStage(const StageRecord& r) override;
  Status OnAccount(const AccountRecord& r) override;
  Status OnContact(const ContactRecord& r) override;
  Status OnOpportunity(const OpportunityRecord& r) override;
  Status OnHistory(const HistoryRecord& r) override;
  Status OnActivity(const ActivityRecord& r) override;
  Status OnQuota(const QuotaRecord& r) override;
  Status OnForecast(const ForecastRecord& r) override;

  // Delivers what is left, waits for the worker and joins it. Returns the
  // first error of the target. Nothing may be pushed afterwards.
  Status Finish();

 private:
  struct Batch;
  template <typename T>
  Status Push(T Batch::*lane, const typename T::value_type& r);
  Status Submit();
  void Work();
  Status FirstError();

  RecordSink& target_;
  const size_t batch_records_;
  const size_t max_batches_;
  std::vector<std::unique_ptr<Batch>> all_;
  Batch* current_ = nullptr;

  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Batch*> full_;  // guarded by mu_
  std::vector<Batch*> free_;  // guarded by mu_
  bool closing_ = false;      // guarded by mu_: no more batches will come
  bool abort_ = false;        // guarded by mu_: drop what is queued
  Status error_;              // guarded by mu_
  bool failed_ = false;       // guarded by mu_
  std::thread worker_;
};

class TeeSink : public RecordSink {
 public:
  TeeSink(RecordSink& a, RecordSink& b) : a_(a), b_(b) {}
  Status OnSettings(const Settings& r) override { return Both(&RecordSink::OnSettings, r); }
  Status OnUser(const UserRecord& r) override { return Both(&RecordSink::OnUser, r); }
  Status OnStage(const StageRecord& r) override { return Both(&RecordSink::OnStage, r); }
  Status OnAccount(const AccountRecord& r) override { return Both(&RecordSink::OnAccount, r); }
  Status OnContact(const ContactRecord& r) override { return Both(&RecordSink::OnContact, r); }
  Status OnOpportunity(const OpportunityRecord& r) override {
    return Both(&RecordSink::OnOpportunity, r);
  }
  Status OnHistory(const HistoryRecord& r) override { return Both(&RecordSink::OnHistory, r); }
  Status OnActivity(const ActivityRecord& r) override { return Both(&RecordSink::OnActivity, r); }
  Status OnQuota(const QuotaRecord& r) override { return Both(&RecordSink::OnQuota, r); }
  Status OnForecast(const ForecastRecord& r) override { return Both(&RecordSink::OnForecast, r); }

 private:
  template <typename T>
  Status Both(Status (RecordSink::*on)(const T&), const T& r) {
    Status s = (a_.*on)(r);
    if (!s.ok()) return s;
    return (b_.*on)(r);
  }
  RecordSink& a_;
  RecordSink& b_;
};

// Forwards to `target` until its first error, which it keeps (status()) and
// does not pass on: every call returns OK.
class CatchSink : public RecordSink {
 public:
  explicit CatchSink(RecordSink& target) : t_(target) {}
  const Status& status() const { return status_; }
  Status OnSettings(const Settings& r) override { return Keep(&RecordSink::OnSettings, r); }
  Status OnUser(const UserRecord& r) override { return Keep(&RecordSink::OnUser, r); }
  Status OnStage(const StageRecord& r) override { return Keep(&RecordSink::OnStage, r); }
  Status OnAccount(const AccountRecord& r) override { return Keep(&RecordSink::OnAccount, r); }
  Status OnContact(const ContactRecord& r) override { return Keep(&RecordSink::OnContact, r); }
  Status OnOpportunity(const OpportunityRecord& r) override {
    return Keep(&RecordSink::OnOpportunity, r);
  }
  Status OnHistory(const HistoryRecord& r) override { return Keep(&RecordSink::OnHistory, r); }
  Status OnActivity(const ActivityRecord& r) override { return Keep(&RecordSink::OnActivity, r); }
  Status OnQuota(const QuotaRecord& r) override { return Keep(&RecordSink::OnQuota, r); }
  Status OnForecast(const ForecastRecord& r) override { return Keep(&RecordSink::OnForecast, r); }

 private:
  template <typename T>
  Status Keep(Status (RecordSink::*on)(const T&), const T& r) {
    if (status_.ok()) status_ = (t_.*on)(r);
    return Status::Ok();
  }
  RecordSink& t_;
  Status status_;
};

}  // namespace sc
