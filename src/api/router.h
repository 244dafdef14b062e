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

#include <optional>
#include <utility>
#include <vector>

#include "base/status.h"
#include "engine/dataset.h"

namespace sc {

class AuthService;

struct ApiRequest {
  std::string method;  // "GET", "HEAD", "POST", ...
  std::string path;    // as sent, still percent-encoded, without the query
  // Query pairs, already percent-decoded (see ParseQueryString).
  std::multimap<std::string, std::string> query;
  // For Serve (sign-in): the body and its Content-Type, the session cookie's
  // value ("" when none) and the client's address.
  std::string body = {};
  std::string content_type = {};
  std::string session_token = {};
  std::string remote_address = {};
};

// A session cookie for the transport to set: a token (empty = clear it) and
// its lifetime in seconds.
struct SessionCookie {
  std::string token;
  int64_t max_age_seconds = 0;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  // Extra headers (Allow, Retry-After) and a cookie to set, if any.
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::optional<SessionCookie> cookie = std::nullopt;
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

// The data set user a person account stands for: the one user whose email
// equals `email` ignoring case; kNone when there is none or more than one.
UserIx FindUserByEmail(const DataSet& ds, std::string_view email);

class Api {
 public:
  // Without an AuthService, Serve answers like Handle(request, nullptr):
  // everyone sees everything (tests; `serve` always passes one).
  explicit Api(std::shared_ptr<const DataSet> data_set = nullptr,
               std::shared_ptr<AuthService> auth = nullptr);

  // Replaces the data set; requests already running finish on the old one.
  void SetDataSet(std::shared_ptr<const DataSet> data_set);
  std::shared_ptr<const DataSet> data_set() const;

  // Answers one request. Never throws; unknown /api/ routes are 404, a
  // known route with a method other than GET/HEAD is 405. `scope` limits
  // what the caller may see (nullptr: everyone).
  ApiResponse Handle(const ApiRequest& request, const Scope* scope = nullptr) const;

  // Answers one request as the signed-in caller of request.session_token
  // (docs/api.md, Sign-in): POST /api/login and /api/logout, GET /api/me,
  // a minimal /api/health when signed out, 401 for everything else without
  // a valid session; an admin sees everyone, a person their subtree.
  // CSRF (Origin) checks belong to the transport, before this.
  ApiResponse Serve(const ApiRequest& request) const;

  bool auth_enabled() const { return auth_ != nullptr; }

 private:
  ApiResponse ServeAuthenticated(const ApiRequest& request) const;

  std::atomic<std::shared_ptr<const DataSet>> data_set_;
  std::shared_ptr<AuthService> auth_;
};

}  // namespace sc
