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
#include <boost/property_map/function_property_map.hpp>

namespace corridor::solve {
namespace {

using Vertex = std::uint32_t;
using ArcIndex = std::size_t;
using Path = std::vector<ArcIndex>;  ///< arcs of the query graph, source to target
constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNodeArc = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kEndArc = kNodeArc - 1;  ///< query source -> origin, destination -> query target

/// What an arc costs: the four quantities every objective is made of.
struct Metrics {
  double hours = 0.0;
  double distance_km = 0.0;
  double cost_usd_per_t = 0.0;
  double co2_kg_per_t = 0.0;
};

/// An arc of the mode-expanded graph of the whole network (built once per network).
struct BaseArc {
  Vertex from = 0;
  Vertex to = 0;
  std::uint32_t link = kNodeArc;  ///< LinkIndex, or kNodeArc for a pass-through arc
  NodeIndex node = 0;             ///< pass-through arcs: the node
  Metrics metrics;
};

/// An arc of one query's graph: layers of the base graph (one per leg between via nodes)
/// plus a source and a target vertex.
struct QueryArc {
  Vertex from = 0;
  Vertex to = 0;
  std::uint32_t link = kEndArc;  ///< LinkIndex, kNodeArc (pass-through) or kEndArc
  Metrics metrics;
  double weight = 0.0;  ///< for the query's objective
};

using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, Vertex, Vertex>;

struct QueryGraph {
  Graph graph;
  std::vector<QueryArc> arcs;  ///< indexed like the CSR graph's edge indices
  Vertex source = 0;
  Vertex target = 0;
};

double weight_of(const Metrics& m, Objective objective, const GeneralizedWeights& weights) {
  switch (objective) {
    case Objective::Time: return m.hours;
    case Objective::Distance: return m.distance_km;
    case Objective::Cost: return m.cost_usd_per_t;
    case Objective::Co2: return m.co2_kg_per_t;
    case Objective::Generalized: return weights.of(m.cost_usd_per_t, m.hours, m.co2_kg_per_t);
  }
  return m.hours;
}

GeneralizedWeights weights_of(const RouteQuery& query) {
  return {query.value_of_time_usd_per_t_day, query.carbon_price_usd_per_t_co2};
}

struct FoundTarget {};

/// Records the arc that reached each vertex and stops when the target is settled.
class PathRecorder : public boost::default_dijkstra_visitor {
 public:
  PathRecorder(Vertex target, std::vector<ArcIndex>* arc_of) : target_(target), arc_of_(arc_of) {}
  void examine_vertex(Vertex v, const Graph&) const {
    if (v == target_) throw FoundTarget{};
  }
  void edge_relaxed(const Graph::edge_descriptor& e, const Graph& g) const {
    (*arc_of_)[target(e, g)] = get(boost::edge_index, g, e);
  }

 private:
  Vertex target_;
  std::vector<ArcIndex>* arc_of_;
};

/// Boost's Dijkstra from `from` to the query target, ignoring removed arcs and vertices.
/// Returns the arcs in travel order, or nothing when the target cannot be reached.
std::optional<Path> shortest_path(const QueryGraph& qg, Vertex from, const std::vector<char>& arc_removed,
                                  const std::vector<char>& vertex_removed) {
  const auto vertex_count = num_vertices(qg.graph);
  std::vector<double> distance(vertex_count, kInfinity);
  std::vector<Vertex> predecessor(vertex_count);
  std::vector<ArcIndex> arc_of(vertex_count, std::numeric_limits<ArcIndex>::max());
  auto index = get(boost::vertex_index, qg.graph);
  auto weight_map = boost::make_function_property_map<Graph::edge_descriptor, double>(
      [&](const Graph::edge_descriptor& e) {
        const ArcIndex a = get(boost::edge_index, qg.graph, e);
        const QueryArc& arc = qg.arcs[a];
        return arc_removed[a] || vertex_removed[arc.to] ? kInfinity : arc.weight;
      });
  PathRecorder visitor(qg.target, &arc_of);
  try {
    Vertex start = from;
    boost::dijkstra_shortest_paths(qg.graph, &start, &start + 1,
                                   boost::make_iterator_property_map(predecessor.begin(), index),
                                   boost::make_iterator_property_map(distance.begin(), index), weight_map, index,
                                   std::less<double>(), boost::closed_plus<double>(kInfinity), kInfinity, 0.0,
                                   visitor);
  } catch (const FoundTarget&) {
  }
  if (distance[qg.target] == kInfinity) return std::nullopt;
  Path path;
  for (Vertex v = qg.target; v != from;) {
    const ArcIndex a = arc_of[v];
    assert(a != std::numeric_limits<ArcIndex>::max());
    path.push_back(a);
    v = qg.arcs[a].from;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

double path_weight(const QueryGraph& qg, const Path& path) {
  double sum = 0.0;
  for (ArcIndex a : path) sum += qg.arcs[a].weight;
  return sum;
}

std::vector<LinkIndex> links_of(const QueryGraph& qg, const Path& path) {
  std::vector<LinkIndex> links;
  for (ArcIndex a : path)
    if (qg.arcs[a].link != kNodeArc && qg.arcs[a].link != kEndArc) links.push_back(qg.arcs[a].link);
  return links;
}

/// Yen's algorithm: the k best loopless (simple in the query graph) paths in non-decreasing
/// order of weight; equal weights are ordered by their arc sequence, so the answer is
/// deterministic. `accept` filters paths (overlap); generation stops after `max_generated`.
template <typename Accept>
std::vector<Path> k_shortest_paths(const QueryGraph& qg, int k, std::size_t max_generated, Accept accept) {
  std::vector<Path> accepted;
  const std::vector<char> no_arcs(qg.arcs.size(), 0);
  const std::vector<char> no_vertices(num_vertices(qg.graph), 0);
  auto first = shortest_path(qg, qg.source, no_arcs, no_vertices);
  if (!first) return accepted;
  std::vector<Path> found{*first};  // every path taken from the candidates, in order
  std::set<std::pair<double, Path>> candidates;
  std::set<Path> seen{*first};
  if (accept(*first, accepted)) accepted.push_back(*first);
  while (static_cast<int>(accepted.size()) < k && found.size() < max_generated) {
    const Path& last = found.back();
    std::vector<char> arc_removed(qg.arcs.size(), 0);
    std::vector<char> vertex_removed(num_vertices(qg.graph), 0);
    Vertex spur = qg.source;
    for (std::size_t i = 0; i < last.size(); ++i) {
      // Root = last[0, i). Remove the next arc of every found path sharing this root.
      for (const Path& p : found)
        if (p.size() > i && std::equal(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i), p.begin()))
          arc_removed[p[i]] = 1;
      if (auto spur_path = shortest_path(qg, spur, arc_removed, vertex_removed)) {
        Path total(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i));
        total.insert(total.end(), spur_path->begin(), spur_path->end());
        if (seen.insert(total).second) candidates.emplace(path_weight(qg, total), std::move(total));
      }
      std::fill(arc_removed.begin(), arc_removed.end(), 0);
      vertex_removed[spur] = 1;  // the root may not come back to its own vertices
      spur = qg.arcs[last[i]].to;
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
  const QueryGraph* qg;
  double max_hours;
  const std::vector<Criteria>* known;
  bool operator()(const Graph& g, Criteria& out, const Criteria& in, const Graph::edge_descriptor& e) const {
    const Metrics& m = qg->arcs[get(boost::edge_index, g, e)].metrics;
    out.hours = in.hours + m.hours;
    out.cost_usd_per_t = in.cost_usd_per_t + m.cost_usd_per_t;
    out.co2_kg_per_t = in.co2_kg_per_t + m.co2_kg_per_t;
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
  std::vector<BaseArc> base_arcs;

  explicit Impl(const Network& net) : network(&net) {
    const auto node_count = net.nodes.size();
    arrival.assign(node_count, {kNoVertex, kNoVertex, kNoVertex, kNoVertex});
    departure = arrival;
    std::vector<std::array<bool, kModeCount>> has_mode(node_count, {false, false, false, false});
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!net.link_usable(l)) continue;
      const Link& link = net.links[l];
      has_mode[link.from][static_cast<int>(link.mode)] = true;
      has_mode[link.to][static_cast<int>(link.mode)] = true;
    }
    Vertex next = 0;
    for (NodeIndex n = 0; n < node_count; ++n)
      for (std::size_t m = 0; m < kModeCount; ++m)
        if (has_mode[n][m]) {
          arrival[n][m] = next++;
          departure[n][m] = next++;
          node_of_vertex.insert(node_of_vertex.end(), {n, n});
          is_arrival.insert(is_arrival.end(), {1, 0});
        }
    // Pass-through arcs: arrival by one mode, departure by the same or (where allowed) another.
    for (NodeIndex n = 0; n < node_count; ++n) {
      const Node& node = net.nodes[n];
      for (std::size_t in = 0; in < kModeCount; ++in) {
        if (arrival[n][in] == kNoVertex) continue;
        for (std::size_t out = 0; out < kModeCount; ++out) {
          if (departure[n][out] == kNoVertex) continue;
          const bool transfer = in != out;
          if (transfer && !node.allows_transfer) continue;
          Metrics m;
          m.hours = node.dwell_hours + (transfer ? node.transfer_hours : 0.0);
          m.cost_usd_per_t = handling_usd_per_t(node, transfer);
          base_arcs.push_back({arrival[n][in], departure[n][out], kNodeArc, n, m});
        }
      }
    }
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!net.link_usable(l)) continue;
      const Link& link = net.links[l];
      const auto mode = static_cast<std::size_t>(link.mode);
      Metrics m;
      m.hours = link.hours + link.expected_wait_hours();
      m.distance_km = link.distance_km;
      m.cost_usd_per_t = link_cost_usd_per_t(net, link).value_or(0.0);
      m.co2_kg_per_t = link_co2_kg_per_t(link);
      base_arcs.push_back({departure[link.from][mode], arrival[link.to][mode], l, 0, m});
      if (link.bidirectional) base_arcs.push_back({departure[link.to][mode], arrival[link.from][mode], l, 0, m});
    }
  }

  Vertex base_vertex_count() const { return static_cast<Vertex>(node_of_vertex.size()); }

  /// The graph of one query: a copy of the base graph per leg between via nodes (arriving at
  /// the next via node moves to the next copy), only usable links of allowed modes, no pass
  /// through the origin or the destination, a source before the origin's departures and a
  /// target after the destination's arrivals in the last copy.
  QueryGraph build(const RouteQuery& query, Objective objective) const {
    const Network& net = *network;
    const std::vector<char> usable = usable_links(net, query.corridors, query.avoid);
    const auto layers = static_cast<Vertex>(query.via.size() + 1);
    const Vertex base = base_vertex_count();
    QueryGraph qg;
    qg.source = layers * base;
    qg.target = qg.source + 1;
    const GeneralizedWeights weights = weights_of(query);
    std::vector<QueryArc> arcs;
    auto add = [&](Vertex from, Vertex to, std::uint32_t link, const Metrics& m) {
      arcs.push_back({from, to, link, m, weight_of(m, objective, weights)});
    };
    auto mode_allowed = [&](Mode mode) {
      return query.modes.empty() || std::find(query.modes.begin(), query.modes.end(), mode) != query.modes.end();
    };
    for (const BaseArc& arc : base_arcs) {
      if (arc.link == kNodeArc) {
        if (arc.node == query.from || arc.node == query.to) continue;
      } else if (!usable[arc.link] || !mode_allowed(net.links[arc.link].mode)) {
        continue;
      }
      for (Vertex layer = 0; layer < layers; ++layer) {
        Vertex to_layer = layer;
        if (layer + 1 < layers && is_arrival[arc.to] && node_of_vertex[arc.to] == query.via[layer]) ++to_layer;
        add(layer * base + arc.from, to_layer * base + arc.to, arc.link, arc.metrics);
      }
    }
    for (std::size_t m = 0; m < kModeCount; ++m) {
      if (departure[query.from][m] != kNoVertex) add(qg.source, departure[query.from][m], kEndArc, {});
      if (arrival[query.to][m] != kNoVertex) add((layers - 1) * base + arrival[query.to][m], qg.target, kEndArc, {});
    }
    // The CSR constructor wants edges sorted by source; keep arc data aligned.
    std::stable_sort(arcs.begin(), arcs.end(), [](const QueryArc& a, const QueryArc& b) { return a.from < b.from; });
    std::vector<std::pair<Vertex, Vertex>> edges;
    edges.reserve(arcs.size());
    for (const QueryArc& arc : arcs) edges.emplace_back(arc.from, arc.to);
    qg.graph = Graph(boost::edges_are_sorted, edges.begin(), edges.end(), qg.target + 1);
    qg.arcs = std::move(arcs);
    return qg;
  }

  Route route_of(const QueryGraph& qg, const Path& path, const RouteQuery& query) const {
    Route route = make_route(*network, query.from, links_of(qg, path));
    route.objective_value = objective_value(route, query.by, weights_of(query));
    return route;
  }

  std::vector<Route> best_routes(const RouteQuery& query) const {
    const QueryGraph qg = build(query, query.by);
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
      const QueryGraph qg = build(query, objective);
      auto path = shortest_path(qg, qg.source, std::vector<char>(qg.arcs.size(), 0),
                                std::vector<char>(num_vertices(qg.graph), 0));
      if (!path) return {};
      const Route route = make_route(*network, query.from, links_of(qg, *path));
      known.push_back({route.hours, route.cost_usd_per_t, route.co2_kg_per_t});
      if (objective == Objective::Time) fastest_hours = route.hours;
    }
    const QueryGraph qg = build(query, Objective::Time);
    std::vector<std::vector<Graph::edge_descriptor>> solutions;
    std::vector<Criteria> criteria;
    // Small slack so that rounding in the sums never drops the bound's own routes.
    const double max_hours = kParetoTimeFactor * fastest_hours * (1.0 + 1e-9) + 1e-9;
    boost::r_c_shortest_paths(qg.graph, get(boost::vertex_index, qg.graph), get(boost::edge_index, qg.graph),
                              qg.source, qg.target, solutions, criteria, Criteria{},
                              ExtendLabel{&qg, max_hours, &known}, DominatesLabel{});
    std::vector<Route> routes;
    for (const auto& solution : solutions) {
      Path path;
      for (auto it = solution.rbegin(); it != solution.rend(); ++it) path.push_back(get(boost::edge_index, qg.graph, *it));
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
      const Node& node = network.nodes[at];
      leg.dwell_hours = node.dwell_hours;
      const bool mode_change = network.links[links[i - 1]].mode != link.mode;
      if (mode_change) {
        leg.transfer_hours = node.transfer_hours;
        ++route.transfers;
      }
      leg.handling_usd_per_t = handling_usd_per_t(node, mode_change);
    }
    leg.wait_hours = link.expected_wait_hours();
    leg.hours = link.hours;
    leg.distance_km = link.distance_km;
    const auto tariff = link_cost_usd_per_t(network, link);
    leg.cost_known = tariff.has_value();
    leg.cost_usd_per_t = tariff.value_or(0.0);
    leg.co2_kg_per_t = link_co2_kg_per_t(link);
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
