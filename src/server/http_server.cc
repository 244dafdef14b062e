#include "server/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <system_error>
#include <utility>

#include "api/json_encoding.h"
#include "base/strings.h"

namespace sc {
namespace {

namespace fs = std::filesystem;

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
    "object-src 'none'";

constexpr const char* kNoWebRootPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scorecards</title></head>
<body><h1>Scorecards</h1>
<p>The JSON API is running (try <a href="/api/health">/api/health</a> and
<a href="/api/users">/api/users</a>), but this server has no web dashboard to show.</p>
<p>Build it with <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, then start
<code>scorecards serve --web-root web/dist</code> (or run <code>bash tools/run-demo.sh</code>).</p>
</body></html>
)";

std::string ContentTypeFor(const fs::path& file) {
  std::string ext = ToLower(file.extension().string());
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  return "application/octet-stream";
}

std::string ReasonFor(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request target too long";
    case 416: return "range not satisfiable";
    case 431: return "request headers too large";
    case 500: return "internal error";
    default: return "HTTP error " + std::to_string(status);
  }
}

bool IsStateChanging(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The value of cookie `name` in the request's Cookie headers, or "".
std::string CookieValue(const httplib::Request& req, const std::string& name) {
  size_t n = req.get_header_value_count("Cookie");
  for (size_t i = 0; i < n; ++i) {
    std::string header = req.get_header_value("Cookie", i);
    for (const std::string& part : Split(header, ';')) {
      std::string_view kv = Trim(part);
      size_t eq = kv.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(kv.substr(0, eq)) == name) return std::string(Trim(kv.substr(eq + 1)));
    }
  }
  return "";
}

std::string SetCookieValue(const std::string& name, const SessionCookie& c, bool secure) {
  std::string v = name + "=" + c.token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(c.token.empty() ? 0 : c.max_age_seconds);
  if (secure) v += "; Secure";
  return v;
}

void SetJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return false;
  *out = std::move(buf).str();
  return true;
}

// True when `path` (canonical) lies inside `root` (canonical).
bool IsInside(const fs::path& root, const fs::path& path) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == path.end() || *r != *p) return false;
  }
  return true;
}

class HttplibServer : public HttpServer {
 public:
  HttplibServer(std::shared_ptr<Api> api, ServerOptions options, fs::path web_root)
      : api_(std::move(api)), options_(std::move(options)), web_root_(std::move(web_root)) {}

  ~HttplibServer() override {
    Stop();
    Wait();
  }

  Status Start() {
    Configure();
    if (options_.port == 0) {
      port_ = server_.bind_to_any_port(options_.host);
      if (port_ <= 0) return IoError("cannot bind " + options_.host + " to a free port");
    } else {
      if (!server_.bind_to_port(options_.host, options_.port)) {
        return IoError("cannot bind " + options_.host + ":" + std::to_string(options_.port) +
                       " (in use, or not an address of this machine)");
      }
      port_ = options_.port;
    }
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      listen_returned_ = true;
    });
    // httplib's stop() does nothing until listen has started: wait for it so
    // that Stop() right after Start() cannot be lost.
    while (!server_.is_running() && !listen_returned_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (listen_returned_) return IoError("the server stopped as it started");
    return Status::Ok();
  }

  int port() const override { return port_; }

  std::string url() const override {
    bool v6 = options_.host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + options_.host + "]" : options_.host) + ":" +
           std::to_string(port_) + "/";
  }

  void Stop() override { server_.stop(); }

  void Wait() override {
    std::lock_guard<std::mutex> lock(wait_mutex_);
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Configure() {
    server_.set_tcp_nodelay(true);
    // httplib's default also sets SO_REUSEPORT, which lets a second server
    // bind the same port and silently share its connections.
    server_.set_socket_options([](int sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server_.set_payload_max_length(options_.max_payload);
    server_.set_read_timeout(options_.read_timeout_seconds, 0);
    server_.set_write_timeout(options_.write_timeout_seconds, 0);
    server_.set_keep_alive_timeout(options_.keep_alive_timeout_seconds);
    server_.set_keep_alive_max_count(static_cast<size_t>(std::max(1, options_.keep_alive_max_count)));
    size_t threads = static_cast<size_t>(std::max(1, options_.threads));
    server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_.set_default_headers({
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    });

    // cpp-httplib 0.11.4 answers several ranges with a multipart body built
    // from the full content for each: refuse them before any handler runs.
    // The 416 has no body: httplib would cut a body into the asked ranges.
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.ranges.size() > 1 || req.get_header_value_count("Range") > 1) {
        res.status = 416;
        res.set_header("Content-Range", "bytes */0");
        return httplib::Server::HandlerResponse::Handled;
      }
      // CSRF: besides the SameSite=Strict cookie, a state-changing request
      // must come from this server's own origin.
      if (IsStateChanging(req.method)) {
        std::string origin = req.get_header_value("Origin");
        std::string referer = req.get_header_value("Referer");
        if (!SameOriginRequest(req.get_header_value("Host"),
                               req.has_header("Origin") ? &origin : nullptr,
                               req.has_header("Referer") ? &referer : nullptr,
                               options_.secure_cookies)) {
          res.set_header("Cache-Control", "no-store");
          SetJson(res, 403, ErrorJson("cross-origin request refused: the Origin (or Referer) "
                                      "must be this server's own"));
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown exception";
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          std::fprintf(stderr, "scorecards serve: internal error: %s\n", what.c_str());
          SetJson(res, 500, ErrorJson("internal error"));
        });
    // Errors httplib produces itself (400, 413, 414, 416, ...) get a JSON body too.
    server_.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
          // A 416 stays empty (see the pre-routing handler).
          if (!res.body.empty() || res.status == 416) {
            return httplib::Server::HandlerResponse::Unhandled;
          }
          SetJson(res, res.status, ErrorJson(ReasonFor(res.status)));
          return httplib::Server::HandlerResponse::Handled;
        }));

    auto handler = [this](const httplib::Request& req, httplib::Response& res) { Dispatch(req, res); };
    server_.Get(".*", handler);
    server_.Post(".*", handler);
    server_.Put(".*", handler);
    server_.Patch(".*", handler);
    server_.Delete(".*", handler);
    server_.Options(".*", handler);
  }

  void Dispatch(const httplib::Request& req, httplib::Response& res) {
    std::string_view target = req.target;
    size_t q = target.find('?');
    std::string_view raw_path = target.substr(0, q);
    std::string_view raw_query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
    if (raw_path == "/api" || raw_path.starts_with("/api/")) {
      ServeApi(req, raw_path, raw_query, res);
    } else {
      ServeStatic(req.method, raw_path, res);
    }
  }

  void ServeApi(const httplib::Request& http, std::string_view raw_path,
                std::string_view raw_query, httplib::Response& res) {
    const std::string& method = http.method;
    res.set_header("Cache-Control", "no-store");
    Result<std::multimap<std::string, std::string>> query = ParseQueryString(raw_query);
    if (!query) {
      ApiResponse err = ErrorResponse(query.error());
      SetJson(res, err.status, err.body);
      return;
    }
    ApiRequest request{method, std::string(raw_path), std::move(*query)};
    request.body = http.body;
    request.content_type = http.get_header_value("Content-Type");
    request.session_token = CookieValue(http, SessionCookieName(options_.secure_cookies));
    request.remote_address = http.remote_addr;
    ApiResponse r = api_->Serve(request);
    res.status = r.status;
    bool allow_set = false;
    for (const auto& [name, value] : r.headers) {
      res.set_header(name.c_str(), value);
      allow_set = allow_set || name == "Allow";
    }
    if (r.status == 405 && !allow_set) res.set_header("Allow", "GET, HEAD");
    if (r.cookie) {
      res.set_header("Set-Cookie", SetCookieValue(SessionCookieName(options_.secure_cookies),
                                                  *r.cookie, options_.secure_cookies));
    }
    res.set_content(std::move(r.body), r.content_type.c_str());
  }

  void ServeStatic(const std::string& method, std::string_view raw_path, httplib::Response& res) {
    if (method != "GET" && method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      SetJson(res, 405, ErrorJson("method not allowed: static files answer GET"));
      return;
    }
    Result<std::string> rel = StaticRelativePath(raw_path);
    if (!rel) {
      SetJson(res, 400, ErrorJson("path: " + rel.error().message()));
      return;
    }
    bool is_asset = rel->starts_with("assets/");
    if (web_root_.empty()) {
      if (is_asset) return NotFound(res);
      res.set_header("Cache-Control", "no-cache");
      res.set_content(kNoWebRootPage, "text/html; charset=utf-8");
      return;
    }
    if (!rel->empty()) {
      std::error_code ec;
      fs::path file = fs::weakly_canonical(web_root_ / *rel, ec);
      if (!ec && IsInside(web_root_, file) && fs::is_regular_file(file, ec)) {
        std::string body;
        if (!ReadFile(file, &body)) return NotFound(res);
        res.set_header("Cache-Control",
                       is_asset ? "public, max-age=31536000, immutable" : "no-cache");
        res.set_content(std::move(body), ContentTypeFor(file).c_str());
        return;
      }
      if (is_asset) return NotFound(res);
    }
    // The single-page app answers every other path (deep links like /people/u1).
    std::string index;
    if (!ReadFile(web_root_ / "index.html", &index)) {
      SetJson(res, 404, ErrorJson("no index.html in the web root"));
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::move(index), "text/html; charset=utf-8");
  }

  static void NotFound(httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    SetJson(res, 404, ErrorJson("not found"));
  }

  std::shared_ptr<Api> api_;
  ServerOptions options_;
  fs::path web_root_;  // canonical, or empty
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  std::mutex wait_mutex_;
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string SessionCookieName(bool secure) { return secure ? "__Host-sc_session" : "sc_session"; }

bool SameOriginRequest(std::string_view host, const std::string* origin, const std::string* referer,
                       bool secure) {
  host = Trim(host);
  if (host.empty() || host.find_first_of("/\\@ ") != std::string_view::npos) return false;
  const std::string own = std::string(secure ? "https://" : "http://") + ToLower(host);
  if (origin != nullptr) return ToLower(Trim(*origin)) == own;  // "null" never matches
  if (referer != nullptr) {
    std::string r = ToLower(Trim(*referer));
    return r == own || r.starts_with(own + "/");
  }
  return false;
}

Result<std::string> StaticRelativePath(std::string_view raw_path) {
  if (raw_path.size() > 1024) return Err(InvalidArgument("too long"));
  std::string decoded;
  for (size_t i = 0; i < raw_path.size(); ++i) {
    char c = raw_path[i];
    if (c == '%') {
      int hi = i + 1 < raw_path.size() ? HexDigit(raw_path[i + 1]) : -1;
      int lo = i + 2 < raw_path.size() ? HexDigit(raw_path[i + 2]) : -1;
      if (hi < 0 || lo < 0) return Err(InvalidArgument("malformed percent-encoding"));
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return Err(InvalidArgument("NUL in path"));
    if (c == '\\') return Err(InvalidArgument("backslash in path"));
    decoded.push_back(c);
  }
  std::string rel;
  for (const std::string& seg : Split(decoded, '/')) {
    if (seg.empty()) continue;
    if (seg == "." || seg == "..") return Err(InvalidArgument("'.' or '..' in path"));
    if (!rel.empty()) rel += '/';
    rel += seg;
  }
  return rel;
}

Result<std::unique_ptr<HttpServer>> StartServer(std::shared_ptr<Api> api, const ServerOptions& options) {
  fs::path root;
  if (!options.web_root.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.web_root, ec)) {
      return Err(NotFound("web root " + options.web_root.string() + " is not a folder"));
    }
    root = fs::canonical(options.web_root, ec);
    if (ec) return Err(IoError("web root " + options.web_root.string() + ": " + ec.message()));
  }
  auto server = std::make_unique<HttplibServer>(std::move(api), options, std::move(root));
  RETURN_IF_ERROR(server->Start());
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace sc
