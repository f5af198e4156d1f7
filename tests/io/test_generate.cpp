// corridor generate: synthetic networks are exact in size, byte-identical for a seed, valid,
// and have the corridor's structure (every eastern terminal reaches every western one across
// the Caspian; the max flow is bounded by the ferries). The network writer round-trips.

#include <numeric>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/network_writer.hpp"
#include "io/text_file.hpp"
#include "model/generate.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/seed.hpp"

using namespace corridor;

namespace {

Network reload(const std::string& text) {
  DiagnosticSink sink("generated.json");
  Network network = io::parse_network(text, sink);
  CHECK(sink.diagnostics().empty());  // no warnings either
  return network;
}

}  // namespace

TEST_CASE("generate: exact node count, and the same bytes for the same seed") {
  const std::uint64_t seed = test::test_seed();
  for (std::uint32_t nodes : {kMinGeneratedNodes, 100u, 1000u, 4321u}) {
    CAPTURE(nodes);
    CAPTURE(seed);
    const GeneratedNetwork a = generate_network({nodes, seed});
    CHECK(a.network.nodes.size() == nodes);
    CHECK(a.network.links.size() > nodes);  // lines, cross links, road links, ferries
    const std::string text = io::write_network_json(a.network);
    CHECK(text == io::write_network_json(generate_network({nodes, seed}).network));
    CHECK(text != io::write_network_json(generate_network({nodes, seed + 1}).network));
  }
}

TEST_CASE("generate: the file loads without diagnostics and writes back to the same bytes") {
  const GeneratedNetwork generated = generate_network({2000, test::test_seed()});
  const std::string text = io::write_network_json(generated.network);
  const Network loaded = reload(text);
  REQUIRE(loaded.nodes.size() == generated.network.nodes.size());
  REQUIRE(loaded.links.size() == generated.network.links.size());
  CHECK(io::write_network_json(loaded) == text);
}

TEST_CASE("generate: corridor structure, every terminal pair connected across the Caspian") {
  const GeneratedNetwork g = generate_network({3000, test::test_seed()});
  const Network& net = g.network;
  REQUIRE(g.origins.size() >= 2);
  REQUIRE(g.destinations.size() == g.origins.size());
  int kinds[6] = {};
  for (const Node& node : net.nodes) ++kinds[static_cast<int>(node.kind)];
  CHECK(kinds[static_cast<int>(NodeKind::BorderCrossing)] == 3 * static_cast<int>(g.origins.size()));
  CHECK(kinds[static_cast<int>(NodeKind::GaugeChange)] == 2 * static_cast<int>(g.origins.size()));
  CHECK(kinds[static_cast<int>(NodeKind::SeaPort)] == 2 * static_cast<int>(g.origins.size()));
  CHECK(kinds[static_cast<int>(NodeKind::DryPort)] > 0);
  for (NodeIndex o : g.origins) CHECK(net.nodes[o].country == "CN");
  for (NodeIndex d : g.destinations) CHECK(net.nodes[d].country == "TR");

  const solve::Router router(net);
  for (NodeIndex o : g.origins)
    for (NodeIndex d : g.destinations) {
      RouteQuery query;
      query.from = o;
      query.to = d;
      const RouteResult result = router.find_route(query);
      REQUIRE(result.found());
      const Route& route = result.routes[0];
      CHECK(route.nodes.front() == o);
      CHECK(route.nodes.back() == d);
      int ferries = 0;
      double hours = 0;
      for (const RouteLeg& leg : route.legs) {
        ferries += leg.mode == Mode::Ferry;
        hours += leg.total_hours();
      }
      CHECK(ferries % 2 == 1);  // east to west: an odd number of Caspian crossings
      CHECK(hours == doctest::Approx(route.hours));
    }

  // All eastern terminals to all western ones: bounded, and no more than the ferries carry.
  FlowQuery flow_query;
  flow_query.sources = g.origins;
  flow_query.sinks = g.destinations;
  const FlowResult flow = solve::max_flow(net, flow_query);
  REQUIRE_FALSE(flow.unbounded);
  CHECK(flow.max_flow_tpy > 0);
  TonnesPerYear ferry_capacity = 0;
  for (const Link& link : net.links)
    if (link.mode == Mode::Ferry) ferry_capacity += *link.capacity_tpy;
  CHECK(flow.max_flow_tpy <= ferry_capacity);
  const TonnesPerYear cut = std::accumulate(flow.min_cut.begin(), flow.min_cut.end(), TonnesPerYear{0},
                                            [](TonnesPerYear sum, const CutElement& e) { return sum + e.capacity_tpy; });
  CHECK(cut == flow.max_flow_tpy);
}

TEST_CASE("network writer: the shipped network round-trips through write and load") {
  const std::string path = std::string(CORRIDOR_SOURCE_DIR) + "/network/middle-corridor.json";
  DiagnosticSink sink(path);
  const Network shipped = io::load_network(path, sink);
  const std::string text = io::write_network_json(shipped);
  const Network again = reload(text);
  REQUIRE(again.nodes.size() == shipped.nodes.size());
  REQUIRE(again.links.size() == shipped.links.size());
  for (std::size_t i = 0; i < shipped.nodes.size(); ++i) {
    CHECK(again.nodes[i].id == shipped.nodes[i].id);
    CHECK(again.nodes[i].name == shipped.nodes[i].name);
    CHECK(again.nodes[i].capacity_tpy == shipped.nodes[i].capacity_tpy);
    CHECK(again.nodes[i].estimate == shipped.nodes[i].estimate);
    CHECK(again.nodes[i].sources == shipped.nodes[i].sources);
    CHECK(again.nodes[i].dwell_hours == shipped.nodes[i].dwell_hours);
    CHECK(again.nodes[i].dwell_distribution == shipped.nodes[i].dwell_distribution);
    CHECK(again.nodes[i].transfer_distribution == shipped.nodes[i].transfer_distribution);
  }
  for (std::size_t i = 0; i < shipped.links.size(); ++i) {
    CHECK(again.links[i].id == shipped.links[i].id);
    CHECK(again.links[i].hours == shipped.links[i].hours);
    CHECK(again.links[i].status == shipped.links[i].status);
    CHECK(again.links[i].departures_per_week == shipped.links[i].departures_per_week);
    CHECK(again.links[i].wait_distribution == shipped.links[i].wait_distribution);
    CHECK(again.links[i].crossing == shipped.links[i].crossing);
    CHECK(again.links[i].transit_countries == shipped.links[i].transit_countries);
  }
  CHECK(io::write_network_json(again) == text);
}

TEST_CASE("network writer: distributions of every kind and timetables round-trip") {
  const std::string source = R"({"name": "Reliability", "nodes": [
    {"id": "A", "name": "A", "country": "KZ", "kind": "border_crossing", "lat": 43, "lon": 51,
     "dwell_distribution": {"type": "empirical", "values_hours": [39.9, 48.6, 51.9, 40.6]}},
    {"id": "P", "name": "P", "country": "KZ", "kind": "sea_port", "lat": 43.6, "lon": 51.2,
     "transfer_distribution": {"type": "triangular", "min_hours": 10, "mode_hours": 20.3, "max_hours": 30}},
    {"id": "Q", "name": "Q", "country": "AZ", "kind": "sea_port", "lat": 40, "lon": 49.4,
     "dwell_distribution": {"type": "lognormal", "median_hours": 6, "p90_hours": 12}}],
   "links": [
    {"from": "A", "to": "P", "mode": "rail", "distance_km": 100, "hours": 3},
    {"from": "P", "to": "Q", "mode": "ferry", "distance_km": 470, "hours": 22, "departures_per_week": 3,
     "wait_distribution": {"type": "lognormal", "median_hours": 28, "p90_hours": 72, "max_hours": 336}},
    {"id": "P-Q-TIMETABLED", "from": "P", "to": "Q", "mode": "ferry", "distance_km": 470, "hours": 20,
     "departures": ["Mon 08:00", "Thu 20:00"]}]})";
  const Network original = reload(source);
  const std::string text = io::write_network_json(original);
  const Network again = reload(text);
  REQUIRE(again.nodes.size() == 3);
  REQUIRE(again.links.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(again.nodes[i].dwell_hours == original.nodes[i].dwell_hours);
    CHECK(again.nodes[i].dwell_distribution == original.nodes[i].dwell_distribution);
    CHECK(again.nodes[i].transfer_distribution == original.nodes[i].transfer_distribution);
    CHECK(again.links[i].wait_distribution == original.links[i].wait_distribution);
    CHECK(again.links[i].schedule == original.links[i].schedule);
    CHECK(again.links[i].departures_per_week == original.links[i].departures_per_week);
  }
  REQUIRE(again.links[2].schedule);
  CHECK(again.links[2].schedule->departure_minutes == std::vector<int>{8 * 60, 3 * 1440 + 20 * 60});
  REQUIRE(again.nodes[2].dwell_distribution);
  CHECK(again.nodes[2].dwell_distribution->kind == DistributionKind::Lognormal);
  CHECK(again.links[1].wait_distribution->cap_hours == 336.0);
  CHECK(io::write_network_json(again) == text);
}
