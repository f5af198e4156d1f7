#pragma once
// The JSON API of `corridor serve` (docs/api.md, docs/openapi.json), without any HTTP: a
// request's parameters in, a status and a body out. Result bodies are rendered by io's
// renderers exactly as the CLI renders them, so `GET /api/route?...` gives the bytes of
// `corridor route ... --format json`.
//
// One Api holds the loaded network and the solvers built once for it; every method is const
// and touches no shared mutable state, so any number of threads may call it at once.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "io/api_json.hpp"
#include "model/network.hpp"
#include "server/params.hpp"

namespace corridor::server {

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

/// Per-request limits that bound a request's solver work (docs/api.md lists the measured times).
struct ApiLimits {
  /// Sampled journeys per request: samples x routes sampled, summed over a run's reliability
  /// queries (the CLI allows 20,000,000 samples per route). About 1 to 2 s of one core.
  std::int64_t max_sampled_journeys = 1'000'000;
  std::size_t max_queries = 32;          ///< queries in one POST /api/run scenario
  std::size_t max_changes = 500;         ///< changes in one POST /api/run scenario
  int max_alternatives = 10;             ///< k of /api/route and of a run's route queries (the CLI allows 50)
  /// Equilibrium iterations a run may ask for: max_iterations summed over its equilibrium
  /// assignments, a curve's once per volume (the default 2,000 x 8 volumes). On the shipped
  /// network a curve of 8 volumes beyond capacity at gap 1e-6, every assignment at its limit,
  /// took 5.3 s (docs/api.md).
  std::int64_t max_equilibrium_iterations = 16'000;
  double min_relative_gap = 1e-6;        ///< smallest equilibrium gap a run may ask for (the CLI: 1e-12)
  std::int64_t max_plan_steps = 200;     ///< upgrade plan steps, summed over a run's upgrades queries
  std::size_t max_search_results = 50;   ///< nodes listed by /api/nodes
};

struct ApiRequest {
  std::string method;
  std::string path;
  Params params;
  std::string body;
};

/// One documented endpoint: what GET /api lists and what the server routes.
struct Endpoint {
  std::string method;  ///< "GET" or "POST"
  std::string path;
  std::string summary;
  std::function<Reply(const ApiRequest&)> handle;
};

class Api {
 public:
  /// `network_path` names the loaded network in scenario runs; `map_html` is the map fragment
  /// (basemap definitions and the network's SVG map); `scenarios` are the shipped scenario files.
  Api(Network network, std::string network_path, std::string map_html, std::vector<io::ScenarioFile> scenarios,
      ApiLimits limits = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// Every endpoint, in the order GET /api lists them.
  const std::vector<Endpoint>& endpoints() const;
  /// The endpoint for a method and path; 404 or 405 (with an Allow list) as a Reply otherwise.
  Reply handle(const ApiRequest& request) const;
  /// Comma-separated methods allowed on `path` ("" when the path is unknown).
  std::string allowed_methods(const std::string& path) const;
  const Network& network() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::server
