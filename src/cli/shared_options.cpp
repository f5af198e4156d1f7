#include "cli/shared_options.hpp"

#include "model/diagnostic.hpp"
#include "model/validate.hpp"

namespace corridor::cli {

void add_from_to_options(CLI::App& cmd, std::string& from, std::string& to, const std::string& destination_example) {
  cmd.add_option("--from", from, "Origin node id, e.g. XIAN")->required();
  cmd.add_option("--to", to, "Destination node id, e.g. " + destination_example)->required();
}

void add_corridor_option(CLI::App& cmd, std::vector<std::string>& corridors) {
  cmd.add_option("--corridor", corridors,
                 "Only links of these corridors (middle, northern, southern, sea, zangezur; shared links always)")
      ->delimiter(',');
}

void add_avoid_option(CLI::App& cmd, std::vector<std::string>& avoid) {
  cmd.add_option("--avoid", avoid, "Node or link ids not to use, comma-separated")->delimiter(',');
}

void add_max_detour_option(CLI::App& cmd, std::optional<double>& max_detour) {
  cmd.add_option_function<std::string>(
         "--max-detour",
         [&max_detour](const std::string& text) {
           if (text == "none") {
             max_detour.reset();
             return;
           }
           std::size_t used = 0;
           double value = 0.0;
           try {
             value = std::stod(text, &used);
           } catch (const std::exception&) {
             used = 0;
           }
           if (used != text.size() || !(value >= 1.0 && value <= kMaxDetour))
             throw CLI::ValidationError("--max-detour", "expected a number from 1 to 100, or none; got " + text);
           max_detour = value;
         },
         "Count only routes no slower than X times the fastest between the ends (default 1.5); none = any route")
      ->type_name("X|none");
}

void add_avoid_country_option(CLI::App& cmd, std::vector<std::string>& avoid_countries) {
  cmd.add_option("--avoid-country", avoid_countries, "ISO country codes not to touch, e.g. RU,IR")->delimiter(',');
}

void add_modes_option(CLI::App& cmd, std::vector<std::string>& modes) {
  cmd.add_option("--modes", modes, "Only links of these modes, e.g. rail,ferry")->delimiter(',');
}

void add_network_and_format_options(CLI::App& cmd, std::string& network, std::string& format,
                                    const std::vector<std::string>& formats) {
  cmd.add_option("--network", network, "Network file (default: the shipped Middle Corridor)");
  cmd.add_option("--format", format, "Output format")->check(CLI::IsMember(formats))->capture_default_str();
}

RouteQuery resolve_route_options(const Network& network, const RouteCommandOptions& options) {
  RouteRequest request = options.request;
  request.by = *parse_objective(options.by);
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  return *query;
}

}  // namespace corridor::cli
