// Capacity analyses: demand assignment against two independent formulations (Boost's
// successive shortest paths for one OD pair, a path-based LP over brute-force enumerated
// paths for several) and the routing cost model, on seeded random networks. Hand-built
// cases, criticality and upgrades: test_capacity_cases.cpp.
//
// The seed is fixed by default; set CORRIDOR_TEST_SEED to explore others.

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
// find_flow_cost.hpp only compiles after the SSP header (toolchain notes, pitfall 1).
#include <boost/graph/find_flow_cost.hpp>
#include <doctest/doctest.h>
#include <glpk.h>

#include "model/cost.hpp"
#include "solve/assign.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/assign_query.hpp"
#include "support/builders.hpp"
#include "support/capacity_checks.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// Per-tonne hours of a link and of passing a node, written from docs/model.md (not from the
/// solver): in-motion hours plus half the headway; dwell, plus transfer when the mode changes.
double link_hours(const Link& link) {
  return link.hours + (link.departures_per_week ? 84.0 / *link.departures_per_week : 0.0);
}

/// A random small network; `modes` > 1 mixes rail and ferry (transfers where allowed).
Network random_capacity_network(Rng& rng, int nodes, int links, int modes) {
  Network net;
  net.name = "random";
  for (int i = 0; i < nodes; ++i) {
    Node node;
    node.id = "N" + std::to_string(i);
    node.name = node.id;
    node.country = "KZ";
    node.kind = chance(rng, 0.5) ? NodeKind::SeaPort : NodeKind::Junction;
    node.dwell_hours = uniform(rng, 0, 20) * 0.5;
    node.transfer_hours = uniform(rng, 0, 20) * 0.5;
    node.allows_transfer = chance(rng, 0.6);
    if (chance(rng, 0.4)) node.capacity_tpy = uniform(rng, 5, 40);
    if (chance(rng, 0.05)) node.status = Status::Closed;
    net.nodes.push_back(node);
  }
  for (int j = 0; j < links; ++j) {
    Link link;
    link.id = "L" + std::to_string(j);
    link.from = static_cast<NodeIndex>(uniform(rng, 0, nodes - 1));
    do link.to = static_cast<NodeIndex>(uniform(rng, 0, nodes - 1));
    while (link.to == link.from);
    link.mode = modes > 1 && chance(rng, 0.4) ? Mode::Ferry : Mode::Rail;
    link.distance_km = 100;
    link.hours = uniform(rng, 1, 40) * 0.5;
    // Headways whose half (84 / departures) is a whole number of hours: exact integer weights
    // for the SSP cross-check.
    const int departures[] = {1, 2, 3, 4, 6, 7, 12, 14};
    if (chance(rng, 0.3)) link.departures_per_week = departures[uniform(rng, 0, 7)];
    link.bidirectional = chance(rng, 0.7);
    if (chance(rng, 0.7)) link.capacity_tpy = uniform(rng, 3, 30);
    if (chance(rng, 0.05)) link.status = Status::Closed;
    link.corridors = {"middle"};
    net.links.push_back(link);
  }
  net.reindex();
  return net;
}

std::string describe_network(const Network& net) {
  std::ostringstream out;
  for (const Node& n : net.nodes)
    out << "\n  node " << n.id << " dwell=" << n.dwell_hours << " transfer=" << n.transfer_hours
        << " allows=" << n.allows_transfer << " cap=" << (n.capacity_tpy ? std::to_string(*n.capacity_tpy) : "-")
        << " " << to_string(n.status);
  for (const Link& l : net.links)
    out << "\n  link " << l.id << " " << net.nodes[l.from].id << (l.bidirectional ? "<->" : "->") << net.nodes[l.to].id
        << " " << to_string(l.mode) << " h=" << link_hours(l)
        << " cap=" << (l.capacity_tpy ? std::to_string(*l.capacity_tpy) : "-") << " " << to_string(l.status);
  return out.str();
}

// ------------------------------------------------------------------ formulation 1: Boost SSP

/// Min-cost flow of one OD pair on a single-mode network with Boost's successive shortest
/// paths: node-split graph (dwell on the node arc of transit nodes), plus an S->T arc at the
/// unserved penalty, so the flow value is always the demand. Returns the total cost.
/// Weights are whole half-hours held in doubles: Boost's SSP rejects the tiny negative reduced
/// costs that rounding leaves with fractional weights, and with integer types its infinite
/// distances overflow (UBSan).
double ssp_cost(const Network& net, NodeIndex origin, NodeIndex destination, long demand, double penalty) {
  using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  struct Arc {
    long capacity = 0, residual = 0;
    double weight = 0;  // whole numbers: exact sums, so no negative reduced cost from rounding
    Traits::edge_descriptor reverse;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Arc>;
  const auto n = net.nodes.size();
  Graph g(2 * n + 3);
  const auto root = 2 * n, source = 2 * n + 1, sink = 2 * n + 2;
  const long big = 1'000'000;
  auto add = [&](std::size_t u, std::size_t v, long capacity, double hours) {
    const double weight = std::round(2 * hours);
    REQUIRE(std::fabs(2 * hours - weight) < 1e-9);
    auto a = boost::add_edge(u, v, g).first;
    auto r = boost::add_edge(v, u, g).first;
    g[a].capacity = capacity;
    g[a].weight = weight;
    g[r].capacity = 0;
    g[r].weight = -weight;
    g[a].reverse = r;
    g[r].reverse = a;
  };
  for (NodeIndex i = 0; i < n; ++i) {
    const Node& node = net.nodes[i];
    if (!node.is_open()) continue;
    const bool terminal = i == origin || i == destination;
    add(2 * i, 2 * i + 1, node.capacity_tpy.value_or(big), terminal ? 0.0 : node.dwell_hours);
  }
  for (const Link& link : net.links) {
    if (link.status != Status::Open || !net.nodes[link.from].is_open() || !net.nodes[link.to].is_open()) continue;
    add(2 * link.from + 1, 2 * link.to, link.capacity_tpy.value_or(big), link_hours(link));
    if (link.bidirectional) add(2 * link.to + 1, 2 * link.from, link.capacity_tpy.value_or(big), link_hours(link));
  }
  add(root, source, demand, 0.0);
  add(source, 2 * origin, demand, 0.0);
  add(source, sink, demand, penalty);
  add(2 * destination + 1, sink, demand, 0.0);
  boost::successive_shortest_path_nonnegative_weights(
      g, root, sink,
      boost::capacity_map(get(&Arc::capacity, g))
          .residual_capacity_map(get(&Arc::residual, g))
          .weight_map(get(&Arc::weight, g))
          .reverse_edge_map(get(&Arc::reverse, g)));
  return boost::find_flow_cost(g, get(&Arc::capacity, g), get(&Arc::residual, g), get(&Arc::weight, g)) / 2;
}

// ------------------------------------------------------------------ formulation 2: path LP

struct EnumeratedPath {
  std::vector<LinkIndex> links;
  std::vector<NodeIndex> nodes;
  std::vector<std::pair<LinkIndex, NodeIndex>> directions;  // (link, from)
  double hours = 0;
};

/// Every path from `from` to `to` over open links in allowed directions that changes mode
/// only where transfers are allowed (brute force). A node may be entered once per mode (a
/// detour to change mode where it is allowed is a real route), so these are the simple
/// paths of the mode-expanded network of docs/model.md.
std::vector<EnumeratedPath> all_paths(const Network& net, NodeIndex from, NodeIndex to) {
  std::vector<EnumeratedPath> paths;
  EnumeratedPath current;
  current.nodes = {from};
  std::vector<std::array<char, kModeCount>> visited(net.nodes.size(), std::array<char, kModeCount>{});
  std::function<void(NodeIndex)> walk = [&](NodeIndex at) {
    if (at == to) {
      EnumeratedPath done = current;
      done.hours = solve::make_route(net, from, done.links).hours;  // the route model's time
      paths.push_back(done);
      return;
    }
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      const Link& link = net.links[l];
      if (link.status != Status::Open) continue;
      NodeIndex next;
      if (link.from == at) next = link.to;
      else if (link.bidirectional && link.to == at) next = link.from;
      else continue;
      const auto mode = static_cast<std::size_t>(link.mode);
      if (visited[next][mode] || !net.nodes[next].is_open()) continue;
      if (!current.links.empty() && net.links[current.links.back()].mode != link.mode && !net.nodes[at].allows_transfer)
        continue;
      visited[next][mode] = 1;
      current.links.push_back(l);
      current.nodes.push_back(next);
      current.directions.push_back({l, at});
      walk(next);
      current.links.pop_back();
      current.nodes.pop_back();
      current.directions.pop_back();
      visited[next][mode] = 0;
    }
  };
  if (net.nodes[from].is_open()) walk(from);
  return paths;
}

/// Minimum total weight over path flows (GLPK, written independently of src/solve/assign).
double path_lp_cost(const Network& net, const std::vector<OdDemand>& demand, double penalty) {
  std::unique_ptr<glp_prob, void (*)(glp_prob*)> lp(glp_create_prob(), glp_delete_prob);
  glp_set_obj_dir(lp.get(), GLP_MIN);
  std::map<std::pair<LinkIndex, NodeIndex>, int> link_rows;
  std::map<NodeIndex, int> node_rows;
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  const int demand_rows = glp_add_rows(lp.get(), static_cast<int>(demand.size()));
  for (std::size_t k = 0; k < demand.size(); ++k)
    glp_set_row_bnds(lp.get(), demand_rows + static_cast<int>(k), GLP_FX, demand[k].tonnes_per_year,
                     demand[k].tonnes_per_year);
  auto link_row = [&](std::pair<LinkIndex, NodeIndex> key) {
    if (!net.links[key.first].capacity_tpy) return 0;
    auto [it, inserted] = link_rows.emplace(key, 0);
    if (inserted) {
      it->second = glp_add_rows(lp.get(), 1);
      glp_set_row_bnds(lp.get(), it->second, GLP_UP, 0, static_cast<double>(*net.links[key.first].capacity_tpy));
    }
    return it->second;
  };
  auto node_row = [&](NodeIndex n) {
    if (!net.nodes[n].capacity_tpy) return 0;
    auto [it, inserted] = node_rows.emplace(n, 0);
    if (inserted) {
      it->second = glp_add_rows(lp.get(), 1);
      glp_set_row_bnds(lp.get(), it->second, GLP_UP, 0, static_cast<double>(*net.nodes[n].capacity_tpy));
    }
    return it->second;
  };
  for (std::size_t k = 0; k < demand.size(); ++k) {
    for (const EnumeratedPath& path : all_paths(net, demand[k].from, demand[k].to)) {
      const int j = glp_add_cols(lp.get(), 1);
      glp_set_col_bnds(lp.get(), j, GLP_LO, 0, 0);
      glp_set_obj_coef(lp.get(), j, path.hours);
      std::map<int, double> column{{demand_rows + static_cast<int>(k), 1.0}};  // a node visited twice counts twice
      for (const auto& direction : path.directions)
        if (int r = link_row(direction)) column[r] += 1;
      for (NodeIndex n : path.nodes)
        if (int r = node_row(n)) column[r] += 1;
      for (const auto& [r, value] : column) {
        ia.push_back(r);
        ja.push_back(j);
        ar.push_back(value);
      }
    }
    const int u = glp_add_cols(lp.get(), 1);
    glp_set_col_bnds(lp.get(), u, GLP_LO, 0, 0);
    glp_set_obj_coef(lp.get(), u, penalty);
    ia.push_back(demand_rows + static_cast<int>(k));
    ja.push_back(u);
    ar.push_back(1);
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  REQUIRE(glp_simplex(lp.get(), &parameters) == 0);
  REQUIRE(glp_get_status(lp.get()) == GLP_OPT);
  return glp_get_obj_val(lp.get());
}

bool close_cost(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

/// 1-3 OD pairs between distinct random nodes, 1-30 t each.
std::vector<OdDemand> random_od_demand(Rng& rng, const Network& net) {
  std::vector<OdDemand> demand;
  const int pairs = uniform(rng, 1, 3);
  for (int k = 0; k < pairs; ++k) {
    const auto from = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
    NodeIndex to;
    do to = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
    while (to == from);
    demand.push_back({from, to, static_cast<double>(uniform(rng, 1, 30))});
  }
  return demand;
}

}  // namespace

TEST_CASE("assign: one OD pair costs what Boost's successive shortest paths cost (random networks)") {
  const std::uint64_t seed = test_seed();
  int served_somewhere = 0, partly_unserved = 0;
  for (int c = 0; c < 300; ++c) {
    Rng rng(case_seed(seed, 0, c));
    const Network net = random_capacity_network(rng, uniform(rng, 3, 8), uniform(rng, 3, 14), 1);
    const auto from = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
    NodeIndex to;
    do to = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
    while (to == from);
    const long demand = uniform(rng, 1, 40);
    const double penalty = 5000.0;
    INFO("seed " << seed << " case " << c << describe_network(net));
    CAPTURE(from);
    CAPTURE(to);
    CAPTURE(demand);
    const AssignQuery query = assign_query({{from, to, static_cast<double>(demand)}}, penalty);
    const AssignResult result = solve::assign_demand(net, query);
    check_assignment(net, query, result);
    CHECK(close_cost(result.objective, ssp_cost(net, from, to, demand, penalty)));
    served_somewhere += result.served_tpy > 0;
    partly_unserved += result.unserved_tpy > 0 && result.served_tpy > 0;
  }
  // The generator must produce both kinds of case, or the comparison proves little.
  CHECK(served_somewhere > 100);
  CHECK(partly_unserved > 10);
}

TEST_CASE("assign: several OD pairs cost what a path LP over all enumerated paths costs (random networks)") {
  const std::uint64_t seed = test_seed();
  int with_transfers = 0;
  for (int c = 0; c < 300; ++c) {
    Rng rng(case_seed(seed ^ 0xA55A, 0, c));
    const Network net = random_capacity_network(rng, uniform(rng, 3, 6), uniform(rng, 3, 9), 2);
    const std::vector<OdDemand> demand = random_od_demand(rng, net);
    const double penalty = 5000.0;
    INFO("seed " << seed << " case " << c << describe_network(net));
    for (const OdDemand& od : demand) INFO("demand N" << od.from << " -> N" << od.to << ": " << od.tonnes_per_year);
    const AssignQuery query = assign_query(demand, penalty);
    const AssignResult result = solve::assign_demand(net, query);
    check_assignment(net, query, result);
    CHECK(close_cost(result.objective, path_lp_cost(net, demand, penalty)));
    // Every path's per-tonne weight is the route model's time for that path.
    for (const OdAssignment& od : result.ods)
      for (const OdPath& path : od.paths) {
        CHECK(close_cost(path.weight_per_t, path.hours));
        for (std::size_t i = 1; i < path.links.size(); ++i)
          with_transfers += net.links[path.links[i]].mode != net.links[path.links[i - 1]].mode;
      }
  }
  CHECK(with_transfers > 10);
}

TEST_CASE("assign: every marginal value is a subgradient of the optimum in that capacity (random networks)") {
  // The optimum V is convex in each capacity c, and a correct marginal value m (row dual or,
  // for a capacity only one column uses, that column's reduced cost) satisfies, for any valid
  // dual solution among several: V(c + 1) >= V(c) - m and V(c - 1) >= V(c) + m. A link's
  // capacity holds per direction, so one more tonne of it is worth at most both directions' sum.
  const std::uint64_t seed = test_seed();
  int priced = 0;
  for (int c = 0; c < 200; ++c) {
    Rng rng(case_seed(seed ^ 0x5D0A1, 0, c));
    const Network net = random_capacity_network(rng, uniform(rng, 3, 6), uniform(rng, 3, 9), c % 2 + 1);
    const std::vector<OdDemand> demand = random_od_demand(rng, net);
    INFO("seed " << seed << " case " << c << describe_network(net));
    for (const OdDemand& od : demand) INFO("demand N" << od.from << " -> N" << od.to << ": " << od.tonnes_per_year);
    const AssignQuery query = assign_query(demand, 5000.0);
    const AssignResult result = solve::assign_demand(net, query);
    REQUIRE(result.solved);
    std::map<std::pair<CutElement::Type, std::uint32_t>, double> marginal;  // per link (both directions) or node
    for (const CapacityLoad& load : result.loads) marginal[{load.type, load.index}] += load.marginal_value_per_t;
    for (const auto& entry : marginal) {
      const auto& element = entry.first;  // not a structured binding: clang 14 cannot capture one
      const auto& value = entry.second;
      Network changed = net;
      PackedOptional<TonnesPerYear>& capacity = element.first == CutElement::Type::Link
                                                   ? changed.links[element.second].capacity_tpy
                                                   : changed.nodes[element.second].capacity_tpy;
      if (!capacity) continue;
      const TonnesPerYear original = *capacity;
      CAPTURE(element.second);
      CAPTURE(value);
      priced += value > 0;
      capacity = original + 1;
      const double more = solve::assign_demand(changed, query).objective;
      CHECK(more >= result.objective - value - 1e-6 * std::max(1.0, result.objective));
      if (original >= 1) {
        capacity = original - 1;
        const double less = solve::assign_demand(changed, query).objective;
        CHECK(less >= result.objective + value - 1e-6 * std::max(1.0, result.objective));
      }
    }
  }
  CHECK(priced > 20);  // enough priced capacities for the check to mean something
}

TEST_CASE("assign: by cost and by generalized cost, paths weigh what the routing cost model says") {
  const std::uint64_t seed = test_seed();
  int compared = 0;
  for (int c = 0; c < 200; ++c) {
    Rng rng(case_seed(seed ^ 0xC057, 0, c));
    Network net = random_capacity_network(rng, uniform(rng, 3, 7), uniform(rng, 3, 12), 2);
    net.tonnes_per_teu = 10.0;
    for (Node& node : net.nodes) {
      if (chance(rng, 0.3)) node.kind = NodeKind::GaugeChange;  // handled even without a mode change
      if (chance(rng, 0.7)) node.handling_usd_per_t = uniform(rng, 0, 20);
    }
    for (Link& link : net.links) {
      if (chance(rng, 0.5)) link.cost_usd_per_t = uniform(rng, 1, 100);
      else if (chance(rng, 0.5)) link.cost_usd_per_teu = uniform(rng, 10, 1000);
      link.capacity_tpy.reset();  // uncapacitated: each OD takes its single best path
    }
    for (Node& node : net.nodes) node.capacity_tpy.reset();
    const auto from = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
    NodeIndex to;
    do to = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
    while (to == from);
    INFO("seed " << seed << " case " << c << describe_network(net));
    for (const AssignObjective by : {AssignObjective::Cost, AssignObjective::Generalized}) {
      AssignQuery query = assign_query({{from, to, 10}}, 1e6);
      query.weights.by = by;
      query.weights.value_of_time_usd_per_t_day = 3.0;
      query.weights.carbon_price_usd_per_t_co2 = 50.0;
      const AssignResult result = solve::assign_demand(net, query);
      check_assignment(net, query, result);
      const solve::Router router(net);
      RouteQuery route = route_query(from, to, by == AssignObjective::Cost ? Objective::Cost : Objective::Generalized);
      route.value_of_time_usd_per_t_day = 3.0;
      route.carbon_price_usd_per_t_co2 = 50.0;
      const RouteResult best = router.find_routes(route);
      CHECK(best.found() == (result.served_tpy > 0));
      if (!best.found()) continue;
      REQUIRE(result.ods[0].paths.size() >= 1);
      for (const OdPath& path : result.ods[0].paths) {
        const Route r = solve::make_route(net, from, path.links);
        const double model = by == AssignObjective::Cost
                                 ? r.cost_usd_per_t
                                 : r.cost_usd_per_t + 3.0 * r.days() + 50.0 * r.co2_kg_per_t / 1000.0;
        CHECK(path.weight_per_t == doctest::Approx(model + 1e-6 * r.hours).epsilon(1e-9));
        // No path is worse than the router's best for the same objective (ties by time aside).
        CHECK(model <= solve::objective_value(best.routes.front(), route.by, GeneralizedWeights{3.0, 50.0}) + 1e-3);
        ++compared;
      }
    }
  }
  CHECK(compared > 100);
}
