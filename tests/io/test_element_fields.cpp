// The field tables of set_node / set_link (model/element_fields.hpp) against the scenario
// reader and apply_changes: every name in a table is read and applied, every field the reader
// records is in the table.

#include <map>
#include <stdexcept>
#include <string>

#include <doctest/doctest.h>

#include "io/network_writer.hpp"
#include "io/scenario_json.hpp"
#include "model/element_fields.hpp"
#include "model/scenario.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// A value for each field, different from what the test network has.
const std::map<std::string, std::string> kNodeValues = {
    {"name", R"("Renamed")"},
    {"country", R"("GE")"},
    {"kind", R"("sea_port")"},
    {"lat", "41.5"},
    {"lon", "45.5"},
    {"dwell_hours", "7"},
    {"transfer_hours", "3"},
    {"allows_transfer", "true"},
    {"capacity_tpy", "1000"},
    {"background_tpy", "10"},
    {"capacity_note", R"("a capacity note")"},
    {"uses", R"({"R": 1})"},
    {"aliases", R"(["Alias"])"},
    {"gauge_mm", "1520"},
    {"handling_usd_per_t", "4"},
    {"status", R"("planned")"},
    {"sources", R"(["S2"])"},
    {"estimate", R"("a guess")"},
    {"note", R"("a note")"},
    {"dwell_distribution", R"({"type": "triangular", "min_hours": 1, "mode_hours": 2, "max_hours": 5})"},
    {"transfer_distribution", R"({"type": "triangular", "min_hours": 1, "mode_hours": 2, "max_hours": 5})"},
    {"delay", R"({"function": "bpr", "capacity_tpy": 1000000})"},
};

const std::map<std::string, std::string> kLinkValues = {
    {"mode", R"("road")"},
    {"distance_km", "123"},
    {"hours", "5"},
    {"capacity_tpy", "1000"},
    {"departures_per_week", "3"},
    {"vessel_payload_t", "500"},
    {"background_tpy", "10"},
    {"capacity_note", R"("a capacity note")"},
    {"uses", R"({"R": 1})"},
    {"bidirectional", "false"},
    {"corridor", R"(["southern"])"},
    {"crossing", R"("X")"},
    {"transit_countries", R"(["AZ"])"},
    {"waypoints", "[[40.05, 50.05]]"},
    {"gauge_mm", "1435"},
    {"cost_usd_per_t", "9"},
    {"cost_usd_per_teu", "90"},
    {"co2_g_per_tkm", "20"},
    {"status", R"("closed")"},
    {"sources", R"(["S2"])"},
    {"estimate", R"("a guess")"},
    {"note", R"("a note")"},
    {"wait_distribution", R"({"type": "triangular", "min_hours": 1, "mode_hours": 2, "max_hours": 5})"},
    {"departures", R"(["Mon 08:00"])"},
    {"delay", R"({"function": "bpr", "capacity_tpy": 1000000})"},
};

Network test_network() {
  Network network = NetworkBuilder().node("A").node("B").link("A", "B").build();
  Resource r;
  r.id = "R";
  r.name = "a resource";
  r.capacity = 1e6;
  r.unit = "t/yr";
  r.sources = {"S1"};
  network.resources.push_back(r);
  network.reindex();
  return network;
}

/// The change `{"type": type, "id": id, "values": {key: value}}` as read from a scenario file.
Change read_one(const std::string& type, const std::string& id, const std::string& key, const std::string& value,
                DiagnosticSink& sink) {
  const std::string text = R"({"name": "t", "description": "d", "changes": [{"type": ")" + type + R"(", "id": ")" +
                           id + R"(", "values": {")" + key + R"(": )" + value + "}}]}";
  const Scenario s = io::parse_scenario(text, "s.json", "network.json", sink);
  REQUIRE(s.changes.size() == 1);
  return s.changes[0];
}

template <class Field>
void check_every_field_read_and_applied(const std::string& type, const std::string& id,
                                        const std::map<std::string, std::string>& values) {
  const Network base = test_network();
  const std::string before = io::write_network_json(base);
  for (const auto& entry : enum_table(Field{})) {
    const std::string name(entry.name);
    CAPTURE(name);
    REQUIRE(values.count(name) == 1);
    DiagnosticSink sink;
    const Change change = read_one(type, id, name, values.at(name), sink);
    INFO(describe(sink.diagnostics()));
    CHECK(sink.diagnostics().empty());
    CHECK(change.fields == FieldList{name});
    DiagnosticSink apply_sink;
    Network changed;
    CHECK_NOTHROW(changed = apply_changes(base, {change}, apply_sink));
    CHECK(io::write_network_json(changed) != before);  // the field was copied, not dropped
  }
  CHECK(values.size() == std::size(enum_table(Field{})));
}

/// Each key of `values` (and keys of other objects) alone: whatever the reader records is a
/// name of the table.
template <class Field>
void check_reader_records_only_table_names(const std::string& type, const std::string& id,
                                           std::map<std::string, std::string> values) {
  for (const char* other : {"id", "from", "to", "name", "kind", "mode", "length", "speed", "capacity"})
    values.emplace(other, "1");
  for (const auto& entry : values) {
    const std::string& key = entry.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& value = entry.second;
    CAPTURE(key);
    DiagnosticSink sink;
    FieldList fields;
    try {
      fields = read_one(type, id, key, value, sink).fields;
    } catch (const std::logic_error&) {
      throw;
    } catch (const std::exception&) {
      continue;  // a key or value the reader refuses (unknown key, out of range): nothing recorded
    }
    for (const std::string& field : fields) {
      CAPTURE(field);
      CHECK(parse<Field>(field).has_value());
    }
  }
}

}  // namespace

TEST_CASE("element fields: every node field is read by set_node and applied") {
  check_every_field_read_and_applied<NodeField>("set_node", "A", kNodeValues);
}

TEST_CASE("element fields: every link field is read by set_link and applied (waypoints included)") {
  check_every_field_read_and_applied<LinkField>("set_link", "A-B", kLinkValues);
}

TEST_CASE("element fields: the reader records only names of the tables") {
  check_reader_records_only_table_names<NodeField>("set_node", "A", kNodeValues);
  check_reader_records_only_table_names<LinkField>("set_link", "A-B", kLinkValues);
  // a link's keys given to set_node and a node's to set_link
  check_reader_records_only_table_names<NodeField>("set_node", "A", kLinkValues);
  check_reader_records_only_table_names<LinkField>("set_link", "A-B", kNodeValues);
}

TEST_CASE("element fields: apply_changes refuses a field name that is not in the table (a bug)") {
  const Network base = test_network();
  Change change;
  change.type = ChangeType::SetNode;
  change.target_id = "A";
  change.fields = {"no_such_field"};
  DiagnosticSink sink;
  CHECK_THROWS_AS(apply_changes(base, {change}, sink), std::logic_error);
  change.type = ChangeType::SetLink;
  change.target_id = "A-B";
  CHECK_THROWS_AS(apply_changes(base, {change}, sink), std::logic_error);
}
