// The node lookup of corridor serve's /api/nodes (io/node_search.hpp): what matches, and in
// which order.
#include <doctest/doctest.h>

#include "io/node_search.hpp"

using namespace corridor;

namespace {

Network lookup_network() {
  Network network;
  auto add = [&](std::string id, std::string name, std::vector<std::string> aliases = {}) {
    Node node;
    node.id = std::move(id);
    node.name = std::move(name);
    node.aliases = std::move(aliases);
    network.nodes.push_back(node);
  };
  add("BAKU", "Baku International Sea Trade Port", {"Alat"});
  add("BATUMI", "Batumi Sea Port");
  add("KURYK", "Port of Kuryk");
  add("ALATAU", "Alatau junction");
  add("AKTAU", "Aktau Sea Port");
  return network;
}

std::vector<std::string> found_ids(const Network& network, std::string_view text, std::size_t limit = 50) {
  std::vector<std::string> ids;
  for (NodeIndex n : io::search_nodes(network, text, limit)) ids.push_back(network.nodes[n].id);
  return ids;
}

}  // namespace

TEST_CASE("node search: exact id, exact name or alias, id prefix, name prefix, substring, in that order") {
  const Network network = lookup_network();
  CHECK(found_ids(network, "baku") == std::vector<std::string>{"BAKU"});
  // "Alat" is BAKU's alias (exact) and a prefix of ALATAU's id.
  CHECK(found_ids(network, "ALAT") == std::vector<std::string>{"BAKU", "ALATAU"});
  CHECK(found_ids(network, "ba") == std::vector<std::string>{"BAKU", "BATUMI"});
  CHECK(found_ids(network, "port") == std::vector<std::string>{"KURYK", "BAKU", "BATUMI", "AKTAU"});
  CHECK(found_ids(network, "sea port") == std::vector<std::string>{"BATUMI", "AKTAU"});  // not "Sea Trade Port"
  CHECK(found_ids(network, "tau") == std::vector<std::string>{"ALATAU", "AKTAU"});
  CHECK(found_ids(network, "nowhere").empty());
}

TEST_CASE("node search: an empty text lists every node in network order, up to the limit") {
  const Network network = lookup_network();
  CHECK(found_ids(network, "").size() == 5);
  CHECK(found_ids(network, "", 2) == std::vector<std::string>{"BAKU", "BATUMI"});
  CHECK(found_ids(network, "port", 1) == std::vector<std::string>{"KURYK"});
}
