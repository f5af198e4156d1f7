#include "model/reliability.hpp"

#include <cmath>

#include "model/validate.hpp"

namespace corridor {

double RouteReliability::on_time_standard_error() const {
  if (!on_time_probability || samples <= 0) return 0.0;
  const double p = *on_time_probability;
  return std::sqrt(p * (1.0 - p) / static_cast<double>(samples));
}

std::optional<ReliabilityQuery> resolve(const Network& network, const ReliabilityRequest& request,
                                        const std::string& pointer, DiagnosticSink& sink) {
  const auto errors_before = sink.diagnostics().size();
  RouteRequest route = request.route;
  route.by = Objective::Time;
  route.k = request.k != 0 ? request.k : request.by == ReliabilityRank::P90 ? kDefaultRobustAlternatives : 1;
  auto route_query = resolve(network, route, pointer, sink);
  ReliabilityQuery query;
  if (request.samples < 1 || request.samples > kMaxSamples)
    sink.error("E-RANGE", pointer + "/samples",
               "samples must be between 1 and " + std::to_string(kMaxSamples) + ", got " +
                   std::to_string(request.samples));
  query.samples = request.samples;
  query.by = request.by;
  query.seed = request.seed;
  if (request.deadline_days) {
    const double days = *request.deadline_days;
    if (!std::isfinite(days) || days <= 0 || days > kMaxDeadlineDays)
      sink.error("E-RANGE", pointer + "/deadline_days", "deadline_days must be > 0 and at most 3650");
    else
      query.deadline_hours = days * 24.0;
  }
  if (!request.depart.empty()) {
    if (auto minutes = parse_iso_minutes(request.depart))
      query.depart_minutes = *minutes;
    else
      sink.error("E-TIME", pointer + "/depart",
                 "depart \"" + request.depart + "\" must be a UTC date and time such as \"2026-03-02T08:00\"");
  }
  const double volume = request.volume_tpy;
  if (!std::isfinite(volume) || volume < 0 || volume > static_cast<double>(kMaxCapacityTpy))
    sink.error("E-RANGE", pointer + "/volume_mt", "volume_mt must be >= 0 and at most 10^6 Mt/yr");
  else
    query.volume_tpy = volume;
  if (volume > 0 && !request.route.modes.empty())
    sink.error("E-QUERY", pointer + "/volume_mt",
               "a volume under load is assigned over every mode at equilibrium: it cannot be combined with a mode filter");
  if (sink.diagnostics().size() != errors_before || !route_query) return std::nullopt;
  query.route = std::move(*route_query);
  return query;
}

}  // namespace corridor
