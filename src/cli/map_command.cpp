// corridor map: the network alone as one self-contained HTML page (for teaching).

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/basemap.hpp"
#include "io/html_report.hpp"

namespace corridor::cli {
namespace {

struct MapCommandOptions {
  std::string network, output;
};

int run_map(const MapCommandOptions& options) {
  refuse_output_over_inputs("--output", options.output,
                            {options.network.empty() ? default_network_path() : options.network});
  const Network network = load_network_option(options.network);
  const io::Basemap basemap = io::load_basemap(io::basemap_path(data_dir()));
  write_output(options.output, io::network_map_html(network, basemap),
               "map of \"" + network.name + "\", " + std::to_string(network.nodes.size()) + " nodes, " +
                   std::to_string(network.links.size()) + " links");
  return kExitOk;
}

}  // namespace

void register_map_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<MapCommandOptions>();
  CLI::App* cmd = app.add_subcommand("map", "Write a map of the network as one self-contained HTML page");
  add_network_option(*cmd, options->network);
  cmd->add_option("-o,--output", options->output, "HTML file to write (default: standard output)");
  cmd->callback([options, &action] { action = [options] { return run_map(*options); }; });
}

}  // namespace corridor::cli
