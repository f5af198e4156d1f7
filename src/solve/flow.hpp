#pragma once
// Maximum flow and minimum cut between node sets. Boost.Graph inside; plain types here.

#include <memory>
#include <vector>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// Maximum flow (tonnes per year) from the query's sources to its sinks, over open
/// links (capacity per direction) and open nodes (throughput capacity, sources and sinks
/// included). Returns the flow on every link, the load of every node and a minimum cut
/// whose capacities sum to the flow. When a path without any finite capacity exists the
/// result is `unbounded`. Builds a FlowSolver for this one query.
FlowResult max_flow(const Network& network, const FlowQuery& query);

/// A capacity added to one element (node or link, both directions of a link) for one query,
/// on top of the network's figure; the element must have a finite capacity.
struct CapacityRaise {
  CutElement::Type type = CutElement::Type::Link;
  std::uint32_t index = 0;  ///< LinkIndex or NodeIndex
  TonnesPerYear extra_tpy = 0;
};

/// A flow graph built once for a network and a set of sources and sinks, and reused for many
/// max-flow queries between them (criticality sweeps, upgrade searches). The network must
/// outlive the solver and must not change while it is used.
///
/// The graph (a Boost CSR graph: nodes split into in/out vertices joined by an arc carrying
/// the node's capacity, one arc per link direction, a super source and sink) is built in the
/// constructor and only read afterwards, so any number of threads may query one solver at
/// once. A query fills its own capacity and residual arrays; links its filters exclude are
/// left out of a compacted copy of the arc arrays (see flow.cpp for why they are not just
/// given zero capacity). Results are those of `max_flow(network, query)` exactly.
class FlowSolver {
 public:
  FlowSolver(const Network& network, std::vector<NodeIndex> sources, std::vector<NodeIndex> sinks);
  ~FlowSolver();
  FlowSolver(FlowSolver&&) noexcept;
  FlowSolver& operator=(FlowSolver&&) noexcept;

  /// The max flow of `query`, whose sources and sinks must be the solver's (same order), with
  /// the capacities of the network raised by `raises`.
  FlowResult max_flow(const FlowQuery& query, const std::vector<CapacityRaise>& raises = {}) const;

  std::size_t vertex_count() const;
  std::size_t arc_count() const;  ///< forward arcs; the graph holds a reverse arc for each

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::solve
