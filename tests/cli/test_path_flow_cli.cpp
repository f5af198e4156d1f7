// The plausible-route max flow on the shipped network: border -> Baku stays in the region
// without a corridor filter, its routes add up, and a what-if that closes a source answers.

#include <set>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;

namespace {

const std::string kNetworkFile = kSourceDir + "/network/middle-corridor.json";

}  // namespace

TEST_CASE("cli path flow: border -> Baku without a corridor filter uses no link outside the region") {
  const Outcome r = run_cli("flow --from KHORGOS,ALASHANKOU --to BAKU --format json");
  REQUIRE(r.exit_code == 0);
  const auto result = nlohmann::json::parse(r.out);
  const auto network = nlohmann::json::parse(read_file(kNetworkFile));
  std::map<std::string, std::string> country, mode, crossing;
  for (const auto& n : network["nodes"]) country[n["id"]] = n["country"];
  for (const auto& l : network["links"]) {
    const std::string id = l.contains("id") ? l["id"].get<std::string>()
                                            : l["from"].get<std::string>() + "-" + l["to"].get<std::string>();
    mode[id] = l["mode"];
    crossing[id] = l.value("crossing", "");
  }
  // The region between the Chinese border and Baku: China, Kazakhstan, the Caspian states.
  const std::set<std::string> region{"CN", "KZ", "AZ", "TM", "UZ"};
  REQUIRE(!result["routes"].empty());
  long long sum = 0;
  for (const auto& route : result["routes"]) {
    sum += route["flow_tpy"].get<long long>();
    for (const auto& node : route["nodes"]) CHECK_MESSAGE(region.count(country[node]) == 1, node);
    // no ocean leg: the only sea links allowed are the Caspian's (the Aktau-Baku container feeder)
    for (const auto& link : route["links"]) CHECK_MESSAGE((mode[link] != "sea" || crossing[link] == "Caspian"), link);
  }
  CHECK(sum == result["max_flow_tpy"].get<long long>());
  // --max-detour none is the pure graph max flow, with its detours.
  const Outcome none = run_cli("flow --from KHORGOS,ALASHANKOU --to BAKU --max-detour none --format json");
  REQUIRE(none.exit_code == 0);
  CHECK(nlohmann::json::parse(none.out)["max_flow_tpy"].get<long long>() >= result["max_flow_tpy"].get<long long>());
}

TEST_CASE("cli path flow: a scenario closing ALASHANKOU answers, with a warning") {
  TempDir dir;
  const std::string scenario = dir.write("closed.json", R"({"name": "Alashankou closed",
    "network": ")" + kNetworkFile + R"(",
    "changes": [{"type": "close_node", "id": "ALASHANKOU"}],
    "queries": [{"type": "flow", "from": ["KHORGOS", "ALASHANKOU"], "to": "BAKU"},
                {"type": "criticality", "from": ["KHORGOS", "ALASHANKOU"], "to": "BAKU", "top": 3},
                {"type": "upgrades", "from": ["KHORGOS", "ALASHANKOU"], "to": "BAKU"}]})");
  const Outcome r = run_cli("run " + quote(scenario));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "W-IDLE-END"));
  CHECK(contains(r.err, "ALASHANKOU"));
  // Every source closed: nothing can move at all, the query still answers (0) and exits 2.
  const std::string only = dir.write("only.json", R"({"name": "Alashankou closed",
    "network": ")" + kNetworkFile + R"(",
    "changes": [{"type": "close_node", "id": "ALASHANKOU"}],
    "queries": [{"type": "flow", "from": "ALASHANKOU", "to": "BAKU"}]})");
  const Outcome nothing = run_cli("run " + quote(only));
  INFO(nothing.out << nothing.err);
  CHECK(nothing.exit_code == 2);
  CHECK(contains(nothing.err, "W-IDLE-END"));
}

TEST_CASE("cli path flow: --max-detour is checked") {
  const Outcome r = run_cli("flow --from KHORGOS --to BAKU --max-detour 0.5");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "--max-detour"));
}

TEST_CASE("cli assign: border -> Baku without a filter serves what the flow moves, on plausible routes only") {
  const Outcome flow = run_cli("flow --from KHORGOS --to BAKU --format json");
  REQUIRE(flow.exit_code == 0);
  const Outcome r = run_cli("assign --od KHORGOS:BAKU:10000000 --format json");
  REQUIRE(r.exit_code == 0);
  const auto result = nlohmann::json::parse(r.out);
  const auto network = nlohmann::json::parse(read_file(kNetworkFile));
  std::map<std::string, std::string> country;
  for (const auto& n : network["nodes"]) country[n["id"]] = n["country"];
  const std::set<std::string> region{"CN", "KZ", "AZ", "TM", "UZ"};
  CHECK(result["max_detour"] == 1.5);
  // the same limits (resources, background) and the same rule: the same tonnes
  CHECK(result["served_tpy"].get<double>() ==
        doctest::Approx(nlohmann::json::parse(flow.out)["max_flow_tpy"].get<double>()).epsilon(1e-6));
  for (const auto& od : result["od"])
    for (const auto& path : od["paths"])
      for (const auto& node : path["nodes"]) CHECK_MESSAGE(region.count(country[node]) == 1, node);
  // --max-detour none: the detours through Iran and Turkiye come back, and serve more
  const Outcome none = run_cli("assign --od KHORGOS:BAKU:10000000 --max-detour none --format json");
  REQUIRE(none.exit_code == 0);
  CHECK(nlohmann::json::parse(none.out)["served_tpy"].get<double>() > result["served_tpy"].get<double>());
  // with load-dependent times the rule has no effect, and saying it is an error
  const Outcome eq = run_cli("assign --od KHORGOS:BAKU:1000000 --equilibrium user --max-detour 2");
  CHECK(eq.exit_code == 1);
  CHECK(contains(eq.err, "--max-detour"));
}
