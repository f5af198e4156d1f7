// Network snapshots (corridor pack, docs/snapshot.md): every member round-trips exactly, a
// snapshot loads as the same network as its JSON, the commands answer the same from either,
// and damaged, truncated or crafted files are refused with E-SNAPSHOT or the network's own
// diagnostics, never a crash (this file also runs under ASan and UBSan).

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/network_snapshot.hpp"
#include "io/scenario_json.hpp"
#include "io/snapshot_format.hpp"  // the checksum, to craft files
#include "io/text_file.hpp"
#include "model/generate.hpp"
#include "support/network_compare.hpp"
#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/seed.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// A valid network with every member of every model type set to something other than its
/// default. A member added to the model is set here (and written, read and compared: see
/// the static_asserts in src/io/network_snapshot_write.cpp).
Network every_member_network() {
  Network network;
  network.name = "every member";
  network.description = "ünïcode and \"quotes\"";
  network.tonnes_per_teu = 14.5;
  network.resources.push_back({"FLEET", "the fleet", 2.5e6, "vessel-hours/yr", 1e5, {"S1", "S2"}, "est", "note"});
  network.resources.push_back({"YARD", "", 1e6, "t/yr", 0.0, {}, "", ""});

  Node a;
  a.id = "A";
  a.name = "Alpha";
  a.country = "KZ";
  a.kind = NodeKind::SeaPort;
  a.lat = -0.0;  // a negative zero stays negative
  a.lon = 51.123456789012345;
  a.dwell_distribution = Distribution::triangular(1.0, 2.0, 6.0);
  a.dwell_hours = a.dwell_distribution->mean_hours();
  a.transfer_distribution = Distribution::lognormal(10.0, 20.0, 40.0);
  a.transfer_hours = a.transfer_distribution->mean_hours();
  a.allows_transfer = false;
  a.capacity_tpy = 0;  // present and zero: not absent
  a.background_tpy = 0;
  a.uses = {{"FLEET", 0.5}, {"YARD", 2.0}};
  a.capacity_note = "cap note";
  a.aliases = {"Alfa", "Al"};
  a.gauge_mm = 1520;
  a.handling_usd_per_t = 0.0;  // present and zero
  a.status = Status::Planned;
  a.sources = {"S1"};
  a.estimate = "estimated";
  a.note = "note";
  DelayFunction queue;
  queue.form = DelayForm::Queue;
  queue.capacity_tpy = 3e6;
  queue.service_hours = 12;
  queue.variability = 1.0;
  queue.max_utilisation = 0.9;
  a.delay = queue;
  network.add_node(a);

  Node b;
  b.id = "B_2";
  b.name = "Bravo";
  b.country = "AZ";
  b.kind = NodeKind::BorderCrossing;
  b.lat = 40.4;
  b.lon = -179.9;
  b.dwell_distribution = Distribution::empirical({1.0, 2.5, 7.0});
  b.dwell_hours = b.dwell_distribution->mean_hours();
  b.transfer_hours = 3.25;
  b.allows_transfer = true;
  b.capacity_tpy = 7'000'000;
  b.background_tpy = 100'000;
  b.status = Status::Closed;
  DelayFunction none;
  none.form = DelayForm::None;
  b.delay = none;
  network.add_node(b);

  Link ferry;
  ferry.id = "A-B_2";
  ferry.from = 0;
  ferry.to = 1;
  ferry.mode = Mode::Ferry;
  ferry.distance_km = 470.5;
  ferry.hours = 22.25;
  ferry.capacity_tpy = 4'000'000;
  ferry.vessel_payload_t = 5000;
  ferry.background_tpy = 1000;
  ferry.uses = {{"FLEET", 1.25}};
  ferry.capacity_note = "c";
  ferry.bidirectional = false;
  ferry.corridors = {"middle", "shared"};
  ferry.transit_countries = {"TM", "IR"};
  ferry.waypoints = {{41.0, 50.5}, {-0.0, 179.0}};
  ferry.gauge_mm = 1435;
  ferry.cost_usd_per_t = 20.5;
  ferry.cost_usd_per_teu = 300;
  ferry.co2_g_per_tkm = 15;
  ferry.status = Status::Planned;
  ferry.sources = {"S2", "S1"};
  ferry.estimate = "e";
  ferry.note = "n";
  ferry.crossing = "Caspian";
  WeeklySchedule schedule;
  schedule.departure_minutes = {480, 5000, 10079};
  ferry.schedule = schedule;
  ferry.departures_per_week = 3.0;
  DelayFunction bpr;
  bpr.capacity_tpy = 5e6;
  bpr.alpha = 0.3;
  bpr.beta = 5.0;
  ferry.delay = bpr;
  network.add_link(ferry);

  Link road;
  road.id = "B_2-A";
  road.from = 1;
  road.to = 0;
  road.mode = Mode::Road;
  road.distance_km = 1;
  road.hours = 0.5;
  road.departures_per_week = 7.0;
  road.wait_distribution = Distribution::lognormal(2.0, 5.0);
  network.add_link(road);
  return network;
}

Network read_bytes(const std::string& bytes, const std::string& file = "test.cnet") {
  DiagnosticSink sink(file);
  return io::read_network_snapshot(bytes.data(), bytes.size(), sink);
}

/// The first diagnostic's message of reading `bytes`, or "" when they read.
std::string refusal(const std::string& bytes) {
  try {
    read_bytes(bytes);
    return "";
  } catch (const InputError& error) {
    REQUIRE(!error.diagnostics().empty());
    return error.diagnostics().front().code + " " + error.diagnostics().front().message;
  }
}

void store64(std::string& bytes, std::size_t at, std::uint64_t value) { std::memcpy(bytes.data() + at, &value, 8); }

/// After a change of the payload: the header's checksum made to match it again (a crafted file).
void reseal(std::string& bytes) {
  store64(bytes, 24, io::detail::xxh64(bytes.data() + 40, bytes.size() - 40));
}

}  // namespace

TEST_CASE("snapshot: every member of every model type round-trips exactly") {
  const Network network = every_member_network();
  const std::string bytes = io::network_snapshot_bytes(network);
  CHECK(io::looks_like_network_snapshot(bytes));
  const Network read = read_bytes(bytes);
  CHECK(network_difference(network, read) == "");
  CHECK(std::signbit(read.nodes[0].lat));
  CHECK(read.nodes[0].capacity_tpy == std::optional<TonnesPerYear>(0));
  CHECK(!read.nodes[1].handling_usd_per_t.has_value());
  CHECK(io::network_snapshot_bytes(read) == bytes);  // the same network, the same bytes
}

TEST_CASE("snapshot: the shipped network, the test data and generated networks load as their JSON does") {
  std::vector<std::string> files = {kSourceDir + "/network/middle-corridor.json"};
  for (const auto& entry : std::filesystem::directory_iterator(CORRIDOR_TEST_DATA_DIR "/valid"))
    if (io::sniff_file_kind(io::read_text_file(entry.path().string())) == io::FileKind::Network)
      files.push_back(entry.path().string());
  TempDir dir;
  for (const std::string& file : files) {
    INFO(file);
    DiagnosticSink json_sink(file);
    const Network from_json = io::load_network(file, json_sink);
    const std::string packed = dir.write("packed.cnet", io::network_snapshot_bytes(from_json));
    DiagnosticSink snapshot_sink(packed);
    const Network from_snapshot = io::load_network(packed, snapshot_sink);  // memory-mapped
    CHECK(network_difference(from_json, from_snapshot) == "");
    CHECK(snapshot_sink.diagnostics().size() == json_sink.diagnostics().size());
  }
  const std::uint64_t seed = test_seed();
  for (std::uint64_t k = 0; k < 3; ++k) {
    INFO("generated network, seed " << seed + k);
    const Network generated = generate_network({300, seed + k}).network;
    CHECK(network_difference(generated, read_bytes(io::network_snapshot_bytes(generated))) == "");
  }
}

TEST_CASE("snapshot: route, flow and a scenario answer the same from the JSON and from the snapshot") {
  TempDir dir;
  const std::string json = kSourceDir + "/network/middle-corridor.json";
  const std::string cnet = dir.file("mc.cnet");
  const Outcome pack = run_cli("pack " + quote(json) + " -o " + quote(cnet));
  REQUIRE(pack.exit_code == 0);
  CHECK(pack.out == cnet + ": network snapshot, 108 nodes, 143 links, 2 resources, " +
                        std::to_string(std::filesystem::file_size(cnet)) + " bytes\n");
  for (const std::string& query : {std::string("route --from XIAN --to ISTANBUL --k 2 --format json"),
                                   std::string("flow --from KHORGOS,ALASHANKOU --to BAKU --corridor middle")}) {
    INFO(query);
    const Outcome from_json = run_cli(query + " --network " + quote(json));
    const Outcome from_snapshot = run_cli(query + " --network " + quote(cnet));
    CHECK(from_json.exit_code == 0);
    CHECK(from_snapshot.exit_code == 0);
    CHECK(from_snapshot.out == from_json.out);
  }
  // A scenario's "network" may name a snapshot.
  const std::string small_cnet = dir.file("small.cnet");
  REQUIRE(run_cli("pack " + quote(kSmall) + " -o " + quote(small_cnet)).exit_code == 0);
  std::string scenario = read_file(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json");
  const std::string json_run = run_cli("run " + quote(CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json")).out;
  scenario.replace(scenario.find("\"small.json\""), 12, "\"small.cnet\"");
  const std::string scenario_path = dir.write("scenario_small.json", scenario);
  const Outcome snapshot_run = run_cli("run " + quote(scenario_path));
  CHECK(snapshot_run.exit_code == 0);
  CHECK(snapshot_run.out == json_run);
}

TEST_CASE("snapshot: truncated at every length, refused with E-SNAPSHOT") {
  DiagnosticSink sink(kSmall);
  const std::string bytes = io::network_snapshot_bytes(io::load_network(kSmall, sink));
  for (std::size_t size = 8; size < bytes.size(); ++size) {
    const std::string message = refusal(bytes.substr(0, size));
    INFO("truncated to " << size << " of " << bytes.size() << " bytes: " << message);
    CHECK(message.rfind("E-SNAPSHOT ", 0) == 0);
    CHECK(message.find("truncated") != std::string::npos);
  }
  CHECK(refusal(bytes + '\0').find("after its last column") != std::string::npos);
}

TEST_CASE("snapshot: a changed byte is a checksum error, and with the checksum made right a refusal or a valid network") {
  DiagnosticSink sink(kSmall);
  const std::string bytes = io::network_snapshot_bytes(io::load_network(kSmall, sink));
  std::mt19937_64 random(test_seed());
  std::uniform_int_distribution<std::size_t> position(40, bytes.size() - 1);
  std::uniform_int_distribution<int> bit(0, 7);
  int refused = 0, accepted = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string damaged = bytes;
    const std::size_t at = position(random);
    damaged[at] = static_cast<char>(damaged[at] ^ (1 << bit(random)));
    INFO("trial " << trial << ", byte " << at);
    CHECK(refusal(damaged).find("the checksum of its columns does not match") != std::string::npos);
    reseal(damaged);  // a crafted file: the structure and the values must still be checked
    try {
      const Network network = read_bytes(damaged);
      // Whatever it reads is a network the checks accept, and it writes and reads back the same.
      CHECK(network_difference(network, read_bytes(io::network_snapshot_bytes(network))) == "");
      ++accepted;
    } catch (const InputError& error) {
      CHECK(!error.diagnostics().empty());
      ++refused;
    }
  }
  CHECK(refused > 0);
  MESSAGE(refused << " crafted snapshots refused, " << accepted << " read as valid networks");
}

TEST_CASE("snapshot: header problems are named") {
  const std::string bytes = io::network_snapshot_bytes(every_member_network());
  std::string version = bytes;
  version[8] = 2;
  CHECK(refusal(version) ==
        "E-SNAPSHOT network snapshot format version 2 is not supported (this corridor reads version 1); re-create it "
        "with `corridor pack`");
  std::string order = bytes;
  std::swap(order[12], order[15]);
  CHECK(refusal(order).find("byte order") != std::string::npos);
  CHECK(refusal("{\"name\": \"x\"}   ").find("not a network snapshot") != std::string::npos);
  CHECK(refusal(bytes.substr(0, 20)).find("shorter than its 40-byte header") != std::string::npos);

  // A crafted file with a correct checksum and a value the JSON reader would refuse.
  Network bad = every_member_network();
  bad.links[0].hours = -1;
  const std::string message = refusal(io::network_snapshot_bytes(bad));
  CHECK(message.rfind("E-RANGE hours must be >= 0", 0) == 0);
}

TEST_CASE("snapshot: an optional number marked present but NaN or the least integer is refused") {
  // What stands for "absent" in memory (model/packed_optional.hpp) cannot come from a file.
  Network net = every_member_network();
  const double cost = 123.4567890123;
  const TonnesPerYear capacity = 987654321987;
  net.links[0].cost_usd_per_t = cost;
  net.links[0].capacity_tpy = capacity;
  const std::string bytes = io::network_snapshot_bytes(net);
  auto replaced = [&](const auto& value, const auto& with) {
    std::string pattern(sizeof value, '\0'), replacement(sizeof with, '\0');
    std::memcpy(pattern.data(), &value, sizeof value);
    std::memcpy(replacement.data(), &with, sizeof with);
    const std::size_t at = bytes.find(pattern);
    REQUIRE(at != std::string::npos);
    REQUIRE(bytes.find(pattern, at + 1) == std::string::npos);
    std::string crafted = bytes;
    crafted.replace(at, pattern.size(), replacement);
    reseal(crafted);
    return crafted;
  };
  const std::string nan_cost = refusal(replaced(cost, std::numeric_limits<double>::quiet_NaN()));
  CHECK(nan_cost.rfind("E-SNAPSHOT ", 0) == 0);
  CHECK(nan_cost.find("NaN or the least integer") != std::string::npos);
  const std::string least_capacity = refusal(replaced(capacity, std::numeric_limits<TonnesPerYear>::min()));
  CHECK(least_capacity.find("NaN or the least integer") != std::string::npos);
}

TEST_CASE("snapshot: a file that is not one goes to the JSON reader and its diagnostics") {
  TempDir dir;
  const std::string path = dir.write("garbage.cnet", std::string("\x89PNG\r\n\x1a\n not a snapshot"));
  DiagnosticSink sink(path);
  try {
    io::load_network(path, sink);
    FAIL("garbage accepted");
  } catch (const InputError& error) {
    CHECK(error.diagnostics().front().code == "E-SYNTAX");
  }
}

TEST_CASE("snapshot: corridor pack writes nothing for an invalid network") {
  TempDir dir;
  const std::string out = dir.file("out.cnet");
  const Outcome r = run_cli("pack " + quote(CORRIDOR_TEST_DATA_DIR "/invalid/self_loop.json") + " -o " + quote(out));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("[E-SELF-LOOP]") != std::string::npos);
  CHECK(r.out.empty());
  CHECK(std::filesystem::is_empty(dir.path()));  // neither the output nor a temporary file
  // Re-packing a snapshot gives the same bytes.
  const std::string first = dir.file("a.cnet"), second = dir.file("b.cnet");
  REQUIRE(run_cli("pack " + quote(kSmall) + " -o " + quote(first)).exit_code == 0);
  REQUIRE(run_cli("pack " + quote(first) + " -o " + quote(second)).exit_code == 0);
  CHECK(read_file(first) == read_file(second));
}

TEST_CASE("snapshot: strings used many times cannot ask for more memory than a network file may have") {
  Network network = every_member_network();
  const std::string long_alias(300'000, 'x');  // stored once, used five times: 1.5 MB when read
  network.nodes[0].aliases = std::vector<std::string>(5, long_alias);
  const std::string bytes = io::network_snapshot_bytes(network);
  CHECK(bytes.size() < 400'000);
  CHECK(refusal(bytes) == "");
  ::setenv(io::kMaxNetworkEnv, "1", 1);  // this test case runs in a process of its own (ctest)
  const std::string message = refusal(bytes);
  ::unsetenv(io::kMaxNetworkEnv);
  CHECK(message.find("add up to more than the 1 MiB a network file may have") != std::string::npos);
}

TEST_CASE("snapshot: a resource drawn on twice by one element is refused, as JSON cannot say it") {
  Network network = every_member_network();
  network.nodes[0].uses.push_back(network.nodes[0].uses.front());
  const std::string message = refusal(io::network_snapshot_bytes(network));
  CHECK(message.find("E-RESOURCE-REF") == 0);
  CHECK(message.find("resource \"" + network.nodes[0].uses.front().resource + "\" is drawn on twice") !=
        std::string::npos);
}
