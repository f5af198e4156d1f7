// Output formats (docs/outputs.md): CSV parses with one header row and a fixed column count
// (RFC 4180 quoting), GeoJSON is valid RFC 7946 with the documented properties, DOT is a
// well-formed graph with pinned positions, and the HTML report and map are self-contained.
// The browser test (tests/browser) checks the rendered report.

#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
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
#include "solve/route.hpp"
#include "solve/scenario_run.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;
using nlohmann::json;

namespace {

const std::string kSource = CORRIDOR_SOURCE_DIR;
const std::string kSmall = CORRIDOR_TEST_DATA_DIR "/valid/small.json";

Network load(const std::string& path) {
  DiagnosticSink sink(path);
  return io::load_network(path, sink);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

// --- A small RFC 4180 reader, written from the RFC (not from the writer's code).

struct Csv {
  std::vector<std::vector<std::string>> rows;
  bool well_formed = true;
};

Csv parse_csv(const std::string& text) {
  Csv csv;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, after_quote = false, at_field_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!at_field_start) csv.well_formed = false;  // a quote inside an unquoted field
      quoted = true;
      at_field_start = false;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      after_quote = false;
      at_field_start = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(field);
      csv.rows.push_back(row);
      row.clear();
      field.clear();
      after_quote = false;
      at_field_start = true;
      ++i;
    } else if (c == '\n' || c == '\r') {
      csv.well_formed = false;  // RFC 4180 lines end with CRLF
    } else {
      if (after_quote) csv.well_formed = false;  // text after a closing quote
      field.push_back(c);
      at_field_start = false;
    }
  }
  if (quoted) csv.well_formed = false;
  if (!field.empty() || !row.empty()) {
    csv.well_formed = false;  // the last record must end with CRLF
    row.push_back(field);
    csv.rows.push_back(row);
  }
  return csv;
}

/// Checks the table shape and returns column index by name.
std::map<std::string, std::size_t> check_table(const Csv& csv, std::size_t min_rows) {
  CHECK(csv.well_formed);
  REQUIRE(csv.rows.size() >= 1 + min_rows);
  const std::size_t columns = csv.rows.front().size();
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < columns; ++c) index[csv.rows.front()[c]] = c;
  CHECK(index.size() == columns);  // header names are unique
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    CAPTURE(r);
    CHECK(csv.rows[r].size() == columns);
  }
  // Exactly one header row: no later row repeats it.
  for (std::size_t r = 1; r < csv.rows.size(); ++r) CHECK(csv.rows[r] != csv.rows.front());
  return index;
}

// --- RFC 7946 checks

void check_position(const json& position) {
  REQUIRE(position.is_array());
  REQUIRE(position.size() >= 2);
  REQUIRE(position[0].is_number());
  REQUIRE(position[1].is_number());
  CHECK(position[0].get<double>() >= -180.0);
  CHECK(position[0].get<double>() <= 180.0);
  CHECK(position[1].get<double>() >= -90.0);
  CHECK(position[1].get<double>() <= 90.0);
}

/// A FeatureCollection of Points and LineStrings, every feature with its properties.
void check_geojson(const json& doc, std::size_t nodes, std::size_t links) {
  REQUIRE(doc.is_object());
  CHECK(doc.at("type") == "FeatureCollection");
  CHECK_FALSE(doc.contains("crs"));  // RFC 7946 removed it: WGS 84 [lon, lat] only
  REQUIRE(doc.at("features").is_array());
  CHECK(doc.at("features").size() == nodes + links);
  std::size_t points = 0, lines = 0;
  for (const json& feature : doc.at("features")) {
    CHECK(feature.at("type") == "Feature");
    REQUIRE(feature.at("properties").is_object());
    const json& geometry = feature.at("geometry");
    CHECK_FALSE(geometry.contains("crs"));
    const json& properties = feature.at("properties");
    CHECK(properties.at("id").is_string());
    if (geometry.at("type") == "Point") {
      ++points;
      check_position(geometry.at("coordinates"));
      CHECK(properties.at("feature") == "node");
      for (const char* key : {"name", "country", "kind", "status", "capacity_tpy"}) CHECK(properties.contains(key));
    } else {
      REQUIRE(geometry.at("type") == "LineString");
      ++lines;
      REQUIRE(geometry.at("coordinates").is_array());
      CHECK(geometry.at("coordinates").size() >= 2);
      for (const json& position : geometry.at("coordinates")) check_position(position);
      CHECK(properties.at("feature") == "link");
      for (const char* key : {"from", "to", "mode", "corridor", "status", "hours", "distance_km", "capacity_tpy"})
        CHECK(properties.contains(key));
    }
  }
  CHECK(points == nodes);
  CHECK(lines == links);
}

// --- DOT checks: braces and quotes balance, nodes pinned, one edge per link.

void check_dot(const std::string& dot, std::size_t edges) {
  CHECK(dot.rfind("graph \"corridor\" {", 0) == 0);
  CHECK(dot.size() >= 2);
  CHECK(dot.substr(dot.size() - 2) == "}\n");
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < dot.size(); ++i) {
    const char c = dot[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{')
      ++depth;
    else if (c == '}')
      --depth;
    CHECK(depth >= 0);
  }
  CHECK_FALSE(in_string);
  CHECK(depth == 0);
  CHECK(count_of(dot, " -- ") == edges);
  CHECK(count_of(dot, "!\"") >= 1);
}

struct ScenarioRun {
  Scenario scenario;
  Network network;
  std::vector<QueryOutcome> outcomes;
};

ScenarioRun run_scenario(const std::string& path) {
  DiagnosticSink sink(path);
  ScenarioRun run;
  run.scenario = io::load_scenario(path, kSource + "/network/middle-corridor.json", sink);
  const Network base = load(run.scenario.network_path);
  run.network = apply_changes(base, run.scenario.changes, sink);
  run.outcomes = solve::run_queries(run.network, run.scenario, sink);
  REQUIRE_FALSE(sink.has_errors());
  return run;
}

}  // namespace

TEST_CASE("formats: names round-trip") {
  for (const char* name : {"table", "json", "csv", "geojson", "dot"}) {
    const auto format = parse<io::OutputFormat>(name);
    REQUIRE(format.has_value());
    CHECK(to_string(*format) == name);
  }
  CHECK_FALSE(parse<io::OutputFormat>("xml").has_value());
  CHECK_FALSE(parse<io::OutputFormat>("CSV").has_value());
  CHECK(joined_names<io::OutputFormat>() == "table, json, csv, geojson, dot");
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
      if (p.at("binding").get<bool>()) binding_capacity += p.at("capacity_tpy").get<TonnesPerYear>();
    } else {
      CHECK(p.contains("throughput_tpy"));
      if (p.at("binding").get<bool>()) binding_capacity += p.at("capacity_tpy").get<TonnesPerYear>();
    }
  }
  CHECK(binding_capacity == result.max_flow_tpy);  // the cut certificate, read back from the file
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
  const Network net = load(kSource + "/network/middle-corridor.json");
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

TEST_CASE("basemap: the shipped outlines cover the corridor's region") {
  const io::Basemap map = io::load_basemap(io::basemap_path(kSource));
  CHECK(map.box.west <= -12);
  CHECK(map.box.east >= 125);
  CHECK(map.box.south <= 20);
  CHECK(map.box.north >= 60);
  CHECK(map.countries.size() >= 50);
  std::set<std::string> names;
  for (const io::Country& country : map.countries) {
    names.insert(country.name);
    for (const auto& polygon : country.polygons)
      for (const auto& ring : polygon) {
        CHECK(ring.size() >= 4);
        for (const io::GeoPoint& p : ring) {
          CHECK(p.lon >= map.box.west);
          CHECK(p.lon <= map.box.east);
          CHECK(p.lat >= map.box.south);
          CHECK(p.lat <= map.box.north);
        }
      }
  }
  for (const char* name : {"China", "Kazakhstan", "Azerbaijan", "Georgia", "Turkey", "Germany", "Turkmenistan"})
    CHECK(names.count(name) == 1);
  CHECK_FALSE(map.source.empty());
  CHECK(contains(map.license, "public domain"));
}

TEST_CASE("basemap: a missing or malformed file is a clear error") {
  TempDir dir;
  const auto missing = input_errors([&] { (void)io::load_basemap(dir.file("nothing.geojson")); });
  REQUIRE(has_diagnostic(missing, "E-FILE"));
  CHECK(contains(find_diagnostic(missing, "E-FILE")->message, "CORRIDOR_DATA_DIR"));
  const std::string wrong = dir.write("wrong.geojson", R"({"type": "Feature", "features": 3})");
  CHECK(has_diagnostic(input_errors([&] { (void)io::load_basemap(wrong); }), "E-TYPE"));
  const std::string bad_geometry =
      dir.write("bad.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 95], [0, 0]]]}}]})");
  CHECK(has_diagnostic(input_errors([&] { (void)io::load_basemap(bad_geometry); }), "E-TYPE", "/features/0/geometry"));
  const std::string syntax = dir.write("syntax.geojson", "{\"type\": ");
  CHECK(has_diagnostic(input_errors([&] { (void)io::load_basemap(syntax); }), "E-SYNTAX"));
}

TEST_CASE("html: the report is self-contained and has its maps and tables") {
  const ScenarioRun run = run_scenario(kSource + "/scenarios/baseline.json");
  const io::Basemap map = io::load_basemap(io::basemap_path(kSource));
  const std::string html = io::scenario_report_html(run.scenario, run.network, run.outcomes, map);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_FALSE(contains(html, "http:"));
  CHECK_FALSE(contains(html, "https:"));
  CHECK_FALSE(contains(html, "<script"));
  CHECK_FALSE(contains(html, "<link"));
  CHECK_FALSE(contains(html, "<img"));
  CHECK(count_of(html, "<path class=\"country\"") == map.countries.size());
  CHECK(count_of(html, "<svg class=\"map\"") == 2 + run.outcomes.size());
  CHECK(contains(html, "id=\"map-overview\""));
  CHECK(contains(html, "<path class=\"route\""));
  CHECK(contains(html, "<path class=\"binding\""));
  CHECK(contains(html, "class=\"summary\""));
  CHECK(contains(html, "class=\"legs\""));
  CHECK(contains(html, "class=\"capacity\""));
  CHECK(contains(html, "class=\"legend\""));
  CHECK(contains(html, "class=\"scale-bar\""));
  CHECK(contains(html, "@media print"));
  CHECK(contains(html, ">XIAN<"));
  CHECK(contains(html, ">BAKU<"));
  // Every id is unique in the page (maps refer to their own clip paths).
  std::set<std::string> ids;
  for (auto at = html.find(" id=\""); at != std::string::npos; at = html.find(" id=\"", at + 1)) {
    const auto end = html.find('"', at + 5);
    const std::string id = html.substr(at + 5, end - at - 5);
    CAPTURE(id);
    CHECK(ids.insert(id).second);
  }
}

namespace {

/// A number with exactly `decimals` decimals, as the reports print it.
std::string fixed_text(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

/// The cells of each row of the first `<table class="legs">` in `html`: header row first.
std::vector<std::vector<std::string>> first_legs_table(const std::string& html) {
  const auto begin = html.find("<table class=\"legs\">");
  REQUIRE(begin != std::string::npos);
  const std::string table = html.substr(begin, html.find("</table>", begin) - begin);
  std::vector<std::vector<std::string>> rows;
  for (auto row = table.find("<tr>"); row != std::string::npos; row = table.find("<tr>", row + 1)) {
    const auto row_end = table.find("</tr>", row);
    std::vector<std::string> cells;
    for (auto at = table.find("<t", row + 4); at < row_end; at = table.find("<t", at + 1)) {
      const auto open_end = table.find('>', at);
      const auto close = table.find("</t", open_end);
      cells.push_back(table.substr(open_end + 1, close - open_end - 1));
      at = close;
    }
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("html: a route's leg table has USD/t and kg CO2e/t per leg, adding up to the route's") {
  const ScenarioRun run = run_scenario(kSource + "/scenarios/baseline.json");
  const io::Basemap map = io::load_basemap(io::basemap_path(kSource));
  const std::string html = io::scenario_report_html(run.scenario, run.network, run.outcomes, map);
  std::optional<Route> route;  // the first query with a route draws the first leg table
  for (const QueryOutcome& outcome : run.outcomes)
    if (const auto result = io::detail::drawing_of(outcome).route; result && result->found()) {
      route = result->routes.front();
      break;
    }
  REQUIRE(route);
  const auto rows = first_legs_table(html);
  REQUIRE(rows.size() == route->legs.size() + 2);  // header, legs, total
  const std::vector<std::string>& header = rows.front();
  REQUIRE(header.size() >= 2);
  CHECK(header[header.size() - 2] == "USD/t");
  CHECK(header[header.size() - 1] == "kg CO2e/t");
  double cost_sum = 0.0, co2_sum = 0.0;
  for (std::size_t i = 0; i < route->legs.size(); ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    REQUIRE(row.size() == header.size());
    const RouteLeg& leg = route->legs[i];
    CHECK(row[row.size() - 2] == fixed_text(leg.total_cost_usd_per_t(), 2) + (leg.cost_known ? "" : "*"));
    CHECK(row[row.size() - 1] == fixed_text(leg.co2_kg_per_t, 1));
    cost_sum += std::stod(row[row.size() - 2]);
    co2_sum += std::stod(row[row.size() - 1]);
  }
  const std::vector<std::string>& total = rows.back();
  CHECK(total[total.size() - 2] == fixed_text(route->cost_usd_per_t, 2));
  CHECK(total[total.size() - 1] == fixed_text(route->co2_kg_per_t, 1));
  // Each cell is rounded: the legs add up to the total within half a unit of the last digit each.
  const double legs = static_cast<double>(route->legs.size()) + 1.0;
  CHECK(std::abs(cost_sum - std::stod(total[total.size() - 2])) <= 0.005 * legs);
  CHECK(std::abs(co2_sum - std::stod(total[total.size() - 1])) <= 0.05 * legs);
}

TEST_CASE("html: the network map has every link and node and its tables") {
  const Network net = load(kSource + "/network/middle-corridor.json");
  const io::Basemap map = io::load_basemap(io::basemap_path(kSource));
  const std::string html = io::network_map_html(net, map);
  CHECK_FALSE(contains(html, "http:"));
  CHECK_FALSE(contains(html, "https:"));
  CHECK(count_of(html, "<svg class=\"map\"") == 2);
  // Every link on the overview (and the detail map draws the ones near the Caspian again).
  CHECK(count_of(html, "<path class=\"link ") >= net.links.size());
  CHECK(contains(html, "stroke-dasharray=\"6 4\""));  // planned links dashed
  CHECK(contains(html, "class=\"links\""));
  CHECK(contains(html, "class=\"nodes\""));
}

TEST_CASE("cli: --format csv, geojson and dot on route, flow and run") {
  const Outcome csv = run_cli("flow --from A --to D --format csv --network " + quote(kSmall));
  CHECK(csv.exit_code == 0);
  check_table(parse_csv(csv.out), 1);
  const Outcome geo = run_cli("route --from A --to D --format geojson --network " + quote(kSmall));
  CHECK(geo.exit_code == 0);
  check_geojson(json::parse(geo.out), 6, 6);
  const Outcome dot = run_cli("run --format dot " + quote(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json"));
  CHECK(dot.exit_code == 0);
  CHECK(dot.out.rfind("graph \"corridor\" {", 0) == 0);
  const Outcome bad = run_cli("route --from A --to D --format pdf --network " + quote(kSmall));
  CHECK(bad.exit_code == 1);
}

TEST_CASE("cli: report and map write HTML files and a missing basemap is a clear error") {
  TempDir dir;
  const std::string report = dir.file("report.html");
  const Outcome r =
      run_cli("report " + quote(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json") + " -o " + quote(report));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "report.html"));
  CHECK(contains(read_file(report), "<svg class=\"map\""));
  const std::string page = dir.file("map.html");
  const Outcome m = run_cli("map --network " + quote(kSmall) + " -o " + quote(page));
  CHECK(m.exit_code == 0);
  CHECK(contains(read_file(page), "Small test corridor"));
  const Outcome no_basemap = run_cli("map --network " + quote(kSmall) + " -o " + quote(page), {},
                                     "CORRIDOR_DATA_DIR=" + quote(dir.path().string()) + " ");
  CHECK(no_basemap.exit_code == 1);
  CHECK(contains(no_basemap.err, "basemap"));
  CHECK(contains(no_basemap.err, "[E-FILE]"));
  const Outcome unwritable =
      run_cli("map --network " + quote(kSmall) + " -o " + quote(dir.file("no/such/dir/map.html")));
  CHECK(unwritable.exit_code == 1);
  CHECK(contains(unwritable.err, "[E-FILE]"));
}
