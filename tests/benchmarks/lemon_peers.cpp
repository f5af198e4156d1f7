// Compiled as C++17 (see lemon_peers.hpp).

#include "benchmarks/lemon_peers.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include <lemon/dijkstra.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/static_graph.h>

namespace corridor::bench {
namespace {

/// Builds the StaticDigraph (which needs arcs sorted by source) and returns, for each input arc,
/// its LEMON arc id.
template <typename Arcs>
std::vector<int> build(lemon::StaticDigraph& graph, std::uint32_t vertex_count, const Arcs& arcs) {
  std::vector<int> order(arcs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return arcs[a].from < arcs[b].from; });
  std::vector<std::pair<int, int>> pairs;
  std::vector<int> id_of(arcs.size());
  pairs.reserve(arcs.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& a = arcs[order[k]];
    pairs.emplace_back(static_cast<int>(a.from), static_cast<int>(a.to));
    id_of[order[k]] = static_cast<int>(k);
  }
  graph.build(static_cast<int>(vertex_count), pairs.begin(), pairs.end());  // arc ids follow the sorted order
  return id_of;
}

}  // namespace

struct LemonRoute::Impl {
  lemon::StaticDigraph graph;
  std::unique_ptr<lemon::StaticDigraph::ArcMap<double>> length;
};

LemonRoute::LemonRoute(const RoutingGraph& g) : impl_(std::make_unique<Impl>()) {
  const std::vector<int> id_of = build(impl_->graph, g.vertex_count, g.arcs);
  impl_->length = std::make_unique<lemon::StaticDigraph::ArcMap<double>>(impl_->graph);
  for (std::size_t i = 0; i < g.arcs.size(); ++i) (*impl_->length)[impl_->graph.arc(id_of[i])] = g.arcs[i].hours;
}
LemonRoute::~LemonRoute() = default;

double LemonRoute::run(const RoutingGraph& g) const {
  const lemon::StaticDigraph& graph = impl_->graph;
  lemon::Dijkstra<lemon::StaticDigraph, lemon::StaticDigraph::ArcMap<double>> dijkstra(graph, *impl_->length);
  lemon::StaticDigraph::NodeMap<bool> is_target(graph, false);
  for (auto t : g.targets) is_target[graph.node(static_cast<int>(t))] = true;
  dijkstra.init();
  for (auto s : g.sources) dijkstra.addSource(graph.node(static_cast<int>(s)));
  const auto reached = dijkstra.start(is_target);  // stops at the first target settled
  return reached == lemon::INVALID ? std::numeric_limits<double>::infinity() : dijkstra.dist(reached);
}

using Int64ArcMap = lemon::StaticDigraph::ArcMap<std::int64_t>;

struct LemonFlow::Impl {
  lemon::StaticDigraph graph;
  std::unique_ptr<Int64ArcMap> capacity, cost;
  lemon::StaticDigraph::Node source, sink;
};

LemonFlow::LemonFlow(const FlowGraph& g) : impl_(std::make_unique<Impl>()) {
  const std::vector<int> id_of = build(impl_->graph, g.vertex_count, g.arcs);
  impl_->capacity = std::make_unique<Int64ArcMap>(impl_->graph);
  impl_->cost = std::make_unique<Int64ArcMap>(impl_->graph);
  for (std::size_t i = 0; i < g.arcs.size(); ++i) {
    const auto arc = impl_->graph.arc(id_of[i]);
    (*impl_->capacity)[arc] = g.arcs[i].capacity;
    (*impl_->cost)[arc] = g.arcs[i].cost;
  }
  impl_->source = impl_->graph.node(static_cast<int>(g.source));
  impl_->sink = impl_->graph.node(static_cast<int>(g.sink));
}
LemonFlow::~LemonFlow() = default;

std::int64_t LemonFlow::max_flow() const {
  lemon::Preflow<lemon::StaticDigraph, Int64ArcMap> preflow(impl_->graph, *impl_->capacity, impl_->source, impl_->sink);
  preflow.run();  // both phases: a full flow, not only the cut
  return preflow.flowValue();
}

std::int64_t LemonFlow::min_cost(std::int64_t amount) const {
  lemon::NetworkSimplex<lemon::StaticDigraph, std::int64_t, std::int64_t> simplex(impl_->graph);
  simplex.upperMap(*impl_->capacity).costMap(*impl_->cost).stSupply(impl_->source, impl_->sink, amount);
  if (simplex.run() != decltype(simplex)::OPTIMAL) return -1;
  return simplex.totalCost();
}

}  // namespace corridor::bench
