// Capacity analyses at the edges: demand CSV files, the new scenario query types, the
// bottleneck sentence, and the comparison of two scenario runs.

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "io/capacity_report.hpp"
#include "io/csv.hpp"
#include "io/demand_csv.hpp"
#include "io/network_json.hpp"
#include "io/report.hpp"
#include "io/scenario_compare.hpp"
#include "io/scenario_json.hpp"
#include "model/validate.hpp"
#include "solve/flow.hpp"
#include "solve/scenario_run.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

const Diagnostic* at_line(const std::vector<Diagnostic>& diagnostics, const std::string& code, int line) {
  for (const Diagnostic& d : diagnostics)
    if (d.code == code && d.line == line) return &d;
  return nullptr;
}

Network ferry_network() {
  return NetworkBuilder()
      .node("A", NodeKind::RailTerminal)
      .node("P", NodeKind::SeaPort)
      .node("Q", NodeKind::SeaPort)
      .node("R", NodeKind::SeaPort)
      .link("A", "P", Mode::Rail, 100, 5, kUnlimited)
      .link("P", "Q", Mode::Ferry, 100, 20, 3'000'000)
      .link("P", "R", Mode::Ferry, 100, 20, 2'000'000)
      .link("A", "Q", Mode::Road, 100, 50, 1'000'000)
      .build();
}

}  // namespace

TEST_CASE("demand csv: header, comments and blank lines are accepted") {
  DiagnosticSink sink;
  const auto rows = io::parse_demand_csv("# demand\nfrom,to,tonnes_per_year\n\nXIAN, BAKU ,3e6\r\nKHORGOS,POTI,1500000\n",
                                         "d.csv", sink);
  CHECK_FALSE(sink.has_errors());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].from == "XIAN");
  CHECK(rows[0].to == "BAKU");
  CHECK(rows[0].tonnes_per_year == 3e6);
  CHECK(rows[0].line == 4);
  CHECK(rows[1].line == 5);
  CHECK(rows[1].file == "d.csv");
}

TEST_CASE("demand csv: every bad row is reported with its line, unknown ids too, in one run") {
  const Network net = ferry_network();
  TempDir dir;
  const std::string path = dir.write("bad.csv",
                                     "from,to,tonnes_per_year\n"
                                     "A,Q\n"                 // 2: two fields
                                     "A,Q,lots\n"            // 3: not a number
                                     "A,Q,-5\n"              // 4: negative
                                     "a,Q,5\n"               // 5: fine: "a" is A, as on the command line
                                     "A,QQ,5\n"              // 6: unknown node
                                     "A,A,5\n"               // 7: same node
                                     "A,Q,1,000\n"           // 8: four fields (separator)
                                     "A,R,7\n");             // 9: fine
  DiagnosticSink sink;
  AssignRequest request;
  request.demand = io::load_demand_csv(path, sink);
  auto query = resolve(net, request, "", sink);
  const auto& d = sink.diagnostics();
  INFO(describe(d));
  CHECK_FALSE(query);
  CHECK(at_line(d, "E-CSV", 2));
  CHECK(at_line(d, "E-CSV", 3));
  CHECK(at_line(d, "E-CSV", 4));
  CHECK_FALSE(at_line(d, "E-CSV", 5));
  CHECK(at_line(d, "E-QUERY-REF", 6));
  CHECK(at_line(d, "E-QUERY", 7));
  CHECK(at_line(d, "E-CSV", 8));
  CHECK(count_errors(d) == 6);
  REQUIRE(at_line(d, "E-QUERY-REF", 6));
  CHECK(at_line(d, "E-QUERY-REF", 6)->file == path);
  CHECK(contains(format(*at_line(d, "E-QUERY-REF", 6)), "bad.csv:6: error:"));
}

TEST_CASE("csv numbers: one mark before three digits is read by the file's decimal mark, never guessed") {
  using io::DecimalMark;
  const auto number = [](std::string_view text, DecimalMark mark) { return io::parse_csv_number(text, mark); };
  // ';' files (decimal commas) and ',' files (decimal points) say which reading is meant.
  CHECK(number("1.500", DecimalMark::Comma) == 1500.0);
  CHECK(number("1,500", DecimalMark::Comma) == 1.5);
  CHECK(number("1.500", DecimalMark::Point) == 1.5);
  CHECK(number("1,500", DecimalMark::Point) == 1500.0);
  // A tab file does not: neither reading is taken, and both are offered.
  CHECK_FALSE(number("1.500", DecimalMark::Either));
  CHECK_FALSE(number("12,345", DecimalMark::Either));
  const auto readings = io::ambiguous_csv_number("12.340", DecimalMark::Either);
  REQUIRE(readings);
  CHECK(readings->grouped == "12340");
  CHECK(readings->decimal == "12.34");
  CHECK(io::ambiguous_csv_number("1.000", DecimalMark::Either)->decimal == "1");
  CHECK_FALSE(io::ambiguous_csv_number("12.340", DecimalMark::Comma));
  // Every other form reads the same whatever the file.
  for (const DecimalMark mark : {DecimalMark::Point, DecimalMark::Comma, DecimalMark::Either}) {
    INFO(static_cast<int>(mark));
    CHECK(number("2.500.000", mark) == 2.5e6);
    CHECK(number("3,000,000", mark) == 3e6);
    CHECK(number("3 000 000", mark) == 3e6);
    CHECK(number("1.000,5", mark) == 1000.5);
    CHECK(number("1,000.5", mark) == 1000.5);
    CHECK(number("2,5", mark) == 2.5);
    CHECK(number("0.500", mark) == 0.5);
    CHECK(number("1234.567", mark) == 1234.567);
    CHECK(number("3e6", mark) == 3e6);
    CHECK(number("1500", mark) == 1500.0);
    CHECK_FALSE(number("1.000.5", mark));
    CHECK_FALSE(number("1,2,3", mark));
    CHECK_FALSE(number("1.000,5,5", mark));
    CHECK_FALSE(number("lots", mark));
    CHECK_FALSE(number("", mark));
  }
}

TEST_CASE("demand csv: a tab file's 1.500 is refused with both readings, a semicolon file's is 1500") {
  DiagnosticSink tab;
  CHECK(io::parse_demand_csv("from\tto\ttonnes_per_year\nXIAN\tBAKU\t1.500\n", "t.csv", tab).empty());
  REQUIRE(has_diagnostic(tab.diagnostics(), "E-CSV"));
  CHECK(contains(format(tab.diagnostics().front()), "t.csv:2: error:"));
  CHECK(contains(tab.diagnostics().front().message, "1500 with a thousands separator, 1.5 with a decimal one"));
  DiagnosticSink semicolons;
  const auto rows = io::parse_demand_csv("from;to;tonnes_per_year\nXIAN;BAKU;1.500\nXIAN;POTI;2.500.000\nXIAN;ALMATY;12.345\n"
                                         "XIAN;TBILISI;2,5\n", "s.csv", semicolons);
  CHECK_FALSE(semicolons.has_errors());
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].tonnes_per_year == 1500.0);
  CHECK(rows[1].tonnes_per_year == 2.5e6);
  CHECK(rows[2].tonnes_per_year == 12345.0);
  CHECK(rows[3].tonnes_per_year == 2.5);
}

TEST_CASE("demand csv: a header missing a column is named as such, not taken for a short data row") {
  DiagnosticSink sink;
  CHECK(io::parse_demand_csv("from,to\nXIAN,BAKU\n", "h.csv", sink).empty());
  INFO(describe(sink.diagnostics()));
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics().front().line == 1);
  CHECK(contains(sink.diagnostics().front().message, "the header has no column \"tonnes_per_year\""));
}

TEST_CASE("demand csv: a first data row with a bad figure is a data row, a header naming a column twice is refused") {
  DiagnosticSink data;
  (void)io::parse_demand_csv("XIAN,BAKU,12x\nXIAN,BAKU,-5\n", "d.csv", data);
  INFO(describe(data.diagnostics()));
  REQUIRE(data.diagnostics().size() == 2);  // each row's own error, the second row read too
  CHECK(data.diagnostics()[0].line == 1);
  CHECK(contains(data.diagnostics()[0].message, "\"12x\" is not a number"));
  CHECK(data.diagnostics()[1].line == 2);
  DiagnosticSink twice;
  (void)io::parse_demand_csv("from,to,TO,tonnes_per_year\nXIAN,BAKU,POTI,5\n", "t.csv", twice);
  REQUIRE(twice.diagnostics().size() == 1);
  CHECK(contains(twice.diagnostics()[0].message, "the header names column \"to\" twice (fields 2 and 3)"));
  DiagnosticSink misspelt;
  (void)io::parse_demand_csv("from,t0,tonnes_per_year\nXIAN,BAKU,5\n", "m.csv", misspelt);
  REQUIRE(misspelt.diagnostics().size() == 1);
  CHECK(contains(misspelt.diagnostics()[0].message, "no column \"to\" (is \"t0\" meant to be it?)"));
}

TEST_CASE("demand csv: a missing or empty file is a diagnostic, not a crash") {
  DiagnosticSink sink;
  CHECK(io::load_demand_csv("/nonexistent/demand.csv", sink).empty());
  CHECK(has_diagnostic(sink.diagnostics(), "E-FILE"));
  DiagnosticSink empty;
  CHECK(io::parse_demand_csv("# nothing\n", "e.csv", empty).empty());
  CHECK(has_diagnostic(empty.diagnostics(), "E-CSV"));
}

TEST_CASE("scenario: assign, criticality and upgrades queries are read and run") {
  TempDir dir;
  dir.write("demand.csv", "from,to,tonnes_per_year\nA,C,1000000\n");
  const std::string path = dir.write("s.json", R"({
    "name": "capacity", "network": ")" + std::string(CORRIDOR_TEST_DATA_DIR) + R"(/valid/small.json",
    "queries": [
      {"type": "assign", "name": "demand", "by": "time",
       "demand": [{"from": "A", "to": "D", "tonnes_per_year": 2000000}], "demand_csv": "demand.csv"},
      {"type": "criticality", "from": "A", "to": "D", "od": [{"from": "A", "to": "D"}], "top": 3},
      {"type": "upgrades", "from": "A", "to": "D", "target_tpy": 5000000, "max_steps": 5}
    ]})");
  DiagnosticSink sink(path);
  const Scenario scenario = io::load_scenario(path, "", sink);
  INFO(describe(sink.diagnostics()));
  REQUIRE(scenario.queries.size() == 3);
  CHECK(scenario.queries[0].type() == QueryType::Assign);
  CHECK(scenario.queries[1].type() == QueryType::Criticality);
  CHECK(scenario.queries[2].type() == QueryType::Upgrades);
  const auto& assign = std::get<AssignRequest>(scenario.queries[0].request);
  REQUIRE(assign.demand.size() == 2);  // inline row, then the CSV row
  CHECK(assign.demand[1].line == 2);
  CHECK(std::get<CriticalityRequest>(scenario.queries[1].request).top == 3);
  CHECK(std::get<UpgradeRequest>(scenario.queries[2].request).max_steps == 5);

  DiagnosticSink network_sink;
  const Network net = io::load_network(scenario.network_path, network_sink);
  DiagnosticSink run_sink(path);
  const auto outcomes = solve::run_queries(net, scenario, run_sink);
  REQUIRE(outcomes.size() == 3);
  CHECK(std::get<AssignResult>(outcomes[0].result).solved);
  CHECK(std::get<CriticalityResult>(outcomes[1].result).ranking.size() == 3);
  CHECK(std::get<UpgradeResult>(outcomes[2].result).target_reached);
  // Every renderer accepts the new outcomes.
  const auto doc = nlohmann::json::parse(io::scenario_json(scenario, net, outcomes));
  CHECK(doc.at("results").at(0).at("type") == "assign");
  CHECK(doc.at("results").at(1).at("type") == "criticality");
  CHECK(doc.at("results").at(2).at("type") == "upgrades");
  CHECK(contains(io::scenario_table(scenario, net, outcomes), "Greedy plan"));
}

TEST_CASE("scenario: bad capacity queries are reported with their pointers, all in one run") {
  TempDir dir;
  const std::string path = dir.write("s.json", R"({
    "name": "bad", "network": ")" + std::string(CORRIDOR_TEST_DATA_DIR) + R"(/valid/small.json",
    "queries": [
      {"type": "assign", "by": "speed", "demand": [{"from": "A", "to": "DD", "tonnes_per_year": 5}]},
      {"type": "assign"},
      {"type": "criticality", "from": "A", "to": "D", "od": [{"from": "A"}]},
      {"type": "assign", "demand_csv": "missing.csv"}
    ]})");
  DiagnosticSink sink(path);
  const auto errors = input_errors([&] { (void)io::load_scenario(path, "", sink); });
  INFO(describe(errors));
  CHECK(has_diagnostic(errors, "E-ENUM", "/queries/0/by"));
  CHECK(has_diagnostic(errors, "E-MISSING-KEY", "/queries/1"));
  CHECK(has_diagnostic(errors, "E-MISSING-KEY", "/queries/2/od/0"));
  CHECK(has_diagnostic(errors, "E-FILE"));

  // Unknown ids are found when the queries are resolved against the network.
  const std::string ids = dir.write("ids.json", R"({
    "name": "ids", "network": ")" + std::string(CORRIDOR_TEST_DATA_DIR) + R"(/valid/small.json",
    "queries": [
      {"type": "assign", "demand": [{"from": "A", "to": "DD", "tonnes_per_year": 5}]},
      {"type": "criticality", "from": "A", "to": "D", "elements": ["B-C", "NOPE"]},
      {"type": "upgrades", "from": "A", "to": "D", "max_steps": 0}
    ]})");
  DiagnosticSink ids_sink(ids);
  const Scenario scenario = io::load_scenario(ids, "", ids_sink);
  DiagnosticSink network_sink;
  const Network net = io::load_network(scenario.network_path, network_sink);
  DiagnosticSink run_sink(ids);
  CHECK(solve::run_queries(net, scenario, run_sink).empty());
  INFO(describe(run_sink.diagnostics()));
  CHECK(has_diagnostic(run_sink.diagnostics(), "E-QUERY-REF", "/queries/0/demand/0/to"));
  CHECK(has_diagnostic(run_sink.diagnostics(), "E-QUERY-REF", "/queries/1/elements/1"));
  CHECK(has_diagnostic(run_sink.diagnostics(), "E-RANGE", "/queries/2/max_steps"));
}

TEST_CASE("bottleneck: links that share a crossing are named together in plain words") {
  Network net = ferry_network();
  net.links[link_index(net, "P-Q")].crossing = "Caspian";
  net.links[link_index(net, "P-R")].crossing = "Caspian";
  FlowQuery query;
  query.sources = {node_index(net, "A")};
  query.sinks = {node_index(net, "Q"), node_index(net, "R")};
  const FlowResult flow = solve::max_flow(net, query);
  CHECK(flow.max_flow_tpy == 6'000'000);
  const std::string sentence = io::bottleneck_sentence(net, flow);
  CHECK(contains(sentence, "the Caspian crossing (ferry links P-Q 3.00 Mt/yr and P-R 2.00 Mt/yr, 5.00 Mt/yr in all)"));
  CHECK(contains(sentence, "road link A-Q (1.00 Mt/yr)"));
  CHECK(contains(sentence, "together 6.00 Mt/yr"));
  const auto groups = io::bottleneck_groups(net, flow.min_cut);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].capacity_tpy + groups[1].capacity_tpy == flow.max_flow_tpy);
}

TEST_CASE("compare: a run against itself has no difference, a changed network has") {
  const Network net = ferry_network();
  Scenario scenario;
  scenario.name = "s";
  ScenarioQuery flow;
  flow.name = "capacity";
  flow.request = FlowRequest{{"A"}, {"Q", "R"}, 7'000'000, {}, {}, {}};
  std::get<FlowRequest>(flow.request).max_detour.reset();  // the graph max flow the figures below assume
  ScenarioQuery route;
  route.name = "route";
  RouteRequest route_request;
  route_request.from = "A";
  route_request.to = "Q";
  route.request = route_request;
  ScenarioQuery assign;
  assign.name = "assign";
  AssignRequest demand;
  demand.demand = {DemandRow{"A", "Q", 2'000'000, "/d", "", 0}};
  assign.request = demand;
  scenario.queries = {flow, route, assign};
  DiagnosticSink sink;
  const auto outcomes = solve::run_queries(net, scenario, sink);
  REQUIRE(outcomes.size() == 3);
  const io::Comparison same = io::compare_outcomes(net, outcomes, net, outcomes);
  CHECK(same.identical());
  CHECK(contains(io::comparison_table(same), "No difference"));
  CHECK(nlohmann::json::parse(io::comparison_json(same)).at("identical") == true);

  Network wider = net;
  wider.links[link_index(net, "P-Q")].capacity_tpy = 4'000'000;
  wider.links[link_index(net, "A-P")].hours = 1;
  const auto changed = solve::run_queries(wider, scenario, sink);
  const io::Comparison diff = io::compare_outcomes(net, outcomes, wider, changed);
  CHECK_FALSE(diff.identical());
  const auto doc = nlohmann::json::parse(io::comparison_json(diff));
  bool max_flow = false, binding = false, days = false;
  for (const auto& q : doc.at("queries"))
    for (const auto& d : q.at("differences")) {
      if (d.at("what") == "max flow") {
        max_flow = true;
        CHECK(d.at("a_value") == 6'000'000.0);
        CHECK(d.at("b_value") == 7'000'000.0);
      }
      binding = binding || (d.at("what") == "binding" && d.at("change") == "changes");
      days = days || d.at("what") == "days";
    }
  CHECK(max_flow);
  CHECK(binding);
  CHECK(days);
}
