// The fast network reader (simdjson) against the diagnosing one (nlohmann, element by element):
// the same Network wherever the fast one reads a file, and the diagnosing one's diagnostics
// wherever it defers, on the shipped networks, the test data, generated networks and the
// cases the fast reader leaves to the diagnosing one. (test_network_json.cpp and
// test_network_json_diagnostics.cpp run the same check on every text of their diagnostics tests.)

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/network_writer.hpp"
#include "io/scenario_json.hpp"
#include "io/text_file.hpp"
#include "model/generate.hpp"
#include "support/network_readers.hpp"
#include "support/seed.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

std::vector<std::filesystem::path> json_files(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

const std::string kNodes = R"([
  {"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34.0, "lon": 109.0},
  {"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0}])";
const std::string kLinks = R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10}])";

std::string network_text(const std::string& nodes, const std::string& links, const std::string& extra = "") {
  return R"({"name": "t", )" + extra + R"("nodes": )" + nodes + R"(, "links": )" + links + "}";
}

}  // namespace

TEST_CASE("network readers: the shipped networks and the test data read the same both ways") {
  int networks = 0;
  for (const auto& directory : {std::filesystem::path(CORRIDOR_SOURCE_DIR) / "network",
                                std::filesystem::path(CORRIDOR_TEST_DATA_DIR) / "valid",
                                std::filesystem::path(CORRIDOR_TEST_DATA_DIR) / "invalid"}) {
    for (const auto& path : json_files(directory)) {
      const std::string text = io::read_text_file(path.string());
      if (io::sniff_file_kind(text) != io::FileKind::Network && path.parent_path().filename() != "invalid") continue;
      check_readers_agree(text, path.filename().string());
      ++networks;
    }
  }
  CHECK(networks >= 10);
}

TEST_CASE("network readers: generated networks are read by the fast reader, to the same Network") {
  for (const std::uint32_t nodes : {50u, 1000u, 20000u}) {
    for (const std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{7}, test_seed()}) {
      INFO("nodes ", nodes, ", seed ", seed);
      const std::string text = io::write_network_json(generate_network({nodes, seed}).network);
      CHECK(check_readers_agree(text, "generated.json"));
    }
  }
}

TEST_CASE("network readers: load_network reads a file as parse_network reads its text") {
  const std::string text = io::write_network_json(generate_network({500, test_seed()}).network);
  TempDir dir;
  const std::string path = dir.write("generated.json", text);
  DiagnosticSink file_sink(path), text_sink(path);
  const Network from_file = io::load_network(path, file_sink);
  const Network from_text = io::parse_network(text, text_sink);
  CHECK(network_difference(from_file, from_text) == "");
  // And a malformed file is reported with its line and column, as before.
  const std::string broken = dir.write("broken.json", text.substr(0, text.size() / 2) + "]]]");
  DiagnosticSink broken_sink(broken);
  try {
    io::load_network(broken, broken_sink);
    FAIL("a broken file loaded");
  } catch (const InputError& error) {
    REQUIRE(!error.diagnostics().empty());
    CHECK(error.diagnostics()[0].code == "E-SYNTAX");
    CHECK(error.diagnostics()[0].line > 1);
    CHECK(error.diagnostics()[0].column > 0);
  }
}

TEST_CASE("network readers: load_network gives back a large text as it reads it, and reads it again to diagnose") {
  // Releasing from 0 bytes on: the pages of the node and link lists go as the fast reader reads
  // them. Each list of a 50,000-node text is over 5 MB, so that wherever the text lands in memory
  // a whole 2 MiB page lies behind the reader at its last look before the end of either list
  // (it looks every 4,096 elements, about 0.5 MB).
  const std::string text = io::write_network_json(generate_network({50000, test_seed()}).network);
  REQUIRE(text.find("\"links\"") > (std::size_t{5} << 20));
  REQUIRE(text.size() - text.find("\"links\"") > (std::size_t{5} << 20));
  TempDir dir;
  const std::string path = dir.write("large.json", text);
  DiagnosticSink released_sink(path), text_sink(path);
  const Network released = io::load_network(path, released_sink, 0);
  const Network from_text = io::parse_network(text, text_sink);
  CHECK(network_difference(released, from_text) == "");
  CHECK(released_sink.diagnostics().empty());
  {  // the fast reader itself says that it gave pages back
    std::string copy = text;
    copy.reserve(copy.size() + 64);
    bool text_released = false;
    CHECK(io::parse_network_fast_releasing(copy, 0, text_released).has_value());
    CHECK(text_released);
  }
  // A problem near the end of the links, met after most of the text was given back: the file
  // is read again, and the diagnostics are those of its text.
  const std::size_t last_hours = text.rfind("\"hours\":");
  REQUIRE(last_hours != std::string::npos);
  std::string broken_text = text;
  broken_text.insert(last_hours + 8, "\"");
  broken_text.insert(broken_text.find_first_of(",}", last_hours + 9), "\"");  // hours as a string
  const std::string broken = dir.write("broken.json", broken_text);
  std::string released_copy = broken_text;
  released_copy.reserve(released_copy.size() + 64);
  bool text_released = false;
  CHECK(!io::parse_network_fast_releasing(released_copy, 0, text_released));
  CHECK(text_released);  // the test reaches what it is meant to
  const ReaderOutcome from_file =
      run_reader(broken, false, [&](DiagnosticSink& sink) { return io::load_network(broken, sink, 0); });
  const ReaderOutcome diagnosing =
      run_reader(broken, false, [&](DiagnosticSink& sink) { return io::parse_network_diagnosing(broken_text, sink); });
  CHECK(!from_file.network);
  REQUIRE(!from_file.diagnostics.empty());
  CHECK(from_file.diagnostics == diagnosing.diagnostics);
  CHECK(from_file.diagnostics.front().find("hours must be a number") != std::string::npos);
}

TEST_CASE("network readers: what the fast reader leaves to the diagnosing one reads the same") {
  // Each is valid (the diagnosing reader accepts it); the fast reader may defer.
  struct Case {
    std::string text;
    bool fast;  ///< whether the fast reader takes it (else it defers)
  };
  const std::vector<Case> valid = {
      {network_text(kNodes, kLinks), true},
      // A negative zero, written as an integer (nlohmann: the integer 0) or a float.
      {network_text(R"([{"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": -0, "lon": -0.0},
                  {"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0}])",
              kLinks),
       false},
      // Escapes, including control characters and non-ASCII text.
      {network_text(R"([{"id": "A", "name": "Al\npha\t\u00e9\ud83d\ude00", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109, "note": "\"q\" \\ \/"},
                  {"id": "B", "name": "Bravo ü", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0}])",
              kLinks),
       false},
      {network_text(R"([{"id": "A", "name": "\u00e9\ud83d\ude00 \u0041", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109, "note": "\"q\" \\ \/"},
                  {"id": "B", "name": "Bravo ü", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0}])",
              kLinks),
       true},
      // Links before nodes; tonnes_per_teu after the links that need it.
      {R"({"links": )" + kLinks + R"(, "name": "t", "nodes": )" + kNodes + "}", false},
      {R"({"name": "t", "nodes": )" + kNodes +
           R"(, "links": [{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "cost_usd_per_teu": 500}], "tonnes_per_teu": 12})",
       true},
      // Whole numbers written as floats, and numbers at the edges.
      {network_text(R"([{"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34e0, "lon": 1.09E2, "capacity_tpy": 4.1e6, "gauge_mm": 1435.0},
                  {"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.000000000000001, "lon": 80, "capacity_tpy": 999999999999}])",
              kLinks),
       true},
      // The user's own annotations, and nested values of every kind.
      {network_text(R"([{"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109, "x-mine": {"a": [1, {"b": null}]},
                   "aliases": "Al", "sources": [], "dwell_hours": 45,
                   "dwell_distribution": {"type": "triangular", "min_hours": 40, "mode_hours": 45, "max_hours": 50},
                   "delay": {"function": "bpr", "capacity_tpy": 1000000, "alpha": 0.15, "beta": 4},
                   "uses": {"Z": 1.5, "Y": 2}},
                  {"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0, "aliases": ["b", "bb"]}])",
              R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "waypoints": [[35, 100], [40.5, 90]],
                   "departures": ["Mon 08:00", "daily 20:00"], "corridor": ["middle"], "transit_countries": [], "uses": {"Y": 1},
                   "bidirectional": false},
                  {"from": "B", "to": "A", "mode": "road", "distance_km": 100, "hours": 10,
                   "wait_distribution": {"type": "empirical", "values_hours": [1, 2.5, 3]}}])",
              R"("resources": [{"id": "Y", "name": "y", "capacity": 1e9, "unit": "t/yr"}, {"id": "Z", "name": "z", "capacity": 5e8, "unit": "t/yr"}], )"),
       true},
      // A byte order mark, and white space after the network.
      {"\xEF\xBB\xBF" + network_text(kNodes, kLinks), false},
      {network_text(kNodes, kLinks) + " \n\t\r\n", true},
  };
  for (const Case& valid_case : valid) {
    INFO(valid_case.text);
    CHECK(check_readers_agree(valid_case.text) == valid_case.fast);
    DiagnosticSink sink("net.json");
    CHECK_NOTHROW(io::parse_network(valid_case.text, sink));
  }
}

TEST_CASE("network readers: every problem is left to the diagnosing reader") {
  const std::vector<std::string> invalid = {
      "",
      "   ",
      "[]",
      "null",
      network_text(kNodes, kLinks) + " {}",
      network_text(kNodes, kLinks) + ",",
      network_text(kNodes, kLinks).substr(0, 60),
      R"({"name": "t", "nodes": )" + kNodes + "}",
      R"({"name": "t", "nodes": )" + kNodes + R"(, "links": )" + kLinks + R"(, "links": )" + kLinks + "}",
      R"({"name": "t", "nodes": )" + kNodes + R"(, "nodes": )" + kNodes + R"(, "links": )" + kLinks + "}",
      // A key given twice (E-DUPLICATE-KEY), in an element, at the top, nested, or an annotation.
      network_text(R"([{"id": "A", "name": "First", "name": "Second", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109},
                  {"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0}])",
                   kLinks),
      R"({"name": "t", "name": "u", "nodes": )" + kNodes + R"(, "links": )" + kLinks + "}",
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10,
                                "delay": {"function": "bpr", "capacity_tpy": 1000000, "alpha": 0.15, "alpha": 0.3, "beta": 4}}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "x-a": 1, "x-a": 2}])"),
      network_text(kNodes, kLinks, R"("tonnes_per_teu": 500, )"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "cost_usd_per_teu": 500}])"),
      network_text(kNodes, R"([{"from": "A", "to": "C", "mode": "rail", "distance_km": 100, "hours": 10}])"),
      network_text(kNodes, R"([{"from": "A", "to": "A", "mode": "rail", "distance_km": 100, "hours": 10}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10},
                         {"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "colour": "red"}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": "100", "hours": 10}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": -10}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 1e400}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "uses": {"Q": 1}}])"),
      network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "capacity_tpy": 1.5}])"),
      network_text(R"([{"id": "A", "name": "A\u0000", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109, "lat": 95}])", "[]"),
      network_text(R"([{"id": "A", "name": "A	tab", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109}])", "[]"),
      network_text(R"([{"id": "A", "name": "bad \ud800 surrogate", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109}])", "[]"),
      network_text(R"([{"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109}, 5])", "[]"),
      network_text(R"({"id": "A"})", "[]"),
      network_text(R"([{"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109, "capacity_tpy": 18446744073709551615}])", "[]"),
      network_text(R"([{"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34, "lon": 109, "capacity_tpy": 1e30}])", "[]"),
      "{\"name\": \"t\xff\", \"nodes\": [], \"links\": []}",
      std::string(100, '[') + std::string(100, ']'),
  };
  for (const std::string& text : invalid) {
    INFO(text);
    CHECK_FALSE(check_readers_agree(text));
  }
  // Unknown keys allowed: the warnings come from the diagnosing reader.
  const std::string unknown = network_text(kNodes, R"([{"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10, "colour": "red"}])");
  CHECK_FALSE(check_readers_agree(unknown, "net.json", true));
}
