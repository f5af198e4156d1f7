#include "model/names.hpp"

#include <cctype>
#include <utility>

namespace corridor {
namespace {

/// Two-byte UTF-8 letters with diacritics (Latin-1 Supplement and Latin Extended-A) and their
/// base letters: enough for the place names of the region (Türkiye, Halkalı, Kärsa, Poti...).
constexpr std::pair<std::string_view, char> kFolds[] = {
    {"à", 'a'}, {"á", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"å", 'a'}, {"ā", 'a'}, {"ă", 'a'},
    {"ą", 'a'}, {"ç", 'c'}, {"ć", 'c'}, {"č", 'c'}, {"ď", 'd'}, {"è", 'e'}, {"é", 'e'}, {"ê", 'e'},
    {"ë", 'e'}, {"ē", 'e'}, {"ė", 'e'}, {"ę", 'e'}, {"ě", 'e'}, {"ğ", 'g'}, {"ì", 'i'}, {"í", 'i'},
    {"î", 'i'}, {"ï", 'i'}, {"ī", 'i'}, {"ı", 'i'}, {"İ", 'i'}, {"ł", 'l'}, {"ñ", 'n'}, {"ń", 'n'},
    {"ň", 'n'}, {"ò", 'o'}, {"ó", 'o'}, {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'}, {"ő", 'o'}, {"ø", 'o'},
    {"ř", 'r'}, {"ś", 's'}, {"ş", 's'}, {"š", 's'}, {"ť", 't'}, {"ţ", 't'}, {"ù", 'u'}, {"ú", 'u'},
    {"û", 'u'}, {"ü", 'u'}, {"ū", 'u'}, {"ů", 'u'}, {"ű", 'u'}, {"ý", 'y'}, {"ź", 'z'}, {"ż", 'z'},
    {"ž", 'z'}, {"Ç", 'c'}, {"Ö", 'o'}, {"Ü", 'u'}, {"Ş", 's'}, {"Ä", 'a'}, {"É", 'e'}, {"Ž", 'z'},
};

/// A node's aliases (Node::aliases, the network file's "aliases"), empty before a network has any.
template <typename NodeType>
std::vector<std::string> node_aliases(const NodeType& node) {
  if constexpr (requires { node.aliases; }) return node.aliases;
  else return {};
}

std::vector<std::string> folded_names(const Node& node) {
  std::vector<std::string> names{fold_for_matching(node.id), fold_for_matching(node.name)};
  for (const std::string& alias : node_aliases(node)) names.push_back(fold_for_matching(alias));
  return names;
}

}  // namespace

std::string fold_for_matching(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      bool folded = false;
      for (const auto& [letter, base] : kFolds)
        if (text.compare(i, letter.size(), letter) == 0) {
          out.push_back(base);
          i += letter.size();
          folded = true;
          break;
        }
      if (!folded) out.push_back(text[i++]);
      continue;
    }
    ++i;
    if (c == '\'' || c == '`') continue;
    if (c == ' ' || c == '-' || c == '_') {
      if (!out.empty() && out.back() != '_') out.push_back('_');
      continue;
    }
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::optional<NodeIndex> match_node(const Network& network, std::string_view typed) {
  if (auto exact = network.find_node(typed)) return exact;
  const std::vector<NodeIndex> found = nodes_answering_to(network, typed);
  if (found.size() != 1) return std::nullopt;  // none, or ambiguous: several nodes answer to it
  return found.front();
}

std::vector<NodeIndex> nodes_answering_to(const Network& network, std::string_view typed) {
  const std::string key = fold_for_matching(typed);
  std::vector<NodeIndex> found;
  if (key.empty()) return found;
  for (NodeIndex i = 0; i < network.nodes.size(); ++i)
    for (const std::string& name : folded_names(network.nodes[i]))
      if (name == key) {
        found.push_back(i);
        break;
      }
  return found;
}

std::optional<LinkIndex> match_link(const Network& network, std::string_view typed) {
  if (auto exact = network.find_link(typed)) return exact;
  auto upper = [](std::string_view text) {  // link ids: case only ('-' and '_' stay distinct)
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string key = upper(typed);
  std::optional<LinkIndex> found;
  for (LinkIndex i = 0; i < network.links.size(); ++i)
    if (network.links[i].id == key) {
      if (found) return std::nullopt;
      found = i;
    }
  return found;
}

std::vector<NodeIndex> search_nodes(const Network& network, std::string_view text) {
  const std::string key = fold_for_matching(text);
  std::vector<NodeIndex> found;
  for (NodeIndex i = 0; i < network.nodes.size(); ++i)
    for (const std::string& name : folded_names(network.nodes[i]))
      if (name.find(key) != std::string::npos) {
        found.push_back(i);
        break;
      }
  return found;
}

}  // namespace corridor
