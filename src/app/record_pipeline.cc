#include "app/record_pipeline.h"

namespace sc {

// A lane keeps its records (and their strings' buffers) between uses; only
// the first `n` are live.
template <typename T>
struct Lane {
  using value_type = T;
  std::vector<T> items;
  size_t n = 0;
  void Add(const T& r) {
    if (n < items.size()) items[n] = r;
    else items.push_back(r);
    ++n;
  }
  template <typename F>
  Status Each(F&& f) const {
    for (size_t i = 0; i < n; ++i) {
      Status s = f(items[i]);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }
};

struct RecordPipeline::Batch {
  Lane<Settings> settings;
  Lane<UserRecord> users;
  Lane<StageRecord> stages;
  Lane<AccountRecord> accounts;
  Lane<ContactRecord> contacts;
  Lane<OpportunityRecord> opportunities;
  Lane<HistoryRecord> history;
  Lane<ActivityRecord> activities;
  Lane<QuotaRecord> quotas;
  Lane<ForecastRecord> forecasts;
  size_t total = 0;

  void Clear() {
    settings.n = users.n = stages.n = accounts.n = contacts.n = opportunities.n = history.n =
        activities.n = quotas.n = forecasts.n = 0;
    total = 0;
  }
  // A batch holds a contiguous piece of the stream, whose kinds come in
  // RecordSink order; delivering lane by lane in that order keeps it.
  Status Deliver(RecordSink& t) const {
    Status s = settings.Each([&](const Settings& r) { return t.OnSettings(r); });
    if (s.ok()) s = users.Each([&](const UserRecord& r) { return t.OnUser(r); });
    if (s.ok()) s = stages.Each([&](const StageRecord& r) { return t.OnStage(r); });
    if (s.ok()) s = accounts.Each([&](const AccountRecord& r) { return t.OnAccount(r); });
    if (s.ok()) s = contacts.Each([&](const ContactRecord& r) { return t.OnContact(r); });
    if (s.ok()) {
      s = opportunities.Each([&](const OpportunityRecord& r) { return t.OnOpportunity(r); });
    }
    if (s.ok()) s = history.Each([&](const HistoryRecord& r) { return t.OnHistory(r); });
    if (s.ok()) s = activities.Each([&](const ActivityRecord& r) { return t.OnActivity(r); });
    if (s.ok()) s = quotas.Each([&](const QuotaRecord& r) { return t.OnQuota(r); });
    if (s.ok()) s = forecasts.Each([&](const ForecastRecord& r) { return t.OnForecast(r); });
    return s;
  }
};

RecordPipeline::RecordPipeline(RecordSink& target, size_t batch_records, size_t max_batches)
    : target_(target), batch_records_(batch_records), max_batches_(max_batches) {
  // max_batches queued, one being delivered, one being filled.
  for (size_t i = 0; i < max_batches_ + 2; ++i) all_.push_back(std::make_unique<Batch>());
  current_ = all_[0].get();
  for (size_t i = 1; i < all_.size(); ++i) free_.push_back(all_[i].get());
  worker_ = std::thread([this] { Work(); });
}

RecordPipeline::~RecordPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    abort_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

Status RecordPipeline::FirstError() {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_ ? error_ : Status::Ok();
}

template <typename T>
Status RecordPipeline::Push(T Batch::*lane, const typename T::value_type& r) {
  (current_->*lane).Add(r);
  if (++current_->total >= batch_records_) return Submit();
  return Status::Ok();
}

Status RecordPipeline::Submit() {
  std::unique_lock<std::mutex> lock(mu_);
  if (failed_) {
    current_->Clear();
    return error_;
  }
  full_.push_back(current_);
  current_ = nullptr;
  changed_.notify_all();
  // The worker frees batches even after a failure (it then drops them).
  changed_.wait(lock, [&] { return !free_.empty(); });
  current_ = free_.back();
  free_.pop_back();
  current_->Clear();
  return failed_ ? error_ : Status::Ok();
}

void RecordPipeline::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    changed_.wait(lock, [&] { return !full_.empty() || closing_; });
    if (abort_ || full_.empty()) return;
    Batch* b = full_.front();
    full_.pop_front();
    bool deliver = !failed_;
    lock.unlock();
    Status s = deliver ? b->Deliver(target_) : Status::Ok();
    lock.lock();
    if (!s.ok() && !failed_) {
      failed_ = true;
      error_ = s;
    }
    free_.push_back(b);
    changed_.notify_all();
  }
}

Status RecordPipeline::Finish() {
  if (current_ != nullptr && current_->total > 0) {
    Status s = Submit();
    if (!s.ok()) return s;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
  return FirstError();
}

Status RecordPipeline::OnSettings(const Settings& r) { return Push(&Batch::settings, r); }
Status RecordPipeline::OnUser(const UserRecord& r) { return Push(&Batch::users, r); }
Status RecordPipeline::OnStage(const StageRecord& r) { return Push(&Batch::stages, r); }
Status RecordPipeline::OnAccount(const AccountRecord& r) { return Push(&Batch::accounts, r); }
Status RecordPipeline::OnContact(const ContactRecord& r) { return Push(&Batch::contacts, r); }
Status RecordPipeline::OnOpportunity(const OpportunityRecord& r) {
  return Push(&Batch::opportunities, r);
}
Status RecordPipeline::OnHistory(const HistoryRecord& r) { return Push(&Batch::history, r); }
Status RecordPipeline::OnActivity(const ActivityRecord& r) { return Push(&Batch::activities, r); }
Status RecordPipeline::OnQuota(const QuotaRecord& r) { return Push(&Batch::quotas, r); }
Status RecordPipeline::OnForecast(const ForecastRecord& r) { return Push(&Batch::forecasts, r); }

}  // namespace sc
