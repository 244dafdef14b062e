// The real HTTP server, in process on a free port, on the demo data set:
// every endpoint and status code, the scorecard document against
// ScorecardJson and `scorecards report --format json`, static files and the
// SPA fallback, and the hostile cases (path traversal, huge and malformed
// parameters, big bodies, several ranges, slow clients, a data set swap
// under load). No sleeps and no timing thresholds: readiness is a bounded
// poll of /api/health.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/json_encoding.h"
#include "api/router.h"
#include "app/dataset_loader.h"
#include "app/import.h"
#include "demo/demo_generator.h"
#include "engine/accounts.h"
#include "engine/scorecard.h"
#include "server/http_server.h"

namespace sc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAsOf = "2026-12-17";
constexpr const char* kSecret = "TOP-SECRET-OUTSIDE-WEB-ROOT";

// Sends `raw` bytes on a fresh connection and returns everything read back.
std::string RawExchange(int port, const std::string& raw) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

std::string RawGet(int port, const std::string& target) {
  return RawExchange(port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

int StatusOf(const std::string& raw_response) {
  // "HTTP/1.1 404 Not Found"
  if (raw_response.size() < 12) return 0;
  return std::atoi(raw_response.substr(9, 3).c_str());
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/sc-server-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    tmp_ = new fs::path(pattern);
    demo::DemoOptions opt;
    opt.out_dir = *tmp_ / "demo";
    opt.as_of = *ParseDate(kAsOf);
    Result<demo::DemoSummary> summary = demo::GenerateDemo(opt);
    ASSERT_TRUE(summary.has_value()) << summary.error().ToString();
    david_ = new std::string(summary->david_id);
    ImportRequest req;
    req.folder = opt.out_dir;
    req.db_path = *tmp_ / "scorecards.db";
    Result<ImportReport> report = ImportDataSet(req);
    ASSERT_TRUE(report.has_value() && report->ok());
    Result<std::shared_ptr<const DataSet>> ds = LoadDataSetFromStore(req.db_path);
    ASSERT_TRUE(ds.has_value()) << ds.error().ToString();
    ds_ = new std::shared_ptr<const DataSet>(*ds);

    // A web root with an index, a hashed asset, and a secret beside it.
    fs::create_directories(*tmp_ / "web" / "assets");
    std::ofstream(*tmp_ / "web" / "index.html") << "<!doctype html><title>Scorecards app</title>";
    std::ofstream(*tmp_ / "web" / "assets" / "index-abc123.js") << "console.log('app');";
    std::ofstream(*tmp_ / "secret.txt") << kSecret;
    std::ofstream(*tmp_ / "web-secret.txt") << kSecret;  // shares the root's name prefix

    api_ = new std::shared_ptr<Api>(std::make_shared<Api>(*ds_));
    ServerOptions options;
    options.port = 0;
    options.web_root = *tmp_ / "web";
    options.threads = 8;
    Result<std::unique_ptr<HttpServer>> server = StartServer(*api_, options);
    ASSERT_TRUE(server.has_value()) << server.error().ToString();
    server_ = server->release();
    WaitUntilHealthy(server_->port());
  }

  static void TearDownTestSuite() {
    delete server_;
    delete api_;
    delete ds_;
    delete david_;
    std::error_code ec;
    fs::remove_all(*tmp_, ec);
    delete tmp_;
  }

  static void WaitUntilHealthy(int port) {
    httplib::Client client("127.0.0.1", port);
    for (int attempt = 0; attempt < 200; ++attempt) {
      auto res = client.Get("/api/health");
      if (res && res->status == 200) return;
      std::this_thread::yield();
    }
    FAIL() << "the server never answered /api/health";
  }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_url_encode(false);
    return c;
  }

  // GET path; status and parsed JSON body (null when the body is not JSON).
  std::pair<int, json> GetJson(const std::string& path) const {
    auto res = Client().Get(path);
    if (!res) return {0, nullptr};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  const DataSet& ds() const { return **ds_; }
  UserIx Ix(const std::string& id) const { return ds().user_by_id.at(id); }

  static fs::path* tmp_;
  static std::string* david_;
  static std::shared_ptr<const DataSet>* ds_;
  static std::shared_ptr<Api>* api_;
  static HttpServer* server_;
};

fs::path* ServerTest::tmp_ = nullptr;
std::string* ServerTest::david_ = nullptr;
std::shared_ptr<const DataSet>* ServerTest::ds_ = nullptr;
std::shared_ptr<Api>* ServerTest::api_ = nullptr;
HttpServer* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HealthCountsAndSecurityHeaders) {
  auto res = Client().Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  json body = json::parse(res->body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["data_set"]["users"], ds().users());
  EXPECT_EQ(body["data_set"]["opportunities"], ds().opportunities());
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_THAT(res->get_header_value("Content-Security-Policy"),
              HasSubstr("default-src 'self'; script-src 'self'"));
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(server_->port()) + "/");
}

TEST_F(ServerTest, UsersListsEveryone) {
  auto [status, body] = GetJson("/api/users");
  EXPECT_EQ(status, 200);
  ASSERT_EQ(body["users"].size(), ds().users());
  EXPECT_EQ(body["users"][0]["id"], ds().user_id[0]);
  EXPECT_EQ(body["users"][0]["manager_id"], nullptr);
}

TEST_F(ServerTest, ScorecardEqualsScorecardJson) {
  for (std::string query : std::vector<std::string>{"", "?as_of=2026-12-17", "?as_of=2026-11-01&period=FY2026-Q3",
                                                   "?as_of=2026-12-17&period=fy2026"}) {
    auto [status, body] = GetJson("/api/users/" + *david_ + "/scorecard" + query);
    ASSERT_EQ(status, 200) << query;
    Date as_of = *ParseDate(query.find("2026-11-01") != std::string::npos ? "2026-11-01" : kAsOf);
    Period period = ds().calendar.QuarterContaining(as_of);
    if (query.find("Q3") != std::string::npos) period = *ds().calendar.ParseLabel("FY2026-Q3");
    if (query.find("fy2026") != std::string::npos) period = *ds().calendar.ParseLabel("FY2026");
    json expected = json::parse(ScorecardJson(ds(), ComputeScorecard(ds(), Ix(*david_), as_of, period)));
    EXPECT_EQ(body, expected) << query;
  }
}

TEST_F(ServerTest, ScorecardEqualsReportCommand) {
  std::string cmd = std::string(SC_SCORECARDS_BIN) + " report --db " +
                    (*tmp_ / "scorecards.db").string() + " --rep " + *david_ + " --as-of " + kAsOf +
                    " --period FY2026-Q4 --format json";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  auto [status, body] = GetJson("/api/users/" + *david_ + "/scorecard?as_of=" + kAsOf + "&period=FY2026-Q4");
  ASSERT_EQ(status, 200);
  EXPECT_EQ(body, json::parse(out));
}

TEST_F(ServerTest, PathIdsArePercentDecoded) {
  std::string encoded;
  for (char c : *david_) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
    encoded += hex;
  }
  auto [status, body] = GetJson("/api/users/" + encoded + "/scorecard");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body["user"]["id"], *david_);
}

TEST_F(ServerTest, BadParametersAre400NamingTheParameter) {
  const std::string base = "/api/users/" + *david_;
  struct Case {
    std::string path, names;
  };
  for (const Case& c : std::vector<Case>{
           {base + "/scorecard?as_of=x", "as_of: not a date (expected YYYY-MM-DD): 'x'"},
           {base + "/scorecard?as_of=2026-02-30", "as_of"},
           {base + "/scorecard?period=FY2026-Q9", "period"},
           {base + "/team?as_of=yesterday", "as_of"},
           {base + "/accounts?sort=bogus", "sort: unknown sort column 'bogus'"},
           {base + "/accounts?sort=-" + std::string(200, 'z'), "sort"},
           {base + "/accounts?limit=-1", "limit"},
           {base + "/accounts?limit=abc", "limit"},
           {base + "/accounts?limit=1001", "limit"},
           {base + "/accounts?offset=-5", "offset"},
           {base + "/accounts?offset=1e3", "offset"},
           {base + "/accounts?open_pipeline=maybe", "open_pipeline"},
           {base + "/accounts?stale=2", "stale"},
           {base + "/scorecard?as_of=%zz", "as_of: malformed percent-encoding"},
           {base + "/scorecard?as_of=%", "malformed percent-encoding"},
       }) {
    auto [status, body] = GetJson(c.path);
    EXPECT_EQ(status, 400) << c.path;
    EXPECT_THAT(body.value("error", ""), HasSubstr(c.names)) << c.path;
  }
}

TEST_F(ServerTest, UnknownIdsAndRoutesAre404AndWrongMethods405) {
  EXPECT_EQ(GetJson("/api/users/nobody/scorecard").first, 404);
  EXPECT_EQ(GetJson("/api/users/nobody/scorecard").second["error"], "unknown user id: 'nobody'");
  EXPECT_EQ(GetJson("/api/users/nobody/accounts").first, 404);
  EXPECT_EQ(GetJson("/api/users/nobody/team").first, 404);
  EXPECT_EQ(GetJson("/api/nope").first, 404);
  EXPECT_EQ(GetJson("/api").first, 404);
  EXPECT_EQ(GetJson("/api/users/" + *david_ + "/nope").first, 404);
  EXPECT_EQ(GetJson("/api/users/" + *david_ + "/scorecard/extra").first, 404);
  EXPECT_TRUE(GetJson("/api/nope").second.contains("error"));

  // State-changing methods come from the server's own origin (CSRF check).
  const httplib::Headers same_origin{{"Origin", "http://127.0.0.1:" + std::to_string(server_->port())}};
  auto post = Client().Post("/api/health", same_origin, "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  EXPECT_TRUE(json::parse(post->body).contains("error"));
  auto del = Client().Delete("/api/users/" + *david_ + "/scorecard", same_origin);
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto put = Client().Put("/", same_origin, "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
}

TEST_F(ServerTest, AccountsFilterSortAndPage) {
  const std::string base = "/api/users/" + *david_ + "/accounts";
  std::vector<AccountRow> all = ComputeAccountRows(ds(), Ix(*david_), *ParseDate(kAsOf));

  auto [status, page] = GetJson(base + "?as_of=" + kAsOf);
  ASSERT_EQ(status, 200);
  EXPECT_EQ(page["total"], all.size());
  EXPECT_EQ(page["limit"], 50);
  EXPECT_EQ(page["offset"], 0);
  ASSERT_FALSE(page["rows"].empty());
  for (size_t i = 1; i < page["rows"].size(); ++i) {  // default sort -open_pipeline
    EXPECT_GE(page["rows"][i - 1]["open_pipeline"].get<double>(), page["rows"][i]["open_pipeline"].get<double>());
  }

  auto [s2, open] = GetJson(base + "?as_of=" + kAsOf + "&open_pipeline=1&limit=1000");
  ASSERT_EQ(s2, 200);
  for (const json& r : open["rows"]) EXPECT_GT(r["open_pipeline"].get<double>(), 0);
  auto [s3, stale] = GetJson(base + "?as_of=" + kAsOf + "&stale=1&open_pipeline=1&limit=1000");
  ASSERT_EQ(s3, 200);
  ASSERT_FALSE(stale["rows"].empty()) << "the demo story has stale accounts";
  for (const json& r : stale["rows"]) EXPECT_TRUE(r["stale"].get<bool>());
  EXPECT_LT(stale["total"].get<size_t>(), open["total"].get<size_t>());

  auto [s4, by_name] = GetJson(base + "?as_of=" + kAsOf + "&sort=name&limit=1000");
  ASSERT_EQ(s4, 200);
  auto [s5, window] = GetJson(base + "?as_of=" + kAsOf + "&sort=name&limit=3&offset=2");
  ASSERT_EQ(s5, 200);
  ASSERT_EQ(window["rows"].size(), 3u);
  EXPECT_EQ(window["total"], by_name["total"]);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(window["rows"][i], by_name["rows"][i + 2]);
  for (size_t i = 1; i < by_name["rows"].size(); ++i) {
    EXPECT_LE(by_name["rows"][i - 1]["name"].get<std::string>(), by_name["rows"][i]["name"].get<std::string>());
  }

  auto [s6, past_end] = GetJson(base + "?offset=100000");
  EXPECT_EQ(s6, 200);
  EXPECT_TRUE(past_end["rows"].empty());
  auto [s7, zero] = GetJson(base + "?limit=0");
  EXPECT_EQ(s7, 200);
  EXPECT_TRUE(zero["rows"].empty());
}

TEST_F(ServerTest, TeamOfAManagerAndOfAnAe) {
  UserIx david = Ix(*david_);
  UserIx manager = ds().user_manager[static_cast<size_t>(david)];
  ASSERT_NE(manager, kNone);
  const std::string& manager_id = ds().user_id[static_cast<size_t>(manager)];
  auto [status, body] = GetJson("/api/users/" + manager_id + "/team?as_of=" + kAsOf);
  ASSERT_EQ(status, 200);
  Date as_of = *ParseDate(kAsOf);
  json expected = json::parse(
      TeamJson(ds(), ComputeScorecard(ds(), manager, as_of, ds().calendar.QuarterContaining(as_of))));
  EXPECT_EQ(body, expected);
  EXPECT_EQ(body["team"].size(), ds().reports[static_cast<size_t>(manager)].size());

  auto [s2, ae] = GetJson("/api/users/" + *david_ + "/team");
  EXPECT_EQ(s2, 200);
  EXPECT_TRUE(ae["team"].empty());
}

TEST_F(ServerTest, StaticFilesAndSpaFallback) {
  for (const char* path : {"/", "/index.html", "/people/ae3", "/people/ae3/team?as_of=2026-12-01"}) {
    auto res = Client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_THAT(res->body, HasSubstr("Scorecards app")) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
  }
  auto js = Client().Get("/assets/index-abc123.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, "console.log('app');");
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_THAT(js->get_header_value("Cache-Control"), HasSubstr("immutable"));
  auto missing = Client().Get("/assets/index-missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ServerTest, PathTraversalNeverLeavesTheWebRoot) {
  int port = server_->port();
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/assets\\..\\..\\secret.txt",
        "/%00/../secret.txt", "/secret.txt%00.html", "/../web-secret.txt", "//etc/passwd",
        "/./../secret.txt", "/%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/%zz"}) {
    std::string response = RawGet(port, target);
    int status = StatusOf(response);
    EXPECT_THAT(response, Not(HasSubstr(kSecret))) << target;
    EXPECT_THAT(response, Not(HasSubstr("root:"))) << target;
    // Either refused, or answered with the app's index.html (a deep link).
    EXPECT_TRUE(status == 400 || status == 404 ||
                (status == 200 && response.find("Scorecards app") != std::string::npos))
        << target << " -> " << response.substr(0, 200);
  }
}

TEST_F(ServerTest, SeveralRangesAre416AndOneRangeWorks) {
  auto many = Client().Get("/assets/index-abc123.js", {{"Range", "bytes=0-1,3-4"}});
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 416);
  EXPECT_TRUE(many->body.empty());
  auto api_many = Client().Get("/api/health", {{"Range", "bytes=0-0,1-1,2-2,3-3"}});
  ASSERT_TRUE(api_many);
  EXPECT_EQ(api_many->status, 416);
  auto one = Client().Get("/assets/index-abc123.js", {{"Range", "bytes=0-6"}});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 206);
  EXPECT_EQ(one->body, "console");
}

TEST_F(ServerTest, BigBodyIsRefusedAndServerKeepsServing) {
  std::string body(size_t{2} << 20, 'x');
  const httplib::Headers same_origin{{"Origin", "http://127.0.0.1:" + std::to_string(server_->port())}};
  auto res = Client().Post("/api/health", same_origin, body, "application/octet-stream");
  // httplib answers 413 from the Content-Length alone; the client may see the
  // connection closed while it is still sending instead.
  if (res) {
    EXPECT_EQ(res->status, 413);
  }
  // The limit applies from the Content-Length alone, before any body is read.
  std::string raw = RawExchange(server_->port(),
                                "POST /api/health HTTP/1.1\r\nHost: x\r\nOrigin: http://x\r\n"
                                "Connection: close\r\n"
                                "Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n{");
  EXPECT_EQ(StatusOf(raw), 413) << raw.substr(0, 200);
  EXPECT_EQ(GetJson("/api/health").first, 200);
}

TEST_F(ServerTest, HugeAndMalformedParametersAre4xxAndServerKeepsServing) {
  const std::string base = "/api/users/" + *david_ + "/scorecard?as_of=";
  auto [s1, b1] = GetJson(base + std::string(4000, '9'));
  EXPECT_EQ(s1, 400);
  EXPECT_LT(b1.dump().size(), 300u) << "the error must not echo the whole value";
  EXPECT_THAT(b1.value("error", ""), HasSubstr("as_of"));

  auto res = Client().Get(base + std::string(100 * 1024, 'a'));
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 400 || res->status == 414) << res->status;
  EXPECT_LT(res->body.size(), 300u);

  auto [s3, b3] = GetJson("/api/users/" + std::string(4000, 'u') + "/scorecard");
  EXPECT_EQ(s3, 404);
  EXPECT_LT(b3.dump().size(), 300u);
  EXPECT_EQ(GetJson("/api/users/%zz/scorecard").first, 400);
  EXPECT_EQ(GetJson("/api/users/%00/scorecard").first, 400);
  EXPECT_EQ(GetJson("/api/health").first, 200);
}

TEST_F(ServerTest, SlowClientsDoNotBlockOthers) {
  int port = server_->port();
  // Three connections that send nothing, and one stuck mid request line.
  std::vector<int> idle;
  for (int i = 0; i < 4; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    if (i == 3) {
      ASSERT_GT(send(fd, "GET /api/hea", 12, MSG_NOSIGNAL), 0);
    }
    idle.push_back(fd);
  }
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(GetJson("/api/health").first, 200);
    EXPECT_EQ(GetJson("/api/users/" + *david_ + "/scorecard").first, 200);
  }
  for (int fd : idle) close(fd);
}

TEST_F(ServerTest, DataSetSwapUnderConcurrentRequests) {
  Result<std::shared_ptr<const DataSet>> other = LoadDataSetFromStore(*tmp_ / "scorecards.db");
  ASSERT_TRUE(other.has_value());
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      while (!stop.load()) {
        auto res = c.Get("/api/users/" + *david_ + "/scorecard?as_of=" + kAsOf);
        (res && res->status == 200 ? ok : bad)++;
      }
    });
  }
  for (int i = 0; i < 200 || ok.load() < 40; ++i) {
    (*api_)->SetDataSet(i % 2 ? *ds_ : *other);
    std::this_thread::yield();
  }
  stop = true;
  for (auto& w : workers) w.join();
  (*api_)->SetDataSet(*ds_);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GE(ok.load(), 40);
}

TEST(ServerWithoutWebRoot, ApiWorksAndRootExplains) {
  auto api = std::make_shared<Api>(nullptr);
  ServerOptions options;
  options.port = 0;
  Result<std::unique_ptr<HttpServer>> server = StartServer(api, options);
  ASSERT_TRUE(server.has_value());
  httplib::Client c("127.0.0.1", (*server)->port());
  auto health = c.Get("/api/health");
  for (int i = 0; i < 200 && !health; ++i) health = c.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_THAT(health->body, HasSubstr("\"data_set\":null"));
  EXPECT_EQ(c.Get("/api/users")->status, 503);
  auto root = c.Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 200);
  EXPECT_THAT(root->body, HasSubstr("npm run build"));
  EXPECT_EQ(c.Get("/assets/x.js")->status, 404);
  (*server)->Stop();
  (*server)->Wait();
}

TEST(StartServer, RefusesAMissingWebRootAndABusyPort) {
  auto api = std::make_shared<Api>(nullptr);
  ServerOptions options;
  options.port = 0;
  options.web_root = "/nonexistent/web/dist";
  EXPECT_FALSE(StartServer(api, options).has_value());

  options.web_root.clear();
  Result<std::unique_ptr<HttpServer>> first = StartServer(api, options);
  ASSERT_TRUE(first.has_value());
  options.port = (*first)->port();
  Result<std::unique_ptr<HttpServer>> second = StartServer(api, options);
  EXPECT_FALSE(second.has_value());
}

TEST(StaticRelativePath, RefusesTraversal) {
  EXPECT_EQ(*StaticRelativePath("/"), "");
  EXPECT_EQ(*StaticRelativePath("/assets/a.js"), "assets/a.js");
  EXPECT_EQ(*StaticRelativePath("//people///u1"), "people/u1");
  EXPECT_EQ(*StaticRelativePath("/people/a%20b"), "people/a b");
  for (const char* bad : {"/..", "/a/../b", "/%2e%2e/x", "/%2E%2e", "/.", "/a\\b", "/a%5cb", "/a%00",
                          "/%zz", "/%4", "/a/%2e/b"}) {
    EXPECT_FALSE(StaticRelativePath(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sc
