#pragma once
// Readers and checks of the output formats, written from their specifications (RFC 4180,
// RFC 7946, DOT), not from the writers' code; shared by tests/io/test_formats.cpp and
// test_formats_html.cpp.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"
#include "solve/scenario_run.hpp"
#include "support/paths.hpp"
#include "support/strings.hpp"

namespace corridor::test {

using nlohmann::json;

inline Network load(const std::string& path) {
  DiagnosticSink sink(path);
  return io::load_network(path, sink);
}

// --- A small RFC 4180 reader, written from the RFC (not from the writer's code).

struct Csv {
  std::vector<std::vector<std::string>> rows;
  bool well_formed = true;
};

inline Csv parse_csv(const std::string& text) {
  Csv csv;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, after_quote = false, at_field_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!at_field_start) csv.well_formed = false;  // a quote inside an unquoted field
      quoted = true;
      at_field_start = false;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      after_quote = false;
      at_field_start = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(field);
      csv.rows.push_back(row);
      row.clear();
      field.clear();
      after_quote = false;
      at_field_start = true;
      ++i;
    } else if (c == '\n' || c == '\r') {
      csv.well_formed = false;  // RFC 4180 lines end with CRLF
    } else {
      if (after_quote) csv.well_formed = false;  // text after a closing quote
      field.push_back(c);
      at_field_start = false;
    }
  }
  if (quoted) csv.well_formed = false;
  if (!field.empty() || !row.empty()) {
    csv.well_formed = false;  // the last record must end with CRLF
    row.push_back(field);
    csv.rows.push_back(row);
  }
  return csv;
}

/// Checks the table shape and returns column index by name.
inline std::map<std::string, std::size_t> check_table(const Csv& csv, std::size_t min_rows) {
  CHECK(csv.well_formed);
  REQUIRE(csv.rows.size() >= 1 + min_rows);
  const std::size_t columns = csv.rows.front().size();
  std::map<std::string, std::size_t> index;
  for (std::size_t c = 0; c < columns; ++c) index[csv.rows.front()[c]] = c;
  CHECK(index.size() == columns);  // header names are unique
  for (std::size_t r = 0; r < csv.rows.size(); ++r) {
    CAPTURE(r);
    CHECK(csv.rows[r].size() == columns);
  }
  // Exactly one header row: no later row repeats it.
  for (std::size_t r = 1; r < csv.rows.size(); ++r) CHECK(csv.rows[r] != csv.rows.front());
  return index;
}

// --- RFC 7946 checks

inline void check_position(const json& position) {
  REQUIRE(position.is_array());
  REQUIRE(position.size() >= 2);
  REQUIRE(position[0].is_number());
  REQUIRE(position[1].is_number());
  CHECK(position[0].get<double>() >= -180.0);
  CHECK(position[0].get<double>() <= 180.0);
  CHECK(position[1].get<double>() >= -90.0);
  CHECK(position[1].get<double>() <= 90.0);
}

/// A FeatureCollection of Points and LineStrings, every feature with its properties.
inline void check_geojson(const json& doc, std::size_t nodes, std::size_t links) {
  REQUIRE(doc.is_object());
  CHECK(doc.at("type") == "FeatureCollection");
  CHECK_FALSE(doc.contains("crs"));  // RFC 7946 removed it: WGS 84 [lon, lat] only
  REQUIRE(doc.at("features").is_array());
  CHECK(doc.at("features").size() == nodes + links);
  std::size_t points = 0, lines = 0;
  for (const json& feature : doc.at("features")) {
    CHECK(feature.at("type") == "Feature");
    REQUIRE(feature.at("properties").is_object());
    const json& geometry = feature.at("geometry");
    CHECK_FALSE(geometry.contains("crs"));
    const json& properties = feature.at("properties");
    CHECK(properties.at("id").is_string());
    if (geometry.at("type") == "Point") {
      ++points;
      check_position(geometry.at("coordinates"));
      CHECK(properties.at("feature") == "node");
      for (const char* key : {"name", "country", "kind", "status", "capacity_tpy"}) CHECK(properties.contains(key));
    } else {
      REQUIRE(geometry.at("type") == "LineString");
      ++lines;
      REQUIRE(geometry.at("coordinates").is_array());
      CHECK(geometry.at("coordinates").size() >= 2);
      for (const json& position : geometry.at("coordinates")) check_position(position);
      CHECK(properties.at("feature") == "link");
      for (const char* key : {"from", "to", "mode", "corridor", "status", "hours", "distance_km", "capacity_tpy"})
        CHECK(properties.contains(key));
    }
  }
  CHECK(points == nodes);
  CHECK(lines == links);
}

// --- DOT checks: braces and quotes balance, nodes pinned, one edge per link.

inline void check_dot(const std::string& dot, std::size_t edges) {
  CHECK(dot.rfind("graph \"corridor\" {", 0) == 0);
  CHECK(dot.size() >= 2);
  CHECK(dot.substr(dot.size() - 2) == "}\n");
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < dot.size(); ++i) {
    const char c = dot[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{')
      ++depth;
    else if (c == '}')
      --depth;
    CHECK(depth >= 0);
  }
  CHECK_FALSE(in_string);
  CHECK(depth == 0);
  CHECK(count_of(dot, " -- ") == edges);
  CHECK(count_of(dot, "!\"") >= 1);
}

struct ScenarioRun {
  Scenario scenario;
  Network network;
  std::vector<QueryOutcome> outcomes;
};

inline ScenarioRun run_scenario(const std::string& path) {
  DiagnosticSink sink(path);
  ScenarioRun run;
  run.scenario = io::load_scenario(path, kSourceDir + "/network/middle-corridor.json", sink);
  const Network base = load(run.scenario.network_path);
  run.network = apply_changes(base, run.scenario.changes, sink);
  run.outcomes = solve::run_queries(run.network, run.scenario, sink);
  REQUIRE_FALSE(sink.has_errors());
  return run;
}

}  // namespace corridor::test
