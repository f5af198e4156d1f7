#include "solve/criticality.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "solve/flow.hpp"
#include "solve/path_flow.hpp"
#include "solve/route.hpp"

namespace corridor::solve {
namespace {

std::optional<double> route_hours(const Router& router, const RouteQuery& query) {
  const RouteResult result = router.find_route(query);
  if (!result.found()) return std::nullopt;
  return result.routes.front().hours;
}

void add_avoid(Avoidance& avoid, const ElementRef& element) {
  if (element.type == CutElement::Type::Link) avoid.links.push_back(element.index);
  else avoid.nodes.push_back(element.index);
}

}  // namespace

std::vector<ElementRef> default_criticality_elements(const Network& network, const CriticalityQuery& query) {
  std::vector<char> terminal(network.nodes.size(), 0);
  for (NodeIndex n : query.flow.sources) terminal[n] = 1;
  for (NodeIndex n : query.flow.sinks) terminal[n] = 1;
  for (const RouteQuery& route : query.routes) terminal[route.from] = terminal[route.to] = 1;
  // Usable for any of the queries: the flow's filter (routes share it).
  const std::vector<char> usable = usable_links(network, query.flow.corridors, query.flow.avoid);
  std::vector<char> touched(network.nodes.size(), 0);
  std::vector<ElementRef> elements;
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    if (!usable[l]) continue;
    elements.push_back({CutElement::Type::Link, l});
    touched[network.links[l].from] = touched[network.links[l].to] = 1;
  }
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    if (touched[n] && !terminal[n]) elements.push_back({CutElement::Type::Node, n});
  return elements;
}

CriticalityResult criticality(const Network& network, const CriticalityQuery& query, unsigned threads,
                              const ProgressCallback& progress) {
  CriticalityResult result;
  result.query = query;
  const bool has_flow = !query.flow.sources.empty() && !query.flow.sinks.empty();
  const Router router(network);  // read-only, shared by all workers
  std::optional<FlowSolver> flow_solver;  // read-only, shared by all workers
  // Plausible routes or resources: the path LP of path_flow.hpp (one GLPK problem at a time).
  const bool path_flow = has_flow && needs_path_flow(network, query.flow);
  if (path_flow) threads = 1;
  auto flow_of = [&](const FlowQuery& flow) {
    return path_flow ? plausible_max_flow(network, flow) : flow_solver->max_flow(flow);
  };
  if (has_flow) {
    if (!path_flow) flow_solver.emplace(network, query.flow.sources, query.flow.sinks);
    const FlowResult base = flow_of(query.flow);
    result.unbounded = base.unbounded;
    result.base_flow_tpy = base.unbounded ? 0 : base.max_flow_tpy;
  }
  for (const RouteQuery& route : query.routes) result.base_hours.push_back(route_hours(router, route));

  const std::vector<ElementRef> elements =
      query.elements.empty() ? default_criticality_elements(network, query) : query.elements;
  result.elements_tested = elements.size();
  std::vector<ElementImpact> impacts(elements.size());

  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;
  auto worker = [&] {
    for (std::size_t i = next++; i < elements.size(); i = next++) {
      ElementImpact& impact = impacts[i];
      impact.element = elements[i];
      if (has_flow && !result.unbounded) {
        FlowQuery flow = query.flow;
        add_avoid(flow.avoid, elements[i]);
        const FlowResult after = flow_of(flow);
        // Removing an element can never add capacity; an unbounded result cannot appear.
        impact.flow_after_tpy = after.max_flow_tpy;
        impact.flow_loss_tpy = result.base_flow_tpy - after.max_flow_tpy;
      }
      for (std::size_t r = 0; r < query.routes.size(); ++r) {
        RouteQuery route = query.routes[r];
        add_avoid(route.avoid, elements[i]);
        const auto hours = route_hours(router, route);
        if (!result.base_hours[r]) impact.added_hours.push_back(0.0);  // no route before either
        else if (!hours) {
          impact.added_hours.push_back(std::nullopt);
          ++impact.disconnected_pairs;
        } else {
          impact.added_hours.push_back(std::max(0.0, *hours - *result.base_hours[r]));
        }
      }
      if (progress) {
        std::lock_guard lock(progress_mutex);
        progress(++done, elements.size());
      }
    }
  };
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, elements.size())));
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
  }
  std::sort(impacts.begin(), impacts.end(), more_critical);
  result.ranking = std::move(impacts);
  if (query.top && result.ranking.size() > static_cast<std::size_t>(*query.top))
    result.ranking.resize(static_cast<std::size_t>(*query.top));
  return result;
}

}  // namespace corridor::solve
