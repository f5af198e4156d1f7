#include "solve/path_flow.hpp"

#include <glpk.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>

#include "solve/detail/simplex.hpp"
#include "solve/flow.hpp"
#include "solve/rcsp.hpp"

namespace corridor::solve {
namespace {

/// A route's reduced cost must be below -kPricingTolerance to enter the LP.
constexpr double kPricingTolerance = 1e-7;
/// Column generation adds at least one route per round; this bounds the rounds (a safety net:
/// networks of the corridor's size need a few dozen).
constexpr int kMaxRounds = 100000;
/// Doubles of per-sink hour bounds the pricing keeps between rounds (about 160 MB).
constexpr std::size_t kMaxKeptBounds = 20'000'000;

/// What a row of the LP limits.
struct RowKey {
  BindingConstraint::Type type;
  std::uint32_t index;
  int direction;  ///< links: 0 forward (from -> to), 1 backwards; else 0
  auto operator<=>(const RowKey&) const = default;
};

/// One pair of ends of the query with its time bound.
struct EndPair {
  NodeIndex from, to;
  double max_hours;
};

std::optional<double> link_available(const Link& link) {
  auto available = available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy);
  if (!available) return std::nullopt;
  return static_cast<double>(*available);
}

std::optional<double> node_available(const Node& node) {
  auto available = available_tpy(node.capacity_tpy, node.background_tpy);
  if (!available) return std::nullopt;
  return static_cast<double>(*available);
}

double resource_available(const Resource& resource) {
  return std::max(0.0, resource.capacity - std::max(0.0, resource.background_tpy));
}

/// The LP: one column per route, a row per capacity (link direction, node or resource) that binds
/// or might. The first kPathFlowEagerRows (path_flow.hpp) capacities the routes meet get a row when first met; beyond
/// them, a route's bottleneck gets its row when the route enters and every other capacity once
/// the LP's flow overruns it (the rest cannot bind). Maximises the sum of the routes' flows.
class PathLp {
 public:
  PathLp(const Network& network, std::size_t eager_rows)
      : network_(network), lp_(glp_create_prob()), eager_rows_(eager_rows) {
    glp_term_out(GLP_OFF);
    glp_set_obj_dir(lp_.get(), GLP_MAX);
  }

  /// Adds a route (unless it is already a column); false when it was there.
  bool add_route(const PricedPath& path) {
    if (!known_.insert({path.nodes.front(), path.links}).second) return false;
    std::map<int, double> uses;  // capacity -> units per tonne
    for (std::size_t i = 0; i < path.nodes.size(); ++i) {
      const Node& node = network_.nodes[path.nodes[i]];
      if (auto capacity = node_available(node)) uses[capacity_of({BindingConstraint::Type::Node, path.nodes[i], 0}, *capacity)] += 1.0;
      for (const ResourceUse& use : node.uses) add_use(use, uses);
    }
    for (std::size_t i = 0; i < path.links.size(); ++i) {
      const Link& link = network_.links[path.links[i]];
      const int direction = link.from == path.nodes[i] ? 0 : 1;
      if (auto capacity = link_available(link))
        uses[capacity_of({BindingConstraint::Type::Link, path.links[i], direction}, *capacity)] += 1.0;
      for (const ResourceUse& use : link.uses) add_use(use, uses);
    }
    assert(!uses.empty());  // has_unlimited_route: every route meets a capacity
    const int column = glp_add_cols(lp_.get(), 1);
    glp_set_col_bnds(lp_.get(), column, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp_.get(), column, 1.0);
    std::vector<int> index{0};
    std::vector<double> value{0.0};
    int bottleneck = uses.begin()->first;  // the capacity that allows the route the fewest tonnes
    double fewest = std::numeric_limits<double>::infinity();
    for (const auto& [c, factor] : uses) {
      if (bound_[c] / factor < fewest) fewest = bound_[c] / factor, bottleneck = c;
      if (row_of_[c] != 0) index.push_back(row_of_[c]), value.push_back(factor);
    }
    glp_set_mat_col(lp_.get(), column, static_cast<int>(index.size() - 1), index.data(), value.data());
    routes_.push_back(path);
    route_uses_.emplace_back(uses.begin(), uses.end());
    if (row_of_[bottleneck] == 0) add_rows({bottleneck});
    return true;
  }

  /// Adds a row for every capacity the LP's flow overruns; says whether any was added.
  bool add_overrun_rows() {
    const std::vector<double> used = usage();
    std::vector<int> overrun;
    for (std::size_t c = 0; c < used.size(); ++c)
      if (row_of_[c] == 0 && used[c] > bound_[c] + 1e-9 * std::max(1.0, bound_[c])) overrun.push_back(static_cast<int>(c));
    add_rows(overrun);
    return !overrun.empty();
  }

  /// The simplex from the last round's basis (the dual simplex after rows were added;
  /// detail::simplex_with_restart). The LP is bounded (every column meets a row) and feasible
  /// (all zero), so a failure is GLPK's.
  void solve(bool after_rows) {
    const detail::SimplexOutcome outcome = detail::simplex_with_restart(lp_.get(), after_rows ? GLP_DUALP : GLP_PRIMAL);
    if (!outcome.optimal())
      throw std::runtime_error("the LP solver failed on the plausible-route max flow: glp_simplex code " +
                               std::to_string(outcome.code) + ", GLPK status " + std::to_string(outcome.status));
  }

  /// Prices of the pricing problem: each row's dual, spread over the link directions and
  /// nodes it limits (resources by their factors).
  PathPrices prices() const {
    PathPrices prices{std::vector<double>(2 * network_.links.size(), 0.0), std::vector<double>(network_.nodes.size(), 0.0)};
    std::vector<double> resource_dual(network_.resources.size(), 0.0);
    for (const auto& [key, r] : rows_) {
      const double dual = std::max(0.0, glp_get_row_dual(lp_.get(), r));
      if (key.type == BindingConstraint::Type::Link) prices.link_direction[2 * key.index + key.direction] += dual;
      else if (key.type == BindingConstraint::Type::Node) prices.node[key.index] += dual;
      else resource_dual[key.index] = dual;
    }
    auto resource_price = [&](const std::vector<ResourceUse>& uses) {
      double price = 0.0;
      for (const ResourceUse& use : uses)
        if (auto r = network_.find_resource(use.resource)) price += use.factor * resource_dual[*r];
      return price;
    };
    for (NodeIndex n = 0; n < network_.nodes.size(); ++n) prices.node[n] += resource_price(network_.nodes[n].uses);
    for (LinkIndex l = 0; l < network_.links.size(); ++l) {
      const double price = resource_price(network_.links[l].uses);
      prices.link_direction[2 * l] += price;
      prices.link_direction[2 * l + 1] += price;
    }
    return prices;
  }

  const std::vector<PricedPath>& routes() const { return routes_; }
  double flow(std::size_t route) const { return glp_get_col_prim(lp_.get(), static_cast<int>(route + 1)); }
  /// The capacities with a row, and their rows.
  const std::map<RowKey, int>& rows() const { return rows_; }
  double row_dual(int r) const { return glp_get_row_dual(lp_.get(), r); }
  double row_bound(int r) const { return glp_get_row_ub(lp_.get(), r); }
  /// The number of capacity `key` in usage(), if a route meets it.
  std::optional<int> capacity_number(const RowKey& key) const {
    const auto it = capacity_ids_.find(key);
    if (it == capacity_ids_.end()) return std::nullopt;
    return it->second;
  }
  /// Per capacity number: the units the LP's flow draws on it.
  std::vector<double> usage() const {
    std::vector<double> used(keys_.size(), 0.0);
    for (std::size_t p = 0; p < route_uses_.size(); ++p) {
      const double tonnes = flow(p);
      if (tonnes <= 0.0) continue;
      for (const auto& [c, factor] : route_uses_[p]) used[c] += factor * tonnes;
    }
    return used;
  }

 private:
  /// The number of capacity `key` (of `bound` units), registered when a route first meets it;
  /// the first `eager_rows_` capacities get their row then (no earlier route meets them).
  int capacity_of(const RowKey& key, double bound) {
    const auto [it, added] = capacity_ids_.try_emplace(key, static_cast<int>(keys_.size()));
    if (added) {
      keys_.push_back(key), bound_.push_back(bound), row_of_.push_back(0);
      if (keys_.size() <= eager_rows_) {
        row_of_.back() = glp_add_rows(lp_.get(), 1);
        glp_set_row_bnds(lp_.get(), row_of_.back(), GLP_UP, 0.0, bound);
        rows_.emplace(key, row_of_.back());
      }
    }
    return it->second;
  }

  void add_use(const ResourceUse& use, std::map<int, double>& uses) {
    auto r = network_.find_resource(use.resource);
    assert(r);  // checked when the network was loaded
    if (!r) return;
    uses[capacity_of({BindingConstraint::Type::Resource, static_cast<std::uint32_t>(*r), 0},
                     resource_available(network_.resources[*r]))] += use.factor;
  }

  /// Rows for `capacities` (none has one yet), with every route's coefficient on them.
  void add_rows(const std::vector<int>& capacities) {
    if (capacities.empty()) return;
    std::map<int, std::pair<std::vector<int>, std::vector<double>>> entries;  // capacity -> (columns, factors)
    for (int c : capacities) {
      row_of_[c] = glp_add_rows(lp_.get(), 1);
      glp_set_row_bnds(lp_.get(), row_of_[c], GLP_UP, 0.0, bound_[c]);
      rows_.emplace(keys_[c], row_of_[c]);
      entries[c] = {{0}, {0.0}};
    }
    for (std::size_t p = 0; p < route_uses_.size(); ++p)
      for (const auto& [c, factor] : route_uses_[p])
        if (auto it = entries.find(c); it != entries.end())
          it->second.first.push_back(static_cast<int>(p + 1)), it->second.second.push_back(factor);
    for (auto& [c, entry] : entries)
      glp_set_mat_row(lp_.get(), row_of_[c], static_cast<int>(entry.first.size() - 1), entry.first.data(), entry.second.data());
  }

  const Network& network_;
  detail::LpPointer lp_;
  std::size_t eager_rows_;
  std::map<RowKey, int> capacity_ids_;  ///< every capacity some route meets -> its number
  std::vector<RowKey> keys_;             ///< per capacity number
  std::vector<double> bound_;            ///< per capacity number: units available
  std::vector<int> row_of_;              ///< per capacity number: its row, 0 without one
  std::map<RowKey, int> rows_;           ///< the capacities with a row
  std::vector<PricedPath> routes_;
  std::vector<std::vector<std::pair<int, double>>> route_uses_;  ///< per route: (capacity, units per tonne)
  std::set<std::pair<NodeIndex, std::vector<LinkIndex>>> known_;
};

/// Every (source, sink) pair with a route, and its time bound.
std::vector<EndPair> end_pairs(const RouteTimeGraph& graph, const FlowQuery& query) {
  std::vector<EndPair> pairs;
  for (NodeIndex s : query.sources)
    for (NodeIndex t : query.sinks) {
      if (s == t) continue;
      auto fastest = graph.fastest_hours(s, t);
      if (!fastest) continue;
      const double bound = query.max_detour ? *fastest * *query.max_detour : std::numeric_limits<double>::infinity();
      pairs.push_back({s, t, bound});
    }
  return pairs;
}

/// The pricing search of one pair (cheapest_path_within), with the lower bounds of the hours to
/// each sink, which never change, computed once and kept while they take at most kMaxKeptBounds
/// doubles.
class RouteSearch {
 public:
  RouteSearch(const RouteTimeGraph& graph, std::size_t sink_count)
      : graph_(graph), keep_(sink_count * graph.network().nodes.size() <= kMaxKeptBounds) {}

  std::optional<PricedPath> cheapest(const EndPair& pair, const PathPrices& prices) {
    if (!keep_) return cheapest_path_within(graph_, pair.from, pair.to, pair.max_hours, prices);
    auto [it, absent] = hours_to_.try_emplace(pair.to);
    if (absent) it->second = graph_.hours_to(pair.to);
    return cheapest_path_within(graph_, pair.from, pair.to, pair.max_hours, prices, it->second);
  }

 private:
  const RouteTimeGraph& graph_;
  bool keep_;
  std::map<NodeIndex, std::vector<double>> hours_to_;  ///< per sink
};

/// An allowed route on which no capacity, background or resource limits the flow, if any.
bool has_unlimited_route(const Network& network, RouteSearch& search, const std::vector<EndPair>& pairs) {
  PathPrices prices{std::vector<double>(2 * network.links.size(), 0.0), std::vector<double>(network.nodes.size(), 0.0)};
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    prices.node[n] = node_available(network.nodes[n]) || !network.nodes[n].uses.empty() ? 1.0 : 0.0;
  for (LinkIndex l = 0; l < network.links.size(); ++l)
    prices.link_direction[2 * l] = prices.link_direction[2 * l + 1] =
        link_available(network.links[l]) || !network.links[l].uses.empty() ? 1.0 : 0.0;
  for (const EndPair& pair : pairs) {
    auto path = search.cheapest(pair, prices);
    if (path && path->cost == 0.0) return true;
  }
  return false;
}

/// Whole tonnes per route summing to the rounded total (largest remainders get the rest).
std::vector<TonnesPerYear> whole_tonnes(const std::vector<double>& flows, TonnesPerYear total) {
  std::vector<TonnesPerYear> whole(flows.size());
  TonnesPerYear assigned = 0;
  for (std::size_t i = 0; i < flows.size(); ++i) {
    whole[i] = static_cast<TonnesPerYear>(std::floor(flows[i] + 1e-6));
    assigned += whole[i];
  }
  std::vector<std::size_t> order(flows.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return flows[a] - static_cast<double>(whole[a]) > flows[b] - static_cast<double>(whole[b]);
  });
  for (std::size_t k = 0; assigned < total && k < order.size(); ++k, ++assigned) ++whole[order[k]];
  return whole;
}

/// The result's routes, link flows, node and resource loads and binding constraints.
void describe_solution(const Network& network, const PathLp& lp, FlowResult& result) {
  std::vector<double> flows(lp.routes().size());
  double total = 0.0;
  for (std::size_t p = 0; p < flows.size(); ++p) total += flows[p] = std::max(0.0, lp.flow(p));
  result.max_flow_tpy = static_cast<TonnesPerYear>(std::llround(total));
  const std::vector<TonnesPerYear> whole = whole_tonnes(flows, result.max_flow_tpy);
  std::map<std::pair<LinkIndex, NodeIndex>, TonnesPerYear> link_flow;
  std::vector<TonnesPerYear> node_flow(network.nodes.size(), 0);
  for (std::size_t p = 0; p < flows.size(); ++p) {
    if (whole[p] <= 0) continue;
    const PricedPath& path = lp.routes()[p];
    result.routes.push_back({path.nodes, path.links, whole[p], path.hours});
    for (std::size_t i = 0; i < path.links.size(); ++i) link_flow[{path.links[i], path.nodes[i]}] += whole[p];
    for (NodeIndex n : path.nodes) node_flow[n] += whole[p];
  }
  std::stable_sort(result.routes.begin(), result.routes.end(),
                   [](const FlowRoute& a, const FlowRoute& b) { return a.flow_tpy > b.flow_tpy; });
  for (const auto& [key, flow] : link_flow) {
    const Link& link = network.links[key.first];
    result.flows.push_back({key.first, key.second, key.second == link.from ? link.to : link.from, flow,
                            available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy)});
  }
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    if (node_flow[n] > 0)
      result.node_loads.push_back({n, node_flow[n], available_tpy(network.nodes[n].capacity_tpy, network.nodes[n].background_tpy)});
  const std::vector<double> used = lp.usage();
  for (std::size_t r = 0; r < network.resources.size(); ++r) {
    const auto number = lp.capacity_number({BindingConstraint::Type::Resource, static_cast<std::uint32_t>(r), 0});
    result.resource_loads.push_back({r, number ? used[*number] : 0.0, network.resources[r].capacity,
                                     std::max(0.0, network.resources[r].background_tpy), false});
  }
  for (const auto& [key, row] : lp.rows()) {
    const double dual = lp.row_dual(row);
    const bool binding = dual > kPricingTolerance;
    if (key.type == BindingConstraint::Type::Resource) {
      ResourceLoad& load = result.resource_loads[key.index];
      load.binding = binding;
    }
    if (!binding) continue;
    BindingConstraint constraint{key.type, key.index, 0, 0, lp.row_bound(row), dual};
    if (key.type == BindingConstraint::Type::Link) {
      const Link& link = network.links[key.index];
      constraint.from = key.direction == 0 ? link.from : link.to;
      constraint.to = key.direction == 0 ? link.to : link.from;
      result.min_cut.push_back({CutElement::Type::Link, key.index, constraint.from, constraint.to,
                                static_cast<TonnesPerYear>(std::llround(constraint.capacity))});
    } else if (key.type == BindingConstraint::Type::Node) {
      constraint.from = constraint.to = key.index;
      result.min_cut.push_back({CutElement::Type::Node, key.index, key.index, key.index,
                                static_cast<TonnesPerYear>(std::llround(constraint.capacity))});
    }
    result.binding.push_back(constraint);
  }
  std::stable_sort(result.binding.begin(), result.binding.end(),
                   [](const BindingConstraint& a, const BindingConstraint& b) { return a.dual > b.dual; });
}

}  // namespace

FlowResult plausible_max_flow(const Network& network, const FlowQuery& query, std::size_t eager_rows) {
  FlowResult result;
  result.query = query;
  const RouteTimeGraph graph(network, usable_links(network, query.corridors, query.avoid));
  const std::vector<EndPair> pairs = end_pairs(graph, query);
  if (pairs.empty()) return result;
  RouteSearch search(graph, query.sinks.size());
  if (has_unlimited_route(network, search, pairs)) {
    result.unbounded = true;
    return result;
  }
  PathLp lp(network, eager_rows);
  PathPrices prices{std::vector<double>(2 * network.links.size(), 0.0), std::vector<double>(network.nodes.size(), 0.0)};
  for (const EndPair& pair : pairs)
    if (auto path = search.cheapest(pair, prices)) lp.add_route(*path);
  bool after_rows = false;
  for (int round = 0; round < kMaxRounds; ++round) {
    lp.solve(after_rows);
    after_rows = lp.add_overrun_rows();
    if (after_rows) continue;
    prices = lp.prices();
    bool added = false;
    for (const EndPair& pair : pairs) {
      auto path = search.cheapest(pair, prices);
      if (path && path->cost < 1.0 - kPricingTolerance) added = lp.add_route(*path) || added;
    }
    if (!added) break;
  }
  describe_solution(network, lp, result);
  return result;
}

bool needs_path_flow(const Network& network, const FlowQuery& query) {
  return query.max_detour.has_value() || !network.resources.empty();
}

FlowResult capacity_max_flow(const Network& network, const FlowQuery& query) {
  if (needs_path_flow(network, query)) return plausible_max_flow(network, query);
  return max_flow(network, query);
}

}  // namespace corridor::solve
