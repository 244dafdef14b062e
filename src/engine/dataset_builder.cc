#include "base/strings.h"
#include "engine/dataset.h"
#include "engine/builder_pending.h"

namespace sc {

namespace {

ForecastCategory DefaultCategory(const StageRecord& r) {
  if (r.forecast_category) return *r.forecast_category;
  if (!r.is_closed && !r.is_won) return ForecastCategory::kPipeline;
  return r.is_won ? ForecastCategory::kClosed : ForecastCategory::kOmitted;
}

template <typename Map>
int32_t Lookup(const Map& map, const std::string& id) {
  if (id.empty()) return kNone;
  auto it = map.find(id);
  return it == map.end() ? kNone : it->second;
}

// Lookup with a memo of the last key: history and activity rows usually come
// grouped by opportunity, account and owner, so most lookups repeat the
// previous one and skip the hash.
template <typename Map>
int32_t Lookup(const Map& map, const std::string& id, LastLookup& last) {
  if (last.valid && id == last.key) return last.ix;
  last.ix = Lookup(map, id);
  last.key = id;
  last.valid = true;
  return last.ix;
}

}  // namespace

DataSetBuilder::DataSetBuilder()
    : pending_(std::make_unique<Pending>()), ds_(std::make_unique<DataSet>()) {}
DataSetBuilder::~DataSetBuilder() = default;

Status DataSetBuilder::OnSettings(const Settings& settings) {
  ds_->settings = settings;
  ds_->calendar = FiscalCalendar(settings.fiscal_start_month);
  return Status::Ok();
}

Status DataSetBuilder::OnUser(const UserRecord& r) {
  auto ix = static_cast<UserIx>(ds_->user_id.size());
  if (!ds_->user_by_id.emplace(r.id, ix).second) return DataError("duplicate user id '" + r.id + "'");
  ds_->user_id.push_back(r.id);
  ds_->user_name.push_back(r.name);
  ds_->user_email.push_back(r.email);
  ds_->user_team.push_back(r.team);
  ds_->user_role.push_back(r.role);
  pending_->manager_ids.push_back(r.manager_id);
  return Status::Ok();
}

Status DataSetBuilder::OnStage(const StageRecord& r) {
  auto ix = static_cast<StageIx>(ds_->stages.size());
  StageInfo s;
  s.name = r.name;
  s.order = r.order;
  s.is_won = r.is_won;
  s.is_closed = r.is_closed || r.is_won;
  s.probability = r.probability.value_or(0);
  s.default_category = DefaultCategory(r);
  s.skills = r.skills;
  ds_->stages.push_back(std::move(s));
  ds_->stage_by_name.emplace(r.name, ix);
  return Status::Ok();
}

Status DataSetBuilder::OnAccount(const AccountRecord& r) {
  auto ix = static_cast<AccountIx>(ds_->account_id.size());
  if (!ds_->account_by_id.emplace(r.id, ix).second) {
    return DataError("duplicate account id '" + r.id + "'");
  }
  ds_->account_id.push_back(r.id);
  ds_->account_name.push_back(r.name);
  ds_->account_owner.push_back(Lookup(ds_->user_by_id, r.owner_id));
  return Status::Ok();
}

Status DataSetBuilder::OnContact(const ContactRecord&) { return Status::Ok(); }

Status DataSetBuilder::OnOpportunity(const OpportunityRecord& r) {
  auto ix = static_cast<OppIx>(ds_->opp_id.size());
  StageIx stage = Lookup(ds_->stage_by_name, r.stage);
  UserIx owner = Lookup(ds_->user_by_id, r.owner_id);
  AccountIx account = Lookup(ds_->account_by_id, r.account_id);
  if (stage == kNone) return DataError("opportunity '" + r.id + "': unknown stage '" + r.stage + "'");
  if (owner == kNone) return DataError("opportunity '" + r.id + "': unknown owner '" + r.owner_id + "'");
  if (!ds_->opp_by_id.emplace(r.id, ix).second) {
    return DataError("duplicate opportunity id '" + r.id + "'");
  }
  std::string type(Trim(r.type));
  auto [it, inserted] =
      pending_->type_index.emplace(type, static_cast<int32_t>(ds_->type_names.size()));
  if (inserted) ds_->type_names.push_back(type);
  ds_->opp_id.push_back(r.id);
  ds_->opp_name.push_back(r.name);
  ds_->opp_type.push_back(it->second);
  ds_->opp_account.push_back(account);
  ds_->opp_owner.push_back(owner);
  ds_->opp_amount.push_back(r.amount);
  ds_->opp_stage.push_back(stage);
  ds_->opp_category.push_back(r.forecast_category ? static_cast<int8_t>(*r.forecast_category)
                                                  : kNoCategory);
  ds_->opp_created.push_back(r.created_at);
  ds_->opp_close.push_back(r.close_date);
  return Status::Ok();
}

Status DataSetBuilder::OnHistory(const HistoryRecord& r) {
  OppIx opp = Lookup(ds_->opp_by_id, r.opportunity_id, pending_->last_opp);
  StageIx stage = Lookup(ds_->stage_by_name, r.stage, pending_->last_stage);
  if (opp == kNone) return DataError("history: unknown opportunity '" + r.opportunity_id + "'");
  if (stage == kNone) return DataError("history: unknown stage '" + r.stage + "'");
  Pending& p = *pending_;
  p.h_opp.push_back(opp);
  p.h_at.push_back(r.changed_at);
  p.h_stage.push_back(stage);
  p.h_amount.push_back(r.amount);
  p.h_close.push_back(r.close_date);
  p.h_category.push_back(r.forecast_category ? static_cast<int8_t>(*r.forecast_category)
                                             : kNoCategory);
  return Status::Ok();
}

Status DataSetBuilder::OnActivity(const ActivityRecord& r) {
  Pending& p = *pending_;
  p.a_account.push_back(Lookup(ds_->account_by_id, r.account_id, p.last_account));
  p.a_at.push_back(r.occurred_at);
  p.a_type.push_back(r.type);
  p.a_owner.push_back(Lookup(ds_->user_by_id, r.owner_id, p.last_owner));
  return Status::Ok();
}

Status DataSetBuilder::OnQuota(const QuotaRecord& r) {
  UserIx owner = Lookup(ds_->user_by_id, r.owner_id);
  if (owner == kNone) return DataError("quota: unknown owner '" + r.owner_id + "'");
  ds_->quotas.resize(ds_->users());
  ds_->quotas[static_cast<size_t>(owner)].push_back({r.start_date, r.end_date, r.amount});
  return Status::Ok();
}

Status DataSetBuilder::OnForecast(const ForecastRecord& r) {
  UserIx owner = Lookup(ds_->user_by_id, r.owner_id);
  if (owner == kNone) return DataError("forecast: unknown owner '" + r.owner_id + "'");
  ds_->forecasts.resize(ds_->users());
  ds_->forecasts[static_cast<size_t>(owner)].push_back(
      {NormalizePeriodLabel(r.period), r.category, r.amount, r.submitted_at, pending_->forecast_seq++});
  return Status::Ok();
}

}  // namespace sc
