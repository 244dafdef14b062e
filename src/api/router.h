// The JSON API of SPEC §5.2, independent of any HTTP library: a request is a
// method, a raw path and raw query pairs; a response is a status and a body.
// The server module adapts its transport to this; tests can call it directly.
//
// The data set is shared read-only by every request thread and can be
// replaced at any time (after an import): each request takes its own
// reference, so a swap never drops or mixes a request.
//
//   auto api = std::make_shared<Api>(data_set);
//   ApiResponse r = api->Handle({"GET", "/api/users/u1/scorecard", {{"as_of", "2026-12-17"}}});
//   api->SetDataSet(new_data_set);  // later requests see the new data
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "engine/dataset.h"

namespace sc {

struct ApiRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string path;    // as sent, still percent-encoded, without the query
  // Query pairs, already percent-decoded (see ParseQueryString).
  std::multimap<std::string, std::string> query;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// Who is asking. nullptr everywhere means "everyone may be seen" (no sign-in
// yet). With a scope, /api/users lists only the subtree of `user`, and the
// per-person endpoints answer 403 for anyone outside it.
struct Scope {
  std::string user_id;  // the signed-in person's id
};

// Maps an error code to its HTTP status: InvalidArgument 400, NotFound 404,
// Unauthenticated 401, PermissionDenied 403, ResourceExhausted 429, else 500.
int HttpStatusFor(StatusCode code);

// An error response: the status of HttpStatusFor and body {"error": message}.
ApiResponse ErrorResponse(const Status& status);

// Strict percent-decoding: "%zz", a lone "%" or an encoded NUL is an error.
// With plus_is_space, '+' decodes to ' ' (query strings).
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Splits and decodes "a=1&b=x%20y"; a malformed escape is an InvalidArgument
// naming the parameter.
Result<std::multimap<std::string, std::string>> ParseQueryString(std::string_view query);

// Shortens text a client sent before it is echoed in an error message.
std::string EchoSafe(std::string_view text, size_t max_chars = 64);

class Api {
 public:
  explicit Api(std::shared_ptr<const DataSet> data_set = nullptr);

  // Replaces the data set; requests already running finish on the old one.
  void SetDataSet(std::shared_ptr<const DataSet> data_set);
  std::shared_ptr<const DataSet> data_set() const;

  // Answers one request. Never throws; unknown /api/ routes are 404, a
  // known route with a method other than GET/HEAD is 405. `scope` limits
  // what the caller may see (nullptr: everyone).
  ApiResponse Handle(const ApiRequest& request, const Scope* scope = nullptr) const;

 private:
  std::atomic<std::shared_ptr<const DataSet>> data_set_;
};

}  // namespace sc
