#pragma once
// Finding a node by what a person types: its id in any case, its name or one of its aliases,
// with or without diacritics ("xian", "Xi'an", "Halkalı" and "halkali" all work).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/network.hpp"

namespace corridor {

/// `text` folded for matching: ASCII lower case, common Latin diacritics removed (ı -> i,
/// ş -> s, ü -> u, ...), apostrophes dropped, runs of spaces, '-' and '_' made one '_'.
std::string fold_for_matching(std::string_view text);

/// The node `typed` names: the exact id, else the one node whose id, name or alias folds to the
/// same text. Empty when none matches or when several do (ambiguous).
std::optional<NodeIndex> match_node(const Network& network, std::string_view typed);
/// Every node whose id, name or alias folds to the same text as `typed`, in network order: more
/// than one is why match_node refuses it.
std::vector<NodeIndex> nodes_answering_to(const Network& network, std::string_view typed);
/// The link whose id is `typed`, else the link whose id is `typed` in upper case.
std::optional<LinkIndex> match_link(const Network& network, std::string_view typed);
/// Every node whose folded id, name or alias contains the folded `text`, in network order.
std::vector<NodeIndex> search_nodes(const Network& network, std::string_view text);

}  // namespace corridor
