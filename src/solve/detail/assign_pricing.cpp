#include "solve/detail/assign_pricing.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <queue>

namespace corridor::solve::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Doubles of A* potentials kept at most (a vertex count of them per group): about 400 MB.
constexpr std::size_t kMaxPotentials = 50'000'000;

/// Each vertex's least weight from `starts` over `adjacency` (Dijkstra without prices).
template <class Adjacency>
std::vector<double> least_weight_from(const ExpandedGraph& g, const Adjacency& adjacency,
                                      const std::array<int, kModeCount>& starts) {
  std::vector<double> to(g.vertex_count, kInf);
  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (int v : starts)
    if (v != kNone) to[v] = 0.0, queue.push({0.0, v});
  while (!queue.empty()) {
    const auto [d, v] = queue.top();
    queue.pop();
    if (d > to[v]) continue;
    for (int i = adjacency.first[v]; i < adjacency.first[v + 1]; ++i) {
      const int w = adjacency.steps[i].next;
      if (const double via = d + g.arcs[adjacency.steps[i].arc].weight; via < to[w]) to[w] = via, queue.push({via, w});
    }
  }
  return to;
}

/// A pair's detour mask as one bit per arc; empty when it allows every arc.
std::vector<std::uint64_t> as_bits(const std::vector<char>& allowed) {
  if (std::all_of(allowed.begin(), allowed.end(), [](char on) { return on != 0; })) return {};
  std::vector<std::uint64_t> bits((allowed.size() + 63) / 64, 0);
  for (std::size_t a = 0; a < allowed.size(); ++a)
    if (allowed[a]) bits[a >> 6] |= std::uint64_t{1} << (a & 63);
  return bits;
}

}  // namespace

PathPricer::PathPricer(const ExpandedGraph& g, const AssignQuery& query)
    : g_(g), query_(query), reachable_(query.demand.size(), 1), least_(query.demand.size(), 0.0) {
  build_groups();
  build_adjacency(step_, !backward_);
  build_masks();
  build_potentials();
  label_.assign(g.vertex_count, Label{});
}

void PathPricer::build_adjacency(Adjacency& adjacency, bool out) const {
  adjacency.first.assign(g_.vertex_count + 1, 0);
  for (const Arc& arc : g_.arcs) ++adjacency.first[(out ? arc.tail : arc.head) + 1];
  for (int v = 0; v < g_.vertex_count; ++v) adjacency.first[v + 1] += adjacency.first[v];
  adjacency.steps.resize(g_.arcs.size());
  std::vector<int> slot(adjacency.first.begin(), adjacency.first.end() - 1);
  for (std::size_t a = 0; a < g_.arcs.size(); ++a) {  // arc order within a vertex: the ties' order
    const Arc& arc = g_.arcs[a];
    const int i = slot[out ? arc.tail : arc.head]++;
    adjacency.steps[i].arc = static_cast<int>(a);
    adjacency.steps[i].next = out ? arc.head : arc.tail;
  }
}

const std::array<int, kModeCount>& PathPricer::targets_of(std::size_t k) const {
  const OdDemand& od = query_.demand[k];
  return backward_ ? g_.departure[od.from] : g_.arrival[od.to];
}

/// One group per distinct origin, or per distinct destination when there are fewer of those, in
/// the order pairs first name them.
void PathPricer::build_groups() {
  std::map<NodeIndex, std::size_t> origins, destinations;
  for (const OdDemand& od : query_.demand) origins.emplace(od.from, 0), destinations.emplace(od.to, 0);
  backward_ = destinations.size() < origins.size();
  std::map<NodeIndex, std::size_t> group_of;
  for (std::size_t k = 0; k < query_.demand.size(); ++k) {
    const NodeIndex end = backward_ ? query_.demand[k].to : query_.demand[k].from;
    const auto [it, added] = group_of.emplace(end, groups_.size());
    if (added) {
      groups_.emplace_back();
      groups_.back().sources = backward_ ? g_.arrival[end] : g_.departure[end];
    }
    groups_[it->second].pairs.push_back(k);
  }
}

/// Per pair its detour mask (arcs_on_some_path), the hours trees of a shared origin or
/// destination computed once; per group the union of its pairs' masks.
void PathPricer::build_masks() {
  mask_.assign(query_.demand.size(), {});
  if (!query_.max_detour) return;
  const ArcLists lists(g_);
  std::map<NodeIndex, std::vector<std::size_t>> by_origin;
  std::map<NodeIndex, std::size_t> uses_left;  // per destination: pairs still to mask
  for (std::size_t k = 0; k < query_.demand.size(); ++k)
    by_origin[query_.demand[k].from].push_back(k), ++uses_left[query_.demand[k].to];
  std::map<NodeIndex, std::vector<double>> to_destination;
  for (const auto& [origin, pairs] : by_origin) {
    const std::vector<double> from_origin = hours_from(g_, lists.out, g_.departure[origin], true);
    for (const std::size_t k : pairs) {
      const NodeIndex to = query_.demand[k].to;
      auto [it, added] = to_destination.try_emplace(to);
      if (added) it->second = hours_from(g_, lists.in, g_.arrival[to], false);
      const std::vector<char> on_path =
          arcs_on_some_path(g_, query_.demand[k], from_origin, it->second, query_.max_detour);
      reachable_[k] = std::find(on_path.begin(), on_path.end(), 1) != on_path.end();
      mask_[k] = as_bits(on_path);
      if (--uses_left[to] == 0) to_destination.erase(it);
    }
  }
  for (Group& group : groups_) {
    if (std::any_of(group.pairs.begin(), group.pairs.end(), [&](std::size_t k) { return mask_[k].empty(); })) continue;
    group.allowed = mask_[group.pairs.front()];
    for (const std::size_t k : group.pairs)
      for (std::size_t i = 0; i < group.allowed.size(); ++i) group.allowed[i] |= mask_[k][i];
  }
}

/// Per group the least unpriced weight from every vertex to the nearest of its pairs' other ends
/// (backwards: from the nearest of them to every vertex), a lower bound of any priced path, so a
/// potential that never changes which path is cheapest; per pair its least unpriced weight.
/// None (plain Dijkstra) when they would take too much memory.
void PathPricer::build_potentials() {
  if (groups_.size() * static_cast<std::size_t>(g_.vertex_count) > kMaxPotentials) return;
  Adjacency other_way;  // the direction opposite to the searches'
  build_adjacency(other_way, backward_);
  std::map<NodeIndex, std::vector<std::pair<std::size_t, std::size_t>>> members;  // other end -> (group, pair)
  for (std::size_t i = 0; i < groups_.size(); ++i)
    for (const std::size_t k : groups_[i].pairs)
      members[backward_ ? query_.demand[k].from : query_.demand[k].to].emplace_back(i, k);
  for (const auto& [end, of] : members) {
    const std::vector<double> tree = least_weight_from(g_, other_way, backward_ ? g_.departure[end] : g_.arrival[end]);
    for (const auto& [i, k] : of) {
      std::vector<double>& potential = groups_[i].potential;
      if (potential.empty()) potential = tree;
      else std::transform(potential.begin(), potential.end(), tree.begin(), potential.begin(),
                          [](double a, double b) { return std::min(a, b); });
      least_[k] = kInf;
      for (int v : groups_[i].sources)
        if (v != kNone) least_[k] = std::min(least_[k], tree[v]);
      if (!std::isfinite(least_[k])) reachable_[k] = 0;
    }
  }
}

std::vector<PricedPath> PathPricer::cheapest_below(std::size_t group_index, const std::vector<double>& arc_cost,
                                                   const std::vector<double>& below) {
  const Group& group = groups_[group_index];
  std::vector<PricedPath> found;
  std::vector<std::size_t> pairs;
  for (const std::size_t k : group.pairs)
    if (reachable_[k] && least_[k] < below[k]) pairs.push_back(k);
  if (pairs.empty()) return found;
  for (Step& step : step_.steps) step.cost = arc_cost[step.arc];
  search(group, pairs, group.allowed, below, found);
  // A path outside its own pair's detour mask (only the group's union allows it) is searched
  // again on the pair's own mask.
  std::vector<std::size_t> redo;
  for (PricedPath& path : found) {
    const std::vector<std::uint64_t>& own = mask_[path.pair];
    if (!own.empty() && !std::all_of(path.arcs.begin(), path.arcs.end(), [&](int a) { return allows(own, a); }))
      redo.push_back(path.pair), path.arcs.clear();
  }
  std::erase_if(found, [](const PricedPath& path) { return path.arcs.empty(); });
  for (const std::size_t k : redo) search(group, {k}, mask_[k], below, found);
  std::sort(found.begin(), found.end(), [](const PricedPath& a, const PricedPath& b) { return a.pair < b.pair; });
  return found;
}

void PathPricer::search(const Group& group, const std::vector<std::size_t>& pairs,
                        const std::vector<std::uint64_t>& allowed, const std::vector<double>& below,
                        std::vector<PricedPath>& found) {
  const std::vector<double>& potential = group.potential;
  const bool guided = !potential.empty(), masked = !allowed.empty();
  auto to_go = [&](int v) { return guided ? potential[v] : 0.0; };
  std::vector<std::vector<std::size_t>> at_target;  // per target slot: the positions in `pairs` it ends
  std::vector<int> targets;
  for (std::size_t p = 0; p < pairs.size(); ++p)
    for (int v : targets_of(pairs[p])) {
      if (v == kNone) continue;
      if (label_[v].target_slot == kNone)
        label_[v].target_slot = static_cast<int>(at_target.size()), at_target.emplace_back(), targets.push_back(v);
      at_target[label_[v].target_slot].push_back(p);
    }
  std::vector<char> done(pairs.size(), 0);
  std::size_t open = pairs.size();
  auto bound = [&] {  // no open pair gains from a path at least this costly
    double most = -kInf;
    for (std::size_t p = 0; p < pairs.size(); ++p)
      if (!done[p]) most = std::max(most, below[pairs[p]]);
    return most;
  };
  double stop_at = bound();
  heap_.clear();
  auto reach = [&](int w, double distance, int via) {
    if (label_[w].distance == kInf) touched_.push_back(w);
    label_[w].distance = distance, label_[w].via = via;
    heap_.emplace_back(distance + to_go(w), w), std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  };
  for (int v : group.sources)
    if (v != kNone && 0.0 < label_[v].distance && std::isfinite(to_go(v))) reach(v, 0.0, kNone);
  while (!heap_.empty() && open > 0) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const auto [key, v] = heap_.back();
    heap_.pop_back();
    const double distance = label_[v].distance;
    if (key > distance + to_go(v)) continue;
    if (key >= stop_at) break;
    if (label_[v].target_slot != kNone) {
      for (const std::size_t p : at_target[label_[v].target_slot]) {
        if (done[p]) continue;
        done[p] = 1, --open;
        if (distance < below[pairs[p]]) found.push_back({pairs[p], distance, path_to(v)});
      }
      stop_at = bound();
    }
    for (int i = step_.first[v]; i < step_.first[v + 1]; ++i) {
      const Step& step = step_.steps[i];
      if (masked && !allows(allowed, step.arc)) continue;
      const double via = distance + step.cost;
      if (via < label_[step.next].distance && std::isfinite(to_go(step.next))) reach(step.next, via, step.arc);
    }
  }
  for (int v : touched_) label_[v].distance = kInf, label_[v].via = kNone;
  touched_.clear();
  for (int v : targets) label_[v].target_slot = kNone;
}

/// The arcs from the search's start to `reached`, in the direction of travel.
std::vector<int> PathPricer::path_to(int reached) const {
  std::vector<int> arcs;
  for (int v = reached; label_[v].via != kNone;) {
    const Arc& arc = g_.arcs[label_[v].via];
    arcs.push_back(label_[v].via);
    v = backward_ ? arc.head : arc.tail;
  }
  if (!backward_) std::reverse(arcs.begin(), arcs.end());
  return arcs;
}

}  // namespace corridor::solve::detail
