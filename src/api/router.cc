#include "api/router.h"

#include <algorithm>
#include <charconv>
#include <exception>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/json_encoding.h"
#include "app/auth_service.h"
#include "app/request_params.h"
#include "base/strings.h"
#include "engine/accounts.h"
#include "engine/scorecard.h"

namespace sc {
namespace {

using nlohmann::json;

constexpr size_t kMaxParamChars = 1024;  // longer values are refused, not parsed
constexpr int64_t kDefaultLimit = 50;
constexpr int64_t kMaxLimit = 1000;

ApiResponse Json(int status, std::string body) { return ApiResponse{status, std::move(body)}; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The first value of `name`, or "" when absent; too long a value is an error.
Result<std::string_view> Param(const ApiRequest& req, std::string_view name) {
  auto it = req.query.find(std::string(name));
  if (it == req.query.end()) return std::string_view();
  if (it->second.size() > kMaxParamChars) {
    return Err(InvalidArgument(std::string(name) + ": value too long (" +
                               std::to_string(it->second.size()) + " characters; at most " +
                               std::to_string(kMaxParamChars) + ")"));
  }
  return std::string_view(it->second);
}

Result<bool> BoolParam(const ApiRequest& req, std::string_view name) {
  ASSIGN_OR_RETURN(std::string_view text, Param(req, name));
  if (Trim(text).empty()) return false;
  bool value = false;
  if (!ParseBool(Trim(text), &value)) {
    return Err(InvalidArgument(std::string(name) + ": expected 1 or 0 (or true/false): '" +
                               EchoSafe(text) + "'"));
  }
  return value;
}

Result<int64_t> CountParam(const ApiRequest& req, std::string_view name, int64_t fallback,
                           int64_t max) {
  ASSIGN_OR_RETURN(std::string_view text, Param(req, name));
  text = Trim(text);
  if (text.empty()) return fallback;
  int64_t value = 0;
  bool digits = text.size() <= 18 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc()) {
    return Err(InvalidArgument(std::string(name) + ": not a non-negative integer: '" +
                               EchoSafe(text) + "'"));
  }
  if (value > max) {
    return Err(InvalidArgument(std::string(name) + ": at most " + std::to_string(max) + ", got " +
                               std::to_string(value)));
  }
  return value;
}

// "/api/users/u%201/scorecard" -> {"api", "users", "u 1", "scorecard"}.
Result<std::vector<std::string>> PathSegments(std::string_view path) {
  std::vector<std::string> out;
  for (const std::string& raw : Split(path, '/')) {
    if (raw.empty()) continue;  // leading, trailing or doubled slashes
    Result<std::string> seg = PercentDecode(raw, false);
    if (!seg) return Err(InvalidArgument("path: " + seg.error().message()));
    out.push_back(std::move(*seg));
  }
  return out;
}

// `full` = false (signed out) gives only {"status": "ok"}.
std::string HealthJson(const DataSet* ds, bool full = true) {
  json j{{"status", "ok"}};
  if (!full) return j.dump();
  if (ds) {
    j["data_set"] = {{"users", ds->users()},
                     {"accounts", ds->accounts()},
                     {"opportunities", ds->opportunities()},
                     {"stage_history", ds->hist_at.size()},
                     {"activities", ds->act_at.size()}};
    j["reference_date"] = ds->settings.reference_date
                              ? json(FormatDate(*ds->settings.reference_date))
                              : json(nullptr);
  } else {
    j["data_set"] = nullptr;
  }
  return j.dump();
}

// The person named by a path id, checked against the caller's scope.
// With a scope, an unknown id is a 403 like an out-of-scope one: a caller
// cannot probe which ids exist outside their subtree.
Result<UserIx> FindPerson(const DataSet& ds, const std::string& id, const Scope* scope) {
  auto it = ds.user_by_id.find(id);
  if (it == ds.user_by_id.end()) {
    if (scope) return Err(PermissionDenied("you may not see user '" + EchoSafe(id) + "'"));
    return Err(NotFound("unknown user id: '" + EchoSafe(id) + "'"));
  }
  if (scope) {
    auto caller = ds.user_by_id.find(scope->user_id);
    if (caller == ds.user_by_id.end() || !ds.InSubtree(caller->second, it->second)) {
      return Err(PermissionDenied("you may not see user '" + EchoSafe(id) + "'"));
    }
  }
  return it->second;
}

struct DateAndPeriod {
  Date as_of;
  Period period;
};

Result<DateAndPeriod> ParseDateAndPeriod(const DataSet& ds, const ApiRequest& req) {
  ASSIGN_OR_RETURN(std::string_view as_of_text, Param(req, "as_of"));
  ASSIGN_OR_RETURN(std::string_view period_text, Param(req, "period"));
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(ds, as_of_text, "as_of"));
  ASSIGN_OR_RETURN(Period period, ParsePeriod(ds, period_text, as_of, "period"));
  return DateAndPeriod{as_of, period};
}

// The caller's subtree root: kNone for no scope (everyone).
Result<UserIx> ScopeRoot(const DataSet& ds, const Scope* scope) {
  if (!scope) return kNone;
  auto caller = ds.user_by_id.find(scope->user_id);
  if (caller == ds.user_by_id.end()) {
    return Err(PermissionDenied("your account is not linked to a person of the data set"));
  }
  return caller->second;
}

Result<std::string> UsersBody(const DataSet& ds, const Scope* scope) {
  std::vector<UserIx> users;
  ASSIGN_OR_RETURN(UserIx scope_root, ScopeRoot(ds, scope));
  if (scope) {
    auto caller = ds.user_by_id.find(scope->user_id);
    UserIx root = caller->second;
    auto pos = static_cast<size_t>(ds.subtree_pos[static_cast<size_t>(root)]);
    auto size = static_cast<size_t>(ds.subtree_size[static_cast<size_t>(root)]);
    users.assign(ds.preorder.begin() + static_cast<ptrdiff_t>(pos),
                 ds.preorder.begin() + static_cast<ptrdiff_t>(pos + size));
    std::sort(users.begin(), users.end());  // users.csv order
  } else {
    users.resize(ds.users());
    for (size_t i = 0; i < users.size(); ++i) users[i] = static_cast<UserIx>(i);
  }
  return UsersJson(ds, users, -1, scope_root);
}

Result<std::string> ScorecardBody(const DataSet& ds, UserIx user, const ApiRequest& req,
                                  UserIx root) {
  ASSIGN_OR_RETURN(DateAndPeriod dp, ParseDateAndPeriod(ds, req));
  return ScorecardJson(ds, ComputeScorecard(ds, user, dp.as_of, dp.period), -1, root);
}

Result<std::string> TeamBody(const DataSet& ds, UserIx user, const ApiRequest& req, UserIx root) {
  ASSIGN_OR_RETURN(DateAndPeriod dp, ParseDateAndPeriod(ds, req));
  // A person without reports gets 200 with an empty team (the page says
  // "No direct reports"); team_total is still their own figures.
  return TeamJson(ds, ComputeScorecard(ds, user, dp.as_of, dp.period), -1, root);
}

Result<std::string> AccountsBody(const DataSet& ds, UserIx user, const ApiRequest& req,
                                 UserIx root) {
  // Parse every parameter before any work.
  ASSIGN_OR_RETURN(std::string_view as_of_text, Param(req, "as_of"));
  ASSIGN_OR_RETURN(Date as_of, ParseAsOf(ds, as_of_text, "as_of"));
  ASSIGN_OR_RETURN(bool open_pipeline, BoolParam(req, "open_pipeline"));
  ASSIGN_OR_RETURN(bool stale, BoolParam(req, "stale"));
  ASSIGN_OR_RETURN(std::string_view sort_text, Param(req, "sort"));
  std::string sort(Trim(sort_text).empty() ? std::string_view("-open_pipeline") : Trim(sort_text));
  if (sort.size() > 64) {
    return Err(InvalidArgument("sort: unknown sort column '" + EchoSafe(sort) + "'"));
  }
  ASSIGN_OR_RETURN(int64_t limit, CountParam(req, "limit", kDefaultLimit, kMaxLimit));
  ASSIGN_OR_RETURN(int64_t offset, CountParam(req, "offset", 0, INT64_C(1000000000)));
  std::vector<AccountRow> rows = ComputeAccountRows(ds, user, as_of);
  FilterAccounts(rows, {open_pipeline, stale});
  if (Status s = SortAccounts(ds, rows, sort); !s.ok()) {
    return Err(InvalidArgument("sort: " + s.message()));
  }
  return AccountPageJson(ds, rows, static_cast<size_t>(offset), static_cast<size_t>(limit), -1, root);
}

ApiResponse Route(const DataSet* ds, const ApiRequest& req, const Scope* scope) {
  Result<std::vector<std::string>> segments = PathSegments(req.path);
  if (!segments) return ErrorResponse(segments.error());
  const std::vector<std::string>& seg = *segments;
  bool get = req.method == "GET" || req.method == "HEAD";
  auto method_not_allowed = [&] {
    ApiResponse r = Json(405, ErrorJson("method not allowed: " + EchoSafe(req.method, 16) +
                                        " (this endpoint answers GET)"));
    return r;
  };
  auto body_or_error = [](Result<std::string> body) {
    return body ? Json(200, std::move(*body)) : ErrorResponse(body.error());
  };

  if (seg.size() < 2 || seg[0] != "api") {
    return ErrorResponse(NotFound("no such endpoint: " + EchoSafe(req.path, 128)));
  }
  if (seg.size() == 2 && seg[1] == "health") {
    if (!get) return method_not_allowed();
    return Json(200, HealthJson(ds));
  }
  bool users_route = seg[1] == "users" &&
                     (seg.size() == 2 || (seg.size() == 4 && (seg[3] == "scorecard" ||
                                                              seg[3] == "accounts" ||
                                                              seg[3] == "team")));
  if (!users_route) return ErrorResponse(NotFound("no such endpoint: " + EchoSafe(req.path, 128)));
  if (!get) return method_not_allowed();
  if (!ds) return ErrorResponse(FailedPrecondition("no data set loaded"));
  if (seg.size() == 2) return body_or_error(UsersBody(*ds, scope));

  Result<UserIx> root = ScopeRoot(*ds, scope);
  if (!root) return ErrorResponse(root.error());
  Result<UserIx> user = FindPerson(*ds, seg[2], scope);
  if (!user) return ErrorResponse(user.error());
  if (seg[3] == "scorecard") return body_or_error(ScorecardBody(*ds, *user, req, *root));
  if (seg[3] == "accounts") return body_or_error(AccountsBody(*ds, *user, req, *root));
  return body_or_error(TeamBody(*ds, *user, req, *root));
}

}  // namespace

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kFailedPrecondition: return 503;  // e.g. no data set loaded yet
    default: return 500;
  }
}

ApiResponse ErrorResponse(const Status& status) {
  return Json(HttpStatusFor(status.code()), ErrorJson(status.message()));
}

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return Err(InvalidArgument("malformed percent-encoding in '" + EchoSafe(text) + "'"));
      }
      char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return Err(InvalidArgument("encoded NUL in '" + EchoSafe(text) + "'"));
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::multimap<std::string, std::string>> ParseQueryString(std::string_view query) {
  std::multimap<std::string, std::string> out;
  for (const std::string& pair : Split(query, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view raw_key = std::string_view(pair).substr(0, eq);
    std::string_view raw_value =
        eq == std::string::npos ? std::string_view() : std::string_view(pair).substr(eq + 1);
    Result<std::string> key = PercentDecode(raw_key, true);
    if (!key) return Err(InvalidArgument("query: " + key.error().message()));
    Result<std::string> value = PercentDecode(raw_value, true);
    if (!value) return Err(InvalidArgument(EchoSafe(*key, 32) + ": " + value.error().message()));
    out.emplace(std::move(*key), std::move(*value));
  }
  return out;
}

std::string EchoSafe(std::string_view text, size_t max_chars) {
  std::string out;
  size_t n = std::min(text.size(), max_chars);
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    out.push_back(c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c));
  }
  // Do not end inside a UTF-8 sequence: drop a trailing partial character.
  size_t cut = out.size();
  while (cut > 0 && (static_cast<unsigned char>(out[cut - 1]) & 0xC0) == 0x80) --cut;
  if (cut > 0 && static_cast<unsigned char>(out[cut - 1]) >= 0xC0) {
    auto lead = static_cast<unsigned char>(out[cut - 1]);
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (out.size() - (cut - 1) < need) out.resize(cut - 1);
  }
  if (text.size() > max_chars) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

UserIx FindUserByEmail(const DataSet& ds, std::string_view email) {
  UserIx found = kNone;
  if (Trim(email).empty()) return kNone;
  for (size_t i = 0; i < ds.users(); ++i) {
    if (!EqualsIgnoreCase(Trim(ds.user_email[i]), Trim(email))) continue;
    if (found != kNone) return kNone;  // ambiguous: link no one
    found = static_cast<UserIx>(i);
  }
  return found;
}

Api::Api(std::shared_ptr<const DataSet> data_set, std::shared_ptr<AuthService> auth)
    : data_set_(std::move(data_set)), auth_(std::move(auth)) {}

void Api::SetDataSet(std::shared_ptr<const DataSet> data_set) {
  data_set_.store(std::move(data_set));
}

std::shared_ptr<const DataSet> Api::data_set() const { return data_set_.load(); }

ApiResponse Api::Serve(const ApiRequest& request) const {
  if (!auth_) return Handle(request, nullptr);
  try {
    return ServeAuthenticated(request);
  } catch (const std::exception& e) {
    return ErrorResponse(Internal(std::string("internal error: ") + e.what()));
  } catch (...) {
    return ErrorResponse(Internal("internal error"));
  }
}

ApiResponse Api::ServeAuthenticated(const ApiRequest& req) const {
  Result<std::vector<std::string>> segments = PathSegments(req.path);
  if (!segments) return ErrorResponse(segments.error());
  const std::vector<std::string>& seg = *segments;
  std::shared_ptr<const DataSet> ds = data_set_.load();  // held for the whole request
  bool get = req.method == "GET" || req.method == "HEAD";
  auto only = [&](const char* allow) {
    ApiResponse r = Json(405, ErrorJson("method not allowed: " + EchoSafe(req.method, 16) +
                                        " (this endpoint answers " + allow + ")"));
    r.headers.emplace_back("Allow", allow);
    return r;
  };
  auto resolve = [&ds](const std::string& email) -> std::optional<std::string> {
    if (!ds) return std::nullopt;
    UserIx u = FindUserByEmail(*ds, email);
    if (u == kNone) return std::nullopt;
    return ds->user_id[static_cast<size_t>(u)];
  };
  bool is_api = seg.size() == 2 && seg[0] == "api";

  if (is_api && seg[1] == "login") {
    if (req.method != "POST") return only("POST");
    std::string_view type = req.content_type;
    type = Trim(type.substr(0, type.find(';')));
    if (!EqualsIgnoreCase(type, "application/json")) {
      return Json(415, ErrorJson("sign-in expects Content-Type: application/json"));
    }
    Result<LoginBody> body = ParseLoginBody(req.body);
    if (!body) return ErrorResponse(body.error());
    int64_t retry_after = 0;
    Result<SignInResult> signed_in =
        auth_->SignIn(body->email, body->password, req.remote_address, resolve, &retry_after);
    if (!signed_in) {
      ApiResponse r = ErrorResponse(signed_in.error());
      if (r.status == 429) r.headers.emplace_back("Retry-After", std::to_string(retry_after));
      return r;
    }
    ApiResponse r = Json(200, SignedInJson(signed_in->principal.email, signed_in->principal.role,
                                           signed_in->expires_at_ms));
    r.cookie = SessionCookie{signed_in->token, auth_->options().absolute_timeout_ms / 1000};
    return r;
  }
  if (is_api && seg[1] == "logout") {
    if (req.method != "POST") return only("POST");
    Status s = auth_->SignOut(req.session_token, req.remote_address);
    if (!s.ok()) return ErrorResponse(s);
    ApiResponse r = Json(200, json{{"status", "signed out"}}.dump());
    r.cookie = SessionCookie{"", 0};
    return r;
  }

  Result<Principal> who = auth_->Authenticate(req.session_token);
  if (is_api && seg[1] == "health") {
    if (!get) return only("GET, HEAD");
    return Json(200, HealthJson(ds.get(), who.has_value()));
  }
  if (!who) {
    ApiResponse r = ErrorResponse(who.error());
    if (!req.session_token.empty()) r.cookie = SessionCookie{"", 0};  // drop a dead cookie
    return r;
  }
  // A person account stands for the data set user with its email, looked up
  // in the current data set on every request (imports may change it).
  UserIx person = kNone;
  if (!who->admin() && ds) person = FindUserByEmail(*ds, who->email);
  if (is_api && seg[1] == "me") {
    if (!get) return only("GET, HEAD");
    return Json(200, MeJson(ds.get(), who->email, who->role, person));
  }
  if (who->admin()) return Route(ds.get(), req, nullptr);
  Scope scope;
  if (person != kNone) scope.user_id = ds->user_id[static_cast<size_t>(person)];
  return Route(ds.get(), req, &scope);  // an empty user_id sees no one (403)
}

ApiResponse Api::Handle(const ApiRequest& request, const Scope* scope) const {
  try {
    std::shared_ptr<const DataSet> ds = data_set_.load();  // held for the whole request
    return Route(ds.get(), request, scope);
  } catch (const std::exception& e) {
    return ErrorResponse(Internal(std::string("internal error: ") + e.what()));
  } catch (...) {
    return ErrorResponse(Internal("internal error"));
  }
}

}  // namespace sc
