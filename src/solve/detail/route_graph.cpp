#include "solve/detail/route_graph.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <utility>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/range/iterator_range.hpp>

#include "solve/route.hpp"

namespace corridor::solve::detail {
namespace {

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

}  // namespace

GeneralizedWeights weights_of(const RouteQuery& query) {
  return {query.value_of_time_usd_per_t_day, query.carbon_price_usd_per_t_co2};
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
std::pair<boost::counting_iterator<Vertex>, boost::counting_iterator<Vertex>> vertices(const QueryGraph& g) {
  return {boost::counting_iterator<Vertex>(0), boost::counting_iterator<Vertex>(g.vertex_count())};
}

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

RouteGraph::RouteGraph(const Network& net) : network(&net) {
  std::vector<char> usable(net.links.size(), 0);
  for (LinkIndex l = 0; l < net.links.size(); ++l) usable[l] = net.link_usable(l);
  detail::ModeExpansion expansion = detail::expand_modes(net, usable);
  arrival = std::move(expansion.arrival);
  departure = std::move(expansion.departure);
  node_of_vertex = std::move(expansion.node_of_vertex);
  is_arrival = std::move(expansion.is_arrival);
  const Vertex end_vertex = base_vertex_count();
  // Arc i is expansion.arcs[i], then one End arc per arrival vertex: last, so that they follow a
  // vertex's other arcs. Each temporary goes as soon as it is used (peak memory, docs/performance.md).
  const std::size_t mode_arcs = expansion.arcs.size();
  std::vector<EdgeIndex> positions;
  {
    std::vector<Vertex> tails, heads;
    tails.reserve(mode_arcs + end_vertex / 2);
    heads.reserve(mode_arcs + end_vertex / 2);
    for (const detail::ModeArc& arc : expansion.arcs) {
      tails.push_back(arc.from);
      heads.push_back(arc.to);
    }
    for (Vertex v = 0; v < end_vertex; ++v)
      if (is_arrival[v]) {
        tails.push_back(v);
        heads.push_back(end_vertex);
      }
    positions = detail::csr_positions(tails, end_vertex + 1);
    graph = detail::csr_graph(tails, heads, positions, end_vertex + 1);
  }
  // The arcs' kinds and elements in CSR order; then the expansion and the positions go before
  // the metrics are made (peak memory).
  const std::size_t arcs = positions.size();
  kinds.resize(arcs);
  link_or_node.resize(arcs);
  arc_mode.resize(arcs);
  std::vector<char> mode_change(arcs, 0);  // pass-through arcs: whether the mode changes
  for (std::size_t i = 0; i < mode_arcs; ++i) {
    const detail::ModeArc& arc = expansion.arcs[i];
    const EdgeIndex e = positions[i];
    kinds[e] = arc.is_link() ? RouteArcKind::Link : RouteArcKind::PassThrough;
    link_or_node[e] = arc.link_or_node();
    arc_mode[e] = arc.is_link() ? net.links[arc.link_or_node()].mode : Mode::Rail;
    mode_change[e] = arc.transfer() ? 1 : 0;
  }
  for (Vertex v = 0, i = static_cast<Vertex>(mode_arcs); v < end_vertex; ++v)
    if (is_arrival[v]) {
      const EdgeIndex e = positions[i++];
      kinds[e] = RouteArcKind::End;
      link_or_node[e] = node_of_vertex[v];
      arc_mode[e] = Mode::Rail;
    }
  std::vector<EdgeIndex>().swap(positions);
  std::vector<detail::ModeArc>().swap(expansion.arcs);

  // Rows: link l's is row l, then the End arcs' (kAbsent), then the pass-through arcs' (see
  // metric_row). Pass-through rows met recently are found by a hash of their figures, so that
  // nodes alike share a row: of the 10^6-node generated network's 10^6 pass-through arcs, a few
  // hundred rows.
  const auto metrics = [&net](const RouteStep& step) {
    const StepMetrics m = step_metrics(net, step);
    return ArcMetrics{m.hours, m.distance_km, m.cost_usd_per_t, m.co2_kg_per_t};
  };
  const auto slot_of = [](const ArcMetrics& m) {
    std::size_t h = 0;
    for (const double x : {m.hours, m.distance_km, m.cost_usd_per_t, m.co2_kg_per_t})
      h = (h ^ std::hash<double>{}(x)) * 0x9E3779B97F4A7C15ULL;
    return (h >> 40) % 4096;
  };
  const std::size_t link_rows = net.links.size(), absent = link_rows;
  std::vector<ArcMetrics> pass_rows;
  std::array<std::uint32_t, 4096> recent;
  recent.fill(std::numeric_limits<std::uint32_t>::max());
  metric_row.resize(arcs);
  for (std::size_t e = 0; e < arcs; ++e) {
    if (kinds[e] == RouteArcKind::Link) {
      metric_row[e] = link_or_node[e];
    } else if (kinds[e] == RouteArcKind::End) {
      metric_row[e] = static_cast<std::uint32_t>(absent);
    } else {
      const ArcMetrics m = metrics(RouteStep{false, link_or_node[e], mode_change[e] != 0});
      std::uint32_t& seen = recent[slot_of(m)];
      if (seen == std::numeric_limits<std::uint32_t>::max() || pass_rows[seen] != m) {
        seen = static_cast<std::uint32_t>(pass_rows.size());
        pass_rows.push_back(m);
      }
      metric_row[e] = static_cast<std::uint32_t>(absent + 1 + seen);
    }
  }
  metric_rows.reserve(link_rows + 1 + pass_rows.size());
  metric_rows.resize(link_rows);
  for (LinkIndex l = 0; l < link_rows; ++l)
    if (usable[l]) metric_rows[l] = metrics(RouteStep{true, l, false});
  metric_rows.push_back({kAbsent, kAbsent, kAbsent, kAbsent});
  metric_rows.insert(metric_rows.end(), pass_rows.begin(), pass_rows.end());
}

QueryGraph RouteGraph::view(const RouteQuery& query, Objective objective) const {
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
    g.weight.resize(arc_count);
    for (std::size_t e = 0; e < arc_count; ++e) {
      const ArcMetrics& m = metrics_of(static_cast<EdgeIndex>(e));
      g.weight[e] = weights.of(m.cost_usd_per_t, m.hours, m.co2_kg_per_t);
    }
  } else {
    g.weight.resize(arc_count);
    for (std::size_t e = 0; e < arc_count; ++e) g.weight[e] = metrics_of(static_cast<EdgeIndex>(e)).of(objective);
  }
  const bool filters_links = !query.corridors.empty() || !query.avoid.empty();
  if (filters_links || !query.modes.empty()) {
    const std::vector<char> usable = filters_links ? usable_links(net, query.corridors, query.avoid)
                                                   : std::vector<char>(net.links.size(), 1);
    for (std::size_t e = 0; e < arc_count; ++e)
      if (kinds[e] == RouteArcKind::Link && (!usable[link_or_node[e]] || !mode_allowed[static_cast<std::size_t>(arc_mode[e])]))
        g.weight[e] = kAbsent;
  }
  // No pass through the origin or the destination; the destination's arrivals lead to the end.
  for (NodeIndex end : {query.from, query.to})
    for (Vertex v : arrival[end]) {
      if (v == kNoVertex) continue;
      for (auto e : boost::make_iterator_range(boost::out_edges(v, graph))) {
        const EdgeIndex i = get(boost::edge_index, graph, e);
        if (kinds[i] == RouteArcKind::PassThrough) g.weight[i] = kAbsent;
        else if (end == query.to) g.weight[i] = 0.0;  // the End arc
      }
    }
  return g;
}

std::vector<LinkIndex> RouteGraph::links_of(const QueryGraph& g, const Path& path) const {
  std::vector<LinkIndex> links;
  for (const QueryArc& a : path)
    if (a.from != g.source && kinds[a.edge] == RouteArcKind::Link) links.push_back(link_or_node[a.edge]);
  return links;
}

Route RouteGraph::route_of(const QueryGraph& g, const Path& path, const RouteQuery& query) const {
  Route route = make_route(*network, query.from, links_of(g, path));
  route.objective_value = objective_value(route, query.by, weights_of(query));
  return route;
}

}  // namespace corridor::solve::detail
