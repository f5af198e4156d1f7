// Determinism: the same input gives byte-identical output, run after run and from another
// working directory: `corridor run` on every shipped scenario in every output format, the
// HTML report and map, and route and flow queries in every format; and whatever pages the heap
// is on (src/cli/heap_pages.hpp).

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;

namespace {

const char* const kFormats[] = {"table", "json", "csv", "geojson", "dot"};

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + "/scenarios"))
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// Runs `args` twice (the second time from an empty directory) and requires the same bytes.
void check_same_output_twice(const std::string& args) {
  INFO("corridor " << args);
  const Outcome first = run_cli(args);
  TempDir elsewhere;
  const Outcome second = run_cli(args, elsewhere.path().string());
  INFO("stderr: " << first.err);
  CHECK((first.exit_code == 0 || first.exit_code == 2));
  CHECK(first.out.size() > 100);
  CHECK(second.exit_code == first.exit_code);
  CHECK(second.out == first.out);
  CHECK(second.err == first.err);
}

void check_scenarios_in(const std::string& format) {
  const std::vector<std::string> scenarios = shipped_scenarios();
  REQUIRE(scenarios.size() >= 10);
  for (const std::string& scenario : scenarios) check_same_output_twice("run --format " + format + " " + quote(scenario));
}

}  // namespace

TEST_CASE("determinism: corridor run gives the same bytes twice in table format") { check_scenarios_in("table"); }
TEST_CASE("determinism: corridor run gives the same bytes twice in json format") { check_scenarios_in("json"); }
TEST_CASE("determinism: corridor run gives the same bytes twice in csv format") { check_scenarios_in("csv"); }
TEST_CASE("determinism: corridor run gives the same bytes twice in geojson format") { check_scenarios_in("geojson"); }
TEST_CASE("determinism: corridor run gives the same bytes twice in dot format") { check_scenarios_in("dot"); }

TEST_CASE("determinism: route, flow, report and map give the same bytes twice") {
  for (const char* format : kFormats) {
    check_same_output_twice(std::string("route --from XIAN --to DUISBURG --format ") + format);
    check_same_output_twice(std::string("flow --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --format ") + format);
  }
  check_same_output_twice("report " + quote(kSourceDir + "/scenarios/baseline.json"));
  check_same_output_twice("map");
}

TEST_CASE("determinism: criticality gives the same bytes whatever the thread count") {
  const std::string base =
      "criticality --from KHORGOS,ALASHANKOU --to BAKU --corridor middle --od XIAN:BAKU --format json";
  const Outcome one = run_cli(base + " --threads 1");
  INFO("stderr: " << one.err);
  REQUIRE(one.exit_code == 0);
  CHECK(one.out.find("\"ranking\"") != std::string::npos);
  for (const char* threads : {"2", "3", "8"}) {
    INFO("--threads " << threads);
    const Outcome many = run_cli(base + " --threads " + threads);
    CHECK(many.exit_code == 0);
    CHECK(many.out == one.out);
  }
}

TEST_CASE("determinism: the heap on small pages (CORRIDOR_SMALL_PAGES) gives the same bytes") {
  // The memory policy must not reach the answers: a route, a max flow and a validation of a
  // generated network, each with the heap on huge pages (the default) and on small ones.
  TempDir dir;
  const std::string network = quote(dir.file("generated.json"));
  REQUIRE(run_cli("generate --nodes 20000 --seed 3 -o " + network).exit_code == 0);
  const std::vector<std::string> commands{"route --from N0 --to N19999 --format json --network " + network,
                                          "flow --from N0 --to N19999 --max-detour none --format json --network " + network,
                                          "validate " + network};
  for (const std::string& command : commands) {
    INFO("corridor " << command);
    const Outcome huge = run_cli(command, {}, "env -u CORRIDOR_SMALL_PAGES ");
    const Outcome small = run_cli(command, {}, "CORRIDOR_SMALL_PAGES=1 ");
    INFO("stderr: " << huge.err);
    CHECK(huge.exit_code == 0);
    CHECK(small.exit_code == huge.exit_code);
    CHECK(small.out == huge.out);
    CHECK(huge.out.size() > 50);
  }
}
