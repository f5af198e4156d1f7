#pragma once
// `corridor serve`: the HTTP front end beside the CLI (docs/api.md). cpp-httplib only here.

#include <cstddef>
#include <iosfwd>
#include <string>

namespace corridor::server {

struct ServeOptions {
  std::string network_path;  ///< the network file to load (the CLI passes the shipped one by default)
  std::string data_dir;      ///< holds network/basemap and scenarios/ (read once, at start)
  std::string bind = "127.0.0.1";
  int port = 8080;               ///< 0 = any free port (the printed address tells which)
  unsigned threads = 0;          ///< worker threads; 0 = four per core, at least 16
  std::size_t queue_limit = 64;  ///< connections waiting for a worker; beyond it: 503
  std::size_t max_body_bytes = 1 << 20;  ///< request bodies over this: 413
  int read_timeout_seconds = 5;          ///< per read of a request (slow clients are dropped)
  int write_timeout_seconds = 5;
};

/// True for a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

/// Loads the network, the map and the shipped scenarios, builds the solvers once, then serves
/// until SIGINT or SIGTERM, finishing the requests in progress. Prints the address on `out`
/// once listening ("corridor serve: http://127.0.0.1:8080/"), a warning on `err` when the
/// address is not loopback. Returns 0 after a clean shutdown; throws InputError for a bad
/// network file, std::runtime_error when the address cannot be bound.
int serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace corridor::server
