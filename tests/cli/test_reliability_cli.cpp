// `corridor reliability`, `route --depart` and reliability queries in scenarios, run as a user
// would: exit codes, output and diagnostics.

#include <cmath>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/strings.hpp"

using namespace corridor::test;
using nlohmann::json;

namespace {

const std::string kTimetable = std::string(CORRIDOR_TEST_DATA_DIR) + "/valid/timetable.json";

}  // namespace

TEST_CASE("cli reliability: the issue's question on the shipped network") {
  const Outcome o = run_cli("reliability --from XIAN --to ISTANBUL --deadline-days 18");
  INFO(o.out << o.err);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "Reliability XIAN -> ISTANBUL: 100,000 sampled journeys (seed 1)"));
  CHECK(contains(o.out, "P50 "));
  CHECK(contains(o.out, "P95 "));
  CHECK(contains(o.out, "On time within 18 days: "));
  CHECK(contains(o.out, "What makes the time spread"));
  CHECK(o.err.empty());
}

TEST_CASE("cli reliability: JSON percentiles are ordered, shares add up, the route is the route command's") {
  const Outcome o = run_cli("reliability --from XIAN --to ISTANBUL --deadline-days 18 --samples 20000 --format json");
  INFO(o.out << o.err);
  REQUIRE(o.exit_code == 0);
  const json j = json::parse(o.out);
  CHECK(j.at("samples") == 20000);
  CHECK(j.at("deadline_days") == 18.0);
  REQUIRE(j.at("routes").size() == 1);
  const json& r = j.at("routes")[0];
  CHECK(r.at("min_hours").get<double>() <= r.at("p50_hours").get<double>());
  CHECK(r.at("p50_hours").get<double>() <= r.at("p80_hours").get<double>());
  CHECK(r.at("p80_hours").get<double>() <= r.at("p90_hours").get<double>());
  CHECK(r.at("p90_hours").get<double>() <= r.at("p95_hours").get<double>());
  CHECK(r.at("p95_hours").get<double>() <= r.at("max_hours").get<double>());
  const double on_time = r.at("on_time_probability").get<double>();
  CHECK(on_time > 0.0);
  CHECK(on_time < 1.0);
  double shares = 0;
  for (const json& term : r.at("spread")) shares += term.at("share").get<double>();
  CHECK(shares == doctest::Approx(1.0).epsilon(1e-9));
  // The sampled mean is the deterministic (expected) time within sampling error.
  const double expected = r.at("expected_hours").get<double>();
  const double standard_error = r.at("sd_hours").get<double>() / std::sqrt(20000.0);
  CHECK(std::fabs(r.at("mean_hours").get<double>() - expected) < 5 * standard_error);

  const json route = json::parse(run_cli("route --from XIAN --to ISTANBUL --format json").out);
  CHECK(route.at("routes")[0].at("hours").get<double>() == doctest::Approx(expected).epsilon(1e-12));
  CHECK(route.at("routes")[0].at("nodes") == r.at("nodes"));
}

TEST_CASE("cli reliability: same seed, same output, whatever the thread count") {
  const std::string args = "reliability --from XIAN --to ISTANBUL --deadline-days 18 --samples 30000 --seed 42";
  const Outcome one = run_cli(args + " --threads 1");
  const Outcome three = run_cli(args + " --threads 3");
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == three.out);
  CHECK(run_cli(args).out == one.out);
  CHECK(run_cli("reliability --from XIAN --to ISTANBUL --deadline-days 18 --samples 30000 --seed 43").out != one.out);
}

TEST_CASE("cli reliability: bad arguments exit 1 with every diagnostic") {
  const Outcome o = run_cli("reliability --from XIAN --to ISTANBULL --samples 0 --deadline-days -2 --depart 2026-13-01T00:00");
  CHECK(o.exit_code == 1);
  INFO(o.err);
  CHECK(contains(o.err, "[E-QUERY-REF]"));
  CHECK(contains(o.err, "did you mean \"ISTANBUL\""));
  CHECK(contains(o.err, "--samples"));
  CHECK(contains(o.err, "--deadline-days"));
  CHECK(contains(o.err, "[E-TIME]"));
  CHECK(o.out.empty());
  CHECK(run_cli("reliability --from XIAN --to ISTANBUL --format svg").exit_code == 1);
}

TEST_CASE("cli reliability: no route exits 2") {
  // Baku is on no sea corridor (the Caspian has no ocean access)
  const Outcome o = run_cli("reliability --from XIAN --to BAKU --corridor sea");
  CHECK(o.exit_code == 2);
  CHECK(contains(o.out, "No route from XIAN to BAKU"));
}

TEST_CASE("cli route --depart: waits for the timetabled sailing, worked out by hand") {
  // Leave A Monday 00:00: 10 h rail + 2 h transfer, ready at P Monday 12:00. The daily 00:00
  // sailing (25 h) would arrive Wednesday 01:00; the Monday 13:00 one (30 h) arrives Tuesday 19:00.
  const Outcome o = run_cli("route --network " + quote(kTimetable) + " --from A --to Q --depart 2026-03-02T00:00");
  INFO(o.out << o.err);
  CHECK(o.exit_code == 0);
  CHECK(contains(o.out, "Departs 2026-03-02 00:00 Mon UTC, arrives 2026-03-03 19:00 Tue UTC"));
  CHECK(contains(o.out, "43.0 h"));
  const json j = json::parse(
      run_cli("route --network " + quote(kTimetable) + " --from A --to Q --depart 2026-03-02T00:00 --format json").out);
  CHECK(j.at("routes")[0].at("legs")[1].at("link") == "P-Q-MONDAY");
  CHECK(j.at("routes")[0].at("legs")[1].at("wait_hours").get<double>() == doctest::Approx(1.0));
  // Without a departure time: the expected waits (daily: 12 h; weekly: 84 h) pick the daily ferry.
  const json fixed = json::parse(run_cli("route --network " + quote(kTimetable) + " --from A --to Q --format json").out);
  CHECK(fixed.at("routes")[0].at("legs")[1].at("link") == "P-Q-DAILY");
  CHECK(fixed.at("routes")[0].at("hours").get<double>() == doctest::Approx(10 + 2 + 12 + 25));
  const Outcome bad = run_cli("route --network " + quote(kTimetable) + " --from A --to Q --depart soon");
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, "[E-TIME]"));
}

TEST_CASE("cli reliability --depart: every journey of a fixed network takes the timetabled time") {
  const Outcome o = run_cli("reliability --network " + quote(kTimetable) +
                            " --from A --to Q --depart 2026-03-02T00:00 --samples 1000 --format json");
  INFO(o.out << o.err);
  REQUIRE(o.exit_code == 0);
  const json r = json::parse(o.out).at("routes")[0];
  CHECK(r.at("p50_hours").get<double>() == doctest::Approx(43.0));
  CHECK(r.at("p95_hours").get<double>() == doctest::Approx(43.0));
  CHECK(r.at("spread").size() == 1);  // the timetable is the only term, and it does not vary here
}

TEST_CASE("cli run/report: reliability queries in a scenario, in every output format") {
  const std::string scenario = quote(kSourceDir + "/scenarios/reliability.json");
  const Outcome table = run_cli("run " + scenario);
  INFO(table.out << table.err);
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "Reliability XIAN -> ISTANBUL"));
  CHECK(contains(table.out, "On time within 18 days"));
  const json j = json::parse(run_cli("run " + scenario + " --format json").out);
  CHECK(j.at("results")[0].at("type") == "reliability");
  CHECK(j.at("results")[0].at("result").at("routes")[0].contains("p90_hours"));
  for (const char* format : {"csv", "geojson", "dot"}) {
    const Outcome o = run_cli("run " + scenario + " --format " + format);
    INFO(format << ": " << o.err);
    CHECK(o.exit_code == 0);
    CHECK_FALSE(o.out.empty());
  }
  const Outcome html = run_cli("report " + scenario);
  CHECK(html.exit_code == 0);
  CHECK(contains(html.out, "<table class=\"reliability\">"));
  CHECK(contains(html.out, "share of variance"));
  CHECK(contains(html.out, "P90 "));
}

TEST_CASE("cli reliability --k and --by p90: alternatives compared by their percentiles") {
  const Outcome o = run_cli("reliability --from XIAN --to ISTANBUL --deadline-days 18 --samples 20000 --k 3");
  INFO(o.out << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(contains(o.out, "Alternatives XIAN -> ISTANBUL: the 3 best routes by expected time, ranked by expected time"));
  CHECK(contains(o.out, "(chosen)"));
  const Outcome robust = run_cli("reliability --from XIAN --to ISTANBUL --deadline-days 18 --samples 20000 --by p90 --format json");
  REQUIRE(robust.exit_code == 0);
  const json j = json::parse(robust.out);
  CHECK(j.at("by") == "p90");
  CHECK(j.at("k") == 5);
  const json& routes = j.at("routes");
  REQUIRE(routes.size() >= 2);
  for (std::size_t i = 1; i < routes.size(); ++i)
    CHECK(routes[i - 1].at("p90_hours").get<double>() <= routes[i].at("p90_hours").get<double>());
  const Outcome bad = run_cli("reliability --from XIAN --to ISTANBUL --k 51");
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.err, "--k"));
  CHECK(run_cli("reliability --from XIAN --to ISTANBUL --by p95").exit_code == 1);
}

TEST_CASE("cli reliability --volume-mt 0: today's output byte for byte, in every format") {
  for (const char* format : {"table", "json", "csv"}) {
    INFO(format);
    const std::string args = std::string("reliability --from XIAN --to ISTANBUL --deadline-days 18 --samples 20000 --format ") + format;
    const Outcome today = run_cli(args);
    const Outcome zero = run_cli(args + " --volume-mt 0");
    REQUIRE(today.exit_code == 0);
    CHECK(zero.exit_code == 0);
    CHECK(zero.out == today.out);
  }
}

TEST_CASE("cli reliability --volume-mt: the equilibrium's gap, the delays and the status in every format") {
  const std::string args = "reliability --from KHORGOS --to BAKU --corridor middle --samples 20000";
  const Outcome table = run_cli(args + " --volume-mt 3");
  INFO(table.out << table.err);
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "Under load: 3.00 Mt/yr KHORGOS -> BAKU at user equilibrium (relative gap "));
  CHECK(contains(table.out, "Load-dependent delays on the route"));
  CHECK_FALSE(contains(table.out, "More than can move"));
  const json j = json::parse(run_cli(args + " --volume-mt 3 --format json").out);
  CHECK(j.at("load").at("status") == "within_capacity");
  CHECK(j.at("load").at("relative_gap").get<double>() <= 1e-4);
  CHECK(j.at("load").at("volume_tpy").get<double>() == 3e6);
  const json& route = j.at("routes")[0];
  CHECK(route.at("load").at("delay_hours").get<double>() > 24.0);
  CHECK(route.at("load").at("expected_hours").get<double>() ==
        doctest::Approx(route.at("expected_hours").get<double>() + route.at("load").at("delay_hours").get<double>()));
  const json unloaded = json::parse(run_cli(args + " --format json").out);
  CHECK_FALSE(unloaded.contains("load"));
  CHECK(route.at("p90_hours").get<double>() > unloaded.at("routes")[0].at("p90_hours").get<double>());
  const std::string csv = run_cli(args + " --volume-mt 3 --format csv").out;
  CHECK(contains(csv, "volume_tpy,load_status,load_delay_days,loaded_expected_days,share_of_volume"));
  CHECK(contains(csv, ",within_capacity,"));

  // Beyond what the Caspian lines can move: a status, exit 0, not an error.
  const Outcome beyond = run_cli(args + " --volume-mt 4.5");
  CHECK(beyond.exit_code == 0);
  CHECK(contains(beyond.out, "More than can move"));
  CHECK(json::parse(run_cli(args + " --volume-mt 4.5 --format json").out).at("load").at("status") == "over_capacity");
}

TEST_CASE("cli reliability --volume-mt: bad values exit 1") {
  const Outcome negative = run_cli("reliability --from KHORGOS --to BAKU --volume-mt -1");
  CHECK(negative.exit_code == 1);
  CHECK(contains(negative.err, "[E-RANGE]"));
  const Outcome modes = run_cli("reliability --from KHORGOS --to BAKU --volume-mt 2 --modes rail");
  CHECK(modes.exit_code == 1);
  CHECK(contains(modes.err, "mode filter"));
}

TEST_CASE("cli curve: P50 and P90 per point in table, CSV and JSON") {
  const std::string args = "curve --from KHORGOS,ALASHANKOU --to BAKU --volumes-mt 1,3 --corridor middle --samples 5000";
  const Outcome table = run_cli(args);
  INFO(table.out << table.err);
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "P50 d  P90 d"));
  CHECK(contains(run_cli(args + " --format csv").out, "volume_tpy,hours,days,p50_days,p90_days,"));
  const json j = json::parse(run_cli(args + " --format json").out);
  for (const json& point : j.at("points")) {
    CHECK(point.at("p50_hours").is_number());
    CHECK(point.at("p90_hours").get<double>() >= point.at("p50_hours").get<double>());
  }
  CHECK(j.at("points")[1].at("p90_hours").get<double>() > j.at("points")[0].at("p90_hours").get<double>());
  CHECK(contains(run_cli(args + " --format svg").out, "class=\"curve-p90\""));
  CHECK(run_cli(args + " --threads 1").out == run_cli(args + " --threads 3").out);
}
