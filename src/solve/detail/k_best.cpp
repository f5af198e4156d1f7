#include "solve/detail/k_best.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace corridor::solve::detail {

std::vector<Path> k_shortest_paths(const QueryGraph& g, int k, std::size_t max_generated,
                                   const std::function<bool(const Path&)>& accept) {
  std::vector<Path> accepted;
  auto first = shortest_path(g, g.source, nullptr);
  if (!first) return accepted;
  std::vector<Path> found{*first};  // every path taken from the candidates, in order
  std::set<std::pair<double, Path>> candidates;
  std::set<Path> seen{*first};
  if (accept(*first)) accepted.push_back(*first);
  Removed removed;
  while (static_cast<int>(accepted.size()) < k && found.size() < max_generated) {
    const Path& last = found.back();
    removed.arcs.assign(g.arc_count(), 0);
    removed.vertices.assign(g.vertex_count(), 0);
    Vertex spur = g.source;
    for (std::size_t i = 0; i < last.size(); ++i) {
      // Root = last[0, i). Remove the next arc of every found path sharing this root.
      std::vector<std::size_t> marked;
      for (const Path& p : found)
        if (p.size() > i && std::equal(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i), p.begin())) {
          removed.arcs[g.dense(p[i])] = 1;
          marked.push_back(g.dense(p[i]));
        }
      if (auto spur_path = shortest_path(g, spur, &removed)) {
        Path total(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(i));
        total.insert(total.end(), spur_path->begin(), spur_path->end());
        if (seen.insert(total).second) candidates.emplace(path_weight(g, total), std::move(total));
      }
      for (std::size_t a : marked) removed.arcs[a] = 0;
      removed.vertices[spur] = 1;  // the root may not come back to its own vertices
      spur = g.head(last[i]);
    }
    if (candidates.empty()) break;
    found.push_back(candidates.begin()->second);
    candidates.erase(candidates.begin());
    if (accept(found.back())) accepted.push_back(found.back());
  }
  return accepted;
}

}  // namespace corridor::solve::detail
