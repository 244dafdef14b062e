// The streamed files of the native format: accounts, contacts,
// opportunities, stage_history, activities, quotas, forecasts. Each record is
// validated, its references checked against the id sets kept so far, and
// pushed into the sink while no error has been found.
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "base/strings.h"
#include "core/fiscal.h"
#include "ingest/native_run.h"

namespace sc::native_internal {

namespace {

std::string Duplicate(std::string_view id, int64_t first_line) {
  return "duplicate id '" + std::string(id) + "' (first on line " + std::to_string(first_line) +
         ")";
}

uint64_t IdHash(std::string_view id) { return std::hash<std::string_view>{}(id); }

}  // namespace

Status NativeRun::ReadAccounts() {
  enum { kId, kName, kOwner, kSegment, kIndustry, kCreated };
  Column cols[] = {{"id", true},       {"name", true},      {"owner_id", false},
                   {"segment", false}, {"industry", false}, {"created_at", false}};
  CsvFile f;
  if (!Open("accounts.csv", true, cols, std::size(cols), &f)) return Status::Ok();
  accounts_complete_ = true;
  CsvRecord rec;
  AccountRecord a;
  while (Next(f, &rec, &accounts_complete_)) {
    Row row(*this, f.name, rec, cols);
    a.id.assign(row.Required(kId));
    a.name.assign(row.Required(kName));
    a.owner_id.assign(row.Get(kOwner));
    if (!a.owner_id.empty()) CheckUser(row, kOwner, a.owner_id);
    a.segment.assign(row.Get(kSegment));
    a.industry.assign(row.Get(kIndustry));
    a.created_at = row.Time(kCreated, false);
    if (!a.id.empty()) {
      auto [index, added] = account_ids_.Insert(a.id);
      if (!added) {
        row.Fail(kId, Duplicate(a.id, account_lines_[index]));
        continue;
      }
      account_lines_.push_back(rec.line);
    }
    if (row.ok()) {
      ++report_.counts.accounts;
      if (Emitting()) SC_TRY(sink_.OnAccount(a));
    }
  }
  FinishFile(f);
  return Status::Ok();
}

Status NativeRun::ReadContacts() {
  enum { kId, kAccount, kName, kTitle, kEmail };
  Column cols[] = {{"id", true},     {"account_id", true}, {"name", false},
                   {"title", false}, {"email", false}};
  CsvFile f;
  if (!Open("contacts.csv", false, cols, std::size(cols), &f)) {
    // An optional file that is absent is complete (it has no contacts); one
    // that failed to open was reported and must not cascade.
    std::error_code ec;
    contacts_complete_ = !std::filesystem::exists(folder_ / "contacts.csv", ec);
    return Status::Ok();
  }
  contacts_complete_ = true;
  CsvRecord rec;
  ContactRecord c;
  while (Next(f, &rec, &contacts_complete_)) {
    Row row(*this, f.name, rec, cols);
    c.id.assign(row.Required(kId));
    c.account_id.assign(row.Required(kAccount));
    int32_t account = -1;
    if (!c.account_id.empty()) {
      account = static_cast<int32_t>(account_ids_.Find(c.account_id));
      if (account < 0 && accounts_complete_) {
        row.Fail(kAccount, "unknown account '" + c.account_id + "'");
      }
    }
    c.name.assign(row.Get(kName));
    c.title.assign(row.Get(kTitle));
    c.email.assign(row.Get(kEmail));
    if (!c.id.empty()) {
      auto [index, added] = contact_ids_.Insert(c.id);
      if (!added) {
        row.Fail(kId, Duplicate(c.id, contact_lines_[index]));
        continue;
      }
      contact_lines_.push_back(rec.line);
      contact_account_.push_back(account);
    }
    if (row.ok()) {
      ++report_.counts.contacts;
      if (Emitting()) SC_TRY(sink_.OnContact(c));
    }
  }
  FinishFile(f);
  return Status::Ok();
}

Status NativeRun::ReadOpportunities() {
  enum { kId, kAccount, kOwner, kName, kType, kAmount, kStage, kCategory, kCreated, kClose };
  Column cols[] = {{"id", true},         {"account_id", true},
                   {"owner_id", true},   {"name", false},
                   {"type", false},      {"amount", true},
                   {"stage", true},      {"forecast_category", false},
                   {"created_at", true}, {"close_date", true}};
  CsvFile f;
  if (!Open("opportunities.csv", true, cols, std::size(cols), &f)) return Status::Ok();
  opportunities_complete_ = true;
  CsvRecord rec;
  OpportunityRecord o;
  while (Next(f, &rec, &opportunities_complete_)) {
    Row row(*this, f.name, rec, cols);
    o.id.assign(row.Required(kId));
    o.account_id.assign(row.Required(kAccount));
    int32_t account = -1;
    if (!o.account_id.empty()) {
      account = static_cast<int32_t>(account_ids_.Find(o.account_id));
      if (account < 0 && accounts_complete_) {
        row.Fail(kAccount, "unknown account '" + o.account_id + "'");
      }
    }
    o.owner_id.assign(row.Required(kOwner));
    if (!o.owner_id.empty()) CheckUser(row, kOwner, o.owner_id);
    o.name.assign(row.Get(kName));
    o.type.assign(row.Get(kType));
    o.amount = row.Amount(kAmount, true).value_or(0);
    std::string_view stage = row.Required(kStage);
    if (!stage.empty()) {
      int s = FindStage(stage);
      if (s >= 0) {
        o.stage.assign(stages_[s].name);
      } else {
        o.stage.assign(stage);
        if (stages_complete_) row.Fail(kStage, "unknown stage '" + std::string(stage) + "'");
      }
    }
    std::string_view cat = row.Get(kCategory);
    o.forecast_category.reset();
    if (!cat.empty()) {
      o.forecast_category = ParseForecastCategory(cat);
      if (!o.forecast_category) {
        row.Fail(kCategory, "unknown forecast category '" + std::string(cat) +
                                "' (expected pipeline, best_case, commit, closed or omitted)");
      }
    }
    if (auto t = row.Time(kCreated, true)) o.created_at = *t;
    if (auto d = row.Day(kClose, true)) o.close_date = *d;
    if (!o.id.empty()) {
      auto [index, added] = opportunity_ids_.Insert(o.id);
      if (!added) {
        row.Fail(kId, Duplicate(o.id, opportunity_lines_[index]));
        continue;
      }
      opportunity_lines_.push_back(rec.line);
      opportunity_account_.push_back(account);
    }
    if (row.ok()) {
      ++report_.counts.opportunities;
      if (Emitting()) SC_TRY(sink_.OnOpportunity(o));
    }
  }
  FinishFile(f);
  return Status::Ok();
}

Status NativeRun::ReadHistory() {
  enum { kOpportunity, kChanged, kStage, kAmount, kClose, kCategory };
  Column cols[] = {{"opportunity_id", true}, {"changed_at", true}, {"stage", true},
                   {"amount", false},        {"close_date", false},
                   {"forecast_category", false}};
  CsvFile f;
  if (!Open("stage_history.csv", false, cols, std::size(cols), &f)) return Status::Ok();
  bool complete = true;
  CsvRecord rec;
  HistoryRecord h;
  while (Next(f, &rec, &complete)) {
    Row row(*this, f.name, rec, cols);
    h.opportunity_id.assign(row.Required(kOpportunity));
    if (!h.opportunity_id.empty() && opportunities_complete_ &&
        opportunity_ids_.Find(h.opportunity_id) < 0) {
      row.Fail(kOpportunity, "unknown opportunity '" + h.opportunity_id + "'");
    }
    if (auto t = row.Time(kChanged, true)) h.changed_at = *t;
    std::string_view stage = row.Required(kStage);
    if (!stage.empty()) {
      int s = FindStage(stage);
      if (s >= 0) {
        h.stage.assign(stages_[s].name);
      } else if (stages_complete_) {
        row.Fail(kStage, "unknown stage '" + std::string(stage) + "'");
      }
    }
    h.amount = row.Amount(kAmount, false);
    h.close_date = row.Day(kClose, false);
    std::string_view cat = row.Get(kCategory);
    h.forecast_category.reset();
    if (!cat.empty()) {
      h.forecast_category = ParseForecastCategory(cat);
      if (!h.forecast_category) {
        row.Fail(kCategory, "unknown forecast category '" + std::string(cat) +
                                "' (expected pipeline, best_case, commit, closed or omitted)");
      }
    }
    if (row.ok()) {
      ++report_.counts.history;
      if (Emitting()) SC_TRY(sink_.OnHistory(h));
    }
  }
  FinishFile(f);
  return Status::Ok();
}

Status NativeRun::ReadActivities() {
  enum { kId, kType, kOwner, kAccount, kContact, kOpportunity, kOccurred, kSubject };
  Column cols[] = {{"id", true},           {"type", true},
                   {"owner_id", false},    {"account_id", false},
                   {"contact_id", false},  {"opportunity_id", false},
                   {"occurred_at", true},  {"subject", false}};
  CsvFile f;
  if (!Open("activities.csv", false, cols, std::size(cols), &f)) return Status::Ok();
  bool complete = true;
  std::vector<uint64_t> id_hashes;  // 8 bytes per activity, for the duplicate check
  CsvRecord rec;
  ActivityRecord a;
  while (Next(f, &rec, &complete)) {
    Row row(*this, f.name, rec, cols);
    a.id.assign(row.Required(kId));
    if (!a.id.empty()) id_hashes.push_back(IdHash(a.id));
    std::string_view type = row.Required(kType);
    if (!type.empty()) {
      std::optional<ActivityType> t = ParseActivityType(type);
      if (t) {
        a.type = *t;
      } else {
        row.Fail(kType, "unknown activity type '" + std::string(type) +
                            "' (expected call, email, meeting or other)");
      }
    }
    a.owner_id.assign(row.Get(kOwner));
    if (!a.owner_id.empty()) CheckUser(row, kOwner, a.owner_id);
    std::string_view account_id = row.Get(kAccount);
    a.contact_id.assign(row.Get(kContact));
    a.opportunity_id.assign(row.Get(kOpportunity));
    if (account_id.empty() && a.contact_id.empty() && a.opportunity_id.empty()) {
      row.Fail(kAccount, "an activity needs one of account_id, contact_id, opportunity_id");
    }
    // The account: its own, else the opportunity's, else the contact's.
    int64_t account = -1;
    if (!account_id.empty()) {
      account = account_ids_.Find(account_id);
      if (account < 0 && accounts_complete_) {
        row.Fail(kAccount, "unknown account '" + std::string(account_id) + "'");
      }
    }
    if (!a.opportunity_id.empty()) {
      int64_t o = opportunity_ids_.Find(a.opportunity_id);
      if (o < 0) {
        if (opportunities_complete_) {
          row.Fail(kOpportunity, "unknown opportunity '" + a.opportunity_id + "'");
        }
      } else if (account < 0) {
        account = opportunity_account_[o];
      }
    }
    if (!a.contact_id.empty()) {
      int64_t c = contact_ids_.Find(a.contact_id);
      if (c < 0) {
        if (contacts_complete_) row.Fail(kContact, "unknown contact '" + a.contact_id + "'");
      } else if (account < 0) {
        account = contact_account_[c];
      }
    }
    if (account >= 0) {
      a.account_id.assign(account_ids_.Get(static_cast<uint32_t>(account)));
    } else {
      a.account_id.assign(account_id);
    }
    if (auto t = row.Time(kOccurred, true)) a.occurred_at = *t;
    a.subject.assign(row.Get(kSubject));
    if (row.ok()) {
      ++report_.counts.activities;
      if (Emitting()) SC_TRY(sink_.OnActivity(a));
    }
  }
  FinishFile(f);
  FindDuplicateActivities(id_hashes);
  return Status::Ok();
}

// Sorts the id hashes; only when two are equal is the file read again to
// find the lines of the duplicate ids (and to rule out hash collisions).
void NativeRun::FindDuplicateActivities(std::vector<uint64_t>& hashes) {
  std::sort(hashes.begin(), hashes.end());
  std::unordered_set<uint64_t> suspects;
  for (size_t i = 1; i < hashes.size(); ++i) {
    if (hashes[i] == hashes[i - 1]) suspects.insert(hashes[i]);
  }
  std::vector<uint64_t>().swap(hashes);
  if (suspects.empty()) return;
  Column cols[] = {{"id", true}};
  CsvFile f;
  int64_t saved_done = bytes_done_;
  if (!Open("activities.csv", false, cols, 1, &f)) return;
  current_ = nullptr;  // the progress bar already showed this file
  std::unordered_map<std::string, int64_t> first_line;
  CsvRecord rec;
  bool complete = true;
  while (true) {
    Result<bool> more = f.reader->Next(&rec);
    if (!more || !*more) break;
    std::string_view id = rec.Field(cols[0].index);
    if (id.empty() || suspects.count(IdHash(id)) == 0) continue;
    auto [it, added] = first_line.emplace(std::string(id), rec.line);
    if (!added) {
      Error(f.name, rec.line, "id: " + Duplicate(id, it->second));
    }
  }
  (void)complete;
  f.reader.reset();
  bytes_done_ = saved_done;
}

Status NativeRun::ReadQuotas() {
  enum { kOwner, kStart, kEnd, kAmount };
  Column cols[] = {{"owner_id", true}, {"start_date", true}, {"end_date", true},
                   {"amount", true}};
  CsvFile f;
  if (!Open("quotas.csv", false, cols, std::size(cols), &f)) return Status::Ok();
  bool complete = true;
  CsvRecord rec;
  QuotaRecord q;
  while (Next(f, &rec, &complete)) {
    Row row(*this, f.name, rec, cols);
    q.owner_id.assign(row.Required(kOwner));
    if (!q.owner_id.empty()) CheckUser(row, kOwner, q.owner_id);
    std::optional<Date> start = row.Day(kStart, true);
    std::optional<Date> end = row.Day(kEnd, true);
    if (start && end && *end < *start) {
      row.Fail(kEnd, "end_date " + FormatDate(*end) + " is before start_date " +
                         FormatDate(*start));
    }
    q.start_date = start.value_or(Date{});
    q.end_date = end.value_or(Date{});
    q.amount = row.Amount(kAmount, true).value_or(0);
    if (row.ok()) {
      ++report_.counts.quotas;
      if (Emitting()) SC_TRY(sink_.OnQuota(q));
    }
  }
  FinishFile(f);
  return Status::Ok();
}

Status NativeRun::ReadForecasts() {
  enum { kOwner, kPeriod, kCategory, kAmount, kSubmitted };
  Column cols[] = {{"owner_id", true}, {"period", true}, {"category", true}, {"amount", true},
                   {"submitted_at", true}};
  CsvFile f;
  if (!Open("forecasts.csv", false, cols, std::size(cols), &f)) return Status::Ok();
  bool complete = true;
  CsvRecord rec;
  ForecastRecord r;
  while (Next(f, &rec, &complete)) {
    Row row(*this, f.name, rec, cols);
    r.owner_id.assign(row.Required(kOwner));
    if (!r.owner_id.empty()) CheckUser(row, kOwner, r.owner_id);
    std::string_view period = row.Required(kPeriod);
    if (!period.empty()) {
      r.period = NormalizePeriodLabel(period);
      if (r.period.empty()) {
        row.Fail(kPeriod, "not a period label (expected FY<year>-Q<n> or FY<year>): '" +
                              std::string(period) + "'");
      }
    }
    std::string_view cat = row.Required(kCategory);
    if (!cat.empty()) {
      std::optional<SubmissionCategory> c = ParseSubmissionCategory(cat);
      if (c) {
        r.category = *c;
      } else {
        row.Fail(kCategory, "unknown category '" + std::string(cat) +
                                "' (expected commit or best_case)");
      }
    }
    r.amount = row.Amount(kAmount, true).value_or(0);
    if (auto t = row.Time(kSubmitted, true)) r.submitted_at = *t;
    if (row.ok()) {
      ++report_.counts.forecasts;
      if (Emitting()) SC_TRY(sink_.OnForecast(r));
    }
  }
  FinishFile(f);
  return Status::Ok();
}

}  // namespace sc::native_internal
