// Output formats (docs/outputs.md): CSV parses with one header row and a fixed column count
// (RFC 4180 quoting), GeoJSON is valid RFC 7946 with the documented properties and DOT is a
// well-formed graph with pinned positions. The basemap, the HTML report and map and the
// --format options of the CLI: test_formats_html.cpp.

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "io/basemap.hpp"
#include "io/formats.hpp"
#include "io/html_report.hpp"
#include "io/map_svg.hpp"
#include "io/network_json.hpp"
#include "io/result_renderers.hpp"
#include "io/scenario_json.hpp"
#include "io/sweep_report.hpp"
#include "solve/flow.hpp"
#include "solve/path_flow.hpp"
#include "solve/route.hpp"
#include "solve/scenario_run.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"
#include "support/format_checks.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;
using nlohmann::json;

TEST_CASE("formats: names round-trip") {
  for (const char* name : {"table", "json", "csv", "geojson", "dot", "html", "svg"}) {
    const auto format = parse<io::OutputFormat>(name);
    REQUIRE(format.has_value());
    CHECK(to_string(*format) == name);
  }
  CHECK_FALSE(parse<io::OutputFormat>("xml").has_value());
  CHECK_FALSE(parse<io::OutputFormat>("CSV").has_value());
  CHECK(joined_names<io::OutputFormat>() == "table, json, csv, geojson, dot, html, svg");
  // The result formats (render_route / render_flow / render_scenario, `corridor run`).
  std::vector<std::string> result_formats;
  for (const io::OutputFormat format : io::kResultFormats) result_formats.emplace_back(to_string(format));
  CHECK(result_formats == std::vector<std::string>{"table", "json", "csv", "geojson", "dot"});
  CHECK_THROWS_AS(io::render_scenario({}, {}, {}, io::OutputFormat::Svg), std::logic_error);
  CHECK(names<io::SweepFormat>() == std::vector<std::string>{"table", "json", "csv", "html"});
  for (const auto& entry : io::kSweepFormatNames) CHECK(parse<io::SweepFormat>(entry.name) == entry.value);
}

TEST_CASE("csv: a route is one row per leg with a fixed column count and consistent sums") {
  const Network net = load(kSmall);
  const RouteResult result = solve::Router(net).find_route(route_query(net, "A", "D"));
  REQUIRE(result.found());
  const Csv csv = parse_csv(io::route_csv(net, result));
  const auto col = check_table(csv, result.routes[0].legs.size());
  CHECK(csv.rows.size() == 1 + result.routes[0].legs.size());
  for (const char* name : {"route", "leg", "from", "to", "link", "mode", "distance_km", "dwell_hours", "transfer_hours",
                           "wait_hours", "travel_hours", "leg_hours", "cumulative_hours", "cumulative_days"})
    CHECK(col.count(name) == 1);
  double sum = 0;
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    CHECK(row[col.at("leg")] == std::to_string(r));
    const double leg = std::stod(row[col.at("leg_hours")]);
    CHECK(leg == doctest::Approx(std::stod(row[col.at("dwell_hours")]) + std::stod(row[col.at("transfer_hours")]) +
                                 std::stod(row[col.at("wait_hours")]) + std::stod(row[col.at("travel_hours")]))
                     .epsilon(1e-3));
    sum += leg;
    CHECK(std::stod(row[col.at("cumulative_hours")]) == doctest::Approx(sum).epsilon(1e-3));
  }
  CHECK(sum == doctest::Approx(result.routes[0].hours).epsilon(1e-3));
  CHECK(csv.rows.back()[col.at("to")] == "D");
}

TEST_CASE("csv: commas, quotes and line breaks are quoted (RFC 4180)") {
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("B", NodeKind::SeaPort)
                    .node("C", NodeKind::RailTerminal)
                    .link("A", "B", Mode::Rail, 100, 2)
                    .link("B", "C", Mode::Ferry, 300, 10)
                    .build();
  net.nodes[0].name = "Xi'an, \"Chang'an\" hub";
  net.nodes[1].name = "Port \"Alat\"";
  net.nodes[2].name = "Two\nlines, one node";
  const RouteResult result = solve::Router(net).find_route(route_query(net, "A", "C"));
  REQUIRE(result.found());
  const std::string text = io::route_csv(net, result);
  CHECK(contains(text, "\"Xi'an, \"\"Chang'an\"\" hub\""));
  CHECK(contains(text, "\r\n"));
  const Csv csv = parse_csv(text);
  const auto col = check_table(csv, 2);
  REQUIRE(csv.rows.size() == 3);
  CHECK(csv.rows[1][col.at("from_name")] == net.nodes[0].name);
  CHECK(csv.rows[1][col.at("to_name")] == net.nodes[1].name);
  CHECK(csv.rows[2][col.at("from_name")] == net.nodes[1].name);
  CHECK(csv.rows[2][col.at("to_name")] == net.nodes[2].name);
  CHECK(csv.rows[2][col.at("mode")] == "ferry");
}

TEST_CASE("csv: a flow is one row per link flow and binding rows are the minimum cut") {
  const Network net = load(kSmall);
  const FlowResult result = solve::max_flow(net, flow_query(net, {"A"}, {"D"}));
  REQUIRE(result.max_flow_tpy > 0);
  const Csv csv = parse_csv(io::flow_csv(net, result));
  const auto col = check_table(csv, result.flows.size());
  CHECK(csv.rows.size() == 1 + result.flows.size());
  std::set<std::string> cut;
  for (const CutElement& e : result.min_cut)
    if (e.type == CutElement::Type::Link) cut.insert(net.links[e.index].id);
  TonnesPerYear into_d = 0;
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    const auto& row = csv.rows[r];
    CHECK((row[col.at("binding")] == "true") == (cut.count(row[col.at("link")]) == 1));
    if (row[col.at("to")] == "D") into_d += std::stoll(row[col.at("flow_tpy")]);
    if (!row[col.at("capacity_tpy")].empty()) {
      CHECK(std::stod(row[col.at("utilisation")]) ==
            doctest::Approx(std::stod(row[col.at("flow_tpy")]) / std::stod(row[col.at("capacity_tpy")])).epsilon(1e-3));
    } else {
      CHECK(row[col.at("utilisation")].empty());
    }
  }
  CHECK(into_d == result.max_flow_tpy);
}

TEST_CASE("csv: a scenario run is one table with a query column") {
  const ScenarioRun run = run_scenario(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json");
  const Csv csv = parse_csv(io::scenario_csv(run.scenario, run.network, run.outcomes));
  const auto col = check_table(csv, 2);
  for (const char* name : {"query", "query_name", "type", "leg", "flow_tpy", "binding"}) CHECK(col.count(name) == 1);
  std::set<std::string> types, queries;
  for (std::size_t r = 1; r < csv.rows.size(); ++r) {
    types.insert(csv.rows[r][col.at("type")]);
    queries.insert(csv.rows[r][col.at("query")]);
    if (csv.rows[r][col.at("type")] == "route")
      CHECK(csv.rows[r][col.at("flow_tpy")].empty());
    else
      CHECK(csv.rows[r][col.at("leg")].empty());
  }
  CHECK(types == std::set<std::string>{"route", "flow"});
  CHECK(queries == std::set<std::string>{"1", "2"});
}

TEST_CASE("geojson: a route is a valid RFC 7946 FeatureCollection with on_route and rank") {
  const Network net = load(kSmall);
  const RouteResult result = solve::Router(net).find_route(route_query(net, "A", "D"));
  REQUIRE(result.found());
  const json doc = json::parse(io::route_geojson(net, result));
  check_geojson(doc, net.nodes.size(), net.links.size());
  CHECK(doc.at("corridor").at("type") == "route");
  CHECK(doc.at("corridor").at("days").get<double>() == doctest::Approx(result.routes[0].days()).epsilon(1e-3));
  std::map<std::string, int> link_rank, node_rank;
  for (const json& f : doc.at("features")) {
    const json& p = f.at("properties");
    REQUIRE(p.at("on_route").is_boolean());
    CHECK(p.at("rank").is_null() == !p.at("on_route").get<bool>());
    if (p.at("on_route").get<bool>())
      (p.at("feature") == "link" ? link_rank : node_rank)[p.at("id").get<std::string>()] = p.at("rank").get<int>();
    if (f.at("geometry").at("type") == "Point") {
      // Coordinates are [lon, lat], in that order.
      const Node& node = net.nodes[*net.find_node(p.at("id").get<std::string>())];
      CHECK(f.at("geometry").at("coordinates")[0].get<double>() == doctest::Approx(node.lon));
      CHECK(f.at("geometry").at("coordinates")[1].get<double>() == doctest::Approx(node.lat));
    }
  }
  const Route& route = result.routes[0];
  REQUIRE(link_rank.size() == route.legs.size());
  for (std::size_t i = 0; i < route.legs.size(); ++i)
    CHECK(link_rank.at(net.links[route.legs[i].link].id) == int(i + 1));
  REQUIRE(node_rank.size() == route.nodes.size());
  for (std::size_t i = 0; i < route.nodes.size(); ++i) CHECK(node_rank.at(net.nodes[route.nodes[i]].id) == int(i + 1));
}

TEST_CASE("geojson: a flow carries flow_tpy, utilisation and binding on every link") {
  const Network net = load(kSmall);
  const FlowResult result = solve::max_flow(net, flow_query(net, {"A"}, {"D"}));
  const json doc = json::parse(io::flow_geojson(net, result));
  check_geojson(doc, net.nodes.size(), net.links.size());
  CHECK(doc.at("corridor").at("max_flow_tpy") == result.max_flow_tpy);
  TonnesPerYear binding_capacity = 0;
  for (const json& f : doc.at("features")) {
    const json& p = f.at("properties");
    REQUIRE(p.at("binding").is_boolean());
    if (p.at("feature") == "link") {
      REQUIRE(p.at("flow_tpy").is_number_integer());
      CHECK(p.contains("utilisation"));
      if (p.at("binding").get<bool>()) binding_capacity += p.at("available_tpy").get<TonnesPerYear>();
    } else {
      CHECK(p.contains("throughput_tpy"));
      if (p.at("binding").get<bool>()) binding_capacity += p.at("available_tpy").get<TonnesPerYear>();
    }
  }
  CHECK(binding_capacity == result.max_flow_tpy);  // the cut certificate, read back from the file
}

TEST_CASE("geojson: a binding element carrying other cargo is at utilisation 1 of what it leaves the flow") {
  // The shipped Caspian crossing: Turkmenbashi-Baku carries 1.03 Mt/yr of other cargo. With the
  // pooled fleet made larger the lines bind, not the fleet (a resource is no GeoJSON feature).
  Network net = load(kSourceDir + "/network/middle-corridor.json");
  for (Resource& resource : net.resources) resource.capacity *= 10.0;
  const FlowResult result = solve::capacity_max_flow(net, flow_query(net, {"KHORGOS", "ALASHANKOU"}, {"BAKU"}));
  const json doc = json::parse(io::flow_geojson(net, result));
  TonnesPerYear binding_available = 0;
  bool background_seen = false;
  for (const json& f : doc.at("features")) {
    const json& p = f.at("properties");
    if (!p.at("binding").get<bool>()) continue;
    INFO(p.dump());
    CHECK(p.at("utilisation") == 1.0);
    binding_available += p.at("available_tpy").get<TonnesPerYear>();
    background_seen = background_seen || p.at("available_tpy") != p.at("capacity_tpy");
  }
  CHECK(background_seen);
  CHECK(binding_available == result.max_flow_tpy);
}

TEST_CASE("geojson: a scenario run is one collection with per-query properties") {
  const ScenarioRun run = run_scenario(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json");
  const json doc = json::parse(io::scenario_geojson(run.scenario, run.network, run.outcomes));
  check_geojson(doc, run.network.nodes.size(), run.network.links.size());
  REQUIRE(doc.at("corridor").at("queries").size() == 2);
  CHECK(doc.at("corridor").at("queries")[0].at("key") == "q1");
  for (const json& f : doc.at("features")) {
    const json& p = f.at("properties");
    CHECK(p.at("q1_on_route").is_boolean());
    CHECK(p.at("q2_binding").is_boolean());
    if (p.at("feature") == "link") CHECK(p.at("q2_flow_tpy").is_number_integer());
  }
}

TEST_CASE("geojson: the shipped network's Xi'an to Baku route is valid") {
  const Network net = load(kSourceDir + "/network/middle-corridor.json");
  const RouteResult result = solve::Router(net).find_route(route_query(net, "XIAN", "BAKU"));
  REQUIRE(result.found());
  const json doc = json::parse(io::route_geojson(net, result));
  check_geojson(doc, net.nodes.size(), net.links.size());
  int on_route = 0;
  for (const json& f : doc.at("features"))
    on_route += f.at("properties").at("feature") == "link" && f.at("properties").at("on_route").get<bool>();
  CHECK(on_route == static_cast<int>(result.routes[0].legs.size()));
}

TEST_CASE("dot: route, flow and scenario graphs are well formed with pinned positions") {
  const Network net = load(kSmall);
  const RouteResult route = solve::Router(net).find_route(route_query(net, "A", "D"));
  const std::string route_dot = io::route_dot(net, route);
  check_dot(route_dot, net.links.size());
  CHECK(count_of(route_dot, "pos=\"") == net.nodes.size());
  CHECK(count_of(route_dot, "dir=forward") + count_of(route_dot, "dir=back") == route.routes[0].legs.size());
  const FlowResult flow = solve::max_flow(net, flow_query(net, {"A"}, {"D"}));
  check_dot(io::flow_dot(net, flow), net.links.size());
  CHECK(contains(io::flow_dot(net, flow), "binding"));
  const ScenarioRun run = run_scenario(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json");
  check_dot(io::scenario_dot(run.scenario, run.network, run.outcomes), 2 * run.network.links.size());
}
