#include "model/sweep.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <sstream>

#include "model/distribution.hpp"

namespace corridor {
namespace {

FigureSummary summarize_values(std::string name, std::vector<double> values) {
  FigureSummary s;
  s.name = std::move(name);
  s.answered = static_cast<std::int64_t>(values.size());
  if (values.empty()) return s;
  // Sums in index order (the caller's order), before sorting.
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  double squares = 0.0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
  std::sort(values.begin(), values.end());
  s.min = values.front();
  s.max = values.back();
  s.p5 = percentile_sorted(values, 0.05);
  s.p25 = percentile_sorted(values, 0.25);
  s.p50 = percentile_sorted(values, 0.50);
  s.p75 = percentile_sorted(values, 0.75);
  s.p95 = percentile_sorted(values, 0.95);
  return s;
}

std::vector<double> mid_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/// The effect of every input on one target; `target[i]` empty = sample i has no answer.
SensitivityRanking rank_inputs(const Sweep& sweep, const std::vector<SampleRecord>& records,
                               const std::vector<std::optional<double>>& target, std::string name, bool is_outcome) {
  SensitivityRanking ranking;
  ranking.target = std::move(name);
  ranking.is_outcome = is_outcome;
  for (std::size_t input = 0; input < sweep.inputs.size(); ++input) {
    InputEffect effect;
    effect.input = input;
    std::vector<double> x, y, draws;
    for (std::size_t i = 0; i < records.size(); ++i) {
      draws.push_back(records[i].inputs[input]);
      if (!target[i]) continue;
      x.push_back(records[i].inputs[input]);
      y.push_back(*target[i]);
    }
    const bool bernoulli = sweep.inputs[input].distribution.kind == InputDistributionKind::Bernoulli;
    std::sort(draws.begin(), draws.end());
    const double split = bernoulli ? 0.5 : percentile_sorted(draws, 0.5);
    double low_sum = 0.0, high_sum = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const bool high = x[i] > split;
      (high ? high_sum : low_sum) += y[i];
      ++(high ? effect.high_count : effect.low_count);
    }
    if (effect.low_count > 0) effect.low_mean = low_sum / static_cast<double>(effect.low_count);
    if (effect.high_count > 0) effect.high_mean = high_sum / static_cast<double>(effect.high_count);
    effect.rank_correlation = rank_correlation(x, y);
    ranking.effects.push_back(effect);
  }
  std::stable_sort(ranking.effects.begin(), ranking.effects.end(), [](const InputEffect& a, const InputEffect& b) {
    return std::fabs(a.swing()) > std::fabs(b.swing());
  });
  return ranking;
}

}  // namespace

double InputDistribution::value_at(double z, double u) const {
  switch (kind) {
    case InputDistributionKind::Bernoulli:
      return u < probability ? 1.0 : 0.0;
    case InputDistributionKind::Uniform:
      return min + u * (max - min);
    case InputDistributionKind::Triangular: {
      if (max <= min) return min;
      const double cut = (mode - min) / (max - min);
      if (u < cut) return min + std::sqrt(u * (max - min) * (mode - min));
      return max - std::sqrt((1.0 - u) * (max - min) * (max - mode));
    }
    case InputDistributionKind::Lognormal: {
      const double sigma = std::log(p90 / median) / kStandardNormalP90;
      return median * std::exp(sigma * std::clamp(z, -kLognormalCutZ, kLognormalCutZ));
    }
  }
  return 0.0;
}

std::string InputDistribution::describe() const {
  std::ostringstream out;
  out << to_string(kind) << ' ';
  switch (kind) {
    case InputDistributionKind::Bernoulli:
      out << "p=" << probability;
      break;
    case InputDistributionKind::Uniform:
      out << min << '-' << max;
      break;
    case InputDistributionKind::Triangular:
      out << min << '/' << mode << '/' << max;
      break;
    case InputDistributionKind::Lognormal:
      out << "median " << median << ", P90 " << p90;
      break;
  }
  return out.str();
}

bool outcome_met(const SweepOutcome& outcome, const SampleRecord& record) {
  const std::optional<double>& value = record.figures[outcome.figure];
  if (!value) return false;
  const double threshold = outcome.threshold_input ? record.inputs[*outcome.threshold_input] : outcome.threshold;
  return outcome.at_least ? *value >= threshold : *value <= threshold;
}

double percentile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

double rank_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return 0.0;
  const std::vector<double> rx = mid_ranks(x), ry = mid_ranks(y);
  const double mean = (static_cast<double>(x.size()) + 1.0) / 2.0;
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx <= 0.0 || syy <= 0.0) return 0.0;
  return sxy / std::sqrt(sxx * syy);
}

SweepSummary summarize(const Sweep& sweep, std::uint64_t seed, const std::vector<SampleRecord>& records) {
  SweepSummary summary;
  summary.name = sweep.name;
  summary.seed = seed;
  summary.samples = static_cast<std::int64_t>(records.size());
  const double n = static_cast<double>(records.size());
  std::vector<std::vector<std::optional<double>>> outcome_values;
  for (const SweepOutcome& outcome : sweep.outcomes) {
    OutcomeSummary s;
    s.id = outcome.id;
    s.name = outcome.name;
    std::vector<std::optional<double>> indicator;
    for (const SampleRecord& record : records) {
      const bool met = outcome_met(outcome, record);
      s.met += met ? 1 : 0;
      indicator.emplace_back(met ? 1.0 : 0.0);
    }
    if (n > 0) {
      s.probability = static_cast<double>(s.met) / n;
      s.standard_error = std::sqrt(s.probability * (1.0 - s.probability) / n);
    }
    summary.outcomes.push_back(s);
    outcome_values.push_back(std::move(indicator));
  }
  std::vector<std::vector<std::optional<double>>> figure_values(sweep.figures.size());
  for (std::size_t f = 0; f < sweep.figures.size(); ++f) {
    std::vector<double> answered;
    for (const SampleRecord& record : records) {
      figure_values[f].push_back(record.figures[f]);
      if (record.figures[f]) answered.push_back(*record.figures[f]);
    }
    summary.figures.push_back(summarize_values(sweep.figures[f].name, std::move(answered)));
  }
  for (std::size_t i = 0; i < sweep.inputs.size(); ++i) {
    std::vector<double> draws;
    for (const SampleRecord& record : records) draws.push_back(record.inputs[i]);
    summary.inputs.push_back(summarize_values(sweep.inputs[i].id, std::move(draws)));
  }
  for (std::size_t o = 0; o < sweep.outcomes.size(); ++o)
    summary.rankings.push_back(rank_inputs(sweep, records, outcome_values[o], sweep.outcomes[o].id, true));
  for (std::size_t f = 0; f < sweep.figures.size(); ++f)
    summary.rankings.push_back(rank_inputs(sweep, records, figure_values[f], sweep.figures[f].name, false));
  return summary;
}

}  // namespace corridor
