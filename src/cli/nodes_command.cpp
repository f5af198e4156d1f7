// corridor nodes: find places by id, name or alias (any case, with or without diacritics).

#include <algorithm>
#include <cctype>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/node_list.hpp"
#include "model/names.hpp"
#include "model/validate.hpp"

namespace corridor::cli {
namespace {

struct NodesOptions {
  std::string search, country, kind, network, format = "table";
};

int run_nodes(const NodesOptions& options) {
  const Network network = load_network_option(options.network);
  DiagnosticSink sink;  // command-line arguments
  std::string country = options.country;
  std::transform(country.begin(), country.end(), country.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const auto kind = options.kind.empty() ? std::nullopt : parse<NodeKind>(options.kind);
  if (!options.kind.empty() && !kind)
    sink.error("E-ENUM", "--kind",
               "unknown node kind \"" + options.kind + "\" (expected one of " + joined_names<NodeKind>() + ")");
  sink.throw_if_errors();
  std::vector<NodeIndex> found;
  if (options.search.empty())
    for (NodeIndex i = 0; i < network.nodes.size(); ++i) found.push_back(i);
  else
    found = search_nodes(network, options.search);
  std::erase_if(found, [&](NodeIndex i) {
    const Node& node = network.nodes[i];
    return (!country.empty() && node.country != country) || (kind && node.kind != *kind);
  });
  if (options.format == "json") std::cout << io::node_list_json(network, found);
  else if (options.format == "geojson") std::cout << io::node_list_geojson(network, found);
  else if (options.format == "csv") std::cout << io::render_csv(io::node_list_table(network, found));
  else if (found.empty()) std::cout << "No node matches.\n";
  else std::cout << io::render_text(io::node_list_table(network, found), "");
  return found.empty() ? kExitNoAnswer : kExitOk;
}

}  // namespace

void register_nodes_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<NodesOptions>();
  CLI::App* cmd = app.add_subcommand("nodes", "List or find places: ids, names, aliases, country, kind, capacity");
  cmd->add_option("--search", options->search,
                  "Text in an id, name or alias (any case, diacritics optional), e.g. alat");
  cmd->add_option("--country", options->country, "Only nodes in this country (ISO code, any case), e.g. az");
  cmd->add_option("--kind", options->kind, "Only nodes of this kind, e.g. sea_port");
  add_network_and_format_options(
      *cmd, options->network, options->format,
      {io::OutputFormat::Table, io::OutputFormat::Csv, io::OutputFormat::Json, io::OutputFormat::GeoJson});
  cmd->callback([options, &action] { action = [options] { return run_nodes(*options); }; });
}

}  // namespace corridor::cli
