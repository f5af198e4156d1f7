#pragma once
// Synthetic networks with the Middle Corridor's structure, for benchmarks and scale tests.
// Plain types only; writing them as JSON is src/io/network_writer.hpp.

#include <cstdint>
#include <vector>

#include "model/network.hpp"

namespace corridor {

/// Sizes the generator accepts (a network file of 10^6 nodes is about 230 MB).
inline constexpr std::uint32_t kMinGeneratedNodes = 50;
inline constexpr std::uint32_t kMaxGeneratedNodes = 1'000'000;

struct GenerateOptions {
  std::uint32_t nodes = 1000;  ///< exact node count, kMinGeneratedNodes..kMaxGeneratedNodes
  std::uint64_t seed = 1;
};

/// A generated network and the nodes a benchmark asks about.
struct GeneratedNetwork {
  Network network;
  /// Rail terminals at the eastern ends of the lines (China side), line 0 first.
  std::vector<NodeIndex> origins;
  /// Rail terminals at the western ends of the lines (Turkiye side), line 0 first.
  std::vector<NodeIndex> destinations;
};

/// Builds a network of exactly `options.nodes` nodes, the same for the same options on every
/// run and machine (own integer PRNG, rounded figures). Structure, east to west:
/// parallel rail lines (L of them, about sqrt(nodes)/10) from rail terminals in China through a
/// CN-KZ border crossing and a 1435/1520 mm gauge change to a Caspian sea port; ferries from each
/// eastern port to two western ports; lines on through an AZ-GE border and a GE-TR border with a
/// gauge change back to 1435 mm, to rail terminals in Turkiye. Every tenth position of a line is
/// a junction joined by a rail link to the neighbouring line; every 25th is a dry port, and dry
/// ports are joined by road links. Borders, gauge changes, ports and links carry capacities and
/// dwell times in the ranges of the shipped network; about 1% of the cross links are planned.
/// Links carry no corridor tags (they would add 10% to a file that must stay under 256 MiB).
/// Precondition: kMinGeneratedNodes <= options.nodes <= kMaxGeneratedNodes (asserted).
GeneratedNetwork generate_network(const GenerateOptions& options);

}  // namespace corridor
