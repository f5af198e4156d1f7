// corridor generate: a synthetic network with the corridor's structure (benchmarks, scale tests).

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/network_writer.hpp"
#include "model/generate.hpp"

namespace corridor::cli {
namespace {

struct GenerateCommandOptions {
  std::uint32_t nodes = 1000;
  std::uint64_t seed = 1;
  std::string output;
};

int run_generate(const GenerateCommandOptions& options) {
  const GeneratedNetwork generated = generate_network({options.nodes, options.seed});
  const Network& network = generated.network;
  write_output(options.output, io::write_network_json(network),
               "generated network, " + std::to_string(network.nodes.size()) + " nodes, " +
                   std::to_string(network.links.size()) + " links, seed " + std::to_string(options.seed));
  return kExitOk;
}

}  // namespace

void register_generate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<GenerateCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write a synthetic network with the corridor's structure (the same file for the same seed)");
  cmd->add_option("--nodes", options->nodes, "Number of nodes")
      ->required()
      ->check(CLI::Range(kMinGeneratedNodes, kMaxGeneratedNodes));
  add_seed_option(*cmd, options->seed);
  cmd->add_option("-o,--out", options->output, "Network file to write (default: standard output)");
  cmd->callback([options, &action] { action = [options] { return run_generate(*options); }; });
}

}  // namespace corridor::cli
