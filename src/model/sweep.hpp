#pragma once
// Uncertainty sweeps (docs/sweep-format.md, docs/sweeps.md): a base scenario, uncertain inputs
// drawn per sample, the figures recorded per sample, named outcomes, and the summary computed
// from the per-sample records. Plain value types; sampling and solving live in src/solve/sweep.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enum_table.hpp"
#include "model/scenario.hpp"

namespace corridor {

enum class InputDistributionKind : std::uint8_t { Bernoulli, Uniform, Triangular, Lognormal };
inline constexpr EnumName<InputDistributionKind> kInputDistributionKindNames[] = {{InputDistributionKind::Bernoulli, "bernoulli"}, {InputDistributionKind::Uniform, "uniform"}, {InputDistributionKind::Triangular, "triangular"}, {InputDistributionKind::Lognormal, "lognormal"}};
static_assert(enum_table_valid(kInputDistributionKindNames));
constexpr const auto& enum_table(InputDistributionKind) { return kInputDistributionKindNames; }

/// The law of one uncertain input. Only the members of its kind are meaningful: bernoulli
/// (probability), uniform (min, max), triangular (min, mode, max), lognormal (median, p90).
/// A lognormal input's draws are cut at this standard-normal score either side of the median
/// (the 1-in-10,000 tails, P0.01 and P99.99), so that the ends checked before a sweep runs are
/// the ends any sample can reach: an unbounded tail would fail a bounded field at some sample.
inline constexpr double kLognormalCutZ = 3.719016485455709;
/// The most samples a sweep may ask for (its file's `samples`, --samples, a shard's header).
inline constexpr std::int64_t kMaxSweepSamples = 100'000'000;

struct InputDistribution {
  InputDistributionKind kind = InputDistributionKind::Bernoulli;
  double probability = 0.5;
  double min = 0.0;
  double mode = 0.0;
  double max = 0.0;
  double median = 1.0;
  double p90 = 1.0;
  /// The value of a draw whose standard-normal score is `z` (uniform score u = Phi(z)):
  /// the inverse distribution function at u. Bernoulli gives 1 (true) when u < probability.
  double value_at(double z, double u) const;
  /// "bernoulli p=0.6", "triangular 5e6/5.5e6/6.5e6", ...
  std::string describe() const;
};

/// One uncertain input. A Bernoulli input applies `changes` when it draws 1 ("delivered").
/// A continuous input applies each of `templates` with its draw as the value: a set_link or
/// set_node template sets its one field to the draw, a scale_capacity template scales by it.
/// An input with neither only records its draw (e.g. a demand figure an outcome compares with).
struct SweepInput {
  std::string id;
  std::string name;
  std::string pointer;  ///< e.g. "/inputs/3"
  InputDistribution distribution;
  std::vector<Change> changes;
  std::vector<Change> templates;
  std::vector<std::string> sources;
  std::string estimate;  ///< how an unsourced figure was estimated
  int group = -1;        ///< index into Sweep::groups, or -1
};

/// Inputs that move together: a one-factor Gaussian copula. Each member's normal score is
/// sqrt(rho) * G + sqrt(1 - rho) * E_i with a shared G and its own E_i, so any two members'
/// scores have correlation rho (0 <= rho <= 1).
struct CorrelationGroup {
  std::string id;
  double rho = 0.0;
  std::vector<std::size_t> members;  ///< indices into Sweep::inputs
  std::string note;
  std::vector<std::string> sources;
};

/// What a query records per sample.
enum class FigureKind : std::uint8_t { MaxFlowTpy, RouteDays, MeanDays, P90Days, OnTimeShare };
/// The suffix of a figure's name ("QUERY_ID.days").
inline constexpr EnumName<FigureKind> kFigureKindNames[] = {{FigureKind::MaxFlowTpy, "max_flow_tpy"}, {FigureKind::RouteDays, "days"}, {FigureKind::MeanDays, "mean_days"}, {FigureKind::P90Days, "p90_days"}, {FigureKind::OnTimeShare, "on_time"}};
static_assert(enum_table_valid(kFigureKindNames));
constexpr const auto& enum_table(FigureKind) { return kFigureKindNames; }

struct SweepFigure {
  std::string name;       ///< "QUERY_ID.max_flow_tpy"
  std::size_t query = 0;  ///< index into Sweep::queries
  FigureKind kind = FigureKind::MaxFlowTpy;
};

/// "target met": a figure at least / at most a threshold, a number or another input's draw.
struct SweepOutcome {
  std::string id;
  std::string name;
  std::string pointer;
  std::size_t figure = 0;  ///< index into Sweep::figures
  bool at_least = true;    ///< false: at most
  double threshold = 0.0;
  std::optional<std::size_t> threshold_input;  ///< compare with this input's draw instead
};

struct Sweep {
  std::string name;
  std::string description;
  std::vector<std::string> sources;
  Scenario base;  ///< its changes are applied once; its queries are not run
  std::vector<SweepInput> inputs;
  std::vector<CorrelationGroup> groups;
  std::vector<ScenarioQuery> queries;
  std::vector<std::string> query_ids;
  std::vector<SweepFigure> figures;
  std::vector<SweepOutcome> outcomes;
  std::int64_t default_samples = 1000;
  std::uint64_t default_seed = 1;
  /// Identifies the sweep's content (a hash of its canonical text): shards of different sweep
  /// files are not merged.
  std::string fingerprint;
};

/// One sample's draws and answers; a figure without an answer (no route, unbounded flow) is empty.
struct SampleRecord {
  std::int64_t index = 0;
  std::vector<double> inputs;                  ///< in Sweep::inputs order
  std::vector<std::optional<double>> figures;  ///< in Sweep::figures order
};

/// Whether a sample meets an outcome: an unanswered figure does not.
bool outcome_met(const SweepOutcome& outcome, const SampleRecord& record);

struct FigureSummary {
  std::string name;
  std::int64_t answered = 0;  ///< samples with an answer
  double mean = 0.0, sd = 0.0, min = 0.0, p5 = 0.0, p25 = 0.0, p50 = 0.0, p75 = 0.0, p95 = 0.0, max = 0.0;
};

struct OutcomeSummary {
  std::string id;
  std::string name;
  std::int64_t met = 0;
  double probability = 0.0;
  double standard_error = 0.0;  ///< sqrt(p (1 - p) / samples)
};

/// How one input moves one target (an outcome's indicator or a figure).
struct InputEffect {
  std::size_t input = 0;
  double rank_correlation = 0.0;  ///< Spearman's rho (mid-ranks for ties); 0 when undefined
  double low_mean = 0.0;          ///< target mean over samples with the input low
  double high_mean = 0.0;         ///< ... high
  std::int64_t low_count = 0, high_count = 0;
  double swing() const { return high_mean - low_mean; }
};

/// Inputs ranked by |swing| (largest first; ties in input order). "Low" is a Bernoulli draw of
/// 0 or a continuous draw at or below the median of its draws; "high" the rest.
struct SensitivityRanking {
  std::string target;  ///< outcome id or figure name
  bool is_outcome = false;
  std::vector<InputEffect> effects;
};

struct SweepSummary {
  std::string name;
  std::uint64_t seed = 1;
  std::int64_t samples = 0;
  std::vector<OutcomeSummary> outcomes;
  std::vector<FigureSummary> figures;
  std::vector<FigureSummary> inputs;         ///< the inputs' draws, named by input id
  std::vector<SensitivityRanking> rankings;  ///< every outcome, then every figure
};

/// The summary of `records`, which must be samples 0..n-1 in index order: every statistic is a
/// function of that sequence, so a merged set of shards gives exactly the whole run's summary.
SweepSummary summarize(const Sweep& sweep, std::uint64_t seed, const std::vector<SampleRecord>& records);

/// Linear-interpolation percentile (q in [0, 1]) of sorted values; 0 for none.
double percentile_sorted(const std::vector<double>& sorted, double q);
/// Spearman's rank correlation with mid-ranks; 0 when either side is constant.
double rank_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace corridor
