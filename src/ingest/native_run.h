// Internal to the native importer: the state of one run, shared by
// native_importer.cc (driver, settings, users, stages) and native_entities.cc
// (the other files). Not part of the module's API.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/id_index.h"
#include "ingest/importer.h"

// Status-returning functions cannot use RETURN_IF_ERROR (it returns Err).
#define SC_TRY(expr)                   \
  do {                                 \
    ::sc::Status sc_try_ = (expr);     \
    if (!sc_try_.ok()) return sc_try_; \
  } while (0)

namespace sc::native_internal {

// A column a file may have; `index` is filled from the header.
struct Column {
  std::string_view name;
  bool required;
  int index = -1;
};

class NativeRun;

// Field access and validation for one CSV record. Every problem is reported
// as "FILE:LINE: column: message" and makes the row not ok.
class Row {
 public:
  Row(NativeRun& run, const std::string& file, const CsvRecord& rec, const Column* cols)
      : run_(run), file_(file), rec_(rec), cols_(cols) {}

  int64_t line() const { return rec_.line; }
  bool ok() const { return ok_; }
  std::string_view Get(int c) const { return rec_.Field(cols_[c].index); }
  // The value, or "" after reporting "required value is empty".
  std::string_view Required(int c);
  void Fail(int c, const std::string& message);
  // Parsers: nullopt when empty (reported when required) or invalid (reported).
  std::optional<Money> Amount(int c, bool required);  // non-negative
  std::optional<Instant> Time(int c, bool required);
  std::optional<Date> Day(int c, bool required);
  // Boolean with a default for an empty value; reports a bad value.
  bool Bool(int c, bool default_value);

 private:
  NativeRun& run_;
  const std::string& file_;
  const CsvRecord& rec_;
  const Column* cols_;
  bool ok_ = true;
};

class NativeRun {
 public:
  NativeRun(const std::filesystem::path& folder, RecordSink& sink, const ImportOptions& options);
  Result<ImportReport> Run();

  void Error(const std::string& file, int64_t line, const std::string& message) {
    errors_.Add(file, line, message);
  }
  void FileError(const std::string& file, const std::string& message) {
    errors_.Add(file + ": " + message);
  }

 private:
  // An open CSV file with its columns bound.
  struct CsvFile {
    std::string name;
    std::unique_ptr<CsvReader> reader;
  };

  // Opens `name` and binds `cols`. Returns false (after reporting) when the
  // file is missing and required, cannot be read, or lacks a required column;
  // false without a report when it is optional and absent.
  bool Open(const std::string& name, bool required, Column* cols, size_t ncols, CsvFile* out);
  // Reads the next record; false at the end or after a read error (reported).
  bool Next(CsvFile& f, CsvRecord* rec, bool* complete);
  void FinishFile(CsvFile& f);
  void Tick() {
    if ((++rows_since_tick_ & 0x3FFF) == 0) Progress();
  }
  void Progress();
  bool Emitting() const { return errors_.count() == 0; }
  // Index of the stage named `name` (case-insensitive, trimmed), or -1.
  int FindStage(std::string_view name);
  // Reference checks: true when known or when the referenced file could not
  // be read completely (no cascade of errors); reports otherwise.
  bool CheckUser(Row& row, int c, std::string_view id);

  void ReadSettings();
  void ReadUsers();
  void CheckManagerTree();
  void ReadStages();
  Status EmitHead();
  Status ReadAccounts();
  Status ReadContacts();
  Status ReadOpportunities();
  Status ReadHistory();
  Status ReadActivities();
  void FindDuplicateActivities(std::vector<uint64_t>& hashes);
  Status ReadQuotas();
  Status ReadForecasts();

  std::filesystem::path folder_;
  RecordSink& sink_;
  const ImportOptions& options_;
  ErrorList errors_;
  ImportReport report_;

  int64_t bytes_total_ = 0;
  int64_t bytes_done_ = 0;  // of finished files
  const CsvReader* current_ = nullptr;
  int64_t rows_since_tick_ = 0;

  Settings settings_;
  std::vector<UserRecord> users_;
  std::vector<int64_t> user_lines_;
  IdIndex user_ids_;
  bool users_complete_ = false;
  std::vector<StageRecord> stages_;
  std::unordered_map<std::string, int> stage_by_key_;  // lower-case name -> index
  std::string stage_key_;                               // reused buffer
  bool stages_complete_ = false;
  IdIndex account_ids_;
  std::vector<int64_t> account_lines_;
  bool accounts_complete_ = false;
  IdIndex contact_ids_;
  std::vector<int32_t> contact_account_;  // account index, -1 when unknown
  std::vector<int64_t> contact_lines_;
  bool contacts_complete_ = false;
  IdIndex opportunity_ids_;
  std::vector<int32_t> opportunity_account_;
  std::vector<int64_t> opportunity_lines_;
  bool opportunities_complete_ = false;
};

}  // namespace sc::native_internal
