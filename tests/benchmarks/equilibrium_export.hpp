#pragma once
// What bench_main.cpp and equilibrium_export.cpp share: how corridor_bench fails, and the
// export of the equilibrium assignment's problem for the NetworkX Frank-Wolfe peer
// (corridor_bench --export-equilibrium NETWORK.json DIR SHARE hard|soft).

#include <cstdlib>
#include <iostream>
#include <string>

namespace corridor::bench {

/// Ends corridor_bench with exit code 1 and the message on stderr.
[[noreturn]] inline void fail(const std::string& message) {
  std::cerr << "corridor_bench: " << message << "\n";
  std::exit(1);
}

/// Writes DIR/equilibrium.json: the OD pairs of the equilibrium benchmark and the problem
/// corridor's assign_equilibrium solves for them (solve::equilibrium_problem, the solver's own
/// build), which tests/benchmarks/networkx_fw_peer.py solves again. The pairs: up to three
/// Chinese terminals (first, middle and last line) to up to three Turkish ones, each pair
/// `share` of the max flow from those origins to those destinations (with the hard capacities)
/// divided by the number of pairs, in whole tonnes. The query is resolved from the same request
/// `corridor assign --od FROM:TO:TONNES ... --equilibrium user` makes. With `soft`, the problem
/// is that of soft_capacities(network), written to DIR/network_soft.json for corridor to read
/// (and read back from that text here, so both solve what the file says).
int export_equilibrium(const std::string& path, const std::string& dir, double share, bool soft);

}  // namespace corridor::bench
