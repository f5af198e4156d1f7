// Cross-checks of the solvers against an independent graph library, LEMON 1.3 (Debian
// liblemon-dev; used only here, never in corridor_core). On thousands of seeded random
// networks of varied size (parallel links, zero and unlimited capacities, disconnected parts,
// dwell, ferry waits, transfers, closed elements, one-way links, corridor filters, avoid lists):
//
// * fastest time and shortest distance equal LEMON's Dijkstra on a mode-expanded graph built
//   here from docs/model.md (one arrival and one departure vertex per node and mode), and
//   with --k 3 (Yen) the first route is that optimum and the others follow in order;
// * max flow equals LEMON's Preflow on a split-node graph built here from docs/model.md, and
//   "unbounded" agrees.
//
// Every result also passes its certificate (tests/support/invariants.hpp).
// CORRIDOR_CROSSCHECK_NETWORKS sets the number of networks per check (default below);
// CORRIDOR_TEST_SEED the seed. A failure prints both, the case number and the network.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/invariants.hpp"
#include "support/lemon_reference.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

constexpr int kDefaultNetworks = 2000;
constexpr double kInf = std::numeric_limits<double>::infinity();

using Rng = std::mt19937_64;

int network_count() {
  if (const char* env = std::getenv("CORRIDOR_CROSSCHECK_NETWORKS"); env && *env) {
    try {
      return std::max(1, std::stoi(env));
    } catch (...) {
    }
  }
  return kDefaultNetworks;
}

std::uint64_t case_seed(std::uint64_t seed, std::uint64_t stream, int index) {
  return seed ^ (stream * 0xD1B54A32D192ED03ull) ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(index + 1));
}

bool chance(Rng& rng, double p) { return std::bernoulli_distribution(p)(rng); }
int uniform(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
double uniform_real(Rng& rng, double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }

/// A capacity: often small (ties, zeros), sometimes realistic (up to 500 Mt/yr).
TonnesPerYear random_capacity(Rng& rng) {
  if (chance(rng, 0.15)) return 0;
  if (chance(rng, 0.5)) return uniform(rng, 1, 40);
  return std::uniform_int_distribution<TonnesPerYear>(1, 500'000'000)(rng);
}

/// A random network of 2..60 nodes split into 1..3 parts (links mostly stay inside a part,
/// so some parts are disconnected), with parallel links, dwell, transfers and ferry waits.
Network random_network(Rng& rng) {
  const int size_class = uniform(rng, 0, 9);
  const int n = size_class < 5 ? uniform(rng, 2, 8) : size_class < 8 ? uniform(rng, 9, 25) : uniform(rng, 26, 60);
  const int parts = uniform(rng, 1, 3);
  Network net;
  net.name = "random";
  const NodeKind kinds[] = {NodeKind::RailTerminal,   NodeKind::SeaPort,     NodeKind::DryPort,
                            NodeKind::BorderCrossing, NodeKind::GaugeChange, NodeKind::Junction};
  std::vector<int> part_of(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    Node node;
    node.id = "N" + std::to_string(i);
    node.name = node.id;
    node.country = "KZ";
    node.kind = kinds[uniform(rng, 0, 5)];
    node.dwell_hours = chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 72);
    node.transfer_hours = chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 48);
    node.allows_transfer = chance(rng, 0.15) ? !kind_allows_transfer(node.kind) : kind_allows_transfer(node.kind);
    if (!chance(rng, 0.3)) node.capacity_tpy = random_capacity(rng);
    if (chance(rng, 0.06)) node.status = Status::Closed;
    else if (chance(rng, 0.03)) node.status = Status::Planned;
    net.nodes.push_back(node);
    part_of[static_cast<std::size_t>(i)] = uniform(rng, 0, parts - 1);
  }
  if (n < 2) return net;
  const int m = uniform(rng, n / 2, 3 * n);
  const Mode modes[] = {Mode::Rail, Mode::Rail, Mode::Rail, Mode::Ferry, Mode::Road, Mode::Sea};
  const std::vector<std::vector<std::string>> tags = {{}, {"middle"}, {"middle"}, {"northern"}, {"shared"},
                                                      {"middle", "northern"}, {"sea"}};
  for (int j = 0; j < m; ++j) {
    Link link;
    if (j > 0 && chance(rng, 0.12)) {  // a parallel link: same ends, other figures
      link = net.links[static_cast<std::size_t>(uniform(rng, 0, j - 1))];
    } else {
      link.from = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
      do {
        link.to = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
      } while (link.to == link.from ||
               (part_of[link.to] != part_of[link.from] && !chance(rng, 0.05)));
      link.mode = modes[uniform(rng, 0, 5)];
    }
    link.id = "L" + std::to_string(j);
    link.distance_km = uniform_real(rng, 1, 3000);
    link.hours = uniform_real(rng, 0.5, 120);
    link.departures_per_week.reset();
    if (link.mode == Mode::Ferry || link.mode == Mode::Sea || chance(rng, 0.2))
      link.departures_per_week = uniform_real(rng, 0.5, 21);
    link.bidirectional = chance(rng, 0.7);
    link.capacity_tpy.reset();
    if (!chance(rng, 0.25)) link.capacity_tpy = random_capacity(rng);
    link.status = Status::Open;
    if (chance(rng, 0.08)) link.status = Status::Closed;
    else if (chance(rng, 0.04)) link.status = Status::Planned;
    link.corridors = tags[static_cast<std::size_t>(uniform(rng, 0, static_cast<int>(tags.size()) - 1))];
    net.links.push_back(link);
  }
  net.reindex();
  return net;
}

std::string describe(const Network& net) {
  std::ostringstream out;
  out.precision(17);
  for (const Node& n : net.nodes)
    out << "\n  node " << n.id << " " << to_string(n.kind) << " dwell=" << n.dwell_hours
        << " transfer=" << n.transfer_hours << " allows=" << n.allows_transfer
        << " cap=" << (n.capacity_tpy ? std::to_string(*n.capacity_tpy) : "-") << " " << to_string(n.status);
  for (const Link& l : net.links) {
    out << "\n  link " << l.id << " " << net.nodes[l.from].id << (l.bidirectional ? "<->" : "->")
        << net.nodes[l.to].id << " " << to_string(l.mode) << " km=" << l.distance_km << " h=" << l.hours
        << " dep=" << (l.departures_per_week ? std::to_string(*l.departures_per_week) : "-")
        << " cap=" << (l.capacity_tpy ? std::to_string(*l.capacity_tpy) : "-") << " " << to_string(l.status)
        << " tags=";
    for (const auto& t : l.corridors) out << t << ",";
  }
  return out.str();
}

struct Restriction {
  std::vector<std::string> corridors;
  Avoidance avoid;
};

Restriction random_restriction(Rng& rng, const Network& net) {
  Restriction r;
  const std::vector<std::vector<std::string>> filters = {{}, {}, {}, {"middle"}, {"northern", "sea"}, {"shared"}};
  r.corridors = filters[static_cast<std::size_t>(uniform(rng, 0, static_cast<int>(filters.size()) - 1))];
  if (chance(rng, 0.25)) r.avoid.nodes.push_back(static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1)));
  if (!net.links.empty() && chance(rng, 0.25))
    r.avoid.links.push_back(static_cast<LinkIndex>(uniform(rng, 0, static_cast<int>(net.links.size()) - 1)));
  return r;
}

std::string describe(const Network& net, const Restriction& r) {
  std::string out = "restriction: corridors";
  for (const auto& t : r.corridors) out += " " + t;
  out += "; avoid";
  for (NodeIndex n : r.avoid.nodes) out += " " + net.nodes[n].id;
  for (LinkIndex l : r.avoid.links) out += " " + net.links[l].id;
  return out;
}

// ---------------------------------------------------------------------------------------
// Routes: LEMON Dijkstra on a mode-expanded graph written here from docs/model.md.
//
// Unlike the solver, every node gets all four modes' vertices (unused ones stay isolated):
// a different graph with the same shortest-path distances.

class ReferenceRouter {
 public:
  ReferenceRouter(const Network& net, const Restriction& r, Objective by) : node_count_(net.nodes.size()) {
    // Passing through a node: dwell, plus transfer when the mode changes (where allowed).
    for (std::size_t v = 0; v < node_count_; ++v) {
      const Node& node = net.nodes[v];
      for (std::size_t in = 0; in < kModeCount; ++in)
        for (std::size_t out = 0; out < kModeCount; ++out) {
          if (in != out && !node.allows_transfer) continue;
          const double cost = by == Objective::Distance ? 0.0
                                                        : node.dwell_hours + (in != out ? node.transfer_hours : 0.0);
          arcs_.push_back({arrival(v, in), departure(v, out), cost});
        }
    }
    // Travelling a link: in-motion hours plus half the headway, or kilometres.
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!query_allows(net, l, r.corridors, r.avoid)) continue;
      const Link& link = net.links[l];
      const auto m = static_cast<std::size_t>(link.mode);
      const double cost = by == Objective::Distance
                              ? link.distance_km
                              : link.hours + (link.departures_per_week ? 168.0 / *link.departures_per_week / 2.0 : 0.0);
      arcs_.push_back({departure(link.from, m), arrival(link.to, m), cost});
      if (link.bidirectional) arcs_.push_back({departure(link.to, m), arrival(link.from, m), cost});
    }
  }

  /// Best cost from `origin` to every node (kInf when unreachable): the route leaves the
  /// origin by any mode at no cost and ends at the first arrival at the destination.
  std::vector<double> from(NodeIndex origin) const {
    std::vector<int> sources;
    for (std::size_t m = 0; m < kModeCount; ++m) sources.push_back(departure(origin, m));
    const std::vector<double> distance =
        lemon_reference::shortest_distances(static_cast<int>(2 * kModeCount * node_count_), arcs_, sources);
    std::vector<double> best(node_count_, kInf);
    for (std::size_t v = 0; v < node_count_; ++v)
      for (std::size_t m = 0; m < kModeCount; ++m) best[v] = std::min(best[v], distance[arrival(v, m)]);
    return best;
  }

 private:
  static int arrival(std::size_t node, std::size_t mode) { return static_cast<int>(2 * (node * kModeCount + mode)); }
  static int departure(std::size_t node, std::size_t mode) { return arrival(node, mode) + 1; }

  std::size_t node_count_;
  std::vector<lemon_reference::WeightedArc> arcs_;
};

// ---------------------------------------------------------------------------------------
// Flows: LEMON Preflow on a split-node graph written here from docs/model.md.

constexpr std::int64_t kLemonUnlimited = std::int64_t{1} << 50;  // far above any finite total here

/// Max flow by LEMON; >= kLemonUnlimited means a path without any finite capacity exists.
/// Also checks LEMON's own certificate: its minimum cut has the capacity of its flow.
std::int64_t reference_max_flow(const Network& net, const FlowQuery& query) {
  const int n = static_cast<int>(net.nodes.size());
  auto in = [](NodeIndex v) { return 2 * static_cast<int>(v); };
  auto out = [](NodeIndex v) { return 2 * static_cast<int>(v) + 1; };
  const int source = 2 * n, sink = 2 * n + 1;
  std::vector<lemon_reference::CapacityArc> arcs;
  // A node's throughput limit applies to everything passing it, sources and sinks included.
  for (NodeIndex v = 0; v < net.nodes.size(); ++v)
    if (net.nodes[v].status == Status::Open) arcs.push_back({in(v), out(v), net.nodes[v].capacity_tpy.value_or(kLemonUnlimited)});
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!query_allows(net, l, query.corridors, query.avoid)) continue;
    const Link& link = net.links[l];
    const std::int64_t c = link.capacity_tpy.value_or(kLemonUnlimited);  // per direction
    arcs.push_back({out(link.from), in(link.to), c});
    if (link.bidirectional) arcs.push_back({out(link.to), in(link.from), c});
  }
  for (NodeIndex s : query.sources) arcs.push_back({source, in(s), kLemonUnlimited});
  for (NodeIndex t : query.sinks) arcs.push_back({out(t), sink, kLemonUnlimited});
  const lemon_reference::MaxFlow flow = lemon_reference::max_flow(2 * n + 2, arcs, source, sink);
  CHECK(flow.cut_capacity == flow.value);
  return flow.value;
}

}  // namespace

TEST_CASE("crosscheck: fastest times and shortest distances equal LEMON Dijkstra") {
  const std::uint64_t seed = test_seed();
  const int networks = network_count();
  long compared = 0, found = 0, k_routes = 0;
  for (int k = 0; k < networks; ++k) {
    Rng rng(case_seed(seed, 1, k));
    const Network net = random_network(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " crosscheck route case " << k << describe(net));
    const solve::Router router(net);
    const Restriction restriction = chance(rng, 0.5) ? Restriction{} : random_restriction(rng, net);
    INFO(describe(net, restriction));
    // A few origins per network (all of them on small ones), every destination.
    std::vector<NodeIndex> origins;
    for (NodeIndex v = 0; v < net.nodes.size(); ++v) origins.push_back(v);
    std::shuffle(origins.begin(), origins.end(), rng);
    origins.resize(std::min<std::size_t>(origins.size(), 4));
    for (Objective by : {Objective::Time, Objective::Distance}) {
      const ReferenceRouter lemon(net, restriction, by);
      for (NodeIndex from : origins) {
        const std::vector<double> expected = lemon.from(from);
        for (NodeIndex to = 0; to < net.nodes.size(); ++to) {
          if (to == from) continue;
          RouteQuery query;
          query.from = from;
          query.to = to;
          query.by = by;
          query.corridors = restriction.corridors;
          query.avoid = restriction.avoid;
          // Every fourth destination asks for the 3 best loopless routes (Yen): the first must
          // still be LEMON's optimum and the others no better, in order.
          query.k = to % 4 == 0 ? 3 : 1;
          INFO("query " << net.nodes[from].id << " -> " << net.nodes[to].id << " by " << to_string(by) << " k "
                        << query.k);
          const RouteResult result = router.find_route(query);
          ++compared;
          REQUIRE(result.found() == (expected[to] < kInf));
          if (!result.found()) continue;
          ++found;
          REQUIRE(result.routes.size() <= static_cast<std::size_t>(query.k));
          double previous = 0.0;
          for (const Route& route : result.routes) {
            check_route(net, query, route);
            const double value = by == Objective::Time ? route.hours : route.distance_km;
            if (&route == &result.routes.front()) REQUIRE(close_enough(value, expected[to]));
            else CHECK((value >= previous || close_enough(value, previous)));
            previous = value;
          }
          k_routes += query.k > 1 ? static_cast<long>(result.routes.size()) : 0;
        }
      }
    }
  }
  MESSAGE("route queries compared with LEMON: " << compared << " on " << networks << " networks, " << found
                                                << " with a route; routes listed for k = 3: " << k_routes);
  CHECK(found > compared / 5);      // the generator gives the search something to do
  CHECK(found < compared * 9 / 10);  // ...and disconnected parts
}

TEST_CASE("crosscheck: max flow equals LEMON Preflow") {
  const std::uint64_t seed = test_seed();
  const int networks = network_count();
  int bounded = 0, unbounded = 0, positive = 0;
  for (int k = 0; k < networks; ++k) {
    Rng rng(case_seed(seed, 2, k));
    const Network net = random_network(rng);
    std::vector<NodeIndex> pool(net.nodes.size());
    for (NodeIndex i = 0; i < pool.size(); ++i) pool[i] = i;
    std::shuffle(pool.begin(), pool.end(), rng);
    const int max_terminals = std::max(1, static_cast<int>(pool.size()) / 2);
    FlowQuery query;
    const int source_count = uniform(rng, 1, std::min(3, max_terminals));
    const int sink_count = uniform(rng, 1, std::min(3, static_cast<int>(pool.size()) - source_count));
    query.sources.assign(pool.begin(), pool.begin() + source_count);
    query.sinks.assign(pool.begin() + source_count, pool.begin() + source_count + sink_count);
    if (chance(rng, 0.4)) {
      const Restriction r = random_restriction(rng, net);
      query.corridors = r.corridors;
      query.avoid = r.avoid;
    }
    INFO("CORRIDOR_TEST_SEED=" << seed << " crosscheck flow case " << k << describe(net));
    INFO(describe(net, Restriction{query.corridors, query.avoid}));
    INFO("sources " << query.sources.size() << " first " << net.nodes[query.sources[0]].id << ", sinks "
                    << query.sinks.size() << " first " << net.nodes[query.sinks[0]].id);

    const FlowResult result = solve::max_flow(net, query);
    check_flow(net, query, result);
    const std::int64_t expected = reference_max_flow(net, query);
    REQUIRE(result.unbounded == (expected >= kLemonUnlimited));
    if (result.unbounded) {
      ++unbounded;
      continue;
    }
    ++bounded;
    positive += result.max_flow_tpy > 0;
    REQUIRE(result.max_flow_tpy == expected);
  }
  MESSAGE("max flows compared with LEMON: " << bounded << " bounded (" << positive << " positive), " << unbounded
                                            << " unbounded");
  CHECK(positive > networks / 5);
  CHECK(unbounded > 0);
}
