#pragma once
// Building corridor::Network values in code, for tests that do not need a JSON file.
//
//   Network net = NetworkBuilder()
//       .node("A", NodeKind::RailTerminal)
//       .node("P", NodeKind::SeaPort, /*dwell*/ 6, /*transfer*/ 12, /*capacity*/ 8'000'000)
//       .link("A", "P", Mode::Rail, /*km*/ 700, /*hours*/ 16, /*capacity*/ 5'000'000)
//       .link("P", "Q", Mode::Ferry, 470, 22, 4'000'000, /*departures*/ 7, /*bidirectional*/ false)
//       .build();
//
// Modifiers such as closed(), planned(), allows_transfer() and corridors() apply to the
// element added last (node or link).

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::test {

inline constexpr std::optional<TonnesPerYear> kUnlimited = std::nullopt;
inline constexpr std::optional<double> kNoSchedule = std::nullopt;

class NetworkBuilder {
 public:
  NetworkBuilder& node(const std::string& id, NodeKind kind = NodeKind::Junction, double dwell_hours = 0.0,
                       double transfer_hours = 0.0, std::optional<TonnesPerYear> capacity_tpy = kUnlimited) {
    Node n;
    n.id = id;
    n.name = "Node " + id;
    n.country = "KZ";
    n.kind = kind;
    n.lat = 40.0 + static_cast<double>(network_.nodes.size()) * 0.1;
    n.lon = 50.0 + static_cast<double>(network_.nodes.size()) * 0.1;
    n.dwell_hours = dwell_hours;
    n.transfer_hours = transfer_hours;
    n.allows_transfer = kind_allows_transfer(kind);
    n.capacity_tpy = capacity_tpy;
    n.sources = {"S1"};
    network_.nodes.push_back(std::move(n));
    last_is_node_ = true;
    return *this;
  }

  /// A link between two nodes added before. The id defaults to "FROM-TO" (as in files),
  /// or "FROM-TO-2", "-3"... for parallel links.
  NetworkBuilder& link(const std::string& from, const std::string& to, Mode mode = Mode::Rail,
                       double distance_km = 100.0, double hours = 1.0,
                       std::optional<TonnesPerYear> capacity_tpy = kUnlimited,
                       std::optional<double> departures_per_week = kNoSchedule, bool bidirectional = true,
                       std::string id = {}) {
    Link l;
    l.from = index_of(from);
    l.to = index_of(to);
    l.mode = mode;
    l.distance_km = distance_km;
    l.hours = hours;
    l.capacity_tpy = capacity_tpy;
    l.departures_per_week = departures_per_week;
    l.bidirectional = bidirectional;
    l.corridors = {"middle"};
    l.sources = {"S1"};
    if (id.empty()) {
      id = from + "-" + to;
      for (int k = 2; has_link(id); ++k) id = from + "-" + to + "-" + std::to_string(k);
    }
    l.id = std::move(id);
    network_.links.push_back(std::move(l));
    last_is_node_ = false;
    return *this;
  }

  NetworkBuilder& status(Status s) {
    if (last_is_node_) last_node().status = s;
    else last_link().status = s;
    return *this;
  }
  NetworkBuilder& closed() { return status(Status::Closed); }
  NetworkBuilder& planned() { return status(Status::Planned); }
  /// Overrides the kind's default for the last node.
  NetworkBuilder& allows_transfer(bool allowed) {
    last_node().allows_transfer = allowed;
    return *this;
  }
  /// Sets the corridor tags of the last link.
  NetworkBuilder& corridors(std::vector<std::string> tags) {
    last_link().corridors = std::move(tags);
    return *this;
  }
  NetworkBuilder& name(std::string text) {
    network_.name = std::move(text);
    return *this;
  }

  Network build() const {
    Network copy = network_;
    if (copy.name.empty()) copy.name = "test network";
    copy.reindex();
    return copy;
  }

 private:
  NodeIndex index_of(const std::string& id) const {
    for (NodeIndex i = 0; i < network_.nodes.size(); ++i)
      if (network_.nodes[i].id == id) return i;
    throw std::invalid_argument("NetworkBuilder: unknown node " + id);
  }
  bool has_link(const std::string& id) const {
    for (const Link& l : network_.links)
      if (l.id == id) return true;
    return false;
  }
  Node& last_node() {
    if (network_.nodes.empty()) throw std::logic_error("NetworkBuilder: no node yet");
    return network_.nodes.back();
  }
  Link& last_link() {
    if (network_.links.empty()) throw std::logic_error("NetworkBuilder: no link yet");
    return network_.links.back();
  }

  Network network_;
  bool last_is_node_ = true;
};

/// Index of a node that must exist (fails loudly otherwise).
inline NodeIndex node_index(const Network& network, const std::string& id) {
  auto index = network.find_node(id);
  if (!index) throw std::invalid_argument("no node " + id);
  return *index;
}
inline LinkIndex link_index(const Network& network, const std::string& id) {
  auto index = network.find_link(id);
  if (!index) throw std::invalid_argument("no link " + id);
  return *index;
}

/// Route query by indices (named members: the query types grow new fields).
inline RouteQuery route_query(NodeIndex from, NodeIndex to, Objective by = Objective::Time,
                              std::vector<std::string> corridors = {}) {
  RouteQuery q;
  q.from = from;
  q.to = to;
  q.by = by;
  q.corridors = std::move(corridors);
  return q;
}

/// Route query by ids.
inline RouteQuery route_query(const Network& network, const std::string& from, const std::string& to,
                              Objective by = Objective::Time, std::vector<std::string> corridors = {}) {
  return route_query(node_index(network, from), node_index(network, to), by, std::move(corridors));
}

/// Requests as a user writes them (ids, not indices).
inline RouteRequest route_request(std::string from, std::string to, Objective by = Objective::Time,
                                  std::vector<std::string> corridors = {}) {
  RouteRequest r;
  r.from = std::move(from);
  r.to = std::move(to);
  r.by = by;
  r.corridors = std::move(corridors);
  return r;
}
inline FlowRequest flow_request(std::vector<std::string> from, std::vector<std::string> to,
                                std::optional<TonnesPerYear> target = std::nullopt) {
  FlowRequest r;
  r.from = std::move(from);
  r.to = std::move(to);
  r.target_tpy = target;
  return r;
}

/// Flow query by ids.
inline FlowQuery flow_query(const Network& network, const std::vector<std::string>& from,
                            const std::vector<std::string>& to,
                            std::optional<TonnesPerYear> target = std::nullopt) {
  FlowQuery q;
  for (const auto& id : from) q.sources.push_back(node_index(network, id));
  for (const auto& id : to) q.sinks.push_back(node_index(network, id));
  q.target_tpy = target;
  return q;
}

/// Node ids along a route, "A B C".
inline std::string route_ids(const Network& network, const Route& route) {
  std::string out;
  for (NodeIndex n : route.nodes) out += (out.empty() ? "" : " ") + network.nodes[n].id;
  return out;
}

}  // namespace corridor::test
