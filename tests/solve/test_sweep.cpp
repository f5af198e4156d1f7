// Uncertainty sweeps: the counter-based draws, the copula, the summary statistics (against
// brute force), and the overlay runner against an independent full copy per sample.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/sweep_json.hpp"
#include "solve/scenario_run.hpp"
#include "solve/sweep.hpp"
#include "support/paths.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

Sweep load_shipped(const std::string& name) {
  DiagnosticSink sink;
  return io::load_sweep(kSourceDir + "/scenarios/sweeps/" + name, kSourceDir + "/network/middle-corridor.json", sink);
}

Network base_network(const Sweep& sweep) {
  DiagnosticSink sink;
  const Network network = io::load_network(sweep.base.network_path, sink);
  Network changed = apply_changes(network, sweep.base.changes, sink);
  REQUIRE_FALSE(sink.has_errors());
  return changed;
}

/// A sweep of `kinds` lognormal inputs (no changes), for testing the draws alone.
Sweep draw_only_sweep(std::size_t inputs, double rho) {
  Sweep sweep;
  for (std::size_t i = 0; i < inputs; ++i) {
    SweepInput input;
    input.id = "x";  // then +=: "x" + std::to_string(i) gets a false -Wstringop-overflow from GCC 12 -O3
    input.id += std::to_string(i);
    input.distribution.kind = InputDistributionKind::Lognormal;
    input.distribution.median = 2.0;
    input.distribution.p90 = 5.0;
    sweep.inputs.push_back(input);
  }
  CorrelationGroup group;
  group.rho = rho;
  group.members = {0, 1};
  sweep.inputs[0].group = sweep.inputs[1].group = 0;
  sweep.groups.push_back(group);
  return sweep;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TEST_CASE("sweep draws: counter-based, in (0 1), uniform on average, independent of call order") {
  double sum = 0.0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = solve::counter_uniform(7, static_cast<std::uint64_t>(i), 3);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  CHECK(sum / n == doctest::Approx(0.5).epsilon(0.005));
  // The same (seed, sample, stream) gives the same number whatever was drawn before.
  CHECK(solve::counter_uniform(7, 12345, 3) == solve::counter_uniform(7, 12345, 3));
  CHECK(solve::counter_uniform(7, 12345, 3) != solve::counter_uniform(8, 12345, 3));
  CHECK(solve::counter_uniform(7, 12345, 3) != solve::counter_uniform(7, 12346, 3));
}

TEST_CASE("sweep draws: the copula gives the group's correlation and leaves others independent") {
  const Sweep sweep = draw_only_sweep(3, 0.6);
  std::vector<double> a, b, c;
  for (std::int64_t i = 0; i < 20000; ++i) {
    const std::vector<double> draws = solve::draw_inputs(sweep, 1, i);
    a.push_back(std::log(draws[0]));  // a lognormal's log is linear in its normal score
    b.push_back(std::log(draws[1]));
    c.push_back(std::log(draws[2]));
  }
  CHECK(pearson(a, b) == doctest::Approx(0.6).epsilon(0.05));
  CHECK(std::fabs(pearson(a, c)) < 0.03);
  // Median and P90 of the lognormal as given.
  std::sort(c.begin(), c.end());
  CHECK(std::exp(percentile_sorted(c, 0.5)) == doctest::Approx(2.0).epsilon(0.03));
  CHECK(std::exp(percentile_sorted(c, 0.9)) == doctest::Approx(5.0).epsilon(0.05));
}

TEST_CASE("sweep draws: triangular, uniform and bernoulli inverse distribution functions") {
  InputDistribution tri;
  tri.kind = InputDistributionKind::Triangular;
  tri.min = 1;
  tri.mode = 2;
  tri.max = 6;
  InputDistribution bern;
  bern.probability = 0.3;
  double tri_sum = 0, bern_sum = 0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = (i + 0.5) / n;  // a uniform grid: the mean of the inverse is the distribution's mean
    const double t = tri.value_at(0.0, u);
    REQUIRE(t >= 1.0);
    REQUIRE(t <= 6.0);
    tri_sum += t;
    bern_sum += bern.value_at(0.0, u);
  }
  CHECK(tri_sum / n == doctest::Approx(3.0).epsilon(0.001));
  CHECK(bern_sum / n == doctest::Approx(0.3).epsilon(0.001));
  CHECK(tri.value_at(0.0, (2.0 - 1.0) / 5.0) == doctest::Approx(2.0));  // the mode at F(mode)
}

TEST_CASE("sweep summary: percentiles, outcome probability and rank correlation against brute force") {
  Sweep sweep;
  SweepInput input;
  input.id = "x";
  input.distribution.kind = InputDistributionKind::Uniform;
  sweep.inputs.push_back(input);
  sweep.figures.push_back({"q.max_flow_tpy", 0, FigureKind::MaxFlowTpy});
  SweepOutcome outcome;
  outcome.id = "big";
  outcome.threshold = 5.0;
  sweep.outcomes.push_back(outcome);
  std::vector<SampleRecord> records;
  for (int i = 0; i < 11; ++i) {
    SampleRecord r;
    r.index = i;
    r.inputs = {static_cast<double>((i * 7) % 11)};
    r.figures = {i == 3 ? std::nullopt : std::optional<double>(static_cast<double>(i))};
    records.push_back(r);
  }
  const SweepSummary s = summarize(sweep, 1, records);
  REQUIRE(s.outcomes.size() == 1);
  CHECK(s.outcomes[0].met == 6);  // 5..10; sample 3 has no answer
  CHECK(s.outcomes[0].probability == doctest::Approx(6.0 / 11));
  CHECK(s.outcomes[0].standard_error == doctest::Approx(std::sqrt(6.0 / 11 * 5.0 / 11 / 11)));
  CHECK(s.figures[0].answered == 10);
  CHECK(s.figures[0].p50 == doctest::Approx(5.5));  // 0,1,2,4,...,10: between 5 and 6
  CHECK(s.figures[0].min == 0);
  CHECK(s.figures[0].max == 10);
  // Spearman = Pearson of the ranks; no ties here, so 1 - 6 sum d^2 / (n (n^2 - 1)).
  std::vector<double> x, y;
  for (const auto& r : records)
    if (r.figures[0]) {
      x.push_back(r.inputs[0]);
      y.push_back(*r.figures[0]);
    }
  const double rho = rank_correlation(x, y);
  double d2 = 0;
  const auto rank_of = [](const std::vector<double>& v, double value) {
    return static_cast<double>(std::count_if(v.begin(), v.end(), [&](double w) { return w < value; }) + 1);
  };
  for (std::size_t i = 0; i < x.size(); ++i) d2 += std::pow(rank_of(x, x[i]) - rank_of(y, y[i]), 2);
  const double n = static_cast<double>(x.size());
  CHECK(rho == doctest::Approx(1.0 - 6.0 * d2 / (n * (n * n - 1))));
  CHECK(rank_correlation({1, 1, 1}, {1, 2, 3}) == 0.0);
}

TEST_CASE("sweep runner: each sample's figures equal a fresh copy with the changes applied (overlay undone)") {
  const Sweep sweep = load_shipped("roadmap-uncertainty.json");
  const Network base = base_network(sweep);
  DiagnosticSink sink;
  const solve::SweepRunner runner(base, sweep, sink);
  REQUIRE_FALSE(sink.has_errors());
  const std::vector<SampleRecord> records = runner.run(5, 0, 24, 1);
  REQUIRE(records.size() == 24);
  Scenario queries;
  queries.queries = sweep.queries;
  std::set<double> flows;
  for (const SampleRecord& record : records) {
    DiagnosticSink check;
    const Network fresh = apply_changes(base, solve::sample_changes(sweep, record.inputs), check);
    const std::vector<QueryOutcome> outcomes = solve::run_queries(fresh, queries, check);
    REQUIRE_FALSE(check.has_errors());
    const auto& flow = std::get<FlowResult>(outcomes[0].result);
    REQUIRE(record.figures[0].has_value());
    CHECK(*record.figures[0] == static_cast<double>(flow.max_flow_tpy));
    const auto& route = std::get<RouteResult>(outcomes[2].result);
    REQUIRE(route.found());
    CHECK(*record.figures[2] == route.routes.front().days());
    flows.insert(*record.figures[0]);
  }
  CHECK(flows.size() > 1);  // the inputs do move the flow
}

TEST_CASE("sweep runner: the records are the same for 1 and 3 threads and for any split into ranges") {
  const Sweep sweep = load_shipped("roadmap-uncertainty.json");
  const Network base = base_network(sweep);
  DiagnosticSink sink;
  const solve::SweepRunner runner(base, sweep, sink);
  const auto one = runner.run(9, 0, 40, 1);
  const auto three = runner.run(9, 0, 40, 3);
  auto split = runner.run(9, 0, 13, 2);
  const auto rest = runner.run(9, 13, 40, 2);
  split.insert(split.end(), rest.begin(), rest.end());
  for (std::size_t i = 0; i < one.size(); ++i) {
    CHECK(one[i].index == static_cast<std::int64_t>(i));
    CHECK(one[i].inputs == three[i].inputs);
    CHECK(one[i].figures == three[i].figures);
    CHECK(one[i].inputs == split[i].inputs);
    CHECK(one[i].figures == split[i].figures);
  }
}

TEST_CASE("shipped sweeps: every source key of a sweep and its inputs is listed in docs/data-sources.md") {
  std::ifstream in(kSourceDir + "/docs/data-sources.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* name : {"roadmap-uncertainty.json", "caspian-transit.json"}) {
    const Sweep sweep = load_shipped(name);
    std::vector<std::string> keys = sweep.sources;
    for (const SweepInput& input : sweep.inputs) {
      keys.insert(keys.end(), input.sources.begin(), input.sources.end());
      CHECK_FALSE((input.sources.empty() && input.estimate.empty()));
    }
    for (const std::string& key : keys) {
      INFO(name << ": " << key);
      CHECK(doc.find("| " + key + " |") != std::string::npos);
    }
  }
}
