#include "solve/reliability.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include <boost/random/triangle_distribution.hpp>

#include "solve/equilibrium.hpp"
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
  double reference_hours = 0.0;  ///< the route's expected hours plus its load-dependent delays
  std::vector<LoadDelay> delays; ///< under load: the delays added, in travel order
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

/// The equilibrium's load on one element (a link in one direction, or a node), if it carries any.
const CapacityLoad* find_load(const std::vector<CapacityLoad>& loads, CutElement::Type type, std::uint32_t index,
                              NodeIndex from) {
  for (const CapacityLoad& load : loads)
    if (load.type == type && load.index == index && (type == CutElement::Type::Node || load.from == from)) return &load;
  return nullptr;
}

/// The load-dependent delay of an element on leg `leg` (recorded in `plan`), 0 without load.
double load_delay(Plan& plan, const std::vector<CapacityLoad>& loads, std::size_t leg, CutElement::Type type,
                  std::uint32_t index, NodeIndex from) {
  const CapacityLoad* load = find_load(loads, type, index, from);
  if (!load || load->delay_hours <= 0.0) return 0.0;
  plan.delays.push_back({leg, type, index, load->load_tpy, load->utilisation, load->delay_hours});
  return load->delay_hours;
}

Plan make_plan(const Network& network, const Route& route, const std::vector<CapacityLoad>& loads) {
  Plan plan;
  double offset = 0.0, delays = 0.0;
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
    if (passed_through) {  // a node's delay lengthens its dwell
      const double delay = load_delay(plan, loads, i, CutElement::Type::Node, leg.from, leg.from);
      offset += delay, delays += delay;
    }
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
    {  // a link's delay lengthens its wait: the queue before boarding
      const double delay = load_delay(plan, loads, i, CutElement::Type::Link, leg.link, leg.from);
      offset += delay, delays += delay;
    }
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
  plan.reference_hours = route.hours + delays;
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

/// Every sampled total (in sample order) and the sums merged in block order.
struct Samples {
  std::vector<double> totals;
  BlockSums sums;
};

Samples draw_samples(const Plan& plan, const ReliabilityQuery& query) {
  assert(query.samples > 0);
  const std::int64_t blocks = (query.samples + kBlockSamples - 1) / kBlockSamples;
  Samples out;
  std::vector<double>& totals = out.totals;
  totals.resize(static_cast<std::size_t>(query.samples));
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
  BlockSums& all = out.sums;
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
  return out;
}

}  // namespace

RouteReliability sample_route(const Network& network, const Route& route, const ReliabilityQuery& query,
                              const std::vector<CapacityLoad>& loads) {
  const Plan plan = make_plan(network, route, loads);
  Samples samples = draw_samples(plan, query);
  std::vector<double>& totals = samples.totals;
  const BlockSums& all = samples.sums;
  const std::size_t term_count = plan.terms.size();
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
  result.load_delay_hours = plan.reference_hours - route.hours;
  result.load_delays = plan.delays;
  std::stable_sort(result.load_delays.begin(), result.load_delays.end(),
                   [](const LoadDelay& a, const LoadDelay& b) { return a.delay_hours > b.delay_hours; });

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

ReliabilityLoad equilibrium_load(const Network& network, const ReliabilityQuery& query) {
  assert(query.volume_tpy > 0);
  AssignQuery assign;
  assign.demand = {{query.route.from, query.route.to, query.volume_tpy}};
  assign.weights.by = AssignObjective::Time;
  assign.corridors = query.route.corridors;
  assign.avoid = query.route.avoid;
  assign.equilibrium = EquilibriumSettings{};
  AssignResult solved = assign_equilibrium(network, assign);
  ReliabilityLoad load;
  load.volume_tpy = query.volume_tpy;
  load.equilibrium = *solved.equilibrium;
  load.loads = std::move(solved.loads);
  if (solved.unserved_tpy > 0 || solved.ods.front().paths.empty()) load.status = LoadStatus::NoRoute;
  else if (load.equilibrium.over_capacity_tpy > 0) load.status = LoadStatus::OverCapacity;
  for (const OdPath& path : solved.ods.front().paths)
    load.route_shares.emplace_back(path.links, path.tonnes_per_year / query.volume_tpy);
  return load;
}

namespace {

/// The routes to sample: the fastest by expected time, or with a departure time the earliest
/// arrival, or the k best by expected time; under load without a departure and k = 1, the
/// route that carries the largest share of the volume at equilibrium (the loaded fastest).
std::vector<Route> candidate_routes(const Network& network, const Router& router, const ReliabilityQuery& query,
                                    const std::optional<ReliabilityLoad>& load) {
  std::vector<Route> candidates;
  if (query.route.k <= 1 && query.depart_minutes) {
    if (auto timed = earliest_arrival(network, query.route, *query.depart_minutes))
      candidates.push_back(std::move(timed->route));
  } else if (query.route.k <= 1 && load) {
    if (!load->route_shares.empty()) candidates.push_back(make_route(network, query.route.from, load->route_shares.front().first));
  } else {
    // The k best loopless routes by expected time (one when k = 1), timed from the departure if any.
    for (Route& route : router.find_routes(query.route).routes)
      candidates.push_back(query.depart_minutes ? time_route(network, route, hours_into_week(*query.depart_minutes))
                                                : std::move(route));
  }
  return candidates;
}

double share_of_volume(const ReliabilityLoad& load, const Route& route) {
  for (const auto& [links, share] : load.route_shares)
    if (links.size() == route.legs.size() &&
        std::equal(links.begin(), links.end(), route.legs.begin(), [](LinkIndex l, const RouteLeg& leg) { return l == leg.link; }))
      return share;
  return 0.0;
}

}  // namespace

ReliabilityResult assess_reliability(const Network& network, const Router& router, const ReliabilityQuery& query) {
  ReliabilityResult result;
  result.query = query;
  if (query.volume_tpy > 0) result.load = equilibrium_load(network, query);
  const std::vector<CapacityLoad> no_loads;
  const std::vector<CapacityLoad>& loads = result.load ? result.load->loads : no_loads;
  // Every candidate is sampled with the query's seed and sample count.
  for (const Route& route : candidate_routes(network, router, query, result.load)) {
    result.routes.push_back(sample_route(network, route, query, loads));
    if (result.load) result.routes.back().share_of_volume = share_of_volume(*result.load, route);
  }
  if (query.by == ReliabilityRank::P90)
    std::stable_sort(result.routes.begin(), result.routes.end(), [](const RouteReliability& a, const RouteReliability& b) {
      return a.p90_hours != b.p90_hours ? a.p90_hours < b.p90_hours : a.mean_hours < b.mean_hours;
    });
  else if (result.load)  // the k best by free-flow time, ranked by their loaded mean
    std::stable_sort(result.routes.begin(), result.routes.end(),
                     [](const RouteReliability& a, const RouteReliability& b) { return a.mean_hours < b.mean_hours; });
  return result;
}

std::optional<MixedPercentiles> mixed_percentiles(const Network& network, const std::vector<SharedRoute>& routes,
                                                  const ReliabilityQuery& query, const std::vector<CapacityLoad>& loads) {
  std::vector<std::pair<double, double>> weighted;  // (hours, weight)
  bool random = false;
  double total_weight = 0.0;
  for (const SharedRoute& shared : routes) {
    const Plan plan = make_plan(network, shared.route, loads);
    random = random || !plan.terms.empty();
    const double weight = shared.share / static_cast<double>(query.samples);
    for (double hours : draw_samples(plan, query).totals) weighted.emplace_back(hours, weight);
    total_weight += shared.share;
  }
  if (!random || weighted.empty() || total_weight <= 0) return std::nullopt;
  std::sort(weighted.begin(), weighted.end());
  auto percentile = [&](double p) {
    // Nearest rank on the weights: the first time whose cumulative weight reaches p of the total
    // (a relative tolerance keeps a sum of equal weights from missing its exact rank).
    double cumulative = 0.0;
    for (const auto& [hours, weight] : weighted) {
      cumulative += weight;
      if (cumulative >= p * total_weight * (1.0 - 1e-12)) return hours;
    }
    return weighted.back().first;
  };
  return MixedPercentiles{percentile(0.50), percentile(0.90)};
}

}  // namespace corridor::solve
