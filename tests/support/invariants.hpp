#pragma once
// Certificates for solver results: a route or a flow is checked against the network and
// the documented model (docs/model.md), independently of how the solver found it.
// The checks use doctest assertions, so call them inside a test case; add INFO/CAPTURE
// context (seed, case number) before calling.

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::test {

/// |a - b| <= 1e-9 * max(1, |a|, |b|).
inline bool close_enough(double a, double b, double relative = 1e-9) {
  return std::fabs(a - b) <= relative * std::max({1.0, std::fabs(a), std::fabs(b)});
}

/// A link is usable when it and both its end nodes are open (independent re-statement).
inline bool usable(const Network& net, LinkIndex l) {
  const Link& link = net.links[l];
  return link.status == Status::Open && net.nodes[link.from].status == Status::Open &&
         net.nodes[link.to].status == Status::Open;
}

/// Whether a link passes a corridor filter (empty = any; "shared" belongs to all).
inline bool passes_filter(const Link& link, const std::vector<std::string>& filter) {
  if (filter.empty()) return true;
  for (const auto& tag : filter)
    for (const auto& c : link.corridors)
      if (c == tag || c == "shared") return true;
  return false;
}

/// Whether one query may use a link: usable, in the corridor filter, and neither the link
/// nor one of its end nodes on the avoid list (independent re-statement).
inline bool query_allows(const Network& net, LinkIndex l, const std::vector<std::string>& corridors,
                         const Avoidance& avoid) {
  const Link& link = net.links[l];
  if (!usable(net, l) || !passes_filter(link, corridors)) return false;
  if (std::find(avoid.links.begin(), avoid.links.end(), l) != avoid.links.end()) return false;
  for (NodeIndex n : avoid.nodes)
    if (n == link.from || n == link.to) return false;
  return true;
}

/// The certificate of a route: it is a real, usable path from origin to destination and
/// every leg and total follows the time model.
inline void check_route(const Network& net, const RouteQuery& query, const Route& route) {
  REQUIRE_FALSE(route.legs.empty());
  REQUIRE(route.nodes.size() == route.legs.size() + 1);
  CHECK(route.nodes.front() == query.from);
  CHECK(route.nodes.back() == query.to);
  CHECK(route.legs.front().from == query.from);
  CHECK(route.legs.back().to == query.to);

  double hours = 0.0, distance = 0.0;
  int transfers = 0;
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    CAPTURE(i);
    REQUIRE(leg.link < net.links.size());
    const Link& link = net.links[leg.link];
    CAPTURE(link.id);
    CHECK(leg.from == route.nodes[i]);
    CHECK(leg.to == route.nodes[i + 1]);
    if (i + 1 < route.legs.size()) CHECK(leg.to == route.legs[i + 1].from);
    // The link joins the leg's ends in an allowed direction.
    const bool forward = link.from == leg.from && link.to == leg.to;
    const bool backward = link.bidirectional && link.to == leg.from && link.from == leg.to;
    CHECK((forward || backward));
    CHECK(usable(net, leg.link));
    CHECK(passes_filter(link, query.corridors));
    CHECK(query_allows(net, leg.link, query.corridors, query.avoid));
    CHECK(leg.mode == link.mode);
    CHECK(leg.hours == link.hours);
    CHECK(leg.distance_km == link.distance_km);
    double wait = link.departures_per_week ? 84.0 / *link.departures_per_week : 0.0;
    // A timetable or a wait distribution replaces the headway wait by its expected value
    // (docs/reliability.md); their closed forms are checked in tests/model/test_distribution.cpp.
    if (link.schedule) wait = link.schedule->expected_wait_hours();
    if (link.wait_distribution) wait = link.wait_distribution->mean_hours();
    CHECK(close_enough(leg.wait_hours, wait));
    if (i == 0) {
      CHECK(leg.dwell_hours == 0.0);
      CHECK(leg.transfer_hours == 0.0);
    } else {
      const Node& at = net.nodes[leg.from];
      CAPTURE(at.id);
      CHECK(leg.dwell_hours == at.dwell_hours);
      const bool change = route.legs[i - 1].mode != leg.mode;
      if (change) {
        CHECK(at.allows_transfer);
        CHECK(leg.transfer_hours == at.transfer_hours);
        ++transfers;
      } else {
        CHECK(leg.transfer_hours == 0.0);
      }
    }
    CHECK(close_enough(leg.total_hours(), leg.dwell_hours + leg.transfer_hours + leg.wait_hours + leg.hours));
    hours += leg.dwell_hours + leg.transfer_hours + leg.wait_hours + leg.hours;
    distance += leg.distance_km;
  }
  CHECK(close_enough(route.hours, hours));
  CHECK(close_enough(route.distance_km, distance));
  CHECK(close_enough(route.days(), route.hours / 24.0));
  CHECK(route.transfers == transfers);
}

/// True when some path from a source to a sink uses only open elements without a capacity
/// figure (the max flow is then unlimited).
inline bool has_unlimited_path(const Network& net, const FlowQuery& query) {
  std::vector<char> seen(net.nodes.size(), 0);
  std::queue<NodeIndex> frontier;
  for (NodeIndex s : query.sources)
    if (net.nodes[s].status == Status::Open && !net.nodes[s].capacity_tpy && !seen[s]) {
      seen[s] = 1;
      frontier.push(s);
    }
  std::set<NodeIndex> sinks(query.sinks.begin(), query.sinks.end());
  while (!frontier.empty()) {
    NodeIndex u = frontier.front();
    frontier.pop();
    if (sinks.count(u)) return true;
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      const Link& link = net.links[l];
      if (!query_allows(net, l, query.corridors, query.avoid) || link.capacity_tpy) continue;
      auto visit = [&](NodeIndex b) {
        if (!seen[b] && !net.nodes[b].capacity_tpy) {
          seen[b] = 1;
          frontier.push(b);
        }
      };
      if (link.from == u) visit(link.to);
      if (link.bidirectional && link.to == u) visit(link.from);
    }
  }
  return false;
}

/// The certificate of a max flow: a feasible flow whose value equals the capacity of the
/// reported cut, and the cut really separates sources from sinks.
inline void check_flow(const Network& net, const FlowQuery& query, const FlowResult& result) {
  const bool unlimited_path = has_unlimited_path(net, query);
  CHECK(result.unbounded == unlimited_path);
  if (result.unbounded) return;

  const std::set<NodeIndex> sources(query.sources.begin(), query.sources.end());
  const std::set<NodeIndex> sinks(query.sinks.begin(), query.sinks.end());
  std::vector<TonnesPerYear> inflow(net.nodes.size(), 0), outflow(net.nodes.size(), 0);
  // flow per (link, from) direction
  std::map<std::pair<LinkIndex, NodeIndex>, TonnesPerYear> directed;
  std::set<LinkIndex> listed;
  LinkIndex previous = 0;
  for (std::size_t i = 0; i < result.flows.size(); ++i) {
    const LinkFlow& f = result.flows[i];
    CAPTURE(i);
    REQUIRE(f.link < net.links.size());
    const Link& link = net.links[f.link];
    CAPTURE(link.id);
    if (i > 0) CHECK(f.link > previous);  // link order, each link once
    previous = f.link;
    CHECK(listed.insert(f.link).second);
    CHECK(query_allows(net, f.link, query.corridors, query.avoid));
    CHECK(f.flow_tpy > 0);
    const bool forward = f.from == link.from && f.to == link.to;
    const bool backward = link.bidirectional && f.from == link.to && f.to == link.from;
    CHECK((forward || backward));
    // the capacity left to the query: the link's rating less its background traffic
    const auto available = available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy);
    CHECK(f.capacity_tpy == available);
    if (available) CHECK(f.flow_tpy <= *available);
    outflow[f.from] += f.flow_tpy;
    inflow[f.to] += f.flow_tpy;
    directed[{f.link, f.from}] += f.flow_tpy;
  }

  TonnesPerYear supplied = 0, delivered = 0;
  std::map<NodeIndex, TonnesPerYear> throughput;
  for (NodeIndex n = 0; n < net.nodes.size(); ++n) {
    const Node& node = net.nodes[n];
    CAPTURE(node.id);
    const bool is_source = sources.count(n) > 0, is_sink = sinks.count(n) > 0;
    if (is_source) {
      CHECK(outflow[n] >= inflow[n]);
      supplied += outflow[n] - inflow[n];
    }
    if (is_sink) {
      CHECK(inflow[n] >= outflow[n]);
      delivered += inflow[n] - outflow[n];
    }
    if (!is_source && !is_sink) CHECK(inflow[n] == outflow[n]);  // conservation
    const TonnesPerYear load = std::max(inflow[n], outflow[n]);
    if (node.status != Status::Open) CHECK(load == 0);
    const auto node_available = available_tpy(node.capacity_tpy, node.background_tpy);
    if (node_available) CHECK(load <= *node_available);
    if (load > 0) throughput[n] = load;
  }
  CHECK(supplied == result.max_flow_tpy);
  CHECK(delivered == result.max_flow_tpy);
  CHECK(result.max_flow_tpy >= 0);

  // Reported node loads agree with the link flows.
  std::map<NodeIndex, TonnesPerYear> reported;
  for (const NodeLoad& load : result.node_loads) {
    REQUIRE(load.node < net.nodes.size());
    CHECK(load.capacity_tpy == available_tpy(net.nodes[load.node].capacity_tpy, net.nodes[load.node].background_tpy));
    reported[load.node] = load.throughput_tpy;
  }
  CHECK(reported == throughput);

  // The cut: capacities from the network, saturated, summing to the flow.
  // A plausible-route flow (detour bound or shared resources) has binding constraints with LP
  // duals, not a graph minimum cut: its certificates are checked in tests/solve/test_path_flow.cpp.
  if (query.max_detour || !net.resources.empty()) return;
  TonnesPerYear cut_total = 0;
  std::set<NodeIndex> cut_nodes;
  std::set<std::pair<LinkIndex, NodeIndex>> cut_links;  // (link, direction's from)
  for (std::size_t i = 0; i < result.min_cut.size(); ++i) {
    const CutElement& e = result.min_cut[i];
    CAPTURE(i);
    cut_total += e.capacity_tpy;
    if (e.type == CutElement::Type::Node) {
      REQUIRE(e.index < net.nodes.size());
      const Node& node = net.nodes[e.index];
      CAPTURE(node.id);
      CHECK(node.status == Status::Open);
      REQUIRE(node.capacity_tpy.has_value());
      CHECK(e.capacity_tpy == *node.capacity_tpy);
      const auto it = throughput.find(e.index);
      CHECK((it == throughput.end() ? 0 : it->second) == e.capacity_tpy);
      cut_nodes.insert(e.index);
    } else {
      REQUIRE(e.index < net.links.size());
      const Link& link = net.links[e.index];
      CAPTURE(link.id);
      CHECK(query_allows(net, e.index, query.corridors, query.avoid));
      const bool forward = e.from == link.from && e.to == link.to;
      const bool backward = link.bidirectional && e.from == link.to && e.to == link.from;
      CHECK((forward || backward));
      REQUIRE(link.capacity_tpy.has_value());
      CHECK(e.capacity_tpy == *link.capacity_tpy);
      const auto it = directed.find({e.index, e.from});
      CHECK((it == directed.end() ? 0 : it->second) == e.capacity_tpy);
      cut_links.insert({e.index, e.from});
    }
  }
  CHECK(cut_total == result.max_flow_tpy);

  // Without the cut elements no source reaches a sink (split graph: in(n) = 2n, out(n) = 2n+1).
  std::vector<char> seen(2 * net.nodes.size(), 0);
  std::queue<std::size_t> frontier;
  for (NodeIndex s : query.sources)
    if (!seen[2 * s]) {
      seen[2 * s] = 1;
      frontier.push(2 * s);
    }
  bool reaches_sink = false;
  while (!frontier.empty()) {
    const std::size_t v = frontier.front();
    frontier.pop();
    const auto n = static_cast<NodeIndex>(v / 2);
    auto visit = [&](std::size_t w) {
      if (!seen[w]) {
        seen[w] = 1;
        frontier.push(w);
      }
    };
    if (v % 2 == 0) {  // in(n) -> out(n)
      if (net.nodes[n].status == Status::Open && !cut_nodes.count(n)) visit(v + 1);
      continue;
    }
    if (sinks.count(n)) reaches_sink = true;
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!query_allows(net, l, query.corridors, query.avoid)) continue;
      const Link& link = net.links[l];
      if (link.from == n && !cut_links.count({l, n})) visit(2 * link.to);
      if (link.bidirectional && link.to == n && !cut_links.count({l, n})) visit(2 * link.from);
    }
  }
  CHECK_MESSAGE(!reaches_sink, "removing the min-cut elements must disconnect sources from sinks");
}

}  // namespace corridor::test
