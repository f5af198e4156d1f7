#include "solve/schedule.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>

#include "solve/detail/mode_graph.hpp"
#include "solve/route.hpp"

namespace corridor::solve {
namespace {

using Vertex = std::uint32_t;
constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNodeArc = std::numeric_limits<std::uint32_t>::max();

using Graph = detail::CsrGraph;

/// The data of an arc of the mode-expanded graph (solve/detail/mode_graph.hpp).
struct TimedArc {
  std::uint32_t link = kNodeArc;            ///< LinkIndex, or kNodeArc for a pass-through arc
  double fixed_hours = 0.0;                 ///< dwell + transfer, or expected wait + in-motion hours
  double hours_after_departure = 0.0;       ///< in-motion hours of a timetabled link
  const WeeklySchedule* schedule = nullptr; ///< timetabled link: wait for the next departure
};

struct FoundTarget {
  Vertex vertex;
};

/// The timetable search's graph: the mode-expanded graph of the usable links (the same graph
/// and arc figures as Router), each arc with its fixed hours or its timetable, by CSR edge index.
struct TimedGraph {
  detail::ModeExpansion expansion;
  Graph graph;
  std::vector<TimedArc> arcs;
};

TimedGraph timed_graph(const Network& net, const std::vector<char>& usable) {
  TimedGraph timed;
  timed.expansion = detail::expand_modes(net, usable);
  const detail::ModeExpansion& expansion = timed.expansion;
  const Vertex next = expansion.vertex_count();
  std::vector<Vertex> tails, heads;
  tails.reserve(expansion.arcs.size());
  heads.reserve(expansion.arcs.size());
  for (const detail::ModeArc& mode_arc : expansion.arcs) {
    tails.push_back(mode_arc.from);
    heads.push_back(mode_arc.to);
  }
  const std::vector<Vertex> positions = detail::csr_positions(tails, next);
  timed.graph = detail::csr_graph(tails, heads, positions, next);
  timed.arcs.resize(expansion.arcs.size());
  for (std::size_t i = 0; i < expansion.arcs.size(); ++i) {
    const detail::ModeArc& mode_arc = expansion.arcs[i];
    const StepMetrics metrics = step_metrics(net, mode_arc.step());
    TimedArc arc{mode_arc.is_link() ? mode_arc.link_or_node() : kNodeArc, metrics.hours, 0.0, nullptr};
    if (mode_arc.is_link()) {
      const Link& link = net.links[mode_arc.link_or_node()];
      if (link.schedule && !link.schedule->departure_minutes.empty()) {
        arc.schedule = &*link.schedule;  // the actual wait replaces the expected one
        arc.fixed_hours = 0.0;
        arc.hours_after_departure = metrics.in_motion_hours;
      }
    }
    timed.arcs[positions[i]] = arc;
  }
  return timed;
}

}  // namespace

Route time_route(const Network& network, const Route& route, double start_hours_into_week) {
  Route timed = route;
  timed.hours = 0.0;
  for (RouteLeg& leg : timed.legs) {
    const Link& link = network.links[leg.link];
    timed.hours += leg.dwell_hours + leg.transfer_hours;
    if (link.schedule && !link.schedule->departure_minutes.empty())
      leg.wait_hours = link.schedule->wait_hours_at(start_hours_into_week + timed.hours);
    timed.hours += leg.wait_hours + leg.hours;
  }
  return timed;
}

std::optional<TimedRoute> earliest_arrival(const Network& net, const RouteQuery& query, std::int64_t depart_minutes) {
  assert(query.from < net.nodes.size() && query.to < net.nodes.size());
  const double start = hours_into_week(depart_minutes);
  const std::vector<char> usable = detail::usable_links_of_modes(net, query.corridors, query.avoid, query.modes);

  const TimedGraph searched = timed_graph(net, usable);
  const auto& arrival = searched.expansion.arrival;
  const auto& departure = searched.expansion.departure;
  const Vertex next = searched.expansion.vertex_count();
  const Graph& graph = searched.graph;
  const std::vector<TimedArc>& sorted_arcs = searched.arcs;

  std::vector<Vertex> sources;
  std::vector<char> is_target(next, 0);
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (departure[query.from][m] != kNoVertex) sources.push_back(departure[query.from][m]);
    if (arrival[query.to][m] != kNoVertex) is_target[arrival[query.to][m]] = 1;
  }
  if (sources.empty()) return std::nullopt;

  // Labels are hours after departure. The "weight" of an arc is its index; combining a label
  // with it gives the arrival time at the arc's head (a time-dependent, FIFO arc cost).
  auto arrive = [&](double at, Vertex arc_index) {
    if (at == kInfinity) return kInfinity;
    const TimedArc& arc = sorted_arcs[arc_index];
    if (!arc.schedule) return at + arc.fixed_hours;
    return at + arc.schedule->wait_hours_at(start + at) + arc.hours_after_departure;
  };
  std::vector<double> label(next, kInfinity);
  std::vector<Vertex> predecessor(next);
  std::vector<Vertex> predecessor_arc(next, kNoVertex);
  auto index = get(boost::vertex_index, graph);
  auto arc_index = get(boost::edge_index, graph);
  struct Visitor : boost::default_dijkstra_visitor {
    const std::vector<char>* is_target;
    std::vector<Vertex>* arc_of;
    void examine_vertex(Vertex v, const Graph&) const {
      if ((*is_target)[v]) throw FoundTarget{v};
    }
    void edge_relaxed(const Graph::edge_descriptor& e, const Graph& g) const {
      (*arc_of)[target(e, g)] = get(boost::edge_index, g, e);
    }
  } visitor;
  visitor.is_target = &is_target;
  visitor.arc_of = &predecessor_arc;
  Vertex reached = kNoVertex;
  try {
    boost::dijkstra_shortest_paths(graph, sources.begin(), sources.end(),
                                   boost::make_iterator_property_map(predecessor.begin(), index),
                                   boost::make_iterator_property_map(label.begin(), index), arc_index, index,
                                   std::less<double>(), arrive, kInfinity, 0.0, visitor);
  } catch (const FoundTarget& found) {
    reached = found.vertex;
  }
  if (reached == kNoVertex || label[reached] == kInfinity) return std::nullopt;

  std::vector<LinkIndex> links;
  Vertex v = reached;
  while (std::find(sources.begin(), sources.end(), v) == sources.end()) {
    const Vertex a = predecessor_arc[v];
    assert(a != kNoVertex);
    if (sorted_arcs[a].link != kNodeArc) links.push_back(sorted_arcs[a].link);
    v = predecessor[v];
  }
  std::reverse(links.begin(), links.end());
  TimedRoute timed;
  timed.route = time_route(net, make_route(net, query.from, links), start);
  timed.depart_minutes = depart_minutes;
  timed.arrive_minutes = depart_minutes + std::llround(timed.route.hours * 60.0);
  return timed;
}

}  // namespace corridor::solve
