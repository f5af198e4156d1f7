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
#include "support/invariants.hpp"
#include "support/lemon_reference.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

constexpr int kDefaultNetworks = 2000;
constexpr double kInf = std::numeric_limits<double>::infinity();

int network_count() {
  if (const char* env = std::getenv("CORRIDOR_CROSSCHECK_NETWORKS"); env && *env) {
    try {
      return std::max(1, std::stoi(env));
    } catch (...) {
    }
  }
  return kDefaultNetworks;
}

/// A random network of 2..60 nodes (most small, some large) split into 1..3 parts (links
/// mostly stay inside a part, so some parts are disconnected), with continuous figures and
/// capacities from 0 to 500 Mt/yr.
Network varied_network(Rng& rng) {
  const int size_class = uniform(rng, 0, 9);
  const int n = size_class < 5 ? uniform(rng, 2, 8) : size_class < 8 ? uniform(rng, 9, 25) : uniform(rng, 26, 60);
  RandomNetworkShape shape;
  shape.min_nodes = shape.max_nodes = n;
  shape.max_parts = 3;
  shape.min_links_per_node = 0.5;
  shape.max_links_per_node = 3.0;
  shape.extra_links = 0;
  shape.exact_figures = false;
  shape.realistic_capacities = true;
  return random_network(rng, shape);
}

// ---------------------------------------------------------------------------------------
// Per-tonne figures of links and node passes, written here from docs/model.md ("Cost and CO2e
// of a route", "Objectives") and docs/capacity.md (assignment weights), not from src/model.

/// What passing one arc (a link, or a pass through a node) adds to a route, per tonne.
struct Figures {
  double hours = 0.0, km = 0.0, usd = 0.0, co2_kg = 0.0;
};

/// Mode defaults of docs/model.md, g CO2e per tonne-km.
double default_intensity(Mode mode) {
  switch (mode) {
    case Mode::Ferry: return 124.8;
    case Mode::Sea: return 8.04;
    case Mode::Rail: return 34.0;
    case Mode::Road: return 90.3;
  }
  return 0.0;
}

/// A link: in-motion hours plus half the headway; its tariff per t, or per TEU over the
/// network's tonnes per TEU, or 0; its distance x intensity / 1000.
Figures link_figures(const Network& net, const Link& link) {
  Figures f;
  f.hours = link.hours + (link.departures_per_week ? 168.0 / *link.departures_per_week / 2.0 : 0.0);
  f.km = link.distance_km;
  if (link.cost_usd_per_t) f.usd = *link.cost_usd_per_t;
  else if (link.cost_usd_per_teu && net.tonnes_per_teu) f.usd = *link.cost_usd_per_teu / *net.tonnes_per_teu;
  f.co2_kg = link.distance_km * link.co2_g_per_tkm.value_or(default_intensity(link.mode)) / 1000.0;
  return f;
}

/// A pass through a node: dwell, plus transfer on a mode change; handling where the cargo is
/// lifted (a mode change or a gauge-change node).
Figures pass_figures(const Node& node, bool mode_change) {
  Figures f;
  f.hours = node.dwell_hours + (mode_change ? node.transfer_hours : 0.0);
  if (mode_change || node.kind == NodeKind::GaugeChange) f.usd = node.handling_usd_per_t.value_or(0.0);
  return f;
}

/// One objective's weight of those figures. Routes: the table of docs/model.md. Assignments
/// (docs/capacity.md) add the tie-break of 1e-6 USD per hour to cost and generalized.
struct Weigher {
  Objective by = Objective::Time;
  double value_of_time_usd_per_t_day = 0.0;
  double carbon_price_usd_per_t_co2 = 0.0;
  bool assignment = false;
  double operator()(const Figures& f) const {
    const double tie_break = assignment ? 1e-6 * f.hours : 0.0;
    switch (by) {
      case Objective::Time: return f.hours;
      case Objective::Distance: return f.km;
      case Objective::Cost: return f.usd + tie_break;
      case Objective::Co2: return f.co2_kg;
      case Objective::Generalized:
        return f.usd + value_of_time_usd_per_t_day * f.hours / 24.0 + carbon_price_usd_per_t_co2 * f.co2_kg / 1000.0 +
               tie_break;
    }
    return f.hours;
  }
};

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

namespace {

// ---------------------------------------------------------------------------------------
// Demand assignment: LEMON NetworkSimplex on a single-commodity graph written here from
// docs/capacity.md and docs/model.md.
//
// One OD pair, several origins to one destination, and one origin to several destinations are
// single-commodity problems: a super source feeds each origin its demand (or one origin every
// destination's), a super sink takes each destination's, and a direct super source -> super
// sink arc at the unserved penalty carries what is left unserved. So LEMON's optimum is the
// exact optimum of corridor's multi-commodity LP. The graph is mode-expanded as routes are
// (arrival and departure vertices per node and mode; passing a node costs its pass weight,
// mode changes only where allowed; injection at the origin and absorption at the destination
// cost nothing), built independently of src/solve.
//
// A node capacity bounds the sum of every pass through the node plus what is injected or
// absorbed there. That sum is one arc of a single-commodity graph only if the node's passes
// can share one arc without losing anything: every arrival mode joins every departure mode at
// one weight ("pooled"). Nodes with a capacity that are not pooled are made so before the
// run (transfers allowed at no extra time or handling) or lose their capacity, both at random;
// both solvers see that same network.

constexpr std::size_t kVerticesPerNode = 2 * kModeCount + 2;  // arrivals, departures, hub in, hub out

struct PresentModes {
  std::vector<std::array<bool, kModeCount>> arrive, depart;
};

/// Modes by which an allowed link direction arrives at / departs from each node: the vertices
/// corridor's expanded graph has.
PresentModes present_modes(const Network& net, const Restriction& r) {
  PresentModes modes;
  modes.arrive.assign(net.nodes.size(), {false, false, false, false});
  modes.depart = modes.arrive;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!query_allows(net, l, r.corridors, r.avoid)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    modes.depart[link.from][m] = modes.arrive[link.to][m] = true;
    if (link.bidirectional) modes.depart[link.to][m] = modes.arrive[link.from][m] = true;
  }
  return modes;
}

struct Pass {
  std::size_t in = 0, out = 0;
  double weight = 0.0;
};

/// The passes through node `v`: present arrival mode -> present departure mode, changes only
/// where allowed.
std::vector<Pass> passes_at(const Network& net, const PresentModes& modes, NodeIndex v, const Weigher& weigh) {
  std::vector<Pass> passes;
  for (std::size_t in = 0; in < kModeCount; ++in)
    for (std::size_t out = 0; out < kModeCount; ++out)
      if (modes.arrive[v][in] && modes.depart[v][out] && (in == out || net.nodes[v].allows_transfer))
        passes.push_back({in, out, weigh(pass_figures(net.nodes[v], in != out))});
  return passes;
}

bool pooled(const Network& net, const PresentModes& modes, NodeIndex v, const Weigher& weigh) {
  const std::vector<Pass> passes = passes_at(net, modes, v, weigh);
  std::size_t arrive = 0, depart = 0;
  for (std::size_t m = 0; m < kModeCount; ++m) {
    arrive += modes.arrive[v][m];
    depart += modes.depart[v][m];
  }
  if (passes.size() != arrive * depart) return false;
  for (const Pass& p : passes)
    if (p.weight != passes.front().weight) return false;
  return true;
}

struct ReferenceAssignment {
  lemon_reference::MinCostFlow flow;
  std::int64_t max_flow = 0;  ///< >= kLemonUnlimited: unlimited
  double default_penalty = 0.0;
  std::size_t unserved_arc = 0;
};

/// Builds the single-commodity graph of `query` (one origin or one destination) and solves it
/// with LEMON. `demand` is in query order; `penalty` empty = measure only the max flow.
ReferenceAssignment reference_assignment(const Network& net, const Restriction& r, const Weigher& weigh,
                                         const std::vector<OdDemand>& demand, std::optional<double> penalty) {
  const std::size_t n = net.nodes.size();
  auto arrival = [](NodeIndex v, std::size_t m) { return static_cast<int>(kVerticesPerNode * v + m); };
  auto departure = [](NodeIndex v, std::size_t m) { return static_cast<int>(kVerticesPerNode * v + kModeCount + m); };
  auto hub_in = [](NodeIndex v) { return static_cast<int>(kVerticesPerNode * v + 2 * kModeCount); };
  auto hub_out = [](NodeIndex v) { return static_cast<int>(kVerticesPerNode * v + 2 * kModeCount + 1); };
  const int source = static_cast<int>(kVerticesPerNode * n), sink = source + 1;
  int vertex_count = sink + 1;
  std::vector<NodeIndex> origins, destinations;
  for (const OdDemand& od : demand) {
    if (std::find(origins.begin(), origins.end(), od.from) == origins.end()) origins.push_back(od.from);
    if (std::find(destinations.begin(), destinations.end(), od.to) == destinations.end()) destinations.push_back(od.to);
  }
  REQUIRE((origins.size() == 1 || destinations.size() == 1));  // a single-commodity problem

  ReferenceAssignment reference;
  std::vector<lemon_reference::CostArc> arcs;
  const PresentModes modes = present_modes(net, r);
  double weight_sum = 0.0;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!query_allows(net, l, r.corridors, r.avoid)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    const std::int64_t capacity = link.capacity_tpy ? *link.capacity_tpy : -1;  // per direction
    const double w = weigh(link_figures(net, link));
    arcs.push_back({departure(link.from, m), arrival(link.to, m), capacity, w});
    weight_sum += w;
    if (link.bidirectional) {
      arcs.push_back({departure(link.to, m), arrival(link.from, m), capacity, w});
      weight_sum += w;
    }
  }
  // Terminal vertices: per origin, what the super source may feed it; per destination, what
  // it may pass to the super sink.
  std::vector<int> feed(n, -1), drain(n, -1);
  for (NodeIndex o : origins) feed[o] = vertex_count++;
  for (NodeIndex t : destinations) drain[t] = vertex_count++;
  for (NodeIndex v = 0; v < n; ++v) {
    const std::vector<Pass> passes = passes_at(net, modes, v, weigh);
    for (const Pass& p : passes) weight_sum += p.weight;
    const bool is_origin = feed[v] >= 0;
    if (!net.nodes[v].capacity_tpy) {
      for (const Pass& p : passes) arcs.push_back({arrival(v, p.in), departure(v, p.out), -1, p.weight});
      for (std::size_t m = 0; m < kModeCount; ++m) {
        if (is_origin && modes.depart[v][m]) arcs.push_back({feed[v], departure(v, m), -1, 0.0});
        if (drain[v] >= 0 && modes.arrive[v][m]) arcs.push_back({arrival(v, m), drain[v], -1, 0.0});
      }
      continue;
    }
    // A capacity: every pass, injection and absorption goes through hub in -> hub out. The pass
    // weight is paid before the hub at an origin (injection is free) and after it elsewhere
    // (absorption at a destination is free); origins and destinations are distinct.
    REQUIRE(pooled(net, modes, v, weigh));
    const double w = passes.empty() ? 0.0 : passes.front().weight;
    arcs.push_back({hub_in(v), hub_out(v), *net.nodes[v].capacity_tpy, 0.0});
    for (std::size_t m = 0; m < kModeCount; ++m) {
      if (modes.arrive[v][m]) arcs.push_back({arrival(v, m), hub_in(v), -1, is_origin ? w : 0.0});
      if (modes.depart[v][m]) arcs.push_back({hub_out(v), departure(v, m), -1, is_origin ? 0.0 : w});
    }
    if (is_origin) arcs.push_back({feed[v], hub_in(v), -1, 0.0});
    if (drain[v] >= 0) arcs.push_back({hub_out(v), drain[v], -1, 0.0});
  }
  reference.default_penalty = weight_sum + 1.0;

  // The max flow from the origins to the destinations, whatever the demand.
  {
    std::vector<lemon_reference::CapacityArc> capacities;
    for (const auto& a : arcs) capacities.push_back({a.from, a.to, a.capacity < 0 ? kLemonUnlimited : a.capacity});
    for (NodeIndex o : origins) capacities.push_back({source, feed[o], kLemonUnlimited});
    for (NodeIndex t : destinations) capacities.push_back({drain[t], sink, kLemonUnlimited});
    const lemon_reference::MaxFlow max_flow = lemon_reference::max_flow(vertex_count, capacities, source, sink);
    CHECK(max_flow.cut_capacity == max_flow.value);
    reference.max_flow = max_flow.value;
  }
  if (!penalty) return reference;

  std::int64_t total = 0;
  for (const OdDemand& od : demand) {
    const auto tonnes = static_cast<std::int64_t>(od.tonnes_per_year);
    total += tonnes;
    if (origins.size() == 1) arcs.push_back({drain[od.to], sink, tonnes, 0.0});
    else arcs.push_back({source, feed[od.from], tonnes, 0.0});
  }
  if (origins.size() == 1) arcs.push_back({source, feed[origins.front()], -1, 0.0});
  else arcs.push_back({drain[destinations.front()], sink, -1, 0.0});
  reference.unserved_arc = arcs.size();
  arcs.push_back({source, sink, -1, *penalty});
  reference.flow = lemon_reference::min_cost_flow(vertex_count, arcs, source, sink, total);
  if (!reference.flow.optimal) return reference;
  // LEMON's flow is a flow: within capacities, conserved, `total` from source to sink, and
  // its cost is what it says.
  std::vector<std::int64_t> balance(static_cast<std::size_t>(vertex_count), 0);
  double cost = 0.0;
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const std::int64_t f = reference.flow.flow[a];
    CHECK(f >= 0);
    if (arcs[a].capacity >= 0) CHECK(f <= arcs[a].capacity);
    balance[static_cast<std::size_t>(arcs[a].from)] -= f;
    balance[static_cast<std::size_t>(arcs[a].to)] += f;
    cost += static_cast<double>(f) * arcs[a].cost;
  }
  for (int v = 0; v < vertex_count; ++v)
    CHECK(balance[static_cast<std::size_t>(v)] == (v == source ? -total : v == sink ? total : 0));
  CHECK(close_enough(cost, reference.flow.cost));
  return reference;
}

}  // namespace

TEST_CASE("crosscheck: demand assignment costs equal LEMON NetworkSimplex") {
  const std::uint64_t seed = test_seed();
  const int networks = network_count();
  int compared = 0, with_unserved = 0, fully_served = 0, served_some = 0, with_capacity_pooled = 0;
  std::array<int, 3> by_shape{}, by_level{};
  for (int k = 0; k < networks; ++k) {
    Rng rng(case_seed(seed, 5, k));
    Network net = varied_network(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " crosscheck assignment case " << k);
    const Restriction restriction = chance(rng, 0.5) ? Restriction{} : random_restriction(rng, net);
    const AssignObjective by = pick(rng, std::vector<AssignObjective>{AssignObjective::Time, AssignObjective::Cost,
                                                                     AssignObjective::Generalized});
    const Objective route_objective = by == AssignObjective::Time ? Objective::Time
                                      : by == AssignObjective::Cost ? Objective::Cost
                                                                    : Objective::Generalized;
    const Weigher weigh{route_objective, chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 50),
                        chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 200), true};
    // Capacities only where a single-commodity graph can hold them exactly (see above).
    const PresentModes modes = present_modes(net, restriction);
    for (NodeIndex v = 0; v < net.nodes.size(); ++v) {
      Node& node = net.nodes[v];
      if (!node.capacity_tpy || pooled(net, modes, v, weigh)) continue;
      if (chance(rng, 0.5)) {
        node.capacity_tpy.reset();
        continue;
      }
      node.allows_transfer = true;
      node.transfer_hours = 0.0;
      node.handling_usd_per_t.reset();
      ++with_capacity_pooled;
    }
    INFO(describe(net));
    INFO(describe(net, restriction));

    // Terminals: one OD pair, 2-3 origins to one destination, or one origin to 2-3 destinations.
    // Random terminals are often disconnected: mostly, draw again (up to 20 times) until some
    // flow is possible.
    const int shape = net.nodes.size() < 3 ? 0 : uniform(rng, 0, 2);
    const bool want_flow = chance(rng, 0.85);
    std::vector<OdDemand> demand;
    std::int64_t max_flow = 0;
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::vector<NodeIndex> pool(net.nodes.size());
      for (NodeIndex i = 0; i < pool.size(); ++i) pool[i] = i;
      std::shuffle(pool.begin(), pool.end(), rng);
      const int many = std::min(uniform(rng, 2, 3), static_cast<int>(pool.size()) - 1);
      const int origin_count = shape == 1 ? many : 1, destination_count = shape == 2 ? many : 1;
      demand.clear();
      for (int i = 0; i < std::max(origin_count, destination_count); ++i)
        demand.push_back({pool[static_cast<std::size_t>(origin_count == 1 ? 0 : i)],
                          pool[static_cast<std::size_t>(origin_count == 1 ? 1 + i : origin_count)], 0.0});
      max_flow = reference_assignment(net, restriction, weigh, demand, std::nullopt).max_flow;
      if (max_flow > 0 || !want_flow) break;
    }
    ++by_shape[static_cast<std::size_t>(shape)];

    // Demand below, equal to or above the max flow, split at random between the OD pairs.
    const int level = uniform(rng, 0, 2);
    ++by_level[static_cast<std::size_t>(level)];
    std::int64_t total = 0;
    if (max_flow >= kLemonUnlimited) total = std::uniform_int_distribution<std::int64_t>(1, 2'000'000'000)(rng);
    else if (level == 0) total = max_flow > 0 ? std::uniform_int_distribution<std::int64_t>(0, max_flow - 1)(rng) : 0;
    else if (level == 1) total = max_flow;
    else total = max_flow + std::uniform_int_distribution<std::int64_t>(1, max_flow + 100)(rng);
    total = std::max<std::int64_t>(total, static_cast<std::int64_t>(demand.size()));
    std::int64_t left = total;
    for (std::size_t i = 0; i < demand.size(); ++i) {
      const std::int64_t share =
          i + 1 == demand.size()
              ? left
              : std::uniform_int_distribution<std::int64_t>(1, left - static_cast<std::int64_t>(demand.size() - i - 1))(rng);
      demand[i].tonnes_per_year = static_cast<double>(share);
      left -= share;
    }

    AssignQuery query;
    query.max_detour = std::nullopt;  // LEMON's min-cost flow knows no detour bound
    query.demand = demand;
    query.weights = {by, weigh.value_of_time_usd_per_t_day, weigh.carbon_price_usd_per_t_co2};
    query.corridors = restriction.corridors;
    query.avoid = restriction.avoid;
    // The default penalty (more than any path weighs), or one that may undercut some paths.
    const bool default_penalty = chance(rng, 0.5);
    const double expected_penalty = reference_assignment(net, restriction, weigh, demand, std::nullopt).default_penalty;
    if (!default_penalty) query.unserved_penalty_per_t = expected_penalty * pick(rng, std::vector<double>{1e-3, 1e-2, 0.1, 0.5}) * uniform_real(rng, 0, 1);
    const double penalty = query.unserved_penalty_per_t.value_or(expected_penalty);
    INFO("by " << to_string(by) << " value of time " << weigh.value_of_time_usd_per_t_day << " carbon price "
               << weigh.carbon_price_usd_per_t_co2 << " penalty " << penalty << " max flow " << max_flow);
    std::ostringstream demand_text;
    for (const OdDemand& od : demand)
      demand_text << " " << net.nodes[od.from].id << "->" << net.nodes[od.to].id << ":" << od.tonnes_per_year;
    INFO("demand" << demand_text.str());

    // Both methods (solve/assign.hpp): the arc LP and the column generation on paths.
    const auto method = k % 2 == 0 ? solve::AssignMethod::ColumnGeneration : solve::AssignMethod::ArcLp;
    INFO("method " << (k % 2 == 0 ? "column generation" : "arc LP"));
    const AssignResult result = solve::assign_demand(net, query, method);
    check_assignment(net, query, result);
    const ReferenceAssignment lemon = reference_assignment(net, restriction, weigh, demand, penalty);
    REQUIRE(lemon.flow.optimal);
    INFO("corridor: objective " << result.objective << ", served " << result.served_tpy << ", penalty "
                                << result.unserved_penalty_per_t << "; LEMON: cost " << lemon.flow.cost << ", unserved "
                                << lemon.flow.flow[lemon.unserved_arc]);
    ++compared;
    // GLPK's simplex and LEMON's both sum doubles; GLPK also accepts a solution within its
    // feasibility and optimality tolerances (1e-7, relative, in its scaled units).
    REQUIRE(close_enough(result.objective, lemon.flow.cost, 1e-7));
    const auto unserved = static_cast<double>(lemon.flow.flow[lemon.unserved_arc]);
    if (default_penalty) {
      CHECK(close_enough(result.unserved_penalty_per_t, expected_penalty));
      // Above every path's weight, the penalty makes the served tonnes unique: the max flow.
      CHECK(std::fabs(result.served_tpy - (static_cast<double>(total) - unserved)) <= 1e-7 * static_cast<double>(total));
    }
    with_unserved += unserved > 0;
    fully_served += unserved == 0;
    served_some += unserved < static_cast<double>(total);
  }
  MESSAGE("assignments compared with LEMON: " << compared << " (one pair " << by_shape[0] << ", many origins "
                                              << by_shape[1] << ", many destinations " << by_shape[2]
                                              << "; demand below / at / above max flow " << by_level[0] << " / "
                                              << by_level[1] << " / " << by_level[2] << "), " << with_unserved
                                              << " with unserved demand, " << served_some << " serving some, "
                                              << fully_served << " serving all; capacity nodes pooled: "
                                              << with_capacity_pooled);
  CHECK(with_unserved > networks / 5);
  CHECK(served_some > networks / 3);
  CHECK(fully_served > networks / 10);
}
