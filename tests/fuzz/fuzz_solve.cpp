// libFuzzer target: load -> validate -> solve. Any accepted network is routed and flowed
// between a few node pairs chosen from the input, and every answer must pass its certificate:
// a route is a continuous path whose hours are the sum of its legs; a flow respects
// capacities and conservation and equals the capacity of its cut.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "fuzz_support.hpp"
#include "io/formats.hpp"
#include "io/network_json.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"

using namespace corridor;

namespace {

void check_route(const Network& network, const RouteQuery& query, const Route& route) {
  fuzz::require(!route.legs.empty() && route.nodes.size() == route.legs.size() + 1, "route shape");
  fuzz::require(route.nodes.front() == query.from && route.nodes.back() == query.to, "route ends");
  double hours = 0;
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    const Link& link = network.links[leg.link];
    fuzz::require(network.link_usable(leg.link), "route uses an unusable link");
    fuzz::require(leg.from == route.nodes[i] && leg.to == route.nodes[i + 1], "route not continuous");
    fuzz::require((leg.from == link.from && leg.to == link.to) ||
                      (link.bidirectional && leg.from == link.to && leg.to == link.from),
                  "leg against a one-way link");
    hours += leg.total_hours();
  }
  fuzz::require(std::fabs(hours - route.hours) <= 1e-9 * std::max(1.0, hours), "route hours != sum of legs");
}

void check_flow(const FlowQuery& query, const FlowResult& result) {
  if (result.unbounded) return;
  TonnesPerYear cut = 0;
  for (const CutElement& e : result.min_cut) cut += e.capacity_tpy;
  fuzz::require(cut == result.max_flow_tpy, "cut capacity != max flow");
  std::map<NodeIndex, TonnesPerYear> balance;  // outflow - inflow
  for (const LinkFlow& f : result.flows) {
    fuzz::require(f.flow_tpy > 0, "non-positive link flow listed");
    if (f.capacity_tpy) fuzz::require(f.flow_tpy <= *f.capacity_tpy, "link flow above capacity");
    balance[f.from] += f.flow_tpy;
    balance[f.to] -= f.flow_tpy;
  }
  TonnesPerYear supplied = 0;
  for (const auto& [node, net] : balance) {
    const bool terminal = std::find(query.sources.begin(), query.sources.end(), node) != query.sources.end() ||
                          std::find(query.sinks.begin(), query.sinks.end(), node) != query.sinks.end();
    if (!terminal) fuzz::require(net == 0, "flow not conserved at a transit node");
    if (std::find(query.sources.begin(), query.sources.end(), node) != query.sources.end()) supplied += net;
  }
  fuzz::require(supplied == result.max_flow_tpy, "sources do not send the max flow");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  DiagnosticSink sink("fuzz.json");
  Network network;
  try {
    network = io::parse_network(text, sink);
  } catch (const InputError& error) {
    fuzz::check_rejection(error);
    return 0;
  }
  const auto n = static_cast<NodeIndex>(network.nodes.size());
  if (n < 2) return 0;
  const solve::Router router(network);
  // Node pairs from the input's first bytes, so the fuzzer can steer them.
  for (std::size_t k = 0; k < 6; ++k) {
    const auto a = static_cast<NodeIndex>((size > 2 * k ? data[2 * k] : k) % n);
    auto b = static_cast<NodeIndex>((size > 2 * k + 1 ? data[2 * k + 1] : k + 1) % n);
    if (a == b) b = (b + 1) % n;
    for (Objective by : {Objective::Time, Objective::Distance}) {
      RouteQuery query;
      query.from = a;
      query.to = b;
      query.by = by;
      const RouteResult result = router.find_route(query);
      if (result.found()) check_route(network, query, result.routes.front());
      fuzz::require(!io::render_route(network, result, io::OutputFormat::Json).empty(), "empty route output");
    }
    FlowQuery flow;
    flow.sources = {a};
    flow.sinks = {b};
    const FlowResult result = solve::max_flow(network, flow);
    check_flow(flow, result);
    fuzz::require(!io::render_flow(network, result, io::OutputFormat::Json).empty(), "empty flow output");
  }
  return 0;
}
