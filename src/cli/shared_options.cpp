#include "cli/shared_options.hpp"

#include <charconv>
#include <cstdio>
#include <regex>
#include <cmath>
#include <utility>

#include "model/validate.hpp"

namespace corridor::cli {
namespace {

struct FilterDefinition {
  Filters filter;
  const char* name;
  const char* help;
  std::vector<std::string> FilterOptions::*field;
};

const FilterDefinition kFilterDefinitions[] = {
    {kCorridorFilter, "--corridor",
     "Only links of these corridors (middle, northern, southern, sea, zangezur; shared links always)",
     &FilterOptions::corridors},
    {kAvoidFilter, "--avoid", "Node or link ids not to use, comma-separated", &FilterOptions::avoid},
    {kAvoidCountryFilter, "--avoid-country", "ISO country codes not to touch (any case), e.g. RU,IR",
     &FilterOptions::avoid_countries},
    {kModesFilter, "--modes", "Only links of these modes, e.g. rail,ferry", &FilterOptions::modes},
    {kViaFilter, "--via", "Node ids to pass, in this order, comma-separated", &FilterOptions::via},
};

/// Query fields as the command line names them: JSON Pointer key -> option.
const std::pair<const char*, const char*> kOptionOfField[] = {
    {"from", "--from"},
    {"to", "--to"},
    {"k", "--k"},
    {"max_overlap", "--max-overlap"},
    {"value_of_time_usd_per_t_day", "--value-of-time"},
    {"carbon_price_usd_per_t_co2", "--carbon-price"},
    {"avoid_country", "--avoid-country"},
    {"avoid", "--avoid"},
    {"via", "--via"},
    {"modes", "--modes"},
    {"corridor", "--corridor"},
    {"target_tpy", "--target-tpy"},
    {"pareto", "--pareto"},
    {"depart", "--depart"},
    {"od", "--od"},
    {"demand", "--demand/--od"},
    {"unserved_penalty", "--unserved-penalty"},
    {"samples", "--samples"},
    {"deadline_days", "--deadline-days"},
    {"elements", "--elements"},
    {"top", "--top"},
    {"max_steps", "--max-steps"},
    {"volume_mt", "--volume-mt"},
    {"volumes_mt", "--volumes-mt"},
    {"max_detour", "--max-detour"},
    {"max_iterations", "--max-iterations"},
};

}  // namespace

void add_from_to_options(CLI::App& cmd, std::string& from, std::string& to, const std::string& destination_example) {
  cmd.add_option("--from", from, "Origin: node id (any case), name or alias, e.g. XIAN")->required();
  cmd.add_option("--to", to, "Destination: node id (any case), name or alias, e.g. " + destination_example)
      ->required();
}

void add_filter_options(CLI::App& cmd, FilterOptions& filters, unsigned which, const std::string& why_not) {
  std::vector<std::string> unoffered;
  for (const FilterDefinition& definition : kFilterDefinitions) {
    const bool offered = (which & definition.filter) != 0;
    CLI::Option* option = cmd.add_option(definition.name, filters.*(definition.field),
                                         offered ? definition.help : "(has no effect here: " + why_not + ")");
    option->delimiter(',');
    if (offered) continue;
    option->group("");  // not in --help: named, it is an error saying why (below)
    unoffered.push_back(definition.name);
  }
  if (unoffered.empty()) return;
  cmd.parse_complete_callback([&cmd, unoffered, why_not] {
    for (const std::string& name : unoffered)
      if (cmd.count(name) > 0) throw CLI::ValidationError(name, "has no effect with this command: " + why_not);
  });
}

CLI::Option* add_tonnes_option(CLI::App& cmd, const std::string& name, std::optional<std::int64_t>& tonnes,
                               const std::string& help) {
  return cmd.add_option_function<std::string>(
      name,
      [&tonnes, name](const std::string& text) {
        // Decimal only: std::stod would also take hexadecimal (0x10) and leading spaces.
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value))
          throw CLI::ValidationError(name, "\"" + text + "\" is not a number of tonnes (write 10000000, 10e6 or 1e7)");
        if (value < 0 || value > 1e12)
          throw CLI::ValidationError(name, "\"" + text + "\" must be between 0 and 1e12 tonnes per year");
        if (value != std::floor(value))
          throw CLI::ValidationError(name, "\"" + text + "\" is not a whole number of tonnes");
        tonnes = static_cast<std::int64_t>(value);
      },
      help);
}

void add_max_detour_option(CLI::App& cmd, std::optional<double>& max_detour) {
  cmd.add_option_function<std::string>(
         "--max-detour",
         [&max_detour](const std::string& text) {
           if (text == "none") {
             max_detour.reset();
             return;
           }
           double value = 0.0;  // decimal only, as typed (std::stod would take 0x2 and " 2")
           const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
           if (error != std::errc() || end != text.data() + text.size() || !(value >= 1.0 && value <= kMaxDetour))
             throw CLI::ValidationError("--max-detour", "expected a number from 1 to 100, or none; got " + text);
           max_detour = value;
         },
         "Count only routes no slower than X times the fastest between the ends (default 1.5); none = any route")
      ->type_name("X|none");
}

namespace {

/// A seed as typed: a whole number from 0 to 2^64-1, nothing else (no sign, no wrap-around).
std::uint64_t parse_seed(const std::string& text) {
  std::size_t used = 0;
  std::uint64_t seed = 0;
  try {
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) seed = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size())
    throw CLI::ValidationError("--seed", "\"" + text + "\" must be a whole number from 0 to " + std::to_string(UINT64_MAX));
  return seed;
}

}  // namespace

namespace {

std::string shortest_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

/// Whether a comma-separated value has an empty item: ",", "1,,2", ",1" or "1,".
bool has_empty_list_item(const std::string& value) {
  return value.empty() || value.front() == ',' || value.back() == ',' || value.find(",,") != std::string::npos;
}

}  // namespace

CLI::Validator number_in_range(double min, double max) {
  const std::string range = shortest_text(min) + " to " + shortest_text(max);
  return CLI::Validator(
      [min, max, range](const std::string& text) {
        double value = 0.0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || !(value >= min && value <= max))
          return "\"" + text + "\" must be a number from " + range;
        return std::string();
      },
      "NUMBER in " + range);
}

void check_arguments_as_typed(const CLI::App& app, int argc, const char* const* argv) {
  // Before parsing: the command is the first argument that names one.
  std::vector<const CLI::App*> commands{&app};
  for (int i = 1; i < argc && commands.size() == 1; ++i)
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      if (sub->get_name() == argv[i]) commands.push_back(sub);
  auto find_option = [&](const std::string& name) -> const CLI::Option* {
    for (auto it = commands.rbegin(); it != commands.rend(); ++it)
      if (const CLI::Option* option = (*it)->get_option_no_throw(name)) return option;
    return nullptr;
  };
  // CLI11 reads whole numbers with strtoll base 0 (010 is 8, 0x10 is 16) and both kinds with
  // leading spaces: only decimal digits, as a user means them, get through.
  static const std::regex whole_number(R"([+-]?(0|[1-9][0-9]*))");
  static const std::regex decimal_number(R"([+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)");
  auto check = [](const CLI::Option* option, const std::string& value) {
    const bool list = option->get_delimiter() == ',';
    if (list && has_empty_list_item(value))
      throw CLI::ValidationError(option->get_name(), "\"" + value + "\" has an empty item (a comma too many?)");
    const std::string type = option->get_type_name();
    const bool whole = type.rfind("INT", 0) == 0 || type.rfind("UINT", 0) == 0;
    if (!whole && type.rfind("FLOAT", 0) != 0) return;
    for (const std::string& item : list ? CLI::detail::split(value, ',') : std::vector<std::string>{value})
      if (!std::regex_match(item, whole ? whole_number : decimal_number))
        throw CLI::ValidationError(option->get_name(), "\"" + item + "\" is not a " +
                                                           (whole ? "whole number" : "number") + " written in decimal");
  };
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--") break;
    if (argument.rfind("--", 0) != 0) continue;
    const auto equals = argument.find('=');
    const CLI::Option* option = find_option(argument.substr(0, equals));
    if (option == nullptr || option->get_expected_min() == 0) continue;  // unknown (CLI11 said so) or a flag
    if (equals != std::string::npos) {
      check(option, argument.substr(equals + 1));
      continue;
    }
    // --avoid A,B C: the values that follow, up to the next option
    for (int j = i + 1; j < argc && argv[j][0] != '-'; ++j) {
      check(option, argv[j]);
      if (option->get_expected_max() == 1) break;
    }
  }
}

CLI::Option* add_seed_option(CLI::App& cmd, std::uint64_t& seed) {
  return cmd.add_option_function<std::string>(
      "--seed", [&seed](const std::string& text) { seed = parse_seed(text); },
      "Random seed (0 to 2^64-1): the same seed gives the same result (default 1)");
}

CLI::Option* add_seed_option(CLI::App& cmd, std::optional<std::uint64_t>& seed, const std::string& description) {
  return cmd.add_option_function<std::string>(
      "--seed", [&seed](const std::string& text) { seed = parse_seed(text); }, description);
}

void refuse_without_effect(const CLI::App& cmd, const std::string& option, bool has_effect, const std::string& why) {
  if (cmd.count(option) > 0 && !has_effect) throw CLI::ValidationError(option, "has no effect here: " + why);
}

std::vector<std::string> format_names(const std::vector<io::OutputFormat>& formats) {
  std::vector<std::string> names;
  for (const io::OutputFormat format : formats) names.emplace_back(to_string(format));
  return names;
}

CLI::Option* add_network_option(CLI::App& cmd, std::string& network) {
  return cmd.add_option("--network", network, "Network file (default: the shipped Middle Corridor)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return text.empty() ? std::string("must name a file (leave the option out for the shipped network)")
                                : std::string();
          },
          ""));
}

void add_network_and_format_options(CLI::App& cmd, std::string& network, std::string& format,
                                    const std::vector<io::OutputFormat>& formats) {
  add_network_option(cmd, network);
  cmd.add_option("--format", format, "Output format")->check(CLI::IsMember(format_names(formats)))->capture_default_str();
}

RouteQuery resolve_route_options(const Network& network, const RouteCommandOptions& options) {
  RouteRequest request = options.request;
  request.by = *parse<Objective>(options.by);
  request.corridors = options.filters.corridors;
  request.avoid = options.filters.avoid;
  request.avoid_countries = options.filters.avoid_countries;
  request.modes = options.filters.modes;
  request.via = options.filters.via;
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  return *query;
}

void name_options_as_typed(std::vector<Diagnostic>& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (!d.file.empty() || d.pointer.size() < 2 || d.pointer.front() != '/') continue;
    const auto slash = d.pointer.find('/', 1);
    const std::string field = d.pointer.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    for (const auto& [key, option] : kOptionOfField) {
      if (field != key) continue;
      d.pointer = option;
      if (field.find('_') == std::string::npos && field != "k") break;  // plain words stay words
      for (auto at = d.message.find(key); at != std::string::npos; at = d.message.find(key, at + 1)) {
        const bool word_start = at == 0 || d.message[at - 1] == ' ';
        const std::size_t after = at + field.size();
        const bool word_end = after == d.message.size() || d.message[after] == ' ';
        if (word_start && word_end) d.message.replace(at, field.size(), option);
      }
      break;
    }
  }
}

void add_unit_option(CLI::App& cmd, std::string& unit) {
  cmd.add_option("--unit", unit, "Money in tables per tonne, TEU or FEU (2 TEU), with the network's tonnes_per_teu")
      ->check(CLI::IsMember(names<MoneyUnit>()))
      ->capture_default_str();
}

void refuse_unit_without_table(const CLI::App& cmd, const std::string& format) {
  refuse_without_effect(cmd, "--unit", format == "table",
                        "tables only: the other formats give USD per tonne, and JSON (like compare-routes' "
                        "CSV) USD per TEU beside it");
}

MoneyUnit resolve_money_unit(const Network& network, const std::string& unit) {
  const MoneyUnit parsed = parse<MoneyUnit>(unit).value_or(MoneyUnit::Tonne);  // the option's check allows no other
  if (parsed != MoneyUnit::Tonne && !usd_per_unit(network, 1.0, parsed)) {
    DiagnosticSink sink;
    sink.error("E-QUERY", "--unit",
               "--unit " + unit + " needs the network's tonnes_per_teu (docs/network-format.md); this network has none");
    sink.throw_if_errors();
  }
  return parsed;
}

}  // namespace corridor::cli
