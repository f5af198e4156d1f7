#include "solve/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "solve/scenario_run.hpp"

namespace corridor::solve {
namespace {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// Streams of the copula: input i uses normal stream i, group g stream inputs + g.
std::uint64_t group_stream(const Sweep& sweep, std::size_t group) {
  return sweep.inputs.size() + group;
}

/// Puts a draw into a set_* or scale_capacity template.
void put_value(Change& change, double value) {
  if (change.type == ChangeType::ScaleCapacity) {
    change.factor = value;
    return;
  }
  const std::string& field = change.fields.front();
  const auto tonnes = static_cast<TonnesPerYear>(std::llround(value));
  if (change.type == ChangeType::SetNode) {
    if (field == "capacity_tpy")
      change.node.capacity_tpy = tonnes;
    else if (field == "dwell_hours")
      change.node.dwell_hours = value;
    else if (field == "transfer_hours")
      change.node.transfer_hours = value;
  } else {
    if (field == "capacity_tpy")
      change.link.link.capacity_tpy = tonnes;
    else if (field == "hours")
      change.link.link.hours = value;
    else if (field == "departures_per_week")
      change.link.link.departures_per_week = value;
  }
}

/// The figures of one sample from its query outcomes.
std::vector<std::optional<double>> figures_of(const Sweep& sweep, const std::vector<QueryOutcome>& outcomes) {
  std::vector<std::optional<double>> figures;
  for (const SweepFigure& figure : sweep.figures) {
    const auto& result = outcomes[figure.query].result;
    std::optional<double> value;
    if (const auto* flow = std::get_if<FlowResult>(&result)) {
      if (!flow->unbounded) value = static_cast<double>(flow->max_flow_tpy);
    } else if (const auto* route = std::get_if<RouteResult>(&result)) {
      if (route->found()) value = route->routes.front().days();
    } else if (const auto* reliability = std::get_if<ReliabilityResult>(&result)) {
      if (reliability->found()) {
        const RouteReliability& chosen = reliability->routes.front();
        if (figure.kind == FigureKind::MeanDays)
          value = chosen.mean_hours / 24.0;
        else if (figure.kind == FigureKind::P90Days)
          value = chosen.p90_hours / 24.0;
        else
          value = chosen.on_time_probability;
      }
    }
    figures.push_back(value);
  }
  return figures;
}

/// A range's ends, for checking an input's changes before sampling.
std::pair<double, double> range_ends(const InputDistribution& d) {
  switch (d.kind) {
    case InputDistributionKind::Bernoulli:
      return {0.0, 1.0};
    case InputDistributionKind::Uniform:
    case InputDistributionKind::Triangular:
      return {d.min, d.max};
    case InputDistributionKind::Lognormal:  // the cut tails: the least and largest value a draw can take
      return {d.value_at(-kLognormalCutZ, 0.0), d.value_at(kLognormalCutZ, 1.0)};
  }
  return {0.0, 0.0};
}

}  // namespace

double counter_uniform(std::uint64_t seed, std::uint64_t sample, std::uint64_t stream) {
  const std::uint64_t bits = mix64(mix64(mix64(seed) ^ sample) ^ (stream * 0xD1B54A32D192ED03ULL + 1));
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

double counter_normal(std::uint64_t seed, std::uint64_t sample, std::uint64_t stream) {
  const double u1 = counter_uniform(seed, sample, 2 * stream), u2 = counter_uniform(seed, sample, 2 * stream + 1);
  constexpr double kTwoPi = 6.283185307179586;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

std::vector<double> draw_inputs(const Sweep& sweep, std::uint64_t seed, std::int64_t index) {
  const auto sample = static_cast<std::uint64_t>(index);
  std::vector<double> shared(sweep.groups.size());
  for (std::size_t g = 0; g < sweep.groups.size(); ++g)
    shared[g] = counter_normal(seed, sample, group_stream(sweep, g));
  std::vector<double> draws;
  draws.reserve(sweep.inputs.size());
  for (std::size_t i = 0; i < sweep.inputs.size(); ++i) {
    const SweepInput& input = sweep.inputs[i];
    double z = counter_normal(seed, sample, i);
    if (input.group >= 0) {
      const double rho = sweep.groups[static_cast<std::size_t>(input.group)].rho;
      z = std::sqrt(rho) * shared[static_cast<std::size_t>(input.group)] + std::sqrt(1.0 - rho) * z;
    }
    const double u = 0.5 * std::erfc(-z / std::sqrt(2.0));
    draws.push_back(input.distribution.value_at(z, u));
  }
  return draws;
}

std::vector<Change> sample_changes(const Sweep& sweep, const std::vector<double>& draws) {
  std::vector<Change> changes;
  for (std::size_t i = 0; i < sweep.inputs.size(); ++i) {
    const SweepInput& input = sweep.inputs[i];
    if (input.distribution.kind == InputDistributionKind::Bernoulli) {
      if (draws[i] > 0.5) changes.insert(changes.end(), input.changes.begin(), input.changes.end());
      continue;
    }
    for (Change change : input.templates) {
      put_value(change, draws[i]);
      changes.push_back(std::move(change));
    }
  }
  return changes;
}

struct SweepRunner::Worker {
  Network network;
  std::vector<Node> saved_nodes;
  std::vector<Link> saved_links;
  std::vector<Resource> saved_resources;
};

SweepRunner::SweepRunner(const Network& base, const Sweep& sweep, DiagnosticSink& sink) : base_(base), sweep_(sweep) {
  queries_.name = sweep.name;
  queries_.queries = sweep.queries;
  std::vector<char> node_touched(base.nodes.size(), 0), link_touched(base.links.size(), 0);
  auto touch = [&](const Change& change) {
    if (change.type == ChangeType::SetResource ||
        (change.type == ChangeType::ScaleCapacity && change.scale_target == ScaleTarget::Resource)) {
      touches_resources_ = true;
      return;
    }
    if (change.type == ChangeType::ScaleCapacity && change.scale_target == ScaleTarget::Mode) {
      for (LinkIndex l = 0; l < base.links.size(); ++l)
        if (base.links[l].mode == change.scale_mode) link_touched[l] = 1;
      return;
    }
    const bool node = change.type == ChangeType::CloseNode || change.type == ChangeType::OpenNode ||
                      change.type == ChangeType::SetNode ||
                      (change.type == ChangeType::ScaleCapacity && change.scale_target == ScaleTarget::Node);
    if (node) {
      if (auto n = base.find_node(change.target_id)) node_touched[*n] = 1;
    } else if (auto l = base.find_link(change.target_id)) {
      link_touched[*l] = 1;
    }
  };
  // Every input's changes at both ends of its range, all applied together, must apply cleanly,
  // and the queries must resolve on the result. Warnings (one element changed by two inputs)
  // are expected in a sweep and not repeated here.
  for (int end = 0; end < 2; ++end) {
    std::vector<double> draws;
    for (const SweepInput& input : sweep.inputs) {
      const auto [low, high] = range_ends(input.distribution);
      draws.push_back(end == 0 ? low : high);
    }
    if (end == 0)
      for (std::size_t i = 0; i < draws.size(); ++i)
        if (sweep.inputs[i].distribution.kind == InputDistributionKind::Bernoulli) draws[i] = 1.0;
    DiagnosticSink check(sink.file());
    const std::vector<Change> changes = sample_changes(sweep, draws);
    for (const Change& change : changes) touch(change);
    Network network = apply_changes(base, changes, check);
    if (end == 0) (void)run_queries(network, queries_, check);  // unknown ids, even beside bad changes
    // Both ends, every problem once (an unknown id is found at both).
    for (const Diagnostic& d : check.diagnostics()) {
      if (d.severity != Severity::Error) continue;
      const bool seen = std::any_of(sink.diagnostics().begin(), sink.diagnostics().end(), [&](const Diagnostic& e) {
        return e.pointer == d.pointer && e.message == d.message && e.code == d.code;
      });
      if (!seen) sink.add(d);
    }
  }
  for (NodeIndex n = 0; n < node_touched.size(); ++n)
    if (node_touched[n]) touched_nodes_.push_back(n);
  for (LinkIndex l = 0; l < link_touched.size(); ++l)
    if (link_touched[l]) touched_links_.push_back(l);
}

SampleRecord SweepRunner::run_one(Worker& worker, std::uint64_t seed, std::int64_t index) const {
  SampleRecord record;
  record.index = index;
  record.inputs = draw_inputs(sweep_, seed, index);
  // The overlay: save the elements a sample may change, change them in place, answer the
  // queries, restore them. The shared base network is never copied per sample.
  worker.saved_nodes.clear();
  worker.saved_links.clear();
  for (NodeIndex n : touched_nodes_) worker.saved_nodes.push_back(worker.network.nodes[n]);
  for (LinkIndex l : touched_links_) worker.saved_links.push_back(worker.network.links[l]);
  if (touches_resources_) worker.saved_resources = worker.network.resources;
  DiagnosticSink sink("sample " + std::to_string(index));
  apply_changes_in_place(worker.network, sample_changes(sweep_, record.inputs), sink);
  sink.throw_if_errors();
  const std::vector<QueryOutcome> outcomes = run_queries(worker.network, queries_, sink);
  sink.throw_if_errors();
  record.figures = figures_of(sweep_, outcomes);
  for (std::size_t i = 0; i < touched_nodes_.size(); ++i)
    worker.network.nodes[touched_nodes_[i]] = worker.saved_nodes[i];
  for (std::size_t i = 0; i < touched_links_.size(); ++i)
    worker.network.links[touched_links_[i]] = worker.saved_links[i];
  if (touches_resources_) worker.network.resources = worker.saved_resources;
  return record;
}

std::vector<SampleRecord> SweepRunner::run(std::uint64_t seed, std::int64_t begin, std::int64_t end, int threads,
                                           const std::function<void(std::int64_t)>& progress) const {
  const std::int64_t count = std::max<std::int64_t>(0, end - begin);
  std::vector<SampleRecord> records(static_cast<std::size_t>(count));
  std::atomic<std::int64_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  constexpr std::int64_t kChunk = 8;
  auto work = [&] {
    try {
      Worker worker{base_, {}, {}, {}};  // one working copy per thread
      worker.network.reindex();
      for (;;) {
        const std::int64_t first = next.fetch_add(kChunk);
        if (first >= count) break;
        for (std::int64_t i = first; i < std::min(count, first + kChunk); ++i) {
          records[static_cast<std::size_t>(i)] = run_one(worker, seed, begin + i);
          done.fetch_add(1, std::memory_order_relaxed);
        }
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      failed.store(true);
      next.store(count);
    }
  };
  const int thread_count = static_cast<int>(std::clamp<std::int64_t>(threads, 1, std::max<std::int64_t>(1, count)));
  std::vector<std::thread> pool;
  for (int t = 1; t < thread_count; ++t) pool.emplace_back(work);
  if (progress) {
    // The calling thread reports progress while the pool works, then joins in.
    std::thread last(work);
    while (done.load() < count && !failed.load()) {
      progress(done.load());
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    last.join();
    progress(done.load());
  } else {
    work();
  }
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return records;
}

}  // namespace corridor::solve
