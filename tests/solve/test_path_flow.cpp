// The plausible-route max flow (src/solve/path_flow.*): on seeded random networks it equals an
// independent formulation (every loopless route allowed by the detour rule enumerated, that LP
// solved separately), and with the rule off and no resources the graph max flow; capacities,
// background and resources are never exceeded; the routes sum to the flow and obey the rule.

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include <doctest/doctest.h>

#include "model/validate.hpp"
#include "solve/assign.hpp"
#include "solve/flow.hpp"
#include "solve/path_flow.hpp"
#include "solve/route.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// Every loopless route from `from` to `to` over usable links, changing mode only where allowed.
void all_routes(const Network& net, const std::vector<char>& usable, NodeIndex from, NodeIndex to,
                std::vector<std::vector<LinkIndex>>& out) {
  std::vector<char> on_path(net.nodes.size(), 0);
  std::vector<LinkIndex> links;
  std::function<void(NodeIndex)> visit = [&](NodeIndex at) {
    if (at == to) {
      out.push_back(links);
      return;
    }
    on_path[at] = 1;
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      const Link& link = net.links[l];
      if (!usable[l]) continue;
      NodeIndex next;
      if (link.from == at) next = link.to;
      else if (link.to == at && link.bidirectional) next = link.from;
      else continue;
      if (on_path[next]) continue;
      if (!links.empty() && net.links[links.back()].mode != link.mode && !net.nodes[at].allows_transfer) continue;
      links.push_back(l);
      visit(next);
      links.pop_back();
    }
    on_path[at] = 0;
  };
  visit(from);
}

/// The independent formulation: the max flow over an explicit list of routes, by one GLPK LP
/// (one column per route, one row per finite capacity), or nullopt when a route has no limit.
std::optional<double> route_list_max_flow(const Network& net, const std::vector<std::pair<NodeIndex, std::vector<LinkIndex>>>& routes) {
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MAX);
  std::map<std::string, int> rows;
  auto row = [&](const std::string& key, double capacity) {
    auto [it, added] = rows.try_emplace(key, 0);
    if (added) {
      it->second = glp_add_rows(lp, 1);
      glp_set_row_bnds(lp, it->second, GLP_UP, 0.0, std::max(0.0, capacity));
    }
    return it->second;
  };
  bool unlimited = false;
  for (const auto& [origin, links] : routes) {
    std::map<int, double> a;
    NodeIndex at = origin;
    auto node_rows = [&](NodeIndex n) {
      const Node& node = net.nodes[n];
      if (node.capacity_tpy) a[row("n" + node.id, double(*node.capacity_tpy - node.background_tpy))] += 1;
      for (const ResourceUse& use : node.uses) {
        const Resource& r = net.resources[*net.find_resource(use.resource)];
        a[row("r" + r.id, r.capacity - r.background_tpy)] += use.factor;
      }
    };
    node_rows(at);
    for (LinkIndex l : links) {
      const Link& link = net.links[l];
      const bool forward = link.from == at;
      if (auto c = link.capacity_or_sailings_tpy())
        a[row("l" + link.id + (forward ? ">" : "<"), double(*c - link.background_tpy))] += 1;
      for (const ResourceUse& use : link.uses) {
        const Resource& r = net.resources[*net.find_resource(use.resource)];
        a[row("r" + r.id, r.capacity - r.background_tpy)] += use.factor;
      }
      at = forward ? link.to : link.from;
      node_rows(at);
    }
    if (a.empty()) unlimited = true;
    const int column = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, column, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp, column, 1.0);
    std::vector<int> index{0};
    std::vector<double> value{0.0};
    for (const auto& [r, v] : a) {
      index.push_back(r);
      value.push_back(v);
    }
    glp_set_mat_col(lp, column, int(index.size() - 1), index.data(), value.data());
  }
  std::optional<double> result;
  if (!unlimited) {
    result = 0.0;
    if (!routes.empty()) {
      glp_smcp parameters;
      glp_init_smcp(&parameters);
      parameters.msg_lev = GLP_MSG_OFF;
      REQUIRE(glp_simplex(lp, &parameters) == 0);
      result = glp_get_obj_val(lp);
    }
  }
  glp_delete_prob(lp);
  return result;
}

/// One mode everywhere: the routes the rule allows are then exactly the loopless ones the
/// label-setting pricing explores (docs/model.md explains mode changes).
Network single_mode(Network net) {
  for (Link& link : net.links) link.mode = Mode::Rail;
  return net;
}

/// Checks a plausible-route result's certificates: routes sum to the flow, are continuous,
/// obey the rule; flows within capacity less background; resources within what is left.
void check_certificates(const Network& net, const FlowResult& result, const solve::Router& router) {
  if (result.unbounded) return;
  TonnesPerYear sum = 0;
  std::map<std::pair<LinkIndex, NodeIndex>, double> link_flow;
  std::vector<double> node_flow(net.nodes.size(), 0.0), resource_use(net.resources.size(), 0.0);
  for (const FlowRoute& route : result.routes) {
    CHECK(route.flow_tpy > 0);
    sum += route.flow_tpy;
    REQUIRE(route.nodes.size() == route.links.size() + 1);
    const Route made = solve::make_route(net, route.nodes.front(), route.links);
    CHECK(made.nodes == route.nodes);  // continuous, in the stated direction
    CHECK(made.hours == doctest::Approx(route.hours).epsilon(1e-9));
    RouteQuery fastest;
    fastest.from = route.nodes.front();
    fastest.to = route.nodes.back();
    fastest.corridors = result.query.corridors;
    fastest.avoid = result.query.avoid;
    const RouteResult best = router.find_route(fastest);
    REQUIRE(best.found());
    if (result.query.max_detour) CHECK(route.hours <= *result.query.max_detour * best.routes[0].hours * (1 + 1e-9) + 1e-9);
    for (std::size_t i = 0; i < route.links.size(); ++i) {
      link_flow[{route.links[i], route.nodes[i]}] += double(route.flow_tpy);
      for (const ResourceUse& use : net.links[route.links[i]].uses)
        resource_use[*net.find_resource(use.resource)] += use.factor * double(route.flow_tpy);
    }
    for (NodeIndex n : route.nodes) {
      node_flow[n] += double(route.flow_tpy);
      for (const ResourceUse& use : net.nodes[n].uses)
        resource_use[*net.find_resource(use.resource)] += use.factor * double(route.flow_tpy);
    }
  }
  CHECK(sum == result.max_flow_tpy);
  // Whole tonnes are rounded from the LP's flows: at most one tonne per route beyond a limit.
  const double slack = double(result.routes.size()) + 1e-6;
  for (const auto& [key, flow] : link_flow) {
    const Link& link = net.links[key.first];
    if (auto c = available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy)) CHECK(flow <= double(*c) + slack);
  }
  for (NodeIndex n = 0; n < net.nodes.size(); ++n)
    if (auto c = available_tpy(net.nodes[n].capacity_tpy, net.nodes[n].background_tpy)) CHECK(node_flow[n] <= double(*c) + slack);
  for (std::size_t r = 0; r < net.resources.size(); ++r) {
    const double left = std::max(0.0, net.resources[r].capacity - net.resources[r].background_tpy);
    CHECK(resource_use[r] <= left + slack * 10.0);
  }
}

/// A random resource drawn on by a few random links and nodes, and random background.
void add_random_resources(Rng& rng, Network& net) {
  Resource fleet{"FLEET", "a shared fleet", double(uniform(rng, 0, 40)), "t/yr", double(uniform(rng, 0, 10)), {}, "", ""};
  net.resources.push_back(fleet);
  for (Link& link : net.links) {
    if (chance(rng, 0.3)) link.uses.push_back({"FLEET", chance(rng, 0.5) ? 1.0 : uniform_real(rng, 0.5, 2.0)});
    if (link.capacity_tpy && chance(rng, 0.3)) link.background_tpy = uniform(rng, 0, int(*link.capacity_tpy));
  }
  for (Node& node : net.nodes)
    if (chance(rng, 0.15)) node.uses.push_back({"FLEET", 1.0});
}

}  // namespace

TEST_CASE("path flow: equals the LP over every route the detour rule allows, enumerated (random networks)") {
  const std::uint64_t seed = test_seed();
  for (int i = 0; i < 150; ++i) {
    Rng rng(case_seed(seed, 41, i));
    RandomNetworkShape shape;
    shape.max_nodes = 7;
    Network net = single_mode(random_network(rng, shape));
    if (i % 2 == 1) add_random_resources(rng, net);
    net.reindex();
    const Restriction restriction = random_restriction(rng, net);
    FlowQuery query;
    query.sources = {NodeIndex(0)};
    query.sinks = {NodeIndex(net.nodes.size() - 1)};
    if (chance(rng, 0.3)) query.sources.push_back(1);
    query.corridors = restriction.corridors;
    query.avoid = restriction.avoid;
    query.max_detour = pick(rng, std::vector<double>{1.0, 1.2, 1.5, 2.0, 4.0});
    INFO("seed " << seed << " case " << i << "\n" << describe(net, restriction));
    const FlowResult result = solve::plausible_max_flow(net, query);

    // Independent: enumerate, keep those within the bound of their pair's fastest, solve.
    const std::vector<char> usable = usable_links(net, query.corridors, query.avoid);
    std::vector<std::pair<NodeIndex, std::vector<LinkIndex>>> allowed;
    for (NodeIndex s : query.sources)
      for (NodeIndex t : query.sinks) {
        if (s == t) continue;
        std::vector<std::vector<LinkIndex>> routes;
        all_routes(net, usable, s, t, routes);
        if (routes.empty()) continue;
        double fastest = std::numeric_limits<double>::infinity();
        for (const auto& r : routes) fastest = std::min(fastest, solve::make_route(net, s, r).hours);
        for (const auto& r : routes)
          if (solve::make_route(net, s, r).hours <= *query.max_detour * fastest * (1 + 1e-9) + 1e-9) allowed.push_back({s, r});
      }
    const std::optional<double> expected = route_list_max_flow(net, allowed);
    CHECK(result.unbounded == !expected.has_value());
    if (expected && !result.unbounded) CHECK(std::abs(double(result.max_flow_tpy) - *expected) <= 0.5 + 1e-6);
    check_certificates(net, result, solve::Router(net));
    // The same with every row added only as the flow needs it (as on networks far larger).
    const FlowResult lazy = solve::plausible_max_flow(net, query, 0);
    CHECK(lazy.unbounded == result.unbounded);
    CHECK(lazy.max_flow_tpy == result.max_flow_tpy);
    check_certificates(net, lazy, solve::Router(net));
  }
}

TEST_CASE("path flow: with the rule off and no resources it equals the graph max flow (random networks)") {
  const std::uint64_t seed = test_seed();
  for (int i = 0; i < 150; ++i) {
    Rng rng(case_seed(seed, 42, i));
    RandomNetworkShape shape;
    shape.max_nodes = 7;
    Network net = single_mode(random_network(rng, shape));
    for (Link& link : net.links)
      if (link.capacity_tpy && chance(rng, 0.3)) link.background_tpy = uniform(rng, 0, int(*link.capacity_tpy));
    net.reindex();
    FlowQuery query;
    query.sources = {NodeIndex(0)};
    query.sinks = {NodeIndex(net.nodes.size() - 1)};
    query.max_detour.reset();
    INFO("seed " << seed << " case " << i << "\n" << describe(net));
    const FlowResult graph = solve::max_flow(net, query);
    const FlowResult paths = solve::plausible_max_flow(net, query);
    CHECK(paths.unbounded == graph.unbounded);
    if (!graph.unbounded) CHECK(paths.max_flow_tpy == graph.max_flow_tpy);
    CHECK(!solve::needs_path_flow(net, query));
    check_certificates(net, paths, solve::Router(net));
    const FlowResult lazy = solve::plausible_max_flow(net, query, 0);  // every row only as needed
    CHECK(lazy.unbounded == graph.unbounded);
    if (!graph.unbounded) CHECK(lazy.max_flow_tpy == graph.max_flow_tpy);
    check_certificates(net, lazy, solve::Router(net));
  }
}

TEST_CASE("path flow: two ferry lines sharing one fleet with background carry what the fleet leaves") {
  Network net;
  net.name = "two ferries";
  auto node = [&](const std::string& id) {
    Node n;
    n.id = n.name = id;
    n.country = "KZ";
    n.kind = NodeKind::SeaPort;
    n.allows_transfer = true;
    net.add_node(n);
  };
  node("AKTAU");
  node("KURYK");
  node("BAKU");
  node("ORIGIN");
  auto link = [&](const std::string& from, const std::string& to, Mode mode, double hours,
                  std::optional<TonnesPerYear> capacity) {
    Link l;
    l.from = *net.find_node(from);
    l.to = *net.find_node(to);
    l.id = from + "-" + to;
    l.mode = mode;
    l.hours = hours;
    l.capacity_tpy = capacity;
    net.add_link(l);
  };
  link("ORIGIN", "AKTAU", Mode::Rail, 20, std::nullopt);
  link("ORIGIN", "KURYK", Mode::Rail, 22, std::nullopt);
  link("AKTAU", "BAKU", Mode::Ferry, 22, 4'000'000);
  link("KURYK", "BAKU", Mode::Ferry, 24, std::nullopt);
  net.links[3].vessel_payload_t = 5000;  // 5,000 t x 10 sailings x 52 = 2.6 Mt/yr from sailings
  net.links[3].departures_per_week = 10;
  net.resources.push_back({"FLEET", "the shared ferry fleet", 5'000'000, "t/yr", 1'500'000, {}, "", ""});
  net.links[2].uses = net.links[3].uses = {{"FLEET", 1.0}};
  net.links[2].background_tpy = 500'000;
  FlowQuery query;
  query.sources = {*net.find_node("ORIGIN")};
  query.sinks = {*net.find_node("BAKU")};
  // Each line alone: 3.5 Mt/yr (4.0 less 0.5 background) and 2.6 Mt/yr (sailings); together
  // 6.1, but the fleet leaves 5.0 - 1.5 = 3.5 Mt/yr.
  const FlowResult result = solve::plausible_max_flow(net, query);
  CHECK(result.max_flow_tpy == 3'500'000);
  REQUIRE(result.resource_loads.size() == 1);
  CHECK(result.resource_loads[0].binding);
  CHECK(result.resource_loads[0].used == doctest::Approx(3'500'000));
  REQUIRE(!result.binding.empty());
  CHECK(result.binding[0].type == BindingConstraint::Type::Resource);
  CHECK(result.binding[0].dual == doctest::Approx(1.0));
  check_certificates(net, result, solve::Router(net));
  // Without the fleet the lines' own capacities bind (the graph max flow agrees).
  net.resources.clear();
  net.links[2].uses.clear();
  net.links[3].uses.clear();
  query.max_detour.reset();
  CHECK(solve::plausible_max_flow(net, query).max_flow_tpy == 6'100'000);
  CHECK(solve::max_flow(net, query).max_flow_tpy == 6'100'000);
}

TEST_CASE("path flow: a detour slower than the bound carries nothing") {
  // A -> B direct (10 h, 5 t/yr) or via C (A-C 10 h, C-B 10 h: 20 h = 2 x the fastest).
  Network net;
  for (const std::string id : {"A", "B", "C"}) {
    Node n;
    n.id = n.name = id;
    n.country = "KZ";
    net.add_node(n);
  }
  auto link = [&](NodeIndex from, NodeIndex to, double hours, TonnesPerYear capacity) {
    Link l;
    l.from = from;
    l.to = to;
    l.id = net.nodes[from].id + "-" + net.nodes[to].id;
    l.hours = hours;
    l.capacity_tpy = capacity;
    net.add_link(l);
  };
  link(0, 1, 10, 5);
  link(0, 2, 10, 7);
  link(2, 1, 10, 7);
  FlowQuery query;
  query.sources = {0};
  query.sinks = {1};
  query.max_detour = 1.5;
  CHECK(solve::plausible_max_flow(net, query).max_flow_tpy == 5);
  query.max_detour = 2.0;
  const FlowResult both = solve::plausible_max_flow(net, query);
  CHECK(both.max_flow_tpy == 12);
  CHECK(both.routes.size() == 2);
  query.max_detour.reset();
  CHECK(solve::capacity_max_flow(net, query).max_flow_tpy == 12);
}

TEST_CASE("assignment: shared resources and background bind it as they bind the max flow (random networks)") {
  // With more demand than can move and unserved tonnes dearer than any path, the assignment's
  // arc-flow LP serves exactly the max flow; the plausible-route engine without a detour bound
  // (path columns, priced separately) computes it with the same resources and background.
  const std::uint64_t seed = test_seed();
  int with_resources = 0;
  for (int i = 0; i < 120; ++i) {
    Rng rng(case_seed(seed, 43, i));
    RandomNetworkShape shape;
    shape.max_nodes = 7;
    Network net = single_mode(random_network(rng, shape));
    if (i % 4 != 0) add_random_resources(rng, net);
    net.reindex();
    const NodeIndex from = 0, to = NodeIndex(net.nodes.size() - 1);
    FlowQuery flow_query;
    flow_query.sources = {from};
    flow_query.sinks = {to};
    flow_query.max_detour = std::nullopt;
    INFO("seed " << seed << " case " << i << "\n" << describe(net, Restriction{}));
    const FlowResult flow = solve::plausible_max_flow(net, flow_query);
    if (flow.unbounded) continue;
    AssignQuery assign_query;
    assign_query.demand = {{from, to, 1e3}};  // random capacities are tens of tonnes
    assign_query.max_detour = std::nullopt;
    const AssignResult assigned = solve::assign_demand(net, assign_query);
    REQUIRE(assigned.solved);
    CHECK(std::abs(assigned.served_tpy - double(flow.max_flow_tpy)) <= double(flow.routes.size()) + 1e-6);
    // the assignment's resource loads are within what is left of each resource
    REQUIRE(assigned.resource_loads.size() == net.resources.size());
    for (const ResourceLoad& load : assigned.resource_loads) {
      CHECK(load.used <= std::max(0.0, load.capacity - load.background) * (1 + 1e-7) + 1e-6);
      with_resources += load.binding ? 1 : 0;
    }
  }
  CHECK(with_resources > 5);  // the case this test is for happens
}

TEST_CASE("assignment: the detour rule keeps it between the plausible-route and the unbounded max flow (random networks)") {
  // The assignment keeps the links on some route within the bound (per link, not per route), so
  // with more demand than can move it serves at least what the plausible routes carry and at
  // most the max flow over every route.
  const std::uint64_t seed = test_seed();
  int strictly_between = 0;
  for (int i = 0; i < 150; ++i) {
    Rng rng(case_seed(seed, 44, i));
    RandomNetworkShape shape;
    shape.max_nodes = 8;
    Network net = single_mode(random_network(rng, shape));
    if (i % 2 == 0) add_random_resources(rng, net);
    net.reindex();
    const NodeIndex from = 0, to = NodeIndex(net.nodes.size() - 1);
    const double bound = pick(rng, std::vector<double>{1.0, 1.2, 1.5, 2.0});
    FlowQuery flow_query;
    flow_query.sources = {from};
    flow_query.sinks = {to};
    flow_query.max_detour = bound;
    INFO("seed " << seed << " case " << i << " bound " << bound << "\n" << describe(net, Restriction{}));
    const FlowResult plausible = solve::plausible_max_flow(net, flow_query);
    flow_query.max_detour = std::nullopt;
    const FlowResult any = solve::plausible_max_flow(net, flow_query);
    if (any.unbounded) continue;
    AssignQuery assign_query;
    assign_query.demand = {{from, to, 1e3}};
    assign_query.max_detour = bound;
    const AssignResult assigned = solve::assign_demand(net, assign_query);
    REQUIRE(assigned.solved);
    const double slack = double(plausible.routes.size() + any.routes.size()) + 1e-6;  // whole-tonne rounding
    CHECK(assigned.served_tpy >= double(plausible.max_flow_tpy) - slack);
    CHECK(assigned.served_tpy <= double(any.max_flow_tpy) + slack);
    // every path the assignment reports passes only links that lie on some route within the bound
    const solve::Router router(net);
    auto fastest = [&](NodeIndex a, NodeIndex b) {
      if (a == b) return 0.0;
      RouteQuery q;
      q.from = a;
      q.to = b;
      const RouteResult r = router.find_route(q);
      return r.found() ? r.routes[0].hours : std::numeric_limits<double>::infinity();
    };
    const double best = fastest(from, to);
    for (const OdAssignment& od : assigned.ods)
      for (const OdPath& path : od.paths)
        for (std::size_t k = 0; k < path.links.size(); ++k) {
          const Route leg = solve::make_route(net, path.nodes[k], {path.links[k]});
          CHECK(fastest(from, path.nodes[k]) + leg.hours + fastest(path.nodes[k + 1], to) <= bound * best * (1 + 1e-6) + 1e-6);
        }
    if (assigned.served_tpy > double(plausible.max_flow_tpy) + slack) ++strictly_between;
  }
  MESSAGE("cases where the per-link rule serves more than the per-route rule: " << strictly_between);
}
