// Throughput of the Monte Carlo sampler on the shipped network (docs/reliability.md quotes it).
//
//   reliability_bench [NETWORK.json] [--samples N] [--repeats R] [--from ID] [--to ID]
//
// Samples the fastest route FROM -> TO (default XIAN -> ISTANBUL) N times (default 4,000,000)
// with one thread and with every core, R times each (default 3), and prints the best wall time
// and the sampled route times per second (per core for the one-thread run). Everything
// `corridor reliability` does after choosing the route is timed: sampling, sums, sorting for
// the percentiles. A benchmark, not a test: ctest runs it once with a few samples as a smoke check.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "io/network_json.hpp"
#include "model/reliability.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"

using namespace corridor;

int main(int argc, char** argv) {
  std::string path = std::string(CORRIDOR_SOURCE_DIR) + "/network/middle-corridor.json";
  std::string from = "XIAN", to = "ISTANBUL";
  std::int64_t samples = 4'000'000;
  int repeats = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--samples" && i + 1 < argc) samples = std::atoll(argv[++i]);
    else if (arg == "--repeats" && i + 1 < argc) repeats = std::atoi(argv[++i]);
    else if (arg == "--from" && i + 1 < argc) from = argv[++i];
    else if (arg == "--to" && i + 1 < argc) to = argv[++i];
    else path = arg;
  }
  DiagnosticSink sink(path);
  const Network network = io::load_network(path, sink);
  const auto origin = network.find_node(from), destination = network.find_node(to);
  if (!origin || !destination || samples < 1 || repeats < 1) {
    std::fprintf(stderr, "reliability_bench: unknown node or bad numbers\n");
    return 1;
  }
  ReliabilityQuery query;
  query.route.from = *origin;
  query.route.to = *destination;
  query.samples = samples;
  query.deadline_hours = 18 * 24.0;
  const RouteResult found = solve::Router(network).find_route(query.route);
  if (!found.found()) {
    std::fprintf(stderr, "reliability_bench: no route\n");
    return 2;
  }
  const Route& route = found.routes.front();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("route %s -> %s: %zu legs; %lld samples, best of %d\n", from.c_str(), to.c_str(), route.legs.size(),
              static_cast<long long>(samples), repeats);
  for (unsigned threads : {1u, cores}) {
    query.threads = threads;
    double best = 1e300;
    RouteReliability result;
    for (int r = 0; r < repeats; ++r) {
      const auto start = std::chrono::steady_clock::now();
      result = solve::sample_route(network, route, query);
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      best = std::min(best, took.count());
    }
    const double rate = static_cast<double>(samples) / best;
    std::printf("threads %u: %.3f s, %.2f million route times/s (%.2f million/s per thread); %zu random terms, "
                "P90 %.2f days\n",
                threads, best, rate / 1e6, rate / 1e6 / threads, result.spread.size(), result.p90_hours / 24.0);
    if (threads == cores) break;
  }
  return 0;
}
