#include "solve/path_flow.hpp"

#include <glpk.h>

#include <algorithm>
#include <cassert>
#include <cmath>
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

/// The LP: one column per route, one row per capacity a route met (link direction, node or
/// resource), created when first needed. Maximises the sum of the routes' flows.
class PathLp {
 public:
  explicit PathLp(const Network& network) : network_(network), lp_(glp_create_prob()) {
    glp_term_out(GLP_OFF);
    glp_set_obj_dir(lp_.get(), GLP_MAX);
  }

  /// Adds a route (unless it is already a column); false when it was there.
  bool add_route(const PricedPath& path) {
    if (!known_.insert({path.nodes.front(), path.links}).second) return false;
    std::map<int, double> coefficients;
    for (std::size_t i = 0; i < path.nodes.size(); ++i) {
      const Node& node = network_.nodes[path.nodes[i]];
      if (auto capacity = node_available(node)) coefficients[row({BindingConstraint::Type::Node, path.nodes[i], 0}, *capacity)] += 1.0;
      for (const ResourceUse& use : node.uses) add_use(use, coefficients);
    }
    for (std::size_t i = 0; i < path.links.size(); ++i) {
      const Link& link = network_.links[path.links[i]];
      const int direction = link.from == path.nodes[i] ? 0 : 1;
      if (auto capacity = link_available(link))
        coefficients[row({BindingConstraint::Type::Link, path.links[i], direction}, *capacity)] += 1.0;
      for (const ResourceUse& use : link.uses) add_use(use, coefficients);
    }
    const int column = glp_add_cols(lp_.get(), 1);
    glp_set_col_bnds(lp_.get(), column, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp_.get(), column, 1.0);
    std::vector<int> index{0};
    std::vector<double> value{0.0};
    for (const auto& [r, a] : coefficients) {
      index.push_back(r);
      value.push_back(a);
    }
    glp_set_mat_col(lp_.get(), column, static_cast<int>(index.size() - 1), index.data(), value.data());
    routes_.push_back(path);
    return true;
  }

  /// The primal simplex from the last round's basis (detail::simplex_with_restart). The LP is
  /// bounded (every column meets a row) and feasible (all zero), so a failure is GLPK's.
  void solve() {
    const detail::SimplexOutcome outcome = detail::simplex_with_restart(lp_.get(), GLP_PRIMAL);
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
  const std::map<RowKey, int>& rows() const { return rows_; }
  double row_dual(int r) const { return glp_get_row_dual(lp_.get(), r); }
  double row_activity(int r) const { return glp_get_row_prim(lp_.get(), r); }
  double row_bound(int r) const { return glp_get_row_ub(lp_.get(), r); }

 private:
  int row(const RowKey& key, double capacity) {
    auto [it, added] = rows_.try_emplace(key, 0);
    if (added) {
      it->second = glp_add_rows(lp_.get(), 1);
      glp_set_row_bnds(lp_.get(), it->second, GLP_UP, 0.0, capacity);
    }
    return it->second;
  }

  void add_use(const ResourceUse& use, std::map<int, double>& coefficients) {
    auto r = network_.find_resource(use.resource);
    assert(r);  // checked when the network was loaded
    if (!r) return;
    coefficients[row({BindingConstraint::Type::Resource, static_cast<std::uint32_t>(*r), 0},
                     resource_available(network_.resources[*r]))] += use.factor;
  }

  const Network& network_;
  detail::LpPointer lp_;
  std::map<RowKey, int> rows_;
  std::vector<PricedPath> routes_;
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

/// An allowed route on which no capacity, background or resource limits the flow, if any.
bool has_unlimited_route(const Network& network, const RouteTimeGraph& graph, const std::vector<EndPair>& pairs) {
  PathPrices prices{std::vector<double>(2 * network.links.size(), 0.0), std::vector<double>(network.nodes.size(), 0.0)};
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    prices.node[n] = node_available(network.nodes[n]) || !network.nodes[n].uses.empty() ? 1.0 : 0.0;
  for (LinkIndex l = 0; l < network.links.size(); ++l)
    prices.link_direction[2 * l] = prices.link_direction[2 * l + 1] =
        link_available(network.links[l]) || !network.links[l].uses.empty() ? 1.0 : 0.0;
  for (const EndPair& pair : pairs) {
    auto path = cheapest_path_within(graph, pair.from, pair.to, pair.max_hours, prices);
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
  for (std::size_t r = 0; r < network.resources.size(); ++r)
    result.resource_loads.push_back({r, 0.0, network.resources[r].capacity, std::max(0.0, network.resources[r].background_tpy), false});
  for (const auto& [key, row] : lp.rows()) {
    const double dual = lp.row_dual(row);
    const bool binding = dual > kPricingTolerance;
    if (key.type == BindingConstraint::Type::Resource) {
      ResourceLoad& load = result.resource_loads[key.index];
      load.used = lp.row_activity(row);
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

FlowResult plausible_max_flow(const Network& network, const FlowQuery& query) {
  FlowResult result;
  result.query = query;
  const RouteTimeGraph graph(network, usable_links(network, query.corridors, query.avoid));
  const std::vector<EndPair> pairs = end_pairs(graph, query);
  if (pairs.empty()) return result;
  if (has_unlimited_route(network, graph, pairs)) {
    result.unbounded = true;
    return result;
  }
  PathLp lp(network);
  PathPrices prices{std::vector<double>(2 * network.links.size(), 0.0), std::vector<double>(network.nodes.size(), 0.0)};
  for (const EndPair& pair : pairs)
    if (auto path = cheapest_path_within(graph, pair.from, pair.to, pair.max_hours, prices)) lp.add_route(*path);
  // Per sink, the lower bounds of the hours to it that every search there prunes with (they do
  // not change between rounds): kept while they take at most kMaxKeptBounds doubles.
  std::map<NodeIndex, std::vector<double>> bounds;
  const bool keep_bounds = query.sinks.size() * network.nodes.size() <= kMaxKeptBounds;
  for (int round = 0; round < kMaxRounds; ++round) {
    lp.solve();
    prices = lp.prices();
    bool added = false;
    for (const EndPair& pair : pairs) {
      std::optional<PricedPath> path;
      if (keep_bounds) {
        auto [it, absent] = bounds.try_emplace(pair.to);
        if (absent) it->second = graph.hours_to(pair.to);
        path = cheapest_path_within(graph, pair.from, pair.to, pair.max_hours, prices, it->second);
      } else {
        path = cheapest_path_within(graph, pair.from, pair.to, pair.max_hours, prices);
      }
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
