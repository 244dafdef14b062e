// Buffered writer of RFC 4180 CSV files for the demo data: a field is quoted
// when it holds a comma, a quote, CR or LF, or starts or ends with a space;
// quotes inside are doubled. Rows end with LF. Output goes through one large
// buffer flushed with fwrite, so tens of millions of rows stream at disk
// speed. Dates and instants are written from integer day / second counts
// without going through <chrono> formatting.
//
//   ASSIGN_OR_RETURN(auto w, CsvWriter::Open(dir / "users.csv", {"id", "name"}));
//   w->Field("u1"); w->Field("David"); w->EndRow();
//   RETURN_IF_ERROR(w->Close());
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "base/money.h"
#include "base/status.h"

namespace sc::demo {

// Appends `field` to *out, quoted if RFC 4180 requires it.
void AppendCsvField(std::string* out, std::string_view field);
// Appends YYYY-MM-DD for a count of days since 1970-01-01.
void AppendDay(std::string* out, int64_t day);
// Appends YYYY-MM-DDTHH:MM:SSZ for a count of seconds since the epoch.
void AppendInstant(std::string* out, int64_t seconds);

class CsvWriter {
 public:
  // Creates (truncates) the file and writes the header row.
  static Result<std::unique_ptr<CsvWriter>> Open(const std::filesystem::path& path,
                                                 std::initializer_list<std::string_view> header);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  void Field(std::string_view s) { Sep(); AppendCsvField(&buf_, s); }
  // A field known to need no quoting (ids, enum names).
  void Plain(std::string_view s) { Sep(); buf_.append(s); }
  void Empty() { Sep(); }
  void Int(int64_t v);
  void Money(sc::Money cents);
  void Day(int64_t day) { Sep(); AppendDay(&buf_, day); }
  void Instant(int64_t seconds) { Sep(); AppendInstant(&buf_, seconds); }
  void EndRow();

  // Data rows written so far (the header not counted).
  int64_t rows() const { return rows_; }
  // Flushes and closes; reports the first write error.
  Status Close();

 private:
  CsvWriter(std::FILE* f, std::string path);
  void Sep() {
    if (!first_) buf_.push_back(',');
    first_ = false;
  }
  void Flush();

  std::FILE* file_;
  std::string path_;
  std::string buf_;
  bool first_ = true;
  bool failed_ = false;
  int64_t rows_ = 0;
};

}  // namespace sc::demo
