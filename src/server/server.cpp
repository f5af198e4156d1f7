// The HTTP side of `corridor serve`: cpp-httplib (Debian's libcpp-httplib), a bounded thread
// pool, limits, the app's assets and a clean shutdown. The API itself is server/api.cpp.

#include "server/server.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <httplib.h>

#include "io/api_json.hpp"
#include "io/basemap.hpp"
#include "io/map_svg.hpp"
#include "io/network_json.hpp"
#include "io/text_file.hpp"
#include "server/api.hpp"
#include "server/assets.hpp"

namespace corridor::server {
namespace {

/// Set on the thread that answers connections beyond the queue limit: every request it reads
/// gets a 503 at once.
thread_local bool t_overflow_thread = false;

/// httplib's connection queue with a bound: `workers` threads take connections in order; when
/// `limit` are already waiting, a connection goes to one overflow thread that answers 503.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(unsigned workers, std::size_t limit) : limit_(limit) {
    for (unsigned i = 0; i < workers; ++i) threads_.emplace_back([this] { work(queue_, false); });
    threads_.emplace_back([this] { work(overflow_, true); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard lock(mutex_);
      (queue_.size() < limit_ ? queue_ : overflow_).push_back(std::move(fn));
    }
    ready_.notify_all();
  }
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

 private:
  void work(std::deque<std::function<void()>>& queue, bool overflow) {
    t_overflow_thread = overflow;
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stopping_ || !queue.empty(); });
        if (queue.empty()) return;  // stopping, and everything accepted has been served
        fn = std::move(queue.front());
        queue.pop_front();
      }
      fn();
    }
  }
  std::size_t limit_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_, overflow_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

void set_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

/// No request may make the page fetch anything from elsewhere: the browser enforces it.
void set_security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                 "connect-src 'self'; frame-ancestors 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
}

Params params_of(const httplib::Request& req) {
  Params params;
  for (const auto& [key, value] : req.params) params.emplace_back(key, value);
  return params;
}

std::string http_error_text(int status) {
  switch (status) {
    case 400: return "malformed HTTP request";
    case 404: return "not found";
    case 413: return "request body over the server's limit";
    case 414: return "request line too long (8,192 bytes at most)";
    case 431: return "too many or too large header fields";
    default: return "HTTP error " + std::to_string(status);
  }
}

std::string read_map_html(const Network& network, const std::string& data_dir) {
  const io::Basemap basemap = io::load_basemap(io::basemap_path(data_dir));
  io::MapOptions options;
  options.id = "corridor-map";
  options.title = "The corridor network";
  options.box = io::network_box(network);
  return io::basemap_defs_svg(basemap) + io::map_svg(network, basemap, options);
}

std::vector<io::ScenarioFile> read_scenarios(const std::string& data_dir) {
  std::vector<io::ScenarioFile> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir + "/scenarios", ec))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back({entry.path().filename().string(), io::read_text_file(entry.path().string())});
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
  return files;
}

void route_requests(httplib::Server& http, const Api& api, const ServeOptions& options) {
  auto dispatch = [&api](const httplib::Request& req, httplib::Response& res) {
    set_security_headers(res);
    if (req.path == "/api" || req.path.rfind("/api/", 0) == 0) {
      const Reply reply = api.handle({req.method, req.path, params_of(req), req.body});
      if (reply.status == 405) res.set_header("Allow", api.allowed_methods(req.path));
      res.status = reply.status;
      res.set_content(reply.body, reply.content_type.c_str());
      return;
    }
    const Asset* asset = find_asset(req.path == "/index.html" ? "/" : req.path);
    if (!asset) return set_json(res, 404, io::error_json("HTTP-404", "not found: " + req.path));
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      return set_json(res, 405, io::error_json("HTTP-405", req.method + " is not allowed on " + req.path));
    }
    res.set_content(std::string(asset->data), std::string(asset->content_type).c_str());
  };
  for (auto add : {&httplib::Server::Get, &httplib::Server::Post, &httplib::Server::Put, &httplib::Server::Delete,
                   &httplib::Server::Patch, &httplib::Server::Options})
    (http.*add)(".*", dispatch);
  http.set_pre_routing_handler([dispatch](const httplib::Request& req, httplib::Response& res) {
    if (t_overflow_thread) {
      res.set_header("Retry-After", "1");
      res.set_header("Connection", "close");
      set_json(res, 503, io::error_json("HTTP-503", "the server is busy: every worker is taken and the queue is full; retry"));
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib 0.11 applies the body limit to Content-Length only: a chunked body could grow
    // without bound, so bodies must announce their length.
    if (req.has_header("Transfer-Encoding")) {
      set_json(res, 411, io::error_json("HTTP-411", "send the body with a Content-Length, not chunked"));
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib decompresses a gzip or brotli body before its length limit is applied: a 1 MiB
    // body could inflate to gigabytes. Bodies are JSON of a few kilobytes: sent as they are.
    if (req.has_header("Content-Encoding")) {
      set_json(res, 415, io::error_json("HTTP-415", "send the body uncompressed (no Content-Encoding)"));
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    // cpp-httplib answers every range of a Range header, overlapping or not, even on an error
    // reply: thousands of "0-" would multiply any response. Several ranges are ignored (RFC 9110
    // lets a server ignore Range) and the whole resource is sent; one range cannot exceed it. The
    // library hands handlers a const Request, but its request object is not const.
    if (req.ranges.size() > 1) const_cast<httplib::Request&>(req).ranges.clear();
    // A POST, PUT or PATCH without a body (no Content-Length) would be the library's bare 400
    // ("malformed HTTP request"): answered as with an empty body instead (E-EMPTY for
    // /api/run, 405 where the method is not taken).
    if ((req.method == "POST" || req.method == "PUT" || req.method == "PATCH") && !req.has_header("Content-Length")) {
      dispatch(req, res);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.headers.size() > 100) {
      set_json(res, 431, io::error_json("HTTP-431", "more than 100 header fields"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const std::size_t max_body = options.max_body_bytes;
  http.set_error_handler([max_body](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413)
      set_json(res, 413, io::error_json("E-TOO-BIG", "request body over the server's limit of " +
                                                          std::to_string(max_body) + " bytes (docs/api.md)"));
    else set_json(res, res.status, io::error_json("HTTP-" + std::to_string(res.status), http_error_text(res.status)));
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    set_json(res, 500, io::error_json("HTTP-500", "internal error: " + what));
  });
}

}  // namespace

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  DiagnosticSink sink(options.network_path);
  Network network = io::load_network(options.network_path, sink);
  for (const Diagnostic& d : sink.diagnostics()) err << format(d) << "\n";
  std::string map_html = read_map_html(network, options.data_dir);
  const Api api(std::move(network), options.network_path, std::move(map_html), read_scenarios(options.data_dir));

  // SIGINT and SIGTERM are taken by one thread (blocked everywhere else, the workers inherit
  // the mask), which stops the listener; the pool then finishes the requests it has.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server http;
  // More workers than cores: a worker also waits for its connection's next request (keep-alive),
  // and the load test measured 3 times the throughput with 16 workers than with 4 on 2 cores.
  const unsigned workers = options.threads ? options.threads : std::max(16u, 4 * std::thread::hardware_concurrency());
  http.new_task_queue = [workers, &options] { return new BoundedPool(workers, options.queue_limit); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_seconds, 0);
  http.set_write_timeout(options.write_timeout_seconds, 0);
  // A worker serves one connection at a time (cpp-httplib), so keep-alive connections are kept
  // short: after 5 requests or 2 s idle a connection goes back to the end of the queue.
  http.set_keep_alive_timeout(2);
  http.set_keep_alive_max_count(5);
  route_requests(http, api, options);
  // SO_REUSEADDR alone, not cpp-httplib's default, which adds SO_REUSEPORT: with it a second
  // server on a port in use would start and silently share its connections (answering from
  // another network).
  http.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });

  int port = options.port;
  const bool bound = port == 0 ? (port = http.bind_to_any_port(options.bind)) > 0 : http.bind_to_port(options.bind, port);
  if (!bound) {
    DiagnosticSink command_line;
    command_line.error("E-LISTEN", "--bind",
                       "cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                           " (the port is in use, or the address is not one of this machine's)");
    command_line.throw_if_errors();
  }
  if (!is_loopback(options.bind))
    err << "corridor serve: warning: listening on " << options.bind
        << ", not on loopback: anyone who can reach this machine can use the server\n";
  const std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  out << "corridor serve: http://" << host << ":" << port << "/ (" << workers << " workers; Ctrl-C stops)"
      << std::endl;

  std::thread stopper([&http, signals] {
    int received = 0;
    sigwait(&signals, &received);
    http.stop();
  });
  http.listen_after_bind();
  pthread_kill(stopper.native_handle(), SIGTERM);  // the listener may have stopped for another reason
  stopper.join();
  out << "corridor serve: stopped" << std::endl;
  return 0;
}

}  // namespace corridor::server
