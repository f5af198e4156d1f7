#pragma once
// The router's graph (internal to src/solve): the mode-expanded graph of a whole network
// (solve/detail/mode_graph.hpp) with an end vertex, its arcs' figures per objective, built once
// per network; and one query's view of it (QueryGraph), a Boost.Graph incidence graph that
// Dijkstra, Yen (k_best.hpp) and the Pareto label search (pareto.hpp) run on without copying.

#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>

#include "model/cost.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "solve/detail/mode_graph.hpp"

namespace corridor::solve::detail {

using Vertex = std::uint32_t;
using EdgeIndex = std::uint32_t;
inline constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// Marks an arc a query may not use (filtered out, as if it were not in the graph).
inline constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

/// Kinds of arcs of the base graph.
enum class RouteArcKind : std::uint8_t {
  Link,         ///< departure (node, mode) -> arrival (other end, mode)
  PassThrough,  ///< arrival (node, mode) -> departure (node, same or other mode)
  End,          ///< arrival (node, mode) -> the end vertex: used when the node is a query's destination
};

/// The base graph: built once per network, shared by all queries.
using BaseGraph = CsrGraph;

/// The generalized objective's weights of a query.
GeneralizedWeights weights_of(const RouteQuery& query);

/// The routing graph as one query sees it, without copying the base graph: one layer of the
/// base graph per leg between via nodes (arriving at the next via node moves to the next
/// layer), only the arcs the query may use (others have weight kAbsent and are skipped), no
/// pass through the origin or the destination, a source vertex before the origin's departures
/// and a target vertex after the destination's arrivals in the last layer.
/// Vertex v of layer L is L * base_vertices + v; the source and target come after all layers.
/// A Boost.Graph incidence graph (graph_traits members below, free functions after it).
struct QueryGraph;

/// An arc of a query graph: its tail and the base graph's edge index (for arcs leaving the
/// source: the mode of the origin's departure vertex). Ordered like the arcs of an explicit
/// query graph whose CSR edges are sorted by tail: this order breaks ties between equal routes.
struct QueryArc {
  Vertex from = 0;
  EdgeIndex edge = 0;
  auto operator<=>(const QueryArc&) const = default;
  bool operator==(const QueryArc&) const = default;
};
using Path = std::vector<QueryArc>;  ///< source to target

class QueryOutArcIterator
    : public boost::iterator_facade<QueryOutArcIterator, QueryArc, std::forward_iterator_tag, QueryArc> {
 public:
  QueryOutArcIterator() = default;
  QueryOutArcIterator(const QueryGraph* g, Vertex from, EdgeIndex position, EdgeIndex end)
      : g_(g), from_(from), position_(position), end_(end) {
    skip_absent();
  }

 private:
  friend class boost::iterator_core_access;
  QueryArc dereference() const { return {from_, position_}; }
  bool equal(const QueryOutArcIterator& o) const { return position_ == o.position_; }
  void increment() {
    ++position_;
    skip_absent();
  }
  inline void skip_absent();

  const QueryGraph* g_ = nullptr;
  Vertex from_ = 0;
  EdgeIndex position_ = 0, end_ = 0;
};

struct QueryGraph {
  // Boost.Graph traits
  using vertex_descriptor = Vertex;
  using edge_descriptor = QueryArc;
  using out_edge_iterator = QueryOutArcIterator;
  using directed_category = boost::directed_tag;
  using edge_parallel_category = boost::allow_parallel_edge_tag;
  using vertex_iterator = boost::counting_iterator<Vertex>;
  struct traversal_category : boost::incidence_graph_tag, boost::vertex_list_graph_tag {};
  using vertices_size_type = Vertex;
  using edges_size_type = std::size_t;
  using degree_size_type = EdgeIndex;
  static Vertex null_vertex() { return kNoVertex; }

  const BaseGraph* base = nullptr;
  const std::vector<RouteArcKind>* kinds = nullptr;
  const std::vector<char>* is_arrival = nullptr;
  const std::vector<NodeIndex>* node_of_vertex = nullptr;
  std::array<Vertex, kModeCount> origin_departures{};  ///< kNoVertex where the origin has no such mode
  std::vector<NodeIndex> via;
  Vertex base_vertices = 0;
  EdgeIndex base_edges = 0;
  Vertex layers = 1;
  Vertex source = 0;
  Vertex target = 0;
  std::vector<double> weight;  ///< per base edge for this query's objective; kAbsent = not usable

  Vertex vertex_count() const { return target + 1; }
  /// Dense index of an arc, for per-arc marks: layer * base_edges + edge; source arcs last.
  std::size_t arc_count() const { return static_cast<std::size_t>(layers) * base_edges + kModeCount; }
  std::size_t dense(const QueryArc& a) const {
    if (a.from == source) return static_cast<std::size_t>(layers) * base_edges + a.edge;
    return static_cast<std::size_t>(layer_of(a.from)) * base_edges + a.edge;
  }
  Vertex layer_of(Vertex v) const { return layers == 1 ? 0 : v / base_vertices; }
  bool present(Vertex from, EdgeIndex position) const {
    if (from == source) return origin_departures[position] != kNoVertex;
    if (std::isnan(weight[position])) return false;
    return layers == 1 || (*kinds)[position] != RouteArcKind::End || layer_of(from) + 1 == layers;
  }
  Vertex head(const QueryArc& a) const {
    if (a.from == source) return origin_departures[a.edge];
    const Vertex layer = layer_of(a.from);
    const Vertex to = boost::target(BaseGraph::edge_descriptor(a.from - layer * base_vertices, a.edge), *base);
    if (to == base_vertices) return target;  // the base graph's end vertex
    Vertex to_layer = layer;
    if (layer + 1 < layers && (*is_arrival)[to] && (*node_of_vertex)[to] == via[layer]) ++to_layer;
    return to_layer * base_vertices + to;
  }
  /// The arc's weight for the query's objective (0 for arcs leaving the source).
  double weight_of_arc(const QueryArc& a) const { return a.from == source ? 0.0 : weight[a.edge]; }
};

inline void QueryOutArcIterator::skip_absent() {
  while (position_ < end_ && !g_->present(from_, position_)) ++position_;
}
// Boost.Graph's free functions of an incidence and vertex-list graph (found by ADL).
std::pair<QueryOutArcIterator, QueryOutArcIterator> out_edges(Vertex v, const QueryGraph& g);
EdgeIndex out_degree(Vertex v, const QueryGraph& g);
inline Vertex source(const QueryArc& a, const QueryGraph&) { return a.from; }
inline Vertex target(const QueryArc& a, const QueryGraph& g) { return g.head(a); }
inline Vertex num_vertices(const QueryGraph& g) { return g.vertex_count(); }
std::pair<boost::counting_iterator<Vertex>, boost::counting_iterator<Vertex>> vertices(const QueryGraph& g);

/// Yen's marks: arcs and vertices a spur search may not use (their arcs weigh infinity).
struct Removed {
  std::vector<char> arcs;      ///< by QueryGraph::dense()
  std::vector<char> vertices;  ///< by query-graph vertex
};

/// Boost's Dijkstra from `from` to the query target over the shared base graph, with the
/// query's weights (and `removed` arcs and vertices, if given, weighing infinity).
/// Returns the arcs in travel order, or nothing when the target cannot be reached.
std::optional<Path> shortest_path(const QueryGraph& g, Vertex from, const Removed* removed);

/// The sum of the query weights of a path's arcs.
double path_weight(const QueryGraph& g, const Path& path);

/// What an arc of the routing graph costs: the four quantities every objective is made of.
struct ArcMetrics {
  double hours = 0.0;
  double distance_km = 0.0;
  double cost_usd_per_t = 0.0;
  double co2_kg_per_t = 0.0;
  friend bool operator==(const ArcMetrics&, const ArcMetrics&) = default;
  /// The weight for Time, Distance, Cost or Co2 (not Generalized, which combines three).
  double of(Objective objective) const {
    switch (objective) {
      case Objective::Time: return hours;
      case Objective::Distance: return distance_km;
      case Objective::Cost: return cost_usd_per_t;
      case Objective::Co2: return co2_kg_per_t;
      case Objective::Generalized: break;
    }
    assert(false && "the generalized weight combines three metrics (GeneralizedWeights::of)");
    return kAbsent;
  }
};

/// The mode-expanded graph of a network's usable links for routing, with an end vertex after
/// every arrival vertex (used when the node is a query's destination) and each arc's hours, km,
/// USD/t and kg CO2e/t from step_metrics (model/cost.hpp). The network must outlive it.
struct RouteGraph {
  const Network* network = nullptr;
  /// arrival/departure vertex of (node, mode), kNoVertex when the node has no link of that mode
  std::vector<std::array<Vertex, kModeCount>> arrival, departure;
  std::vector<NodeIndex> node_of_vertex;
  std::vector<char> is_arrival;
  /// The mode-expanded graph (plus one end vertex) and its arcs' data, by CSR edge index.
  BaseGraph graph;
  std::vector<RouteArcKind> kinds;
  std::vector<std::uint32_t> link_or_node;
  std::vector<Mode> arc_mode;  ///< Link arcs: the link's mode
  /// Per base edge, its row of metric_rows: hours, km, USD/t, kg CO2e/t. Link l's two directions
  /// share row l (step_metrics reads the link, not the direction); every End arc has the next
  /// row, kAbsent throughout (a query makes its destination's 0); a pass-through arc shares an
  /// equal one's row when one was met recently (nodes alike). Rows rather than four columns per
  /// arc, for peak memory (docs/performance.md).
  std::vector<std::uint32_t> metric_row;
  std::vector<ArcMetrics> metric_rows;
  const ArcMetrics& metrics_of(EdgeIndex e) const { return metric_rows[metric_row[e]]; }

  explicit RouteGraph(const Network& net);

  Vertex base_vertex_count() const { return static_cast<Vertex>(node_of_vertex.size()); }

  /// One query's view of the shared graph (see QueryGraph): per-arc weights for `objective`,
  /// kAbsent on arcs the query may not use.
  QueryGraph view(const RouteQuery& query, Objective objective) const;
  /// The links of a path, in travel order.
  std::vector<LinkIndex> links_of(const QueryGraph& g, const Path& path) const;
  /// The route of a path (make_route), with its objective value for the query.
  Route route_of(const QueryGraph& g, const Path& path, const RouteQuery& query) const;
};

}  // namespace corridor::solve::detail
