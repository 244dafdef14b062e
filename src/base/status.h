// Error values that cross module boundaries: `Status` for operations that
// return nothing, `Result<T>` (tl::expected) for those that return a value.
//
//   Result<Date> d = ParseDate(text);
//   if (!d) return d.error();
//   ASSIGN_OR_RETURN(auto store, SqliteStore::Open(path));
//   RETURN_IF_ERROR(store->Commit());
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace sc {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // a bad parameter or input value
  kNotFound,          // an unknown id, file or route
  kAlreadyExists,
  kFailedPrecondition,
  kDataError,         // input data that fails validation
  kIoError,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,  // rate limits, size limits
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: unknown user 'x'" — for logs and terminal output.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status DataError(std::string m) { return {StatusCode::kDataError, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }

template <typename T>
using Result = tl::expected<T, Status>;

// An error on its way out of a function: converts to a Status or to any
// Result<T>, so `return Err(NotFound("..."))` and the macros below work in
// functions of either kind.
class [[nodiscard]] ErrorReturn {
 public:
  explicit ErrorReturn(Status s) : status_(std::move(s)) {}
  operator Status() && { return std::move(status_); }  // NOLINT(google-explicit-constructor)
  template <typename T>
  operator tl::expected<T, Status>() && {  // NOLINT(google-explicit-constructor)
    return tl::unexpected<Status>(std::move(status_));
  }

 private:
  Status status_;
};

inline ErrorReturn Err(Status s) { return ErrorReturn(std::move(s)); }

}  // namespace sc

#define SC_CONCAT_INNER(a, b) a##b
#define SC_CONCAT(a, b) SC_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                         \
  do {                                                \
    ::sc::Status sc_status_ = (expr);                 \
    if (!sc_status_.ok()) return ::sc::Err(std::move(sc_status_)); \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)         \
  auto tmp = (expr);                                  \
  if (!tmp) return ::sc::Err(std::move(tmp).error()); \
  lhs = std::move(*tmp)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(SC_CONCAT(sc_result_, __LINE__), lhs, expr)
