// The validation of SPEC §1.2 for importers that translate another format
// (Salesforce export, mapped CSV) into records: they parse their own columns
// and hand the records here, with where each came from; the checker finds
// duplicate ids, dangling references, unknown stages, a cycle in the manager
// tree, a stage table without open stages, and pushes the records into the
// sink in RecordSink order as long as no error has been found (all or
// nothing: after the first error nothing more is pushed).
//
// Messages are "FILE:LINE: FIELD: message" where FILE and FIELD are the
// source's own names (Labels maps our field names to the source's columns).
//
//   RecordChecker check(sink, options.max_errors);
//   check.AddUser(user, {"User.csv", 12, &labels});
//   ...
//   RETURN_IF_ERROR(check.FinishHead(settings));     // settings, users, stages
//   RETURN_IF_ERROR(check.AddAccount(account, src));
//   ...
//   ImportReport report = check.Finish();
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/record_sink.h"
#include "ingest/id_index.h"
#include "ingest/import_report.h"

namespace sc::ingest_internal {

// Our field name ("owner_id") -> the source's column ("OwnerId").
using Labels = std::map<std::string, std::string, std::less<>>;

// Where a record came from.
struct Src {
  std::string_view file;
  int64_t line = 0;
  const Labels* labels = nullptr;
  // The source's name of `field` (the field itself when not mapped).
  std::string Label(std::string_view field) const;
};

class RecordChecker;

// Parses the values of one source row, reporting each problem as
// "FILE:LINE: FIELD: message". Values are already trimmed.
class RowParser {
 public:
  RowParser(RecordChecker& check, const Src& src) : check_(check), src_(src) {}
  bool ok() const { return ok_; }
  void Fail(std::string_view field, const std::string& message);
  // The value, or "" after reporting "required value is empty".
  std::string_view Required(std::string_view field, std::string_view value);
  // nullopt when empty (reported when required) or invalid (reported).
  std::optional<Money> Amount(std::string_view field, std::string_view value, bool required);
  std::optional<Instant> Time(std::string_view field, std::string_view value, bool required);
  std::optional<Date> Day(std::string_view field, std::string_view value, bool required);
  std::optional<double> Number(std::string_view field, std::string_view value);
  bool Bool(std::string_view field, std::string_view value, bool default_value);
  std::optional<ForecastCategory> Category(std::string_view field, std::string_view value);

 private:
  RecordChecker& check_;
  const Src& src_;
  bool ok_ = true;
};

class RecordChecker {
 public:
  RecordChecker(RecordSink& sink, int64_t max_errors);

  void Error(const Src& src, std::string_view field, const std::string& message);
  // A problem of a whole file or of the input: the message as given.
  void Error(std::string message) { errors_.Add(std::move(message)); }
  void Warn(std::string message) { report_.warnings.push_back(std::move(message)); }
  int64_t error_count() const { return errors_.count(); }
  bool Emitting() const { return errors_.count() == 0; }
  ImportReport& report() { return report_; }

  // ---- The head: users and stages are collected whole, then checked. ----
  // Adds a user; a duplicate id is an error.
  void AddUser(UserRecord user, const Src& src);
  void AddStage(StageRecord stage, const Src& src);
  std::vector<UserRecord>& users() { return users_; }
  const std::vector<StageRecord>& stages() const { return stages_; }
  int64_t FindUser(std::string_view id) const { return user_ids_.Find(id); }
  // The stage named `name` (trimmed, any case), or -1.
  int FindStage(std::string_view name) const;
  // When a file could not be read completely, references into it are not
  // checked (no cascade of errors).
  void SetUsersComplete(bool v) { users_complete_ = v; }
  void SetAccountsComplete(bool v) { accounts_complete_ = v; }
  void SetContactsComplete(bool v) { contacts_complete_ = v; }
  void SetOpportunitiesComplete(bool v) { opportunities_complete_ = v; }
  // Checks the manager tree and the stages (open stages renumbered 1..n in
  // their order; a warning when `warn_renumber`), maps [skills] onto the
  // stages, and emits settings, users and stages.
  Status FinishHead(Settings settings, bool warn_renumber = true);

  // ---- The streamed entities, in RecordSink order. ----
  Status AddAccount(const AccountRecord& a, const Src& src, bool row_ok = true);
  Status AddContact(const ContactRecord& c, const Src& src, bool row_ok = true);
  // Sets o.stage to the stage table's spelling.
  Status AddOpportunity(OpportunityRecord& o, const Src& src, bool row_ok = true);
  Status AddHistory(HistoryRecord& h, const Src& src, bool row_ok = true);
  // `account_id` is the activity's own account (may be empty); a.account_id
  // is set to it, else the opportunity's, else the contact's account.
  Status AddActivity(ActivityRecord& a, std::string_view account_id, const Src& src,
                     bool row_ok = true);
  Status AddQuota(const QuotaRecord& q, const Src& src, bool row_ok = true);
  Status AddForecast(const ForecastRecord& f, const Src& src, bool row_ok = true);

  bool HasAccount(std::string_view id) const { return account_ids_.Find(id) >= 0; }
  bool HasContact(std::string_view id) const { return contact_ids_.Find(id) >= 0; }
  bool HasOpportunity(std::string_view id) const { return opportunity_ids_.Find(id) >= 0; }

  // Moves the errors into the report and returns it.
  ImportReport Finish();

 private:
  bool CheckUser(const Src& src, std::string_view field, std::string_view id);
  void CheckManagerTree();
  void CheckStages(bool warn_renumber);

  // A compact "FILE:LINE" for "(first on FILE:LINE)" messages.
  struct Where {
    int32_t file = 0;
    int64_t line = 0;
  };
  Where At(const Src& src);
  std::string Format(Where w) const { return files_[w.file] + ":" + std::to_string(w.line); }
  std::string Duplicate(std::string_view id, Where first) const;

  RecordSink& sink_;
  ErrorList errors_;
  ImportReport report_;
  std::vector<std::string> files_;

  std::vector<UserRecord> users_;
  std::vector<Where> user_where_;
  std::vector<std::string> user_manager_label_;
  IdIndex user_ids_;
  bool users_complete_ = true;
  std::vector<StageRecord> stages_;
  std::vector<Where> stage_where_;
  std::vector<std::string> stage_order_label_;
  std::unordered_map<std::string, int> stage_by_key_;
  IdIndex account_ids_;
  std::vector<Where> account_where_;
  bool accounts_complete_ = true;
  IdIndex contact_ids_;
  std::vector<int32_t> contact_account_;
  std::vector<Where> contact_where_;
  bool contacts_complete_ = true;
  IdIndex opportunity_ids_;
  std::vector<int32_t> opportunity_account_;
  std::vector<Where> opportunity_where_;
  bool opportunities_complete_ = true;
  IdIndex activity_ids_;
  std::vector<Where> activity_where_;
};

}  // namespace sc::ingest_internal
