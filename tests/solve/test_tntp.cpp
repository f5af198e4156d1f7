// Validation on the standard instance of the equilibrium literature: Sioux Falls in TNTP format
// (shipped in tests/data/tntp/SiouxFalls from the public TNTP collection; its README gives units
// and history),
// converted here to corridor's network and demand, assigned with its BPR delays at a relative gap
// of 1e-5 and compared with the published best-known link flows.

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "model/delay.hpp"
#include "solve/equilibrium.hpp"

using namespace corridor;

namespace {

/// The instance shipped with the tests (tests/data/tntp); CORRIDOR_TNTP_DIR overrides it.
std::string sioux_falls_dir() {
  if (const char* dir = std::getenv("CORRIDOR_TNTP_DIR"); dir && *dir) return std::string(dir) + "/SiouxFalls/";
  return std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/tntp/SiouxFalls/";
}

const std::string kSiouxFalls = sioux_falls_dir();

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The value of "<KEY> value" in a TNTP header.
double metadata(const std::string& text, const std::string& key) {
  const auto at = text.find("<" + key + ">");
  REQUIRE(at != std::string::npos);
  return std::stod(text.substr(at + key.size() + 2));
}

/// The part of a TNTP file after <END OF METADATA>.
std::string body(const std::string& text) {
  const auto at = text.find("<END OF METADATA>");
  REQUIRE(at != std::string::npos);
  return text.substr(at + 17);
}

struct TntpInstance {
  Network network;
  std::vector<OdDemand> demand;
  std::map<std::pair<int, int>, LinkIndex> link_of;  ///< TNTP (init, term) -> link
};

/// A TNTP network and trip table as a corridor network and demand. Every TNTP link is a one-way
/// rail link with its free-flow time as hours and its BPR delay (b, power, capacity). Zones numbered
/// below FIRST THRU NODE must not be passed through: each is split into an origin node (its
/// outgoing links) and a destination node (its incoming links), so no path can cross it.
TntpInstance convert(const std::string& net_text, const std::string& trips_text) {
  TntpInstance tntp;
  const int nodes = static_cast<int>(metadata(net_text, "NUMBER OF NODES"));
  const int first_thru = static_cast<int>(metadata(net_text, "FIRST THRU NODE"));
  Network& net = tntp.network;
  auto add_node = [&](const std::string& id) {
    Node node;
    node.id = id;
    node.name = id;
    node.kind = NodeKind::Junction;
    net.add_node(std::move(node));
  };
  for (int n = 1; n <= nodes; ++n) {
    if (n < first_thru) add_node(std::to_string(n) + "o"), add_node(std::to_string(n) + "d");
    else add_node(std::to_string(n));
  }
  auto origin_of = [&](int n) { return *net.find_node(std::to_string(n) + (n < first_thru ? "o" : "")); };
  auto destination_of = [&](int n) { return *net.find_node(std::to_string(n) + (n < first_thru ? "d" : "")); };
  std::istringstream lines(body(net_text));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos || line.find('~') != std::string::npos) continue;
    std::istringstream fields(line);
    int from = 0, to = 0;
    double capacity = 0, length = 0, free_flow = 0, b = 0, power = 0;
    fields >> from >> to >> capacity >> length >> free_flow >> b >> power;
    REQUIRE(fields);
    Link link;
    link.id = std::to_string(from) + "-" + std::to_string(to);
    link.from = origin_of(from);
    link.to = destination_of(to);
    link.mode = Mode::Rail;
    link.distance_km = length;
    link.hours = free_flow;
    link.bidirectional = false;
    DelayFunction delay;
    delay.form = DelayForm::Bpr;
    delay.capacity_tpy = capacity;
    delay.alpha = b;
    delay.beta = power;
    link.delay = delay;
    tntp.link_of[{from, to}] = net.add_link(std::move(link)).first;
  }
  std::istringstream trips(body(trips_text));
  int origin = 0;
  std::string token;
  while (trips >> token) {
    if (token == "Origin") {
      trips >> origin;
      continue;
    }
    // "destination : volume;"
    const int destination = std::stoi(token);
    std::string colon, volume;
    trips >> colon >> volume;
    const double tonnes = std::stod(volume);
    if (tonnes > 0 && origin != destination) tntp.demand.push_back({origin_of(origin), destination_of(destination), tonnes});
  }
  return tntp;
}

}  // namespace

TEST_CASE("Sioux Falls (TNTP): link flows within 1 % of the best-known user equilibrium") {
  const TntpInstance tntp =
      convert(read_all(kSiouxFalls + "SiouxFalls_net.tntp"), read_all(kSiouxFalls + "SiouxFalls_trips.tntp"));
  CHECK(tntp.network.links.size() == 76);
  double trips = 0;
  for (const OdDemand& od : tntp.demand) trips += od.tonnes_per_year;
  CHECK(trips == doctest::Approx(360600.0));
  AssignQuery query;
  query.demand = tntp.demand;
  query.equilibrium = EquilibriumSettings{EquilibriumKind::User, 1e-5, 5000};
  const AssignResult result = solve::assign_equilibrium(tntp.network, query);
  REQUIRE(result.equilibrium);
  CHECK(result.equilibrium->stop == EquilibriumStop::Converged);
  CHECK(result.equilibrium->relative_gap <= 1e-5);
  MESSAGE("Sioux Falls: relative gap " << result.equilibrium->relative_gap << " after " << result.equilibrium->iterations
                                       << " iterations");
  std::map<LinkIndex, double> flow;
  for (const CapacityLoad& load : result.loads)
    if (load.type == CutElement::Type::Link) flow[load.index] += load.load_tpy;
  std::istringstream best(read_all(kSiouxFalls + "SiouxFalls_flow.tntp"));
  std::string header;
  std::getline(best, header);
  double deviation = 0, total = 0;
  int compared = 0;
  int from = 0, to = 0;
  double volume = 0, cost = 0;
  while (best >> from >> to >> volume >> cost) {
    const auto it = tntp.link_of.find({from, to});
    REQUIRE(it != tntp.link_of.end());
    deviation += std::fabs(flow[it->second] - volume);
    total += volume;
    ++compared;
  }
  CHECK(compared == 76);
  MESSAGE("Sioux Falls: total absolute deviation / total flow = " << deviation / total);
  CHECK(deviation <= 0.01 * total);
}
