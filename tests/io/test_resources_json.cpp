// Shared resources, background traffic, capacity notes, aliases and sailing capacity in network
// files: parsed, checked with code and JSON Pointer, written back unchanged, set by scenarios.

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/network_writer.hpp"
#include "io/scenario_json.hpp"
#include "model/diagnostic.hpp"
#include "model/scenario.hpp"
#include "model/validate.hpp"
#include "support/diagnostics.hpp"
#include "support/network_readers.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// The example of docs/network-format.md ("Shared resources"), with `extra_link` appended.
std::string caspian(const std::string& resources_extra = "", const std::string& extra_link = "") {
  return R"({"name": "Caspian example",
  "resources": [
    {"id": "FLEET", "name": "the rail-ferry fleet, shared by the Aktau and Kuryk lines",
     "capacity": 4000000, "unit": "t/yr", "background_tpy": 1000000,
     "sources": ["S59"], "estimate": "5 vessels x 8,000 t x 100 round trips"},
    {"id": "BAKU_TERMINAL", "name": "the Baku ferry terminal", "capacity": 6200000, "unit": "t/yr",
     "sources": ["S84"]})" +
         resources_extra + R"(],
  "nodes": [
    {"id": "AKTAU", "name": "Aktau", "country": "KZ", "kind": "sea_port", "lat": 43.65, "lon": 51.17},
    {"id": "KURYK", "name": "Kuryk", "country": "KZ", "kind": "sea_port", "lat": 43.18, "lon": 51.65},
    {"id": "BAKU", "name": "Baku", "country": "AZ", "kind": "sea_port", "lat": 39.95, "lon": 49.4,
     "aliases": ["Alat"], "uses": {"BAKU_TERMINAL": 1}, "capacity_note": "limited by its terminal resource"}],
  "links": [
    {"from": "AKTAU", "to": "BAKU", "mode": "ferry", "distance_km": 470, "hours": 22,
     "departures_per_week": 7, "vessel_payload_t": 5000, "uses": {"FLEET": 1}},
    {"from": "KURYK", "to": "BAKU", "mode": "ferry", "distance_km": 480, "hours": 24,
     "capacity_tpy": 4000000, "background_tpy": 500000, "uses": {"FLEET": 1.1}})" +
         extra_link + "]}";
}

/// Every text these tests read is also a differential test of the two network readers.
Network load(const std::string& text, DiagnosticSink& sink) {
  check_readers_agree(text, sink.file(), sink.unknown_keys_allowed());
  return io::parse_network(text, sink);
}

}  // namespace

TEST_CASE("resources json: the documented example loads with every new field") {
  DiagnosticSink sink("net.json");
  const Network network = load(caspian(), sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(network.resources.size() == 2);
  const Resource& fleet = network.resources[0];
  CHECK(fleet.id == "FLEET");
  CHECK(fleet.capacity == 4000000.0);
  CHECK(fleet.unit == "t/yr");
  CHECK(fleet.background_tpy == 1000000.0);
  CHECK(fleet.sources == std::vector<std::string>{"S59"});
  CHECK(network.find_resource("BAKU_TERMINAL") == std::optional<std::size_t>(1));
  const Node& baku = network.nodes[*network.find_node("BAKU")];
  CHECK(baku.aliases == std::vector<std::string>{"Alat"});
  CHECK(baku.uses == std::vector<ResourceUse>{{"BAKU_TERMINAL", 1.0}});
  CHECK(baku.capacity_note == "limited by its terminal resource");
  const Link& aktau = network.links[*network.find_link("AKTAU-BAKU")];
  CHECK(aktau.vessel_payload_t == std::optional<double>(5000.0));
  CHECK(!aktau.capacity_tpy);
  // The documented formula: payload x departures per week x 52.
  CHECK(aktau.capacity_or_sailings_tpy() == std::optional<TonnesPerYear>(5000 * 7 * 52));
  const Link& kuryk = network.links[*network.find_link("KURYK-BAKU")];
  CHECK(kuryk.background_tpy == 500000);
  CHECK(kuryk.uses == std::vector<ResourceUse>{{"FLEET", 1.1}});
  CHECK(available_tpy(kuryk.capacity_or_sailings_tpy(), kuryk.background_tpy) ==
        std::optional<TonnesPerYear>(3500000));
  CHECK(available_tpy(std::nullopt, 5) == std::nullopt);
  CHECK(available_tpy(10, 50) == std::optional<TonnesPerYear>(0));
}

TEST_CASE("resources json: the writer writes every new field back (round trip)") {
  DiagnosticSink sink("net.json");
  const Network network = load(caspian(), sink);
  const std::string text = io::write_network_json(network);
  DiagnosticSink again_sink("again.json");
  const Network again = load(text, again_sink);
  INFO(describe(again_sink.diagnostics()));
  CHECK(again_sink.diagnostics().empty());
  CHECK(io::write_network_json(again) == text);
  REQUIRE(again.resources.size() == 2);
  CHECK(again.resources[0].name == network.resources[0].name);
  CHECK(again.resources[0].estimate == network.resources[0].estimate);
  CHECK(again.nodes[2].aliases == network.nodes[2].aliases);
  CHECK(again.nodes[2].capacity_note == network.nodes[2].capacity_note);
  CHECK(again.links[0].vessel_payload_t == network.links[0].vessel_payload_t);
  CHECK(again.links[1].uses == network.links[1].uses);
  CHECK(again.links[1].background_tpy == network.links[1].background_tpy);
}

TEST_CASE("resources json: bad resources and uses are reported with code, pointer and element") {
  const std::string bad_resource = R"(, {"id": "FLEET", "name": "twice", "capacity": -1, "unit": "t/yr"})";
  const std::string bad_link =
      R"(, {"id": "X", "from": "AKTAU", "to": "KURYK", "mode": "rail", "distance_km": 50, "hours": 2,
            "vessel_payload_t": 100, "background_tpy": -5, "uses": {"FLET": 1, "FLEET": 0}},
         {"id": "Y", "from": "AKTAU", "to": "KURYK", "mode": "rail", "distance_km": 50, "hours": 2,
          "uses": {"BAKU_TERMINAL": "a"}})";
  const auto diagnostics = input_errors([&] {
    DiagnosticSink sink("net.json");
    load(caspian(bad_resource, bad_link), sink);
  });
  INFO(describe(diagnostics));
  CHECK(has_diagnostic(diagnostics, "E-DUP-ID", "/resources/2/id"));
  CHECK(has_diagnostic(diagnostics, "E-RANGE", "/resources/2/capacity"));
  CHECK(has_diagnostic(diagnostics, "E-RANGE", "/links/2/vessel_payload_t"));  // not a ferry or sea link
  CHECK(has_diagnostic(diagnostics, "E-RANGE", "/links/2/background_tpy"));
  CHECK(has_diagnostic(diagnostics, "E-TYPE", "/links/3/uses/BAKU_TERMINAL"));
  CHECK(has_diagnostic(diagnostics, "E-RANGE", "/links/2/uses/FLEET"));
  const Diagnostic* unknown = find_diagnostic(diagnostics, "E-RESOURCE-REF", "/links/2/uses/FLET");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->message.find("did you mean \"FLEET\"") != std::string::npos);
  CHECK(unknown->element_id == "link X");
}

TEST_CASE("resources json: a use without any resources list, and background above capacity") {
  const std::string text =
      R"({"name": "n", "nodes": [
        {"id": "A", "name": "A", "country": "KZ", "kind": "sea_port", "lat": 43, "lon": 51, "uses": {"R": 1}},
        {"id": "B", "name": "B", "country": "AZ", "kind": "sea_port", "lat": 40, "lon": 49}],
       "links": [{"from": "A", "to": "B", "mode": "sea", "distance_km": 400, "hours": 20,
                  "capacity_tpy": 10, "background_tpy": 20}]})";
  const auto diagnostics = input_errors([&] {
    DiagnosticSink sink("net.json");
    load(text, sink);
  });
  INFO(describe(diagnostics));
  const Diagnostic* unknown = find_diagnostic(diagnostics, "E-RESOURCE-REF", "/nodes/0/uses/R");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->message.find("no \"resources\" list") != std::string::npos);
  CHECK(has_diagnostic(diagnostics, "W-BACKGROUND", "/links/0/background_tpy"));
}

TEST_CASE("resources json: validate warns for a ferry or sea link without any capacity") {
  const std::string no_capacity =
      R"(, {"id": "SEA", "from": "AKTAU", "to": "KURYK", "mode": "sea", "distance_km": 60, "hours": 5},
         {"id": "NOTED", "from": "KURYK", "to": "AKTAU", "mode": "sea", "distance_km": 60, "hours": 5,
          "capacity_note": "small coasters, never full"},
         {"id": "HALF", "from": "AKTAU", "to": "KURYK", "mode": "ferry", "distance_km": 60, "hours": 5,
          "vessel_payload_t": 100})";
  DiagnosticSink sink("net.json");
  const Network network = load(caspian("", no_capacity), sink);
  check_sailing_capacity(network, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(has_diagnostic(sink.diagnostics(), "W-NO-CAPACITY", "/links/2"));
  CHECK(!has_diagnostic(sink.diagnostics(), "W-NO-CAPACITY", "/links/3"));  // a capacity_note
  CHECK(has_diagnostic(sink.diagnostics(), "W-NO-CAPACITY", "/links/4"));   // payload but no departures
  CHECK(!has_diagnostic(sink.diagnostics(), "W-NO-CAPACITY", "/links/0"));  // from its sailings
  CHECK(!has_diagnostic(sink.diagnostics(), "W-NO-CAPACITY", "/links/1"));
}

TEST_CASE("resources json: scenario changes set and scale resources and set background") {
  DiagnosticSink net_sink("net.json");
  const Network base = load(caspian(), net_sink);
  TempDir dir;
  dir.write("net.json", caspian());
  const std::string scenario_path = dir.file("s.json");
  DiagnosticSink sink("s.json");
  const Scenario scenario = io::parse_scenario(R"({"name": "s", "network": "net.json", "changes": [
      {"type": "set_resource", "id": "FLEET", "values": {"capacity": 5000000, "background_tpy": 2000000}},
      {"type": "scale_capacity", "resource": "BAKU_TERMINAL", "factor": 0.5},
      {"type": "set_link", "id": "KURYK-BAKU", "values": {"background_tpy": 100, "uses": {"BAKU_TERMINAL": 2}}},
      {"type": "set_node", "id": "BAKU", "values": {"background_tpy": 7, "aliases": ["Alyat"]}}]})",
                                               scenario_path, dir.file("net.json"), sink);
  INFO(describe(sink.diagnostics()));
  const Network changed = apply_changes(base, scenario.changes, sink);
  CHECK(count_errors(sink.diagnostics()) == 0);
  CHECK(changed.resources[0].capacity == 5000000.0);
  CHECK(changed.resources[0].background_tpy == 2000000.0);
  CHECK(changed.resources[1].capacity == 3100000.0);
  const Link& kuryk = changed.links[*changed.find_link("KURYK-BAKU")];
  CHECK(kuryk.background_tpy == 100);
  CHECK(kuryk.uses == std::vector<ResourceUse>{{"BAKU_TERMINAL", 2.0}});
  const Node& baku = changed.nodes[*changed.find_node("BAKU")];
  CHECK(baku.background_tpy == 7);
  CHECK(baku.aliases == std::vector<std::string>{"Alyat"});

  DiagnosticSink bad_sink("s.json");
  const Scenario bad = io::parse_scenario(R"({"name": "s", "network": "net.json", "changes": [
      {"type": "set_resource", "id": "FLET", "values": {"capacity": 1}},
      {"type": "scale_capacity", "resource": "NOPE", "factor": 2},
      {"type": "set_link", "id": "KURYK-BAKU", "values": {"uses": {"NONE": 1}}}]})",
                                          scenario_path, dir.file("net.json"), bad_sink);
  apply_changes(base, bad.changes, bad_sink);
  INFO(describe(bad_sink.diagnostics()));
  const Diagnostic* set = find_diagnostic(bad_sink.diagnostics(), "E-CHANGE-REF", "/changes/0/id");
  REQUIRE(set != nullptr);
  CHECK(set->message.find("did you mean \"FLEET\"") != std::string::npos);
  CHECK(has_diagnostic(bad_sink.diagnostics(), "E-CHANGE-REF", "/changes/1/resource"));
  CHECK(has_diagnostic(bad_sink.diagnostics(), "E-RESOURCE-REF", "/changes/2/values/uses/NONE"));
}

TEST_CASE("waypoints: a link's course is read, written back, and bad points are reported") {
  DiagnosticSink sink("net.json");
  const Network network = load(caspian("", R"(,
    {"id": "AKTAU-BAKU_SEA", "from": "AKTAU", "to": "BAKU", "mode": "sea", "distance_km": 480, "hours": 30,
     "capacity_note": "example", "waypoints": [[42.5, 50.9], [40.9, 50.2]]})"),
                               sink);
  INFO(describe(sink.diagnostics()));
  REQUIRE_FALSE(sink.has_errors());
  REQUIRE(network.links.size() == 3);
  REQUIRE(network.links[2].waypoints.size() == 2);
  CHECK(network.links[2].waypoints[1].lat == 40.9);
  CHECK(network.links[2].waypoints[1].lon == 50.2);
  const std::string text = io::write_network_json(network);
  DiagnosticSink again_sink("again.json");
  CHECK(io::write_network_json(load(text, again_sink)) == text);

  const std::vector<Diagnostic> bad = input_errors([] {
    DiagnosticSink bad_sink("bad.json");
    (void)load(caspian("", R"(,
      {"id": "X", "from": "AKTAU", "to": "BAKU", "mode": "sea", "distance_km": 480, "hours": 30,
       "waypoints": [[95, 50], [40], "here"]})"),
               bad_sink);
  });
  CHECK(has_diagnostic(bad, "E-RANGE", "/links/2/waypoints/0"));
  CHECK(has_diagnostic(bad, "E-TYPE", "/links/2/waypoints/1"));
  CHECK(has_diagnostic(bad, "E-TYPE", "/links/2/waypoints/2"));
}
