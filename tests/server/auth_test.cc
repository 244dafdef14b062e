// Sign-in and scoping end to end (issue 8): the real HTTP server in process
// on a free port, on the demo data set at scale 3 (a VP, a director, nine
// managers, 36 AEs), with accounts for David (AE), his manager (first line),
// the director (second line) and an admin.
//
// - every endpoint x role (AE, first-line manager, second-line manager,
//   admin, signed out): 200 / 401 / 403 as the scope says, and no id or name
//   of a person outside the caller's subtree in any body (nor an opportunity
//   id owned outside it);
// - sessions: expiry (idle and absolute, on a fake clock), logout, wrong
//   passwords, rate limiting (429 + Retry-After), CSRF (Origin / Referer),
//   cookie flags, security headers, and no "$argon2" in any body.
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/router.h"
#include "app/auth_service.h"
#include "app/dataset_loader.h"
#include "app/import.h"
#include "demo/demo_generator.h"
#include "server/http_server.h"

namespace sc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAsOf = "2026-12-17";
constexpr const char* kPassword = "correct horse battery";
constexpr int64_t kWindowMs = int64_t{15} * 60 * 1000;

struct Role {
  std::string name;   // ae, l1, l2, admin, out
  std::string email;  // "" when signed out
  UserIx root = kNone;  // kNone: everyone (admin) or no one (signed out)
};

class AuthServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/sc-auth-server-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    tmp_ = new fs::path(pattern);
    demo::DemoOptions opt;
    opt.out_dir = *tmp_ / "demo";
    opt.as_of = *ParseDate(kAsOf);
    opt.scale = 3;
    Result<demo::DemoSummary> summary = demo::GenerateDemo(opt);
    ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
    ImportRequest req;
    req.folder = opt.out_dir;
    req.db_path = *tmp_ / "scorecards.db";
    req.actor = "test";
    Result<ImportReport> report = ImportDataSet(req);
    ASSERT_TRUE(report.has_value() && report->ok());
    Result<std::shared_ptr<const DataSet>> ds = LoadDataSetFromStore(req.db_path);
    ASSERT_TRUE(ds.has_value()) << ds.error().ToString();
    ds_ = new std::shared_ptr<const DataSet>(*ds);

    AuthOptions o;
    o.cost = MinimumCost();  // the product uses InteractiveCost()
    o.idle_timeout_ms = int64_t{12} * 3600 * 1000;
    o.absolute_timeout_ms = int64_t{7} * 24 * 3600 * 1000;
    o.now_ms = [] { return now_.load(); };
    Result<std::unique_ptr<AuthService>> auth = AuthService::Open(req.db_path, o);
    ASSERT_TRUE(auth.has_value()) << auth.error().ToString();
    auth_ = new std::shared_ptr<AuthService>(std::move(*auth));

    const DataSet& d = **ds_;
    UserIx david = d.user_by_id.at(summary->david_id);
    UserIx l1 = d.user_manager[static_cast<size_t>(david)];
    UserIx l2 = d.user_manager[static_cast<size_t>(l1)];
    ASSERT_NE(l2, kNone);
    ASSERT_NE(d.user_manager[static_cast<size_t>(l2)], kNone) << "expected a director above the manager";
    roles_ = new std::vector<Role>{
        {"ae", d.user_email[static_cast<size_t>(david)], david},
        {"l1", d.user_email[static_cast<size_t>(l1)], l1},
        {"l2", d.user_email[static_cast<size_t>(l2)], l2},
        {"admin", "admin@localhost", kNone},
        {"out", "", kNone},
    };
    for (const Role& r : *roles_) {
      if (r.email.empty()) continue;
      ASSERT_TRUE((*auth_)->AddAccount(r.email, r.name == "admin" ? "admin" : "person", kPassword, "test").ok());
    }
    // A person account with no match in the data set.
    ASSERT_TRUE((*auth_)->AddAccount("stranger@example.com", "person", kPassword, "test").ok());

    fs::create_directories(*tmp_ / "web");
    std::ofstream(*tmp_ / "web" / "index.html") << "<!doctype html><title>Scorecards app</title>";
    api_ = new std::shared_ptr<Api>(std::make_shared<Api>(*ds_, *auth_));
    ServerOptions options;
    options.port = 0;
    options.web_root = *tmp_ / "web";
    options.threads = 8;
    Result<std::unique_ptr<HttpServer>> server = StartServer(*api_, options);
    ASSERT_TRUE(server.has_value()) << server.error().ToString();
    server_ = server->release();
  }

  static void TearDownTestSuite() {
    delete server_;
    delete api_;
    delete auth_;
    delete ds_;
    delete roles_;
    std::error_code ec;
    fs::remove_all(*tmp_, ec);
    delete tmp_;
  }

  // Each test starts with the rate limits of earlier tests out of the window.
  void SetUp() override { now_ += kWindowMs + 1; }

  const DataSet& ds() const { return **ds_; }
  const Role& role(const std::string& name) const {
    for (const Role& r : *roles_) {
      if (r.name == name) return r;
    }
    throw std::runtime_error("no role " + name);
  }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_url_encode(false);
    return c;
  }

  httplib::Result Login(const std::string& email, const std::string& password,
                        httplib::Headers headers = {}) const {
    if (headers.find("Origin") == headers.end() && headers.find("Referer") == headers.end()) {
      headers.emplace("Origin", Origin());
    }
    json body{{"email", email}, {"password", password}};
    return Client().Post("/api/login", headers, body.dump(), "application/json");
  }

  // Signs in and returns the session cookie ("name=value"), or "" on failure.
  std::string SessionFor(const Role& r) const {
    if (r.email.empty()) return "";
    auto res = Login(r.email, kPassword);
    EXPECT_TRUE(res && res->status == 200) << r.name << ": " << (res ? res->body : "no answer");
    if (!res || res->status != 200) return "";
    std::string set = res->get_header_value("Set-Cookie");
    return set.substr(0, set.find(';'));
  }

  httplib::Result Get(const std::string& path, const std::string& cookie) const {
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return Client().Get(path, h);
  }

  static bool InScope(const DataSet& d, const Role& r, UserIx u) {
    return r.root == kNone || d.InSubtree(r.root, u);
  }

  // No person outside r's subtree is named in `body`: not their id, not
  // their name, not the id of an opportunity they own.
  void ExpectNothingOutOfScope(const Role& r, const std::string& what, const std::string& body) const {
    ASSERT_NE(r.root, kNone);
    const DataSet& d = ds();
    for (size_t u = 0; u < d.users(); ++u) {
      if (InScope(d, r, static_cast<UserIx>(u))) continue;
      EXPECT_THAT(body, Not(HasSubstr("\"" + d.user_id[u] + "\""))) << r.name << " " << what;
      EXPECT_THAT(body, Not(HasSubstr("\"" + d.user_name[u] + "\""))) << r.name << " " << what;
      EXPECT_THAT(body, Not(HasSubstr("\"" + d.user_email[u] + "\""))) << r.name << " " << what;
    }
    for (size_t o = 0; o < d.opportunities(); ++o) {
      if (InScope(d, r, d.opp_owner[o])) continue;
      EXPECT_THAT(body, Not(HasSubstr("\"" + d.opp_id[o] + "\""))) << r.name << " " << what;
    }
  }

  static inline std::atomic<int64_t> now_{int64_t{1'800'000'000'000}};
  static fs::path* tmp_;
  static std::shared_ptr<const DataSet>* ds_;
  static std::shared_ptr<AuthService>* auth_;
  static std::shared_ptr<Api>* api_;
  static HttpServer* server_;
  static std::vector<Role>* roles_;
};

fs::path* AuthServerTest::tmp_ = nullptr;
std::shared_ptr<const DataSet>* AuthServerTest::ds_ = nullptr;
std::shared_ptr<AuthService>* AuthServerTest::auth_ = nullptr;
std::shared_ptr<Api>* AuthServerTest::api_ = nullptr;
HttpServer* AuthServerTest::server_ = nullptr;
std::vector<Role>* AuthServerTest::roles_ = nullptr;

TEST_F(AuthServerTest, EveryEndpointTimesEveryRole) {
  const DataSet& d = ds();
  // Targets: each role's person, a peer of David, someone in another team,
  // and the top of the tree.
  UserIx david = role("ae").root, l1 = role("l1").root, l2 = role("l2").root;
  std::set<UserIx> targets{david, l1, l2};
  for (UserIx peer : d.reports[static_cast<size_t>(l1)]) targets.insert(peer);
  for (size_t u = 0; u < d.users(); ++u) {
    if (d.user_manager[u] == kNone) targets.insert(static_cast<UserIx>(u));
    if (!d.InSubtree(l1, static_cast<UserIx>(u)) && d.reports[u].empty()) {
      targets.insert(static_cast<UserIx>(u));  // an AE of another team (the last one)
    }
  }
  int checked = 0;
  for (const Role& r : *roles_) {
    std::string cookie = SessionFor(r);
    bool signed_in = !r.email.empty();
    bool admin = r.name == "admin";
    auto check = [&](const std::string& path, int expected) -> httplib::Result {
      auto res = Get(path, cookie);
      if (!res) {
        ADD_FAILURE() << "no answer: " << path;
        return res;
      }
      EXPECT_EQ(res->status, expected) << r.name << " " << path << ": " << res->body;
      EXPECT_THAT(res->body, Not(HasSubstr("$argon2"))) << path;
      if (signed_in && !admin) ExpectNothingOutOfScope(r, path, res->body);
      ++checked;
      return res;
    };
    // Health: open, but minimal when signed out.
    auto health = check("/api/health", 200);
    ASSERT_TRUE(health);
    if (signed_in) {
      EXPECT_THAT(health->body, HasSubstr("\"data_set\""));
    } else {
      EXPECT_EQ(json::parse(health->body), json({{"status", "ok"}}));
    }
    auto me = check("/api/me", signed_in ? 200 : 401);
    ASSERT_TRUE(me);
    if (signed_in) {
      json j = json::parse(me->body);
      EXPECT_EQ(j["email"], r.email);
      if (admin) {
        EXPECT_EQ(j["user"], nullptr);
      } else {
        EXPECT_EQ(j["user"]["id"], d.user_id[static_cast<size_t>(r.root)]);
      }
    }
    auto users = check("/api/users", signed_in ? 200 : 401);
    ASSERT_TRUE(users);
    if (signed_in) {
      std::set<std::string> got;
      json doc = json::parse(users->body);
      for (const json& u : doc["users"]) got.insert(u["id"].get<std::string>());
      std::set<std::string> want;
      for (size_t u = 0; u < d.users(); ++u) {
        if (InScope(d, r, static_cast<UserIx>(u))) want.insert(d.user_id[u]);
      }
      EXPECT_EQ(got, want) << r.name;
    }
    for (UserIx t : targets) {
      const std::string& id = d.user_id[static_cast<size_t>(t)];
      int expected = !signed_in ? 401 : InScope(d, r, t) ? 200 : 403;
      check("/api/users/" + id + "/scorecard?as_of=" + kAsOf, expected);
      check("/api/users/" + id + "/accounts?as_of=" + std::string(kAsOf) + "&limit=1000", expected);
      check("/api/users/" + id + "/accounts?as_of=" + std::string(kAsOf) +
                "&open_pipeline=0&limit=1000&sort=owner_name",
            expected == 200 ? 400 : expected);  // owner_name is not a sort column
      auto team = check("/api/users/" + id + "/team?as_of=" + kAsOf, expected);
      if (team && expected == 200) {
        json doc = json::parse(team->body);
        for (const json& row : doc["team"]) {
          UserIx u = d.user_by_id.at(row["user"]["id"].get<std::string>());
          EXPECT_TRUE(InScope(d, r, u)) << r.name << " team of " << id;
        }
      }
    }
    // An unknown id: 404 for an admin, 403 (no probing) for a person.
    check("/api/users/no-such-id/scorecard", !signed_in ? 401 : admin ? 404 : 403);
    check("/api/nothing-here", signed_in ? 404 : 401);
  }
  EXPECT_GT(checked, 100);
}

TEST_F(AuthServerTest, TheManagerSeesTheTeamAndDavidOnlyHimself) {
  std::string l1 = SessionFor(role("l1"));
  UserIx manager = role("l1").root;
  auto team = Get("/api/users/" + ds().user_id[static_cast<size_t>(manager)] + "/team?as_of=" + kAsOf, l1);
  ASSERT_TRUE(team);
  ASSERT_EQ(team->status, 200);
  EXPECT_EQ(json::parse(team->body)["team"].size(), ds().reports[static_cast<size_t>(manager)].size());
  std::string ae = SessionFor(role("ae"));
  auto users = Get("/api/users", ae);
  ASSERT_TRUE(users);
  json list = json::parse(users->body)["users"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["manager_id"], nullptr);  // his manager is out of his scope
}

TEST_F(AuthServerTest, WrongPasswordsUnknownEmailsAndStrangersGetTheSame401) {
  auto wrong = Login(role("ae").email, "not the password");
  auto unknown = Login("nobody@example.com", kPassword);
  auto stranger = Login("stranger@example.com", kPassword);  // no such person in the data set
  ASSERT_TRUE(wrong && unknown && stranger);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(stranger->status, 401);
  EXPECT_EQ(wrong->body, unknown->body);
  EXPECT_EQ(wrong->body, stranger->body);
  EXPECT_FALSE(wrong->has_header("Set-Cookie"));
  // Bad bodies and content types.
  auto text = Client().Post("/api/login", {{"Origin", Origin()}}, "{}", "text/plain");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 415);
  auto bad = Client().Post("/api/login", {{"Origin", Origin()}}, "{\"email\": 1}", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto get = Client().Get("/api/login");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");
}

TEST_F(AuthServerTest, RateLimitAnswers429WithRetryAfter) {
  const std::string email = role("l2").email;
  for (int i = 0; i < 5; ++i) {
    auto res = Login(email, "wrong password " + std::to_string(i));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
  }
  auto limited = Login(email, kPassword);  // even the right password waits
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  int retry = std::atoi(limited->get_header_value("Retry-After").c_str());
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60);
  now_ += kWindowMs + 1;
  auto later = Login(email, kPassword);
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 200);
}

TEST_F(AuthServerTest, SessionsExpireAndLogoutEndsThem) {
  std::string cookie = SessionFor(role("ae"));
  ASSERT_FALSE(cookie.empty());
  ASSERT_EQ(Get("/api/me", cookie)->status, 200);
  now_ += int64_t{12} * 3600 * 1000;  // idle for 12 h
  auto expired = Get("/api/me", cookie);
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
  EXPECT_THAT(expired->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));

  // Absolute expiry: active every 11 h, still ends after 7 days.
  cookie = SessionFor(role("ae"));
  for (int i = 0; i < 15; ++i) {
    now_ += int64_t{11} * 3600 * 1000;
    ASSERT_EQ(Get("/api/me", cookie)->status, 200) << i;
  }
  now_ += int64_t{11} * 3600 * 1000;  // 176 h > 168 h
  EXPECT_EQ(Get("/api/me", cookie)->status, 401);

  cookie = SessionFor(role("ae"));
  auto out = Client().Post("/api/logout", {{"Origin", Origin()}, {"Cookie", cookie}}, "", "application/json");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  EXPECT_EQ(Get("/api/me", cookie)->status, 401);
  EXPECT_EQ(Get("/api/users", cookie)->status, 401);
  // A forged cookie is just signed out.
  EXPECT_EQ(Get("/api/users", "sc_session=" + std::string(64, 'a'))->status, 401);
}

TEST_F(AuthServerTest, CookieFlags) {
  auto res = Login(role("ae").email, kPassword);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  std::string set = res->get_header_value("Set-Cookie");
  EXPECT_EQ(set.rfind("sc_session=", 0), 0u);
  EXPECT_EQ(set.substr(11, 64).size(), 64u);
  EXPECT_THAT(set, HasSubstr("; HttpOnly"));
  EXPECT_THAT(set, HasSubstr("; SameSite=Strict"));
  EXPECT_THAT(set, HasSubstr("; Path=/"));
  EXPECT_THAT(set, HasSubstr("; Max-Age=604800"));
  EXPECT_THAT(set, Not(HasSubstr("Secure")));  // plain HTTP on loopback
  EXPECT_THAT(res->body, Not(HasSubstr(set.substr(11, 64))));  // the token only in the cookie
  EXPECT_EQ(SessionCookieName(true), "__Host-sc_session");
}

TEST_F(AuthServerTest, SecureCookiesBehindTls) {
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.secure_cookies = true;
  auto server = StartServer(*api_, options);
  ASSERT_TRUE(server.has_value());
  httplib::Client c("127.0.0.1", (*server)->port());
  json body{{"email", role("ae").email}, {"password", kPassword}};
  std::string host = "127.0.0.1:" + std::to_string((*server)->port());
  auto http_origin = c.Post("/api/login", {{"Origin", "http://" + host}}, body.dump(), "application/json");
  ASSERT_TRUE(http_origin);
  EXPECT_EQ(http_origin->status, 403);
  auto res = c.Post("/api/login", {{"Origin", "https://" + host}}, body.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  std::string set = res->get_header_value("Set-Cookie");
  EXPECT_EQ(set.rfind("__Host-sc_session=", 0), 0u);
  EXPECT_THAT(set, HasSubstr("; Secure"));
  std::string cookie = set.substr(0, set.find(';'));
  EXPECT_EQ(c.Get("/api/me", {{"Cookie", cookie}})->status, 200);
  (*server)->Stop();
}

TEST_F(AuthServerTest, CsrfForeignOriginsAreRefused) {
  std::string cookie = SessionFor(role("ae"));
  json body{{"email", role("ae").email}, {"password", kPassword}};
  auto post = [&](const std::string& path, httplib::Headers h) {
    auto res = Client().Post(path, h, body.dump(), "application/json");
    return res ? res->status : 0;
  };
  EXPECT_EQ(post("/api/login", {{"Origin", "http://evil.example"}}), 403);
  EXPECT_EQ(post("/api/login", {{"Origin", "null"}}), 403);
  EXPECT_EQ(post("/api/login", {{"Origin", Origin() + ".evil.example"}}), 403);
  EXPECT_EQ(post("/api/login", {{"Origin", "http://127.0.0.1:1"}}), 403);
  EXPECT_EQ(post("/api/login", {{"Referer", "http://evil.example/page"}}), 403);
  EXPECT_EQ(post("/api/login", {{"Referer", Origin() + ".evil.example/"}}), 403);
  EXPECT_EQ(post("/api/login", {}), 403);  // neither header: cannot tell
  EXPECT_EQ(post("/api/login", {{"Referer", Origin() + "/people/u1"}}), 200);
  EXPECT_EQ(post("/api/login", {{"Origin", Origin()}}), 200);
  // A foreign logout does not end the session; PUT/PATCH/DELETE are checked too.
  EXPECT_EQ(post("/api/logout", {{"Origin", "http://evil.example"}, {"Cookie", cookie}}), 403);
  EXPECT_EQ(Get("/api/me", cookie)->status, 200);
  auto del = Client().Delete("/api/users", {{"Origin", "http://evil.example"}, {"Cookie", cookie}});
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 403);
  auto same = Client().Delete("/api/users", {{"Origin", Origin()}, {"Cookie", cookie}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 405);
  EXPECT_FALSE(SameOriginRequest("", nullptr, nullptr, false));
}

TEST_F(AuthServerTest, SecurityHeadersOnEveryResponse) {
  std::string cookie = SessionFor(role("ae"));
  std::vector<httplib::Result> answers;
  answers.push_back(Get("/api/health", ""));
  answers.push_back(Get("/api/users", ""));                       // 401
  answers.push_back(Get("/api/users/" + ds().user_id[0] + "/scorecard", cookie));  // 403
  answers.push_back(Get("/", ""));                                // the app, no sign-in needed
  answers.push_back(Get("/people/x", ""));
  answers.push_back(Login("x@example.com", "nope nope nope"));    // 401
  answers.push_back(Client().Post("/api/login", {{"Origin", "http://evil.example"}}, "{}", "application/json"));
  for (const auto& res : answers) {
    ASSERT_TRUE(res);
    std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
    EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(csp, Not(HasSubstr("unsafe-inline")));
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  }
  EXPECT_EQ(answers[3]->status, 200);
  EXPECT_EQ(answers[1]->status, 401);
  EXPECT_EQ(answers[2]->status, 403);
}

TEST_F(AuthServerTest, NoPasswordHashLeavesTheServer) {
  for (const Role& r : *roles_) {
    std::string cookie = SessionFor(r);
    for (const char* path : {"/api/me", "/api/users", "/api/health", "/api/login", "/api/logout"}) {
      auto res = Get(path, cookie);
      ASSERT_TRUE(res);
      EXPECT_THAT(res->body, Not(HasSubstr("$argon2"))) << path;
      EXPECT_THAT(res->body, Not(HasSubstr("password"))) << path;
    }
  }
  auto failed = Login(role("admin").email, "not the password");  // audited as a failure
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 401);
  EXPECT_THAT(failed->body, Not(HasSubstr("$argon2")));
  auto login = Login(role("admin").email, kPassword);
  ASSERT_TRUE(login);
  EXPECT_THAT(login->body, Not(HasSubstr("$argon2")));
  // The audit log has the sign-ins and the import, without secrets.
  auto log = (*auth_)->ListAudit(1000);
  ASSERT_TRUE(log.has_value());
  std::set<std::string> kinds;
  for (const AuditEntry& e : *log) {
    kinds.insert(e.kind);
    EXPECT_THAT(e.detail, Not(HasSubstr("$argon2")));
    EXPECT_THAT(e.detail, Not(HasSubstr(kPassword)));
  }
  for (const char* kind : {"sign_in_ok", "sign_in_failed", "import", "users_add"}) {
    EXPECT_EQ(kinds.count(kind), 1u) << kind;
  }
}

}  // namespace
}  // namespace sc
