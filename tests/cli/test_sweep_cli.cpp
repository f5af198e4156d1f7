// corridor sweep: deterministic for a seed whatever the thread count, shards run as separate
// processes merge to the whole run byte for byte, and bad sweep files are diagnosed at once.

#include <string>

#include <doctest/doctest.h>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;

namespace {

const std::string kRoadmapSweep = quote(kSourceDir + "/scenarios/sweeps/roadmap-uncertainty.json");

}  // namespace

TEST_CASE("sweep cli: the same summary for 1 and 2 threads, and a seed changes it") {
  const Outcome one = run_cli("sweep " + kRoadmapSweep + " --samples 600 --seed 3 --threads 1");
  const Outcome two = run_cli("sweep " + kRoadmapSweep + " --samples 600 --seed 3 --threads 2");
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  CHECK(two.exit_code == 0);
  CHECK(one.out == two.out);
  CHECK(one.out.find("P(reach 10 Mt/yr to Baku/Alat) = ") != std::string::npos);
  CHECK(one.out.find("standard error") != std::string::npos);
  // 10 Mt/yr is out of reach of every sample on the shipped network: nothing to rank, and it says so
  CHECK(one.out.find("What moves \"target_met\": nothing; it is met in none of the 600 samples") != std::string::npos);
  CHECK(one.out.find("What moves \"carry_2024_volume\" most") != std::string::npos);
  CHECK(one.err.empty());  // progress only when stderr is a terminal
  const Outcome other = run_cli("sweep " + kRoadmapSweep + " --samples 600 --seed 4 --threads 2");
  CHECK(other.out != one.out);
}

TEST_CASE("sweep cli: three shards run as separate processes merge to the whole run byte for byte") {
  TempDir dir;
  const std::string args = "sweep " + kRoadmapSweep + " --samples 500 --seed 11";
  // The shard files do not depend on the output format: written once, merged in every format.
  // Shards in another order than 1, 2, 3 on the command line: the merge sorts by sample index.
  std::string shard_files;
  for (int shard : {3, 1, 2}) {
    const std::string file = dir.file("shard" + std::to_string(shard) + ".jsonl");
    const Outcome part = run_cli(args + " --threads 2 --shard " + std::to_string(shard) + "/3 --out " + quote(file));
    INFO(part.err);
    REQUIRE(part.exit_code == 0);
    shard_files += ' ';  // not `" " + quote(file)`: GCC 12 warns falsely on that (bug 105651)
    shard_files += quote(file);
  }
  for (const char* format : {"table", "json", "csv"}) {
    CAPTURE(format);
    const Outcome whole = run_cli(args + " --threads 1 --format " + format);
    REQUIRE(whole.exit_code == 0);
    const Outcome merged = run_cli("sweep " + kRoadmapSweep + " --format " + format + " --merge" + shard_files);
    INFO(merged.err);
    REQUIRE(merged.exit_code == 0);
    CHECK(merged.out == whole.out);
  }
}

TEST_CASE("sweep cli: a missing shard, a repeated one and a foreign file are refused") {
  TempDir dir;
  const std::string args = "sweep " + kRoadmapSweep + " --samples 30 --threads 1";
  const std::string a = dir.file("a.jsonl"), b = dir.file("b.jsonl");
  REQUIRE(run_cli(args + " --shard 1/2 --out " + quote(a)).exit_code == 0);
  REQUIRE(run_cli(args + " --shard 2/2 --out " + quote(b)).exit_code == 0);
  const Outcome missing = run_cli("sweep " + kRoadmapSweep + " --merge " + quote(a));
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("is in none of the files") != std::string::npos);
  const Outcome twice = run_cli("sweep " + kRoadmapSweep + " --merge " + quote(a) + " " + quote(a) + " " + quote(b));
  CHECK(twice.exit_code == 1);
  CHECK(twice.err.find("appears twice") != std::string::npos);
  const std::string other = quote(kSourceDir + "/scenarios/sweeps/caspian-transit.json");
  const Outcome foreign = run_cli("sweep " + other + " --merge " + quote(a) + " " + quote(b));
  CHECK(foreign.exit_code == 1);
  CHECK(foreign.err.find("another sweep file") != std::string::npos);
  const Outcome no_out = run_cli(args + " --shard 1/2");
  CHECK(no_out.exit_code == 1);
  const Outcome bad_shard = run_cli(args + " --shard 3/2 --out " + quote(a));
  CHECK(bad_shard.exit_code == 1);
}

TEST_CASE("sweep cli: every problem of a bad sweep file at once, with pointers and suggestions") {
  TempDir dir;
  const std::string file = dir.write("bad.json", R"({
  "name": "bad",
  "base": {"network": ")" + kSourceDir + R"(/network/middle-corridor.json"},
  "inputs": [
    {"id": "a", "distribution": {"type": "triangulr", "min": 1, "max": 2}, "estimate": "test",
     "apply": [{"type": "set_link", "id": "AKTAU-BAKU", "field": "capacity_tpy"}]},
    {"id": "b", "distribution": {"type": "bernoulli", "p": 1.5}, "estimate": "test",
     "changes": [{"type": "close_link", "id": "AKTAU-BAKUU"}]},
    {"id": "c", "distribution": {"type": "uniform", "min": 1, "max": 2}, "estimate": "test",
     "apply": [{"type": "set_node", "id": "AKTAU", "field": "capacity"}]}
  ],
  "correlations": [{"id": "g", "inputs": ["a", "bb"], "rho": 0.5}],
  "queries": [{"id": "q", "type": "flow", "from": "KHORGOS", "to": "BAKU"}],
  "outcomes": [{"id": "o", "figure": "q.max_flow", "at_least": 1}]
})");
  const Outcome bad = run_cli("sweep " + quote(file) + " --samples 10");
  CHECK(bad.exit_code == 1);
  INFO(bad.err);
  CHECK(bad.err.find("/inputs/0/distribution/type") != std::string::npos);
  CHECK(bad.err.find("did you mean \"triangular\"") != std::string::npos);
  CHECK(bad.err.find("/inputs/1/distribution/p") != std::string::npos);
  CHECK(bad.err.find("/inputs/2/apply/0/field") != std::string::npos);
  CHECK(bad.err.find("did you mean \"capacity_tpy\"") != std::string::npos);
  CHECK(bad.err.find("/correlations/0/inputs/1") != std::string::npos);
  CHECK(bad.err.find("/outcomes/0/figure") != std::string::npos);
  CHECK(bad.err.find("did you mean \"q.max_flow_tpy\"") != std::string::npos);

  // An unknown element id in an input's changes is found before any sampling.
  const std::string ids = dir.write("ids.json", R"({
  "name": "ids", "base": {},
  "inputs": [{"id": "b", "distribution": {"type": "bernoulli", "p": 0.5}, "estimate": "test",
              "changes": [{"type": "close_link", "id": "AKTAU-BAKUU"}]}],
  "queries": [{"id": "q", "type": "route", "from": "XIAN", "to": "BAKUU"}]
})");
  const Outcome unknown = run_cli("sweep " + quote(ids) + " --samples 10");
  CHECK(unknown.exit_code == 1);
  INFO(unknown.err);
  CHECK(unknown.err.find("/inputs/0/changes/0/id") != std::string::npos);
  CHECK(unknown.err.find("AKTAU-BAKU") != std::string::npos);
}

TEST_CASE("sweep cli: the HTML summary and corridor report on a sweep are the same page") {
  TempDir dir;
  const std::string sweep_html = dir.file("sweep.html"), report_html = dir.file("report.html");
  REQUIRE(run_cli("sweep " + kRoadmapSweep + " --format html -o " + quote(sweep_html)).exit_code == 0);
  REQUIRE(run_cli("report " + kRoadmapSweep + " -o " + quote(report_html)).exit_code == 0);
  const std::string page = read_file(sweep_html);
  CHECK(page == read_file(report_html));
  CHECK(page.find("<svg class=\"tornado\"") != std::string::npos);
  CHECK(page.find("data-outcome=\"target_met\"") != std::string::npos);
}

TEST_CASE("sweep cli: a shard whose first line is blank or not a header, or with a sample count out of range, is refused") {
  TempDir dir;
  const std::string args = "sweep " + kRoadmapSweep + " --samples 6 --threads 1";
  const std::string a = dir.file("a.jsonl"), b = dir.file("b.jsonl");
  REQUIRE(run_cli(args + " --shard 1/2 --out " + quote(a)).exit_code == 0);
  REQUIRE(run_cli(args + " --shard 2/2 --out " + quote(b)).exit_code == 0);
  const std::string shard = read_file(a);
  // A blank first line: the header is the first line that is not blank.
  const std::string blank_first = dir.write("blank.jsonl", "\n" + shard);
  const Outcome blank = run_cli("sweep " + kRoadmapSweep + " --merge " + quote(blank_first) + " " + quote(b));
  INFO(blank.err);
  CHECK(blank.exit_code == 0);
  const std::string garbage_first = dir.write("garbage.jsonl", "garbage\n" + shard);
  const Outcome garbage = run_cli("sweep " + kRoadmapSweep + " --merge " + quote(garbage_first) + " " + quote(b));
  CHECK(garbage.exit_code == 1);
  CHECK(garbage.err.find("garbage.jsonl:1: error: the first line is not a shard header") != std::string::npos);
  CHECK(garbage.err.find("outside") == std::string::npos);  // no sample read against a header it lacks
  std::string huge = shard;
  const auto at = huge.find("\"samples\":6");
  REQUIRE(at != std::string::npos);
  huge.replace(at, 11, "\"samples\":999999999");
  const Outcome big = run_cli("sweep " + kRoadmapSweep + " --merge " + quote(dir.write("huge.jsonl", huge)));
  CHECK(big.exit_code == 1);
  CHECK(big.err.find("is not from 1 to 100000000") != std::string::npos);
  // The file's own sample count has the command line's limit.
  std::string sweep = read_file(kSourceDir + "/scenarios/sweeps/roadmap-uncertainty.json");
  const auto base = sweep.find("\"../baseline.json\"");
  REQUIRE(base != std::string::npos);
  sweep.replace(base, 18, "\"" + kSourceDir + "/scenarios/baseline.json\"");
  const auto samples = sweep.find("\"samples\": ");
  REQUIRE(samples != std::string::npos);
  sweep.insert(samples + 11, "1000000000000, \"x-was\": ");
  const Outcome file = run_cli("validate " + quote(dir.write("sweep.json", sweep)));
  INFO(file.err);
  CHECK(file.exit_code == 1);
  CHECK(file.err.find("/samples: samples must be from 1 to 100000000") != std::string::npos);
}

TEST_CASE("sweep cli: an apply entry's values are refused, not replaced by the draw without a word") {
  TempDir dir;
  const std::string sweep = dir.write("sweep.json", R"({"name": "s", "base": {"network": ")" + kSourceDir +
      R"(/network/middle-corridor.json"},
     "inputs": [{"id": "b", "distribution": {"type": "uniform", "min": 10, "max": 20}, "estimate": "g",
                 "apply": [{"type": "set_link", "id": "AKTAU-BAKU", "field": "hours", "values": {"capacity_tpy": 1}}]},
                {"id": "c", "distribution": {"type": "uniform", "min": 10, "max": 20}, "estimate": "g",
                 "apply": [{"type": "close_link", "id": "AKTAU-BAKU", "field": "hours"}]}],
     "queries": [{"id": "q", "type": "flow", "from": "KHORGOS", "to": "BAKU"}]})");
  const Outcome outcome = run_cli("validate " + quote(sweep));
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.err.find("/inputs/0/apply/0/values: an \"apply\" entry takes the draw") != std::string::npos);
  CHECK(outcome.err.find("/inputs/1/apply/0/type: a continuous input applies set_link") != std::string::npos);
  CHECK(outcome.err.find("unknown key \"values\"") == std::string::npos);
}

TEST_CASE("sweep cli: an outcome or correlation group id used twice, and an input listed twice in its group, are refused") {
  TempDir dir;
  const std::string sweep = dir.write("sweep.json", R"({"name": "s", "base": {"network": ")" + kSourceDir +
      R"(/network/middle-corridor.json"},
     "inputs": [{"id": "a", "distribution": {"type": "uniform", "min": 10, "max": 20}, "estimate": "g",
                 "apply": [{"type": "set_link", "id": "AKTAU-BAKU", "field": "hours"}]},
                {"id": "b", "distribution": {"type": "uniform", "min": 10, "max": 20}, "estimate": "g",
                 "apply": [{"type": "set_link", "id": "KURYK-BAKU", "field": "hours"}]}],
     "correlations": [{"id": "g", "inputs": ["a", "a"], "rho": 0.5}, {"id": "g", "inputs": ["b"], "rho": 0.5}],
     "queries": [{"id": "q", "type": "flow", "from": "KHORGOS", "to": "BAKU"}],
     "outcomes": [{"id": "o", "figure": "q.max_flow_tpy", "at_least": 1}, {"id": "o", "figure": "q.max_flow_tpy", "at_most": 1}]})");
  const Outcome outcome = run_cli("validate " + quote(sweep));
  INFO(outcome.err);
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.err.find("/correlations/0/inputs/1: input \"a\" is listed twice in this group") != std::string::npos);
  CHECK(outcome.err.find("/correlations/1/id (g): a correlation group with id \"g\" already exists [E-DUP-ID]") != std::string::npos);
  CHECK(outcome.err.find("/outcomes/1/id (o): an outcome with id \"o\" already exists [E-DUP-ID]") != std::string::npos);
}
