#pragma once
// Queries and results exchanged with the solvers (src/solve). Plain types only.

#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"

namespace corridor {

enum class Objective : std::uint8_t { Time, Distance };
std::string_view to_string(Objective objective);
std::optional<Objective> parse_objective(std::string_view text);
std::string_view objective_names();

/// A route query as written by a user (ids, not indices); resolved against a network later.
struct RouteRequest {
  std::string from;
  std::string to;
  Objective by = Objective::Time;
  std::vector<std::string> corridors;  ///< empty = any; else links tagged with one of these (or "shared")
  std::vector<std::string> avoid;      ///< node or link ids the route must not use
};

/// Elements a query must not use, resolved to indices.
struct Avoidance {
  std::vector<NodeIndex> nodes;
  std::vector<LinkIndex> links;
  bool empty() const { return nodes.empty() && links.empty(); }
};

struct RouteQuery {
  NodeIndex from = 0;
  NodeIndex to = 0;
  Objective by = Objective::Time;
  std::vector<std::string> corridors;
  Avoidance avoid;
};

/// One link travelled, with the time spent at its start node before departure.
struct RouteLeg {
  LinkIndex link = 0;
  NodeIndex from = 0;  ///< direction of travel (a bidirectional link may be used backwards)
  NodeIndex to = 0;
  Mode mode = Mode::Rail;
  double dwell_hours = 0.0;     ///< dwell at `from` when it is passed through (0 at the origin)
  double transfer_hours = 0.0;  ///< transfer at `from` when the mode changes there
  double wait_hours = 0.0;      ///< expected wait for a departure (half the headway)
  double hours = 0.0;           ///< in-motion time of the link
  double distance_km = 0.0;
  /// All time this leg accounts for: dwell + transfer + wait + hours.
  double total_hours() const { return dwell_hours + transfer_hours + wait_hours + hours; }
};

struct Route {
  std::vector<NodeIndex> nodes;  ///< origin first, destination last
  std::vector<RouteLeg> legs;
  double hours = 0.0;
  double distance_km = 0.0;
  int transfers = 0;  ///< number of mode changes
  double days() const { return hours / 24.0; }
};

struct RouteResult {
  RouteQuery query;
  std::vector<Route> routes;  ///< best first; empty when no route exists
  bool found() const { return !routes.empty(); }
};

/// A max-flow query as written by a user.
struct FlowRequest {
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::optional<TonnesPerYear> target_tpy;
  std::vector<std::string> corridors;  ///< empty = any; as for routes
  std::vector<std::string> avoid;      ///< node or link ids the flow must not use
};

struct FlowQuery {
  std::vector<NodeIndex> sources;
  std::vector<NodeIndex> sinks;
  std::optional<TonnesPerYear> target_tpy;
  std::vector<std::string> corridors;
  Avoidance avoid;
};

/// Whether a link passes a corridor filter: no filter, or a tag in the list (or "shared").
bool passes_corridor_filter(const Link& link, const std::vector<std::string>& corridors);

/// Per-link usability for one query: open (with open end nodes), in the corridor filter,
/// and neither the link nor its end nodes avoided.
std::vector<char> usable_links(const Network& network, const std::vector<std::string>& corridors,
                               const Avoidance& avoid);

/// An element of the minimum cut: a link direction or a node whose capacity binds.
struct CutElement {
  enum class Type : std::uint8_t { Link, Node };
  Type type = Type::Link;
  std::uint32_t index = 0;  ///< LinkIndex or NodeIndex
  NodeIndex from = 0;       ///< for links: direction crossing the cut (source side)
  NodeIndex to = 0;         ///< for links: sink side
  TonnesPerYear capacity_tpy = 0;
};

struct LinkFlow {
  LinkIndex link = 0;
  NodeIndex from = 0;  ///< direction of the flow
  NodeIndex to = 0;
  TonnesPerYear flow_tpy = 0;
  std::optional<TonnesPerYear> capacity_tpy;
};

struct NodeLoad {
  NodeIndex node = 0;
  TonnesPerYear throughput_tpy = 0;  ///< tonnes entering (or, for sources, leaving) the node
  std::optional<TonnesPerYear> capacity_tpy;
};

struct FlowResult {
  FlowQuery query;
  TonnesPerYear max_flow_tpy = 0;
  /// True when some path has no finite capacity: the max flow is then unlimited and
  /// max_flow_tpy and min_cut are meaningless.
  bool unbounded = false;
  std::vector<CutElement> min_cut;  ///< sums to max_flow_tpy
  std::vector<LinkFlow> flows;      ///< links with non-zero flow, in link order
  std::vector<NodeLoad> node_loads; ///< nodes with non-zero throughput, in node order
  std::optional<bool> meets_target() const {
    if (!query.target_tpy) return std::nullopt;
    return unbounded || max_flow_tpy >= *query.target_tpy;
  }
};

}  // namespace corridor
