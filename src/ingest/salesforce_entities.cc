// The streamed objects of a Salesforce export: Account, Contact,
// Opportunity, OpportunityHistory, Task, Event, Quota and ForecastingQuota.
#include <chrono>

#include "base/strings.h"
#include "ingest/salesforce_ids.h"
#include "ingest/salesforce_run.h"

namespace sc::ingest_internal {

namespace {

const Labels kAccountLabels = {{"id", "Id"}, {"owner_id", "OwnerId"}};
const Labels kContactLabels = {{"id", "Id"}, {"account_id", "AccountId"}};
const Labels kOpportunityLabels = {
    {"id", "Id"}, {"account_id", "AccountId"}, {"owner_id", "OwnerId"}, {"stage", "StageName"}};
const Labels kHistoryLabels = {{"opportunity_id", "OpportunityId"}, {"stage", "StageName"}};
const Labels kActivityLabels = {{"id", "Id"},
                                {"owner_id", "OwnerId"},
                                {"account_id", "AccountId"},
                                {"opportunity_id", "WhatId"},
                                {"contact_id", "WhoId"}};
const Labels kQuotaLabels = {{"owner_id", "QuotaOwnerId"}, {"end_date", "EndDate"}};

// Data Loader writes a value that starts with "=" as "'=" (formula-injection
// escape); undo it in text fields.
std::string Text(std::string_view v) {
  if (v.size() >= 2 && v[0] == '\'' && v[1] == '=') v.remove_prefix(1);
  return std::string(v);
}

bool Deleted(const CsvRecord& rec, int col) {
  bool b = false;
  return col >= 0 && ParseBool(rec.Field(col), &b) && b;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string PersonName(const CsvRecord& rec, int name, int first, int last) {
  std::string n(rec.Field(name));
  if (n.empty()) {
    n = std::string(Trim(std::string(rec.Field(first)) + " " + std::string(rec.Field(last))));
  }
  return n;
}

}  // namespace

void SalesforceRun::ReportDangling(const std::string& file, int64_t rows, const Dangling& d) {
  if (d.activities == 0) return;
  std::string fields, objects;
  for (const auto& [field, n] : d.by_field) {
    fields += (fields.empty() ? "" : ", ") + Thousands(n) + " " + field;
  }
  for (const auto& [object, n] : d.by_object) {
    objects += (objects.empty() ? "" : ", ") + Thousands(n) + " " + object;
  }
  check_.Warn(file + ": " + Thousands(d.activities) + " of " + Thousands(rows) +
              " activities refer to records not in the export: " + fields + " (" + objects +
              "); " + Thousands(d.skipped) +
              " had no other account, contact or opportunity and were skipped, the others were "
              "kept without those links");
}

Status SalesforceRun::ReadAccounts() {
  std::string file = Find("Account");
  SfFile f;
  if (file.empty()) {
    check_.Warn("Account.csv not found: no accounts");
  } else if (Open(file, &f) && Require(f, {"Id", "Name"})) {
    int id = f.Col("Id"), name = f.Col("Name"), owner = f.Col("OwnerId"),
        industry = f.Col("Industry"), created = f.Col("CreatedDate"), deleted = f.Col("IsDeleted");
    CsvRecord rec;
    AccountRecord a;
    int64_t skipped = 0;
    while (Next(f, &rec)) {
      if (Deleted(rec, deleted)) {
        ++skipped;
        continue;
      }
      Src src{f.name, rec.line, &kAccountLabels};
      RowParser row(check_, src);
      a.id = NormalizeSalesforceId(row.Required("Id", rec.Field(id)));
      a.name = Text(row.Required("Name", rec.Field(name)));
      a.owner_id = NormalizeSalesforceId(rec.Field(owner));
      a.industry = rec.Field(industry);
      a.created_at = row.Time("CreatedDate", rec.Field(created), false);
      RETURN_IF_ERROR(check_.AddAccount(a, src, row.ok()));
    }
    if (skipped > 0) check_.Warn(f.name + ": " + Thousands(skipped) + " deleted rows (IsDeleted) skipped");
    check_.SetAccountsComplete(f.complete);
    Finish(f);
  } else {
    check_.SetAccountsComplete(false);
    Finish(f);
  }
  if (needs_placeholder_account_) {
    AccountRecord a;
    a.id = kNoAccountId;
    a.name = "(no account in Salesforce)";
    RETURN_IF_ERROR(check_.AddAccount(a, Src{"Opportunity.csv", 0, &kAccountLabels}));
  }
  return Status::Ok();
}

Status SalesforceRun::ReadContacts() {
  std::string file = Find("Contact");
  if (file.empty()) return Status::Ok();
  SfFile f;
  if (!Open(file, &f) || !Require(f, {"Id"})) {
    check_.SetContactsComplete(false);
    Finish(f);
    return Status::Ok();
  }
  int id = f.Col("Id"), account = f.Col("AccountId"), name = f.Col("Name"),
      first = f.Col("FirstName"), last = f.Col("LastName"), title = f.Col("Title"),
      email = f.Col("Email"), deleted = f.Col("IsDeleted");
  CsvRecord rec;
  ContactRecord c;
  int64_t skipped = 0, no_account = 0;
  while (Next(f, &rec)) {
    if (Deleted(rec, deleted)) {
      ++skipped;
      continue;
    }
    Src src{f.name, rec.line, &kContactLabels};
    RowParser row(check_, src);
    c.id = NormalizeSalesforceId(row.Required("Id", rec.Field(id)));
    c.account_id = NormalizeSalesforceId(rec.Field(account));
    if (c.account_id.empty()) {
      ++no_account;  // a private contact: nothing to roll up to
      continue;
    }
    c.name = Text(PersonName(rec, name, first, last));
    c.title = Text(rec.Field(title));
    c.email = rec.Field(email);
    RETURN_IF_ERROR(check_.AddContact(c, src, row.ok()));
  }
  if (skipped > 0) check_.Warn(f.name + ": " + Thousands(skipped) + " deleted rows (IsDeleted) skipped");
  if (no_account > 0) {
    check_.Warn(f.name + ": " + Thousands(no_account) +
                " contacts without an AccountId skipped (activities with them keep their other links)");
  }
  check_.SetContactsComplete(f.complete);
  Finish(f);
  return Status::Ok();
}

Status SalesforceRun::ReadOpportunities() {
  std::string file = Find("Opportunity");
  if (file.empty()) {
    check_.Warn("Opportunity.csv not found: no opportunities");
    return Status::Ok();
  }
  SfFile f;
  if (!Open(file, &f) ||
      !Require(f, {"Id", "OwnerId", "StageName", "CreatedDate", "CloseDate"})) {
    check_.SetOpportunitiesComplete(false);
    Finish(f);
    return Status::Ok();
  }
  int id = f.Col("Id"), account = f.Col("AccountId"), owner = f.Col("OwnerId"),
      name = f.Col("Name"), type = f.Col("Type"), amount = f.Col("Amount"),
      stage = f.Col("StageName"), cat = f.AnyCol({"ForecastCategoryName", "ForecastCategory"}),
      created = f.Col("CreatedDate"), close = f.Col("CloseDate"), deleted = f.Col("IsDeleted");
  CsvRecord rec;
  OpportunityRecord o;
  int64_t skipped = 0, no_amount = 0, no_account = 0;
  while (Next(f, &rec)) {
    if (Deleted(rec, deleted)) {
      ++skipped;
      continue;
    }
    Src src{f.name, rec.line, &kOpportunityLabels};
    RowParser row(check_, src);
    o.id = NormalizeSalesforceId(row.Required("Id", rec.Field(id)));
    o.account_id = NormalizeSalesforceId(rec.Field(account));
    if (o.account_id.empty()) {
      o.account_id = kNoAccountId;
      ++no_account;
    }
    o.owner_id = NormalizeSalesforceId(row.Required("OwnerId", rec.Field(owner)));
    o.name = Text(rec.Field(name));
    o.type = rec.Field(type);
    std::string_view amount_text = rec.Field(amount);
    if (amount_text.empty()) ++no_amount;
    o.amount = row.Amount("Amount", amount_text, false).value_or(0);
    o.stage = row.Required("StageName", rec.Field(stage));
    o.forecast_category = row.Category(cat >= 0 ? f.reader->header()[static_cast<size_t>(cat)]
                                                 : "ForecastCategoryName",
                                       rec.Field(cat));
    if (auto t = row.Time("CreatedDate", rec.Field(created), true)) o.created_at = *t;
    if (auto d = row.Day("CloseDate", rec.Field(close), true)) o.close_date = *d;
    RETURN_IF_ERROR(check_.AddOpportunity(o, src, row.ok()));
  }
  if (skipped > 0) check_.Warn(f.name + ": " + Thousands(skipped) + " deleted rows (IsDeleted) skipped");
  if (no_amount > 0) {
    check_.Warn(f.name + ": " + Thousands(no_amount) + " opportunities without an Amount count as 0");
  }
  if (no_account > 0) {
    check_.Warn(f.name + ": " + Thousands(no_account) +
                " opportunities without an AccountId are put on the account '" +
                std::string(kNoAccountId) + "'");
  }
  check_.SetOpportunitiesComplete(f.complete);
  Finish(f);
  return Status::Ok();
}

Status SalesforceRun::ReadHistory() {
  std::string file = Find("OpportunityHistory");
  if (file.empty()) return Status::Ok();
  SfFile f;
  if (!Open(file, &f) || !Require(f, {"OpportunityId", "CreatedDate", "StageName"})) {
    Finish(f);
    return Status::Ok();
  }
  int opp = f.Col("OpportunityId"), created = f.Col("CreatedDate"), stage = f.Col("StageName"),
      amount = f.Col("Amount"), close = f.Col("CloseDate"),
      cat = f.AnyCol({"ForecastCategory", "ForecastCategoryName"}), deleted = f.Col("IsDeleted");
  CsvRecord rec;
  HistoryRecord h;
  int64_t skipped = 0, dangling = 0;
  while (Next(f, &rec)) {
    if (Deleted(rec, deleted)) {
      ++skipped;
      continue;
    }
    Src src{f.name, rec.line, &kHistoryLabels};
    RowParser row(check_, src);
    h.opportunity_id = NormalizeSalesforceId(row.Required("OpportunityId", rec.Field(opp)));
    if (!h.opportunity_id.empty() && !check_.HasOpportunity(h.opportunity_id)) {
      ++dangling;  // the history of an opportunity that was not exported
      continue;
    }
    if (auto t = row.Time("CreatedDate", rec.Field(created), true)) h.changed_at = *t;
    h.stage = row.Required("StageName", rec.Field(stage));
    h.amount = row.Amount("Amount", rec.Field(amount), false);
    h.close_date = row.Day("CloseDate", rec.Field(close), false);
    h.forecast_category = row.Category("ForecastCategory", rec.Field(cat));
    RETURN_IF_ERROR(check_.AddHistory(h, src, row.ok()));
  }
  if (skipped > 0) check_.Warn(f.name + ": " + Thousands(skipped) + " deleted rows (IsDeleted) skipped");
  if (dangling > 0) {
    check_.Warn(f.name + ": " + Thousands(dangling) +
                " rows of opportunities not in Opportunity.csv skipped");
  }
  Finish(f);
  return Status::Ok();
}

// Task (events = false) or Event: SPEC §1.3 for the type, the time and the
// account; WhatId and WhoId are resolved against the records of the export.
Status SalesforceRun::ReadActivities(bool events) {
  std::string file = Find(events ? "Event" : "Task");
  if (file.empty()) return Status::Ok();
  SfFile f;
  if (!Open(file, &f) || !Require(f, {"Id"})) {
    Finish(f);
    return Status::Ok();
  }
  int id = f.Col("Id"), owner = f.Col("OwnerId"), account = f.Col("AccountId"),
      what = f.Col("WhatId"), who = f.Col("WhoId"), subject = f.Col("Subject"),
      subtype = f.Col("TaskSubtype"), type = f.Col("Type"),
      completed = f.Col("CompletedDateTime"), activity_dt = f.Col("ActivityDateTime"),
      start_dt = f.Col("StartDateTime"), activity_date = f.Col("ActivityDate"),
      created = f.Col("CreatedDate"), deleted = f.Col("IsDeleted");
  CsvRecord rec;
  ActivityRecord a;
  Dangling dangling;
  int64_t rows = 0, deleted_rows = 0, unlinked = 0;
  std::string account_id;
  while (Next(f, &rec)) {
    if (Deleted(rec, deleted)) {
      ++deleted_rows;
      continue;
    }
    ++rows;
    Src src{f.name, rec.line, &kActivityLabels};
    RowParser row(check_, src);
    a.id = NormalizeSalesforceId(row.Required("Id", rec.Field(id)));
    a.owner_id = NormalizeSalesforceId(rec.Field(owner));
    a.subject = Text(rec.Field(subject));
    // Type.
    if (events) {
      a.type = ActivityType::kMeeting;
    } else {
      std::string sub = ToLower(rec.Field(subtype));
      if (sub == "call") a.type = ActivityType::kCall;
      else if (sub == "email" || sub == "listemail") a.type = ActivityType::kEmail;
      else a.type = ParseActivityType(ToLower(rec.Field(type))).value_or(ActivityType::kOther);
    }
    // Time: Task CompletedDateTime, else ActivityDate, else CreatedDate;
    // Event ActivityDateTime (StartDateTime), else ActivityDate.
    std::optional<Instant> at;
    std::initializer_list<std::pair<int, std::string_view>> task_times = {
        {completed, "CompletedDateTime"}, {activity_date, "ActivityDate"}, {created, "CreatedDate"}};
    std::initializer_list<std::pair<int, std::string_view>> event_times = {
        {activity_dt, "ActivityDateTime"}, {start_dt, "StartDateTime"},
        {activity_date, "ActivityDate"}};
    for (const auto& [col, label] : events ? event_times : task_times) {
      std::string_view v = rec.Field(col);
      if (v.empty()) continue;
      at = row.Time(label, v, false);
      break;
    }
    if (!at && row.ok()) {
      row.Fail(events ? "ActivityDateTime" : "CompletedDateTime",
               events ? "no date: ActivityDateTime and ActivityDate are empty"
                      : "no date: CompletedDateTime, ActivityDate and CreatedDate are empty");
    }
    if (at) a.occurred_at = *at;
    // Links: AccountId, WhatId (opportunity or account), WhoId (contact).
    bool any_dangling = false;
    auto dangle = [&](std::string_view field, const std::string& ref) {
      any_dangling = true;
      ++dangling.by_field[std::string(field)];
      ++dangling.by_object[std::string(SalesforceObjectOfPrefix(ref))];
    };
    account_id = NormalizeSalesforceId(rec.Field(account));
    if (!account_id.empty() && !check_.HasAccount(account_id)) {
      dangle("AccountId", account_id);
      account_id.clear();
    }
    a.opportunity_id.clear();
    std::string what_id = NormalizeSalesforceId(rec.Field(what));
    if (!what_id.empty()) {
      if (check_.HasOpportunity(what_id)) {
        a.opportunity_id = what_id;
      } else if (check_.HasAccount(what_id)) {
        if (account_id.empty()) account_id = what_id;
      } else {
        dangle("WhatId", what_id);
      }
    }
    a.contact_id = NormalizeSalesforceId(rec.Field(who));
    if (!a.contact_id.empty() && !check_.HasContact(a.contact_id)) {
      dangle("WhoId", a.contact_id);
      a.contact_id.clear();
    }
    if (any_dangling) ++dangling.activities;
    if (account_id.empty() && a.opportunity_id.empty() && a.contact_id.empty()) {
      if (any_dangling) ++dangling.skipped;
      else ++unlinked;
      continue;
    }
    RETURN_IF_ERROR(check_.AddActivity(a, account_id, src, row.ok()));
  }
  if (deleted_rows > 0) {
    check_.Warn(f.name + ": " + Thousands(deleted_rows) + " deleted rows (IsDeleted) skipped");
  }
  ReportDangling(f.name, rows, dangling);
  if (unlinked > 0) {
    check_.Warn(f.name + ": " + Thousands(unlinked) +
                " activities without an account, contact or opportunity skipped");
  }
  Finish(f);
  return Status::Ok();
}

// Quota.csv (owner, start, end, amount) and ForecastingQuota.csv (owner,
// start, amount: one calendar month from the start).
Status SalesforceRun::ReadQuotas() {
  for (bool forecasting : {false, true}) {
    std::string file = Find(forecasting ? "ForecastingQuota" : "Quota");
    if (file.empty()) continue;
    SfFile f;
    if (!Open(file, &f)) continue;
    int owner = f.AnyCol({"QuotaOwnerId", "OwnerId"}), start = f.Col("StartDate"),
        end = f.Col("EndDate"), amount = f.AnyCol({"QuotaAmount", "Amount"});
    if (forecasting && (owner < 0 || start < 0)) {
      check_.Warn(f.name + ": no QuotaOwnerId/StartDate columns (the Data Export form, which has "
                           "only CompositeKeyId): quotas skipped; export ForecastingQuota through "
                           "the API or write Quota.csv");
      Finish(f);
      continue;
    }
    if (owner < 0) check_.Error(f.name + ": missing required column 'QuotaOwnerId'");
    if (!Require(f, forecasting ? std::initializer_list<std::string_view>{"StartDate"}
                                : std::initializer_list<std::string_view>{"StartDate", "EndDate"}) ||
        owner < 0 || amount < 0) {
      if (amount < 0) check_.Error(f.name + ": missing required column 'QuotaAmount'");
      Finish(f);
      continue;
    }
    int deleted = f.Col("IsDeleted");
    CsvRecord rec;
    QuotaRecord q;
    while (Next(f, &rec)) {
      if (Deleted(rec, deleted)) continue;
      Src src{f.name, rec.line, &kQuotaLabels};
      RowParser row(check_, src);
      q.owner_id = NormalizeSalesforceId(row.Required("QuotaOwnerId", rec.Field(owner)));
      std::optional<Date> s = row.Day("StartDate", rec.Field(start), true);
      std::optional<Date> e;
      if (forecasting) {
        if (s) {
          auto ymd = std::chrono::year_month_day(*s) + std::chrono::months(1);
          Date next = ymd.ok() ? Date(ymd)
                               : Date(ymd.year() / ymd.month() / std::chrono::last) +
                                     std::chrono::days(1);
          e = next - std::chrono::days(1);
        }
      } else {
        e = row.Day("EndDate", rec.Field(end), true);
      }
      q.start_date = s.value_or(Date{});
      q.end_date = e.value_or(Date{});
      q.amount = row.Amount("QuotaAmount", rec.Field(amount), true).value_or(0);
      RETURN_IF_ERROR(check_.AddQuota(q, src, row.ok()));
    }
    Finish(f);
  }
  return Status::Ok();
}

}  // namespace sc::ingest_internal
