#pragma once
// Queries and results exchanged with the solvers (src/solve). Plain types only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enum_table.hpp"
#include "model/network.hpp"

namespace corridor {

/// What a route minimises (docs/model.md): hours, km, USD per tonne, kg CO2e per tonne, or the
/// generalized cost USD/t + value of time x days + carbon price x t CO2e/t.
enum class Objective : std::uint8_t { Time, Distance, Cost, Co2, Generalized };
inline constexpr EnumName<Objective> kObjectiveNames[] = {{Objective::Time, "time"}, {Objective::Distance, "distance"}, {Objective::Cost, "cost"}, {Objective::Co2, "co2"}, {Objective::Generalized, "generalized"}};
static_assert(enum_table_valid(kObjectiveNames));
constexpr const auto& enum_table(Objective) { return kObjectiveNames; }
/// "Fastest", "Shortest", "Cheapest", "Lowest-CO2e" or "Best generalized-cost" (route titles).
std::string_view best_route_word(Objective objective);

/// A route query as written by a user (ids, not indices); resolved against a network later.
struct RouteRequest {
  std::string from;
  std::string to;
  Objective by = Objective::Time;
  std::vector<std::string> corridors;  ///< empty = any; else links tagged with one of these (or "shared")
  std::vector<std::string> avoid;      ///< node or link ids the route must not use
  std::vector<std::string> avoid_countries;  ///< ISO 3166-1 alpha-2 codes: no node in these countries
  std::vector<std::string> via;        ///< node ids the route must pass, in this order
  std::vector<std::string> modes;      ///< empty = any; else only links of these modes
  int k = 1;                           ///< number of loopless alternatives, best first
  std::optional<double> max_overlap;   ///< drop alternatives sharing more than this fraction of km
  bool pareto = false;                 ///< every route not beaten on time, cost and CO2e at once
  double value_of_time_usd_per_t_day = 0.0;  ///< generalized objective: USD per tonne per day
  double carbon_price_usd_per_t_co2 = 0.0;   ///< generalized objective: USD per tonne of CO2e
  /// An end that is closed or cut off is no route (an answer), not an E-QUERY error: for a query
  /// asked of another network than the one it names places of (compare's side without the
  /// scenario's changes, which may be what opens the place).
  bool cut_off_end_is_no_route = false;
};

/// Elements a query must not use, resolved to indices.
struct Avoidance {
  std::vector<NodeIndex> nodes;
  std::vector<LinkIndex> links;
  std::vector<std::string> countries;  ///< ISO alpha-2: every node of these countries
  bool empty() const { return nodes.empty() && links.empty() && countries.empty(); }
};

/// Largest k accepted for alternatives, and most routes a Pareto set may hold (docs/model.md).
inline constexpr int kMaxAlternatives = 50;
inline constexpr std::size_t kMaxParetoRoutes = 64;
/// The Pareto search only considers routes at most this many times slower than the fastest.
inline constexpr double kParetoTimeFactor = 4.0;

struct RouteQuery {
  NodeIndex from = 0;
  NodeIndex to = 0;
  Objective by = Objective::Time;
  std::vector<std::string> corridors;
  Avoidance avoid;
  std::vector<NodeIndex> via;  ///< pass these nodes in this order
  std::vector<Mode> modes;     ///< empty = any mode
  int k = 1;
  std::optional<double> max_overlap;
  bool pareto = false;
  double value_of_time_usd_per_t_day = 0.0;
  double carbon_price_usd_per_t_co2 = 0.0;
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
  double handling_usd_per_t = 0.0;  ///< handling at `from` (mode change or gauge change there)
  double cost_usd_per_t = 0.0;      ///< the link's tariff (0 when the link has no cost figure)
  bool cost_known = true;           ///< false when the link has no cost figure
  double co2_kg_per_t = 0.0;        ///< distance x emission intensity of the link
  bool crosses_border = false;      ///< the leg leaves a country (ends or transit countries differ)
  /// All time this leg accounts for: dwell + transfer + wait + hours.
  double total_hours() const { return dwell_hours + transfer_hours + wait_hours + hours; }
  /// All money this leg accounts for: handling + link tariff.
  double total_cost_usd_per_t() const { return handling_usd_per_t + cost_usd_per_t; }
};

struct Route {
  std::vector<NodeIndex> nodes;  ///< origin first, destination last
  std::vector<RouteLeg> legs;
  double hours = 0.0;
  double distance_km = 0.0;
  int transfers = 0;  ///< number of mode changes
  double cost_usd_per_t = 0.0;  ///< sum of the legs' total_cost_usd_per_t()
  double co2_kg_per_t = 0.0;    ///< sum of the legs' co2_kg_per_t
  int border_crossings = 0;     ///< country changes along the legs (end nodes and transit countries)
  int legs_without_cost = 0;    ///< legs on links with no cost figure (counted as 0 USD)
  double objective_value = 0.0; ///< the query's objective for this route (hours, km, USD/t, ...)
  double days() const { return hours / 24.0; }
};

/// One constraint of a route query, as a value (front ends word it: an option, a scenario key).
struct RouteConstraint {
  enum class Kind : std::uint8_t { Avoid, AvoidCountry, Via, Modes, Corridor };
  Kind kind = Kind::Avoid;
  std::vector<std::string> values;  ///< node or link ids, country codes, mode names or corridor tags
  friend bool operator==(const RouteConstraint& a, const RouteConstraint& b) {  // spelled out: C++17 peers
    return a.kind == b.kind && a.values == b.values;
  }
};
/// The scenario key of a constraint kind.
inline constexpr EnumName<RouteConstraint::Kind> kRouteConstraintKindNames[] = {{RouteConstraint::Kind::Avoid, "avoid"}, {RouteConstraint::Kind::AvoidCountry, "avoid_country"}, {RouteConstraint::Kind::Via, "via"}, {RouteConstraint::Kind::Modes, "modes"}, {RouteConstraint::Kind::Corridor, "corridor"}};
static_assert(enum_table_valid(kRouteConstraintKindNames));
constexpr const auto& enum_table(RouteConstraint::Kind) { return kRouteConstraintKindNames; }

struct RouteResult {
  RouteQuery query;
  std::vector<Route> routes;  ///< best first (Pareto: fastest first); empty when no route exists
  /// When no route exists: each constraint whose removal alone gives a route (in the query's
  /// order: avoided nodes, links, countries, via points, modes, corridors); empty otherwise.
  std::vector<RouteConstraint> cut_by;
  bool truncated = false;  ///< the Pareto set hit kMaxParetoRoutes
  bool found() const { return !routes.empty(); }
};

/// Plausible routes of capacity analyses (docs/model.md): no slower than this factor times the
/// fastest route between the same ends.
inline constexpr double kDefaultMaxDetour = 1.5;

/// A max-flow query as written by a user.
struct FlowRequest {
  std::vector<std::string> from;
  std::vector<std::string> to;
  std::optional<TonnesPerYear> target_tpy;
  std::vector<std::string> corridors;  ///< empty = any; as for routes
  std::vector<std::string> avoid;      ///< node or link ids the flow must not use
  std::vector<std::string> avoid_countries;  ///< ISO alpha-2 codes: no node or transit in these countries
  /// Detour bound of plausible routes; nullopt = none (the pure graph max flow).
  std::optional<double> max_detour = kDefaultMaxDetour;
};

struct FlowQuery {
  std::vector<NodeIndex> sources;
  std::vector<NodeIndex> sinks;
  std::optional<TonnesPerYear> target_tpy;
  std::vector<std::string> corridors;
  Avoidance avoid;
  std::optional<double> max_detour = kDefaultMaxDetour;  ///< nullopt = any route counts
  /// Sources and sinks that were asked for but are closed or cut off: they contribute nothing
  /// (a warning in the output), the others still answer.
  std::vector<NodeIndex> idle_ends;
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

/// One route of a flow's decomposition (plausible-route max flow).
struct FlowRoute {
  std::vector<NodeIndex> nodes;
  std::vector<LinkIndex> links;
  TonnesPerYear flow_tpy = 0;
  double hours = 0.0;  ///< time model of routes
  double days() const { return hours / 24.0; }
};

/// A shared resource's load under the flow (network.resources[resource]).
struct ResourceLoad {
  std::size_t resource = 0;
  double used = 0.0;        ///< capacity units used by the corridor's flow
  double capacity = 0.0;
  double background = 0.0;  ///< taken by other cargo
  bool binding = false;
};

/// A constraint that limits the plausible-route max flow, with its LP dual: the max flow
/// gained per added unit of its capacity (1 for an element of a classic minimum cut).
struct BindingConstraint {
  enum class Type : std::uint8_t { Link, Node, Resource };
  Type type = Type::Link;
  std::uint32_t index = 0;  ///< LinkIndex, NodeIndex or index in Network::resources
  NodeIndex from = 0;       ///< links: the direction
  NodeIndex to = 0;
  double capacity = 0.0;    ///< what is left for the corridor (capacity less background)
  double dual = 0.0;
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
  /// Plausible-route engine only (empty for the graph max flow): the routes carrying the flow,
  /// largest first, summing to max_flow_tpy; resource loads; binding constraints, largest dual first.
  std::vector<FlowRoute> routes;
  std::vector<ResourceLoad> resource_loads;
  std::vector<BindingConstraint> binding;
  std::optional<bool> meets_target() const {
    if (!query.target_tpy) return std::nullopt;
    return unbounded || max_flow_tpy >= *query.target_tpy;
  }
};

}  // namespace corridor
