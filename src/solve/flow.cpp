#include "solve/flow.hpp"

#include <algorithm>
#include <cassert>
#include <limits>
#include <optional>
#include <queue>
#include <stdexcept>

#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/range/iterator_range.hpp>

#include "solve/detail/mode_graph.hpp"

namespace corridor::solve {
namespace {

using Capacity = std::int64_t;
using Index = std::uint32_t;  // vertices and edges of the flow graph
using Graph = detail::CsrGraph;
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

/// One query's capacities: per arc of the flow graph (links the query may not use are left out),
/// and the raises per node and link (empty without raises).
struct QueryCapacities {
  Capacity unlimited = 0;
  std::vector<Capacity> arc_capacity;
  std::vector<char> kept;
  bool all_kept = true;
  std::vector<Capacity> node_extra, link_extra;
};

/// The edge arrays a query runs on: the solver's own, or a compacted copy without the arcs it
/// leaves out (pointed to by `arrays`, so not to be moved).
struct EdgesInUse {
  EdgeArrays arrays;
  Graph compact;
  std::vector<Edge> compact_reverse;
  std::vector<Index> compact_code;
};

/// Which vertices are on the source side of the minimum cut (reachable from the super source in
/// the residual graph), and from which the super sink can be reached at all.
struct CutSides {
  std::vector<char> reachable;
  std::vector<char> reaches_sink;
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

  /// The steps of max_flow (a member each, so that they see the graph without copying it).
  QueryCapacities capacities(const FlowQuery& query, const std::vector<CapacityRaise>& raises) const;
  void select_edges(const QueryCapacities& c, EdgesInUse& out) const;
  CutSides cut_sides(const Graph& g, const std::vector<Index>& edge_code, const std::vector<Capacity>& residual) const;
  void add_cut_and_loads(const QueryCapacities& c, const EdgeArrays& in_use, const CutSides& sides,
                         const std::vector<Capacity>& capacity, const std::vector<Capacity>& residual,
                         FlowResult& result) const;

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
  std::vector<Index> tails(2 * arc_count), heads(2 * arc_count);
  for (std::size_t a = 0; a < arc_count; ++a) {
    tails[2 * a] = heads[2 * a + 1] = s.arc_from[a];
    heads[2 * a] = tails[2 * a + 1] = s.arc_to[a];
  }
  const std::vector<Index> slot_of = detail::csr_positions(tails, vertex_count);
  s.graph = detail::csr_graph(tails, heads, slot_of, vertex_count);
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

QueryCapacities FlowSolver::Impl::capacities(const FlowQuery& query, const std::vector<CapacityRaise>& raises) const {
  const Network& net = *network;
  QueryCapacities c;
  // "Unlimited" becomes one more than all finite capacities together: no finite cut can
  // reach it (a cut holds each element at most once), so a flow that does proves a path
  // without finite capacity. The single hub arc caps the whole flow, and so every excess in
  // push-relabel, at `unlimited`: the arithmetic stays far from overflow whatever the number
  // of sources and sinks. resolve() refuses networks whose capacities add up to more than
  // kMaxTotalCapacityTpy, so the check below only guards callers that skip it.
  long double total = finite_total;
  if (!raises.empty()) {
    c.node_extra.assign(net.nodes.size(), 0);
    c.link_extra.assign(net.links.size(), 0);
    for (const CapacityRaise& raise : raises) {
      assert(raise.type == CutElement::Type::Link ? net.links[raise.index].capacity_or_sailings_tpy().has_value()
                                                  : net.nodes[raise.index].capacity_tpy.has_value());
      (raise.type == CutElement::Type::Link ? c.link_extra : c.node_extra)[raise.index] += raise.extra_tpy;
      total += static_cast<long double>(raise.extra_tpy);
    }
  }
  if (total + 1 > static_cast<long double>(std::numeric_limits<Capacity>::max() / 4))
    throw std::overflow_error("total capacity too large for 64-bit max-flow arithmetic");
  c.unlimited = static_cast<Capacity>(total) + 1;

  // Which arcs this query keeps, and their capacities.
  const std::vector<char> usable = usable_links(net, query.corridors, query.avoid);
  const std::size_t arc_count = roles.size();
  c.arc_capacity.assign(arc_count, 0);
  c.kept.assign(arc_count, 1);
  for (std::size_t a = 0; a < arc_count; ++a) {
    const ArcRole& role = roles[a];
    Capacity capacity = c.unlimited;
    if (role.kind == ArcRole::Kind::Node) {
      if (role.limited)
        capacity = *available_tpy(net.nodes[role.index].capacity_tpy, net.nodes[role.index].background_tpy) +
                   (raises.empty() ? 0 : c.node_extra[role.index]);
    } else if (role.kind == ArcRole::Kind::Link) {
      if (!usable[role.index]) {
        c.kept[a] = 0;
        c.all_kept = false;
        continue;
      }
      if (role.limited)
        capacity = *available_tpy(net.links[role.index].capacity_or_sailings_tpy(), net.links[role.index].background_tpy) +
                   (raises.empty() ? 0 : c.link_extra[role.index]);
    }
    c.arc_capacity[a] = capacity;
  }
  return c;
}

void FlowSolver::Impl::select_edges(const QueryCapacities& c, EdgesInUse& out) const {
  // Push-relabel's schedule depends on every arc it scans (relabelling counts them towards the
  // next global update, and num_edges sets how often one runs), so a zero-capacity arc in place
  // of a filtered link could change which maximal flow it returns. A filtered query therefore
  // runs on a compacted copy of the arc arrays (no sorting: the kept edges in the same order).
  EdgeArrays& in_use = out.arrays;
  if (c.all_kept) {
    in_use.graph = &graph;
    in_use.reverse = &reverse;
    in_use.code = &code;
    in_use.forward_edge = forward_edge;
    return;
  }
  const std::size_t edge_count = code.size();
  std::vector<Index> new_edge(edge_count, kAbsent);
  std::vector<std::pair<Index, Index>> edges;
  edges.reserve(edge_count);
  for (Vertex u = 0; u < num_vertices(graph); ++u)
    for (const Edge e : boost::make_iterator_range(out_edges(u, graph)))
      if (c.kept[code[e.idx] / 2]) {
        new_edge[e.idx] = static_cast<Index>(edges.size());
        edges.emplace_back(u, target(e, graph));
        out.compact_code.push_back(code[e.idx]);
      }
  out.compact = Graph(boost::edges_are_sorted, edges.begin(), edges.end(), num_vertices(graph));
  out.compact_reverse.resize(edges.size());
  for (std::size_t e = 0; e < edge_count; ++e)
    if (new_edge[e] != kAbsent) out.compact_reverse[new_edge[e]] = Edge(reverse[e].src, new_edge[reverse[e].idx]);
  in_use.graph = &out.compact;
  in_use.reverse = &out.compact_reverse;
  in_use.code = &out.compact_code;
  in_use.forward_edge.resize(roles.size());
  for (std::size_t a = 0; a < roles.size(); ++a) in_use.forward_edge[a] = new_edge[forward_edge[a]];
}

CutSides FlowSolver::Impl::cut_sides(const Graph& g, const std::vector<Index>& edge_code,
                                     const std::vector<Capacity>& residual) const {
  CutSides sides;
  // Source side of the minimum cut: vertices reachable from the super source in the residual graph.
  std::vector<char>& reachable = sides.reachable;
  reachable.assign(num_vertices(g), 0);
  std::queue<Vertex> frontier;
  frontier.push(super_source);
  reachable[super_source] = 1;
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
  std::vector<char>& reaches_sink = sides.reaches_sink;
  reaches_sink.assign(num_vertices(g), 0);
  reaches_sink[super_sink] = 1;
  frontier.push(super_sink);
  while (!frontier.empty()) {
    Vertex v = frontier.front();
    frontier.pop();
    for (const Edge e : boost::make_iterator_range(out_edges(v, g))) {
      if (edge_code[e.idx] % 2 == 0) continue;
      const Vertex u = target(e, g);
      if (!reaches_sink[u]) {
        reaches_sink[u] = 1;
        frontier.push(u);
      }
    }
  }
  return sides;
}

void FlowSolver::Impl::add_cut_and_loads(const QueryCapacities& c, const EdgeArrays& in_use, const CutSides& sides,
                                         const std::vector<Capacity>& capacity, const std::vector<Capacity>& residual,
                                         FlowResult& result) const {
  const Network& net = *network;
  const std::vector<Capacity>& node_extra = c.node_extra;
  const std::vector<Capacity>& link_extra = c.link_extra;
  const bool raised = !c.link_extra.empty();
  // Per-link flows by direction, netted so that a link never carries flow both ways.
  std::vector<Capacity> forward_flow(net.links.size(), 0), backward_flow(net.links.size(), 0);
  Capacity cut_total = 0;
  for (std::size_t a = 0; a < roles.size(); ++a) {
    const Index e = in_use.forward_edge[a];
    if (e == kAbsent) continue;
    const ArcRole& role = roles[a];
    const Capacity arc_flow = capacity[e] - residual[e];
    if (role.kind == ArcRole::Kind::Link) {
      if (role.from == net.links[role.index].from) forward_flow[role.index] += arc_flow;
      else backward_flow[role.index] += arc_flow;
    }
    if (sides.reachable[arc_from[a]] && !sides.reachable[arc_to[a]]) {
      assert(role.kind != ArcRole::Kind::Terminal && role.limited);
      assert(arc_flow == capacity[e]);
      cut_total += capacity[e];
      // A zero-capacity arc into a dead end adds nothing and binds nothing: leave it out.
      if (capacity[e] > 0 || sides.reaches_sink[arc_to[a]])
        result.min_cut.push_back({role.kind == ArcRole::Kind::Node ? CutElement::Type::Node : CutElement::Type::Link,
                                  role.index, role.from, role.to, capacity[e]});
    }
  }
  assert(cut_total == result.max_flow_tpy);
  (void)cut_total;

  // Node throughput from the netted link flows: max(inflow, outflow) covers transit nodes
  // (equal), sources (outflow includes their supply) and sinks (inflow includes delivery).
  std::vector<Capacity> inflow(net.nodes.size(), 0), outflow(net.nodes.size(), 0);
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    const Link& link = net.links[l];
    const Capacity net_flow = forward_flow[l] - backward_flow[l];
    if (net_flow == 0) continue;
    const NodeIndex from = net_flow > 0 ? link.from : link.to;
    const NodeIndex to = net_flow > 0 ? link.to : link.from;
    const Capacity amount = net_flow > 0 ? net_flow : -net_flow;
    std::optional<Capacity> link_capacity = available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy);
    if (link_capacity && raised) *link_capacity += link_extra[l];
    result.flows.push_back({l, from, to, amount, link_capacity});
    outflow[from] += amount;
    inflow[to] += amount;
  }
  for (NodeIndex n = 0; n < net.nodes.size(); ++n)
    if (const Capacity load = std::max(inflow[n], outflow[n]); load > 0) {
      std::optional<Capacity> node_capacity = available_tpy(net.nodes[n].capacity_tpy, net.nodes[n].background_tpy);
      if (node_capacity && raised) *node_capacity += node_extra[n];
      result.node_loads.push_back({n, load, node_capacity});
    }
}

FlowResult FlowSolver::max_flow(const FlowQuery& query, const std::vector<CapacityRaise>& raises) const {
  const Impl& s = *impl_;
  assert(query.sources == s.sources && query.sinks == s.sinks);
  FlowResult result;
  result.query = query;
  const QueryCapacities c = s.capacities(query, raises);
  EdgesInUse edges;
  s.select_edges(c, edges);
  const EdgeArrays& in_use = edges.arrays;

  // push_relabel_max_flow takes the graph by non-const reference but only reads it.
  Graph& g = const_cast<Graph&>(*in_use.graph);
  const std::vector<Index>& code = *in_use.code;
  std::vector<Capacity> capacity(code.size(), 0), residual(code.size(), 0);
  for (std::size_t e = 0; e < code.size(); ++e)
    if (code[e] % 2 == 0) capacity[e] = c.arc_capacity[code[e] / 2];
  const auto edge_index = get(boost::edge_index, g);
  const Capacity flow = boost::push_relabel_max_flow(
      g, s.super_source, s.super_sink,
      boost::capacity_map(boost::make_iterator_property_map(capacity.begin(), edge_index))
          .residual_capacity_map(boost::make_iterator_property_map(residual.begin(), edge_index))
          .reverse_edge_map(boost::make_iterator_property_map(in_use.reverse->begin(), edge_index)));
  result.max_flow_tpy = flow;
  if (flow >= c.unlimited) {
    result.unbounded = true;
    return result;
  }
  s.add_cut_and_loads(c, in_use, s.cut_sides(g, code, residual), capacity, residual, result);
  return result;
}

FlowResult max_flow(const Network& network, const FlowQuery& query) {
  return FlowSolver(network, query.sources, query.sinks).max_flow(query);
}

}  // namespace corridor::solve
