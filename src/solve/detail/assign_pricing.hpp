#pragma once
// The pricing of the column generation (assign_paths.hpp, internal to src/solve): the cheapest
// path of every OD pair on the mode-expanded graph at per-arc costs that change every round
// (weight plus the duals of the capacities an arc draws on). Pairs sharing an origin are priced
// by one search from it, or pairs sharing a destination by one search backwards from it,
// whichever makes fewer searches: an A* whose potential is the least unpriced weight to (or from)
// the nearest of the group's other ends, which never changes. A pair's search stops as soon as
// no path cheaper than its bound (its demand dual less its ends' prices) is left to find.

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "solve/detail/assign_lp.hpp"

namespace corridor::solve::detail {

/// A cheapest path of an OD pair: its arcs, from a departure vertex of the origin to an arrival
/// vertex of the destination, and its cost.
struct PricedPath {
  std::size_t pair = 0;
  double cost = 0.0;
  std::vector<int> arcs;
};

/// The pairs of `query` grouped by a shared end, their detour masks and A* potentials (all fixed
/// for the whole column generation), and the search that prices a group at once.
class PathPricer {
 public:
  PathPricer(const ExpandedGraph& g, const AssignQuery& query);

  /// Per OD pair of group `group` (in pair order), its cheapest path at `arc_cost` (per arc, >=
  /// its weight) when one costs less than `below[k]` (indexed by pair); a pair without one has no
  /// entry. Among equally cheap paths, always the same one for the same costs.
  std::vector<PricedPath> cheapest_below(std::size_t group, const std::vector<double>& arc_cost,
                                         const std::vector<double>& below);

  /// Whether pairs are grouped by destination (searched backwards) rather than by origin.
  bool backward() const { return backward_; }
  std::size_t group_count() const { return groups_.size(); }

 private:
  /// One arc as a search steps along it: the vertex it leads to, the arc, this round's cost.
  struct Step {
    int next = 0, arc = 0;
    double cost = 0.0;
  };
  /// Adjacency in compressed rows: per vertex its arcs (out-arcs forward, in-arcs backwards).
  struct Adjacency {
    std::vector<int> first;
    std::vector<Step> steps;
  };
  /// A vertex's search state.
  struct Label {
    double distance = std::numeric_limits<double>::infinity();
    int via = kNone;          ///< the arc it was reached by
    int target_slot = kNone;  ///< its index in the search's target list, or kNone
  };
  /// Pairs sharing the end a search starts from.
  struct Group {
    std::array<int, kModeCount> sources{};
    std::vector<std::size_t> pairs;      ///< in pair order
    std::vector<double> potential;       ///< per vertex; empty: none (plain Dijkstra)
    std::vector<std::uint64_t> allowed;  ///< union of the pairs' masks, per arc a bit; empty: all
  };

  void build_adjacency(Adjacency& adjacency, bool out) const;
  void build_masks();
  void build_groups();
  void build_potentials();
  const std::array<int, kModeCount>& targets_of(std::size_t k) const;
  bool allows(const std::vector<std::uint64_t>& mask, int arc) const {
    return mask.empty() || (mask[static_cast<std::size_t>(arc) >> 6] >> (arc & 63) & 1U) != 0;
  }
  /// One search from `group`'s end for those of `pairs` (members of it) not yet priced; appends
  /// the paths found below their bounds to `found`, unordered.
  void search(const Group& group, const std::vector<std::size_t>& pairs, const std::vector<std::uint64_t>& allowed,
              const std::vector<double>& below, std::vector<PricedPath>& found);
  std::vector<int> path_to(int reached) const;

  const ExpandedGraph& g_;
  const AssignQuery& query_;
  bool backward_ = false;
  Adjacency step_;                               ///< the direction searches go in
  std::vector<std::vector<std::uint64_t>> mask_;  ///< per pair: the arcs its detour bound allows (empty: all)
  std::vector<char> reachable_;                  ///< per pair: some path joins its ends
  std::vector<double> least_;                    ///< per pair: its cheapest path's unpriced weight
  std::vector<Group> groups_;
  // Search state, reset after every search through `touched_`.
  std::vector<Label> label_;
  std::vector<int> touched_;
  std::vector<std::pair<double, int>> heap_;
};

}  // namespace corridor::solve::detail
