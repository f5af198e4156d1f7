// Checks on the shipped data: network/middle-corridor.json and scenarios/*.json under
// CORRIDOR_SOURCE_DIR, and their source keys in docs/data-sources.md.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <queue>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "io/calibration_report.hpp"
#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/scenario.hpp"
#include "model/validate.hpp"
#include "solve/route.hpp"
#include "solve/scenario_run.hpp"
#include "solve/schedule.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"
#include "support/capacity_checks.hpp"
#include "support/invariants.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

const std::string kNetworkPath = kSourceDir + "/network/middle-corridor.json";
const std::string kSourcesDoc = kSourceDir + "/docs/data-sources.md";

/// The shipped network, loaded once per process; the warnings of that load.
struct Shipped {
  Network network;
  std::vector<Diagnostic> diagnostics;
};
const Shipped& shipped() {
  static const Shipped data = [] {
    Shipped s;
    DiagnosticSink sink(kNetworkPath);
    s.network = io::load_network(kNetworkPath, sink);
    s.diagnostics = sink.diagnostics();
    return s;
  }();
  return data;
}
const Network& network() { return shipped().network; }

double haversine_km(const Node& a, const Node& b) {
  constexpr double kRadius = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

std::vector<std::string> scenario_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + "/scenarios", ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

bool source_listed(const std::string& doc, const std::string& key) {
  return doc.find("| " + key + " |") != std::string::npos;
}

}  // namespace

TEST_CASE("shipped data: the network loads without errors or warnings") {
  DiagnosticSink sink(kNetworkPath);
  try {
    const Network net = io::load_network(kNetworkPath, sink);
    INFO(describe(sink.diagnostics()));
    CHECK(sink.diagnostics().empty());
  } catch (const InputError& e) {
    FAIL_CHECK("the shipped network does not load:" << describe(e.diagnostics()));
  }
}

TEST_CASE("shipped data: the network is large enough and has the key places") {
  const Network& net = network();
  CHECK(net.nodes.size() >= 90);
  CHECK(net.links.size() >= 110);
  CHECK_FALSE(net.name.empty());
  for (const char* id : {"XIAN", "KHORGOS", "ALTYNKOL", "ALASHANKOU", "DOSTYK", "ALMATY", "AKTAU", "KURYK",
                         "TURKMENBASHI", "BAKU", "TBILISI", "AKHALKALAKI", "KARS", "POTI", "BATUMI", "ISTANBUL",
                         "CONSTANTA", "NAKHCHIVAN", "DUISBURG"}) {
    INFO(std::string(id));
    CHECK(net.find_node(id).has_value());
  }
}

TEST_CASE("shipped data: coordinates are in range") {
  for (const Node& node : network().nodes) {
    INFO(node.id);
    CHECK(std::isfinite(node.lat));
    CHECK(std::isfinite(node.lon));
    CHECK(node.lat >= -90.0);
    CHECK(node.lat <= 90.0);
    CHECK(node.lon >= -180.0);
    CHECK(node.lon <= 180.0);
    CHECK_FALSE((node.lat == 0.0 && node.lon == 0.0));  // a forgotten coordinate
  }
}

TEST_CASE("shipped data: link lengths agree with the great-circle distance of their ends") {
  const Network& net = network();
  for (const Link& link : net.links) {
    const Node& a = net.nodes[link.from];
    const Node& b = net.nodes[link.to];
    const double great_circle = haversine_km(a, b);
    INFO(link.id << ": " << link.distance_km << " km, great circle " << great_circle << " km");
    CHECK(link.distance_km >= 0.95 * great_circle);  // nothing is shorter than the great circle
    if (link.note.empty()) CHECK(link.distance_km <= 2.5 * great_circle);  // longer detours must be explained
  }
}

TEST_CASE("shipped data: long sea links follow a sea lane whose length is the link's") {
  // GeoJSON draws a link through its waypoints (docs/network-format.md): every ocean leg has a
  // course through its straits, and that course measures what distance_km says the ships sail.
  const Network& net = network();
  for (const Link& link : net.links) {
    if (link.mode != Mode::Sea) continue;
    INFO(link.id);
    if (link.distance_km > 2000) CHECK(link.waypoints.size() >= 3);
    if (link.waypoints.empty()) continue;
    std::vector<Node> course{net.nodes[link.from]};
    for (const GeoPoint& point : link.waypoints) {
      Node at;
      at.lat = point.lat;
      at.lon = point.lon;
      course.push_back(at);
    }
    course.push_back(net.nodes[link.to]);
    double length_km = 0.0;
    for (std::size_t i = 1; i < course.size(); ++i) length_km += haversine_km(course[i - 1], course[i]);
    INFO("course " << length_km << " km, distance_km " << link.distance_km);
    CHECK(length_km >= 0.85 * link.distance_km);
    CHECK(length_km <= 1.15 * link.distance_km);
  }
}

TEST_CASE("shipped data: every node has a link and reaches BAKU") {
  const Network& net = network();
  std::vector<std::vector<NodeIndex>> neighbours(net.nodes.size());
  for (const Link& link : net.links) {  // ignoring status and direction
    neighbours[link.from].push_back(link.to);
    neighbours[link.to].push_back(link.from);
  }
  for (NodeIndex n = 0; n < net.nodes.size(); ++n) {
    INFO(net.nodes[n].id);
    CHECK_FALSE(neighbours[n].empty());
  }
  const auto baku = net.find_node("BAKU");
  REQUIRE(baku.has_value());
  std::vector<char> seen(net.nodes.size(), 0);
  std::queue<NodeIndex> frontier;
  frontier.push(*baku);
  seen[*baku] = 1;
  while (!frontier.empty()) {
    const NodeIndex u = frontier.front();
    frontier.pop();
    for (NodeIndex v : neighbours[u])
      if (!seen[v]) {
        seen[v] = 1;
        frontier.push(v);
      }
  }
  for (NodeIndex n = 0; n < net.nodes.size(); ++n) {
    INFO(net.nodes[n].id);
    CHECK(seen[n]);
  }
}

TEST_CASE("shipped data: every node and link cites sources listed in docs/data-sources.md") {
  const std::string doc = read_file(kSourcesDoc);
  REQUIRE_FALSE(doc.empty());
  for (const Node& node : network().nodes) {
    INFO("node " << node.id);
    CHECK_FALSE(node.sources.empty());
    for (const auto& key : node.sources) {
      INFO(key);
      CHECK(source_listed(doc, key));
    }
  }
  for (const Link& link : network().links) {
    INFO("link " << link.id);
    CHECK_FALSE(link.sources.empty());
    for (const auto& key : link.sources) {
      INFO(key);
      CHECK(source_listed(doc, key));
    }
  }
}

TEST_CASE("shipped data: every link belongs to at least one corridor") {
  for (const Link& link : network().links) {
    INFO(link.id);
    CHECK_FALSE(link.corridors.empty());
    for (const auto& tag : link.corridors) CHECK(is_corridor_tag(tag));
  }
}

TEST_CASE("shipped data: the fastest Xi'an to Baku route takes 240 to 290.4 hours") {
  const Network& net = network();
  const solve::Router router(net);
  const RouteQuery query = route_query(net, "XIAN", "BAKU");
  const RouteResult result = router.find_route(query);
  REQUIRE(result.found());
  const Route& route = result.routes.front();
  check_route(net, query, route);
  INFO(route_ids(net, route) << ": " << route.hours << " h");
  CHECK(route.hours >= 240.0);
  CHECK(route.hours <= 290.4);
}

TEST_CASE("shipped data: Xi'an to Duisburg by the Middle and by the Northern corridor") {
  const Network& net = network();
  const solve::Router router(net);
  for (const char* corridor : {"middle", "northern"}) {
    INFO(std::string(corridor));
    const RouteQuery query = route_query(net, "XIAN", "DUISBURG", Objective::Time, {corridor});
    const RouteResult result = router.find_route(query);
    REQUIRE(result.found());
    check_route(net, query, result.routes.front());
    INFO(route_ids(net, result.routes.front()));
    for (const RouteLeg& leg : result.routes.front().legs) CHECK(net.links[leg.link].in_corridor(corridor));
  }
}

TEST_CASE("shipped data: every scenario loads, applies its changes and answers its queries") {
  const auto files = scenario_files();
  REQUIRE_FALSE(files.empty());
  for (const std::string& path : files) {
    INFO(path);
    DiagnosticSink sink(path);
    Scenario scenario;
    try {
      scenario = io::load_scenario(path, kNetworkPath, sink);
    } catch (const InputError& e) {
      FAIL_CHECK("scenario does not load:" << describe(e.diagnostics()));
      continue;
    }
    INFO(describe(sink.diagnostics()));
    CHECK_FALSE(scenario.description.empty());
    CHECK_FALSE(scenario.queries.empty());

    DiagnosticSink network_sink(scenario.network_path);
    Network base;
    try {
      base = io::load_network(scenario.network_path, network_sink);
    } catch (const InputError& e) {
      FAIL_CHECK("its network does not load:" << describe(e.diagnostics()));
      continue;
    }
    DiagnosticSink change_sink(path);
    const Network changed = apply_changes(base, scenario.changes, change_sink);
    INFO(describe(change_sink.diagnostics()));
    CHECK_FALSE(change_sink.has_errors());

    DiagnosticSink run_sink(path);
    const auto outcomes = solve::run_queries(changed, scenario, run_sink);
    INFO(describe(run_sink.diagnostics()));
    CHECK_FALSE(run_sink.has_errors());
    CHECK(outcomes.size() == scenario.queries.size());
    CHECK(solve::all_answered(outcomes));
    for (const QueryOutcome& outcome : outcomes) {  // every answer carries its certificate
      INFO(outcome.name);
      if (const auto* route = std::get_if<RouteResult>(&outcome.result)) {
        if (route->found()) check_route(changed, route->query, route->routes.front());
      } else if (const auto* reliability = std::get_if<ReliabilityResult>(&outcome.result)) {
        if (reliability->found()) {
          const RouteReliability& r = reliability->routes.front();
          if (const auto depart = reliability->query.depart_minutes) {
            // Timetabled waits are those of the departure: the same path with expected figures
            // carries the certificate, and re-timing it gives the reported route.
            std::vector<LinkIndex> links;
            for (const RouteLeg& leg : r.route.legs) links.push_back(leg.link);
            const Route expected = solve::make_route(changed, reliability->query.route.from, links);
            check_route(changed, reliability->query.route, expected);
            CHECK(solve::time_route(changed, expected, hours_into_week(*depart)).hours ==
                  doctest::Approx(r.route.hours));
          } else {
            check_route(changed, reliability->query.route, r.route);
          }
          CHECK(r.p50_hours <= r.p90_hours);
          CHECK(r.min_hours <= r.route.hours);
        }
      } else if (const auto* flow = std::get_if<FlowResult>(&outcome.result)) {
        check_flow(changed, flow->query, *flow);
      } else if (const auto* assign = std::get_if<AssignResult>(&outcome.result)) {
        check_assignment(changed, assign->query, *assign);
      } else if (const auto* upgrades = std::get_if<UpgradeResult>(&outcome.result)) {
        check_flow(changed, upgrades->base.query, upgrades->base);
      }
    }
  }
}

TEST_CASE("shipped data: scenario sources are listed in docs/data-sources.md") {
  const std::string doc = read_file(kSourcesDoc);
  for (const std::string& path : scenario_files()) {
    INFO(path);
    DiagnosticSink sink(path);
    const Scenario scenario = io::load_scenario(path, kNetworkPath, sink);
    for (const auto& key : scenario.sources) {
      INFO(key);
      CHECK(source_listed(doc, key));
    }
  }
}

TEST_CASE("shipped data: every open element has a capacity, a shared resource or a capacity_note") {
  const Network& net = network();
  for (const Node& node : net.nodes) {
    if (!node.is_open()) continue;
    INFO("node " << node.id);
    CHECK((node.capacity_tpy.has_value() || !node.uses.empty() || !node.capacity_note.empty()));
  }
  for (const Link& link : net.links) {
    if (!link.is_open()) continue;
    INFO("link " << link.id);
    CHECK((link.capacity_or_sailings_tpy().has_value() || !link.uses.empty() || !link.capacity_note.empty()));
  }
}

TEST_CASE("shipped data: the Caspian ferries share one fleet and Baku's ferry terminal") {
  const Network& net = network();
  for (const char* id : {"AKTAU-BAKU", "KURYK-BAKU", "TURKMENBASHI-BAKU"}) {
    INFO(std::string(id));
    const auto index = net.find_link(id);
    REQUIRE(index.has_value());
    std::set<std::string> used;
    for (const ResourceUse& use : net.links[*index].uses) used.insert(use.resource);
    CHECK(used.count("CASPIAN_FERRY_FLEET") == 1);
    CHECK(used.count("BAKU_FERRY_TERMINAL") == 1);
  }
}

TEST_CASE("shipped data: every money figure is sourced or flagged as an estimate") {
  for (const Link& link : network().links) {
    INFO("link " << link.id << ": " << link.estimate);
    if (!link.is_open()) continue;
    REQUIRE(link.cost_usd_per_t.has_value());  // no silent 0 USD
    CHECK(link.estimate.find("cost_usd_per_t") != std::string::npos);
  }
  for (const Node& node : network().nodes) {
    INFO("node " << node.id << ": " << node.estimate);
    if (node.handling_usd_per_t) CHECK(node.estimate.find("handling_usd_per_t") != std::string::npos);
    else if (node.allows_transfer) CHECK(node.estimate.find("handling_usd_per_t: none charged") != std::string::npos);
  }
}

namespace {
/// Mean length of the open rail and ferry links carrying a corridor tag.
double mean_link_km(const Network& net, const std::string& tag) {
  double km = 0;
  int count = 0;
  for (const Link& link : net.links)
    if (link.is_open() && link.mode != Mode::Sea && link.in_corridor(tag) &&
        std::find(link.corridors.begin(), link.corridors.end(), tag) != link.corridors.end()) {
      km += link.distance_km;
      ++count;
    }
  return count ? km / count : 0.0;
}
}  // namespace

TEST_CASE("shipped data: rival corridors are drawn at the Middle Corridor's grain") {
  const Network& net = network();
  const double middle = mean_link_km(net, "middle");
  REQUIRE(middle > 0);
  for (const char* rival : {"northern", "southern"}) {
    const double km = mean_link_km(net, rival);
    INFO(rival << ": " << km << " km per link, middle " << middle);
    CHECK(km <= 2.0 * middle);
    CHECK(km >= 0.5 * middle);
  }
}

TEST_CASE("shipped data: nodes carry the names people type") {
  const Network& net = network();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"BAKU", "Alat"}, {"ISTANBUL", "Halkalı"}, {"KHORGOS", "Horgos"}, {"KHORGOS", "Korgas"},
      {"DOSTYK", "Druzhba"}, {"CONSTANTA", "Constanța"}};
  for (const auto& entry : expected) {
    const std::string& id = entry.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& alias = entry.second;
    INFO(id << " / " << alias);
    const auto index = net.find_node(id);
    REQUIRE(index.has_value());
    const auto& aliases = net.nodes[*index].aliases;
    CHECK(std::find(aliases.begin(), aliases.end(), alias) != aliases.end());
  }
}

TEST_CASE("shipped data: the calibration file has many published figures, each sourced") {
  const std::string path = kSourceDir + "/network/calibration.json";
  DiagnosticSink sink(path);
  const CalibrationSet set = io::load_calibration(path, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  CHECK(set.times.size() >= 15);
  CHECK(set.capacities.size() >= 5);
  const std::string doc = read_file(kSourcesDoc);
  auto check_sources = [&](const PublishedFigure& figure) {
    INFO(figure.id);
    CHECK_FALSE(figure.sources.empty());
    CHECK_FALSE(figure.date.empty());
    for (const auto& key : figure.sources) CHECK(source_listed(doc, key));
  };
  for (const auto& entry : set.times) check_sources(entry.figure);
  for (const auto& entry : set.capacities) check_sources(entry.figure);
  for (const auto& entry : set.ratios) check_sources(entry.figure);
  // every route and flow of the file resolves on the shipped network
  for (const auto& entry : set.times) {
    INFO(entry.figure.id);
    DiagnosticSink route_sink;
    CHECK(resolve(network(), entry.route, "", route_sink).has_value());
  }
  for (const auto& entry : set.capacities) {
    INFO(entry.figure.id);
    DiagnosticSink flow_sink;
    CHECK(resolve(network(), entry.flow, "", flow_sink).has_value());
  }
}
