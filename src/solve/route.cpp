#include "solve/route.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/r_c_shortest_paths.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "solve/detail/mode_graph.hpp"

namespace corridor::solve {
namespace {

using Vertex = std::uint32_t;
using EdgeIndex = std::uint32_t;
constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// Marks an arc a query may not use (filtered out, as if it were not in the graph).
constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

/// What an arc costs: the four quantities every objective is made of.
struct Metrics {
  double hours = 0.0;
  double distance_km = 0.0;
  double cost_usd_per_t = 0.0;
  double co2_kg_per_t = 0.0;
};

/// Kinds of arcs of the base graph.
enum class ArcKind : std::uint8_t {
  Link,         ///< departure (node, mode) -> arrival (other end, mode)
  PassThrough,  ///< arrival (node, mode) -> departure (node, same or other mode)
  End,          ///< arrival (node, mode) -> the end vertex: used when the node is a query's destination
};

/// An arc of the mode-expanded graph of the whole network, before sorting into the CSR graph.
struct BaseArc {
  Vertex from = 0;
  Vertex to = 0;
  ArcKind kind = ArcKind::Link;
  std::uint32_t link_or_node = 0;  ///< LinkIndex for Link arcs, NodeIndex otherwise
  Metrics metrics;
};

/// The base graph: built once per network, shared by all queries.
using BaseGraph = detail::CsrGraph;

GeneralizedWeights weights_of(const RouteQuery& query) {
  return {query.value_of_time_usd_per_t_day, query.carbon_price_usd_per_t_co2};
}

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
  const std::vector<ArcKind>* kinds = nullptr;
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
    return layers == 1 || (*kinds)[position] != ArcKind::End || layer_of(from) + 1 == layers;
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

void QueryOutArcIterator::skip_absent() {
  while (position_ < end_ && !g_->present(from_, position_)) ++position_;
}

std::pair<QueryOutArcIterator, QueryOutArcIterator> out_edges(Vertex v, const QueryGraph& g) {
  EdgeIndex begin = 0, end = 0;
  if (v == g.source) {
    end = kModeCount;
  } else if (v != g.target) {
    const Vertex base_vertex = v - g.layer_of(v) * g.base_vertices;
    auto [first, last] = boost::out_edges(base_vertex, *g.base);
    begin = first == last ? 0 : first->idx;
    end = first == last ? 0 : begin + static_cast<EdgeIndex>(last - first);
  }
  return {QueryOutArcIterator(&g, v, begin, end), QueryOutArcIterator(&g, v, end, end)};
}
EdgeIndex out_degree(Vertex v, const QueryGraph& g) {
  auto [first, last] = out_edges(v, g);
  return static_cast<EdgeIndex>(std::distance(first, last));
}
Vertex source(const QueryArc& a, const QueryGraph&) { return a.from; }
Vertex target(const QueryArc& a, const QueryGraph& g) { return g.head(a); }
Vertex num_vertices(const QueryGraph& g) { return g.vertex_count(); }
std::pair<boost::counting_iterator<Vertex>, boost::counting_iterator<Vertex>> vertices(const QueryGraph& g) {
  return {boost::counting_iterator<Vertex>(0), boost::counting_iterator<Vertex>(g.vertex_count())};
}

struct FoundTarget {};

/// Records the arc that reached each vertex and stops when the target is settled.
class PathRecorder : public boost::default_dijkstra_visitor {
 public:
  PathRecorder(Vertex target, std::vector<QueryArc>* arc_of) : target_(target), arc_of_(arc_of) {}
  void examine_vertex(Vertex v, const QueryGraph&) const {
    if (v == target_) throw FoundTarget{};
  }
  void edge_relaxed(const QueryArc& e, const QueryGraph& g) const { (*arc_of_)[g.head(e)] = e; }

 private:
  Vertex target_;
  std::vector<QueryArc>* arc_of_;
};

/// Yen's marks: arcs and vertices a spur search may not use (their arcs weigh infinity).
struct Removed {
  std::vector<char> arcs;      ///< by QueryGraph::dense()
  std::vector<char> vertices;  ///< by query-graph vertex
};

/// Boost's Dijkstra from `from` to the query target over the shared base graph, with the
/// query's weights (and `removed` arcs and vertices, if given, weighing infinity).
/// Returns the arcs in travel order, or nothing when the target cannot be reached.
std::optional<Path> shortest_path(const QueryGraph& g, Vertex from, const Removed* removed) {
  const Vertex vertex_count = g.vertex_count();
  std::vector<double> distance(vertex_count, kInfinity);
  std::vector<QueryArc> arc_of(vertex_count);
  const boost::typed_identity_property_map<Vertex> index;
  auto weight_map = boost::make_function_property_map<QueryArc, double>([&](const QueryArc& a) {
    if (removed && (removed->arcs[g.dense(a)] || removed->vertices[g.head(a)])) return kInfinity;
    return g.weight_of_arc(a);
  });
  boost::two_bit_color_map<boost::typed_identity_property_map<Vertex>> color(vertex_count, index);
  PathRecorder visitor(g.target, &arc_of);
  distance[from] = 0.0;
  try {
    boost::dijkstra_shortest_paths_no_init(g, &from, &from + 1, boost::dummy_property_map(),
                                           boost::make_iterator_property_map(distance.begin(), index), weight_map,
                                           index, std::less<double>(), boost::closed_plus<double>(kInfinity), 0.0,
                                           visitor, color);
  } catch (const FoundTarget&) {
  }
  if (distance[g.target] == kInfinity) return std::nullopt;
  Path path;
  for (Vertex v = g.target; v != from;) {
    const QueryArc a = arc_of[v];
    path.push_back(a);
    v = a.from;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

double path_weight(const QueryGraph& g, const Path& path) {
  double sum = 0.0;
  for (const QueryArc& a : path) sum += g.weight_of_arc(a);
  return sum;
}

/// Yen's algorithm: the k best loopless (simple in the query graph) paths in non-decreasing
/// order of weight; equal weights are ordered by their arc sequence, so the answer is
/// deterministic. `accept` filters paths (overlap); generation stops after `max_generated`.
template <typename Accept>
std::vector<Path> k_shortest_paths(const QueryGraph& g, int k, std::size_t max_generated, Accept accept) {
  std::vector<Path> accepted;
  auto first = shortest_path(g, g.source, nullptr);
  if (!first) return accepted;
  std::vector<Path> found{*first};  // every path taken from the candidates, in order
  std::set<std::pair<double, Path>> candidates;
  std::set<Path> seen{*first};
  if (accept(*first, accepted)) accepted.push_back(*first);
  Removed removed;
  while (static_cast<int>(accepted.size()) < k && found.size() < max_generated) {
    const Path& last = found.back();
    removed.arcs.assign(g.arc_count(), 0);
    removed.vertices.assign(g.vertex_count(), 0);
    Vertex spur = g.source;
    for (std::size_t i = 0; i < last.size(); ++i) {
      // Root = last[0, i). Remove the next arc of every found path sharing this root.
      std::vector<std::size_t> marked;
      for (const Path& p : found)
        if (p.size() > i && std::equal(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i), p.begin())) {
          removed.arcs[g.dense(p[i])] = 1;
          marked.push_back(g.dense(p[i]));
        }
      if (auto spur_path = shortest_path(g, spur, &removed)) {
        Path total(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i));
        total.insert(total.end(), spur_path->begin(), spur_path->end());
        if (seen.insert(total).second) candidates.emplace(path_weight(g, total), std::move(total));
      }
      for (std::size_t a : marked) removed.arcs[a] = 0;
      removed.vertices[spur] = 1;  // the root may not come back to its own vertices
      spur = g.head(last[i]);
    }
    if (candidates.empty()) break;
    found.push_back(candidates.begin()->second);
    candidates.erase(candidates.begin());
    if (accept(found.back(), accepted)) accepted.push_back(found.back());
  }
  return accepted;
}

/// Resources of a Pareto label: the three criteria.
struct Criteria {
  double hours = 0.0;
  double cost_usd_per_t = 0.0;
  double co2_kg_per_t = 0.0;
  auto key() const { return std::tie(hours, cost_usd_per_t, co2_kg_per_t); }
  bool operator<(const Criteria& o) const { return key() < o.key(); }
  bool operator==(const Criteria& o) const { return key() == o.key(); }
  bool operator>(const Criteria& o) const { return o < *this; }
  /// At most as large in every criterion.
  bool weakly_dominates(const Criteria& o) const {
    return hours <= o.hours && cost_usd_per_t <= o.cost_usd_per_t && co2_kg_per_t <= o.co2_kg_per_t;
  }
  /// Better in every criterion beyond rounding (1e-9 relative) and clearly better in one:
  /// sums of the same figures in another order never count as better.
  bool clearly_dominates(const Criteria& o) const {
    auto tolerance = [](double a, double b) { return 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
    const std::array<double, 3> mine{hours, cost_usd_per_t, co2_kg_per_t};
    const std::array<double, 3> theirs{o.hours, o.cost_usd_per_t, o.co2_kg_per_t};
    bool better = false;
    for (std::size_t i = 0; i < 3; ++i) {
      const double tol = tolerance(mine[i], theirs[i]);
      if (mine[i] > theirs[i] + tol) return false;
      if (mine[i] < theirs[i] - tol) better = true;
    }
    return better;
  }
  /// Equal in every criterion up to rounding.
  bool weakly_close(const Criteria& o) const {
    auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
    return close(hours, o.hours) && close(cost_usd_per_t, o.cost_usd_per_t) && close(co2_kg_per_t, o.co2_kg_per_t);
  }
};

/// Extends a label along an arc; infeasible beyond the time bound or when a known complete
/// route strictly dominates it already (extending only adds, so it can never be Pareto-optimal).
struct ExtendLabel {
  const std::array<std::vector<double>, 4>* by_objective;  ///< per base edge (see Router::Impl)
  double max_hours;
  const std::vector<Criteria>* known;
  bool operator()(const QueryGraph& g, Criteria& out, const Criteria& in, const QueryArc& e) const {
    out = in;
    if (e.from != g.source && (*g.kinds)[e.edge] != ArcKind::End) {  // arcs to and from the query's ends cost 0
      out.hours += (*by_objective)[static_cast<std::size_t>(Objective::Time)][e.edge];
      out.cost_usd_per_t += (*by_objective)[static_cast<std::size_t>(Objective::Cost)][e.edge];
      out.co2_kg_per_t += (*by_objective)[static_cast<std::size_t>(Objective::Co2)][e.edge];
    }
    if (out.hours > max_hours) return false;
    for (const Criteria& c : *known)
      if (c.clearly_dominates(out)) return false;
    return true;
  }
};

struct DominatesLabel {
  bool operator()(const Criteria& a, const Criteria& b) const { return a.weakly_dominates(b); }
};

}  // namespace

struct Router::Impl {
  const Network* network = nullptr;
  /// arrival/departure vertex of (node, mode), kNoVertex when the node has no link of that mode
  std::vector<std::array<Vertex, kModeCount>> arrival, departure;
  std::vector<NodeIndex> node_of_vertex;
  std::vector<char> is_arrival;
  /// The mode-expanded graph (plus one end vertex) and its arcs' data, by CSR edge index.
  BaseGraph graph;
  std::vector<ArcKind> kinds;
  std::vector<std::uint32_t> link_or_node;
  std::vector<Mode> arc_mode;  ///< Link arcs: the link's mode
  /// Per base edge, the weight for Time, Distance, Cost and Co2 (indexed by Objective):
  /// hours, km, USD/t, kg CO2e/t. End arcs have kAbsent: a query makes its destination's 0.
  std::array<std::vector<double>, 4> by_objective;

  explicit Impl(const Network& net) : network(&net) {
    std::vector<char> usable(net.links.size(), 0);
    for (LinkIndex l = 0; l < net.links.size(); ++l) usable[l] = net.link_usable(l);
    detail::ModeExpansion expansion = detail::expand_modes(net, usable);
    arrival = std::move(expansion.arrival);
    departure = std::move(expansion.departure);
    node_of_vertex = std::move(expansion.node_of_vertex);
    is_arrival = std::move(expansion.is_arrival);
    const Vertex end_vertex = base_vertex_count();
    std::vector<BaseArc> arcs;
    arcs.reserve(expansion.arcs.size() + end_vertex / 2);
    for (const detail::ModeArc& arc : expansion.arcs) {
      const StepMetrics step = step_metrics(net, arc.step);
      arcs.push_back({arc.from, arc.to, arc.is_link() ? ArcKind::Link : ArcKind::PassThrough, arc.link_or_node(),
                      {step.hours, step.distance_km, step.cost_usd_per_t, step.co2_kg_per_t}});
    }
    // End arcs last, so that they follow a vertex's other arcs.
    for (Vertex v = 0; v < end_vertex; ++v)
      if (is_arrival[v]) arcs.push_back({v, end_vertex, ArcKind::End, node_of_vertex[v], {}});
    std::vector<Vertex> tails, heads;
    tails.reserve(arcs.size());
    heads.reserve(arcs.size());
    for (const BaseArc& arc : arcs) {
      tails.push_back(arc.from);
      heads.push_back(arc.to);
    }
    const std::vector<EdgeIndex> positions = detail::csr_positions(tails, end_vertex + 1);
    graph = detail::csr_graph(tails, heads, positions, end_vertex + 1);
    kinds.resize(arcs.size());
    link_or_node.resize(arcs.size());
    arc_mode.resize(arcs.size());
    for (auto& column : by_objective) column.resize(arcs.size());
    for (std::size_t i = 0; i < arcs.size(); ++i) {
      const BaseArc& arc = arcs[i];
      const EdgeIndex e = positions[i];
      kinds[e] = arc.kind;
      link_or_node[e] = arc.link_or_node;
      arc_mode[e] = arc.kind == ArcKind::Link ? net.links[arc.link_or_node].mode : Mode::Rail;
      const bool end = arc.kind == ArcKind::End;
      by_objective[static_cast<std::size_t>(Objective::Time)][e] = end ? kAbsent : arc.metrics.hours;
      by_objective[static_cast<std::size_t>(Objective::Distance)][e] = end ? kAbsent : arc.metrics.distance_km;
      by_objective[static_cast<std::size_t>(Objective::Cost)][e] = end ? kAbsent : arc.metrics.cost_usd_per_t;
      by_objective[static_cast<std::size_t>(Objective::Co2)][e] = end ? kAbsent : arc.metrics.co2_kg_per_t;
    }
  }

  Vertex base_vertex_count() const { return static_cast<Vertex>(node_of_vertex.size()); }

  /// One query's view of the shared graph (see QueryGraph): per-arc weights for `objective`,
  /// kAbsent on arcs the query may not use.
  QueryGraph view(const RouteQuery& query, Objective objective) const {
    const Network& net = *network;
    std::array<char, kModeCount> mode_allowed{};
    for (std::size_t m = 0; m < kModeCount; ++m)
      mode_allowed[m] = query.modes.empty() ||
                        std::find(query.modes.begin(), query.modes.end(), static_cast<Mode>(m)) != query.modes.end();
    QueryGraph g;
    g.base = &graph;
    g.kinds = &kinds;
    g.is_arrival = &is_arrival;
    g.node_of_vertex = &node_of_vertex;
    g.origin_departures = departure[query.from];
    g.via = query.via;
    g.base_vertices = base_vertex_count();
    g.base_edges = static_cast<EdgeIndex>(kinds.size());
    g.layers = static_cast<Vertex>(query.via.size() + 1);
    g.source = g.layers * g.base_vertices;
    g.target = g.source + 1;
    // The objective's weights, then the query's filters and ends.
    const std::size_t arc_count = kinds.size();
    if (objective == Objective::Generalized) {
      const GeneralizedWeights weights = weights_of(query);
      const auto& hours = by_objective[static_cast<std::size_t>(Objective::Time)];
      const auto& cost = by_objective[static_cast<std::size_t>(Objective::Cost)];
      const auto& co2 = by_objective[static_cast<std::size_t>(Objective::Co2)];
      g.weight.resize(arc_count);
      for (std::size_t e = 0; e < arc_count; ++e) g.weight[e] = weights.of(cost[e], hours[e], co2[e]);
    } else {
      g.weight = by_objective[static_cast<std::size_t>(objective)];
    }
    const bool filters_links = !query.corridors.empty() || !query.avoid.empty();
    if (filters_links || !query.modes.empty()) {
      const std::vector<char> usable = filters_links ? usable_links(net, query.corridors, query.avoid)
                                                     : std::vector<char>(net.links.size(), 1);
      for (std::size_t e = 0; e < arc_count; ++e)
        if (kinds[e] == ArcKind::Link && (!usable[link_or_node[e]] || !mode_allowed[static_cast<std::size_t>(arc_mode[e])]))
          g.weight[e] = kAbsent;
    }
    // No pass through the origin or the destination; the destination's arrivals lead to the end.
    for (NodeIndex end : {query.from, query.to})
      for (Vertex v : arrival[end]) {
        if (v == kNoVertex) continue;
        for (auto e : boost::make_iterator_range(boost::out_edges(v, graph))) {
          const EdgeIndex i = get(boost::edge_index, graph, e);
          if (kinds[i] == ArcKind::PassThrough) g.weight[i] = kAbsent;
          else if (end == query.to) g.weight[i] = 0.0;  // the End arc
        }
      }
    return g;
  }

  std::vector<LinkIndex> links_of(const QueryGraph& g, const Path& path) const {
    std::vector<LinkIndex> links;
    for (const QueryArc& a : path)
      if (a.from != g.source && kinds[a.edge] == ArcKind::Link) links.push_back(link_or_node[a.edge]);
    return links;
  }

  Route route_of(const QueryGraph& g, const Path& path, const RouteQuery& query) const {
    Route route = make_route(*network, query.from, links_of(g, path));
    route.objective_value = objective_value(route, query.by, weights_of(query));
    return route;
  }

  std::vector<Route> best_routes(const RouteQuery& query) const {
    const QueryGraph qg = view(query, query.by);
    const int k = std::clamp(query.k, 1, kMaxAlternatives);
    std::vector<Route> routes;
    auto accept = [&](const Path& path, const std::vector<Path>&) {
      Route route = route_of(qg, path, query);
      if (query.max_overlap && !routes.empty()) {
        for (const Route& better : routes)
          if (shared_km(route, better) > *query.max_overlap * route.distance_km) return false;
      }
      routes.push_back(std::move(route));
      return true;
    };
    // With an overlap filter, more paths are generated than kept; bound the work.
    const std::size_t max_generated = query.max_overlap ? static_cast<std::size_t>(20 * k + 100)
                                                        : static_cast<std::size_t>(k);
    k_shortest_paths(qg, k, max_generated, accept);
    return routes;
  }

  static double shared_km(const Route& a, const Route& b) {
    std::set<LinkIndex> links_of_b;
    for (const RouteLeg& leg : b.legs) links_of_b.insert(leg.link);
    double km = 0.0;
    for (const RouteLeg& leg : a.legs)
      if (links_of_b.count(leg.link)) km += leg.distance_km;
    return km;
  }

  std::vector<Route> pareto_routes(const RouteQuery& query, bool& truncated) const {
    // Single-criterion optima: the time bound and the dominance filter of the label search.
    std::vector<Criteria> known;
    double fastest_hours = kInfinity;
    for (Objective objective : {Objective::Time, Objective::Cost, Objective::Co2}) {
      const QueryGraph qg = view(query, objective);
      auto path = shortest_path(qg, qg.source, nullptr);
      if (!path) return {};
      const Route route = make_route(*network, query.from, links_of(qg, *path));
      known.push_back({route.hours, route.cost_usd_per_t, route.co2_kg_per_t});
      if (objective == Objective::Time) fastest_hours = route.hours;
    }
    const QueryGraph qg = view(query, Objective::Time);
    std::vector<std::vector<QueryArc>> solutions;
    std::vector<Criteria> criteria;
    // Small slack so that rounding in the sums never drops the bound's own routes.
    const double max_hours = kParetoTimeFactor * fastest_hours * (1.0 + 1e-9) + 1e-9;
    auto arc_index = boost::make_function_property_map<QueryArc, std::size_t>(
        [&qg](const QueryArc& a) { return qg.dense(a); });
    // boost::r_c_shortest_paths (all Pareto-optimal solutions, default allocator and visitor)
    // calls this unqualified, which only compiles for Boost's own graph types (Boost 1.74).
    const ExtendLabel extend{&by_objective, max_hours, &known};
    const DominatesLabel dominates;
    boost::detail::r_c_shortest_paths_dispatch(
        qg, boost::typed_identity_property_map<Vertex>(), arc_index, qg.source, qg.target, solutions, criteria,
        true, Criteria{}, extend, dominates,
        boost::default_r_c_shortest_paths_allocator(), boost::default_r_c_shortest_paths_visitor());
    std::vector<Route> routes;
    for (const auto& solution : solutions) {
      const Path path(solution.rbegin(), solution.rend());
      routes.push_back(route_of(qg, path, query));
    }
    std::sort(routes.begin(), routes.end(), [](const Route& a, const Route& b) {
      return std::tie(a.hours, a.cost_usd_per_t, a.co2_kg_per_t) < std::tie(b.hours, b.cost_usd_per_t, b.co2_kg_per_t);
    });
    // The label search compares exact sums; drop routes that are dominated or repeated once
    // rounding (sums of the same figures in another order) is allowed for.
    std::vector<Route> kept;
    for (const Route& route : routes) {
      const Criteria c{route.hours, route.cost_usd_per_t, route.co2_kg_per_t};
      bool drop = false;
      for (const Route& other : routes) {
        const Criteria o{other.hours, other.cost_usd_per_t, other.co2_kg_per_t};
        if (o.clearly_dominates(c)) drop = true;
      }
      for (const Route& other : kept)
        if (Criteria{other.hours, other.cost_usd_per_t, other.co2_kg_per_t}.weakly_close(c)) drop = true;
      if (!drop) kept.push_back(route);
    }
    routes = std::move(kept);
    if (routes.size() > kMaxParetoRoutes) {
      routes.resize(kMaxParetoRoutes);
      truncated = true;
    }
    return routes;
  }

  std::vector<Route> solve(const RouteQuery& query, bool& truncated) const {
    return query.pareto ? pareto_routes(query, truncated) : best_routes(query);
  }

  /// The constraints of a query that can be dropped one at a time, with their names.
  std::vector<std::pair<std::string, RouteQuery>> relaxations(const RouteQuery& query) const {
    const Network& net = *network;
    std::vector<std::pair<std::string, RouteQuery>> out;
    RouteQuery base = query;
    base.k = 1;
    base.pareto = false;
    base.max_overlap.reset();
    for (std::size_t i = 0; i < query.avoid.nodes.size(); ++i) {
      RouteQuery q = base;
      q.avoid.nodes.erase(q.avoid.nodes.begin() + static_cast<std::ptrdiff_t>(i));
      out.emplace_back(std::string("--avoid ").append(net.nodes[query.avoid.nodes[i]].id), q);
    }
    for (std::size_t i = 0; i < query.avoid.links.size(); ++i) {
      RouteQuery q = base;
      q.avoid.links.erase(q.avoid.links.begin() + static_cast<std::ptrdiff_t>(i));
      out.emplace_back(std::string("--avoid ").append(net.links[query.avoid.links[i]].id), q);
    }
    for (std::size_t i = 0; i < query.avoid.countries.size(); ++i) {
      RouteQuery q = base;
      q.avoid.countries.erase(q.avoid.countries.begin() + static_cast<std::ptrdiff_t>(i));
      out.emplace_back(std::string("--avoid-country ").append(query.avoid.countries[i]), q);
    }
    for (std::size_t i = 0; i < query.via.size(); ++i) {
      RouteQuery q = base;
      q.via.erase(q.via.begin() + static_cast<std::ptrdiff_t>(i));
      out.emplace_back(std::string("--via ").append(net.nodes[query.via[i]].id), q);
    }
    if (!query.modes.empty()) {
      RouteQuery q = base;
      q.modes.clear();
      std::string names;
      for (Mode m : query.modes) {
        if (!names.empty()) names += ',';
        names += to_string(m);
      }
      out.emplace_back(std::string("--modes ").append(names), q);
    }
    if (!query.corridors.empty()) {
      RouteQuery q = base;
      q.corridors.clear();
      std::string names;
      for (const auto& c : query.corridors) {
        if (!names.empty()) names += ',';
        names += c;
      }
      out.emplace_back(std::string("--corridor ").append(names), q);
    }
    return out;
  }

  RouteResult find(const RouteQuery& query) const {
    assert(query.from < network->nodes.size() && query.to < network->nodes.size());
    RouteResult result;
    result.query = query;
    result.routes = solve(query, result.truncated);
    if (result.found()) return result;
    // Which single constraint cut the last route? One best-route search per constraint.
    for (const auto& [name, relaxed] : relaxations(query)) {
      bool ignored = false;
      if (solve(relaxed, ignored).empty()) continue;
      if (!result.cut_by.empty()) result.cut_by += ", ";
      result.cut_by += name;
    }
    return result;
  }
};

Router::Router(const Network& network) : impl_(std::make_unique<Impl>(network)) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;
RouteResult Router::find_route(const RouteQuery& query) const {
  RouteQuery single = query;
  single.k = 1;
  single.pareto = false;
  single.max_overlap.reset();
  return impl_->find(single);
}
RouteResult Router::find_routes(const RouteQuery& query) const { return impl_->find(query); }
const Network& Router::network() const { return *impl_->network; }

std::vector<RouteResult> best_route_per_corridor(const Router& router, const RouteQuery& query) {
  std::vector<RouteResult> results;
  for (std::string_view tag : kCorridorTags) {
    if (tag == "shared") continue;
    RouteQuery single = query;
    single.corridors = {std::string(tag)};
    results.push_back(router.find_route(single));
  }
  return results;
}

Route make_route(const Network& network, NodeIndex origin, const std::vector<LinkIndex>& links) {
  Route route;
  route.nodes.push_back(origin);
  NodeIndex at = origin;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const Link& link = network.links[links[i]];
    RouteLeg leg;
    leg.link = links[i];
    leg.from = at;
    assert(link.from == at || (link.bidirectional && link.to == at));
    leg.to = link.from == at ? link.to : link.from;
    leg.mode = link.mode;
    if (i > 0) {
      const bool mode_change = network.links[links[i - 1]].mode != link.mode;
      const StepMetrics pass = step_metrics(network, {false, at, mode_change});
      leg.dwell_hours = pass.dwell_hours;
      if (mode_change) {
        leg.transfer_hours = pass.transfer_hours;
        ++route.transfers;
      }
      leg.handling_usd_per_t = pass.cost_usd_per_t;
    }
    const StepMetrics travel = step_metrics(network, {true, links[i], false});
    leg.wait_hours = travel.wait_hours;
    leg.hours = travel.in_motion_hours;
    leg.distance_km = travel.distance_km;
    leg.cost_known = travel.cost_known;
    leg.cost_usd_per_t = travel.cost_usd_per_t;
    leg.co2_kg_per_t = travel.co2_kg_per_t;
    // Countries in travel order: from, the link's transit countries (reversed when travelled
    // backwards), to; every change is a border crossing.
    std::vector<std::string_view> chain{network.nodes[leg.from].country};
    if (leg.from == link.from) chain.insert(chain.end(), link.transit_countries.begin(), link.transit_countries.end());
    else chain.insert(chain.end(), link.transit_countries.rbegin(), link.transit_countries.rend());
    chain.push_back(network.nodes[leg.to].country);
    int borders = 0;
    for (std::size_t c = 1; c < chain.size(); ++c) borders += chain[c] != chain[c - 1];
    leg.crosses_border = borders > 0;
    route.hours += leg.total_hours();
    route.distance_km += leg.distance_km;
    route.cost_usd_per_t += leg.total_cost_usd_per_t();
    route.co2_kg_per_t += leg.co2_kg_per_t;
    route.border_crossings += borders;
    route.legs_without_cost += leg.cost_known ? 0 : 1;
    route.legs.push_back(leg);
    route.nodes.push_back(leg.to);
    at = leg.to;
  }
  return route;
}

double objective_value(const Route& route, Objective objective, const GeneralizedWeights& weights) {
  switch (objective) {
    case Objective::Time: return route.hours;
    case Objective::Distance: return route.distance_km;
    case Objective::Cost: return route.cost_usd_per_t;
    case Objective::Co2: return route.co2_kg_per_t;
    case Objective::Generalized: return weights.of(route.cost_usd_per_t, route.hours, route.co2_kg_per_t);
  }
  return route.hours;
}

}  // namespace corridor::solve
