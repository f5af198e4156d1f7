#include "solve/curve.hpp"

#include <algorithm>
#include <map>

#include "solve/equilibrium.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"

namespace corridor::solve {
namespace {

/// The element that congests most: a binding or exceeded hard capacity first (highest
/// utilisation), else the largest delay per tonne; none when nothing is delayed.
std::optional<CurveBinding> most_congested(const AssignResult& result) {
  const CapacityLoad* best = nullptr;
  auto key = [](const CapacityLoad& load) {
    return std::make_pair(load.binding ? 1 : 0, load.binding ? load.utilisation.value_or(0.0) : load.delay_hours);
  };
  for (const CapacityLoad& load : result.loads)
    if ((load.binding || load.delay_hours > 1e-6) && (!best || key(load) > key(*best))) best = &load;
  if (!best) return std::nullopt;
  return CurveBinding{best->type, best->index, best->from, best->to, best->delay_hours, best->utilisation, best->binding};
}

/// P50 and P90 of the point's routes by their shares, the waits sampled at the point's load.
void add_percentiles(const Network& network, const CurveQuery& query, const AssignResult& solved, CurvePoint& point) {
  ReliabilityQuery sampling;
  sampling.samples = query.samples;
  sampling.seed = query.seed;
  sampling.threads = query.threads;
  std::vector<SharedRoute> routes;
  for (const CurveRoute& route : point.routes)
    routes.push_back({make_route(network, route.nodes.front(), route.links), route.share});
  if (const auto percentiles = mixed_percentiles(network, routes, sampling, solved.loads)) {
    point.p50_hours = percentiles->p50_hours;
    point.p90_hours = percentiles->p90_hours;
  }
}

}  // namespace

CurveResult volume_time_curve(const Network& network, const CurveQuery& query) {
  CurveResult result;
  result.query = query;
  const double pairs = static_cast<double>(query.from.size() * query.to.size());
  for (double volume : query.volumes_tpy) {
    AssignQuery assign = query.assign;
    assign.demand.clear();
    for (NodeIndex a : query.from)
      for (NodeIndex b : query.to) assign.demand.push_back({a, b, volume / pairs});
    const AssignResult solved = assign_equilibrium(network, assign);
    CurvePoint point;
    point.volume_tpy = volume;
    point.relative_gap = solved.equilibrium->relative_gap;
    point.stop = solved.equilibrium->stop;
    point.over_capacity_tpy = solved.equilibrium->over_capacity_tpy;
    point.unserved_tpy = solved.unserved_tpy;
    point.binding = most_congested(solved);
    std::map<std::vector<LinkIndex>, CurveRoute> routes;
    double served = 0.0;
    for (const OdAssignment& od : solved.ods)
      for (const OdPath& path : od.paths) {
        CurveRoute& route = routes[path.links];
        route.nodes = path.nodes;
        route.links = path.links;
        route.share += path.tonnes_per_year;
        route.hours = path.hours;
        point.hours += path.tonnes_per_year * path.hours;
        served += path.tonnes_per_year;
      }
    if (served > 0) point.hours /= served;
    for (auto& [links, route] : routes) {
      route.share /= std::max(served, 1e-300);
      if (route.share >= 1e-4) point.routes.push_back(std::move(route));
    }
    std::sort(point.routes.begin(), point.routes.end(), [](const CurveRoute& a, const CurveRoute& b) {
      if (a.share != b.share) return a.share > b.share;
      return a.links < b.links;
    });
    add_percentiles(network, query, solved, point);
    result.points.push_back(std::move(point));
  }
  return result;
}

}  // namespace corridor::solve
