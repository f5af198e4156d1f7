// corridor_bench --export-equilibrium: the equilibrium assignment's problem, written for the
// NetworkX Frank-Wolfe peer (tests/benchmarks/networkx_fw_peer.py). See equilibrium_export.hpp.

#include "benchmarks/equilibrium_export.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/capacity_report.hpp"
#include "io/network_json.hpp"
#include "io/network_writer.hpp"
#include "solve/assign.hpp"
#include "solve/equilibrium.hpp"
#include "solve/flow.hpp"

namespace corridor::bench {
namespace {

/// Up to three of `ends`, spread over them (first, middle, last).
std::vector<NodeIndex> spread(const std::vector<NodeIndex>& ends) {
  std::vector<NodeIndex> picked;
  for (std::size_t i = 0; i < 3 && !ends.empty(); ++i) {
    const NodeIndex n = ends[i * (ends.size() - 1) / 2];
    if (std::find(picked.begin(), picked.end(), n) == picked.end()) picked.push_back(n);
  }
  return picked;
}

/// The network with every hard capacity turned into the practical capacity of the delay function
/// the element has by default (effective_delay: the same form, capacity and service time, now
/// written out), and no hard capacity left: a link's capacity_tpy and vessel payload, a node's
/// capacity_tpy. Elements without a delay function keep having none.
Network soft_capacities(Network network) {
  for (Link& link : network.links) {
    if (const auto delay = effective_delay(link)) link.delay = *delay;
    link.capacity_tpy.reset();
    link.vessel_payload_t.reset();
  }
  for (Node& node : network.nodes) {
    if (const auto delay = effective_delay(node)) node.delay = *delay;
    node.capacity_tpy.reset();
  }
  return network;
}

}  // namespace

/// Writes DIR/equilibrium.json: the OD pairs of the equilibrium benchmark and the problem
/// corridor's assign_equilibrium solves for them (solve::equilibrium_problem, the solver's own
/// build), which tests/benchmarks/networkx_fw_peer.py solves again. The pairs: up to three
/// Chinese terminals (first, middle and last line) to up to three Turkish ones, each pair
/// `share` of the max flow from those origins to those destinations (with the hard capacities)
/// divided by the number of pairs, in whole tonnes. The query is resolved from the same request
/// `corridor assign --od FROM:TO:TONNES ... --equilibrium user` makes. With `soft`, the problem
/// is that of soft_capacities(network), written to DIR/network_soft.json for corridor to read
/// (and read back from that text here, so both solve what the file says).
int export_equilibrium(const std::string& path, const std::string& dir, double share, bool soft) {
  DiagnosticSink load_sink(path);
  const Network hard = io::load_network(path, load_sink);
  Network soft_network;
  if (soft) {
    const std::string soft_path = dir + "/network_soft.json";
    const std::string text = io::write_network_json(soft_capacities(hard));
    std::ofstream(soft_path) << text;
    DiagnosticSink soft_sink(soft_path);
    soft_network = io::parse_network(text, soft_sink);
  }
  const Network& network = soft ? soft_network : hard;
  std::vector<NodeIndex> origins, destinations;
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    const Node& node = network.nodes[n];
    if (node.kind != NodeKind::RailTerminal) continue;
    if (node.country == "CN") origins.push_back(n);
    if (node.country == "TR") destinations.push_back(n);
  }
  origins = spread(origins);
  destinations = spread(destinations);
  if (origins.empty() || destinations.empty()) fail(path + ": needs rail terminals in CN and TR (use corridor generate)");
  FlowQuery flow_query;
  flow_query.sources = origins;
  flow_query.sinks = destinations;
  flow_query.max_detour = std::nullopt;
  const FlowResult flow = solve::FlowSolver(hard, origins, destinations).max_flow(flow_query);
  if (flow.unbounded || flow.max_flow_tpy <= 0) fail("the equilibrium pairs' max flow is not positive and finite");
  const double pairs = static_cast<double>(origins.size() * destinations.size());
  const double tonnes = std::floor(share * static_cast<double>(flow.max_flow_tpy) / pairs);
  if (tonnes <= 0) fail("no demand for the equilibrium pairs");
  AssignRequest request;
  request.equilibrium = EquilibriumSettings{};
  for (NodeIndex o : origins)
    for (NodeIndex d : destinations) {
      DemandRow row;
      row.from = network.nodes[o].id;
      row.to = network.nodes[d].id;
      row.tonnes_per_year = tonnes;
      request.demand.push_back(row);
    }
  DiagnosticSink sink;
  const auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  const solve::EquilibriumProblem p = solve::equilibrium_problem(network, *query);
  using nlohmann::json;
  json out;
  out["network"] = {{"nodes", network.nodes.size()}, {"links", network.links.size()}};
  out["max_flow_tpy"] = flow.max_flow_tpy;
  out["share"] = share;
  out["soft_capacities"] = soft;
  out["vertices"] = p.vertex_count;
  out["hour_weight"] = p.hour_weight;
  out["penalty_weight"] = p.penalty_weight;
  out["system"] = p.system;
  out["pairs"] = json::array();
  for (std::size_t k = 0; k < p.pairs.size(); ++k)
    out["pairs"].push_back({{"from", network.nodes[query->demand[k].from].id},
                            {"to", network.nodes[query->demand[k].to].id},
                            {"tonnes_per_year", p.pairs[k].tonnes_per_year},
                            {"sources", p.pairs[k].sources},
                            {"targets", p.pairs[k].targets}});
  out["elements"] = json::array();
  for (const auto& e : p.elements) {
    json element;
    if (e.type == CutElement::Type::Link) {
      element["type"] = "link";
      element["id"] = network.links[e.index].id;
      element["from"] = network.nodes[e.from].id;
      element["to"] = network.nodes[e.to].id;
    } else {
      element["type"] = "node";
      element["id"] = network.nodes[e.index].id;
    }
    element["free_flow_hours"] = e.free_flow_hours;
    element["fixed_tpy"] = e.fixed_tpy;
    element["hard_capacity_tpy"] = e.hard_capacity_tpy ? json(*e.hard_capacity_tpy) : json(nullptr);
    if (!e.delay) element["delay"] = nullptr;
    else if (e.delay->form == DelayForm::Bpr)
      element["delay"] = {{"function", "bpr"}, {"capacity_tpy", e.delay->capacity_tpy}, {"alpha", e.delay->alpha},
                          {"beta", e.delay->beta}};
    else if (e.delay->form == DelayForm::Queue)
      element["delay"] = {{"function", "queue"}, {"capacity_tpy", e.delay->capacity_tpy},
                          {"service_hours", e.delay->service_hours}, {"variability", e.delay->variability},
                          {"max_utilisation", e.delay->max_utilisation}};
    else
      fail("an effective delay function of form none");
    out["elements"].push_back(std::move(element));
  }
  out["arcs"] = json::array();
  for (const auto& a : p.arcs) out["arcs"].push_back({a.from, a.to, a.weight, a.element});
  std::ofstream file(dir + "/equilibrium.json");
  file << out.dump() << "\n";
  if (!file) fail(dir + "/equilibrium.json: cannot write");
  std::cout << dir << "/equilibrium.json: " << p.pairs.size() << " pairs of " << tonnes << " t/yr, " << p.vertex_count
            << " vertices, " << p.arcs.size() << " arcs, " << p.elements.size() << " elements\n";
  return 0;
}

}  // namespace corridor::bench
