// Planner ergonomics (issue #18), run as a user would on the shipped network: spreadsheet CSV,
// places found by name, options that mean what they say, exit codes as documented.

#include <cstdio>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;
using nlohmann::json;

TEST_CASE("demand CSV as a spreadsheet saves it: BOM, CRLF, quotes, thousands separators") {
  TempDir dir;
  const std::string csv = dir.write("demand.csv",
                                    "\xEF\xBB\xBF\"From\",\"To\",\"Tonnes_per_year\"\r\n"
                                    "\"xian\",\"BAKU\",\"1,000,000\"\r\n"
                                    "\"KHORGOS\",\"Istanbul\",\"250,000\"\r\n");
  const Outcome outcome = run_cli("assign --demand " + quote(csv) + " --format json");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const json result = json::parse(outcome.out);
  double total = 0;
  for (const json& od : result.at("od")) total += od.at("demand_tpy").get<double>();
  CHECK(total == doctest::Approx(1'250'000.0));
}

TEST_CASE("demand CSV: semicolons and tabs are detected, decimal commas read") {
  TempDir dir;
  for (const std::string& text : {std::string("from;to;tonnes_per_year\nXIAN;BAKU;1.000.000\n"),
                                  std::string("from\tto\ttonnes_per_year\nXIAN\tBAKU\t1 000 000\n")}) {
    const Outcome outcome = run_cli("assign --format json --demand " + quote(dir.write("d.csv", text)));
    INFO(text << outcome.err);
    REQUIRE(outcome.exit_code == 0);
    CHECK(json::parse(outcome.out).at("od").at(0).at("demand_tpy").get<double>() == doctest::Approx(1e6));
  }
}

TEST_CASE("demand CSV: one error per bad row with its line, suggestions, no follow-on noise") {
  TempDir dir;
  const std::string csv = dir.write("bad.csv",
                                    "from,to,tonnes_per_year\n"
                                    "XIAN,BAKU,lots\n"
                                    "XIAN,BAKUU,1000\n"
                                    "XIAN,BAKU\n");
  const Outcome outcome = run_cli("assign --demand " + quote(csv));
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.err, "bad.csv:2: error:"));
  CHECK(contains(outcome.err, "bad.csv:3: error:"));
  CHECK(contains(outcome.err, "did you mean \"BAKU\""));
  CHECK(contains(outcome.err, "bad.csv:4: error:"));
  CHECK_FALSE(contains(outcome.err, "empty"));
  CHECK_FALSE(contains(outcome.err, "no rows"));
}

TEST_CASE("nodes: search by id, name or alias, any case, and filters") {
  const Outcome baku = run_cli("nodes --search baku --format json");
  REQUIRE(baku.exit_code == 0);
  bool found = false;
  const json list = json::parse(baku.out);  // kept: a range-for over a temporary's member dangles
  for (const json& node : list.at("nodes")) found = found || node.at("id") == "BAKU";
  CHECK(found);
  const Outcome alat = run_cli("nodes --search alat --format csv");  // Baku's port, by its alias
  CHECK(contains(alat.out, "\r\nBAKU,"));
  CHECK(run_cli("route --from alat --to xian").exit_code == 0);
  const Outcome csv = run_cli("nodes --country az --format csv");
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("id,name,aliases,country,kind,capacity_tpy,corridors,lat,lon\r\n", 0) == 0);
  CHECK(contains(csv.out, "BAKU,"));
  CHECK_FALSE(contains(csv.out, ",KZ,"));
  CHECK(run_cli("nodes --search zzzz").exit_code == 2);
  const Outcome kind = run_cli("nodes --kind harbour");
  CHECK(kind.exit_code == 1);
  CHECK(contains(kind.err, "--kind"));
}

TEST_CASE("ids are matched in any case where unambiguous: route --from xian --to baku") {
  const Outcome outcome = run_cli("route --from xian --to baku --format json");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const json route = json::parse(outcome.out).at("routes").at(0);
  CHECK(route.at("nodes").front() == "XIAN");
  CHECK(route.at("nodes").back() == "BAKU");
  // Money per TEU: USD per tonne x the shipped network's tonnes_per_teu (10 t).
  CHECK(route.at("cost_usd_per_teu").get<double>() ==
        doctest::Approx(route.at("cost_usd_per_t").get<double>() * 10.0));
  CHECK(run_cli("route --from XIAN --to ISTANBUL --avoid-country ru,ir").exit_code == 0);
}

TEST_CASE("the same filters on every command that moves freight") {
  CHECK(run_cli("flow --from KHORGOS --to BAKU --avoid-country ru").exit_code == 0);
  CHECK(run_cli("assign --od XIAN:BAKU:1000 --avoid-country RU").exit_code == 0);
  CHECK(run_cli("reliability --from XIAN --to BAKU --samples 2000 --avoid-country ru --modes rail,ferry").exit_code ==
        0);
  const Outcome modes = run_cli("flow --from KHORGOS --to BAKU --modes rail");
  CHECK(modes.exit_code == 1);
  CHECK(contains(modes.err, "--modes"));
  CHECK(contains(modes.err, "no effect"));
  const Outcome corridor = run_cli("compare-routes --from XIAN --to ISTANBUL --corridor middle");
  CHECK(corridor.exit_code == 1);
  CHECK(contains(corridor.err, "best route of each corridor"));
}

TEST_CASE("options without effect are errors saying why, and errors name the option as typed") {
  const Outcome overlap = run_cli("route --from XIAN --to BAKU --max-overlap 0.5");
  CHECK(overlap.exit_code == 1);
  CHECK(contains(overlap.err, "--k 2"));
  const Outcome vot = run_cli("route --from XIAN --to BAKU --value-of-time 5");
  CHECK(vot.exit_code == 1);
  CHECK(contains(vot.err, "--by generalized"));
  CHECK(run_cli("route --from XIAN --to BAKU --pareto --by cost").exit_code == 1);
  const Outcome k = run_cli("route --from XIAN --to BAKU --k 99");
  CHECK(k.exit_code == 1);
  CHECK(contains(k.err, "--k"));
  CHECK_FALSE(contains(k.err, "/k"));
  const Outcome negative = run_cli("route --from XIAN --to BAKU --by generalized --value-of-time -1");
  CHECK(negative.exit_code == 1);
  CHECK(contains(negative.err, "--value-of-time"));
  CHECK_FALSE(contains(negative.err, "value_of_time_usd_per_t_day"));
}

TEST_CASE("tonnes accept 10e6 and 1e7, seeds must not be negative, misspelt commands get a suggestion") {
  const Outcome a = run_cli("flow --from KHORGOS --to BAKU --target-tpy 10e6 --format json");
  const Outcome b = run_cli("flow --from KHORGOS --to BAKU --target-tpy 10000000 --format json");
  REQUIRE(a.exit_code == b.exit_code);
  CHECK(a.out == b.out);
  const Outcome fraction = run_cli("flow --from KHORGOS --to BAKU --target-tpy 1.5");
  CHECK(fraction.exit_code == 1);
  CHECK(contains(fraction.err, "whole number"));
  const Outcome seed = run_cli("reliability --from XIAN --to BAKU --samples 1000 --seed -1");
  CHECK(seed.exit_code == 1);
  CHECK(contains(seed.err, "--seed"));
  const Outcome typo = run_cli("rout --from XIAN --to BAKU");
  CHECK(typo.exit_code == 1);
  CHECK(contains(typo.err, "did you mean \"route\""));
}

TEST_CASE("a query end cut off from the network is no route (exit 2), with the scenario that opens it") {
  const Outcome outcome = run_cli("route --from BAKU --to NAKHCHIVAN");
  CHECK(outcome.exit_code == 2);
  CHECK(contains(outcome.err, "NAKHCHIVAN"));
  CHECK(contains(outcome.err, "cut off"));
  CHECK(contains(outcome.err, "zangezur-open"));
}

TEST_CASE("route --depart puts every leg on the calendar: JSON, CSV and table") {
  const std::string args = "route --from XIAN --to BAKU --depart 2026-03-02T08:00";
  const Outcome j = run_cli(args + " --format json");
  INFO(j.err);
  REQUIRE(j.exit_code == 0);
  const json legs = json::parse(j.out).at("routes").at(0).at("legs");
  REQUIRE(!legs.empty());
  std::string previous_arrival = "2026-03-02T08:00Z";
  for (const json& leg : legs) {  // ISO strings of one format sort as times
    CHECK(leg.at("departs_utc").get<std::string>() >= previous_arrival);
    CHECK(leg.at("arrives_utc").get<std::string>() >= leg.at("departs_utc").get<std::string>());
    previous_arrival = leg.at("arrives_utc").get<std::string>();
  }
  const Outcome csv = run_cli(args + " --format csv");
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("leg,from,to,link,mode,departs_utc,arrives_utc,leg_hours\r\n", 0) == 0);
  CHECK(contains(csv.out, previous_arrival));
  const Outcome table = run_cli(args);
  CHECK(contains(table.out, "Legs on the calendar"));
  CHECK(contains(table.out, previous_arrival));
}

TEST_CASE("an unknown key in a scenario is an error with the closest key, x- keys and --allow-unknown-keys pass") {
  TempDir dir;
  const std::string scenario = dir.write(
      "typo.json", R"({"name": "Typo", "queries": [{"type": "flow", "from": ["KHORGOS"], "to": ["BAKU"],
                      "corridr": "middle", "x-note": "my own"}]})");
  const Outcome strict = run_cli("run " + quote(scenario));
  CHECK(strict.exit_code == 1);
  CHECK(contains(strict.err, "unknown key \"corridr\""));
  CHECK(contains(strict.err, "did you mean \"corridor\""));
  CHECK_FALSE(contains(strict.err, "x-note"));
  const Outcome allowed = run_cli("--allow-unknown-keys run " + quote(scenario));
  CHECK(allowed.exit_code == 0);
  CHECK(contains(allowed.err, "W-UNKNOWN-KEY"));
}

TEST_CASE("compare matches differently named queries by type and parameters, and says so") {
  TempDir dir;
  const std::string a = dir.write("a.json", R"({"name": "A", "queries": [
      {"type": "route", "name": "Caspian crossing", "from": "XIAN", "to": "BAKU"}]})");
  const std::string b = dir.write("b.json", R"({"name": "B", "changes": [{"type": "close_link", "id": "KURYK-BAKU"}],
      "queries": [{"type": "route", "name": "Xi'an to Baku", "from": "XIAN", "to": "BAKU"},
                  {"type": "flow", "name": "Other", "from": ["KHORGOS"], "to": ["BAKU"]}]})");
  const Outcome table = run_cli("compare " + quote(a) + " " + quote(b));
  INFO(table.err);
  CHECK(contains(table.out, "matched by type and parameters"));
  CHECK(contains(table.out, "Queries matched: 0 by name, 1 by type and parameters"));
  CHECK_FALSE(contains(table.out, "Caspian crossing: only in A"));
  CHECK(contains(table.out, "Other: only in B"));
  const Outcome j = run_cli("compare " + quote(a) + " " + quote(b) + " --format json");
  CHECK(json::parse(j.out).at("queries").at(0).at("matched_by") == "type and parameters");
}

TEST_CASE("warnings of a scenario reach the HTML report") {
  TempDir dir;
  const std::string scenario = dir.write("dup.json", R"({"name": "Twice", "changes": [
      {"type": "close_link", "id": "AKTAU-BAKU"}, {"type": "close_link", "id": "AKTAU-BAKU"}],
      "queries": [{"type": "route", "from": "XIAN", "to": "BAKU"}]})");
  const Outcome outcome = run_cli("report " + quote(scenario));
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(contains(outcome.err, "W-DUP-CHANGE"));
  CHECK(contains(outcome.out, "<h2>Warnings</h2>"));
  CHECK(contains(outcome.out, "W-DUP-CHANGE"));
}

TEST_CASE("route --format html writes the route's own page with its map") {
  const Outcome outcome = run_cli("route --from XIAN --to BAKU --format html");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(outcome.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(outcome.out, "Route XIAN to BAKU"));
  CHECK(contains(outcome.out, "<svg"));
}

TEST_CASE("route --k 3 --format html draws the alternatives in their own colours with a legend row each") {
  const Outcome outcome = run_cli("route --from XIAN --to ISTANBUL --k 3 --format html");
  REQUIRE(outcome.exit_code == 0);
  const std::string& page = outcome.out;
  CHECK(contains(page, "Route 1 XIAN \xE2\x86\x92 ISTANBUL"));
  std::set<std::string> colours;
  for (const char* route : {"2", "3"}) {
    INFO("route " << route);
    const std::string marker = std::string("class=\"route alternative\" data-route=\"") + route + "\"";
    const auto at = page.find(marker);
    REQUIRE(at != std::string::npos);
    const auto stroke = page.find("stroke=\"", at);
    colours.insert(page.substr(stroke + 8, 7));
    CHECK(contains(page, std::string("Route ") + route + ": "));  // its legend row with its days
  }
  CHECK(colours.size() == 2);              // distinct colours
  CHECK(colours.count("#e6007e") == 0);    // and not the best route's
}

TEST_CASE("route --format svg writes the route's map as an SVG file of its own") {
  const Outcome outcome = run_cli("route --from XIAN --to ISTANBUL --k 2 --format svg");
  REQUIRE(outcome.exit_code == 0);
  const std::string& svg = outcome.out;
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\"", 0) == 0);
  CHECK(contains(svg, "<g id=\"basemap\""));   // the outlines inside the file,
  CHECK(contains(svg, "href=\"#basemap\""));   // used by the map
  CHECK(contains(svg, "Route 2: "));            // with its legend
  CHECK(svg.find("<svg", 1) != std::string::npos);
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
  CHECK(run_cli("route --from XIAN --to ISTANBUL --format svg --unit teu").exit_code == 1);  // tables only
}

TEST_CASE("compare-routes --format svg draws each corridor's best route in its colour, named in the legend") {
  const Outcome outcome = run_cli("compare-routes --from XIAN --to DUISBURG --format svg");
  REQUIRE(outcome.exit_code == 0);
  const std::string& svg = outcome.out;
  CHECK(svg.rfind("<?xml", 0) == 0);
  for (const char* corridor : {"middle", "northern", "southern", "sea"}) CHECK(contains(svg, std::string(corridor) + " corridor"));
  CHECK(contains(svg, "class=\"route alternative\" data-route=\"4\""));  // four corridors found, zangezur not
}

TEST_CASE("a scenario's problems come in one run, whatever stage finds them, without follow-on noise") {
  TempDir dir;
  // A misspelt key and a wrong type (found when reading), an unknown link and a negative
  // capacity (found when applying the changes), an unknown node (found when resolving).
  const std::string scenario = dir.write("bad.json", R"({"name": "bad", "corridr": "middle",
    "changes": [{"type": "close_link", "id": "AKTAU-BAKX"},
                {"type": "set_node", "id": "AKTAU", "values": {"capacity_tpy": -5}}],
    "queries": [{"type": "route", "from": "XIANN", "to": "BAKU"},
                {"type": "flow", "from": ["KHORGOS"], "to": ["BAKU"], "target_tpy": "x"}]})");
  for (const char* command : {"run ", "validate ", "report "}) {
    const Outcome r = run_cli(std::string(command) + quote(scenario) + (std::string(command) == "report " ? " -o " + quote((dir.path() / "r.html").string()) : ""));
    INFO(command << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "/corridr: unknown key"));
    CHECK(contains(r.err, "/queries/1/target_tpy"));
    CHECK(contains(r.err, "did you mean \"AKTAU-BAKU\""));
    CHECK(contains(r.err, "/changes/1/values/capacity_tpy"));
    CHECK(contains(r.err, "did you mean \"XIAN\""));
    CHECK_FALSE(contains(r.err, "/queries/1/from"));  // the query with a bad field is not resolved too
  }
}

TEST_CASE("a set_link with a misspelt or mistyped value still has its other values checked in the same run") {
  TempDir dir;
  const std::string scenario = dir.write("bad.json", R"({"name": "bad", "changes": [
      {"type": "set_link", "id": "KURYK-BAKU", "values": {"capacity_tpy": -5, "hourz": 3}},
      {"type": "set_link", "id": "AKTAU-BAKU", "values": {"capacity_tpy": "abc", "hours": -3}},
      {"type": "set_link", "id": "NOPE", "values": {"hourz": 1}}]})");
  const Outcome r = run_cli("validate " + quote(scenario));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "/changes/0/values/hourz (KURYK-BAKU): unknown key"));
  CHECK(contains(r.err, "/changes/0/values/capacity_tpy (link KURYK-BAKU): capacity_tpy must be >= 0, got -5"));
  CHECK(contains(r.err, "/changes/1/values/capacity_tpy (AKTAU-BAKU): capacity_tpy must be a number"));
  CHECK(contains(r.err, "/changes/1/values/hours (link AKTAU-BAKU): hours must be >= 0, got -3"));
  CHECK_FALSE(contains(r.err, "/changes/1/values/capacity_tpy (link"));  // the mistyped value is not applied
  CHECK(contains(r.err, "/changes/2/id (NOPE): no link with id \"NOPE\""));
}

TEST_CASE("--unit t|teu|feu: tables count money per tonne, TEU or FEU (2 TEU), with the network's tonnes_per_teu") {
  const Outcome as_json = run_cli("route --from XIAN --to BAKU --format json");
  REQUIRE(as_json.exit_code == 0);
  const auto route = nlohmann::json::parse(as_json.out)["routes"][0];
  const double per_teu = route["cost_usd_per_teu"].get<double>();
  char expected_teu[64], expected_feu[64];
  std::snprintf(expected_teu, sizeof expected_teu, "%.2f USD/TEU", per_teu);
  std::snprintf(expected_feu, sizeof expected_feu, "%.2f USD/FEU", 2 * per_teu);
  const Outcome teu = run_cli("route --from XIAN --to BAKU --unit teu");
  const Outcome feu = run_cli("route --from XIAN --to BAKU --unit feu");
  CHECK(teu.exit_code == 0);
  CHECK(contains(teu.out, expected_teu));
  CHECK(contains(feu.out, expected_feu));
  CHECK(contains(feu.out, "USD/FEU  kg CO2e/t"));  // the leg column too
  const Outcome compare = run_cli("compare-routes --from XIAN --to DUISBURG --unit teu");
  CHECK(compare.exit_code == 0);
  CHECK(contains(compare.out, "USD/TEU"));
  CHECK_FALSE(contains(compare.out, "USD/t "));
  // not for JSON or CSV (they carry both), and not without tonnes_per_teu
  const Outcome with_json = run_cli("route --from XIAN --to BAKU --unit teu --format json");
  CHECK(with_json.exit_code == 1);
  CHECK(contains(with_json.err, "--unit"));
  const Outcome no_teu = run_cli("route --from A --to D --unit teu --network " +
                                 quote(std::string(CORRIDOR_TEST_DATA_DIR) + "/valid/small.json"));
  CHECK(no_teu.exit_code == 1);
  CHECK(contains(no_teu.err, "--unit teu needs the network's tonnes_per_teu"));
}
