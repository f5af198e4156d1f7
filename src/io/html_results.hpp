#pragma once
// Private to src/io: one query's result in the HTML report (html_report.hpp): the headings and
// short texts the summary tables share, and the query's own section (answer line, map, tables).

#include <cstddef>
#include <string>
#include <vector>

#include "io/basemap.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/scenario.hpp"

namespace corridor::io::detail {

/// "corridor middle; avoiding AKTAU, ..." for a query's filters; "" without any.
std::string filter_text(const Network& network, const std::vector<std::string>& corridors, const Avoidance& avoid);
/// "XIAN → BAKU"
std::string route_heading(const Network& network, const RouteResult& result);
/// "XIAN, URUMQI → ISTANBUL": sources and sinks.
std::string flow_heading(const Network& network, const FlowResult& result);
/// Nodes where a route changes mode, e.g. "rail to ferry at AKTAU".
std::string transfers_text(const Network& network, const Route& route);
/// A badge saying whether the flow meets its target (HTML); "" without a target.
std::string target_badge(const FlowResult& result);
/// The max flow in tonnes a year, or "unlimited".
std::string flow_answer(const FlowResult& result);

/// The <article> of query number `query_index + 1`: its answer in a sentence, its map (routes,
/// reliability and flows) and its tables (legs, time spread, cut and link flows; a capacity
/// analysis's text table and, for a curve, its chart).
std::string query_article_html(const Network& network, const Basemap& basemap, const QueryOutcome& outcome,
                               std::size_t query_index);

}  // namespace corridor::io::detail
