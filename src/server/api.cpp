#include "server/api.hpp"

#include <cstdio>

#include "io/formats.hpp"
#include "io/network_writer.hpp"
#include "io/node_search.hpp"
#include "io/outcome_render.hpp"
#include "model/capacity.hpp"
#include "model/curve.hpp"
#include "model/equilibrium.hpp"
#include "model/reliability.hpp"
#include "model/validate.hpp"
#include "solve/criticality.hpp"
#include "solve/flow.hpp"
#include "solve/path_flow.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"
#include "solve/scenario_run.hpp"

namespace corridor::server {
namespace {

constexpr std::int64_t kMaxTargetTpy = 1'000'000'000'000;  // as the CLI's --target-tpy

/// Journeys a reliability request samples: samples x routes (k; 0 = 1 by mean, 5 by P90).
std::int64_t sampled_journeys(const ReliabilityRequest& request) {
  const int routes = request.k > 0 ? request.k : request.by == ReliabilityRank::P90 ? kDefaultRobustAlternatives : 1;
  return request.samples * routes;
}

std::string journeys_message(std::int64_t journeys, std::int64_t limit) {
  return std::to_string(journeys) + " sampled journeys (samples x routes) are above the server's limit of " +
         std::to_string(limit) + " per request (docs/api.md); corridor reliability has no such limit";
}

/// A limit as people read it: 1e-06, 40000.
std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

Reply json_reply(std::string body) { return Reply{200, "application/json", std::move(body)}; }

/// The route options every route-like endpoint shares: corridor and avoid.
void read_filters(ParamReader& p, std::vector<std::string>& corridors, std::vector<std::string>& avoid) {
  corridors = p.list("corridor");
  avoid = p.list("avoid");
}

}  // namespace

struct Api::Impl {
  Network network;
  std::string network_path;
  std::string map_html;
  ApiLimits limits;
  solve::Router router;        // built once; const queries from any thread
  std::string network_json;    // the loaded network as a network file, rendered once
  std::string scenarios_json;  // the shipped scenarios, rendered once
  std::vector<Endpoint> endpoints;

  Impl(Network n, std::string path, std::string map, std::vector<io::ScenarioFile> scenarios, ApiLimits l)
      : network(std::move(n)),
        network_path(std::move(path)),
        map_html(std::move(map)),
        limits(l),
        router(network),
        network_json(io::write_network_json(network)),
        scenarios_json(io::scenario_files_json(scenarios)) {}

  Reply nodes(const ApiRequest& r) const {
    DiagnosticSink sink;
    ParamReader p(r.params, {"search"}, sink);
    const std::string search = p.text("search").value_or("");
    sink.throw_if_errors();
    return json_reply(io::nodes_json(network, search, io::search_nodes(network, search, limits.max_search_results)));
  }

  Reply route(const ApiRequest& r) const {
    DiagnosticSink sink;
    ParamReader p(r.params,
                  {"from", "to", "by", "k", "pareto", "corridor", "avoid", "avoid_country", "modes", "via",
                   "max_overlap", "value_of_time_usd_per_t_day", "carbon_price_usd_per_t_co2"},
                  sink);
    RouteRequest request;
    request.from = p.text("from", true).value_or("");
    request.to = p.text("to", true).value_or("");
    if (auto by = p.text("by")) {
      if (auto objective = parse<Objective>(*by)) request.by = *objective;
      else
        sink.error("E-ENUM", "/by",
                   "unknown objective \"" + *by + "\" (expected one of " + joined_names<Objective>() + ")");
    }
    if (auto k = p.integer("k", 1, limits.max_alternatives)) request.k = static_cast<int>(*k);
    if (auto pareto = p.boolean("pareto")) request.pareto = *pareto;
    read_filters(p, request.corridors, request.avoid);
    request.avoid_countries = p.list("avoid_country");
    request.modes = p.list("modes");
    request.via = p.list("via");
    request.cut_off_end_is_no_route = true;  // an answer (found: false), as corridor route gives it
    request.max_overlap = p.number("max_overlap", 0.0, 1.0);
    if (auto v = p.number("value_of_time_usd_per_t_day", 0.0, 1e6)) request.value_of_time_usd_per_t_day = *v;
    if (auto v = p.number("carbon_price_usd_per_t_co2", 0.0, 1e6)) request.carbon_price_usd_per_t_co2 = *v;
    sink.throw_if_errors();
    const auto query = resolve(network, request, "", sink);
    sink.throw_if_errors();
    return json_reply(io::outcome_json(network, {"", router.find_routes(*query)}));
  }

  Reply flow(const ApiRequest& r) const {
    DiagnosticSink sink;
    ParamReader p(r.params, {"from", "to", "target_tpy", "corridor", "avoid", "avoid_country", "max_detour"}, sink);
    FlowRequest request;
    request.from = p.list("from", true);
    request.to = p.list("to", true);
    request.target_tpy = p.integer("target_tpy", 0, kMaxTargetTpy);
    read_filters(p, request.corridors, request.avoid);
    request.avoid_countries = p.list("avoid_country");
    if (p.text("max_detour") == std::optional<std::string>("none")) request.max_detour = std::nullopt;  // any route
    else if (auto detour = p.number("max_detour", 1.0, kMaxDetour)) request.max_detour = *detour;
    sink.throw_if_errors();
    const auto query = resolve(network, request, "", sink);
    sink.throw_if_errors();
    return json_reply(io::outcome_json(network, {"", solve::capacity_max_flow(network, *query)}));
  }

  Reply reliability(const ApiRequest& r) const {
    DiagnosticSink sink;
    ParamReader p(r.params,
                  {"from", "to", "samples", "seed", "deadline_days", "depart", "k", "by", "corridor", "avoid", "volume_mt"},
                  sink);
    ReliabilityRequest request;
    request.route.from = p.text("from", true).value_or("");
    request.route.to = p.text("to", true).value_or("");
    if (auto samples = p.integer("samples", 1, limits.max_sampled_journeys)) request.samples = *samples;
    if (auto seed = p.integer("seed", 0, INT64_MAX)) request.seed = static_cast<std::uint64_t>(*seed);
    request.deadline_days = p.number("deadline_days", 0.0, 3650.0);
    request.depart = p.text("depart").value_or("");
    if (auto volume_mt = p.number("volume_mt", 0.0, 1e6)) request.volume_tpy = *volume_mt * 1e6;
    if (auto k = p.integer("k", 1, limits.max_alternatives)) request.k = static_cast<int>(*k);
    if (auto by = p.text("by")) {
      if (auto rank = parse<ReliabilityRank>(*by)) request.by = *rank;
      else sink.error("E-ENUM", "/by", "unknown ranking \"" + *by + "\" (expected mean or p90)");
    }
    read_filters(p, request.route.corridors, request.route.avoid);
    sink.throw_if_errors();
    if (const auto journeys = sampled_journeys(request); journeys > limits.max_sampled_journeys)
      sink.error("E-RANGE", "/samples", journeys_message(journeys, limits.max_sampled_journeys));
    sink.throw_if_errors();
    auto query = resolve(network, request, "", sink);
    sink.throw_if_errors();
    query->threads = 1;  // the server's thread pool is the parallelism; the result does not depend on it
    return json_reply(io::outcome_json(network, {"", solve::assess_reliability(network, router, *query)}));
  }

  Reply criticality(const ApiRequest& r) const {
    DiagnosticSink sink;
    ParamReader p(r.params, {"from", "to", "od", "elements", "top", "corridor", "avoid"}, sink);
    CriticalityRequest request;
    request.flow.from = p.list("from", true);
    request.flow.to = p.list("to", true);
    read_filters(p, request.flow.corridors, request.flow.avoid);
    const auto od = p.list("od");
    for (std::size_t i = 0; i < od.size(); ++i) {
      const auto colon = od[i].find(':');
      if (colon == std::string::npos) sink.error("E-QUERY", "/od/" + std::to_string(i), "expected FROM:TO, got \"" + od[i] + "\"");
      else request.routes.push_back({od[i].substr(0, colon), od[i].substr(colon + 1)});
    }
    request.elements = p.list("elements");
    if (auto top = p.integer("top", 1, 1'000'000)) request.top = static_cast<int>(*top);
    sink.throw_if_errors();
    const auto query = resolve(network, request, "", sink);
    sink.throw_if_errors();
    return json_reply(io::outcome_json(network, {"", solve::criticality(network, *query, 1)}));
  }

  /// The server's limits on a scenario's size and work, beyond what `corridor run` checks.
  void check_scenario_limits(const Scenario& scenario, DiagnosticSink& sink) const {
    if (scenario.queries.size() > limits.max_queries)
      sink.error("E-RANGE", "/queries",
                 std::to_string(scenario.queries.size()) + " queries: the server answers at most " +
                     std::to_string(limits.max_queries) + " per request (corridor run has no limit)");
    if (scenario.changes.size() > limits.max_changes)
      sink.error("E-RANGE", "/changes",
                 std::to_string(scenario.changes.size()) + " changes: the server applies at most " +
                     std::to_string(limits.max_changes) + " per request");
    std::int64_t journeys = 0;
    std::string last_pointer;
    for (const ScenarioQuery& query : scenario.queries)
      if (const auto* reliability = std::get_if<ReliabilityRequest>(&query.request)) {
        journeys += sampled_journeys(*reliability);
        last_pointer = query.pointer + "/samples";
        if (journeys > limits.max_sampled_journeys) break;  // also keeps the sum from overflowing
      }
    if (journeys > limits.max_sampled_journeys)
      sink.error("E-RANGE", last_pointer, journeys_message(journeys, limits.max_sampled_journeys));
    check_solver_work(scenario, sink);
  }

  /// What bounds a run's solver time besides its sampled journeys: alternatives, equilibrium
  /// iterations and gaps, upgrade plan steps (ApiLimits).
  void check_solver_work(const Scenario& scenario, DiagnosticSink& sink) const {
    std::int64_t iterations = 0, steps = 0;
    std::string iterations_at, steps_at;
    const auto equilibrium = [&](const EquilibriumSettings& settings, std::size_t volumes, const std::string& pointer) {
      if (settings.relative_gap < limits.min_relative_gap)
        sink.error("E-RANGE", pointer + "/gap",
                   "gap below the server's smallest, " + short_number(limits.min_relative_gap) +
                       " (corridor assign has no such limit)");
      iterations += static_cast<std::int64_t>(settings.max_iterations) * static_cast<std::int64_t>(volumes);
      iterations_at = pointer;
    };
    for (const ScenarioQuery& query : scenario.queries) {
      if (const auto* route = std::get_if<RouteRequest>(&query.request); route && route->k > limits.max_alternatives)
        sink.error("E-RANGE", query.pointer + "/k",
                   "k " + std::to_string(route->k) + ": the server gives at most " +
                       std::to_string(limits.max_alternatives) + " alternatives (corridor run allows 50)");
      if (const auto* assign = std::get_if<AssignRequest>(&query.request); assign && assign->equilibrium)
        equilibrium(*assign->equilibrium, 1, query.pointer);
      if (const auto* curve = std::get_if<CurveRequest>(&query.request))
        equilibrium(curve->equilibrium, curve->volumes_tpy.size(), query.pointer);
      if (const auto* upgrade = std::get_if<UpgradeRequest>(&query.request)) {
        steps += upgrade->max_steps;
        steps_at = query.pointer + "/max_steps";
      }
    }
    if (iterations > limits.max_equilibrium_iterations)
      sink.error("E-RANGE", iterations_at,
                 std::to_string(iterations) + " equilibrium iterations at most (max_iterations, once per volume of a "
                 "curve, summed over the run): the server allows " + std::to_string(limits.max_equilibrium_iterations) +
                 " per request (docs/api.md); corridor run has no such limit");
    if (steps > limits.max_plan_steps)
      sink.error("E-RANGE", steps_at,
                 std::to_string(steps) + " upgrade plan steps (max_steps summed over the run): the server allows " +
                     std::to_string(limits.max_plan_steps) + " per request");
  }

  Reply run(const ApiRequest& r) const {
    DiagnosticSink sink("request.json");
    const Scenario scenario = io::parse_request_scenario(r.body, network_path, sink);
    check_scenario_limits(scenario, sink);
    if (sink.has_errors()) {
      solve::report_later_stages(network, scenario, sink);  // every problem in one answer
      sink.throw_if_errors();
    }
    const Network changed = apply_changes(network, scenario.changes, sink);
    sink.throw_if_errors();
    const auto outcomes = solve::run_queries(changed, scenario, sink);
    sink.throw_if_errors();
    return json_reply(io::render_scenario(scenario, changed, outcomes, io::OutputFormat::Json));
  }

  Reply index() const {
    std::vector<io::EndpointInfo> list;
    for (const Endpoint& e : endpoints) list.push_back({e.method, e.path, e.summary});
    return json_reply(io::endpoints_json(list));
  }

  void add_endpoints() {
    auto get = [this](std::string path, std::string summary, Reply (Impl::*member)(const ApiRequest&) const) {
      endpoints.push_back({"GET", std::move(path), std::move(summary),
                           [this, member](const ApiRequest& r) { return (this->*member)(r); }});
    };
    endpoints.push_back({"GET", "/api", "This list of endpoints", [this](const ApiRequest&) { return index(); }});
    endpoints.push_back({"GET", "/api/network", "The loaded network, as a network file",
                         [this](const ApiRequest&) { return json_reply(network_json); }});
    get("/api/nodes", "Nodes whose id, name or alias contains `search`", &Impl::nodes);
    get("/api/route", "The JSON of `corridor route --format json`", &Impl::route);
    get("/api/flow", "The JSON of `corridor flow --format json`", &Impl::flow);
    get("/api/reliability", "The JSON of `corridor reliability --format json`", &Impl::reliability);
    get("/api/criticality", "The JSON of `corridor criticality --format json`", &Impl::criticality);
    endpoints.push_back({"POST", "/api/run", "The JSON of `corridor run --format json` for the scenario in the body",
                         [this](const ApiRequest& r) { return run(r); }});
    endpoints.push_back({"GET", "/api/scenarios", "The shipped scenario files (the teaching view's steps)",
                         [this](const ApiRequest&) { return json_reply(scenarios_json); }});
    endpoints.push_back({"GET", "/api/map", "The network map: an HTML fragment (basemap definitions and one SVG)",
                         [this](const ApiRequest&) { return Reply{200, "text/html; charset=utf-8", map_html}; }});
  }
};

Api::Api(Network network, std::string network_path, std::string map_html, std::vector<io::ScenarioFile> scenarios,
         ApiLimits limits)
    : impl_(std::make_unique<Impl>(std::move(network), std::move(network_path), std::move(map_html),
                                   std::move(scenarios), limits)) {
  impl_->add_endpoints();
}

Api::~Api() = default;

const std::vector<Endpoint>& Api::endpoints() const { return impl_->endpoints; }
const Network& Api::network() const { return impl_->network; }

std::string Api::allowed_methods(const std::string& path) const {
  std::string allowed;
  for (const Endpoint& e : impl_->endpoints)
    if (e.path == path) allowed += (allowed.empty() ? "" : ", ") + e.method + (e.method == "GET" ? ", HEAD" : "");
  return allowed;
}

Reply Api::handle(const ApiRequest& request) const {
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const Endpoint& e : impl_->endpoints) {
    if (e.path != request.path || e.method != method) continue;
    try {
      return e.handle(request);
    } catch (const InputError& error) {
      return Reply{400, "application/json", io::error_json(error.diagnostics())};
    }
  }
  if (const std::string allowed = allowed_methods(request.path); !allowed.empty())
    return Reply{405, "application/json",
                 io::error_json("HTTP-405", request.method + " is not allowed on " + request.path + " (allowed: " + allowed + ")")};
  return Reply{404, "application/json", io::error_json("HTTP-404", "no such endpoint: " + request.path + " (GET /api lists them)")};
}

}  // namespace corridor::server
