// `scorecards serve [--db FILE] [--port N] [--host ADDR] [--web-root DIR]
//  [--threads N] [--demo] [--secure-cookies] [--session-idle-minutes N]
//  [--session-max-hours N]`: the web dashboard and the JSON API (SPEC §5.2),
// behind sign-in (issue 8).
//
// Output on stdout, flushed: the line `Serving on http://HOST:PORT/`, then
// sign-ins to show once — on a database without an admin account,
// `Admin sign-in (shown once): admin@localhost PASSWORD`; with --demo,
// `Demo sign-in (ae|manager|admin): EMAIL PASSWORD` for David, his manager
// and an admin (random passwords, fresh for each run).
//
// With --demo and no --db it generates the demo data as of today into a
// temporary folder, imports it into a temporary database, serves it, and
// removes both on exit. SIGINT/SIGTERM stop it gracefully; SIGHUP reloads
// the database (after a `scorecards import`) and swaps the data set in
// without dropping requests.
//
// The web root defaults to `web/dist` under the current folder if it exists,
// else `<folder of the executable>/../../../web/dist` (the repository's
// web/dist for build/<preset>/src/cli/scorecards).
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "api/router.h"
#include "app/auth_service.h"
#include "app/dataset_loader.h"
#include "app/import.h"
#include "base/time.h"
#include "cli/commands.h"
#include "demo/demo_generator.h"
#include "server/http_server.h"

namespace sc::cli {
namespace {

namespace fs = std::filesystem;

struct ServeArgs {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_root;
  int threads = 0;  // 0 = ServerOptions' default
  bool demo = false;
  bool secure_cookies = false;
  int64_t session_idle_minutes = 12 * 60;
  int64_t session_max_hours = 7 * 24;
};

constexpr const char* kAdminEmail = "admin@localhost";

struct SignInLine {
  std::string label, email, password;
};

// Removes a temporary folder when the command ends.
class TempDir {
 public:
  ~TempDir() {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
  }
  Status Create() {
    std::string pattern = (fs::temp_directory_path() / "scorecards-serve-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return IoError("cannot create a temporary folder");
    path_ = pattern;
    return Status::Ok();
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path DefaultWebRoot() {
  std::error_code ec;
  if (fs::is_directory("web/dist", ec)) return "web/dist";
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path candidate = exe.parent_path() / ".." / ".." / ".." / "web" / "dist";
    if (fs::is_directory(candidate, ec)) return candidate.lexically_normal();
  }
  return {};
}

Result<std::shared_ptr<const DataSet>> LoadDemo(const TempDir& tmp, std::string* david_id) {
  demo::DemoOptions options;
  options.out_dir = tmp.path() / "demo";
  options.as_of = Today();
  std::fprintf(stderr, "serve: generating demo data as of %s...\n", FormatDate(options.as_of).c_str());
  ASSIGN_OR_RETURN(demo::DemoSummary summary, demo::GenerateDemo(options));
  ImportRequest req;
  req.folder = options.out_dir;
  req.db_path = tmp.path() / "scorecards.db";
  ASSIGN_OR_RETURN(ImportReport report, ImportDataSet(req));
  if (!report.ok()) {
    std::string lines;
    for (const std::string& l : report.ErrorLines()) lines += "\n  " + l;
    return Err(DataError("the demo data did not import:" + lines));
  }
  std::fprintf(stderr, "serve: demo data imported (%lld users; David is %s)\n",
               static_cast<long long>(summary.users), summary.david_id.c_str());
  *david_id = summary.david_id;
  return LoadDataSetFromStore(req.db_path);
}

Status RunServe(const ServeArgs& args) {
  // Block the stop and reload signals in every thread; this one waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  TempDir tmp;
  std::shared_ptr<const DataSet> data_set;
  std::string db = args.db;
  std::string auth_db = db;
  std::string david_id;
  if (args.demo && db.empty()) {
    RETURN_IF_ERROR(tmp.Create());
    ASSIGN_OR_RETURN(data_set, LoadDemo(tmp, &david_id));
    auth_db = (tmp.path() / "scorecards.db").string();
  } else {
    if (db.empty()) db = "scorecards.db";
    if (!fs::exists(db)) {
      return NotFound("no database " + db + ": run `scorecards import DIR` first, or `serve --demo`");
    }
    ASSIGN_OR_RETURN(data_set, LoadDataSetFromStore(db));
    auth_db = db;
  }

  // Sign-in: accounts and sessions live in the same database file.
  if (args.session_idle_minutes <= 0 || args.session_max_hours <= 0) {
    return InvalidArgument("--session-idle-minutes and --session-max-hours must be positive");
  }
  AuthOptions auth_options;
  auth_options.idle_timeout_ms = args.session_idle_minutes * 60 * 1000;
  auth_options.absolute_timeout_ms = args.session_max_hours * 3600 * 1000;
  ASSIGN_OR_RETURN(std::shared_ptr<AuthService> auth, AuthService::Open(auth_db, auth_options));
  std::vector<SignInLine> sign_ins;
  if (!david_id.empty()) {
    // The demo's people: David, his manager, and an admin.
    UserIx david = data_set->user_by_id.at(david_id);
    UserIx manager = data_set->user_manager[static_cast<size_t>(david)];
    std::vector<std::pair<std::string, UserIx>> people = {{"ae", david}};
    if (manager != kNone) people.emplace_back("manager", manager);
    for (const auto& [label, u] : people) {
      SignInLine line{label, data_set->user_email[static_cast<size_t>(u)], RandomPassword(20)};
      RETURN_IF_ERROR(auth->AddAccount(line.email, "person", line.password, "serve --demo"));
      sign_ins.push_back(std::move(line));
    }
    SignInLine admin{"admin", kAdminEmail, RandomPassword(20)};
    RETURN_IF_ERROR(auth->AddAccount(admin.email, "admin", admin.password, "serve --demo"));
    sign_ins.push_back(std::move(admin));
  } else {
    ASSIGN_OR_RETURN(std::optional<std::string> first, auth->EnsureAdmin(kAdminEmail, "serve"));
    if (first) sign_ins.push_back({"first-admin", kAdminEmail, *first});
  }

  ServerOptions options;
  options.host = args.host;
  options.port = args.port;
  if (args.threads > 0) options.threads = args.threads;
  options.secure_cookies = args.secure_cookies;
  options.web_root = args.web_root.empty() ? DefaultWebRoot() : fs::path(args.web_root);
  if (options.web_root.empty()) {
    std::fprintf(stderr,
                 "serve: no web/dist found; serving the API only (build the dashboard with "
                 "`cd web && npm ci && npm run build`, or pass --web-root)\n");
  }
  auto api = std::make_shared<Api>(data_set, auth);
  data_set.reset();
  ASSIGN_OR_RETURN(std::unique_ptr<HttpServer> server, StartServer(api, options));
  std::printf("Serving on %s\n", server->url().c_str());
  for (const SignInLine& line : sign_ins) {
    if (line.label == "first-admin") {
      std::printf("Admin sign-in (shown once): %s %s\n", line.email.c_str(), line.password.c_str());
      std::printf("  (change it with: scorecards users reset --email %s --password-stdin --db %s)\n",
                  line.email.c_str(), auth_db.c_str());
    } else {
      std::printf("Demo sign-in (%s): %s %s\n", line.label.c_str(), line.email.c_str(),
                  line.password.c_str());
    }
  }
  std::fflush(stdout);

  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      if (db.empty()) {
        std::fprintf(stderr, "serve: SIGHUP ignored (demo data has no database to reload)\n");
        continue;
      }
      Result<std::shared_ptr<const DataSet>> fresh = LoadDataSetFromStore(db);
      if (fresh) {
        api->SetDataSet(std::move(*fresh));
        std::fprintf(stderr, "serve: reloaded %s\n", db.c_str());
      } else {
        std::fprintf(stderr, "serve: reload failed, still serving the old data: %s\n",
                     fresh.error().message().c_str());
      }
      continue;
    }
    break;
  }
  std::fprintf(stderr, "serve: stopping\n");
  server->Stop();
  server->Wait();
  return Status::Ok();
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the web dashboard and the JSON API");
  cmd->add_option("--db", args->db, "The database (default scorecards.db)");
  cmd->add_option("--port", args->port, "TCP port; 0 picks a free one")->capture_default_str();
  cmd->add_option("--host", args->host, "Address to bind (default loopback only)")
      ->capture_default_str();
  cmd->add_option("--web-root", args->web_root,
                  "The built dashboard (default: ./web/dist, else the repository's web/dist)");
  cmd->add_option("--threads", args->threads,
                  "Worker threads = connections served at once (default max(64, 8 x cores))");
  cmd->add_flag("--demo", args->demo, "Without --db: serve freshly generated demo data");
  cmd->add_flag("--secure-cookies", args->secure_cookies,
                "Mark the session cookie Secure and expect https:// origins (behind a TLS proxy)");
  cmd->add_option("--session-idle-minutes", args->session_idle_minutes,
                  "A session ends after this long without a request")
      ->capture_default_str();
  cmd->add_option("--session-max-hours", args->session_max_hours,
                  "A session ends this long after sign-in")
      ->capture_default_str();
  cmd->callback([args, exit_code] {
    Status s = RunServe(*args);
    if (!s.ok()) {
      std::fprintf(stderr, "scorecards serve: %s\n", s.message().c_str());
      *exit_code = 1;
    }
  });
}

}  // namespace sc::cli
