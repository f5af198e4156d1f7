// Reports: the JSON contract of route and flow results (docs/cli.md), tonnes formatting
// and the text tables.

#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "io/network_json.hpp"
#include "io/report.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"
#include "support/strings.hpp"

using namespace corridor;
using namespace corridor::test;
using nlohmann::json;

namespace {

Network small() {
  DiagnosticSink sink;
  return io::load_network(CORRIDOR_TEST_DATA_DIR "/valid/small.json", sink);
}

}  // namespace

TEST_CASE("report: route_json has the documented keys and consistent numbers") {
  const Network net = small();
  const RouteQuery query = route_query(net, "A", "D");
  const RouteResult result = solve::Router(net).find_route(query);
  REQUIRE(result.found());
  const json j = json::parse(io::route_json(net, result));
  CHECK(j.at("from") == "A");
  CHECK(j.at("to") == "D");
  CHECK(j.at("by") == "time");
  CHECK(j.at("found") == true);
  CHECK_FALSE(j.contains("corridor"));
  REQUIRE(j.at("routes").is_array());
  REQUIRE(j.at("routes").size() == 1);
  const json& route = j.at("routes")[0];
  const Route& expected = result.routes[0];
  REQUIRE(route.at("nodes").size() == expected.nodes.size());
  for (std::size_t i = 0; i < expected.nodes.size(); ++i)
    CHECK(route.at("nodes")[i] == net.nodes[expected.nodes[i]].id);
  REQUIRE(route.at("legs").size() == expected.legs.size());
  double sum = 0;
  for (std::size_t i = 0; i < expected.legs.size(); ++i) {
    CAPTURE(i);
    const json& leg = route.at("legs")[i];
    const RouteLeg& e = expected.legs[i];
    CHECK(leg.at("link") == net.links[e.link].id);
    CHECK(leg.at("from") == net.nodes[e.from].id);
    CHECK(leg.at("to") == net.nodes[e.to].id);
    CHECK(leg.at("mode") == std::string(to_string(e.mode)));
    CHECK(leg.at("hours").get<double>() == e.hours);
    CHECK(leg.at("wait_hours").get<double>() == e.wait_hours);
    CHECK(leg.at("dwell_hours").get<double>() == e.dwell_hours);
    CHECK(leg.at("transfer_hours").get<double>() == e.transfer_hours);
    CHECK(leg.at("distance_km").get<double>() == e.distance_km);
    sum += leg.at("hours").get<double>() + leg.at("wait_hours").get<double>() +
           leg.at("dwell_hours").get<double>() + leg.at("transfer_hours").get<double>();
  }
  CHECK(route.at("hours").get<double>() == doctest::Approx(sum).epsilon(1e-12));
  CHECK(route.at("hours").get<double>() == expected.hours);
  CHECK(route.at("days").get<double>() == doctest::Approx(expected.hours / 24.0));
  CHECK(route.at("distance_km").get<double>() == expected.distance_km);
  CHECK(route.at("transfers") == expected.transfers);
}

TEST_CASE("report: route_json of a missing route and with a corridor filter") {
  Network net = NetworkBuilder().node("A").node("B").node("C").link("A", "B").build();
  RouteQuery query = route_query(net, "A", "C", Objective::Distance, {"middle", "sea"});
  const RouteResult result = solve::Router(net).find_route(query);
  REQUIRE_FALSE(result.found());
  const json j = json::parse(io::route_json(net, result));
  CHECK(j.at("found") == false);
  CHECK(j.at("by") == "distance");
  CHECK(j.at("routes").is_array());
  CHECK(j.at("routes").empty());
  CHECK(j.at("corridor") == json::array({"middle", "sea"}));
  const std::string table = io::route_table(net, result);
  CHECK(contains(table, "No route from A to C"));
  CHECK(contains(table, "middle,sea"));
}

TEST_CASE("report: flow_json has the documented keys and the cut sums to the flow") {
  const Network net = small();
  const FlowQuery query = flow_query(net, {"A"}, {"D"}, 5'000'000);
  const FlowResult result = solve::max_flow(net, query);
  const json j = json::parse(io::flow_json(net, result));
  CHECK(j.at("from") == json::array({"A"}));
  CHECK(j.at("to") == json::array({"D"}));
  CHECK(j.at("unbounded") == false);
  CHECK(j.at("max_flow_tpy") == 4'000'000);
  CHECK(j.at("target_tpy") == 5'000'000);
  CHECK(j.at("meets_target") == false);
  CHECK(j.at("shortfall_tpy") == 1'000'000);
  CHECK(j.at("bottleneck").is_string());
  CHECK(contains(j.at("bottleneck").get<std::string>(), "P-Q-FERRY"));
  REQUIRE(j.at("min_cut").is_array());
  std::int64_t cut = 0;
  for (const json& e : j.at("min_cut")) {
    CHECK((e.at("type") == "link" || e.at("type") == "node"));
    CHECK(e.at("id").is_string());
    cut += e.at("capacity_tpy").get<std::int64_t>();
    if (e.at("type") == "link") {
      CHECK(e.contains("from"));
      CHECK(e.contains("to"));
      CHECK(e.contains("mode"));
    } else {
      CHECK(e.contains("kind"));
    }
  }
  CHECK(cut == j.at("max_flow_tpy").get<std::int64_t>());
  REQUIRE(j.at("min_cut").size() == 1);
  CHECK(j.at("min_cut")[0].at("id") == "P-Q-FERRY");
  CHECK(j.at("min_cut")[0].at("from") == "P");
  CHECK(j.at("min_cut")[0].at("to") == "Q");
  REQUIRE(j.at("flows").is_array());
  REQUIRE_FALSE(j.at("flows").empty());
  for (const json& f : j.at("flows")) {
    CHECK(f.at("link").is_string());
    CHECK(f.at("from").is_string());
    CHECK(f.at("to").is_string());
    const auto flow = f.at("flow_tpy").get<std::int64_t>();
    CHECK(flow > 0);
    if (!f.at("capacity_tpy").is_null()) CHECK(flow <= f.at("capacity_tpy").get<std::int64_t>());
    else CHECK(f.at("utilisation").is_null());
  }
  CHECK(j.at("node_loads").is_array());
}

TEST_CASE("report: flow_json without target and when unbounded") {
  Network net = NetworkBuilder().node("A").node("B").link("A", "B").build();
  const FlowResult result = solve::max_flow(net, flow_query(net, {"A"}, {"B"}));
  REQUIRE(result.unbounded);
  const json j = json::parse(io::flow_json(net, result));
  CHECK(j.at("unbounded") == true);
  CHECK(j.at("max_flow_tpy").is_null());
  CHECK(j.at("target_tpy").is_null());
  CHECK(j.at("meets_target").is_null());
  CHECK(j.at("shortfall_tpy").is_null());
  CHECK(contains(io::flow_table(net, result), "unlimited"));

  const FlowResult met = solve::max_flow(net, flow_query(net, {"A"}, {"B"}, 7));
  const json jm = json::parse(io::flow_json(net, met));
  CHECK(jm.at("meets_target") == true);
  CHECK(jm.at("shortfall_tpy").is_null());
}

TEST_CASE("report: format_tonnes switches from t/yr to Mt/yr at 100,000") {
  struct Row {
    TonnesPerYear tonnes;
    const char* text;
  };
  const Row rows[] = {{0, "0 t/yr"},
                      {35'000, "35,000 t/yr"},
                      {999, "999 t/yr"},
                      {1'000, "1,000 t/yr"},
                      {99'999, "99,999 t/yr"},
                      {100'000, "0.10 Mt/yr"},
                      {4'100'000, "4.10 Mt/yr"},
                      {4'106'000, "4.11 Mt/yr"},
                      {25'000'000, "25.00 Mt/yr"},
                      {1'000'000'000'000, "1000000.00 Mt/yr"},
                      {-5'000, "-5,000 t/yr"}};
  for (const Row& row : rows) {
    CAPTURE(row.tonnes);
    CHECK(io::format_tonnes(row.tonnes) == std::string(row.text));
  }
}

TEST_CASE("report: tables name every node and link of the answer") {
  const Network net = small();
  const RouteResult route = solve::Router(net).find_route(route_query(net, "A", "D"));
  const std::string route_text = io::route_table(net, route);
  CHECK(contains(route_text, "Fastest route A -> D"));
  for (NodeIndex n : route.routes.at(0).nodes) CHECK(contains(route_text, net.nodes[n].id));
  CHECK(contains(route_text, "ferry"));

  const RouteResult shortest = solve::Router(net).find_route(route_query(net, "A", "D", Objective::Distance));
  CHECK(contains(io::route_table(net, shortest), "Shortest route A -> D"));

  const FlowResult flow = solve::max_flow(net, flow_query(net, {"A"}, {"D"}, 3'000'000));
  const std::string flow_text = io::flow_table(net, flow);
  CHECK(contains(flow_text, "Max flow A -> D: 4.00 Mt/yr"));
  CHECK(contains(flow_text, "met"));
  for (const CutElement& e : flow.min_cut) CHECK(contains(flow_text, net.links[e.index].id));
  for (const LinkFlow& f : flow.flows) CHECK(contains(flow_text, net.links[f.link].id));
  CHECK(contains(io::bottleneck_sentence(net, flow), "Binding: ferry link P-Q-FERRY (4.00 Mt/yr)"));
}

TEST_CASE("report: scenario_json lists every outcome under the scenario name") {
  const Network net = small();
  Scenario scenario;
  scenario.name = "S";
  scenario.description = "desc";
  std::vector<QueryOutcome> outcomes;
  outcomes.push_back({"r", solve::Router(net).find_route(route_query(net, "A", "D"))});
  outcomes.push_back({"f", solve::max_flow(net, flow_query(net, {"A"}, {"D"}))});
  const json j = json::parse(io::scenario_json(scenario, net, outcomes));
  CHECK(j.at("scenario") == "S");
  CHECK(j.at("description") == "desc");
  CHECK(j.at("network") == net.name);
  CHECK(j.at("changes") == 0);
  REQUIRE(j.at("results").size() == 2);
  CHECK(j.at("results")[0].at("name") == "r");
  CHECK(j.at("results")[0].at("type") == "route");
  CHECK(j.at("results")[0].at("result").at("found") == true);
  CHECK(j.at("results")[1].at("type") == "flow");
  CHECK(j.at("results")[1].at("result").at("max_flow_tpy") == 4'000'000);
  const std::string table = io::scenario_table(scenario, net, outcomes);
  CHECK(contains(table, "Scenario: S"));
  CHECK(contains(table, "[1] r"));
  CHECK(contains(table, "[2] f"));
}
