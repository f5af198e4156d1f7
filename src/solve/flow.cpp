#include "solve/flow.hpp"

#include <cassert>
#include <limits>
#include <queue>
#include <stdexcept>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace corridor::solve {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Capacity = std::int64_t;

struct ArcProps {
  Capacity capacity = 0;
  Capacity residual = 0;
  Traits::edge_descriptor reverse;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, ArcProps>;
using Vertex = Traits::vertex_descriptor;
using Arc = Traits::edge_descriptor;

/// What a forward arc of the flow graph stands for.
struct ArcRole {
  enum class Kind { Node, Link, Terminal } kind = Kind::Terminal;
  std::uint32_t index = 0;  ///< NodeIndex or LinkIndex
  NodeIndex from = 0, to = 0;
  bool limited = false;     ///< has a finite capacity from the data
};

struct FlowGraph {
  Graph graph;
  std::vector<Arc> forward;      ///< forward arcs, in creation order
  std::vector<ArcRole> roles;    ///< same order as `forward`

  /// The one place where arcs are created: forward arc with capacity, reverse with 0.
  void add_arc(Vertex u, Vertex v, Capacity capacity, ArcRole role) {
    Arc a = boost::add_edge(u, v, graph).first;
    Arc r = boost::add_edge(v, u, graph).first;
    graph[a].capacity = capacity;
    graph[r].capacity = 0;
    graph[a].reverse = r;
    graph[r].reverse = a;
    forward.push_back(a);
    roles.push_back(role);
  }
};

}  // namespace

FlowResult max_flow(const Network& network, const FlowQuery& query) {
  FlowResult result;
  result.query = query;
  const auto node_count = static_cast<Vertex>(network.nodes.size());
  // Vertices: in(n) = 2n, out(n) = 2n+1, super source, super sink, and a hub between the
  // super source and the sources.
  const Vertex super_source = 2 * node_count, super_sink = 2 * node_count + 1, hub = 2 * node_count + 2;

  // "Unlimited" becomes one more than all finite capacities together: no finite cut can
  // reach it (a cut holds each element at most once), so a flow that does proves a path
  // without finite capacity. The single hub arc caps the whole flow, and so every excess in
  // push-relabel, at `unlimited`: the arithmetic stays far from overflow whatever the number
  // of sources and sinks. resolve() refuses networks whose capacities add up to more than
  // kMaxTotalCapacityTpy, so the check below only guards callers that skip it.
  long double finite_total = 0;
  for (const Node& n : network.nodes)
    if (n.capacity_tpy) finite_total += static_cast<long double>(*n.capacity_tpy);
  for (const Link& l : network.links)
    if (l.capacity_tpy) finite_total += static_cast<long double>(*l.capacity_tpy);
  if (finite_total + 1 > static_cast<long double>(std::numeric_limits<Capacity>::max() / 4))
    throw std::overflow_error("total capacity too large for 64-bit max-flow arithmetic");
  const Capacity unlimited = static_cast<Capacity>(finite_total) + 1;

  FlowGraph fg;
  fg.graph = Graph(2 * node_count + 3);
  for (NodeIndex n = 0; n < node_count; ++n) {
    const Node& node = network.nodes[n];
    if (!node.is_open()) continue;
    fg.add_arc(2 * n, 2 * n + 1, node.capacity_tpy.value_or(unlimited),
               {ArcRole::Kind::Node, n, n, n, node.capacity_tpy.has_value()});
  }
  const std::vector<char> usable = usable_links(network, query.corridors, query.avoid);
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    if (!usable[l]) continue;
    const Link& link = network.links[l];
    const Capacity capacity = link.capacity_tpy.value_or(unlimited);
    fg.add_arc(2 * link.from + 1, 2 * link.to, capacity,
               {ArcRole::Kind::Link, l, link.from, link.to, link.capacity_tpy.has_value()});
    if (link.bidirectional)
      fg.add_arc(2 * link.to + 1, 2 * link.from, capacity,
                 {ArcRole::Kind::Link, l, link.to, link.from, link.capacity_tpy.has_value()});
  }
  fg.add_arc(super_source, hub, unlimited, {});
  for (NodeIndex s : query.sources) fg.add_arc(hub, 2 * s, unlimited, {});
  for (NodeIndex t : query.sinks) fg.add_arc(2 * t + 1, super_sink, unlimited, {});

  Graph& g = fg.graph;
  const Capacity flow = boost::push_relabel_max_flow(g, super_source, super_sink,
                                                     boost::capacity_map(get(&ArcProps::capacity, g))
                                                         .residual_capacity_map(get(&ArcProps::residual, g))
                                                         .reverse_edge_map(get(&ArcProps::reverse, g)));
  if (flow >= unlimited) {
    result.unbounded = true;
    result.max_flow_tpy = flow;
    return result;
  }
  result.max_flow_tpy = flow;

  // Source side of the minimum cut: vertices reachable from the super source in the residual graph.
  std::vector<char> reachable(num_vertices(g), 0);
  std::queue<Vertex> frontier;
  frontier.push(super_source);
  reachable[super_source] = 1;
  while (!frontier.empty()) {
    Vertex u = frontier.front();
    frontier.pop();
    for (auto [it, end] = out_edges(u, g); it != end; ++it) {
      Vertex v = target(*it, g);
      if (!reachable[v] && g[*it].residual > 0) {
        reachable[v] = 1;
        frontier.push(v);
      }
    }
  }

  // Vertices from which the super sink can be reached at all (over arcs of any capacity, zero
  // included: a path of zero-capacity links still needs one of them in the cut).
  std::vector<std::vector<Vertex>> predecessors(num_vertices(g));
  for (std::size_t i = 0; i < fg.forward.size(); ++i)
    predecessors[target(fg.forward[i], g)].push_back(source(fg.forward[i], g));
  std::vector<char> reaches_sink(num_vertices(g), 0);
  reaches_sink[super_sink] = 1;
  frontier.push(super_sink);
  while (!frontier.empty()) {
    Vertex v = frontier.front();
    frontier.pop();
    for (Vertex u : predecessors[v])
      if (!reaches_sink[u]) {
        reaches_sink[u] = 1;
        frontier.push(u);
      }
  }

  // Per-link flows by direction, netted so that a link never carries flow both ways.
  std::vector<Capacity> forward_flow(network.links.size(), 0), backward_flow(network.links.size(), 0);
  Capacity cut_total = 0;
  for (std::size_t i = 0; i < fg.forward.size(); ++i) {
    const Arc a = fg.forward[i];
    const ArcRole& role = fg.roles[i];
    const Capacity arc_flow = g[a].capacity - g[a].residual;
    if (role.kind == ArcRole::Kind::Link) {
      if (role.from == network.links[role.index].from) forward_flow[role.index] += arc_flow;
      else backward_flow[role.index] += arc_flow;
    }
    if (reachable[source(a, g)] && !reachable[target(a, g)]) {
      assert(role.kind != ArcRole::Kind::Terminal && role.limited);
      assert(arc_flow == g[a].capacity);
      cut_total += g[a].capacity;
      // A zero-capacity arc into a dead end adds nothing and binds nothing: leave it out.
      if (g[a].capacity > 0 || reaches_sink[target(a, g)])
        result.min_cut.push_back({role.kind == ArcRole::Kind::Node ? CutElement::Type::Node : CutElement::Type::Link,
                                role.index, role.from, role.to, g[a].capacity});
    }
  }
  assert(cut_total == flow);
  (void)cut_total;

  // Node throughput from the netted link flows: max(inflow, outflow) covers transit nodes
  // (equal), sources (outflow includes their supply) and sinks (inflow includes delivery).
  std::vector<Capacity> inflow(network.nodes.size(), 0), outflow(network.nodes.size(), 0);
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    const Capacity net_flow = forward_flow[l] - backward_flow[l];
    if (net_flow == 0) continue;
    const NodeIndex from = net_flow > 0 ? link.from : link.to;
    const NodeIndex to = net_flow > 0 ? link.to : link.from;
    const Capacity amount = net_flow > 0 ? net_flow : -net_flow;
    result.flows.push_back({l, from, to, amount, link.capacity_tpy});
    outflow[from] += amount;
    inflow[to] += amount;
  }
  for (NodeIndex n = 0; n < node_count; ++n)
    if (const Capacity load = std::max(inflow[n], outflow[n]); load > 0)
      result.node_loads.push_back({n, load, network.nodes[n].capacity_tpy});
  return result;
}

}  // namespace corridor::solve
