#pragma once
// Seeded random networks for the property, brute-force and cross-check tests: one generator
// for all of them, shaped per test (size, number of disconnected parts, exact or continuous
// figures, small or realistic capacities). Every field a solver reads is drawn: kinds,
// countries, dwell, transfer, transfer permission, node and link capacities, statuses, modes,
// distances, hours, departures, directions, corridor tags, transit countries, tariffs per t
// and per TEU, handling and emission overrides. Parallel links are copies of earlier ones
// with other figures.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::test {

using Rng = std::mt19937_64;

/// The seed of case `index` of a randomised test; `stream` keeps tests apart.
std::uint64_t case_seed(std::uint64_t seed, std::uint64_t stream, int index);

bool chance(Rng& rng, double p);
int uniform(Rng& rng, int lo, int hi);
double uniform_real(Rng& rng, double lo, double hi);
template <typename T>
const T& pick(Rng& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

struct RandomNetworkShape {
  int min_nodes = 4;
  int max_nodes = 8;
  /// Nodes fall into 1..max_parts parts; links cross parts rarely, so parts are often disconnected.
  int max_parts = 1;
  /// Links: uniform in [min_links_per_node x n, max_links_per_node x n + extra_links].
  double min_links_per_node = 1.0;
  double max_links_per_node = 2.0;
  int extra_links = 2;
  /// Small integers (different routes often tie exactly) instead of continuous figures.
  bool exact_figures = true;
  /// Capacities up to 500 Mt/yr beside small ones (and zeros), instead of 0..30 only.
  bool realistic_capacities = false;
};

Network random_network(Rng& rng, const RandomNetworkShape& shape);

/// Every drawn field of every node and link, to print with a failing case.
std::string describe(const Network& net);

/// What a query may use besides the network: a corridor filter and an avoid list.
struct Restriction {
  std::vector<std::string> corridors;
  Avoidance avoid;
};

/// A random corridor filter and avoid list (often empty).
Restriction random_restriction(Rng& rng, const Network& net);
std::string describe(const Network& net, const Restriction& restriction);

}  // namespace corridor::test
