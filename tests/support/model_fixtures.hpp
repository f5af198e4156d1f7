#pragma once
// Values shared by tests/model/test_model.cpp and test_apply_changes.cpp: a valid node and
// link, a four-node network (A-B-C-D) and a Change for apply_changes.

#include <limits>
#include <string>
#include <utility>

#include "model/network.hpp"
#include "model/scenario.hpp"
#include "support/builders.hpp"

namespace corridor::test {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

inline Node valid_node() {
  Node n;
  n.id = "AKTAU";
  n.name = "Aktau port";
  n.country = "KZ";
  n.kind = NodeKind::SeaPort;
  n.lat = 43.6;
  n.lon = 51.2;
  n.dwell_hours = 6;
  n.transfer_hours = 12;
  n.capacity_tpy = 8'000'000;
  return n;
}

inline Link valid_link() {
  Link l;
  l.id = "AKTAU-BAKU";
  l.mode = Mode::Ferry;
  l.distance_km = 470;
  l.hours = 22;
  l.capacity_tpy = 4'000'000;
  l.departures_per_week = 7;
  l.corridors = {"middle"};
  return l;
}

// A --rail-- B --rail-- C ==ferry== D        (all bidirectional)
inline Network abcd() {
  return NetworkBuilder()
      .node("A", NodeKind::RailTerminal)
      .node("B", NodeKind::Junction, 2, 0, 5'000'000)
      .node("C", NodeKind::SeaPort, 6, 12)
      .node("D", NodeKind::SeaPort)
      .link("A", "B", Mode::Rail, 100, 10, 10'000'000)
      .link("B", "C", Mode::Rail, 200, 20)
      .link("C", "D", Mode::Ferry, 300, 30, 3'000'000, 7)
      .build();
}

inline Change change(ChangeType type, std::string id, int index) {
  Change c;
  c.type = type;
  c.target_id = std::move(id);
  c.pointer = "/changes/" + std::to_string(index);
  return c;
}

}  // namespace corridor::test
