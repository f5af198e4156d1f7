#pragma once
// Options several subcommands share, defined once: the same names, help and checks everywhere,
// and the route request that route and compare-routes both build.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "io/formats.hpp"
#include "model/cost.hpp"
#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::cli {

/// --from and --to: one origin ("e.g. XIAN") and one destination ("e.g. `destination_example`").
void add_from_to_options(CLI::App& cmd, std::string& from, std::string& to, const std::string& destination_example);
/// --max-detour X|none: plausible routes of capacity analyses (docs/model.md); default 1.5.
void add_max_detour_option(CLI::App& cmd, std::optional<double>& max_detour);

/// The filters of every command that routes or moves freight.
struct FilterOptions {
  std::vector<std::string> corridors;        ///< --corridor
  std::vector<std::string> avoid;            ///< --avoid
  std::vector<std::string> avoid_countries;  ///< --avoid-country
  std::vector<std::string> modes;            ///< --modes
  std::vector<std::string> via;              ///< --via
};
/// Which filters a command offers (or-ed).
enum Filters : unsigned {
  kCorridorFilter = 1,
  kAvoidFilter = 2,
  kAvoidCountryFilter = 4,
  kModesFilter = 8,
  kViaFilter = 16,
  kFlowFilters = kCorridorFilter | kAvoidFilter | kAvoidCountryFilter,
  kAllFilters = 31,
};
/// Registers the filters in `which` on `cmd`. Every other filter is registered too, so that
/// naming it gives an error saying why it has no effect with this command (`why_not`).
void add_filter_options(CLI::App& cmd, FilterOptions& filters, unsigned which, const std::string& why_not);

/// An option counting tonnes (e.g. --target-tpy): accepts 10000000, 10e6 and 1e7 (any whole
/// number of tonnes from 0 to 10^12) and says exactly why anything else is refused.
CLI::Option* add_tonnes_option(CLI::App& cmd, const std::string& name, std::optional<std::int64_t>& tonnes,
                               const std::string& help);
/// A number from `min` to `max` inclusive (NaN refused): CLI::Range without its two faults,
/// ends printed as 0.000000 for small minimums and NaN let through (no comparison is false).
CLI::Validator number_in_range(double min, double max);
/// What CLI11 would read otherwise than typed, refused: an empty item of a list split at commas
/// (--volumes-mt 1,,2 would read as 1,2) and a number not written in decimal (--top 010 would
/// read as 8, --k 0x2 as 2). Called before parsing, on the arguments as typed (so that CLI11's
/// range checks do not speak first of a value they misread); throws a CLI::ValidationError
/// naming the option and the value.
void check_arguments_as_typed(const CLI::App& app, int argc, const char* const* argv);
/// --seed: a whole number from 0 to 2^64-1 (a negative seed is refused, not wrapped around).
CLI::Option* add_seed_option(CLI::App& cmd, std::uint64_t& seed);
/// The same for a seed whose default is not 1 (a sweep file's own), with its own help text.
CLI::Option* add_seed_option(CLI::App& cmd, std::optional<std::uint64_t>& seed, const std::string& description);
/// A CLI::ValidationError naming `option` when it was given but `has_effect` is false.
void refuse_without_effect(const CLI::App& cmd, const std::string& option, bool has_effect, const std::string& why);

/// --network (default: the shipped network) and --format, one of `formats`, defaulting to
/// `format`'s value: the last two options of every command that reads a network.
/// The names of `formats`, in the given order (io::OutputFormat's table), for `--format` choices.
std::vector<std::string> format_names(const std::vector<io::OutputFormat>& formats);
/// --network FILE (default: the shipped network); an empty name is refused, not taken for the default.
CLI::Option* add_network_option(CLI::App& cmd, std::string& network);
void add_network_and_format_options(CLI::App& cmd, std::string& network, std::string& format,
                                    const std::vector<io::OutputFormat>& formats);

/// The options of `route` and `compare-routes`: a route request as typed, ids not yet resolved.
struct RouteCommandOptions {
  RouteRequest request;  ///< every field but `by` and the filters, which come from below
  FilterOptions filters;
  std::string by = "time", network, format = "table";
  std::string depart;  ///< route only: UTC date-time: earliest arrival with timetables (docs/reliability.md)
  std::string unit = "t";  ///< --unit: money per tonne, TEU or FEU in tables
};

/// --unit t|teu|feu: what the money of a table is counted per.
void add_unit_option(CLI::App& cmd, std::string& unit);
/// In a command's callback: --unit with a format other than a table is an error saying why.
void refuse_unit_without_table(const CLI::App& cmd, const std::string& format);
/// The money unit named by --unit; a container unit on a network without tonnes_per_teu is an
/// InputError naming the option.
MoneyUnit resolve_money_unit(const Network& network, const std::string& unit);

/// The request of `options` resolved on `network`; throws InputError naming every bad argument.
RouteQuery resolve_route_options(const Network& network, const RouteCommandOptions& options);

/// Command-line diagnostics (no file) name the option as typed: pointer "/value_of_time_usd_per_t_day"
/// becomes "--value-of-time", and the field's name in the message too.
void name_options_as_typed(std::vector<Diagnostic>& diagnostics);

}  // namespace corridor::cli
