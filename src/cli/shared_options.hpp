#pragma once
// Options several subcommands share, registered with the same names, help and checks
// everywhere, and the route request that route and compare-routes both build.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::cli {

/// --from and --to: one origin ("e.g. XIAN") and one destination ("e.g. `destination_example`").
void add_from_to_options(CLI::App& cmd, std::string& from, std::string& to, const std::string& destination_example);
/// --corridor: only links of these corridors (comma-separated).
void add_corridor_option(CLI::App& cmd, std::vector<std::string>& corridors);
/// --avoid: node or link ids not to use (comma-separated).
void add_avoid_option(CLI::App& cmd, std::vector<std::string>& avoid);
/// --avoid-country: ISO country codes not to touch (comma-separated).
void add_avoid_country_option(CLI::App& cmd, std::vector<std::string>& avoid_countries);
/// --modes: only links of these modes (comma-separated).
void add_modes_option(CLI::App& cmd, std::vector<std::string>& modes);
/// --max-detour X|none: plausible routes of capacity analyses (docs/model.md); default 1.5.
void add_max_detour_option(CLI::App& cmd, std::optional<double>& max_detour);
/// --network (default: the shipped network) and --format, one of `formats`, defaulting to
/// `format`'s value: the last two options of every command that reads a network.
void add_network_and_format_options(CLI::App& cmd, std::string& network, std::string& format,
                                    const std::vector<std::string>& formats);

/// The options of `route` and `compare-routes`: a route request as typed, ids not yet resolved.
struct RouteCommandOptions {
  RouteRequest request;  ///< every field but `by`, which comes from the text below
  std::string by = "time", network, format = "table";
  std::string depart;  ///< route only: UTC date-time: earliest arrival with timetables (docs/reliability.md)
};

/// The request of `options` resolved on `network`; throws InputError naming every bad argument.
RouteQuery resolve_route_options(const Network& network, const RouteCommandOptions& options);

}  // namespace corridor::cli
