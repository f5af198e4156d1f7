// Routing on hand-drawn networks whose answers can be checked on paper.
// Every route found is also checked against the model with check_route.

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "solve/route.hpp"
#include "support/builders.hpp"
#include "support/invariants.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// Finds a route, checks its certificate, and returns it (or an empty result).
RouteResult find(const Network& net, const RouteQuery& query) {
  const RouteResult result = solve::Router(net).find_route(query);
  CHECK(result.query.from == query.from);
  CHECK(result.query.to == query.to);
  if (result.found()) {
    CHECK(result.routes.size() == 1);
    check_route(net, query, result.routes.front());
  }
  return result;
}

RouteResult find(const Network& net, const std::string& from, const std::string& to,
                 Objective by = Objective::Time, std::vector<std::string> corridors = {}) {
  return find(net, route_query(net, from, to, by, std::move(corridors)));
}

std::string path_of(const Network& net, const RouteResult& result) {
  return result.found() ? route_ids(net, result.routes.front()) : std::string("(none)");
}

}  // namespace

TEST_CASE("route: dwell is counted at intermediate nodes only") {
  //   A(dwell 100) --rail 10h-- B(dwell 5) --rail 20h-- C(dwell 7)
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::Junction, 100)
                          .node("B", NodeKind::Junction, 5)
                          .node("C", NodeKind::Junction, 7)
                          .link("A", "B", Mode::Rail, 100, 10)
                          .link("B", "C", Mode::Rail, 200, 20)
                          .build();
  const RouteResult ac = find(net, "A", "C");
  REQUIRE(ac.found());
  const Route& r = ac.routes[0];
  CHECK(path_of(net, ac) == "A B C");
  CHECK(r.hours == doctest::Approx(10 + 5 + 20));
  CHECK(r.legs[0].dwell_hours == 0);
  CHECK(r.legs[1].dwell_hours == 5);
  CHECK(r.distance_km == 300);
  CHECK(r.transfers == 0);
  CHECK(r.days() == doctest::Approx(35.0 / 24.0));

  const RouteResult ca = find(net, "C", "A");  // backwards over bidirectional links
  REQUIRE(ca.found());
  CHECK(path_of(net, ca) == "C B A");
  CHECK(ca.routes[0].hours == doctest::Approx(35));

  const RouteResult ab = find(net, "A", "B");  // a single leg: no dwell at all
  REQUIRE(ab.found());
  CHECK(ab.routes[0].hours == doctest::Approx(10));
}

TEST_CASE("route: a scheduled link adds an expected wait of 84 h divided by departures per week") {
  //   P ==ferry 22h, 7/week== Q ==ferry 10h, 3/week== R      (sea ports, no dwell)
  const Network net = NetworkBuilder()
                          .node("P", NodeKind::SeaPort)
                          .node("Q", NodeKind::SeaPort)
                          .node("R", NodeKind::SeaPort)
                          .link("P", "Q", Mode::Ferry, 470, 22, kUnlimited, 7.0)
                          .link("Q", "R", Mode::Ferry, 300, 10, kUnlimited, 3.0)
                          .build();
  const RouteResult pq = find(net, "P", "Q");
  REQUIRE(pq.found());
  CHECK(pq.routes[0].legs[0].wait_hours == doctest::Approx(12));
  CHECK(pq.routes[0].hours == doctest::Approx(34));
  const RouteResult pr = find(net, "P", "R");
  REQUIRE(pr.found());
  CHECK(pr.routes[0].legs[1].wait_hours == doctest::Approx(28));
  CHECK(pr.routes[0].hours == doctest::Approx(22 + 12 + 10 + 28));
  const RouteResult rp = find(net, "R", "P");  // the same wait both ways
  REQUIRE(rp.found());
  CHECK(rp.routes[0].hours == doctest::Approx(pr.routes[0].hours));
}

TEST_CASE("route: transfer hours apply only where the mode changes") {
  //   A --rail 10h-- P(dwell 6, transfer 12) ==ferry 22h, 7/wk== Q(dwell 4, transfer 8) --rail 20h-- D
  //                  |
  //                  +--rail 30h-- R
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal, 0, 99)
                          .node("P", NodeKind::SeaPort, 6, 12)
                          .node("Q", NodeKind::SeaPort, 4, 8)
                          .node("D", NodeKind::RailTerminal, 0, 99)
                          .node("R", NodeKind::RailTerminal)
                          .link("A", "P", Mode::Rail, 700, 10)
                          .link("P", "Q", Mode::Ferry, 470, 22, kUnlimited, 7.0)
                          .link("Q", "D", Mode::Rail, 550, 20)
                          .link("P", "R", Mode::Rail, 900, 30)
                          .build();
  const RouteResult ad = find(net, "A", "D");
  REQUIRE(ad.found());
  const Route& r = ad.routes[0];
  CHECK(path_of(net, ad) == "A P Q D");
  CHECK(r.transfers == 2);
  CHECK(r.legs[1].transfer_hours == 12);
  CHECK(r.legs[2].transfer_hours == 8);
  // origin and destination add neither dwell nor transfer
  CHECK(r.hours == doctest::Approx(10 + (6 + 12) + (22 + 12) + (4 + 8) + 20));

  const RouteResult ar = find(net, "A", "R");  // rail to rail through P: dwell, no transfer
  REQUIRE(ar.found());
  CHECK(ar.routes[0].transfers == 0);
  CHECK(ar.routes[0].legs[1].transfer_hours == 0);
  CHECK(ar.routes[0].hours == doctest::Approx(10 + 6 + 30));

  // by distance the transfer rules still apply, but time figures are only reported
  const RouteResult by_km = find(net, "A", "D", Objective::Distance);
  REQUIRE(by_km.found());
  CHECK(by_km.routes[0].distance_km == 700 + 470 + 550);
  CHECK(by_km.routes[0].hours == doctest::Approx(r.hours));
}

TEST_CASE("route: no mode change at a node that does not allow transfers") {
  //             rail 10h          road 10h
  //      A ----------------- J ---------------- D        J: junction, no transfers
  //      |                                      |
  //      +---- rail 30h ---- T ---- road 30h ---+        T: rail terminal (transfer 5)
  NetworkBuilder builder;
  builder.node("A", NodeKind::RailTerminal)
      .node("J", NodeKind::Junction, 1, 0)
      .node("T", NodeKind::RailTerminal, 2, 5)
      .node("D", NodeKind::RailTerminal)
      .link("A", "J", Mode::Rail, 10, 10)
      .link("J", "D", Mode::Road, 10, 10)
      .link("A", "T", Mode::Rail, 30, 30)
      .link("T", "D", Mode::Road, 30, 30);
  const Network net = builder.build();
  const RouteResult around = find(net, "A", "D");
  REQUIRE(around.found());
  CHECK(path_of(net, around) == "A T D");
  CHECK(around.routes[0].hours == doctest::Approx(30 + 2 + 5 + 30));
  CHECK(path_of(net, find(net, "A", "D", Objective::Distance)) == "A T D");

  // When J allows transfers, the short way through J is taken.
  Network open_j = net;
  open_j.nodes[node_index(open_j, "J")].allows_transfer = true;
  CHECK(path_of(open_j, find(open_j, "A", "D")) == "A J D");

  // Without T there is no route at all.
  Network no_t = net;
  no_t.nodes[node_index(no_t, "T")].status = Status::Closed;
  CHECK_FALSE(find(no_t, "A", "D").found());

  // A gauge_change or border node is no transfer point by default either.
  for (NodeKind kind : {NodeKind::BorderCrossing, NodeKind::GaugeChange}) {
    Network other = no_t;
    other.nodes[node_index(other, "J")].kind = kind;
    CAPTURE(to_string(kind));
    CHECK_FALSE(find(other, "A", "D").found());
  }
}

TEST_CASE("route: a mode change next to a junction happens at the neighbouring terminal") {
  // J forbids transfers; K beside it allows them and has both a rail and a road link to J.
  //
  //   A --rail 10h-- J --road 10h-- D
  //                  |  |
  //         rail 1h  |  |  road 1h
  //                  |  |
  //                  K (rail terminal, transfer 3)
  //
  // The route goes A J K J D: it passes J twice, once by rail and once by road, and changes
  // mode only at K (docs/model.md: a route is a sequence of links).
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("J", NodeKind::Junction, 2)
                          .node("K", NodeKind::RailTerminal, 1, 3)
                          .node("D", NodeKind::RailTerminal)
                          .link("A", "J", Mode::Rail, 10, 10)
                          .link("J", "D", Mode::Road, 10, 10)
                          .link("J", "K", Mode::Rail, 1, 1)
                          .link("K", "J", Mode::Road, 1, 1)
                          .build();
  const RouteResult result = find(net, "A", "D");
  REQUIRE(result.found());
  CHECK(path_of(net, result) == "A J K J D");
  CHECK(result.routes[0].transfers == 1);
  CHECK(result.routes[0].hours == doctest::Approx(10 + 2 + 1 + (1 + 3) + 1 + 2 + 10));
}

TEST_CASE("route: by time and by distance choose different routes") {
  //        X (dwell 40)                    short but slow
  //   A <               > D
  //        Y (dwell 1)                     long but fast
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("X", NodeKind::Junction, 40)
                          .node("Y", NodeKind::Junction, 1)
                          .node("D", NodeKind::RailTerminal)
                          .link("A", "X", Mode::Rail, 100, 5)
                          .link("X", "D", Mode::Rail, 100, 5)
                          .link("A", "Y", Mode::Rail, 300, 10)
                          .link("Y", "D", Mode::Rail, 300, 10)
                          .build();
  const RouteResult fast = find(net, "A", "D", Objective::Time);
  const RouteResult shortest = find(net, "A", "D", Objective::Distance);
  CHECK(path_of(net, fast) == "A Y D");
  CHECK(fast.routes.at(0).hours == doctest::Approx(21));
  CHECK(path_of(net, shortest) == "A X D");
  CHECK(shortest.routes.at(0).distance_km == 200);
  CHECK(shortest.routes.at(0).hours == doctest::Approx(50));
  CHECK(shortest.query.by == Objective::Distance);
}

TEST_CASE("route: a frequent slow service can beat a rare fast one") {
  //   A ==ferry 10h, 1/week== B      (wait 84 h)
  //   A ==ferry 30h, 14/week== B     (wait 6 h)  parallel link
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::SeaPort)
                          .node("B", NodeKind::SeaPort)
                          .link("A", "B", Mode::Ferry, 400, 10, kUnlimited, 1.0)
                          .link("A", "B", Mode::Ferry, 500, 30, kUnlimited, 14.0)
                          .build();
  const RouteResult by_time = find(net, "A", "B");
  REQUIRE(by_time.found());
  CHECK(net.links[by_time.routes[0].legs[0].link].id == "A-B-2");
  CHECK(by_time.routes[0].hours == doctest::Approx(36));
  const RouteResult by_km = find(net, "A", "B", Objective::Distance);
  REQUIRE(by_km.found());
  CHECK(net.links[by_km.routes[0].legs[0].link].id == "A-B");
}

TEST_CASE("route: closed and planned links and nodes are avoided") {
  //   A --1h-- B --1h-- D
  //   |                 |
  //   +--5h--- C --5h---+
  //   +-------20h-------+   (A-D direct)
  NetworkBuilder base;
  base.node("A").node("B").node("C").node("D");
  base.link("A", "B", Mode::Rail, 10, 1).link("B", "D", Mode::Rail, 10, 1);
  base.link("A", "C", Mode::Rail, 10, 5).link("C", "D", Mode::Rail, 10, 5);
  base.link("A", "D", Mode::Rail, 10, 20);
  const Network open = base.build();
  CHECK(path_of(open, find(open, "A", "D")) == "A B D");

  Network closed_link = open;
  closed_link.links[link_index(closed_link, "B-D")].status = Status::Closed;
  CHECK(path_of(closed_link, find(closed_link, "A", "D")) == "A C D");

  Network closed_node = open;
  closed_node.nodes[node_index(closed_node, "B")].status = Status::Closed;
  CHECK(path_of(closed_node, find(closed_node, "A", "D")) == "A C D");

  Network planned = closed_node;
  planned.links[link_index(planned, "A-C")].status = Status::Planned;
  CHECK(path_of(planned, find(planned, "A", "D")) == "A D");

  Network planned_node = open;
  planned_node.nodes[node_index(planned_node, "B")].status = Status::Planned;
  planned_node.nodes[node_index(planned_node, "C")].status = Status::Planned;
  CHECK(path_of(planned_node, find(planned_node, "A", "D")) == "A D");

  Network none = planned_node;
  none.links[link_index(none, "A-D")].status = Status::Closed;
  CHECK_FALSE(find(none, "A", "D").found());
}

TEST_CASE("route: the corridor filter keeps tagged and shared links only") {
  //   A --middle 10h-- B --middle 10h-- D
  //   A --northern 1h-- C --shared 1h-- D
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .node("D")
                          .link("A", "B", Mode::Rail, 10, 10)
                          .corridors({"middle"})
                          .link("B", "D", Mode::Rail, 10, 10)
                          .corridors({"middle", "southern"})
                          .link("A", "C", Mode::Rail, 10, 1)
                          .corridors({"northern"})
                          .link("C", "D", Mode::Rail, 10, 1)
                          .corridors({"shared"})
                          .build();
  struct Row {
    std::vector<std::string> filter;
    const char* path;
  };
  const Row rows[] = {{{}, "A C D"},
                      {{"middle"}, "A B D"},
                      {{"northern"}, "A C D"},
                      {{"middle", "northern"}, "A C D"},
                      {{"sea"}, "(none)"},
                      {{"southern"}, "(none)"}};
  for (const Row& row : rows) {
    std::string filter;
    for (const auto& tag : row.filter) filter += tag + " ";
    CAPTURE(filter);
    CHECK(path_of(net, find(net, "A", "D", Objective::Time, row.filter)) == std::string(row.path));
  }
}

TEST_CASE("route: unreachable destinations give no route") {
  //   A -- B       C -- D        E (no links)
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .node("D")
                          .node("E")
                          .link("A", "B")
                          .link("C", "D")
                          .build();
  const RouteResult ad = find(net, "A", "D");
  CHECK_FALSE(ad.found());
  CHECK(ad.routes.empty());
  CHECK_FALSE(find(net, "A", "E").found());
  CHECK_FALSE(find(net, "E", "A").found());
  CHECK(find(net, "D", "C").found());
}

TEST_CASE("route: one-way links are used in their direction only") {
  //   A --one-way 1h--> B          A <--2-way 10h--> C <--2-way 10h--> B
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .link("A", "B", Mode::Rail, 10, 1, kUnlimited, kNoSchedule, false)
                          .link("A", "C", Mode::Rail, 10, 10)
                          .link("C", "B", Mode::Rail, 10, 10)
                          .build();
  CHECK(path_of(net, find(net, "A", "B")) == "A B");
  CHECK(path_of(net, find(net, "B", "A")) == "B C A");
  Network only = net;
  only.links[link_index(only, "A-C")].status = Status::Closed;
  CHECK(path_of(only, find(only, "A", "B")) == "A B");
  CHECK_FALSE(find(only, "B", "A").found());
}

TEST_CASE("route: a router reused across queries answers like fresh ones") {
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("B", NodeKind::Junction, 3)
                          .node("P", NodeKind::SeaPort, 6, 12)
                          .node("Q", NodeKind::SeaPort, 4, 8)
                          .node("D", NodeKind::RailTerminal)
                          .link("A", "B", Mode::Rail, 300, 30)
                          .corridors({"middle"})
                          .link("B", "P", Mode::Rail, 200, 20)
                          .corridors({"middle"})
                          .link("P", "Q", Mode::Ferry, 470, 22, kUnlimited, 7.0)
                          .corridors({"shared"})
                          .link("Q", "D", Mode::Rail, 550, 20)
                          .corridors({"northern"})
                          .link("A", "P", Mode::Road, 700, 60)
                          .corridors({"northern"})
                          .link("B", "D", Mode::Road, 2000, 90, kUnlimited, kNoSchedule, false)
                          .corridors({"middle"})
                          .build();
  const solve::Router shared(net);
  CHECK(&shared.network() == &net);
  std::vector<RouteQuery> queries;
  for (NodeIndex from = 0; from < net.nodes.size(); ++from)
    for (NodeIndex to = 0; to < net.nodes.size(); ++to)
      if (from != to)
        for (Objective by : {Objective::Time, Objective::Distance})
          for (const std::vector<std::string>& filter :
               {std::vector<std::string>{}, std::vector<std::string>{"middle"}, std::vector<std::string>{"northern"}})
            queries.push_back(route_query(from, to, by, filter));
  // twice, forwards then backwards, so that any state left behind by one query would show
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t k = 0; k < queries.size(); ++k) {
      const RouteQuery& q = pass == 0 ? queries[k] : queries[queries.size() - 1 - k];
      CAPTURE(pass);
      CAPTURE(net.nodes[q.from].id);
      CAPTURE(net.nodes[q.to].id);
      const RouteResult reused = shared.find_route(q);
      const RouteResult fresh = solve::Router(net).find_route(q);
      REQUIRE(reused.found() == fresh.found());
      if (!fresh.found()) continue;
      check_route(net, q, reused.routes[0]);
      CHECK(reused.routes[0].nodes == fresh.routes[0].nodes);
      CHECK(reused.routes[0].hours == fresh.routes[0].hours);
      CHECK(reused.routes[0].distance_km == fresh.routes[0].distance_km);
    }
  }
  // A moved router keeps working.
  solve::Router original(net);
  solve::Router moved = std::move(original);
  CHECK(moved.find_route(route_query(net, "A", "D")).found());
  CHECK(&moved.network() == &net);
}

TEST_CASE("route: make_route applies the time model to a given path") {
  //   A(transfer 50) --road 5h-- P(dwell 6, transfer 12) ==ferry 22h 7/wk== Q --rail 20h-- D
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal, 3, 50)
                          .node("P", NodeKind::SeaPort, 6, 12)
                          .node("Q", NodeKind::SeaPort, 4, 8)
                          .node("D", NodeKind::RailTerminal, 9, 9)
                          .link("A", "P", Mode::Road, 50, 5)
                          .link("P", "Q", Mode::Ferry, 470, 22, kUnlimited, 7.0)
                          .link("D", "Q", Mode::Rail, 550, 20)  // used backwards
                          .build();
  const Route route = solve::make_route(net, node_index(net, "A"), {0, 1, 2});
  check_route(net, route_query(net, "A", "D"), route);
  CHECK(route_ids(net, route) == "A P Q D");
  CHECK(route.legs[2].from == node_index(net, "Q"));
  CHECK(route.legs[2].to == node_index(net, "D"));
  CHECK(route.transfers == 2);
  CHECK(route.hours == doctest::Approx(5 + (6 + 12) + (22 + 12) + (4 + 8) + 20));
  CHECK(route.distance_km == 1070);
}

TEST_CASE("route: avoided nodes and links are not used") {
  //   A --1h-- B --1h-- D
  //   A --5h-- C --5h-- D
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .node("D")
                          .link("A", "B", Mode::Rail, 10, 1)
                          .link("B", "D", Mode::Rail, 10, 1)
                          .link("A", "C", Mode::Rail, 10, 5)
                          .link("C", "D", Mode::Rail, 10, 5)
                          .build();
  RouteQuery query = route_query(net, "A", "D");
  CHECK(path_of(net, find(net, query)) == "A B D");
  query.avoid.nodes = {node_index(net, "B")};
  CHECK(path_of(net, find(net, query)) == "A C D");
  query.avoid.nodes = {};
  query.avoid.links = {link_index(net, "B-D")};
  CHECK(path_of(net, find(net, query)) == "A C D");
  query.avoid.nodes = {node_index(net, "C")};
  CHECK_FALSE(find(net, query).found());
}
