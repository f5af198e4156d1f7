// What a user meets at the edges of the commands, run on the shipped network: a place cut off
// from the network (an answer, exit 2, in every format), options that would have no effect or
// are out of range (refused), problems named against the file that has them.

#include <string>

#include <sys/stat.h>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;
using nlohmann::json;

namespace {

/// A path as a JSON string (the test paths hold no quote or backslash).
std::string quote_path_json(const std::string& path) { return "\"" + path + "\""; }

}  // namespace

TEST_CASE("a place cut off: route prints its no-route answer in JSON too, and exits 2") {
  const Outcome outcome = run_cli("route --from BAKU --to NAKHCHIVAN --format json");
  CHECK(outcome.exit_code == 2);
  CHECK(contains(outcome.err, "No route: destination NAKHCHIVAN is cut off"));
  REQUIRE_FALSE(outcome.out.empty());
  const json answer = json::parse(outcome.out);
  CHECK(answer.at("found") == false);
  CHECK(answer.at("routes").empty());
  CHECK(answer.at("from") == "BAKU");
  CHECK(answer.at("to") == "NAKHCHIVAN");
  const Outcome table = run_cli("route --from BAKU --to NAKHCHIVAN");
  CHECK(table.exit_code == 2);
  CHECK(table.out.empty());  // the reason is on stderr, as before
  for (const char* format : {"csv", "geojson", "dot", "html", "svg"}) {
    const Outcome other = run_cli(std::string("route --from BAKU --to NAKHCHIVAN --format ") + format);
    INFO(format << ": " << other.err);
    CHECK(other.exit_code == 2);
  }
}

TEST_CASE("a place cut off: curve and criticality say nothing can move, and exit 2") {
  const Outcome curve = run_cli("curve --from XIAN --to NAKHCHIVAN --volumes-mt 1");
  CHECK(curve.exit_code == 2);
  CHECK(contains(curve.out, "no route"));
  CHECK_FALSE(contains(curve.out, "TURKMENBASHI-BAKU"));  // other traffic's congestion is not this volume's
  CHECK(contains(curve.err, "W-IDLE-END"));
  const Outcome critical = run_cli("criticality --from KHORGOS --to NAKHCHIVAN --top 3");
  CHECK(critical.exit_code == 2);
  CHECK(run_cli("criticality --from KHORGOS --to BAKU --top 3").exit_code == 0);
}

TEST_CASE("compare: a scenario that opens a place compares with its network, where the place is cut off") {
  const Outcome outcome = run_cli("compare " + quote(kSourceDir + "/scenarios/zangezur-open.json") + " --format json");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  CHECK(contains(outcome.out, "NAKHCHIVAN"));
}

TEST_CASE("options out of range or without effect are refused, not taken for something else") {
  const std::string sweep = quote(kSourceDir + "/scenarios/sweeps/caspian-transit.json");
  for (const std::string& args : {std::string("generate --nodes 50 --seed -1"),
                                  std::string("generate --nodes 50 --seed 18446744073709551616"),
                                  "sweep " + sweep + " --samples 5 --seed -5",
                                  "sweep " + sweep + " --samples 30 --merge a.jsonl b.jsonl",
                                  "sweep " + sweep + " --seed 5 --merge a.jsonl b.jsonl",
                                  std::string("reliability --from XIAN --to ISTANBUL --k 0"),
                                  std::string("upgrades --from KHORGOS --to BAKU --max-steps 5"),
                                  std::string("route --from XIAN --to BAKU --network ''"),
                                  std::string("flow --from KHORGOS --to BAKU --target-tpy 0x10"),
                                  std::string("flow --from KHORGOS --to BAKU --max-detour 0x2"),
                                  std::string("assign --od XIAN:BAKU:0x10")}) {
    const Outcome outcome = run_cli(args);
    INFO(args << "\n" << outcome.err);
    CHECK(outcome.exit_code == 1);
    CHECK(outcome.out.empty());
  }
  CHECK(contains(run_cli("upgrades --from KHORGOS --to BAKU --max-steps 5").err, "--target-tpy"));
  CHECK(contains(run_cli("route --from XIAN --to BAKU --network ''").err, "must name a file"));
  CHECK(run_cli("upgrades --from KHORGOS --to BAKU --max-steps 5 --target-tpy 5e6").exit_code == 0);
}

TEST_CASE("errors name what the user typed: the option, the calibration file, the sweep's base") {
  const Outcome volume = run_cli("reliability --from XIAN --to ISTANBUL --volume-mt 2 --modes rail,ferry");
  CHECK(volume.exit_code == 1);
  CHECK(contains(volume.err, "--volume-mt"));
  CHECK_FALSE(contains(volume.err, "/volume_mt"));

  TempDir dir;
  const std::string calibration = dir.write(
      "calibration.json",
      R"({"times": [{"id": "T1", "from": "XIANN", "to": "BAKU", "days": 11, "date": "2024", "conditions": "test",
                     "sources": ["S33"], "use": "checked"}]})");
  const Outcome calibrate = run_cli("calibrate " + quote(calibration));
  INFO(calibrate.err);
  CHECK(calibrate.exit_code == 1);
  CHECK(contains(calibrate.err, "calibration.json: error: /times/0/from"));
  CHECK_FALSE(contains(calibrate.err, "command line"));

  const std::string base_missing = dir.write(
      "sweep.json", R"({"name": "S", "base": "../nowhere/baseline.json", "samples": 10,
                        "inputs": [], "queries": [], "outcomes": []})");
  const Outcome sweep = run_cli("sweep " + quote(base_missing));
  CHECK(sweep.exit_code == 1);
  CHECK(contains(sweep.err, "sweep.json: error: /base"));
  CHECK(contains(sweep.err, "does not exist"));
  CHECK(contains(sweep.err, "E-SWEEP"));
}

TEST_CASE("a name that fits several places is refused, naming them") {
  TempDir dir;
  const std::string network = dir.write(
      "net.json",
      R"({"name": "n", "nodes": [
           {"id": "AKTAU", "name": "Aktau", "country": "KZ", "kind": "sea_port", "lat": 43.6, "lon": 51.2, "aliases": ["Kuryk"]},
           {"id": "KURYK", "name": "Kuryk port", "country": "KZ", "kind": "sea_port", "lat": 43.2, "lon": 51.7},
           {"id": "BAKU", "name": "Baku", "country": "AZ", "kind": "sea_port", "lat": 40.4, "lon": 49.9}],
         "links": [{"from": "AKTAU", "to": "BAKU", "mode": "ferry", "distance_km": 470, "hours": 23, "capacity_tpy": 1000000},
                   {"from": "KURYK", "to": "BAKU", "mode": "ferry", "distance_km": 430, "hours": 21, "capacity_tpy": 1000000}]})");
  const Outcome outcome = run_cli("route --network " + quote(network) + " --from Kuryk --to BAKU");
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.err, "is the id, name or alias of 2 places (AKTAU, KURYK)"));
  CHECK(run_cli("route --network " + quote(network) + " --from KURYK --to BAKU").exit_code == 0);
}

TEST_CASE("flow: what binds, capacity left times dual, adds up to the max flow, a shared resource too") {
  // In the roadmap scenario the enlarged ferry lines leave the pooled Caspian fleet binding.
  const Outcome outcome = run_cli("run " + quote(kSourceDir + "/scenarios/roadmap-2027.json") + " --format json");
  INFO(outcome.err);
  REQUIRE(outcome.exit_code == 0);
  const json run = json::parse(outcome.out);
  int flows = 0;
  bool resource_binds = false;
  for (const json& entry : run.at("results")) {
    if (entry.at("type") != "flow") continue;
    const json& flow = entry.at("result");
    if (flow.at("unbounded").get<bool>()) continue;
    ++flows;
    double certificate = 0.0;
    for (const json& binding : flow.at("binding")) {
      certificate += binding.at("capacity_left").get<double>() * binding.at("dual").get<double>();
      resource_binds = resource_binds || binding.at("type") == "resource";
    }
    const double max_flow = flow.at("max_flow_tpy").get<double>();
    CHECK(certificate == doctest::Approx(max_flow).epsilon(1e-6));
  }
  CHECK(flows >= 3);
  CHECK(resource_binds);
}

TEST_CASE("run --format geojson: a reliability query keeps its type and its answer") {
  const Outcome outcome = run_cli("run " + quote(kSourceDir + "/scenarios/reliability.json") + " --format geojson");
  REQUIRE(outcome.exit_code == 0);
  const json first = json::parse(outcome.out).at("corridor").at("queries").at(0);
  CHECK(first.at("type") == "reliability");
  CHECK(first.at("p50_days").get<double>() <= first.at("p90_days").get<double>());
  CHECK(first.at("on_time_probability").get<double>() > 0.0);
}

TEST_CASE("maps draw a sea lane along its waypoints, not straight across the land") {
  const Outcome outcome = run_cli("route --from SHANGHAI --to ROTTERDAM --format svg");
  REQUIRE(outcome.exit_code == 0);
  const std::string marker = "data-id=\"SHANGHAI-PIRAEUS\" d=\"";
  const auto at = outcome.out.find(marker);
  REQUIRE(at != std::string::npos);
  const std::string d = outcome.out.substr(at + marker.size(), outcome.out.find('"', at + marker.size()) - at - marker.size());
  std::size_t corners = 0;
  for (const char c : d) corners += c == 'L';
  CHECK(corners == 16);  // the shipped lane's 15 waypoints (Malacca, Suez, ...), then Piraeus
}

TEST_CASE("a list with an empty item is refused, not read without it") {
  for (const std::string& args :
       {std::string("curve --from XIAN --to BAKU --volumes-mt 1,,2"), std::string("curve --from XIAN --to BAKU --volumes-mt=1,2,"),
        std::string("route --from XIAN --to BAKU --avoid ,AKTAU"), std::string("flow --from KHORGOS,,ALASHANKOU --to BAKU")}) {
    const Outcome outcome = run_cli(args);
    INFO(args << "\n" << outcome.err);
    CHECK(outcome.exit_code == 1);
    CHECK(contains(outcome.err, "has an empty item"));
    CHECK(outcome.out.empty());
  }
  CHECK(run_cli("flow --from KHORGOS,ALASHANKOU --to BAKU").exit_code == 0);
}

TEST_CASE("a number out of range is refused with its range as written, NaN included") {
  const Outcome zero = run_cli("assign --od XIAN:BAKU:1e6 --equilibrium user --gap 0");
  CHECK(zero.exit_code == 1);
  CHECK(contains(zero.err, "--gap: \"0\" must be a number from 1e-12 to 1"));
  CHECK_FALSE(contains(zero.err, "0.000000"));
  for (const char* args : {"assign --od XIAN:BAKU:1e6 --equilibrium user --gap nan",
                           "assign --od XIAN:BAKU:1e6 --by generalized --value-of-time nan",
                           "curve --from XIAN --to BAKU --volumes-mt nan"}) {
    const Outcome outcome = run_cli(args);
    INFO(args << "\n" << outcome.err);
    CHECK(outcome.exit_code == 1);
    CHECK(contains(outcome.err, "\"nan\" is not a number written in decimal"));
  }
}

TEST_CASE("a number not written in decimal is refused, not read as octal or hexadecimal") {
  // CLI11 alone reads --top 010 as 8 and --k 0x2 as 2.
  for (const char* args : {"criticality --from KHORGOS --to BAKU --top 010", "route --from XIAN --to BAKU --k 0x2",
                           "route --from XIAN --to BAKU --by generalized --value-of-time 0x10",
                           "curve --from XIAN --to BAKU --volumes-mt 1,0x2",
                           "assign --od XIAN:BAKU:1e6 --equilibrium user --max-iterations=1e3"}) {
    const Outcome outcome = run_cli(args);
    INFO(args << "\n" << outcome.err);
    CHECK(outcome.exit_code == 1);
    CHECK(contains(outcome.err, "written in decimal"));
    CHECK(outcome.out.empty());
  }
  CHECK(run_cli("criticality --from KHORGOS --to BAKU --top 10").exit_code == 0);
  CHECK(run_cli("route --k=2 --from XIAN --to BAKU --by generalized --value-of-time 1.6e1").exit_code == 0);
}

TEST_CASE("an output file that is the command's own input is refused, and the input is kept") {
  TempDir dir;
  const std::string network = dir.write("net.json", read_file(kSourceDir + "/tests/data/valid/small.json"));
  const std::string scenario = dir.write("s.json", read_file(kSourceDir + "/tests/data/valid/scenario_small.json"));
  const std::string sweep = dir.write("sw.json", read_file(kSourceDir + "/scenarios/sweeps/caspian-transit.json"));
  for (const std::string& args : {"pack " + quote(network) + " -o " + quote(network),
                                  "map --network " + quote(network) + " -o " + quote(network),
                                  "report " + quote(scenario) + " -o " + quote(scenario),
                                  "sweep " + quote(sweep) + " --samples 2 --shard 1/1 --out " + quote(sweep)}) {
    const Outcome outcome = run_cli(args);
    INFO(args << "\n" << outcome.err);
    CHECK(outcome.exit_code == 1);
    CHECK(contains(outcome.err, "writing it would destroy the input"));
  }
  CHECK(read_file(network) == read_file(kSourceDir + "/tests/data/valid/small.json"));
  CHECK(read_file(scenario) == read_file(kSourceDir + "/tests/data/valid/scenario_small.json"));
  CHECK(read_file(sweep) == read_file(kSourceDir + "/scenarios/sweeps/caspian-transit.json"));
}

TEST_CASE("validate checks a sweep and a calibration file as their commands do, ids included") {
  TempDir dir;
  const std::string network = quote_path_json(kSourceDir + "/network/middle-corridor.json");
  const std::string sweep = dir.write("sweep.json", R"({"name": "s", "base": {"network": )" + network + R"(},
      "inputs": [{"id": "hub", "distribution": {"type": "bernoulli", "p": 0.5}, "estimate": "g",
                  "changes": [{"type": "set_node", "id": "AKTAUX", "values": {"capacity_tpy": 5000000}}]}],
      "queries": [{"id": "q", "type": "flow", "from": "AKTAU", "to": "POTII"}],
      "outcomes": [{"id": "met", "figure": "q.max_flow_tpy", "at_least": 3000000}]})");
  const Outcome bad_sweep = run_cli("validate " + quote(sweep));
  INFO(bad_sweep.err);
  CHECK(bad_sweep.exit_code == 1);
  CHECK(contains(bad_sweep.err, "(AKTAUX): no node with id \"AKTAUX\""));
  CHECK(contains(bad_sweep.err, "POTII"));  // the query's unknown id in the same run
  const std::string calibration = dir.write("calibration.json", R"({"times": [
      {"id": "T1", "from": "AKTAU", "to": "POTI", "days": 3, "date": "2024", "conditions": "c", "sources": ["S1"], "use": "checked"},
      {"id": "T1", "from": "BAKUU", "to": "POTI", "days": 4, "date": "2024", "conditions": "c", "sources": ["S1"], "use": "checked"}],
    "ratios": [{"id": "R1", "numerator": "T1", "denominator": "T1", "ratio_low": 1, "ratio_high": 2, "date": "2024",
                "conditions": "c", "sources": ["S1"], "use": "checked"}]})");
  const Outcome bad_calibration = run_cli("validate " + quote(calibration));
  INFO(bad_calibration.err);
  CHECK(bad_calibration.exit_code == 1);
  CHECK(contains(bad_calibration.err, "/times/1/id (T1): id \"T1\" is already used at /times/0 [E-DUP-ID]"));
  CHECK(contains(bad_calibration.err, "numerator and denominator are the same time"));
}

TEST_CASE("a scenario's cost per TEU on a network without tonnes_per_teu is refused, not priced at 0") {
  TempDir dir;
  const std::string scenario = dir.write("s.json", R"({"name": "s", "network": )" +
      quote_path_json(kSourceDir + "/tests/data/valid/small.json") + R"(, "changes": [
      {"type": "add_link", "link": {"id": "A-D2", "from": "A", "to": "D", "mode": "rail", "distance_km": 1, "hours": 1,
                                    "cost_usd_per_teu": 500}}]})");
  const Outcome outcome = run_cli("validate " + quote(scenario));
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.err, "/changes/0/link/cost_usd_per_teu (A-D2): cost_usd_per_teu needs the network's"));
}

TEST_CASE("a scenario's assign settings that would have no effect are refused, as on the command line") {
  TempDir dir;
  const std::string scenario = dir.write("s.json", R"({"name": "s", "queries": [
      {"type": "assign", "demand": [{"from": "XIAN", "to": "BAKU", "tonnes_per_year": 1e6}], "gap": 0.001},
      {"type": "assign", "equilibrium": "user", "max_detour": 2,
       "demand": [{"from": "XIAN", "to": "BAKU", "tonnes_per_year": 1e6}]}]})");
  const Outcome outcome = run_cli("validate " + quote(scenario));
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.err, "/queries/0/gap: gap applies only with \"equilibrium\""));
  CHECK(contains(outcome.err, "/queries/1/max_detour: max_detour has no effect with \"equilibrium\""));
}

TEST_CASE("a scenario's own errors are reported beside its invalid network's") {
  TempDir dir;
  dir.write("net.json", R"({"name": "n", "nodes": [{"id": "A"}], "links": []})");
  const std::string scenario = dir.write("s.json", R"({"name": "s", "network": "net.json", "corridr": 1})");
  const Outcome outcome = run_cli("validate " + quote(scenario));
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(contains(outcome.err, "net.json: error: /nodes/0 (node A): node is missing required key \"name\""));
  CHECK(contains(outcome.err, "s.json: error: /corridr: unknown key \"corridr\""));
}

TEST_CASE("a change that undoes another is noticed however the id is spelt") {
  TempDir dir;
  const std::string scenario = dir.write(
      "s.json", R"({"name": "s", "changes": [{"type": "close_node", "id": "BAKU"}, {"type": "open_node", "id": "baku"}]})");
  const Outcome outcome = run_cli("validate " + quote(scenario));
  CHECK(outcome.exit_code == 0);
  CHECK(contains(outcome.err, "/changes/1 (baku): undoes the change at /changes/0"));
}

TEST_CASE("validate reads a network from a pipe, and a snapshot damaged in transfer is named as such") {
  TempDir dir;
  const std::string fifo = dir.file("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const Outcome piped =  // a writer in the background, as `cat net.json | corridor validate /dev/stdin`
      run_cli("validate " + quote(fifo), {}, "cat " + quote(kSourceDir + "/tests/data/valid/small.json") + " > " + quote(fifo) + " & ");
  INFO(piped.err);
  CHECK(piped.exit_code == 0);
  CHECK(contains(piped.out, "pipe: ok (network"));
  const std::string snapshot = dir.file("s.cnet");
  REQUIRE(run_cli("pack " + quote(kSourceDir + "/tests/data/valid/small.json") + " -o " + quote(snapshot)).exit_code == 0);
  std::string bytes = read_file(snapshot);
  const auto crlf = bytes.find("\r\n");
  REQUIRE(crlf == 5);
  bytes.erase(crlf, 1);  // what a text-mode transfer does
  const Outcome damaged = run_cli("validate " + quote(dir.write("crlf.cnet", bytes)));
  CHECK(damaged.exit_code == 1);
  CHECK(contains(damaged.err, "damaged network snapshot"));
  CHECK(contains(damaged.err, "[E-SNAPSHOT]"));
}
