#include "ingest/import_report.h"

namespace sc {

std::vector<std::string> ImportReport::ErrorLines() const {
  std::vector<std::string> lines = errors;
  int64_t more = error_count - static_cast<int64_t>(errors.size());
  if (more > 0) {
    lines.push_back("... and " + std::to_string(more) + " more error" + (more == 1 ? "" : "s"));
  }
  return lines;
}

void ErrorList::Add(std::string message) {
  ++count_;
  if (static_cast<int64_t>(errors_.size()) < max_) errors_.push_back(std::move(message));
}

void ErrorList::Add(const std::string& file, int64_t line, const std::string& message) {
  if (static_cast<int64_t>(errors_.size()) >= max_) {
    ++count_;
    return;
  }
  Add(file + ":" + std::to_string(line) + ": " + message);
}

}  // namespace sc
