// The routing options of `corridor route`, `corridor compare-routes` and scenario route
// queries, run as a user would on the shipped network (docs/cli.md).

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;
using nlohmann::json;

namespace {

json parse_output(const Outcome& outcome) {
  INFO("stdout: " << outcome.out);
  INFO("stderr: " << outcome.err);
  json j;
  REQUIRE_NOTHROW(j = json::parse(outcome.out));
  return j;
}

std::vector<std::string> nodes_of(const json& route) { return route.at("nodes").get<std::vector<std::string>>(); }

bool passes(const json& route, const std::string& node) {
  const auto nodes = nodes_of(route);
  return std::find(nodes.begin(), nodes.end(), node) != nodes.end();
}

/// The certificate of a JSON route: hours, USD/t and kg CO2e/t are the sums over its legs.
void check_totals(const json& route) {
  double hours = 0, usd = 0, co2 = 0;
  for (const json& leg : route.at("legs")) {
    hours += leg.at("hours").get<double>() + leg.at("wait_hours").get<double>() +
             leg.at("dwell_hours").get<double>() + leg.at("transfer_hours").get<double>();
    usd += leg.at("handling_usd_per_t").get<double>() +
           (leg.at("cost_usd_per_t").is_null() ? 0.0 : leg.at("cost_usd_per_t").get<double>());
    co2 += leg.at("co2_kg_per_t").get<double>();
  }
  CHECK(route.at("hours").get<double>() == doctest::Approx(hours).epsilon(1e-9));
  CHECK(route.at("cost_usd_per_t").get<double>() == doctest::Approx(usd).epsilon(1e-9));
  CHECK(route.at("co2_kg_per_t").get<double>() == doctest::Approx(co2).epsilon(1e-9));
}

}  // namespace

TEST_CASE("cli routing: XIAN to ISTANBUL with --k 3 gives three distinct plausible routes in order") {
  const Outcome r = run_cli("route --from XIAN --to ISTANBUL --k 3 --format json");
  CHECK(r.exit_code == 0);
  const json j = parse_output(r);
  CHECK(j.at("k") == 3);
  const json& routes = j.at("routes");
  REQUIRE(routes.size() == 3);
  std::set<std::vector<std::string>> distinct;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    CAPTURE(i);
    check_totals(routes[i]);
    CHECK(distinct.insert(nodes_of(routes[i])).second);
    CHECK(routes[i].at("nodes").front() == "XIAN");
    CHECK(routes[i].at("nodes").back() == "ISTANBUL");
    CHECK(routes[i].at("objective_value").get<double>() == doctest::Approx(routes[i].at("hours").get<double>()));
    if (i > 0) CHECK(routes[i].at("hours").get<double>() >= routes[i - 1].at("hours").get<double>());
    // Plausible: within two days of the best, across the Caspian and through Georgia.
    CHECK(routes[i].at("days").get<double>() < routes[0].at("days").get<double>() + 2);
    CHECK(passes(routes[i], "BAKU"));
    CHECK(passes(routes[i], "TBILISI"));
  }
  const Outcome table = run_cli("route --from XIAN --to ISTANBUL --k 3");
  CHECK(contains(table.out, "3 routes from XIAN to ISTANBUL by time, best first"));
  CHECK(contains(table.out, "[3] Alternative XIAN -> ISTANBUL"));
  CHECK(contains(table.out, "total"));
}

TEST_CASE("cli routing: --max-overlap keeps alternatives that differ") {
  const json all = parse_output(run_cli("route --from XIAN --to ISTANBUL --k 3 --format json"));
  const Outcome r = run_cli("route --from XIAN --to ISTANBUL --k 3 --max-overlap 0.8 --format json");
  CHECK(r.exit_code == 0);
  const json j = parse_output(r);
  CHECK(j.at("max_overlap") == 0.8);
  REQUIRE(j.at("routes").size() == 3);
  // The best route is the same; the others share at most 80 % of their km with a better one.
  CHECK(j.at("routes")[0].at("nodes") == all.at("routes")[0].at("nodes"));
  for (std::size_t i = 1; i < 3; ++i) {
    const json& route = j.at("routes")[i];
    for (std::size_t b = 0; b < i; ++b) {
      std::set<std::string> better;
      for (const json& leg : j.at("routes")[b].at("legs")) better.insert(leg.at("link").get<std::string>());
      double shared = 0;
      for (const json& leg : route.at("legs"))
        if (better.count(leg.at("link").get<std::string>())) shared += leg.at("distance_km").get<double>();
      CHECK(shared <= 0.8 * route.at("distance_km").get<double>() + 1e-6);
    }
  }
  CHECK(run_cli("route --from XIAN --to ISTANBUL --k 2 --max-overlap 1.5").exit_code == 1);
}

TEST_CASE("cli routing: each objective and its weights") {
  for (const char* by : {"cost", "co2", "generalized", "distance", "time"}) {
    CAPTURE(by);
    const Outcome r = run_cli(std::string("route --from XIAN --to DUISBURG --format json --by ") + by);
    CHECK(r.exit_code == 0);
    const json j = parse_output(r);
    CHECK(j.at("by") == by);
    check_totals(j.at("routes")[0]);
  }
  // Cheapest and greenest: the sea route; fastest: the Northern route.
  const json cheap = parse_output(run_cli("route --from XIAN --to DUISBURG --by cost --format json"));
  CHECK(passes(cheap.at("routes")[0], "ROTTERDAM"));
  const json green = parse_output(run_cli("route --from XIAN --to DUISBURG --by co2 --format json"));
  CHECK(passes(green.at("routes")[0], "ROTTERDAM"));
  const json fast = parse_output(run_cli("route --from XIAN --to DUISBURG --format json"));
  CHECK(passes(fast.at("routes")[0], "BREST"));
  // A value of time of 20 USD/t/day makes the 27 extra days at sea dearer than rail.
  const json valued = parse_output(
      run_cli("route --from XIAN --to DUISBURG --by generalized --value-of-time 20 --carbon-price 100 --format json"));
  CHECK(valued.at("value_of_time_usd_per_t_day") == 20.0);
  CHECK(valued.at("carbon_price_usd_per_t_co2") == 100.0);
  const json& best = valued.at("routes")[0];
  CHECK(passes(best, "BREST"));
  CHECK(best.at("objective_value").get<double>() ==
        doctest::Approx(best.at("cost_usd_per_t").get<double>() + 20 * best.at("days").get<double>() +
                        100 * best.at("co2_kg_per_t").get<double>() / 1000));
  const Outcome table = run_cli("route --from XIAN --to DUISBURG --by generalized --value-of-time 20");
  CHECK(contains(table.out, "Best generalized-cost route XIAN -> DUISBURG"));
  CHECK(contains(table.out, "objective: "));
  CHECK(run_cli("route --from XIAN --to DUISBURG --by money").exit_code == 1);
  CHECK(run_cli("route --from XIAN --to DUISBURG --by generalized --value-of-time -1").exit_code == 1);
}

TEST_CASE("cli routing: --pareto lists non-dominated routes, fastest first") {
  const Outcome r = run_cli("route --from XIAN --to DUISBURG --pareto --format json");
  CHECK(r.exit_code == 0);
  const json j = parse_output(r);
  CHECK(j.at("pareto") == true);
  CHECK(j.at("truncated") == false);
  const json& routes = j.at("routes");
  REQUIRE(routes.size() >= 2);
  for (std::size_t i = 0; i < routes.size(); ++i) {
    check_totals(routes[i]);
    if (i > 0) CHECK(routes[i].at("hours").get<double>() >= routes[i - 1].at("hours").get<double>());
    for (std::size_t o = 0; o < routes.size(); ++o) {
      if (o == i) continue;
      const bool dominated = routes[o].at("hours") <= routes[i].at("hours") &&
                             routes[o].at("cost_usd_per_t") <= routes[i].at("cost_usd_per_t") &&
                             routes[o].at("co2_kg_per_t") <= routes[i].at("co2_kg_per_t");
      CHECK_FALSE(dominated);
    }
  }
  const Outcome table = run_cli("route --from XIAN --to DUISBURG --pareto");
  CHECK(contains(table.out, "not beaten on time, cost and CO2e at once (fastest first)"));
  const Outcome both = run_cli("route --from XIAN --to DUISBURG --pareto --k 3");
  CHECK(both.exit_code == 1);
  CHECK(contains(both.err, "pareto and k > 1 cannot be combined"));
}

TEST_CASE("cli routing: --avoid-country, --via and --modes") {
  const json no_ru = parse_output(run_cli("route --from XIAN --to DUISBURG --avoid-country RU --format json"));
  CHECK(no_ru.at("avoid_country") == json::array({"RU"}));
  CHECK_FALSE(passes(no_ru.at("routes")[0], "BREST"));  // Dostyk - Brest crosses Russia

  const json via = parse_output(run_cli("route --from XIAN --to ISTANBUL --via TURKMENBASHI --format json"));
  CHECK(via.at("via") == json::array({"TURKMENBASHI"}));
  CHECK(passes(via.at("routes")[0], "TURKMENBASHI"));

  const json ordered = parse_output(run_cli("route --from XIAN --to DUISBURG --via BAKU,CONSTANTA --format json"));
  const auto nodes = nodes_of(ordered.at("routes")[0]);
  const auto baku = std::find(nodes.begin(), nodes.end(), "BAKU");
  const auto constanta = std::find(nodes.begin(), nodes.end(), "CONSTANTA");
  REQUIRE(baku != nodes.end());
  REQUIRE(constanta != nodes.end());
  CHECK(baku < constanta);

  const json rail = parse_output(run_cli("route --from XIAN --to DUISBURG --modes rail --format json"));
  CHECK(rail.at("modes") == json::array({"rail"}));
  for (const json& leg : rail.at("routes")[0].at("legs")) CHECK(leg.at("mode") == "rail");

  CHECK(run_cli("route --from XIAN --to DUISBURG --modes boat").exit_code == 1);
  const Outcome typo = run_cli("route --from XIAN --to DUISBURG --via TBLISI");
  CHECK(typo.exit_code == 1);
  CHECK(contains(typo.err, "did you mean \"TBILISI\""));
  const Outcome unknown = run_cli("route --from XIAN --to DUISBURG --avoid-country XX");
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "no node of the network is in country \"XX\""));
  CHECK(run_cli("route --from XIAN --to DUISBURG --avoid-country CN").exit_code == 1);  // origin's country
  CHECK(run_cli("route --from XIAN --to DUISBURG --k 0").exit_code == 1);
  CHECK(run_cli("route --from XIAN --to DUISBURG --k 51").exit_code == 1);
}

TEST_CASE("cli routing: no route exits 2 and names the constraint that cut the last path") {
  const Outcome r = run_cli("route --from XIAN --to AKTAU --modes ferry");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.out, "No route from XIAN to AKTAU (modes ferry)"));
  CHECK(contains(r.out, "cut by modes ferry"));
  const Outcome countries = run_cli("route --from XIAN --to ISTANBUL --avoid-country KZ --corridor middle --format json");
  CHECK(countries.exit_code == 2);
  const json j = parse_output(countries);
  CHECK(j.at("found") == false);
  // each alone cuts every route; values, not option syntax (a scenario run shows the same)
  CHECK(j.at("cut_by") == json::parse(R"([{"constraint": "avoid_country", "values": ["KZ"]},
                                          {"constraint": "corridor", "values": ["middle"]}])"));
  const Outcome table = run_cli("route --from XIAN --to ISTANBUL --avoid-country KZ --corridor middle");
  CHECK(contains(table.out, "cut by any of avoiding country KZ, corridor middle: without any one of them"));
}

TEST_CASE("cli routing: compare-routes shows the corridors side by side with traceable figures") {
  const Outcome r = run_cli("compare-routes --from XIAN --to DUISBURG");
  CHECK(r.exit_code == 0);
  INFO(r.out);
  for (const char* row : {"  middle ", "  northern ", "  sea ", "  southern ", "  zangezur "}) CHECK(contains(r.out, row));
  CHECK(contains(r.out, "Fastest route XIAN -> DUISBURG (corridor middle)"));
  CHECK(contains(r.out, "Fastest route XIAN -> DUISBURG (corridor northern)"));
  CHECK(contains(r.out, "Fastest route XIAN -> DUISBURG (corridor sea)"));

  const json j = parse_output(run_cli("compare-routes --from XIAN --to DUISBURG --format json"));
  std::set<std::string> found;
  for (const json& c : j.at("corridors")) {
    if (!c.at("found").get<bool>()) continue;
    found.insert(c.at("corridor").get<std::string>());
    const json& route = c.at("route").at("routes").at(0);
    check_totals(route);  // the summary row's figures are the sums of the breakdown
    CHECK(route.at("border_crossings").get<int>() > 0);
  }
  CHECK(found.count("middle"));
  CHECK(found.count("northern"));
  CHECK(found.count("sea"));
  const Outcome none = run_cli("compare-routes --from XIAN --to DUISBURG --modes ferry");
  CHECK(none.exit_code == 2);
}

TEST_CASE("cli routing: scenario route queries take every option and run prints them") {
  TempDir dir;
  const std::string path = dir.file("routing.json");
  std::ofstream(path) << R"({"name": "routing options",
    "queries": [
      {"type": "route", "name": "three alternatives", "from": "XIAN", "to": "ISTANBUL", "k": 3, "max_overlap": 0.9},
      {"type": "route", "name": "trade-offs", "from": "XIAN", "to": "DUISBURG", "pareto": true},
      {"type": "route", "name": "priced", "from": "XIAN", "to": "DUISBURG", "by": "generalized",
       "value_of_time_usd_per_t_day": 20, "carbon_price_usd_per_t_co2": 100},
      {"type": "route", "name": "constrained", "from": "XIAN", "to": "ISTANBUL", "avoid_country": "RU",
       "via": ["TURKMENBASHI"], "modes": "rail,ferry"}
    ]})";
  const Outcome table = run_cli("run " + quote(path));
  INFO(table.err);
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "3 routes from XIAN to ISTANBUL by time, best first"));
  CHECK(contains(table.out, "not beaten on time, cost and CO2e at once"));
  CHECK(contains(table.out, "value of time 20.00 USD/t/day, carbon 100.00 USD/t CO2e"));
  CHECK(contains(table.out, "(avoiding countries RU) (via TURKMENBASHI) (modes rail,ferry)"));
  const json j = parse_output(run_cli("run " + quote(path) + " --format json"));
  const json& results = j.at("results");
  REQUIRE(results.size() == 4);
  CHECK(results[0].at("result").at("routes").size() == 3);
  CHECK(results[0].at("result").at("max_overlap") == 0.9);
  CHECK(results[1].at("result").at("pareto") == true);
  CHECK(results[2].at("result").at("by") == "generalized");
  CHECK(results[3].at("result").at("via") == json::array({"TURKMENBASHI"}));

  const std::string bad = dir.file("bad.json");
  std::ofstream(bad) << R"({"name": "bad", "queries": [
      {"type": "route", "from": "XIAN", "to": "BAKU", "k": 0, "modes": ["boat"], "via": "NOWHERE"}]})";
  const Outcome errors = run_cli("run " + quote(bad));
  CHECK(errors.exit_code == 1);
  CHECK(contains(errors.err, "/queries/0/k"));
  CHECK(contains(errors.err, "/queries/0/modes/0"));
  CHECK(contains(errors.err, "/queries/0/via/0"));
}
