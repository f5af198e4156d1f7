#include "io/node_search.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace corridor::io {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// 0 exact, 1 prefix, 2 substring, 3 no match.
int match_rank(const std::string& haystack_lower, const std::string& needle_lower) {
  if (haystack_lower == needle_lower) return 0;
  if (haystack_lower.rfind(needle_lower, 0) == 0) return 1;
  return haystack_lower.find(needle_lower) != std::string::npos ? 2 : 3;
}

/// The node's names besides its id: its name and, once the network format has them, its aliases.
template <typename N>
std::vector<std::string> other_names(const N& node) {
  std::vector<std::string> names{node.name};
  if constexpr (requires { node.aliases; })
    for (const auto& alias : node.aliases) names.push_back(alias);
  return names;
}

/// Rank of a node for the search (lower is better; 5 = no match).
int node_rank(const Node& node, const std::string& needle) {
  const int by_id = match_rank(lower(node.id), needle);
  int by_name = 3;
  for (const std::string& name : other_names(node)) by_name = std::min(by_name, match_rank(lower(name), needle));
  // exact id 0, exact name 1, id prefix 2, name prefix 3, any substring 4
  if (by_id == 0) return 0;
  if (by_name == 0) return 1;
  if (by_id == 1) return 2;
  if (by_name == 1) return 3;
  return by_id == 2 || by_name == 2 ? 4 : 5;
}

}  // namespace

std::vector<NodeIndex> search_nodes(const Network& network, std::string_view text, std::size_t limit) {
  const std::string needle = lower(text);
  std::vector<std::pair<int, NodeIndex>> ranked;
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const int rank = needle.empty() ? 0 : node_rank(network.nodes[n], needle);
    if (rank < 5) ranked.emplace_back(rank, n);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<NodeIndex> found;
  for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) found.push_back(ranked[i].second);
  return found;
}

}  // namespace corridor::io
