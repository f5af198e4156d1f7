#pragma once
// Running an uncertainty sweep: draws per sample index, the sample's changes applied to a
// per-thread working copy of the shared base network (and undone), the recorded figures.

#include <cstdint>
#include <functional>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/sweep.hpp"

namespace corridor::solve {

/// A uniform number in (0, 1) that depends only on (seed, sample, stream): a counter-based
/// generator (SplitMix64's finalizer over the three), so sample i is the same whatever the
/// thread, the shard or the order in which samples are run.
double counter_uniform(std::uint64_t seed, std::uint64_t sample, std::uint64_t stream);
/// A standard normal number from two such uniforms (Box-Muller).
double counter_normal(std::uint64_t seed, std::uint64_t sample, std::uint64_t stream);

/// The draws of every input of sample `index` (in Sweep::inputs order), correlated groups
/// through their one-factor Gaussian copula.
std::vector<double> draw_inputs(const Sweep& sweep, std::uint64_t seed, std::int64_t index);

/// The concrete changes one sample applies, in input order.
std::vector<Change> sample_changes(const Sweep& sweep, const std::vector<double>& draws);

/// Runs samples against one base network (the base scenario's changes already applied).
class SweepRunner {
 public:
  /// Checks the sweep against the network (every query resolves; every input's changes apply at
  /// the ends of its range) and reports problems to `sink` with the sweep file's pointers.
  SweepRunner(const Network& base, const Sweep& sweep, DiagnosticSink& sink);

  /// Records of samples [begin, end) in index order, computed on `threads` threads.
  /// `progress`, if set, is called from the calling thread with the number of samples done.
  std::vector<SampleRecord> run(std::uint64_t seed, std::int64_t begin, std::int64_t end, int threads,
                                const std::function<void(std::int64_t)>& progress = {}) const;

 private:
  struct Worker;
  SampleRecord run_one(Worker& worker, std::uint64_t seed, std::int64_t index) const;

  const Network& base_;
  const Sweep& sweep_;
  Scenario queries_;                      ///< the sweep's queries, as run_queries takes them
  std::vector<NodeIndex> touched_nodes_;  ///< every element a sample may change, saved and restored
  std::vector<LinkIndex> touched_links_;
};

}  // namespace corridor::solve
