// Streaming RFC 4180 reader for CRM exports: quoted fields with commas,
// doubled quotes and newlines, CRLF or LF, a UTF-8 BOM, a header row matched
// case-insensitively after trimming (SPEC §7.4). Reads in fixed-size chunks,
// so a file of gigabytes is never held in memory. One reader per file; not
// thread-safe.
//
//   ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
//   int amount = reader.Column("amount");            // -1 when absent
//   CsvRecord rec;
//   while (true) {
//     ASSIGN_OR_RETURN(bool more, reader.Next(&rec));
//     if (!more) break;
//     ... rec.line, rec.Field(amount) ...
//   }
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sc {

enum class CsvEncoding { kUtf8, kLatin1 };

struct CsvRecord {
  int64_t line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;

  // The trimmed value of column i; empty when i < 0 or past the end.
  std::string_view Field(int i) const {
    return i >= 0 && static_cast<size_t>(i) < fields.size() ? std::string_view(fields[i])
                                                             : std::string_view();
  }
};

class CsvReader {
 public:
  // Opens the file and reads its header. Errors name the file.
  static Result<std::unique_ptr<CsvReader>> Open(const std::filesystem::path& path,
                                                 CsvEncoding encoding = CsvEncoding::kUtf8);
  // Reads from memory; `name` is used in error messages.
  static Result<std::unique_ptr<CsvReader>> FromString(std::string data, std::string name,
                                                       CsvEncoding encoding = CsvEncoding::kUtf8);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The trimmed header names as written.
  const std::vector<std::string>& header() const { return header_; }
  // Index of the column named `name` (case-insensitive), or -1.
  int Column(std::string_view name) const;
  const std::string& name() const { return name_; }

  // Reads the next record into *out. Returns false at the end of the input.
  // Blank lines are skipped. Errors are "FILE:LINE: message".
  Result<bool> Next(CsvRecord* out);

  // Bytes consumed so far, for progress bars.
  int64_t bytes_read() const { return bytes_consumed_; }

 private:
  CsvReader(std::string name, CsvEncoding encoding);
  Status Init();
  // Ensures at least one unread byte is buffered; false at end of input.
  bool Fill();
  Status Error(int64_t line, const std::string& message) const;

  std::string name_;
  CsvEncoding encoding_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t line_ = 1;
  int64_t bytes_consumed_ = 0;
  std::vector<std::string> header_;
  // UTF-8 validation state carried across fields.
  int utf8_pending_ = 0;
};

// True when the whole file is valid UTF-8 (a BOM allowed). For encoding
// detection by importers of exports that may be Latin-1.
Result<bool> IsValidUtf8File(const std::filesystem::path& path);

}  // namespace sc
