// The one stream in which a data set travels: an importer pushes records into
// a sink (the store's writer); the store replays them into another sink (the
// engine's builder). Records arrive in this order: settings, users, stages,
// accounts, contacts, opportunities, history (file order), activities,
// quotas, forecasts.
#pragma once

#include "base/status.h"
#include "core/records.h"
#include "core/settings.h"

namespace sc {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status OnSettings(const Settings& settings) = 0;
  virtual Status OnUser(const UserRecord& r) = 0;
  virtual Status OnStage(const StageRecord& r) = 0;
  virtual Status OnAccount(const AccountRecord& r) = 0;
  virtual Status OnContact(const ContactRecord& r) = 0;
  virtual Status OnOpportunity(const OpportunityRecord& r) = 0;
  virtual Status OnHistory(const HistoryRecord& r) = 0;
  virtual Status OnActivity(const ActivityRecord& r) = 0;
  virtual Status OnQuota(const QuotaRecord& r) = 0;
  virtual Status OnForecast(const ForecastRecord& r) = 0;
};

}  // namespace sc
