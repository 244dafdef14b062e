#include "ingest/csv_reader.h"

#include <cerrno>
#include <cstring>

#include "base/strings.h"

namespace sc {
namespace {

constexpr size_t kChunk = 1 << 20;

// Appends byte c (Latin-1) to out as UTF-8.
void AppendLatin1(std::string& out, unsigned char c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Validates one byte of a UTF-8 stream. `pending` counts continuation bytes
// still expected. Returns false on an invalid sequence.
bool Utf8Step(unsigned char c, int& pending) {
  if (pending > 0) {
    if ((c & 0xC0) != 0x80) return false;
    --pending;
    return true;
  }
  if (c < 0x80) return true;
  if (c >= 0xC2 && c <= 0xDF) pending = 1;
  else if (c >= 0xE0 && c <= 0xEF) pending = 2;
  else if (c >= 0xF0 && c <= 0xF4) pending = 3;
  else return false;
  return true;
}

}  // namespace

CsvReader::CsvReader(std::string name, CsvEncoding encoding)
    : name_(std::move(name)), encoding_(encoding) {}

CsvReader::~CsvReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::filesystem::path& path,
                                                   CsvEncoding encoding) {
  std::unique_ptr<CsvReader> r(new CsvReader(path.filename().string(), encoding));
  r->file_ = std::fopen(path.c_str(), "rb");
  if (r->file_ == nullptr) {
    return Err(IoError(path.string() + ": cannot open: " + std::strerror(errno)));
  }
  RETURN_IF_ERROR(r->Init());
  return r;
}

Result<std::unique_ptr<CsvReader>> CsvReader::FromString(std::string data, std::string name,
                                                         CsvEncoding encoding) {
  std::unique_ptr<CsvReader> r(new CsvReader(std::move(name), encoding));
  r->buffer_ = std::move(data);
  r->eof_ = true;
  RETURN_IF_ERROR(r->Init());
  return r;
}

Status CsvReader::Error(int64_t line, const std::string& message) const {
  return DataError(name_ + ":" + std::to_string(line) + ": " + message);
}

bool CsvReader::Fill() {
  if (pos_ < buffer_.size()) return true;
  if (eof_ || file_ == nullptr) return false;
  buffer_.resize(kChunk);
  size_t n = std::fread(buffer_.data(), 1, kChunk, file_);
  buffer_.resize(n);
  pos_ = 0;
  if (n < kChunk) eof_ = true;
  return n > 0;
}

Status CsvReader::Init() {
  if (Fill() && buffer_.size() - pos_ >= 3 && buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) {
    pos_ += 3;
    bytes_consumed_ += 3;
  }
  CsvRecord header;
  Result<bool> got = Next(&header);
  if (!got) return got.error();
  if (!*got) return Error(1, "empty file: no header row");
  header_ = std::move(header.fields);
  return Status::Ok();
}

int CsvReader::Column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (EqualsIgnoreCase(header_[i], name)) return static_cast<int>(i);
  }
  return -1;
}

Result<bool> CsvReader::Next(CsvRecord* out) {
  size_t nfields = 0;
  auto field = [&]() -> std::string& {
    if (out->fields.size() <= nfields) out->fields.emplace_back();
    std::string& f = out->fields[nfields];
    return f;
  };
  // Skip blank lines between records.
  while (Fill()) {
    char c = buffer_[pos_];
    if (c == '\n') {
      ++line_;
    } else if (c != '\r') {
      break;
    }
    ++pos_;
    ++bytes_consumed_;
  }
  if (!Fill()) return false;

  out->line = line_;
  field().clear();
  bool in_quotes = false;
  bool was_quoted = false;   // the current field began with a quote
  bool after_quote = false;  // a closing quote was seen; only a separator may follow
  while (true) {
    if (!Fill()) {
      if (in_quotes) return Err(Error(out->line, "unterminated quoted field"));
      break;
    }
    // Fast path: a run of plain ASCII bytes (no separator, quote or line
    // end) is appended at once; everything else takes the byte loop below.
    if (!after_quote && utf8_pending_ == 0) {
      const char* b = buffer_.data() + pos_;
      const char* e = buffer_.data() + buffer_.size();
      const char* p = b;
      if (in_quotes) {
        while (p < e && *p != '"' && *p != '\n' && static_cast<unsigned char>(*p) < 0x80) ++p;
      } else {
        while (p < e && *p != ',' && *p != '\n' && *p != '\r' && *p != '"' &&
               static_cast<unsigned char>(*p) < 0x80) {
          ++p;
        }
      }
      if (p != b) {
        field().append(b, static_cast<size_t>(p - b));
        pos_ += static_cast<size_t>(p - b);
        bytes_consumed_ += p - b;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(buffer_[pos_++]);
    ++bytes_consumed_;
    if (encoding_ == CsvEncoding::kUtf8 && !Utf8Step(c, utf8_pending_)) {
      return Err(Error(line_, "not valid UTF-8"));
    }
    if (in_quotes) {
      if (c == '"') {
        if (Fill() && buffer_[pos_] == '"') {
          ++pos_;
          ++bytes_consumed_;
          field() += '"';
        } else {
          in_quotes = false;
          after_quote = true;
        }
        continue;
      }
      if (c == '\n') ++line_;
      if (encoding_ == CsvEncoding::kLatin1) AppendLatin1(field(), c);
      else field() += static_cast<char>(c);
      continue;
    }
    if (c == ',') {
      ++nfields;
      field().clear();
      was_quoted = after_quote = false;
      continue;
    }
    if (c == '\n') {
      ++line_;
      break;
    }
    if (c == '\r') {
      if (Fill() && buffer_[pos_] == '\n') continue;  // CRLF: the LF ends the record
      ++line_;  // a lone CR ends a line too
      break;
    }
    if (c == '"' && !was_quoted && Trim(field()).empty()) {
      field().clear();
      in_quotes = was_quoted = true;
      continue;
    }
    if (after_quote) {
      if (c == ' ' || c == '\t') continue;
      return Err(Error(line_, "unexpected text after a closing quote"));
    }
    if (encoding_ == CsvEncoding::kLatin1) AppendLatin1(field(), c);
    else field() += static_cast<char>(c);
  }
  if (encoding_ == CsvEncoding::kUtf8 && utf8_pending_ != 0) {
    return Err(Error(out->line, "not valid UTF-8"));
  }
  out->fields.resize(nfields + 1);
  for (std::string& f : out->fields) {
    std::string_view t = Trim(f);
    if (t.size() != f.size()) f = std::string(t);
  }
  return true;
}

Result<bool> IsValidUtf8File(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Err(IoError(path.string() + ": cannot open: " + std::strerror(errno)));
  std::string buf(kChunk, '\0');
  int pending = 0;
  bool ok = true;
  size_t n;
  while (ok && (n = std::fread(buf.data(), 1, kChunk, f)) > 0) {
    for (size_t i = 0; i < n; ++i) {
      if (!Utf8Step(static_cast<unsigned char>(buf[i]), pending)) {
        ok = false;
        break;
      }
    }
  }
  std::fclose(f);
  return ok && pending == 0;
}

}  // namespace sc
