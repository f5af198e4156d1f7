// The capacity commands end to end: assign, criticality, upgrades, compare, and the
// capacity queries of the shipped roadmap scenario through run.

#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/strings.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;

namespace {

const std::string kRoadmap = kSourceDir + "/scenarios/roadmap-2027.json";
const std::string kBaseline = kSourceDir + "/scenarios/baseline.json";

}  // namespace

TEST_CASE("cli flow: the shipped network's binding cut is named as the Caspian crossing") {
  const Outcome r = run_cli("flow --from KHORGOS,ALASHANKOU --to BAKU --corridor middle");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Binding: the Caspian crossing (sea link AKTAU-BAKU_FEEDER "));
  CHECK(contains(r.out, "Caspian rail-ferry fleet (all lines) (3.47 Mt/yr left of 4.50 Mt/yr after other cargo)"));
}

TEST_CASE("cli assign: a demand CSV is assigned, bad rows are all reported with file and line") {
  TempDir dir;
  const std::string good = dir.write("good.csv", "from,to,tonnes_per_year\nA,D,6000000\n");
  Outcome r = run_cli("assign --network " + quote(kSmall) + " --demand " + quote(good) + " --format json");
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc.at("served_tpy").get<double>() == doctest::Approx(4'000'000));  // the ferry carries 4 Mt/yr
  CHECK(doc.at("unserved_tpy").get<double>() == doctest::Approx(2'000'000));
  CHECK(doc.at("binding").at(0).at("id") == "P-Q-FERRY");
  CHECK(doc.at("binding").at(0).at("marginal_value_per_t").get<double>() > 0);

  r = run_cli("assign --network " + quote(kSmall) + " --od A:D:1000000 --od A:Q:500000");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Served 1.50 Mt/yr of 1.50 Mt/yr"));

  const std::string bad = dir.write("bad.csv", "from,to,tonnes_per_year\nA,D\nA,D,x\nA,ZZ,5\n");
  r = run_cli("assign --network " + quote(kSmall) + " --demand " + quote(bad));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "bad.csv:2: error:"));
  CHECK(contains(r.err, "bad.csv:3: error:"));
  CHECK(contains(r.err, "bad.csv:4: error:"));
  CHECK(contains(r.err, "[E-CSV]"));
  CHECK(contains(r.err, "[E-QUERY-REF]"));

  r = run_cli("assign --network " + quote(kSmall));
  CHECK(r.exit_code == 1);  // no demand at all
  r = run_cli("assign --network " + quote(kSmall) + " --od A-D-5");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "FROM:TO:TONNES_PER_YEAR"));
}

TEST_CASE("cli criticality: the same ranking with 1 and 4 threads, no progress when stderr is a file") {
  const std::string args = "criticality --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --od XIAN:BAKU --format json";
  const Outcome one = run_cli(args + " --threads 1");
  const Outcome four = run_cli(args + " --threads 4");
  REQUIRE(one.exit_code == 0);
  REQUIRE(four.exit_code == 0);
  CHECK(one.out == four.out);
  CHECK(one.err.empty());  // progress goes to a terminal only
  const auto doc = nlohmann::json::parse(one.out);
  // the base flow is the flow command's answer to the same question
  const Outcome flow = run_cli("flow --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --format json");
  REQUIRE(flow.exit_code == 0);
  const long long base = nlohmann::json::parse(flow.out).at("max_flow_tpy").get<long long>();
  CHECK(base > 1'000'000);
  CHECK(doc.at("base_flow_tpy") == base);
  const auto& ranking = doc.at("ranking");
  REQUIRE(ranking.size() > 20);
  // The track every route to the Caspian shares (Saksaulskaya-Shalkar, Beineu-Mangistau) carries everything.
  CHECK(ranking.at(0).at("flow_loss_tpy") == base);
  // Moyynty-Zhezkazgan has an alternative (Shu-Arys-Kyzylorda-Saksaulskaya): losing it costs no flow.
  bool seen_moyynty_zhezkazgan = false;
  for (const auto& entry : ranking)
    if (entry.at("id") == "MOYYNTY-ZHEZKAZGAN") {
      seen_moyynty_zhezkazgan = true;
      CHECK(entry.at("flow_loss_tpy") == 0);
    }
  CHECK(seen_moyynty_zhezkazgan);
  for (std::size_t i = 1; i < ranking.size(); ++i)
    CHECK(ranking.at(i - 1).at("flow_loss_tpy").get<long long>() >= ranking.at(i).at("flow_loss_tpy").get<long long>());

  const Outcome top = run_cli("criticality --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --top 3");
  CHECK(top.exit_code == 0);
  CHECK(contains(top.out, "SAKSAULSKAYA-SHALKAR"));
  const Outcome bad = run_cli("criticality --from KHORGOS --to BAKU --elements NOPE --od XIAN");
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, "--elements"));  // named as typed on the command line
  CHECK(contains(bad.err, "--od"));
}

TEST_CASE("cli upgrades: the Caspian ferries rank first and the plan reaches 10 Mt/yr") {
  const Outcome r = run_cli("upgrades --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --target-tpy 10000000 --format json");
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  const long long base = doc.at("base_flow_tpy").get<long long>();
  CHECK(base < 10'000'000);
  REQUIRE(!doc.at("options").empty());
  CHECK(doc.at("target_reached") == true);
  // every added tonne raises the max flow by at most a tonne: the plan adds at least the gap
  CHECK(doc.at("total_added_tpy").get<long long>() >= 10'000'000 - base);
  const Outcome table = run_cli("upgrades --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --target-tpy 10000000");
  CHECK(contains(table.out, "Greedy plan to 10.00 Mt/yr"));
}

TEST_CASE("cli compare: a scenario against itself, against its unchanged network, and two scenarios") {
  Outcome r = run_cli("compare " + quote(kBaseline) + " " + quote(kBaseline));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "No difference"));
  r = run_cli("compare " + quote(kBaseline) + " " + quote(kBaseline) + " --format json");
  CHECK(nlohmann::json::parse(r.out).at("identical") == true);

  r = run_cli("compare " + quote(kRoadmap));
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "max flow         4.36 Mt/yr"));  // the upgrades query: 4.36 -> 5.87 Mt/yr
  CHECK(contains(r.out, "capacity to add  10.67 Mt/yr"));
  CHECK(contains(r.out, "+1.51 Mt/yr"));
  r = run_cli("compare " + quote(kBaseline) + " " + quote(kRoadmap) + " --format json");
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc.at("identical") == false);
  bool only_in_b = false;
  for (const auto& q : doc.at("queries")) only_in_b = only_in_b || q.at("only_in") == "b";
  CHECK(only_in_b);
  r = run_cli("compare /nonexistent.json");
  CHECK(r.exit_code == 1);
}

TEST_CASE("cli run: the roadmap scenario's capacity queries in every output format") {
  for (const std::string format : {"table", "json", "csv", "geojson", "dot"}) {
    CAPTURE(format);
    const Outcome r = run_cli("run " + quote(kRoadmap) + " --format " + format);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(r.out.empty());
  }
  TempDir dir;
  const Outcome html = run_cli("report " + quote(kRoadmap) + " -o " + quote(dir.file("r.html")));
  CHECK(html.exit_code == 0);
  CHECK(contains(read_file(dir.file("r.html")), "Greedy plan"));
}
