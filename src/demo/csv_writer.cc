#include "demo/csv_writer.h"

#include <cerrno>
#include <cstring>

namespace sc::demo {
namespace {

constexpr size_t kFlushAt = size_t{1} << 20;

void AppendDigits(std::string* out, int64_t v, int width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 || n < width);
  while (n > 0) out->push_back(tmp[--n]);
}

// Howard Hinnant's civil_from_days.
void CivilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

}  // namespace

void AppendCsvField(std::string* out, std::string_view field) {
  bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ');
  for (char c : field) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendDay(std::string* out, int64_t day) {
  int64_t y, m, d;
  CivilFromDays(day, &y, &m, &d);
  AppendDigits(out, y, 4);
  out->push_back('-');
  AppendDigits(out, m, 2);
  out->push_back('-');
  AppendDigits(out, d, 2);
}

void AppendInstant(std::string* out, int64_t seconds) {
  int64_t day = seconds >= 0 ? seconds / 86400 : -((86399 - seconds) / 86400);
  int64_t rest = seconds - day * 86400;
  AppendDay(out, day);
  out->push_back('T');
  AppendDigits(out, rest / 3600, 2);
  out->push_back(':');
  AppendDigits(out, rest / 60 % 60, 2);
  out->push_back(':');
  AppendDigits(out, rest % 60, 2);
  out->push_back('Z');
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Open(const std::filesystem::path& path,
                                                   std::initializer_list<std::string_view> header) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return Err(IoError("cannot create " + path.string() + ": " + std::strerror(errno)));
  }
  std::unique_ptr<CsvWriter> w(new CsvWriter(f, path.string()));
  for (std::string_view h : header) w->Plain(h);
  w->buf_.push_back('\n');
  w->first_ = true;
  return w;
}

CsvWriter::CsvWriter(std::FILE* f, std::string path) : file_(f), path_(std::move(path)) {
  buf_.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void CsvWriter::Int(int64_t v) {
  Sep();
  if (v < 0) {
    buf_.push_back('-');
    v = -v;
  }
  AppendDigits(&buf_, v, 1);
}

void CsvWriter::Money(sc::Money cents) {
  Sep();
  if (cents < 0) {
    buf_.push_back('-');
    cents = -cents;
  }
  AppendDigits(&buf_, cents / 100, 1);
  if (cents % 100 != 0) {
    buf_.push_back('.');
    AppendDigits(&buf_, cents % 100, 2);
  }
}

void CsvWriter::EndRow() {
  buf_.push_back('\n');
  first_ = true;
  ++rows_;
  if (buf_.size() >= kFlushAt) Flush();
}

void CsvWriter::Flush() {
  if (!failed_ && !buf_.empty() &&
      std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
    failed_ = true;
  }
  buf_.clear();
}

Status CsvWriter::Close() {
  if (file_ == nullptr) return Status::Ok();
  Flush();
  bool bad = std::fclose(file_) != 0 || failed_;
  file_ = nullptr;
  if (bad) return IoError("cannot write " + path_);
  return Status::Ok();
}

}  // namespace sc::demo
