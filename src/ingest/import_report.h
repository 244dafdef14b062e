// What an import run reports back: per-entity counts, the data errors found
// (each "FILE:LINE: message", capped), and warnings that did not stop it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sc {

struct ImportCounts {
  int64_t users = 0, stages = 0, accounts = 0, contacts = 0, opportunities = 0,
          history = 0, activities = 0, quotas = 0, forecasts = 0;
};

struct ImportReport {
  ImportCounts counts;
  // The first `max_errors` errors, in the order found: "FILE:LINE: message"
  // or "FILE: message" for a problem of the whole file.
  std::vector<std::string> errors;
  int64_t error_count = 0;  // all errors, including those past the cap
  std::vector<std::string> warnings;
  int64_t bytes_read = 0;   // total size of the files read

  bool ok() const { return error_count == 0; }
  // `errors`, followed by "... and N more errors" when some were left off.
  std::vector<std::string> ErrorLines() const;
};

// Collects errors up to a cap and counts the rest.
class ErrorList {
 public:
  explicit ErrorList(int64_t max_errors) : max_(max_errors) {}
  void Add(std::string message);
  void Add(const std::string& file, int64_t line, const std::string& message);
  int64_t count() const { return count_; }
  std::vector<std::string>& errors() { return errors_; }

 private:
  int64_t max_;
  int64_t count_ = 0;
  std::vector<std::string> errors_;
};

}  // namespace sc
