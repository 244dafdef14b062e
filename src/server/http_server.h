// The HTTP server of `scorecards serve` (SPEC §5.2): the JSON API under
// /api/ (answered by api/router.h) and the web dashboard's static files with
// a single-page-app fallback, on cpp-httplib configured as STYLE.md asks —
// TCP_NODELAY, a payload limit, a multi-range guard, a bounded thread pool,
// loopback by default — with security headers on every response. Sign-in
// (issue 8): the session cookie in and out of Api::Serve, and a same-origin
// check (CSRF) on every POST, PUT, PATCH and DELETE before any handler.
//
//   auto api = std::make_shared<Api>(data_set);
//   ServerOptions options;
//   options.port = 0;  // any free port
//   ASSIGN_OR_RETURN(std::unique_ptr<HttpServer> server, StartServer(api, options));
//   std::cout << "Serving on " << server->url() << std::endl;
//   server->Wait();  // until Stop() (e.g. from a signal thread)
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "api/router.h"
#include "base/status.h"

namespace sc {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0 = any free port
  // The built dashboard (web/dist); empty = API only, and `/` explains how
  // to build the web.
  std::filesystem::path web_root;
  // Worker threads. cpp-httplib serves one connection per thread, so this is
  // also the number of connections served at once; the others wait in the
  // queue until a served connection closes (idle for keep_alive_timeout, or
  // after keep_alive_max_count requests). Idle threads cost little; a small
  // pool makes the Nth browser wait for others' idle keep-alive connections,
  // hence a generous default (see server/README.md for the measurements).
  int threads = std::max(64, 8 * static_cast<int>(std::thread::hardware_concurrency()));
  size_t max_payload = size_t{1} << 20;  // bytes of request body (413 beyond)
  int read_timeout_seconds = 5;          // a client that sends nothing is dropped
  int write_timeout_seconds = 5;
  int keep_alive_timeout_seconds = 2;    // an idle browser connection frees its thread
  int keep_alive_max_count = 100;        // requests on one connection before it closes
  // Marks the session cookie Secure (and names it __Host-sc_session) and
  // expects https:// origins: for serving behind a TLS-terminating proxy.
  bool secure_cookies = false;
};

// The session cookie's name for the given ServerOptions::secure_cookies.
std::string SessionCookieName(bool secure);

// True when a state-changing request comes from the server's own origin,
// scheme://Host: its Origin header, or without one its Referer, must match.
// A request with neither is refused. Exposed for tests.
bool SameOriginRequest(std::string_view host, const std::string* origin, const std::string* referer,
                       bool secure);

class HttpServer {
 public:
  virtual ~HttpServer() = default;
  // The bound port (the real one when options.port was 0).
  virtual int port() const = 0;
  // "http://HOST:PORT/".
  virtual std::string url() const = 0;
  // Stops accepting, finishes the requests in flight, and returns; safe to
  // call from any thread, more than once.
  virtual void Stop() = 0;
  // Blocks until the server has stopped.
  virtual void Wait() = 0;
};

// Binds host:port and serves on background threads until Stop(). Fails when
// the address cannot be bound or web_root is set but is not a folder.
Result<std::unique_ptr<HttpServer>> StartServer(std::shared_ptr<Api> api, const ServerOptions& options);

// The static-file path for a request path: "" for "/", else the decoded
// relative path. InvalidArgument for malformed escapes, NUL, backslashes,
// and any "." or ".." segment (plain or encoded). Exposed for tests.
Result<std::string> StaticRelativePath(std::string_view raw_path);

}  // namespace sc
