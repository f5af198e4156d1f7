#include "io/formats.hpp"

#include <iterator>
#include <stdexcept>

#include "io/report.hpp"

// The renderers of each format are in formats_csv.cpp, formats_geojson.cpp and formats_dot.cpp
// (table and JSON in report.cpp); this file dispatches on them (their names: io/formats.hpp).

namespace corridor::io {
std::string render_route(const Network& network, const RouteResult& result, OutputFormat format, MoneyUnit unit) {
  switch (format) {
    case OutputFormat::Table:
      return route_table(network, result, unit);
    case OutputFormat::Json:
      return route_json(network, result);
    case OutputFormat::Csv:
      return route_csv(network, result);
    case OutputFormat::GeoJson:
      return route_geojson(network, result);
    case OutputFormat::Dot:
      return route_dot(network, result);
    case OutputFormat::Html:
    case OutputFormat::Svg:
      break;
  }
  throw std::logic_error("render_route: not a result format");
}

std::string render_flow(const Network& network, const FlowResult& result, OutputFormat format) {
  switch (format) {
    case OutputFormat::Table:
      return flow_table(network, result);
    case OutputFormat::Json:
      return flow_json(network, result);
    case OutputFormat::Csv:
      return flow_csv(network, result);
    case OutputFormat::GeoJson:
      return flow_geojson(network, result);
    case OutputFormat::Dot:
      return flow_dot(network, result);
    case OutputFormat::Html:
    case OutputFormat::Svg:
      break;
  }
  throw std::logic_error("render_flow: not a result format");
}

std::string render_scenario(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes,
                            OutputFormat format) {
  switch (format) {
    case OutputFormat::Table:
      return scenario_table(scenario, network, outcomes);
    case OutputFormat::Json:
      return scenario_json(scenario, network, outcomes);
    case OutputFormat::Csv:
      return scenario_csv(scenario, network, outcomes);
    case OutputFormat::GeoJson:
      return scenario_geojson(scenario, network, outcomes);
    case OutputFormat::Dot:
      return scenario_dot(scenario, network, outcomes);
    case OutputFormat::Html:
    case OutputFormat::Svg:
      break;
  }
  throw std::logic_error("render_scenario: not a result format");
}

}  // namespace corridor::io
