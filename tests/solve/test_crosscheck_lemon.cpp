// Cross-checks of the solvers against an independent graph library, LEMON 1.3 (Debian
// liblemon-dev; used only here, never in corridor_core). On thousands of seeded random
// networks of varied size (parallel links, zero and unlimited capacities, disconnected parts,
// dwell, ferry waits, transfers, closed elements, one-way links, corridor filters, avoid lists):
//
// * fastest time, shortest distance, least cost, least CO2e and least generalized cost equal
//   LEMON's Dijkstra on a mode-expanded graph built here from docs/model.md (one arrival and
//   one departure vertex per node and mode, weights from the link and node fields), and with
//   --k 3 (Yen) the first route is that optimum and the others follow in order;
// * max flow equals LEMON's Preflow on a split-node graph built here from docs/model.md, and
//   "unbounded" agrees;
// * the demand assignment's total weight (GLPK) equals LEMON's NetworkSimplex on a
//   single-commodity graph built here from docs/capacity.md, for one OD pair, several origins
//   to one destination and one origin to several, demand below, at and above the max flow.
//
// Every result also passes its certificate (tests/support/invariants.hpp, capacity_checks.hpp).
// The random networks come from tests/support/random_network.hpp.
// CORRIDOR_CROSSCHECK_NETWORKS sets the number of networks per check (default below);
// CORRIDOR_TEST_SEED the seed. A failure prints both, the case number and the network.
//
// Demand assignment against NetworkSimplex: test_crosscheck_assignment.cpp; what both
// share: support/crosscheck_common.hpp.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "solve/assign.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/capacity_checks.hpp"
#include "support/crosscheck_common.hpp"
#include "support/invariants.hpp"
#include "support/lemon_reference.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;
using namespace corridor::test::crosscheck;

namespace {

// ---------------------------------------------------------------------------------------
// Routes: LEMON Dijkstra on a mode-expanded graph written here from docs/model.md.
//
// Unlike the solver, every node gets all four modes' vertices (unused ones stay isolated):
// a different graph with the same shortest-path distances.

class ReferenceRouter {
 public:
  ReferenceRouter(const Network& net, const Restriction& r, const Weigher& weigh) : node_count_(net.nodes.size()) {
    // Passing through a node (mode changes only where allowed).
    for (std::size_t v = 0; v < node_count_; ++v) {
      const Node& node = net.nodes[v];
      for (std::size_t in = 0; in < kModeCount; ++in)
        for (std::size_t out = 0; out < kModeCount; ++out) {
          if (in != out && !node.allows_transfer) continue;
          arcs_.push_back({arrival(v, in), departure(v, out), weigh(pass_figures(node, in != out))});
        }
    }
    // Travelling a link, in each allowed direction.
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!query_allows(net, l, r.corridors, r.avoid)) continue;
      const Link& link = net.links[l];
      const auto m = static_cast<std::size_t>(link.mode);
      const double cost = weigh(link_figures(net, link));
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

namespace {

/// Routes by each of `objectives` on `network_count()` networks of stream `stream`: from a
/// few origins to every destination, against LEMON's Dijkstra.
void crosscheck_routes(std::uint64_t stream, const std::vector<Objective>& objectives) {
  const std::uint64_t seed = test_seed();
  const int networks = network_count();
  long compared = 0, found = 0, k_routes = 0;
  for (int k = 0; k < networks; ++k) {
    Rng rng(case_seed(seed, stream, k));
    const Network net = varied_network(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " crosscheck route case " << k << " (stream " << stream << ")"
                               << describe(net));
    const solve::Router router(net);
    const Restriction restriction = chance(rng, 0.5) ? Restriction{} : random_restriction(rng, net);
    INFO(describe(net, restriction));
    // Generalized weights: often 0, else a value of time up to 50 USD/t/day and a carbon price
    // up to 200 USD/t CO2e.
    const double value_of_time = chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 50);
    const double carbon_price = chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 200);
    INFO("value of time " << value_of_time << ", carbon price " << carbon_price);
    // A few origins per network (all of them on small ones), every destination.
    std::vector<NodeIndex> origins;
    for (NodeIndex v = 0; v < net.nodes.size(); ++v) origins.push_back(v);
    std::shuffle(origins.begin(), origins.end(), rng);
    origins.resize(std::min<std::size_t>(origins.size(), 4));
    for (Objective by : objectives) {
      const ReferenceRouter lemon(net, restriction, Weigher{by, value_of_time, carbon_price, false});
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
          query.value_of_time_usd_per_t_day = value_of_time;
          query.carbon_price_usd_per_t_co2 = carbon_price;
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
            // The route's own totals give its objective value (docs/model.md, "Objectives").
            const Weigher totals{by, value_of_time, carbon_price, false};
            const double value = totals({route.hours, route.distance_km, route.cost_usd_per_t, route.co2_kg_per_t});
            CHECK(close_enough(route.objective_value, value));
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

}  // namespace

TEST_CASE("crosscheck: fastest times and shortest distances equal LEMON Dijkstra") {
  crosscheck_routes(1, {Objective::Time, Objective::Distance});
}

TEST_CASE("crosscheck: cheapest, lowest-CO2e and best generalized routes equal LEMON Dijkstra") {
  crosscheck_routes(4, {Objective::Cost, Objective::Co2, Objective::Generalized});
}

TEST_CASE("crosscheck: max flow equals LEMON Preflow") {
  const std::uint64_t seed = test_seed();
  const int networks = network_count();
  int bounded = 0, unbounded = 0, positive = 0;
  for (int k = 0; k < networks; ++k) {
    Rng rng(case_seed(seed, 2, k));
    const Network net = varied_network(rng);
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
