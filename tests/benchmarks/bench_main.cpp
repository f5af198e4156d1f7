// corridor_bench: in-process timings (Google Benchmark) of corridor and of the same algorithms
// written directly against Boost.Graph's CSR graph and LEMON, on one network file.
//
//   corridor_bench NETWORK.json [--export DIR] [--once REGEX] [benchmark flags]   time everything
//   corridor_bench --peak KIND EDGES.txt                              one peer run, for peak memory
//   corridor_bench --export-equilibrium NETWORK.json DIR SHARE hard|soft   equilibrium problem for NetworkX
//
// Every peer's answer is checked against corridor's (same route length, same max-flow value,
// same min-cost flow cost); a mismatch ends the program with exit code 1. tests/benchmarks/run_bench.py
// drives it (make bench) and adds NetworkX. --export-equilibrium is in equilibrium_export.cpp.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <regex>
#include <sstream>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/range/iterator_range.hpp>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "benchmarks/equilibrium_export.hpp"
#include "benchmarks/assignment_graph.hpp"
#include "benchmarks/lemon_peers.hpp"
#include "benchmarks/peer_graphs.hpp"
#include "io/capacity_report.hpp"
#include "io/network_json.hpp"
#include "io/network_snapshot.hpp"
#include "io/network_writer.hpp"
#include "solve/assign.hpp"
#include "solve/equilibrium.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"

namespace corridor::bench {
namespace {

// ---- direct Boost.Graph CSR programs (the floor) ----

using BoostRouteGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, double,
                                                           boost::no_property, std::uint32_t, std::uint32_t>;

BoostRouteGraph boost_route_graph(const RoutingGraph& g) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<double> weights;
  edges.reserve(g.arcs.size());
  weights.reserve(g.arcs.size());
  for (const WeightedArc& a : g.arcs) {
    edges.emplace_back(a.from, a.to);
    weights.push_back(a.hours);
  }
  return BoostRouteGraph(boost::edges_are_sorted, edges.begin(), edges.end(), weights.begin(), g.vertex_count);
}

struct ReachedTarget {
  std::uint32_t vertex;
};
struct StopAt : boost::default_dijkstra_visitor {
  const std::vector<char>* is_target;
  void examine_vertex(std::uint32_t v, const BoostRouteGraph&) const {
    if ((*is_target)[v]) throw ReachedTarget{v};
  }
};

/// One query as a direct program would answer it: fresh distance and predecessor arrays,
/// multi-source Dijkstra stopped at the first settled target. Returns the distance.
double boost_route(const BoostRouteGraph& graph, const RoutingGraph& g) {
  const auto n = num_vertices(graph);
  std::vector<double> distance(n, std::numeric_limits<double>::infinity());
  std::vector<std::uint32_t> predecessor(n);
  std::vector<char> is_target(n, 0);
  for (auto t : g.targets) is_target[t] = 1;
  auto index = get(boost::vertex_index, graph);
  StopAt visitor;
  visitor.is_target = &is_target;
  try {
    boost::dijkstra_shortest_paths(graph, g.sources.begin(), g.sources.end(),
                                   boost::make_iterator_property_map(predecessor.begin(), index),
                                   boost::make_iterator_property_map(distance.begin(), index),
                                   get(boost::edge_bundle, graph), index, std::less<double>(),
                                   boost::closed_plus<double>(), std::numeric_limits<double>::infinity(), 0.0,
                                   visitor);
  } catch (const ReachedTarget& reached) {
    return distance[reached.vertex];
  }
  return std::numeric_limits<double>::infinity();
}

using BoostFlowGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                          boost::no_property, std::uint32_t, std::uint32_t>;
using BoostFlowEdge = BoostFlowGraph::edge_descriptor;

/// A flow network with reverse arcs, as push_relabel_max_flow needs it.
struct BoostFlowProgram {
  BoostFlowGraph graph;
  std::vector<std::int64_t> capacity, residual;
  std::vector<BoostFlowEdge> reverse;
  std::uint32_t source = 0, sink = 0;

  explicit BoostFlowProgram(const FlowGraph& g) : source(g.source), sink(g.sink) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    edges.reserve(2 * g.arcs.size());
    for (const CapacityArc& a : g.arcs) {
      edges.emplace_back(a.from, a.to);
      edges.emplace_back(a.to, a.from);
    }
    std::vector<std::uint32_t> order(edges.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return edges[a].first < edges[b].first; });
    std::vector<std::uint32_t> position(edges.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted(edges.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
      position[order[i]] = i;
      sorted[i] = edges[order[i]];
    }
    graph = BoostFlowGraph(boost::edges_are_sorted, sorted.begin(), sorted.end(), g.vertex_count);
    capacity.assign(edges.size(), 0);
    residual.assign(edges.size(), 0);
    std::vector<BoostFlowEdge> by_index(edges.size());
    for (auto e : boost::make_iterator_range(boost::edges(graph))) by_index[get(boost::edge_index, graph, e)] = e;
    reverse.resize(edges.size());
    for (std::uint32_t i = 0; i < g.arcs.size(); ++i) {
      const std::uint32_t forward = position[2 * i], backward = position[2 * i + 1];
      capacity[forward] = g.arcs[i].capacity;
      reverse[forward] = by_index[backward];
      reverse[backward] = by_index[forward];
    }
  }

  std::int64_t run() {
    auto edge_index = get(boost::edge_index, graph);
    return boost::push_relabel_max_flow(graph, source, sink,
                                        boost::capacity_map(boost::make_iterator_property_map(capacity.begin(), edge_index))
                                            .residual_capacity_map(boost::make_iterator_property_map(residual.begin(), edge_index))
                                            .reverse_edge_map(boost::make_iterator_property_map(reverse.begin(), edge_index)));
  }
};

// ---- the benchmark set ----

struct Fixture {
  std::string path, text;
  Network network;
  std::vector<NodeIndex> origins, destinations;
  RouteQuery route_query;
  FlowQuery flow_query;
  RoutingGraph routing;
  FlowGraph flow;
  double route_hours = 0;
  std::int64_t max_flow_tpy = 0, min_cost_amount = 0;
  std::int64_t min_cost = -1;  ///< LEMON's, in 1/kCostUnitsPerHour hours x tonnes
  // Min-cost flow: the network without shared node capacities (see peer_graphs.hpp), its
  // single-commodity graph and corridor's query of half the OD pair's max flow.
  Network assign_network;
  std::uint32_t shared_capacities_dropped = 0;
  FlowGraph assignment;
  AssignQuery assign_query;
  std::int64_t assign_amount = 0;  ///< tonnes per year
};

void check_same(const char* what, double corridor_value, double peer_value) {
  if (std::fabs(corridor_value - peer_value) > 1e-6 * std::max(1.0, std::fabs(corridor_value))) {
    std::ostringstream message;
    message.precision(17);
    message << what << ": corridor " << corridor_value << " but peer " << peer_value;
    fail(message.str());
  }
}

/// Benchmarks whose name matches this run once (one iteration, one repetition): the slow peers
/// on large networks (--once REGEX).
std::regex once_pattern("$^");

template <typename Function>
void add(const char* name, Function function) {
  auto* b = benchmark::RegisterBenchmark(name, function)->Unit(benchmark::kMillisecond);
  if (std::regex_search(name, once_pattern)) b->Iterations(1)->Repetitions(1);
}

void register_all(Fixture& f) {
  // Loading: corridor's parse + validate + build (the fast reader; and the diagnosing reader
  // alone, which reads files with problems) against the parsers alone on the same text:
  // simdjson's whole-document parse (the DOM: every value parsed) and nlohmann's.
  add("load/simdjson_parse", [&f](benchmark::State& state) {
    simdjson::dom::parser parser;
    for (auto _ : state) {
      simdjson::dom::element root;
      if (parser.parse(f.text.data(), f.text.size(), false).get(root) != simdjson::SUCCESS)
        fail("simdjson cannot parse the network");
      benchmark::DoNotOptimize(root);
    }
  });
  add("load/nlohmann_parse", [&f](benchmark::State& state) {
    for (auto _ : state) {
      auto root = nlohmann::json::parse(f.text);
      benchmark::DoNotOptimize(root);
    }
  });
  add("load/corridor", [&f](benchmark::State& state) {
    for (auto _ : state) {
      DiagnosticSink sink(f.path);
      Network network = io::parse_network(f.text, sink);
      benchmark::DoNotOptimize(network);
    }
  });
  if (!io::parse_network_fast(f.text)) fail("the fast reader does not read the benchmark's network");
  add("load/corridor_diagnosing", [&f](benchmark::State& state) {
    for (auto _ : state) {
      DiagnosticSink sink(f.path);
      Network network = io::parse_network_diagnosing(f.text, sink);
      benchmark::DoNotOptimize(network);
    }
  });
  // The same network from its snapshot (corridor pack), written once before timing: decoding
  // and the same validation, from bytes in memory (load_network maps the file instead).
  static const std::string snapshot = io::network_snapshot_bytes(f.network);
  add("load/corridor_snapshot", [&f](benchmark::State& state) {
    for (auto _ : state) {
      DiagnosticSink sink(f.path);
      Network network = io::read_network_snapshot(snapshot.data(), snapshot.size(), sink);
      benchmark::DoNotOptimize(network);
    }
  });

  // Route: one query on a graph built once.
  static std::unique_ptr<solve::Router> router;
  router = std::make_unique<solve::Router>(f.network);
  const RouteResult corridor_route = router->find_route(f.route_query);
  if (!corridor_route.found()) fail("no route between the benchmark's origin and destination");
  f.route_hours = corridor_route.routes[0].hours;
  static BoostRouteGraph boost_graph = boost_route_graph(f.routing);
  check_same("route hours (Boost CSR)", corridor_route.routes[0].hours, boost_route(boost_graph, f.routing));
  static std::unique_ptr<LemonRoute> lemon_route;
  lemon_route = std::make_unique<LemonRoute>(f.routing);
  check_same("route hours (LEMON)", corridor_route.routes[0].hours, lemon_route->run(f.routing));

  add("route_build/corridor", [&f](benchmark::State& state) {
    for (auto _ : state) {
      solve::Router built(f.network);
      benchmark::DoNotOptimize(built);
    }
  });
  add("route/corridor", [&f](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(router->find_route(f.route_query));
  });
  add("route/boost_csr", [&f](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(boost_route(boost_graph, f.routing));
  });
  add("route/lemon", [&f](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(lemon_route->run(f.routing));
  });

  // Max flow: all eastern terminals to all western terminals, on a flow graph built once
  // (the build is timed on its own, like the router's).
  static std::unique_ptr<solve::FlowSolver> flow_solver;
  flow_solver = std::make_unique<solve::FlowSolver>(f.network, f.flow_query.sources, f.flow_query.sinks);
  const FlowResult corridor_flow = flow_solver->max_flow(f.flow_query);
  if (corridor_flow.unbounded || corridor_flow.max_flow_tpy <= 0) fail("the benchmark's max flow is not positive and finite");
  f.max_flow_tpy = corridor_flow.max_flow_tpy;
  f.min_cost_amount = f.max_flow_tpy / 2;
  // The peers' graphs are built once here; each benchmark checks its own last answer (the
  // slow peers are then only run when selected with --benchmark_filter).
  static std::unique_ptr<BoostFlowProgram> boost_flow;
  boost_flow = std::make_unique<BoostFlowProgram>(f.flow);
  static std::unique_ptr<LemonFlow> lemon_flow;
  lemon_flow = std::make_unique<LemonFlow>(f.flow);

  add("flow_build/corridor", [&f](benchmark::State& state) {
    for (auto _ : state) {
      solve::FlowSolver built(f.network, f.flow_query.sources, f.flow_query.sinks);
      benchmark::DoNotOptimize(built);
    }
  });
  add("flow/corridor", [&f](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(flow_solver->max_flow(f.flow_query));
  });
  add("flow/boost_csr", [&f](benchmark::State& state) {
    std::int64_t flow = 0;
    for (auto _ : state) benchmark::DoNotOptimize(flow = boost_flow->run());
    check_same("max flow (Boost CSR)", static_cast<double>(f.max_flow_tpy), static_cast<double>(flow));
  });
  add("flow/lemon", [&f](benchmark::State& state) {
    std::int64_t flow = 0;
    for (auto _ : state) benchmark::DoNotOptimize(flow = lemon_flow->max_flow());
    check_same("max flow (LEMON)", static_cast<double>(f.max_flow_tpy), static_cast<double>(flow));
  });

  // Min-cost flow: corridor's demand assignment (a GLPK LP) of one OD pair, the route's origin
  // and destination, for half their max flow, against LEMON NetworkSimplex on the same graph
  // (peer_graphs.hpp, make_assignment_graph). LEMON's cost is the reference (NetworkX is checked
  // against it too); corridor's objective must equal it.
  static std::unique_ptr<LemonFlow> lemon_assign;
  lemon_assign = std::make_unique<LemonFlow>(f.assignment);
  auto lemon_min_cost = [&f] {
    const std::int64_t cost = lemon_assign->min_cost(f.assign_amount);
    if (cost < 0) fail("LEMON finds no min-cost flow of half the OD pair's max flow");
    if (f.min_cost >= 0) check_same("min cost (LEMON)", static_cast<double>(f.min_cost), static_cast<double>(cost));
    f.min_cost = cost;
  };
  add("mincost/lemon", [lemon_min_cost](benchmark::State& state) {
    for (auto _ : state) lemon_min_cost();
  });
  add("mincost/corridor", [&f, lemon_min_cost](benchmark::State& state) {
    if (f.min_cost < 0) lemon_min_cost();  // the reference, untimed, when mincost/lemon did not run
    AssignResult result;
    for (auto _ : state) benchmark::DoNotOptimize(result = solve::assign_demand(f.assign_network, f.assign_query));
    if (!result.solved) fail("corridor's assignment: " + corridor::io::assign_solver_status_text(result));
    if (result.unserved_tpy > 0) fail("corridor's assignment left " + std::to_string(result.unserved_tpy) + " t unserved");
    check_same("min cost (corridor's assignment, in 1/300 h x t)", result.objective * kCostUnitsPerHour,
               static_cast<double>(f.min_cost));
  });
}

Fixture load_fixture(const std::string& path) {
  Fixture f;
  f.path = path;
  // Read whole, without read_text_file's 64 MiB limit for scenario-sized files: the load
  // benchmark times parse_network against nlohmann's parse on the same text in memory.
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  f.text = std::move(buffer).str();
  f.text.reserve(f.text.size() + simdjson::SIMDJSON_PADDING);  // read in place, as load_network reads files
  DiagnosticSink sink(path);
  f.network = io::parse_network(f.text, sink);
  // Generated networks: eastern terminals in CN, western terminals in TR (see src/model/generate.hpp).
  for (NodeIndex n = 0; n < f.network.nodes.size(); ++n) {
    const Node& node = f.network.nodes[n];
    if (node.kind != NodeKind::RailTerminal) continue;
    if (node.country == "CN") f.origins.push_back(n);
    if (node.country == "TR") f.destinations.push_back(n);
  }
  if (f.origins.empty() || f.destinations.empty()) fail(path + ": needs rail terminals in CN and TR (use corridor generate)");
  f.route_query.from = f.origins.front();
  f.route_query.to = f.destinations.back();
  f.flow_query.sources = f.origins;
  f.flow_query.sinks = f.destinations;
  f.routing = make_routing_graph(f.network, f.route_query.from, f.route_query.to);
  f.flow = make_flow_graph(f.network, f.origins, f.destinations);
  f.assign_network = f.network;
  f.shared_capacities_dropped = strip_shared_node_capacities(f.assign_network, f.route_query.from, f.route_query.to);
  f.assignment = make_assignment_graph(f.assign_network, f.route_query.from, f.route_query.to);
  const std::int64_t pair_max_flow = BoostFlowProgram(f.assignment).run();
  if (pair_max_flow <= 0 || pair_max_flow >= f.assignment.unlimited) fail("the OD pair's max flow is not positive and finite");
  f.assign_amount = pair_max_flow / 2;
  f.assign_query.max_detour = std::nullopt;  // the same problem as the peers' min-cost flows
  f.assign_query.demand.push_back({f.route_query.from, f.route_query.to, static_cast<double>(f.assign_amount)});
  return f;
}

// ---- peak-memory runs of the peers alone, from the exported edge lists ----

// ---- the memory budget of `corridor route` (docs/performance.md, peak memory) ----

/// Heap bytes in use: malloc's arenas and its mmapped blocks.
std::size_t heap_in_use() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

/// What the model and the routing graph of `network` hold on the heap: a copy of the network
/// (its nodes, links and id index, as `corridor route` holds them), then the router on it.
struct MemoryBudget {
  std::size_t model_bytes = 0, route_graph_bytes = 0;
};
MemoryBudget memory_budget(const Network& network) {
  MemoryBudget budget;
  const std::size_t before = heap_in_use();
  const Network copy = network;
  budget.model_bytes = heap_in_use() - before;
  const solve::Router router(copy);
  budget.route_graph_bytes = heap_in_use() - before - budget.model_bytes;
  return budget;
}

int peak_run(const std::string& kind, const std::string& path) {
  std::ifstream in(path);
  std::string word;
  std::uint32_t vertices = 0;
  std::size_t arc_count = 0;
  in >> word >> vertices >> word >> arc_count;
  if (!in) fail("cannot read " + path);
  if (kind == "boost-route" || kind == "lemon-route") {
    RoutingGraph g;
    g.vertex_count = vertices;
    std::string line;
    std::getline(in, line);
    for (auto* list : {&g.sources, &g.targets}) {
      std::getline(in, line);
      std::istringstream words(line);
      words >> word;
      for (std::uint32_t v; words >> v;) list->push_back(v);
    }
    g.arcs.resize(arc_count);
    for (WeightedArc& a : g.arcs) in >> a.from >> a.to >> a.hours;
    double hours = 0;
    if (kind == "boost-route") {
      const BoostRouteGraph graph = boost_route_graph(g);
      std::vector<WeightedArc>().swap(g.arcs);
      hours = boost_route(graph, g);
    } else {
      const LemonRoute lemon(g);
      std::vector<WeightedArc>().swap(g.arcs);
      hours = lemon.run(g);
    }
    std::cout.precision(17);
    std::cout << hours << "\n";
    return 0;
  }
  FlowGraph g;
  g.vertex_count = vertices;
  std::int64_t amount = 0;
  in >> word >> g.source >> word >> g.sink >> word >> amount;
  g.arcs.resize(arc_count);
  for (CapacityArc& a : g.arcs) in >> a.from >> a.to >> a.capacity >> a.cost;
  if (kind == "boost-flow") {
    BoostFlowProgram program(g);
    std::vector<CapacityArc>().swap(g.arcs);
    std::cout << program.run() << "\n";
  } else if (kind == "lemon-flow") {
    const LemonFlow lemon(g);
    std::vector<CapacityArc>().swap(g.arcs);
    std::cout << lemon.max_flow() << "\n";
  } else {
    fail("unknown --peak kind " + kind);
  }
  return 0;
}

}  // namespace
}  // namespace corridor::bench

int main(int argc, char** argv) {
  using namespace corridor::bench;
  if (argc >= 4 && std::strcmp(argv[1], "--peak") == 0) return peak_run(argv[2], argv[3]);
  if (argc == 6 && std::strcmp(argv[1], "--export-equilibrium") == 0) {
    if (std::strcmp(argv[5], "hard") != 0 && std::strcmp(argv[5], "soft") != 0) fail("expected hard or soft, got " + std::string(argv[5]));
    try {
      return export_equilibrium(argv[2], argv[3], std::stod(argv[4]), std::strcmp(argv[5], "soft") == 0);
    } catch (const corridor::InputError& e) {
      for (const auto& d : e.diagnostics()) std::cerr << corridor::format(d) << "\n";
      return 1;
    }
  }
  benchmark::Initialize(&argc, argv);
  std::string network_path, export_dir;
  std::unique_ptr<Fixture> fixture;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--export") == 0 && i + 1 < argc) export_dir = argv[++i];
    else if (std::strcmp(argv[i], "--once") == 0 && i + 1 < argc) once_pattern = std::regex(argv[++i]);
    else if (argv[i][0] != '-' && network_path.empty()) network_path = argv[i];
    else fail(std::string("unknown argument ") + argv[i]);
  }
  if (network_path.empty()) fail("usage: corridor_bench NETWORK.json [--export DIR] [benchmark flags]");
  try {
    fixture = std::make_unique<Fixture>(load_fixture(network_path));
    register_all(*fixture);
    if (!export_dir.empty()) {
      export_routing_graph(fixture->routing, export_dir + "/route.txt");
      export_flow_graph(fixture->flow, fixture->min_cost_amount, export_dir + "/flow.txt");
      export_flow_graph(fixture->assignment,
                        fixture->assign_amount,
                        export_dir + "/mincost.txt");
    }
  } catch (const corridor::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << corridor::format(d) << "\n";
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!export_dir.empty()) {  // the answers every peer agreed with, for the NetworkX check
    const Fixture& f = *fixture;
    const MemoryBudget budget = memory_budget(f.network);
    std::ofstream answers(export_dir + "/answers.json");
    answers.precision(17);
    answers << "{\"route_hours\": " << f.route_hours << ", \"max_flow\": " << f.max_flow_tpy << ", \"min_cost\": ";
    if (f.min_cost >= 0) answers << f.min_cost;
    else answers << "null";
    answers << ", \"min_cost_amount\": " << static_cast<std::int64_t>(f.assign_amount)
            << ", \"shared_capacities_dropped\": " << f.shared_capacities_dropped << ", \"nodes\": " << f.network.nodes.size() << ", \"links\": " << f.network.links.size()
            << ", \"node_object_bytes\": " << sizeof(corridor::Node) << ", \"link_object_bytes\": " << sizeof(corridor::Link)
            << ", \"model_bytes\": " << budget.model_bytes << ", \"route_graph_bytes\": " << budget.route_graph_bytes
            << "}\n";
  }
  return 0;
}
