#include "solve/reliability.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include <boost/random/triangle_distribution.hpp>

#include "solve/schedule.hpp"

namespace corridor::solve {
namespace {

/// Samples per generator: the unit of work of a thread and of seeding.
constexpr std::int64_t kBlockSamples = 8192;

/// One random term of a route's time.
struct Term {
  SpreadContribution info;     ///< filled in after sampling
  double expected_hours = 0.0; ///< the deterministic figure (centre for accumulating)
  const Distribution* distribution = nullptr;
  const WeeklySchedule* schedule = nullptr;
};

/// Add `offset_hours`, then draw `term` (at the time reached so far, for timetables).
struct Step {
  double offset_hours = 0.0;
  std::size_t term = 0;
};

struct Plan {
  std::vector<Term> terms;
  std::vector<Step> steps;
  double tail_hours = 0.0;  ///< constant time after the last random term
  bool needs_phase = false; ///< some term is a timetable: the moment of the week matters
  double reference_hours = 0.0;
};

Term make_term(SpreadSource source, std::size_t leg, std::uint32_t element, std::string model, double expected_hours,
               const Distribution* distribution, const WeeklySchedule* schedule) {
  Term term;
  term.info.source = source;
  term.info.leg = leg;
  term.info.element = element;
  term.info.model = std::move(model);
  term.expected_hours = expected_hours;
  term.distribution = distribution;
  term.schedule = schedule;
  return term;
}

Plan make_plan(const Network& network, const Route& route) {
  Plan plan;
  double offset = 0.0;
  auto add = [&](Term term) {
    plan.steps.push_back({offset, plan.terms.size()});
    plan.terms.push_back(std::move(term));
    offset = 0.0;
  };
  auto random = [](const OutOfLine<Distribution>& d) { return d && !d->is_constant(); };
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    const Node& node = network.nodes[leg.from];
    const Link& link = network.links[leg.link];
    const bool passed_through = i > 0;
    const bool transfer = passed_through && route.legs[i - 1].mode != leg.mode;
    if (passed_through && random(node.dwell_distribution))
      add(make_term(SpreadSource::Dwell, i, leg.from, node.dwell_distribution->describe(), leg.dwell_hours,
                    &*node.dwell_distribution, nullptr));
    else
      offset += leg.dwell_hours;
    if (transfer && random(node.transfer_distribution))
      add(make_term(SpreadSource::Transfer, i, leg.from, node.transfer_distribution->describe(), leg.transfer_hours,
                    &*node.transfer_distribution, nullptr));
    else
      offset += leg.transfer_hours;
    if (link.schedule && !link.schedule->departure_minutes.empty()) {
      add(make_term(SpreadSource::Timetable, i, leg.link, "timetable " + link.schedule->describe(),
                    link.schedule->expected_wait_hours(), nullptr, &*link.schedule));
      plan.needs_phase = true;
    } else if (random(link.wait_distribution)) {
      add(make_term(SpreadSource::Wait, i, leg.link, link.wait_distribution->describe(), leg.wait_hours,
                    &*link.wait_distribution, nullptr));
    } else {
      offset += leg.wait_hours;
    }
    offset += leg.hours;
  }
  plan.tail_hours = offset;
  plan.reference_hours = route.hours;
  return plan;
}

/// A term's generator state, copied per block.
struct TermSampler {
  DistributionKind kind = DistributionKind::Triangular;
  boost::random::triangle_distribution<double> triangle;
  std::lognormal_distribution<double> lognormal;
  std::uniform_int_distribution<std::size_t> pick;
  double cap = std::numeric_limits<double>::infinity();  ///< lognormal cap_hours
  const double* values = nullptr;
  const WeeklySchedule* schedule = nullptr;

  explicit TermSampler(const Term& term) {
    schedule = term.schedule;
    if (!term.distribution) return;
    const Distribution& d = *term.distribution;
    kind = d.kind;
    switch (d.kind) {
      case DistributionKind::Triangular:
        triangle = boost::random::triangle_distribution<double>(d.min_hours, d.mode_hours, d.max_hours);
        break;
      case DistributionKind::Lognormal:
        lognormal = std::lognormal_distribution<double>(d.log_mu(), d.log_sigma());
        if (d.cap_hours) cap = *d.cap_hours;
        break;
      case DistributionKind::Empirical:
        values = d.values_hours.data();
        pick = std::uniform_int_distribution<std::size_t>(0, d.values_hours.size() - 1);
        break;
    }
  }

  template <typename Engine>
  double draw(Engine& engine, double time_hours) {
    if (schedule) return schedule->wait_hours_at(time_hours);
    switch (kind) {
      case DistributionKind::Triangular: return triangle(engine);
      case DistributionKind::Lognormal: return std::min(lognormal(engine), cap);
      case DistributionKind::Empirical: return values[pick(engine)];
    }
    return 0.0;
  }
};

/// Sums over one block, centred on the deterministic figures to keep them small.
struct BlockSums {
  double total = 0.0, total_squares = 0.0;
  std::vector<double> term, term_squares, term_total;
};

void sample_block(const Plan& plan, const ReliabilityQuery& query, std::int64_t block, double* totals,
                  BlockSums& sums) {
  const std::int64_t first = block * kBlockSamples;
  const std::int64_t count = std::min(kBlockSamples, query.samples - first);
  std::seed_seq seeds{static_cast<std::uint32_t>(query.seed), static_cast<std::uint32_t>(query.seed >> 32),
                      static_cast<std::uint32_t>(block), static_cast<std::uint32_t>(block >> 32)};
  std::mt19937_64 engine(seeds);
  std::uniform_real_distribution<double> week(0.0, kHoursPerWeek);
  std::vector<TermSampler> samplers;
  samplers.reserve(plan.terms.size());
  for (const Term& term : plan.terms) samplers.emplace_back(term);
  const std::size_t term_count = plan.terms.size();
  sums.term.assign(term_count, 0.0);
  sums.term_squares.assign(term_count, 0.0);
  sums.term_total.assign(term_count, 0.0);
  std::vector<double> drawn(term_count);
  const double fixed_phase = query.depart_minutes ? hours_into_week(*query.depart_minutes) : 0.0;

  for (std::int64_t s = 0; s < count; ++s) {
    const double phase = plan.needs_phase && !query.depart_minutes ? week(engine) : fixed_phase;
    double t = 0.0;
    for (const Step& step : plan.steps) {
      t += step.offset_hours;
      const double x = samplers[step.term].draw(engine, phase + t);
      drawn[step.term] = x;
      t += x;
    }
    t += plan.tail_hours;
    totals[s] = t;
    const double dt = t - plan.reference_hours;
    sums.total += dt;
    sums.total_squares += dt * dt;
    for (std::size_t k = 0; k < term_count; ++k) {
      const double dx = drawn[k] - plan.terms[k].expected_hours;
      sums.term[k] += dx;
      sums.term_squares[k] += dx * dx;
      sums.term_total[k] += dx * dt;
    }
  }
}

double nearest_rank(const std::vector<double>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p * n));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

}  // namespace

RouteReliability sample_route(const Network& network, const Route& route, const ReliabilityQuery& query) {
  assert(query.samples > 0);
  Plan plan = make_plan(network, route);
  const std::int64_t blocks = (query.samples + kBlockSamples - 1) / kBlockSamples;
  std::vector<double> totals(static_cast<std::size_t>(query.samples));
  std::vector<BlockSums> block_sums(static_cast<std::size_t>(blocks));

  unsigned threads = query.threads ? query.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::int64_t>(threads, blocks));
  auto work = [&](unsigned worker) {
    for (std::int64_t b = worker; b < blocks; b += threads)
      sample_block(plan, query, b, totals.data() + b * kBlockSamples, block_sums[static_cast<std::size_t>(b)]);
  };
  if (threads <= 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w) pool.emplace_back(work, w);
    for (auto& thread : pool) thread.join();
  }

  // Merge in block order: the same sums whatever the thread count.
  const std::size_t term_count = plan.terms.size();
  BlockSums all;
  all.term.assign(term_count, 0.0);
  all.term_squares.assign(term_count, 0.0);
  all.term_total.assign(term_count, 0.0);
  for (const BlockSums& sums : block_sums) {
    all.total += sums.total;
    all.total_squares += sums.total_squares;
    for (std::size_t k = 0; k < term_count; ++k) {
      all.term[k] += sums.term[k];
      all.term_squares[k] += sums.term_squares[k];
      all.term_total[k] += sums.term_total[k];
    }
  }
  const auto n = static_cast<double>(query.samples);
  const double mean_dt = all.total / n;
  const double variance = std::max(0.0, all.total_squares / n - mean_dt * mean_dt);

  RouteReliability result;
  result.route = route;
  result.samples = query.samples;
  result.mean_hours = plan.reference_hours + mean_dt;
  result.sd_hours = std::sqrt(variance * (n > 1 ? n / (n - 1) : 1.0));
  for (std::size_t k = 0; k < term_count; ++k) {
    SpreadContribution info = plan.terms[k].info;
    const double mean_dx = all.term[k] / n;
    info.mean_hours = plan.terms[k].expected_hours + mean_dx;
    info.sd_hours = std::sqrt(std::max(0.0, all.term_squares[k] / n - mean_dx * mean_dx) * (n > 1 ? n / (n - 1) : 1.0));
    const double covariance = all.term_total[k] / n - mean_dx * mean_dt;
    info.share = variance > 0 ? covariance / variance : 0.0;
    result.spread.push_back(std::move(info));
  }
  std::stable_sort(result.spread.begin(), result.spread.end(),
                   [](const SpreadContribution& a, const SpreadContribution& b) { return a.share > b.share; });

  if (query.deadline_hours) {
    const auto on_time = std::count_if(totals.begin(), totals.end(), [&](double t) { return t <= *query.deadline_hours; });
    result.on_time_probability = static_cast<double>(on_time) / n;
  }
  std::sort(totals.begin(), totals.end());
  result.min_hours = totals.front();
  result.max_hours = totals.back();
  result.p50_hours = nearest_rank(totals, 0.50);
  result.p80_hours = nearest_rank(totals, 0.80);
  result.p90_hours = nearest_rank(totals, 0.90);
  result.p95_hours = nearest_rank(totals, 0.95);
  return result;
}

ReliabilityResult assess_reliability(const Network& network, const Router& router, const ReliabilityQuery& query) {
  ReliabilityResult result;
  result.query = query;
  std::vector<Route> candidates;
  if (query.route.k <= 1 && query.depart_minutes) {
    if (auto timed = earliest_arrival(network, query.route, *query.depart_minutes))
      candidates.push_back(std::move(timed->route));
  } else {
    // The k best loopless routes by expected time (one when k = 1), timed from the departure if any.
    for (Route& route : router.find_routes(query.route).routes)
      candidates.push_back(query.depart_minutes ? time_route(network, route, hours_into_week(*query.depart_minutes))
                                                : std::move(route));
  }
  // Every candidate is sampled with the query's seed and sample count.
  for (const Route& route : candidates) result.routes.push_back(sample_route(network, route, query));
  if (query.by == ReliabilityRank::P90)
    std::stable_sort(result.routes.begin(), result.routes.end(), [](const RouteReliability& a, const RouteReliability& b) {
      return a.p90_hours != b.p90_hours ? a.p90_hours < b.p90_hours : a.mean_hours < b.mean_hours;
    });
  return result;
}

}  // namespace corridor::solve
