#include "solve/flow.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <optional>
#include <queue>
#include <stdexcept>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/range/iterator_range.hpp>

namespace corridor::solve {
namespace {

using Capacity = std::int64_t;
using Index = std::uint32_t;  // vertices and edges of the flow graph
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, Index, Index>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;
constexpr Index kAbsent = std::numeric_limits<Index>::max();

/// What a forward arc of the flow graph stands for.
struct ArcRole {
  enum class Kind { Node, Link, Terminal } kind = Kind::Terminal;
  std::uint32_t index = 0;  ///< NodeIndex or LinkIndex
  NodeIndex from = 0, to = 0;
  bool limited = false;     ///< has a finite capacity from the data
};

/// A graph push-relabel runs on, with its per-edge arrays (indexed by Boost's edge index).
struct EdgeArrays {
  const Graph* graph = nullptr;
  const std::vector<Edge>* reverse = nullptr;       ///< reverse arc of each edge
  const std::vector<Index>* code = nullptr;         ///< 2 * arc + (1 if reverse arc)
  std::vector<Index> forward_edge;                  ///< edge of each arc; kAbsent if left out
};

}  // namespace

struct FlowSolver::Impl {
  const Network* network = nullptr;
  std::vector<NodeIndex> sources, sinks;
  Vertex super_source = 0, super_sink = 0;
  long double finite_total = 0;  ///< all finite capacities of the network together

  // Forward arcs, in the order the graph was built: node arcs (open nodes, in node order), link
  // arcs (open links, in link order, the reverse direction right after a bidirectional link's
  // forward one), super source -> hub, hub -> each source, each sink -> super sink.
  std::vector<ArcRole> roles;
  std::vector<Vertex> arc_from, arc_to;

  // The graph: each arc a and its reverse arc, out-edges of every vertex in build order.
  Graph graph;
  std::vector<Edge> reverse;
  std::vector<Index> code;
  std::vector<Index> forward_edge;

  void add_arc(Vertex u, Vertex v, ArcRole role) {
    arc_from.push_back(u);
    arc_to.push_back(v);
    roles.push_back(role);
  }
};

FlowSolver::FlowSolver(const Network& network, std::vector<NodeIndex> sources, std::vector<NodeIndex> sinks)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  s.network = &network;
  s.sources = std::move(sources);
  s.sinks = std::move(sinks);
  const std::size_t node_count = network.nodes.size();
  // Vertices: in(n) = 2n, out(n) = 2n+1, super source, super sink, and a hub between the
  // super source and the sources.
  const std::size_t vertex_count = 2 * node_count + 3;
  if (vertex_count >= kAbsent / 2) throw std::length_error("network too large for the flow graph");
  const auto vertex = [](std::size_t v) { return static_cast<Vertex>(v); };
  s.super_source = vertex(2 * node_count);
  s.super_sink = vertex(2 * node_count + 1);
  const Vertex hub = vertex(2 * node_count + 2);

  for (const Node& n : network.nodes)
    if (n.capacity_tpy) s.finite_total += static_cast<long double>(*available_tpy(n.capacity_tpy, n.background_tpy));
  for (const Link& l : network.links)
    if (auto c = l.capacity_or_sailings_tpy()) s.finite_total += static_cast<long double>(*available_tpy(c, l.background_tpy));

  for (NodeIndex n = 0; n < node_count; ++n) {
    const Node& node = network.nodes[n];
    if (!node.is_open()) continue;
    s.add_arc(vertex(2 * n), vertex(2 * n + 1), {ArcRole::Kind::Node, n, n, n, node.capacity_tpy.has_value()});
  }
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    if (!network.link_usable(l)) continue;  // unusable for every query (usable_links says so too)
    const Link& link = network.links[l];
    s.add_arc(vertex(2 * link.from + 1), vertex(2 * link.to),
              {ArcRole::Kind::Link, l, link.from, link.to, link.capacity_or_sailings_tpy().has_value()});
    if (link.bidirectional)
      s.add_arc(vertex(2 * link.to + 1), vertex(2 * link.from),
                {ArcRole::Kind::Link, l, link.to, link.from, link.capacity_or_sailings_tpy().has_value()});
  }
  s.add_arc(s.super_source, hub, {});
  for (NodeIndex n : s.sources) s.add_arc(hub, vertex(2 * n), {});
  for (NodeIndex n : s.sinks) s.add_arc(vertex(2 * n + 1), s.super_sink, {});

  // Edge 2a is arc a, edge 2a+1 its reverse. Sorting them by source, stably, keeps each
  // vertex's out-edges in build order: the order push-relabel scans them in, which decides
  // which of the equally maximal flows it returns.
  const std::size_t arc_count = s.roles.size();
  if (2 * arc_count >= kAbsent) throw std::length_error("network too large for the flow graph");
  std::vector<Index> first_slot(vertex_count + 1, 0);
  for (std::size_t a = 0; a < arc_count; ++a) {
    ++first_slot[s.arc_from[a] + 1];
    ++first_slot[s.arc_to[a] + 1];
  }
  for (std::size_t v = 0; v < vertex_count; ++v) first_slot[v + 1] += first_slot[v];
  std::vector<std::pair<Index, Index>> sorted(2 * arc_count);
  std::vector<Index> slot_of(2 * arc_count);
  for (std::size_t a = 0; a < arc_count; ++a) {
    const Vertex u = s.arc_from[a], v = s.arc_to[a];
    slot_of[2 * a] = first_slot[u]++;
    sorted[slot_of[2 * a]] = {u, v};
    slot_of[2 * a + 1] = first_slot[v]++;
    sorted[slot_of[2 * a + 1]] = {v, u};
  }
  s.graph = Graph(boost::edges_are_sorted, sorted.begin(), sorted.end(), static_cast<Index>(vertex_count));
  s.reverse.resize(2 * arc_count);
  s.code.resize(2 * arc_count);
  s.forward_edge.resize(arc_count);
  for (std::size_t a = 0; a < arc_count; ++a) {
    const Index forward = slot_of[2 * a], backward = slot_of[2 * a + 1];
    s.reverse[forward] = Edge(s.arc_to[a], backward);
    s.reverse[backward] = Edge(s.arc_from[a], forward);
    s.code[forward] = static_cast<Index>(2 * a);
    s.code[backward] = static_cast<Index>(2 * a + 1);
    s.forward_edge[a] = forward;
  }
}

FlowSolver::~FlowSolver() = default;
FlowSolver::FlowSolver(FlowSolver&&) noexcept = default;
FlowSolver& FlowSolver::operator=(FlowSolver&&) noexcept = default;

std::size_t FlowSolver::vertex_count() const { return num_vertices(impl_->graph); }
std::size_t FlowSolver::arc_count() const { return impl_->roles.size(); }

FlowResult FlowSolver::max_flow(const FlowQuery& query, const std::vector<CapacityRaise>& raises) const {
  const Impl& s = *impl_;
  const Network& network = *s.network;
  assert(query.sources == s.sources && query.sinks == s.sinks);
  FlowResult result;
  result.query = query;

  // "Unlimited" becomes one more than all finite capacities together: no finite cut can
  // reach it (a cut holds each element at most once), so a flow that does proves a path
  // without finite capacity. The single hub arc caps the whole flow, and so every excess in
  // push-relabel, at `unlimited`: the arithmetic stays far from overflow whatever the number
  // of sources and sinks. resolve() refuses networks whose capacities add up to more than
  // kMaxTotalCapacityTpy, so the check below only guards callers that skip it.
  long double finite_total = s.finite_total;
  std::vector<Capacity> node_extra, link_extra;
  if (!raises.empty()) {
    node_extra.assign(network.nodes.size(), 0);
    link_extra.assign(network.links.size(), 0);
    for (const CapacityRaise& raise : raises) {
      assert(raise.type == CutElement::Type::Link ? network.links[raise.index].capacity_or_sailings_tpy().has_value()
                                                  : network.nodes[raise.index].capacity_tpy.has_value());
      (raise.type == CutElement::Type::Link ? link_extra : node_extra)[raise.index] += raise.extra_tpy;
      finite_total += static_cast<long double>(raise.extra_tpy);
    }
  }
  if (finite_total + 1 > static_cast<long double>(std::numeric_limits<Capacity>::max() / 4))
    throw std::overflow_error("total capacity too large for 64-bit max-flow arithmetic");
  const Capacity unlimited = static_cast<Capacity>(finite_total) + 1;

  // Which arcs this query keeps, and their capacities.
  const std::vector<char> usable = usable_links(network, query.corridors, query.avoid);
  const std::size_t arc_count = s.roles.size();
  std::vector<Capacity> arc_capacity(arc_count);
  std::vector<char> kept(arc_count, 1);
  bool all_kept = true;
  for (std::size_t a = 0; a < arc_count; ++a) {
    const ArcRole& role = s.roles[a];
    Capacity capacity = unlimited;
    if (role.kind == ArcRole::Kind::Node) {
      if (role.limited)
        capacity = *available_tpy(network.nodes[role.index].capacity_tpy, network.nodes[role.index].background_tpy) +
                   (raises.empty() ? 0 : node_extra[role.index]);
    } else if (role.kind == ArcRole::Kind::Link) {
      if (!usable[role.index]) {
        kept[a] = 0;
        all_kept = false;
        continue;
      }
      if (role.limited)
        capacity = *available_tpy(network.links[role.index].capacity_or_sailings_tpy(), network.links[role.index].background_tpy) +
                   (raises.empty() ? 0 : link_extra[role.index]);
    }
    arc_capacity[a] = capacity;
  }

  // Push-relabel's schedule depends on every arc it scans (relabelling counts them towards the
  // next global update, and num_edges sets how often one runs), so a zero-capacity arc in place
  // of a filtered link could change which maximal flow it returns. A filtered query therefore
  // runs on a compacted copy of the arc arrays (no sorting: the kept edges in the same order).
  EdgeArrays in_use;
  Graph compact;
  std::vector<Edge> compact_reverse;
  std::vector<Index> compact_code;
  if (all_kept) {
    in_use.graph = &s.graph;
    in_use.reverse = &s.reverse;
    in_use.code = &s.code;
    in_use.forward_edge = s.forward_edge;
  } else {
    const std::size_t edge_count = s.code.size();
    std::vector<Index> new_edge(edge_count, kAbsent);
    std::vector<std::pair<Index, Index>> edges;
    edges.reserve(edge_count);
    for (Vertex u = 0; u < num_vertices(s.graph); ++u)
      for (const Edge e : boost::make_iterator_range(out_edges(u, s.graph)))
        if (kept[s.code[e.idx] / 2]) {
          new_edge[e.idx] = static_cast<Index>(edges.size());
          edges.emplace_back(u, target(e, s.graph));
          compact_code.push_back(s.code[e.idx]);
        }
    compact = Graph(boost::edges_are_sorted, edges.begin(), edges.end(), num_vertices(s.graph));
    compact_reverse.resize(edges.size());
    for (std::size_t e = 0; e < edge_count; ++e)
      if (new_edge[e] != kAbsent) compact_reverse[new_edge[e]] = Edge(s.reverse[e].src, new_edge[s.reverse[e].idx]);
    in_use.graph = &compact;
    in_use.reverse = &compact_reverse;
    in_use.code = &compact_code;
    in_use.forward_edge.resize(arc_count);
    for (std::size_t a = 0; a < arc_count; ++a) in_use.forward_edge[a] = new_edge[s.forward_edge[a]];
  }

  // push_relabel_max_flow takes the graph by non-const reference but only reads it.
  Graph& g = const_cast<Graph&>(*in_use.graph);
  const std::vector<Index>& code = *in_use.code;
  std::vector<Capacity> capacity(code.size(), 0), residual(code.size(), 0);
  for (std::size_t e = 0; e < code.size(); ++e)
    if (code[e] % 2 == 0) capacity[e] = arc_capacity[code[e] / 2];
  const auto edge_index = get(boost::edge_index, g);
  const Capacity flow = boost::push_relabel_max_flow(
      g, s.super_source, s.super_sink,
      boost::capacity_map(boost::make_iterator_property_map(capacity.begin(), edge_index))
          .residual_capacity_map(boost::make_iterator_property_map(residual.begin(), edge_index))
          .reverse_edge_map(boost::make_iterator_property_map(in_use.reverse->begin(), edge_index)));
  if (flow >= unlimited) {
    result.unbounded = true;
    result.max_flow_tpy = flow;
    return result;
  }
  result.max_flow_tpy = flow;

  // Source side of the minimum cut: vertices reachable from the super source in the residual graph.
  std::vector<char> reachable(num_vertices(g), 0);
  std::queue<Vertex> frontier;
  frontier.push(s.super_source);
  reachable[s.super_source] = 1;
  while (!frontier.empty()) {
    Vertex u = frontier.front();
    frontier.pop();
    for (const Edge e : boost::make_iterator_range(out_edges(u, g))) {
      Vertex v = target(e, g);
      if (!reachable[v] && residual[e.idx] > 0) {
        reachable[v] = 1;
        frontier.push(v);
      }
    }
  }

  // Vertices from which the super sink can be reached at all (over arcs of any capacity, zero
  // included: a path of zero-capacity links still needs one of them in the cut). The reverse
  // arcs out of a vertex lead to the tails of the arcs into it.
  std::vector<char> reaches_sink(num_vertices(g), 0);
  reaches_sink[s.super_sink] = 1;
  frontier.push(s.super_sink);
  while (!frontier.empty()) {
    Vertex v = frontier.front();
    frontier.pop();
    for (const Edge e : boost::make_iterator_range(out_edges(v, g))) {
      if (code[e.idx] % 2 == 0) continue;
      const Vertex u = target(e, g);
      if (!reaches_sink[u]) {
        reaches_sink[u] = 1;
        frontier.push(u);
      }
    }
  }

  // Per-link flows by direction, netted so that a link never carries flow both ways.
  std::vector<Capacity> forward_flow(network.links.size(), 0), backward_flow(network.links.size(), 0);
  Capacity cut_total = 0;
  for (std::size_t a = 0; a < arc_count; ++a) {
    const Index e = in_use.forward_edge[a];
    if (e == kAbsent) continue;
    const ArcRole& role = s.roles[a];
    const Capacity arc_flow = capacity[e] - residual[e];
    if (role.kind == ArcRole::Kind::Link) {
      if (role.from == network.links[role.index].from) forward_flow[role.index] += arc_flow;
      else backward_flow[role.index] += arc_flow;
    }
    if (reachable[s.arc_from[a]] && !reachable[s.arc_to[a]]) {
      assert(role.kind != ArcRole::Kind::Terminal && role.limited);
      assert(arc_flow == capacity[e]);
      cut_total += capacity[e];
      // A zero-capacity arc into a dead end adds nothing and binds nothing: leave it out.
      if (capacity[e] > 0 || reaches_sink[s.arc_to[a]])
        result.min_cut.push_back({role.kind == ArcRole::Kind::Node ? CutElement::Type::Node : CutElement::Type::Link,
                                  role.index, role.from, role.to, capacity[e]});
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
    std::optional<Capacity> link_capacity = available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy);
    if (link_capacity && !raises.empty()) *link_capacity += link_extra[l];
    result.flows.push_back({l, from, to, amount, link_capacity});
    outflow[from] += amount;
    inflow[to] += amount;
  }
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    if (const Capacity load = std::max(inflow[n], outflow[n]); load > 0) {
      std::optional<Capacity> node_capacity = available_tpy(network.nodes[n].capacity_tpy, network.nodes[n].background_tpy);
      if (node_capacity && !raises.empty()) *node_capacity += node_extra[n];
      result.node_loads.push_back({n, load, node_capacity});
    }
  return result;
}

FlowResult max_flow(const Network& network, const FlowQuery& query) {
  return FlowSolver(network, query.sources, query.sinks).max_flow(query);
}

}  // namespace corridor::solve
