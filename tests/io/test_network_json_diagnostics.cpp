// Loading network files: syntax errors with line and column, invalid UTF-8, unknown keys,
// several errors in one file, missing files, suggestions for unknown ids, key order and
// streaming. Valid files and malformed values: test_network_json.cpp.

#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/text_file.hpp"
#include "model/diagnostic.hpp"
#include "support/diagnostics.hpp"
#include "support/network_json_text.hpp"
#include "support/network_readers.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

TEST_CASE("network json: syntax errors give the exact line and column") {
  struct Row {
    const char* what;
    std::string text;
    int line;
    int column;
  };
  const Row rows[] = {
      // the stray ',' is on line 4, column 13
      {"comma in empty array", "{\n  \"name\": \"x\",\n  \"nodes\": [],\n  \"links\": [,]\n}\n", 4, 13},
      // trailing comma: the '}' on line 3, column 1
      {"trailing comma", "{\n  \"name\": \"x\",\n}\n", 3, 1},
      // a bare word: 'x' is read at line 2, column 11
      {"bare word", "{\n  \"name\": xyz\n}", 2, 11},
      // a missing value: the '}' at line 1, column 9
      {"first line", "{\"name\":}", 1, 9},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    const auto diagnostics = errors_of(row.text, "broken.json");
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    const Diagnostic& d = diagnostics.front();
    CHECK(d.code == "E-SYNTAX");
    CHECK(d.line == row.line);
    CHECK(d.column == row.column);
    CHECK(d.pointer.empty());
    CHECK(format(d).rfind("broken.json:" + std::to_string(row.line) + ":" + std::to_string(row.column) +
                              ": error: syntax error",
                          0) == 0);
    CHECK(format(d).find("[E-SYNTAX]") != std::string::npos);
  }
}

TEST_CASE("network json: invalid UTF-8 in a string is E-UTF8 with its position") {
  const std::string text = "{\n  \"name\": \"bad \xff name\",\n  \"nodes\": [],\n  \"links\": []\n}\n";
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "E-UTF8");
  CHECK(diagnostics[0].line == 2);
  CHECK(diagnostics[0].column == 16);  // the 0xFF byte
}

TEST_CASE("network json: a number too large for a double is an error, not a crash") {
  const std::string text = net(kNodeA + "," + kNodeB,
                               "\n    {\"from\": \"A\", \"to\": \"B\", \"mode\": \"rail\", \"distance_km\": 1e400, "
                               "\"hours\": 1}");
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  REQUIRE(count_errors(diagnostics) >= 1);
  const Diagnostic* d = find_diagnostic(diagnostics, "E-TOO-LARGE");
  REQUIRE(d != nullptr);
  CHECK(d->line == 5);
  CHECK(d->column == 61);  // where 1e400 starts
  for (const char* huge : {"-1e400", "1e999999", "123456789012345678901234567890e300"}) {
    CAPTURE(huge);
    const auto more = errors_of(R"({"name": "x", "tonnes_per_teu": )" + std::string(huge) +
                                R"(, "nodes": [], "links": []})");
    CHECK(count_errors(more) >= 1);
  }
}

TEST_CASE("network json: unknown keys are errors naming the closest known key") {
  DiagnosticSink sink("net.json");
  std::vector<Diagnostic> errors;
  try {
    parse(net(R"({"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 1, "lon": 1,
                 "capactiy_tpy": 5, "x-owner": "KTZ"},)" + kNodeB,
              R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1})"),
          sink);
  } catch (const InputError& error) {
    errors = error.diagnostics();
  }
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(format(errors.front()) ==
        "net.json: error: /nodes/0/capactiy_tpy (node A): unknown key \"capactiy_tpy\" in node (did you mean "
        "\"capacity_tpy\"?) (prefix your own annotations with \"x-\", or pass --allow-unknown-keys) [E-UNKNOWN-KEY]");
}

TEST_CASE("network json: unknown keys allowed are warnings and the network still loads") {
  const std::string text = net(
      R"({"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 1, "lon": 1, "capactiy_tpy": 5},)" +
          kNodeB,
      R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "speed": 80})");
  DiagnosticSink sink("net.json");
  sink.allow_unknown_keys(true);
  const Network network = parse(text, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(network.nodes.size() == 2);
  CHECK(network.links.size() == 1);
  CHECK_FALSE(network.nodes[0].capacity_tpy.has_value());
  REQUIRE(sink.diagnostics().size() == 2);
  const Diagnostic* node_key = find_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/nodes/0/capactiy_tpy");
  REQUIRE(node_key != nullptr);
  CHECK(node_key->severity == Severity::Warning);
  CHECK(node_key->element_id == "node A");
  CHECK(format(*node_key) ==
        "net.json: warning: /nodes/0/capactiy_tpy (node A): unknown key \"capactiy_tpy\" in node ignored "
        "[W-UNKNOWN-KEY]");
  CHECK(has_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/links/0/speed"));

  DiagnosticSink top_sink;
  top_sink.allow_unknown_keys(true);
  parse(R"({"name": "x", "nodes": [], "links": [], "version": 2})", top_sink);
  CHECK(has_diagnostic(top_sink.diagnostics(), "W-UNKNOWN-KEY", "/version"));
}

TEST_CASE("network json: a key given twice is an error at its pointer, named by its element, wherever it is") {
  const std::string text =
      R"({"name": "x", "nodes": [{"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 1, "lon": 1,
                                 "x-owner": "KTZ", "x-owner": "TCDD"},)" +
      kNodeB + R"(], "links": [{"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1,
                                "capacity_tpy": -5, "capacity_tpy": 5000000,
                                "delay": {"function": "bpr", "capacity_tpy": 1000, "beta": 4, "beta": 2}}],
          "resources": [{"id": "R", "name": "r", "capacity": 1, "capacity": 2, "unit": "t/yr"}], "name": "y"})";
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  CHECK(count_errors(diagnostics) == 5);
  const Diagnostic* owner = find_diagnostic(diagnostics, "E-DUPLICATE-KEY", "/nodes/0/x-owner");
  REQUIRE(owner != nullptr);
  CHECK(owner->element_id == "node A");
  const Diagnostic* capacity = find_diagnostic(diagnostics, "E-DUPLICATE-KEY", "/links/0/capacity_tpy");
  REQUIRE(capacity != nullptr);
  CHECK(format(*capacity) == "net.json: error: /links/0/capacity_tpy (link A-B): key \"capacity_tpy\" is given "
                             "twice in this object; give it once [E-DUPLICATE-KEY]");
  CHECK(has_diagnostic(diagnostics, "E-DUPLICATE-KEY", "/links/0/delay/beta"));
  CHECK(has_diagnostic(diagnostics, "E-DUPLICATE-KEY", "/resources/0/capacity"));
  CHECK(has_diagnostic(diagnostics, "E-DUPLICATE-KEY", "/name"));
  CHECK_FALSE(has_diagnostic(diagnostics, "E-RANGE"));  // only the last of two values is checked: -5 is not
}

TEST_CASE("network json: several errors in one file are all reported in one throw") {
  const std::string text = net(
      R"({"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 95, "lon": 1},)" + kNodeB,
      R"({"from": "A", "to": "B", "mode": "hovercraft", "distance_km": 1, "hours": 1},
         {"from": "B", "to": "Q", "mode": "rail", "distance_km": 1, "hours": 1})");
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  CHECK(count_errors(diagnostics) == 3);
  CHECK(has_diagnostic(diagnostics, "E-RANGE", "/nodes/0/lat"));
  CHECK(has_diagnostic(diagnostics, "E-ENUM", "/links/0/mode"));
  CHECK(has_diagnostic(diagnostics, "E-NODE-REF", "/links/1/to"));
  // in file order
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].pointer == "/nodes/0/lat");
  CHECK(diagnostics[2].pointer == "/links/1/to");
}

TEST_CASE("network json: format of a semantic diagnostic names file, pointer and element") {
  const auto diagnostics = errors_of(
      net(kNodeA + "," + kNodeB, R"({"from": "A", "to": "B", "mode": "barge", "distance_km": 1, "hours": 1})"),
      "nets/corridor.json");
  REQUIRE(diagnostics.size() == 1);
  CHECK(format(diagnostics[0]) ==
        "nets/corridor.json: error: /links/0/mode (link A-B): unknown mode \"barge\" (expected one of rail, "
        "ferry, road, sea) [E-ENUM]");
}

TEST_CASE("network json: load_network reports missing files and directories as E-FILE") {
  TempDir dir;
  for (const std::string& path : {dir.file("missing.json"), dir.path().string()}) {
    CAPTURE(path);
    const auto diagnostics = input_errors([&] {
      DiagnosticSink sink(path);
      io::load_network(path, sink);
    });
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].code == "E-FILE");
    CHECK(diagnostics[0].file == path);
  }
  const std::string path = dir.write("ok.json", net(kNodeA + "," + kNodeB, kLinkAB));
  DiagnosticSink sink(path);
  CHECK(io::load_network(path, sink).links.size() == 1);
}

TEST_CASE("network json: a file loads whatever its size, its last byte just before, at or after a page's end") {
  // The fast reader may read up to simdjson's padding (64 bytes) past the text's end: these
  // files end with their closing brace, or in the middle of a number, around 4 KiB pages.
  TempDir dir;
  auto ending_at = [](std::string text, std::size_t size) {  // the filler goes before the last brace
    text.erase(text.find_last_of('}'));
    REQUIRE(text.size() + 1 <= size);
    return text + std::string(size - text.size() - 1, ' ') + "}";
  };
  const std::string valid = net(kNodeA + "," + kNodeB, kLinkAB);
  const std::string broken = net(kNodeA + "," + kNodeB, R"({"from": "A", "to": "Z", "mode": "rail", "distance_km": 100, "hours": 10})");
  for (const std::size_t size : {4096 - 65, 4096 - 64, 4096 - 63, 4096 - 1, 4096, 4096 + 1, 8192 - 32, 8192, 12288 + 63}) {
    CAPTURE(size);
    const std::string text = ending_at(valid, size);
    REQUIRE(text.size() == size);
    const std::string path = dir.write("valid.json", text);
    DiagnosticSink sink(path);
    const Network loaded = io::load_network(path, sink);
    CHECK(loaded.links.size() == 1);
    CHECK(sink.diagnostics().empty());
    // Broken ones are reported as the same text read from memory is.
    const std::string unknown_node = ending_at(broken, size);
    std::string cut_number = R"({"name": "t", "nodes": [], "links": [], "tonnes_per_teu": 1)";
    cut_number += std::string(size - cut_number.size(), '0');  // ends inside the number, no closing brace
    for (const std::string& bad : {unknown_node, cut_number}) {
      const std::string broken_path = dir.write("broken.json", bad);
      const auto from_file = input_errors([&] {
        DiagnosticSink file_sink(broken_path);
        io::load_network(broken_path, file_sink);
      });
      const auto from_text = input_errors([&] {
        DiagnosticSink text_sink(broken_path);
        io::parse_network(bad, text_sink);
      });
      REQUIRE(from_file.size() == 1);
      REQUIRE(from_text.size() == 1);
      CHECK(format(from_file[0]) == format(from_text[0]));
    }
  }
}

TEST_CASE("network json: thousands of unknown node ids are all reported, the first 100 with a suggestion") {
  // Each suggestion compares the id with every node id: unbounded, 20,000 typos against 20,000
  // nodes took hours. The first 100 get one; every problem is still reported.
  std::string text = R"({"name": "typos", "nodes": [)";
  constexpr int kCount = 2000;
  for (int i = 0; i < kCount; ++i)
    text += std::string(i ? "," : "") + R"({"id": "NODE_)" + std::to_string(i) +
            R"(", "name": "n", "country": "KZ", "kind": "junction", "lat": 40, "lon": 50})";
  text += R"(], "links": [)";
  for (int i = 0; i < kCount; ++i)
    text += std::string(i ? "," : "") + R"({"from": "NODE_)" + std::to_string(i) + R"(", "to": "NODX_)" +
            std::to_string(i) + R"(", "mode": "rail", "distance_km": 1, "hours": 1})";
  text += "]}";
  DiagnosticSink sink("typos.json");
  CHECK_THROWS_AS(parse(text, sink), InputError);
  try {
    DiagnosticSink again("typos.json");
    parse(text, again);
  } catch (const InputError& error) {
    int references = 0, suggestions = 0;
    for (const Diagnostic& d : error.diagnostics()) {
      references += d.code == "E-NODE-REF";
      suggestions += d.message.find("did you mean") != std::string::npos;
    }
    CHECK(references == kCount);
    CHECK(suggestions == DiagnosticSink::kMaxSuggestions);
  }
}

TEST_CASE("network json: an id far longer than any id gets no suggestion") {
  const std::string long_id(5000, 'A');
  DiagnosticSink sink("long.json");
  try {
    parse(R"({"name": "n", "nodes": [{"id": "A", "name": "n", "country": "KZ", "kind": "junction", "lat": 1, "lon": 1},
              {"id": "B", "name": "n", "country": "KZ", "kind": "junction", "lat": 1, "lon": 2}],
              "links": [{"from": "A", "to": ")" + long_id + R"(", "mode": "rail", "distance_km": 1, "hours": 1}]})",
          sink);
    FAIL("accepted");
  } catch (const InputError& error) {
    const Diagnostic* d = find_diagnostic(error.diagnostics(), "E-NODE-REF");
    REQUIRE(d != nullptr);
    CHECK(d->message == "no node with id \"" + long_id + "\"");
  }
}

TEST_CASE("network json: per-TEU costs need tonnes_per_teu, transit countries must be ISO codes") {
  const auto diagnostics = errors_of(net(kNodeA + "," + kNodeB, R"({"from": "A", "to": "B", "mode": "rail",
      "distance_km": 1, "hours": 1, "cost_usd_per_teu": 500, "transit_countries": ["RU", "Russia"]})"));
  INFO(describe(diagnostics));
  CHECK(has_diagnostic(diagnostics, "E-MISSING-KEY", "/links/0/cost_usd_per_teu"));
  CHECK(has_diagnostic(diagnostics, "E-COUNTRY", "/links/0/transit_countries/1"));
  CHECK_FALSE(has_diagnostic(diagnostics, "E-COUNTRY", "/links/0/transit_countries/0"));
}

namespace {

/// The pieces one after the other (g++ 12 -O3 warns falsely about "literal" + std::string chains).
std::string joined(std::initializer_list<std::string_view> pieces) {
  std::string out;
  for (auto piece : pieces) out += piece;
  return out;
}

/// Every diagnostic of loading `text`, formatted, whether or not it has errors.
std::vector<std::string> all_diagnostics(const std::string& text) {
  DiagnosticSink sink("net.json");
  std::vector<std::string> lines;
  try {
    io::parse_network(text, sink);
    for (const auto& d : sink.diagnostics()) lines.push_back(format(d));
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) lines.push_back(format(d));
    lines.push_back("[error]");
  }
  return lines;
}

}  // namespace

TEST_CASE("network json: links may come before nodes and top-level keys after them, with the same result") {
  // The loader reads one element at a time: links given before their nodes wait for them, and a
  // tonnes_per_teu after the links still converts their cost_usd_per_teu.
  const std::string nodes = kNodeA + "," + kNodeB + ", 5, " + kNodeA;
  const std::string links = kLinkAB + R"(, {"from": "A", "to": "C", "mode": "rail", "distance_km": 1, "hours": 1},
      {"from": "B", "to": "A", "mode": "rail", "distance_km": 1, "hours": 1, "cost_usd_per_teu": 30, "extra": 1})";
  const std::string tail = R"("name": "t", "tonnes_per_teu": 10, "surprise": true)";
  const std::string usual = joined({"{", tail, ", \"nodes\": [", nodes, "], \"links\": [", links, "]}"});
  const std::string reversed = joined({"{\"links\": [", links, "], \"nodes\": [", nodes, "], ", tail, "}"});
  const auto expected = all_diagnostics(usual);
  REQUIRE(expected.size() == 6);  // unknown top key, node 2 not an object, duplicate A, unknown C, extra key
  CHECK(expected[0] ==
        "net.json: error: /surprise: unknown key \"surprise\" in network file (prefix your own annotations with "
        "\"x-\", or pass --allow-unknown-keys) [E-UNKNOWN-KEY]");
  CHECK(all_diagnostics(reversed) == expected);

  // Without tonnes_per_teu the cost in USD per TEU is an error, in its link's place.
  const std::string no_factor = R"("name": "t")";
  const auto without = all_diagnostics(joined({"{", no_factor, ", \"nodes\": [", nodes, "], \"links\": [", links, "]}"}));
  REQUIRE(without.size() == 6);
  CHECK(without[4] ==
        "net.json: error: /links/2/cost_usd_per_teu (link B-A): cost_usd_per_teu needs the network's "
        "\"tonnes_per_teu\" to convert it to USD per tonne [E-MISSING-KEY]");
  CHECK(all_diagnostics(joined({"{\"links\": [", links, "], \"nodes\": [", nodes, "], ", no_factor, "}"})) == without);
}

TEST_CASE("network json: a second nodes or links key is an error, not a silent replacement") {
  const auto diagnostics = errors_of(R"({"name": "t", "nodes": [], "links": [], "nodes": [1]})");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "E-DUPLICATE-KEY");
  CHECK(diagnostics[0].pointer == "/nodes");
}

TEST_CASE("network json: a file is streamed, so one larger than the limit for whole files loads") {
  // Whitespace between two nodes makes the file larger than kMaxInputBytes, the limit of files
  // read whole (scenarios), which read_text_file refuses; the streamed loader reads it.
  TempDir dir;
  const std::string path = dir.file("padded.json");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"name\": \"padded\", \"nodes\": [" << kNodeA << ",";
    const std::string spaces(1 << 20, ' ');
    for (std::size_t written = 0; written <= io::kMaxInputBytes; written += spaces.size()) out << spaces;
    out << kNodeB << "],\n \"links\": [" << kLinkAB
        << R"(, {"id": "A-B-ROAD", "from": "A", "to": "B", "mode": "roads", "distance_km": 1, "hours": 1}]})";
  }
  const auto too_big = input_errors([&] { io::read_text_file(path); });
  REQUIRE(too_big.size() == 1);
  CHECK(too_big[0].code == "E-TOO-BIG");
  // Errors are found with their line and pointer as in a small file.
  const auto diagnostics = input_errors([&] {
    DiagnosticSink sink(path);
    io::load_network(path, sink);
  });
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].pointer == "/links/1/mode");
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);  // now a syntax error on line 3
    out << "\n  x";
  }
  const auto syntax = input_errors([&] {
    DiagnosticSink sink(path);
    io::load_network(path, sink);
  });
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].code == "E-SYNTAX");
  CHECK(syntax[0].line == 3);
  CHECK(syntax[0].column == 3);
}

TEST_CASE("network json: a file and its text give the same diagnostics, syntax errors included") {
  TempDir dir;
  const std::vector<std::string> texts = {
      net(kNodeA + "," + kNodeB, kLinkAB),
      net(kNodeA, R"({"from": "A", "to": "Q", "mode": "rail", "distance_km": 1, "hours": 1})"),
      "{\"name\": \"t\",\n \"nodes\": [\n 1e400]}",
      "{\"name\": \"t\",\n \"nodes\": [\n \"\xff\"]}",
      "{\"name\": \"t\",\n \"nodes\": [}\n",
      "  \n",
      std::string(70, '[') + "]",
      "[1, 2]",
      "\"text\""};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CAPTURE(i);
    const std::string path = dir.write(joined({"n", std::to_string(i), ".json"}), texts[i]);
    std::vector<std::string> from_text, from_file;
    for (bool file : {false, true}) {
      DiagnosticSink sink(path);
      std::vector<std::string>& lines = file ? from_file : from_text;
      try {
        if (file) io::load_network(path, sink);
        else io::parse_network(texts[i], sink);
        for (const auto& d : sink.diagnostics()) lines.push_back(format(d));
      } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) lines.push_back(format(d));
      }
    }
    CHECK(from_file == from_text);
    CHECK(!from_text.empty() == (i != 0));
  }
}
