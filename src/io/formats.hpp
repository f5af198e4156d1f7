#pragma once
// Output formats beyond the text table and JSON of report.hpp: CSV (RFC 4180), GeoJSON
// (RFC 7946) and Graphviz DOT, for single route and flow results and for scenario runs.
// docs/outputs.md documents every column and property.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/cost.hpp"
#include "model/enum_table.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

/// Every name that `--format` accepts, in one table; each command offers its subset of it
/// (cli's `format_names`). The renderers below write the result formats (`kResultFormats`); HTML
/// and SVG are the pages and maps that the commands offering them draw with html_report.hpp and
/// map_svg.hpp.
enum class OutputFormat : std::uint8_t { Table, Json, Csv, GeoJson, Dot, Html, Svg };
inline constexpr EnumName<OutputFormat> kOutputFormatNames[] = {
    {OutputFormat::Table, "table"}, {OutputFormat::Json, "json"}, {OutputFormat::Csv, "csv"},
    {OutputFormat::GeoJson, "geojson"}, {OutputFormat::Dot, "dot"}, {OutputFormat::Html, "html"},
    {OutputFormat::Svg, "svg"}};
static_assert(enum_table_valid(kOutputFormatNames));
constexpr const auto& enum_table(OutputFormat) { return kOutputFormatNames; }
/// The formats of render_route, render_flow and render_scenario (and of `corridor run`).
inline constexpr OutputFormat kResultFormats[] = {OutputFormat::Table, OutputFormat::Json, OutputFormat::Csv,
                                                  OutputFormat::GeoJson, OutputFormat::Dot};

/// CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted).
/// Route CSV: header row, then one row per leg of each route (best first; `route` is its rank).
std::string route_csv(const Network& network, const RouteResult& result);
/// CSV: header row, then one row per link carrying flow, with its binding flag.
std::string flow_csv(const Network& network, const FlowResult& result);
/// CSV: one table for all queries; route and flow columns side by side, `query` numbers them.
std::string scenario_csv(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes);

/// GeoJSON FeatureCollection of the whole network (nodes as Points, links as LineStrings)
/// with the result as feature properties (on_route, rank / flow_tpy, utilisation, binding).
std::string route_geojson(const Network& network, const RouteResult& result);
std::string flow_geojson(const Network& network, const FlowResult& result);
/// One FeatureCollection; each query's properties are prefixed "q1_", "q2_", ...
std::string scenario_geojson(const Scenario& scenario, const Network& network,
                             const std::vector<QueryOutcome>& outcomes);

/// Graphviz: one undirected graph with nodes pinned at their longitude/latitude
/// (pos="x,y!", render with `neato -n2` or any layout that honours pos); the route or the
/// flow and its binding links highlighted.
std::string route_dot(const Network& network, const RouteResult& result);
std::string flow_dot(const Network& network, const FlowResult& result);
/// One graph with a panel per query (small multiples), each titled with its answer.
std::string scenario_dot(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes);

/// Dispatch on one of kResultFormats (Table and Json are those of report.hpp); another format is a
/// bug (std::logic_error).
/// `unit` is the money unit of the table (--unit); JSON and CSV give USD per tonne and per TEU.
std::string render_route(const Network& network, const RouteResult& result, OutputFormat format,
                         MoneyUnit unit = MoneyUnit::Tonne);
std::string render_flow(const Network& network, const FlowResult& result, OutputFormat format);
std::string render_scenario(const Scenario& scenario, const Network& network, const std::vector<QueryOutcome>& outcomes,
                            OutputFormat format);

}  // namespace corridor::io
