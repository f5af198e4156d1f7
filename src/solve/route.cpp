#include "solve/route.hpp"

#include <array>
#include <cassert>
#include <limits>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace corridor::solve {
namespace {

using Vertex = std::uint32_t;
constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNodeArc = std::numeric_limits<std::uint32_t>::max();

/// What an arc of the expanded graph stands for.
struct ArcInfo {
  std::uint32_t link = kNodeArc;  ///< LinkIndex, or kNodeArc for a pass-through arc
  NodeIndex node = 0;             ///< for pass-through arcs: the node
  double hours = 0.0;             ///< weight by time
  double distance_km = 0.0;       ///< weight by distance
};

using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, Vertex, Vertex>;

struct FoundTarget {
  Vertex vertex;
};

/// Stops Dijkstra when the first arrival vertex of the destination is settled.
class StopAtTarget : public boost::default_dijkstra_visitor {
 public:
  explicit StopAtTarget(const std::vector<char>* is_target) : is_target_(is_target) {}
  void examine_vertex(Vertex v, const Graph&) const {
    if ((*is_target_)[v]) throw FoundTarget{v};
  }

 private:
  const std::vector<char>* is_target_;
};

}  // namespace

struct Router::Impl {
  const Network* network = nullptr;
  Graph graph;
  std::vector<ArcInfo> arcs;  ///< indexed like the CSR graph's edge indices
  /// arrival/departure vertex of (node, mode), kNoVertex when the node has no link of that mode
  std::vector<std::array<Vertex, kModeCount>> arrival, departure;

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
        }

    std::vector<std::pair<Vertex, Vertex>> edges;
    edges.reserve(2 * net.links.size() + 2 * node_count);
    // Pass-through arcs: arrival by one mode, departure by the same or (where allowed) another.
    for (NodeIndex n = 0; n < node_count; ++n) {
      const Node& node = net.nodes[n];
      for (std::size_t in = 0; in < kModeCount; ++in) {
        if (arrival[n][in] == kNoVertex) continue;
        for (std::size_t out = 0; out < kModeCount; ++out) {
          if (departure[n][out] == kNoVertex) continue;
          const bool transfer = in != out;
          if (transfer && !node.allows_transfer) continue;
          edges.emplace_back(arrival[n][in], departure[n][out]);
          arcs.push_back({kNodeArc, n, node.dwell_hours + (transfer ? node.transfer_hours : 0.0), 0.0});
        }
      }
    }
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!net.link_usable(l)) continue;
      const Link& link = net.links[l];
      const auto m = static_cast<std::size_t>(link.mode);
      const ArcInfo info{l, 0, link.hours + link.expected_wait_hours(), link.distance_km};
      edges.emplace_back(departure[link.from][m], arrival[link.to][m]);
      arcs.push_back(info);
      if (link.bidirectional) {
        edges.emplace_back(departure[link.to][m], arrival[link.from][m]);
        arcs.push_back(info);
      }
    }
    // The CSR constructor sorts edges by source; keep arc info aligned by sorting both together.
    std::vector<std::size_t> order(edges.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return edges[a].first < edges[b].first; });
    std::vector<std::pair<Vertex, Vertex>> sorted_edges(edges.size());
    std::vector<ArcInfo> sorted_arcs(arcs.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      sorted_edges[i] = edges[order[i]];
      sorted_arcs[i] = arcs[order[i]];
    }
    arcs = std::move(sorted_arcs);
    graph = Graph(boost::edges_are_sorted, sorted_edges.begin(), sorted_edges.end(), next);
  }

  RouteResult find(const RouteQuery& query) const {
    const Network& net = *network;
    RouteResult result;
    result.query = query;
    assert(query.from < net.nodes.size() && query.to < net.nodes.size());

    const std::vector<char> usable = usable_links(net, query.corridors, query.avoid);
    std::vector<double> weight(arcs.size());
    for (std::size_t a = 0; a < arcs.size(); ++a) {
      const ArcInfo& arc = arcs[a];
      const bool allowed = arc.link == kNodeArc || usable[arc.link];
      weight[a] = !allowed ? kInfinity : query.by == Objective::Time ? arc.hours : arc.distance_km;
    }

    const auto vertex_count = num_vertices(graph);
    std::vector<Vertex> sources;
    std::vector<char> is_target(vertex_count, 0);
    for (std::size_t m = 0; m < kModeCount; ++m) {
      if (departure[query.from][m] != kNoVertex) sources.push_back(departure[query.from][m]);
      if (arrival[query.to][m] != kNoVertex) is_target[arrival[query.to][m]] = 1;
    }
    if (sources.empty()) return result;

    std::vector<double> distance(vertex_count, kInfinity);
    std::vector<Vertex> predecessor(vertex_count);
    std::vector<std::size_t> predecessor_arc(vertex_count, std::numeric_limits<std::size_t>::max());
    auto index = get(boost::vertex_index, graph);
    auto edge_index = get(boost::edge_index, graph);
    auto weight_map = boost::make_function_property_map<Graph::edge_descriptor, double>(
        [&](const Graph::edge_descriptor& e) { return weight[get(edge_index, e)]; });
    // Record the arc used to reach each vertex (parallel arcs make vertex predecessors ambiguous).
    struct Recorder : StopAtTarget {
      Recorder(const std::vector<char>* t, std::vector<std::size_t>* arc_of, const Graph* g)
          : StopAtTarget(t), arc_of_(arc_of), g_(g) {}
      void edge_relaxed(const Graph::edge_descriptor& e, const Graph&) const {
        (*arc_of_)[target(e, *g_)] = get(boost::edge_index, *g_, e);
      }
      std::vector<std::size_t>* arc_of_;
      const Graph* g_;
    } visitor(&is_target, &predecessor_arc, &graph);

    Vertex reached = kNoVertex;
    try {
      boost::dijkstra_shortest_paths(
          graph, sources.begin(), sources.end(),
          boost::make_iterator_property_map(predecessor.begin(), index),
          boost::make_iterator_property_map(distance.begin(), index), weight_map, index, std::less<double>(),
          boost::closed_plus<double>(kInfinity), kInfinity, 0.0, visitor);
    } catch (const FoundTarget& found) {
      reached = found.vertex;
    }
    if (reached == kNoVertex || distance[reached] == kInfinity) return result;

    // Walk back over recorded arcs, collecting the links in travel order.
    std::vector<LinkIndex> links;
    std::vector<Vertex> source_set(sources.begin(), sources.end());
    Vertex v = reached;
    while (std::find(source_set.begin(), source_set.end(), v) == source_set.end()) {
      const std::size_t a = predecessor_arc[v];
      assert(a != std::numeric_limits<std::size_t>::max());
      if (arcs[a].link != kNodeArc) links.push_back(arcs[a].link);
      v = predecessor[v];
    }
    std::reverse(links.begin(), links.end());
    result.routes.push_back(make_route(net, query.from, links));
    return result;
  }
};

Router::Router(const Network& network) : impl_(std::make_unique<Impl>(network)) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;
RouteResult Router::find_route(const RouteQuery& query) const { return impl_->find(query); }
RouteResult Router::find_routes(const RouteQuery& query) const { return impl_->find(query); }
const Network& Router::network() const { return *impl_->network; }

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
    leg.crosses_border = network.nodes[leg.from].country != network.nodes[leg.to].country;
    route.hours += leg.total_hours();
    route.distance_km += leg.distance_km;
    route.cost_usd_per_t += leg.total_cost_usd_per_t();
    route.co2_kg_per_t += leg.co2_kg_per_t;
    route.border_crossings += leg.crosses_border ? 1 : 0;
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
