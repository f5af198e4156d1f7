// The command-line program, run as a user would: exit codes, stdout and stderr.
// CORRIDOR_BINARY is the built program, CORRIDOR_TEST_DATA_DIR the fixtures (tests/data).

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;
using nlohmann::json;

namespace {

const std::string kData = CORRIDOR_TEST_DATA_DIR;
const std::string kScenario = kData + "/valid/scenario_small.json";

/// The binary with `args`, optionally from another directory and with extra environment.
Outcome run(const std::string& args, const std::string& cwd = {}, const std::string& env = {}) {
  return run_cli(args, cwd, env);
}

json parse_json_output(const Outcome& outcome) {
  INFO("stdout: " << outcome.out);
  INFO("stderr: " << outcome.err);
  json j;
  CHECK_NOTHROW(j = json::parse(outcome.out));
  return j;
}

/// The documented certificate of a route in JSON: hours = sum of the legs' four parts.
void check_route_json(const json& route) {
  double sum = 0;
  for (const json& leg : route.at("legs"))
    sum += leg.at("hours").get<double>() + leg.at("wait_hours").get<double>() + leg.at("dwell_hours").get<double>() +
           leg.at("transfer_hours").get<double>();
  CHECK(route.at("hours").get<double>() == doctest::Approx(sum).epsilon(1e-9));
  CHECK(route.at("days").get<double>() == doctest::Approx(route.at("hours").get<double>() / 24.0));
  const json& legs = route.at("legs");
  const json& nodes = route.at("nodes");
  REQUIRE(nodes.size() == legs.size() + 1);
  for (std::size_t i = 0; i < legs.size(); ++i) {
    CHECK(legs[i].at("from") == nodes[i]);
    CHECK(legs[i].at("to") == nodes[i + 1]);
  }
}

/// The certificate of a flow in JSON: what is left on its binding constraints, times their duals,
/// sums to the flow (the min cut alone when no shared resource binds), and flows fit capacities.
void check_flow_json(const json& flow) {
  if (flow.at("unbounded") == true) return;
  double certificate = 0.0;
  bool resource_binds = false;
  for (const json& b : flow.at("binding")) {
    certificate += b.at("capacity_left").get<double>() * b.at("dual").get<double>();
    resource_binds = resource_binds || b.at("type") == "resource";
  }
  CHECK(certificate == doctest::Approx(flow.at("max_flow_tpy").get<double>()));
  std::int64_t cut = 0;
  for (const json& e : flow.at("min_cut")) cut += e.at("capacity_tpy").get<std::int64_t>();
  if (!resource_binds) CHECK(cut == flow.at("max_flow_tpy").get<std::int64_t>());
  for (const json& f : flow.at("flows")) {
    CHECK(f.at("flow_tpy").get<std::int64_t>() > 0);
    if (!f.at("capacity_tpy").is_null())
      CHECK(f.at("flow_tpy").get<std::int64_t>() <= f.at("capacity_tpy").get<std::int64_t>());
  }
}

}  // namespace

TEST_CASE("cli: route prints a table of legs") {
  const Outcome r = run("route --from A --to D --network " + quote(kSmall));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(contains(r.out, "Fastest route A -> D"));
  CHECK(contains(r.out, "(222.0 h)"));
  CHECK(contains(r.out, "2 transfers"));
  for (const char* id : {" A ", " B ", " C ", " P ", " Q ", " D "}) CHECK(contains(r.out, id));
  CHECK(contains(r.out, "ferry"));
}

TEST_CASE("cli: route json hours equal the sum over legs") {
  const Outcome r = run("route --from A --to D --format json --network " + quote(kSmall));
  CHECK(r.exit_code == 0);
  const json j = parse_json_output(r);
  CHECK(j.at("from") == "A");
  CHECK(j.at("to") == "D");
  CHECK(j.at("by") == "time");
  CHECK(j.at("found") == true);
  REQUIRE(j.at("routes").size() == 1);
  const json& route = j.at("routes")[0];
  check_route_json(route);
  CHECK(route.at("nodes") == json::array({"A", "B", "C", "P", "Q", "D"}));
  CHECK(route.at("hours").get<double>() == doctest::Approx(222));
  CHECK(route.at("transfers") == 2);

  const Outcome by_km = run("route --from A --to D --by distance --format json --network " + quote(kSmall));
  CHECK(by_km.exit_code == 0);
  const json k = parse_json_output(by_km);
  CHECK(k.at("by") == "distance");
  const json& shortest = k.at("routes").at(0);
  check_route_json(shortest);
  CHECK(shortest.at("nodes") == json::array({"A", "B", "P", "Q", "D"}));
  CHECK(shortest.at("distance_km").get<double>() == doctest::Approx(6520));
}

TEST_CASE("cli: route with avoid and corridor options") {
  const Outcome avoid = run("route --from A --to D --format json --avoid C --network " + quote(kSmall));
  CHECK(avoid.exit_code == 0);
  const json j = parse_json_output(avoid);
  CHECK(j.at("routes").at(0).at("nodes") == json::array({"A", "B", "P", "Q", "D"}));
  check_route_json(j.at("routes").at(0));

  // small.json has no corridor tags: nothing passes a filter.
  const Outcome filtered = run("route --from A --to D --corridor middle --network " + quote(kSmall));
  CHECK(filtered.exit_code == 2);
  CHECK(contains(filtered.out, "No route from A to D"));

  const Outcome bad_avoid = run("route --from A --to D --avoid P-Q-FERY --network " + quote(kSmall));
  CHECK(bad_avoid.exit_code == 1);
  CHECK(contains(bad_avoid.err, "E-QUERY-REF"));
  CHECK(contains(bad_avoid.err, "did you mean \"P-Q-FERRY\""));
}

TEST_CASE("cli: flow json cut sums to the max flow and flows fit capacities") {
  const Outcome r = run("flow --from A --to D --target-tpy 5000000 --format json --network " + quote(kSmall));
  CHECK(r.exit_code == 0);
  const json j = parse_json_output(r);
  check_flow_json(j);
  CHECK(j.at("max_flow_tpy") == 4'000'000);
  CHECK(j.at("meets_target") == false);
  CHECK(j.at("shortfall_tpy") == 1'000'000);
  REQUIRE(j.at("min_cut").size() == 1);
  CHECK(j.at("min_cut")[0].at("id") == "P-Q-FERRY");

  const Outcome table = run("flow --from A,B --to Q,D --network " + quote(kSmall));
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "Max flow A, B -> Q, D: 4.00 Mt/yr"));
  CHECK(contains(table.out, "P-Q-FERRY"));
}

TEST_CASE("cli: a flow of zero exits with code 2") {
  TempDir dir;
  const std::string network = dir.write("net.json", R"({"name": "apart", "nodes": [
      {"id": "A", "name": "A", "country": "KZ", "kind": "junction", "lat": 1, "lon": 1},
      {"id": "B", "name": "B", "country": "KZ", "kind": "junction", "lat": 1, "lon": 2},
      {"id": "C", "name": "C", "country": "KZ", "kind": "junction", "lat": 1, "lon": 3},
      {"id": "D", "name": "D", "country": "KZ", "kind": "junction", "lat": 1, "lon": 4}],
    "links": [{"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "capacity_tpy": 5},
              {"from": "C", "to": "D", "mode": "rail", "distance_km": 1, "hours": 1, "capacity_tpy": 5}]})");
  const Outcome r = run("flow --from A --to C --format json --network " + quote(network));
  CHECK(r.exit_code == 2);
  const json j = parse_json_output(r);
  CHECK(j.at("max_flow_tpy") == 0);
  CHECK(j.at("min_cut").empty());
}

TEST_CASE("cli: run answers a scenario with a relative network path") {
  const Outcome table = run("run " + quote(kScenario));
  INFO(table.err);
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "Scenario: Small corridor without the B-C line"));
  CHECK(contains(table.out, "2 changes applied"));
  CHECK(contains(table.out, "[1] Fastest A to D"));
  CHECK(contains(table.out, "[2] A to D capacity"));

  const Outcome r = run("run --format json " + quote(kScenario));
  CHECK(r.exit_code == 0);
  const json j = parse_json_output(r);
  CHECK(j.at("scenario") == "Small corridor without the B-C line");
  CHECK(j.at("changes") == 2);
  REQUIRE(j.at("results").size() == 2);
  const json& route = j.at("results")[0].at("result");
  CHECK(j.at("results")[0].at("type") == "route");
  REQUIRE(route.at("found") == true);
  check_route_json(route.at("routes").at(0));
  CHECK(route.at("routes").at(0).at("nodes") == json::array({"A", "B", "P", "Q", "D"}));  // B-C is closed
  CHECK(route.at("routes").at(0).at("hours").get<double>() == doctest::Approx(244));
  const json& flow = j.at("results")[1].at("result");
  CHECK(j.at("results")[1].at("type") == "flow");
  check_flow_json(flow);
  CHECK(flow.at("max_flow_tpy") == 2'000'000);  // only the slow line reaches the doubled ferry
  CHECK(flow.at("meets_target") == false);

  // The relative network path is resolved against the scenario file, not the working directory.
  TempDir elsewhere;
  const Outcome moved = run("run " + quote(kScenario), elsewhere.path().string());
  INFO(moved.err);
  CHECK(moved.exit_code == 0);
  CHECK(contains(moved.out, "Scenario: Small corridor without the B-C line"));
}

TEST_CASE("cli: validate accepts the valid fixtures") {
  const Outcome r = run("validate " + quote(kSmall) + " " + quote(kScenario));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, kSmall + ": ok (network \"Small test corridor\", 6 nodes, 6 links)"));
  CHECK(contains(r.out, kScenario + ": ok (scenario"));
  CHECK(r.err.empty());
}

TEST_CASE("cli: validate reports each malformed fixture with file, code and place") {
  struct Row {
    const char* file;
    const char* code;
    const char* place;  // JSON Pointer, or line:column for syntax errors
  };
  const Row rows[] = {
      {"syntax_error.json", "E-SYNTAX", ":5:14:"},
      {"empty.json", "E-EMPTY", ": error: file is empty"},
      {"invalid_utf8.json", "E-UTF8", ":2:"},
      {"deep_nesting.json", "E-DEPTH", "64 levels"},
      {"unknown_node_ref.json", "E-NODE-REF", "/links/0/to (link A-DD)"},
      {"duplicate_id.json", "E-DUP-ID", "/nodes/2/id (node A)"},
      {"negative_hours.json", "E-RANGE", "/links/0/hours (link A-B)"},
      {"lat_out_of_range.json", "E-RANGE", "/nodes/0/lat (node A)"},
      {"too_large_capacity.json", "E-TOO-LARGE", "/links/0/capacity_tpy (link A-B)"},
      {"bad_mode.json", "E-ENUM", "/links/0/mode (link A-B)"},
      {"wrong_type.json", "E-TYPE", "/links/0/hours (link A-B)"},
      {"missing_key.json", "E-MISSING-KEY", "/nodes/1 (node B)"},
      {"self_loop.json", "E-SELF-LOOP", "/links/0 (link A-A)"},
      {"scenario_unknown_link.json", "E-CHANGE-REF", "/changes/0/id (Q-DD)"},
      {"scenario_bad_network.json", "E-SCENARIO-NETWORK", "/network"},
      {"scenario_unknown_query_node.json", "E-QUERY-REF", "/queries/0/from (AA)"},
      {"scenario_bad_change_type.json", "E-ENUM", "/changes/0/type"},
  };
  for (const Row& row : rows) {
    const std::string path = kData + "/invalid/" + row.file;
    INFO(path);
    const Outcome r = run("validate " + quote(path));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, path));
    CHECK(contains(r.err, std::string("[") + row.code + "]"));
    CHECK(contains(r.err, row.place));
    CHECK(contains(r.out, path + ": invalid"));
  }
  // Together: every file is reported and the exit code is 1.
  const Outcome all = run("validate " + quote(kSmall) + " " + quote(kData + "/invalid/bad_mode.json") + " " +
                          quote(kData + "/invalid/self_loop.json"));
  CHECK(all.exit_code == 1);
  CHECK(contains(all.out, kSmall + ": ok"));
  CHECK(contains(all.err, "E-ENUM"));
  CHECK(contains(all.err, "E-SELF-LOOP"));
}

TEST_CASE("cli: syntax errors and unknown node references give exact places and suggestions") {
  const Outcome syntax = run("validate " + quote(kData + "/invalid/syntax_error.json"));
  CHECK(contains(syntax.err, kData + "/invalid/syntax_error.json:5:14: error: syntax error"));
  const Outcome ref = run("validate " + quote(kData + "/invalid/unknown_node_ref.json"));
  CHECK(contains(ref.err, "no node with id \"DD\" (did you mean \"D\"?) [E-NODE-REF]"));
}

TEST_CASE("cli: each diagnostic of an invalid scenario is printed once") {
  // A scenario whose change or query names an unknown id has one problem: stderr shows it once.
  for (const char* file : {"scenario_unknown_link.json", "scenario_unknown_query_node.json"}) {
    const std::string path = kData + "/invalid/" + file;
    INFO(path);
    const Outcome validate = run("validate " + quote(path));
    INFO("stderr: " << validate.err);
    CHECK(validate.exit_code == 1);
    CHECK(count_of(validate.err, ": error: ") == 1);
    const Outcome run_it = run("run " + quote(path));
    INFO("run stderr: " << run_it.err);
    CHECK(run_it.exit_code == 1);
    CHECK(count_of(run_it.err, ": error: ") == 1);
  }
}

TEST_CASE("cli: a missing file is E-FILE with exit code 1") {
  TempDir dir;
  const std::string missing = dir.file("nowhere.json");
  const Outcome route = run("route --from A --to D --network " + quote(missing));
  CHECK(route.exit_code == 1);
  CHECK(contains(route.err, missing + ": error: cannot open file"));
  CHECK(contains(route.err, "[E-FILE]"));
  const Outcome validate = run("validate " + quote(missing));
  CHECK(validate.exit_code == 1);
  CHECK(contains(validate.err, "[E-FILE]"));
  const Outcome scenario = run("run " + quote(missing));
  CHECK(scenario.exit_code == 1);
  CHECK(contains(scenario.err, "[E-FILE]"));
}

TEST_CASE("cli: an unknown node id on the command line suggests the right one") {
  const Outcome r = run("route --from AA --to D --network " + quote(kSmall));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "command line: error: --from (AA): no node with id \"AA\" (did you mean \"A\"?)"));
  CHECK(contains(r.err, "[E-QUERY-REF]"));
  CHECK(r.out.empty());
  const Outcome flow = run("flow --from A --to Q,DD --network " + quote(kSmall));
  CHECK(flow.exit_code == 1);
  CHECK(contains(flow.err, "--to (DD)"));
  const Outcome same = run("route --from A --to A --network " + quote(kSmall));
  CHECK(same.exit_code == 1);
  CHECK(contains(same.err, "[E-QUERY]"));
}

TEST_CASE("cli: an unreachable destination exits with code 2") {
  TempDir dir;
  const std::string network = dir.write("net.json", R"({"name": "oneway", "nodes": [
      {"id": "A", "name": "A", "country": "KZ", "kind": "junction", "lat": 1, "lon": 1},
      {"id": "B", "name": "B", "country": "KZ", "kind": "junction", "lat": 1, "lon": 2}],
    "links": [{"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "bidirectional": false}]})");
  const Outcome r = run("route --from B --to A --network " + quote(network));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.out, "No route from B to A"));
  const Outcome j = run("route --from B --to A --format json --network " + quote(network));
  CHECK(j.exit_code == 2);
  const json out = parse_json_output(j);
  CHECK(out.at("found") == false);
  CHECK(out.at("routes").empty());
  CHECK(run("route --from A --to B --network " + quote(network)).exit_code == 0);
}

TEST_CASE("cli: bad options are refused with a non-zero exit code") {
  const std::string net = " --network " + quote(kSmall);
  const char* bad[] = {"",
                       "route",
                       "route --from A" ,
                       "route --to D",
                       "route --from A --to D --by speed",
                       "route --from A --to D --format xml",
                       "route --from A --to D --frobnicate",
                       "flow --from A --to D --target-tpy -5",
                       "flow --from A --to D --target-tpy lots",
                       "teleport --from A --to D",
                       "run"};
  for (const char* args : bad) {
    INFO(args);
    const Outcome r = run(std::string(args) + (std::string(args).empty() ? "" : net));
    CHECK(r.exit_code == 1);  // docs/cli.md: option errors exit with code 1
    CHECK_FALSE(r.err.empty());
  }
  const Outcome version = run("--version");
  CHECK(version.exit_code == 0);
  CHECK(contains(version.out, "corridor 0.1.0"));
  const Outcome help = run("route --help");
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "--from"));
}

TEST_CASE("cli: works from any working directory") {
  TempDir dir;
  const std::string absolute = std::filesystem::absolute(kSmall).string();
  const Outcome r = run("route --from A --to D --network " + quote(absolute), dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Fastest route A -> D"));

  // The data directory can be overridden: CORRIDOR_DATA_DIR/network/middle-corridor.json.
  dir.write("network/middle-corridor.json", read_file(kSmall));
  const Outcome env = run("route --from A --to D --format json", dir.path().string(),
                          "CORRIDOR_DATA_DIR=" + quote(dir.path().string()) + " ");
  INFO(env.err);
  CHECK(env.exit_code == 0);
  CHECK(contains(env.out, "\"found\": true"));
}

TEST_CASE("cli: validate and run without paths use the data directory") {
  TempDir dir;
  dir.write("network/middle-corridor.json", read_file(kSmall));
  dir.write("scenarios/a.json", R"({"name": "default network", "description": "uses the data directory",
      "changes": [{"type": "close_node", "id": "C"}],
      "queries": [{"type": "route", "from": "A", "to": "D"}]})");
  dir.write("scenarios/notes.txt", "not a scenario");
  const std::string env = "CORRIDOR_DATA_DIR=" + quote(dir.path().string()) + " ";
  const Outcome validate = run("validate", {}, env);
  INFO(validate.err);
  CHECK(validate.exit_code == 0);
  CHECK(contains(validate.out, "middle-corridor.json: ok (network \"Small test corridor\""));
  CHECK(contains(validate.out, "a.json: ok (scenario \"default network\", 1 changes, 1 queries)"));
  CHECK_FALSE(contains(validate.out, "notes.txt"));

  const Outcome scenario = run("run --format json " + quote(dir.file("scenarios/a.json")), {}, env);
  CHECK(scenario.exit_code == 0);
  const json j = parse_json_output(scenario);
  CHECK(j.at("results").at(0).at("result").at("routes").at(0).at("nodes") ==
        json::array({"A", "B", "P", "Q", "D"}));

  // A broken shipped file makes the default validation fail.
  dir.write("scenarios/b.json", R"({"name": "broken", "changes": [{"type": "close_link", "id": "NOPE"}]})");
  const Outcome broken = run("validate", {}, env);
  CHECK(broken.exit_code == 1);
  CHECK(contains(broken.err, "b.json: error: /changes/0/id (NOPE)"));
}

TEST_CASE("cli: the shipped network answers the issue's two questions from any directory") {
  TempDir dir;  // another working directory, no --network: the compiled-in data path is used
  const Outcome route = run("route --from XIAN --to BAKU --format json", dir.path().string());
  CHECK(route.exit_code == 0);
  const json r = parse_json_output(route);
  REQUIRE(r.at("found") == true);
  const json& best = r.at("routes").at(0);
  check_route_json(best);
  CHECK(best.at("nodes").front() == "XIAN");
  CHECK(best.at("nodes").back() == "BAKU");
  CHECK(best.at("days").get<double>() == doctest::Approx(best.at("hours").get<double>() / 24.0));

  const Outcome flow = run("flow --from KHORGOS --to BAKU --format json", dir.path().string());
  CHECK(flow.exit_code == 0);
  const json f = parse_json_output(flow);
  check_flow_json(f);  // cut sums to the max flow; flows within capacities
  CHECK(f.at("max_flow_tpy").get<long long>() > 0);
  // Conservation at every node but the source and the sink; the source sends the max flow.
  std::map<std::string, long long> balance;  // outflow - inflow
  for (const json& link : f.at("flows")) {
    balance[link.at("from").get<std::string>()] += link.at("flow_tpy").get<long long>();
    balance[link.at("to").get<std::string>()] -= link.at("flow_tpy").get<long long>();
  }
  for (const auto& entry : balance) {
    const std::string& node = entry.first;  // not a structured binding: clang 14 cannot capture one
    const long long net = entry.second;
    CAPTURE(node);
    if (node == "KHORGOS") CHECK(net == f.at("max_flow_tpy").get<long long>());
    else if (node == "BAKU") CHECK(net == -f.at("max_flow_tpy").get<long long>());
    else CHECK(net == 0);
  }
}
