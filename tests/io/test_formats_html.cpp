// Output formats (docs/outputs.md): the basemap, the HTML report and map are self-contained
// and have their maps and tables, and the CLI writes every format (--format csv, geojson and
// dot; report and map). The browser test (tests/browser) checks the rendered report. CSV,
// GeoJSON and DOT in detail: test_formats.cpp.

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
#include "support/format_checks.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;
using nlohmann::json;

TEST_CASE("basemap: the shipped outlines cover the corridor's region") {
  const io::Basemap map = io::load_basemap(io::basemap_path(kSourceDir));
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
  const ScenarioRun run = run_scenario(kSourceDir + "/scenarios/baseline.json");
  const io::Basemap map = io::load_basemap(io::basemap_path(kSourceDir));
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
  const ScenarioRun run = run_scenario(kSourceDir + "/scenarios/baseline.json");
  const io::Basemap map = io::load_basemap(io::basemap_path(kSourceDir));
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
  const Network net = load(kSourceDir + "/network/middle-corridor.json");
  const io::Basemap map = io::load_basemap(io::basemap_path(kSourceDir));
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
