// Internal to the Salesforce importer: the state of one run, shared by
// salesforce_importer.cc (driver, files, settings, users, stages) and
// salesforce_entities.cc (accounts .. quotas). Not part of the module's API.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/importer.h"
#include "ingest/record_checker.h"

namespace sc::ingest_internal {

// One export file, open, with its header.
struct SfFile {
  std::string name;  // as found in the folder, e.g. "Opportunity.csv"
  std::filesystem::path path;
  std::unique_ptr<CsvReader> reader;
  bool complete = true;  // false after a read error

  int Col(std::string_view column) const { return reader->Column(column); }
  // The first of `columns` the file has, or -1.
  int AnyCol(std::initializer_list<std::string_view> columns) const;
};

class SalesforceRun {
 public:
  SalesforceRun(const std::filesystem::path& folder, RecordSink& sink, const ImportOptions& options);
  Result<ImportReport> Run();

 private:
  // The file of object `object` ("Opportunity" -> Opportunity.csv, any case),
  // or "" when absent.
  std::string Find(std::string_view object) const;
  // Opens `file` (a name from Find) in the encoding asked for or detected;
  // false after reporting when it cannot be read.
  bool Open(const std::string& file, SfFile* out);
  // Reads the next record; false at the end or after a read error (reported).
  bool Next(SfFile& f, CsvRecord* rec);
  void Finish(SfFile& f);
  void Progress();
  // Reports a missing required column; true when all are present.
  bool Require(const SfFile& f, std::initializer_list<std::string_view> columns);

  void ReadSettings();
  void ReadUsers();
  void DeriveUsers();
  void AssignRoles();
  void ReadStages();
  void DeriveStages();
  // One pass over Opportunity.csv and OpportunityHistory.csv for what the
  // head needs before anything is emitted: stages when OpportunityStage.csv
  // is absent, owners when User.csv is absent, opportunities without an
  // account.
  void ScanOpportunities();
  Status ReadAccounts();
  Status ReadContacts();
  Status ReadOpportunities();
  Status ReadHistory();
  Status ReadActivities(bool events);
  Status ReadQuotas();

  // Counts of references to records not in the export, for one file.
  struct Dangling {
    int64_t activities = 0;  // activities with at least one
    int64_t skipped = 0;     // of those, left with nothing to attach to
    std::map<std::string, int64_t> by_field;   // "WhatId" -> n
    std::map<std::string, int64_t> by_object;  // "opportunity" -> n
  };
  void ReportDangling(const std::string& file, int64_t rows, const Dangling& d);

  std::filesystem::path folder_;
  const ImportOptions& options_;
  RecordChecker check_;
  std::map<std::string, std::string> files_;  // lower-case name -> name

  Settings settings_;
  int64_t bytes_total_ = 0;
  int64_t bytes_done_ = 0;
  const CsvReader* current_ = nullptr;
  int64_t rows_ = 0;

  // From ScanOpportunities.
  bool scanned_ = false;
  std::set<std::string> owner_ids_;  // when User.csv is absent
  bool needs_placeholder_account_ = false;
  struct SeenStage {
    std::string name;
    int64_t first = 0;                  // order of first appearance
    std::optional<int64_t> sort_order;  // Opportunity.StageSortOrder
    std::optional<double> probability;
    bool closed = false, won = false, flags_known = false;
    std::optional<ForecastCategory> category;
  };
  std::vector<SeenStage> seen_stages_;
  std::map<std::string, size_t> seen_stage_index_;  // lower-case name
};

// The placeholder account of opportunities exported without an AccountId.
inline constexpr std::string_view kNoAccountId = "(no account)";

}  // namespace sc::ingest_internal
