#include "solve/equilibrium.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <tuple>

#include "model/delay.hpp"
#include "solve/detail/mode_graph.hpp"
#include "solve/route.hpp"

namespace corridor::solve {
namespace {

constexpr int kNoElement = -1;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// Conjugate Frank-Wolfe keeps the new direction's weight on the previous one below 1 - this,
/// so that every direction keeps some of the all-or-nothing solution (Mitradjieva and Lindberg 2013).
constexpr double kConjugateMargin = 0.01;
/// A load at least this share of a hard capacity counts as binding it.
constexpr double kBindingShare = 1e-3;

/// What carries load: a link direction (its arc) or a node (its pass-through arcs, plus the
/// fixed flow starting or ending there, as the linear program counts node throughput), on top of
/// its background traffic (`background_tpy`, which delays it and counts against its capacity).
struct Element {
  CutElement::Type type = CutElement::Type::Link;
  std::uint32_t index = 0;
  NodeIndex from = 0, to = 0;
  std::optional<DelayFunction> delay;
  double free_flow_hours = 0.0;
  double fixed_tpy = 0.0;
  std::optional<double> hard_capacity_tpy;
  /// A shared resource (network.resources[*resource]; type and index unused): loaded by the arcs
  /// of the links and nodes that use it, each tonne times its factor; a hard capacity, no delay.
  std::optional<std::size_t> resource;
};

struct Problem {
  detail::ModeExpansion x;
  std::vector<double> base_weight;   ///< per arc: the route model's weight per tonne
  std::vector<int> element_of_arc;   ///< per arc: its link or node
  /// Per arc, the shared resources its link or node uses (element, units per tonne): arcs
  /// [uses_begin[a], uses_begin[a + 1]) of arc_uses.
  std::vector<std::uint32_t> uses_begin;
  std::vector<std::pair<int, double>> arc_uses;
  std::vector<Element> elements;
  std::vector<std::uint32_t> out_begin, out_arcs;  ///< arcs leaving each vertex (CSR)
  double hour_weight = 1.0;          ///< weight of one delay hour
  double penalty_weight = 0.0;       ///< weight per tonne of a load one capacity above capacity
  bool system = false;
};

Problem build_problem(const Network& network, const AssignQuery& query) {
  Problem p;
  p.x = detail::expand_modes(network, usable_links(network, query.corridors, query.avoid));
  p.hour_weight = hour_weight_per_t(query.weights);
  p.system = query.equilibrium && query.equilibrium->kind == EquilibriumKind::System;
  const std::size_t arc_count = p.x.arcs.size();
  p.base_weight.resize(arc_count);
  p.element_of_arc.assign(arc_count, kNoElement);
  std::vector<int> node_element(network.nodes.size(), kNoElement);
  // Shared resources: one element each, its capacity less the other cargo a hard capacity.
  std::vector<int> resource_element(network.resources.size(), kNoElement);
  for (std::size_t r = 0; r < network.resources.size(); ++r) {
    const Resource& resource = network.resources[r];
    Element e;
    e.resource = r;
    e.hard_capacity_tpy = std::max(0.0, resource.capacity - std::max(0.0, resource.background_tpy));
    resource_element[r] = static_cast<int>(p.elements.size());
    p.elements.push_back(std::move(e));
  }
  auto uses_of = [&](const OutOfLineList<ResourceUse>& uses) {
    std::vector<std::pair<int, double>> out;
    for (const ResourceUse& use : uses)
      if (const auto r = network.find_resource(use.resource)) out.emplace_back(resource_element[*r], use.factor);
    return out;
  };
  std::vector<std::vector<std::pair<int, double>>> node_uses(network.nodes.size());
  for (std::size_t n = 0; n < network.nodes.size(); ++n) node_uses[n] = uses_of(network.nodes[n].uses);
  p.uses_begin.assign(arc_count + 1, 0);
  double weight_sum = 1.0;
  for (std::size_t a = 0; a < arc_count; ++a) {
    const detail::ModeArc& arc = p.x.arcs[a];
    const NodeIndex from = p.x.node_of_vertex[arc.from], to = p.x.node_of_vertex[arc.to];
    if (arc.is_link()) {
      const Link& link = network.links[arc.link_or_node()];
      p.base_weight[a] = weight_per_t(step_metrics(network, arc.step()), query.weights);
      Element e{CutElement::Type::Link, arc.link_or_node(), from, to, effective_delay(link), delay_free_flow_hours(link),
                static_cast<double>(link.background_tpy), std::nullopt, std::nullopt};
      if (const auto capacity = link.capacity_or_sailings_tpy()) e.hard_capacity_tpy = static_cast<double>(*capacity);
      p.element_of_arc[a] = static_cast<int>(p.elements.size());
      p.elements.push_back(std::move(e));
      for (const auto& use : uses_of(link.uses)) p.arc_uses.push_back(use);
    } else {
      const Node& node = network.nodes[arc.link_or_node()];
      p.base_weight[a] = weight_per_t(step_metrics(network, arc.step()), query.weights);
      int& slot = node_element[arc.link_or_node()];
      if (slot == kNoElement) {
        Element e{CutElement::Type::Node, arc.link_or_node(), from, from, effective_delay(node),
                  delay_free_flow_hours(node), static_cast<double>(node.background_tpy), std::nullopt, std::nullopt};
        if (node.capacity_tpy) e.hard_capacity_tpy = static_cast<double>(*node.capacity_tpy);
        slot = static_cast<int>(p.elements.size());
        p.elements.push_back(std::move(e));
      }
      p.element_of_arc[a] = slot;
      for (const auto& use : node_uses[arc.link_or_node()]) p.arc_uses.push_back(use);
    }
    p.uses_begin[a + 1] = static_cast<std::uint32_t>(p.arc_uses.size());
    weight_sum += p.base_weight[a];
  }
  // Above a hard capacity, each tonne pays this much per capacity of overload: 1000 times
  // more than any path weighs, so that a detour is taken before 0.1 % of a capacity is exceeded.
  p.penalty_weight = 1000.0 * query.unserved_penalty_per_t.value_or(weight_sum);
  for (const OdDemand& od : query.demand)
    for (NodeIndex n : {od.from, od.to})
      if (node_element[n] != kNoElement) {
        p.elements[node_element[n]].fixed_tpy += od.tonnes_per_year;
        for (const auto& [element, factor] : node_uses[n]) p.elements[element].fixed_tpy += factor * od.tonnes_per_year;
      }
  p.out_begin.assign(p.x.vertex_count() + 1, 0);
  for (const auto& arc : p.x.arcs) ++p.out_begin[arc.from + 1];
  for (std::size_t v = 0; v < p.x.vertex_count(); ++v) p.out_begin[v + 1] += p.out_begin[v];
  p.out_arcs.resize(arc_count);
  std::vector<std::uint32_t> next(p.out_begin.begin(), p.out_begin.end() - 1);
  for (std::size_t a = 0; a < arc_count; ++a) p.out_arcs[next[p.x.arcs[a].from]++] = static_cast<std::uint32_t>(a);
  return p;
}

/// The load-dependent weight per tonne of an element at load L, and its first two derivatives.
struct Curve {
  double value = 0.0, slope = 0.0, curvature = 0.0;
};

Curve element_curve(const Problem& p, const Element& e, double load) {
  Curve c;
  if (e.delay) {
    c.value = p.hour_weight * delay_hours(*e.delay, e.free_flow_hours, load);
    c.slope = p.hour_weight * delay_slope(*e.delay, e.free_flow_hours, load);
    c.curvature = p.hour_weight * delay_curvature(*e.delay, e.free_flow_hours, load);
  }
  if (e.hard_capacity_tpy && load > *e.hard_capacity_tpy) {
    const double capacity = std::max(*e.hard_capacity_tpy, 1.0);
    c.value += p.penalty_weight * (load - *e.hard_capacity_tpy) / capacity;
    c.slope += p.penalty_weight / capacity;
  }
  return c;
}

/// The weight an arc's user sees at the element's load: its own (user equilibrium) or the
/// marginal one it causes to all users of the element (system optimum).
double element_cost(const Problem& p, const Element& e, double load) {
  const Curve c = element_curve(p, e, load);
  return p.system ? c.value + load * c.slope : c.value;
}
/// The part of element_cost that is the overload penalty of a hard capacity (zero within it).
double element_overload_cost(const Problem& p, const Element& e, double load) {
  if (!e.hard_capacity_tpy || load <= *e.hard_capacity_tpy) return 0.0;
  const double capacity = std::max(*e.hard_capacity_tpy, 1.0);
  const double value = p.penalty_weight * (load - *e.hard_capacity_tpy) / capacity;
  return p.system ? value + load * p.penalty_weight / capacity : value;
}
/// Derivative of element_cost in the load (the diagonal Hessian of the objective).
double element_cost_slope(const Problem& p, const Element& e, double load) {
  const Curve c = element_curve(p, e, load);
  return p.system ? 2.0 * c.slope + load * c.curvature : c.slope;
}

std::vector<double> element_loads(const Problem& p, const std::vector<double>& arc_flow) {
  std::vector<double> load(p.elements.size());
  for (std::size_t e = 0; e < p.elements.size(); ++e) load[e] = p.elements[e].fixed_tpy;
  for (std::size_t a = 0; a < arc_flow.size(); ++a) load[p.element_of_arc[a]] += arc_flow[a];
  if (!p.arc_uses.empty())  // shared resources (none on most networks: this loop is then skipped)
    for (std::size_t a = 0; a < arc_flow.size(); ++a)
      for (std::uint32_t u = p.uses_begin[a]; u < p.uses_begin[a + 1]; ++u)
        load[p.arc_uses[u].first] += p.arc_uses[u].second * arc_flow[a];
  return load;
}

using PathArcs = std::vector<std::uint32_t>;

/// A flow split over paths (ids into the interned path table), per OD pair.
using PathFlows = std::vector<std::pair<std::uint32_t, double>>;

void add_path_flow(PathFlows& flows, std::uint32_t path, double amount) {
  for (auto& [id, flow] : flows)
    if (id == path) {
      flow += amount;
      return;
    }
  flows.emplace_back(path, amount);
}

struct AllOrNothing {
  std::vector<double> arc_flow;
  std::vector<std::optional<std::uint32_t>> path;  ///< per OD pair; none = unreachable
  double shortest_total = 0.0;                     ///< sum of demand x shortest path weight
};

class Solver {
 public:
  Solver(const Network& network, const AssignQuery& query) : query_(query), p_(build_problem(network, query)) {
    for (std::size_t k = 0; k < query.demand.size(); ++k) by_origin_[query.demand[k].from].push_back(k);
  }

  /// Shortest paths for every OD pair at the given arc costs.
  AllOrNothing all_or_nothing(const std::vector<double>& arc_cost) {
    AllOrNothing aon;
    aon.arc_flow.assign(p_.x.arcs.size(), 0.0);
    aon.path.assign(query_.demand.size(), std::nullopt);
    const std::size_t n = p_.x.vertex_count();
    std::vector<double> dist(n);
    std::vector<std::uint32_t> pred(n);
    using Entry = std::pair<double, std::uint32_t>;
    for (const auto& [origin, pairs] : by_origin_) {
      std::fill(dist.begin(), dist.end(), kInfinity);
      std::fill(pred.begin(), pred.end(), std::numeric_limits<std::uint32_t>::max());
      std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
      for (detail::ModeVertex v : p_.x.departure[origin])
        if (v != detail::kNoModeVertex) dist[v] = 0.0, heap.push({0.0, v});
      while (!heap.empty()) {
        const auto [d, v] = heap.top();
        heap.pop();
        if (d > dist[v]) continue;
        for (std::uint32_t i = p_.out_begin[v]; i < p_.out_begin[v + 1]; ++i) {
          const std::uint32_t a = p_.out_arcs[i];
          const std::uint32_t w = p_.x.arcs[a].to;
          const double candidate = d + arc_cost[a];
          if (candidate < dist[w]) dist[w] = candidate, pred[w] = a, heap.push({candidate, w});
        }
      }
      for (std::size_t k : pairs) {
        const OdDemand& od = query_.demand[k];
        detail::ModeVertex best = detail::kNoModeVertex;
        for (detail::ModeVertex v : p_.x.arrival[od.to])
          if (v != detail::kNoModeVertex && dist[v] < kInfinity && (best == detail::kNoModeVertex || dist[v] < dist[best]))
            best = v;
        if (best == detail::kNoModeVertex || od.from == od.to) continue;
        PathArcs arcs;
        for (detail::ModeVertex v = best; pred[v] != std::numeric_limits<std::uint32_t>::max(); v = p_.x.arcs[pred[v]].from)
          arcs.push_back(pred[v]);
        std::reverse(arcs.begin(), arcs.end());
        for (std::uint32_t a : arcs) aon.arc_flow[a] += od.tonnes_per_year;
        aon.path[k] = intern(std::move(arcs));
        aon.shortest_total += od.tonnes_per_year * dist[best];
      }
    }
    return aon;
  }

  std::vector<double> arc_costs(const std::vector<double>& load) const {
    std::vector<double> cost(p_.base_weight);
    for (std::size_t a = 0; a < cost.size(); ++a) {
      const int e = p_.element_of_arc[a];
      cost[a] += element_cost(p_, p_.elements[e], load[e]);
    }
    if (!p_.arc_uses.empty()) {  // what the shared resources an arc uses add to its cost
      std::vector<double> resource_cost(p_.elements.size(), 0.0);
      for (std::size_t e = 0; e < p_.elements.size(); ++e)
        if (p_.elements[e].resource) resource_cost[e] = element_cost(p_, p_.elements[e], load[e]);
      for (std::size_t a = 0; a < cost.size(); ++a)
        for (std::uint32_t u = p_.uses_begin[a]; u < p_.uses_begin[a + 1]; ++u)
          cost[a] += p_.arc_uses[u].second * resource_cost[p_.arc_uses[u].first];
    }
    return cost;
  }

  /// The step along x + lambda (s - x) that minimises the objective: the zero of its derivative.
  double line_search(const std::vector<double>& x, const std::vector<double>& s) const {
    const std::vector<double> load_x = element_loads(p_, x), load_s = element_loads(p_, s);
    double linear = 0.0;
    for (std::size_t a = 0; a < x.size(); ++a) linear += (s[a] - x[a]) * p_.base_weight[a];
    auto derivative = [&](double lambda) {
      double value = linear;
      for (std::size_t e = 0; e < p_.elements.size(); ++e) {
        const double change = load_s[e] - load_x[e];
        if (change != 0.0) value += change * element_cost(p_, p_.elements[e], load_x[e] + lambda * change);
      }
      return value;
    };
    if (derivative(0.0) >= 0.0) return 0.0;
    if (derivative(1.0) <= 0.0) return 1.0;
    double low = 0.0, high = 1.0;
    for (int i = 0; i < 60 && high - low > 1e-15; ++i) {
      const double mid = 0.5 * (low + high);
      (derivative(mid) < 0.0 ? low : high) = mid;
    }
    return 0.5 * (low + high);
  }

  /// The conjugate direction's weight on the previous direction point s_bar (see kConjugateMargin).
  double conjugate_weight(const std::vector<double>& x, const std::vector<double>& s_bar,
                          const std::vector<double>& y) const {
    const std::vector<double> lx = element_loads(p_, x), ls = element_loads(p_, s_bar), ly = element_loads(p_, y);
    double numerator = 0.0, denominator = 0.0;
    for (std::size_t e = 0; e < p_.elements.size(); ++e) {
      const double h = element_cost_slope(p_, p_.elements[e], lx[e]);
      numerator += (ls[e] - lx[e]) * h * (ly[e] - lx[e]);
      denominator += (ls[e] - lx[e]) * h * (ly[e] - ls[e]);
    }
    if (denominator == 0.0 || !std::isfinite(numerator / denominator)) return 0.0;
    return std::clamp(numerator / denominator, 0.0, 1.0 - kConjugateMargin);
  }

  AssignResult run(const Network& network);

 private:
  std::uint32_t intern(PathArcs arcs) {
    const auto [it, added] = path_ids_.emplace(std::move(arcs), static_cast<std::uint32_t>(paths_.size()));
    if (added) paths_.push_back(&it->first);
    return it->second;
  }
  void fill_result(const Network& network, const std::vector<double>& x, const std::vector<PathFlows>& flows,
                   AssignResult& result) const;

  const AssignQuery& query_;
  Problem p_;
  std::map<NodeIndex, std::vector<std::size_t>> by_origin_;
  std::map<PathArcs, std::uint32_t> path_ids_;
  std::vector<const PathArcs*> paths_;
};

AssignResult Solver::run(const Network& network) {
  AssignResult result;
  result.query = query_;
  result.solved = true;
  result.solver_status = AssignSolverStatus::ConjugateFrankWolfe;
  EquilibriumStats stats;
  stats.settings = *query_.equilibrium;
  const std::size_t ods = query_.demand.size();

  std::vector<double> x(p_.x.arcs.size(), 0.0), s_bar;
  std::vector<PathFlows> x_paths(ods), s_paths(ods);
  const AllOrNothing start = all_or_nothing(arc_costs(element_loads(p_, x)));
  x = start.arc_flow;
  for (std::size_t k = 0; k < ods; ++k)
    if (start.path[k]) x_paths[k] = {{*start.path[k], query_.demand[k].tonnes_per_year}};
  bool have_previous = false;
  while (true) {
    const std::vector<double> load = element_loads(p_, x);
    const std::vector<double> cost = arc_costs(load);
    AllOrNothing y = all_or_nothing(cost);
    double total = 0.0, overload = 0.0;
    for (std::size_t a = 0; a < x.size(); ++a) {
      total += x[a] * cost[a];
      const int e = p_.element_of_arc[a];
      overload += x[a] * element_overload_cost(p_, p_.elements[e], load[e]);
    }
    // A resource's overload, on the tonnes that use it (its load counts them times their factors).
    for (std::size_t e = 0; e < p_.elements.size(); ++e)
      if (p_.elements[e].resource) overload += load[e] * element_overload_cost(p_, p_.elements[e], load[e]);
    // The gap is relative to the loaded weight without the overload penalty: a penalty every
    // route of a pair must pay (an over-full destination) would otherwise swamp the denominator
    // and report convergence at once.
    const double scale = total - overload > 0.0 ? total - overload : total;
    stats.relative_gap = scale > 0.0 ? std::max(0.0, (total - y.shortest_total) / scale) : 0.0;
    if (total <= 0.0 && y.shortest_total <= 0.0 && std::all_of(x.begin(), x.end(), [](double f) { return f == 0.0; })) {
      stats.stop = EquilibriumStop::NothingToAssign;
      break;
    }
    if (stats.relative_gap <= stats.settings.relative_gap) {
      stats.stop = EquilibriumStop::Converged;
      break;
    }
    if (stats.iterations >= stats.settings.max_iterations) {
      stats.stop = EquilibriumStop::IterationLimit;
      break;
    }
    // Direction point s = alpha s_bar + (1 - alpha) y, conjugate to the previous direction.
    const double alpha = have_previous ? conjugate_weight(x, s_bar, y.arc_flow) : 0.0;
    std::vector<double> s(x.size());
    for (std::size_t a = 0; a < x.size(); ++a) s[a] = alpha * (have_previous ? s_bar[a] : 0.0) + (1.0 - alpha) * y.arc_flow[a];
    for (std::size_t k = 0; k < ods; ++k) {
      if (!have_previous) s_paths[k].clear();
      for (auto& entry : s_paths[k]) entry.second *= alpha;
      if (y.path[k]) add_path_flow(s_paths[k], *y.path[k], (1.0 - alpha) * query_.demand[k].tonnes_per_year);
    }
    const double lambda = line_search(x, s);
    for (std::size_t a = 0; a < x.size(); ++a) x[a] += lambda * (s[a] - x[a]);
    for (std::size_t k = 0; k < ods; ++k) {
      for (auto& entry : x_paths[k]) entry.second *= 1.0 - lambda;
      for (const auto& [id, flow] : s_paths[k]) add_path_flow(x_paths[k], id, lambda * flow);
    }
    s_bar = std::move(s);
    have_previous = true;
    ++stats.iterations;
  }
  result.equilibrium = stats;
  fill_result(network, x, x_paths, result);
  return result;
}

void Solver::fill_result(const Network& network, const std::vector<double>& x, const std::vector<PathFlows>& flows,
                         AssignResult& result) const {
  const std::vector<double> load = element_loads(p_, x);
  std::vector<double> delay(p_.elements.size(), 0.0), loaded(p_.elements.size(), 0.0);
  for (std::size_t e = 0; e < p_.elements.size(); ++e) {
    const Element& element = p_.elements[e];
    if (element.delay) delay[e] = delay_hours(*element.delay, element.free_flow_hours, load[e]);
    loaded[e] = element_curve(p_, element, load[e]).value;
  }
  result.unserved_penalty_per_t = p_.penalty_weight / 1000.0;
  // An arc's loaded weight: its own, its element's and those of the resources it uses.
  auto arc_loaded = [&](std::size_t a) {
    double weight = p_.base_weight[a] + loaded[p_.element_of_arc[a]];
    for (std::uint32_t u = p_.uses_begin[a]; u < p_.uses_begin[a + 1]; ++u)
      weight += p_.arc_uses[u].second * loaded[p_.arc_uses[u].first];
    return weight;
  };
  for (std::size_t a = 0; a < x.size(); ++a) result.objective += x[a] * arc_loaded(a);
  for (std::size_t k = 0; k < query_.demand.size(); ++k) {
    OdAssignment od;
    od.demand = query_.demand[k];
    const double noise = 1e-9 * std::max(1.0, od.demand.tonnes_per_year);
    for (const auto& [id, flow] : flows[k]) {
      if (flow <= noise) continue;
      OdPath path;
      path.tonnes_per_year = flow;
      path.nodes.push_back(od.demand.from);
      for (std::uint32_t a : *paths_[id]) {
        const detail::ModeArc& arc = p_.x.arcs[a];
        const int e = p_.element_of_arc[a];
        path.weight_per_t += arc_loaded(a);
        path.delay_hours += delay[e];
        if (arc.is_link()) {
          path.links.push_back(arc.link_or_node());
          path.nodes.push_back(p_.x.node_of_vertex[arc.to]);
        }
      }
      path.hours = make_route(network, od.demand.from, path.links).hours + path.delay_hours;
      od.served_tpy += flow;
      od.paths.push_back(std::move(path));
    }
    if (flows[k].empty()) od.served_tpy = 0.0;
    else od.served_tpy = od.demand.tonnes_per_year;  // path flows sum to the demand up to rounding
    od.unserved_tpy = od.demand.tonnes_per_year - od.served_tpy;
    std::sort(od.paths.begin(), od.paths.end(), [](const OdPath& a, const OdPath& b) {
      if (a.tonnes_per_year != b.tonnes_per_year) return a.tonnes_per_year > b.tonnes_per_year;
      return a.links < b.links;
    });
    result.served_tpy += od.served_tpy;
    result.unserved_tpy += od.unserved_tpy;
    result.ods.push_back(std::move(od));
  }
  double largest_demand = 1.0;
  for (const OdDemand& od : query_.demand) largest_demand = std::max(largest_demand, od.tonnes_per_year);
  for (std::size_t e = 0; e < p_.elements.size(); ++e) {
    const Element& element = p_.elements[e];
    if (element.resource) {  // as the linear program reports it (ResourceLoad)
      const Resource& resource = network.resources[*element.resource];
      ResourceLoad entry{*element.resource, load[e], resource.capacity, std::max(0.0, resource.background_tpy), false};
      const double left = *element.hard_capacity_tpy;
      entry.binding = load[e] >= left * (1.0 - kBindingShare) && load[e] > 0.0;
      if (load[e] > left * (1.0 + kBindingShare))
        result.equilibrium->over_capacity_tpy = std::max(result.equilibrium->over_capacity_tpy, load[e] - left);
      result.resource_loads.push_back(entry);
      continue;
    }
    if (load[e] <= 1e-9 * largest_demand) continue;
    CapacityLoad entry;
    entry.type = element.type;
    entry.index = element.index;
    entry.from = element.from;
    entry.to = element.to;
    entry.load_tpy = load[e];
    if (element.hard_capacity_tpy) {
      entry.capacity_tpy = static_cast<TonnesPerYear>(*element.hard_capacity_tpy);
      entry.binding = load[e] >= *element.hard_capacity_tpy * (1.0 - kBindingShare);
      entry.utilisation = load[e] / std::max(*element.hard_capacity_tpy, 1.0);
      if (load[e] > *element.hard_capacity_tpy * (1.0 + kBindingShare))
        result.equilibrium->over_capacity_tpy =
            std::max(result.equilibrium->over_capacity_tpy, load[e] - *element.hard_capacity_tpy);
    } else if (element.delay) {
      entry.utilisation = load[e] / element.delay->capacity_tpy;
    }
    entry.delay_hours = delay[e];
    result.loads.push_back(entry);
  }
  order_capacity_loads(result);
}

}  // namespace

AssignResult assign_equilibrium(const Network& network, const AssignQuery& query) {
  assert(query.equilibrium);
  Solver solver(network, query);
  return solver.run(network);
}

EquilibriumProblem equilibrium_problem(const Network& network, const AssignQuery& query) {
  // The benchmark's peer takes one element per arc: networks with shared resources (the
  // generated ones have none) are not exported.
  assert(network.resources.empty() && "equilibrium_problem: shared resources are not exported");
  const Problem p = build_problem(network, query);
  EquilibriumProblem out;
  out.vertex_count = p.x.vertex_count();
  out.hour_weight = p.hour_weight;
  out.penalty_weight = p.penalty_weight;
  out.system = p.system;
  out.arcs.reserve(p.x.arcs.size());
  for (std::size_t a = 0; a < p.x.arcs.size(); ++a)
    out.arcs.push_back({p.x.arcs[a].from, p.x.arcs[a].to, p.base_weight[a], static_cast<std::uint32_t>(p.element_of_arc[a])});
  out.elements.reserve(p.elements.size());
  for (const Element& e : p.elements)
    out.elements.push_back({e.type, e.index, e.from, e.to, e.delay, e.free_flow_hours, e.fixed_tpy, e.hard_capacity_tpy});
  for (const OdDemand& od : query.demand) {
    EquilibriumProblem::Pair pair;
    pair.tonnes_per_year = od.tonnes_per_year;
    if (od.from != od.to)  // the solver routes nothing for such a pair
      for (detail::ModeVertex v : p.x.departure[od.from])
        if (v != detail::kNoModeVertex) pair.sources.push_back(v);
    if (od.from != od.to)
      for (detail::ModeVertex v : p.x.arrival[od.to])
        if (v != detail::kNoModeVertex) pair.targets.push_back(v);
    out.pairs.push_back(std::move(pair));
  }
  return out;
}

}  // namespace corridor::solve
