// corridor serve: the interactive map and the JSON API (docs/api.md); the server is src/server.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "server/server.hpp"

namespace corridor::cli {

void register_serve_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<server::ServeOptions>();
  auto network = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the interactive map and the JSON API over HTTP (docs/api.md)");
  add_network_option(*cmd, *network);
  cmd->add_option("--port", options->port, "TCP port (0 = any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  cmd->add_option("--bind", options->bind, "Address to listen on; anything but loopback prints a warning")
      ->capture_default_str();
  cmd->add_option("--threads", options->threads, "Worker threads (default: four per core, at least 16)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--queue", options->queue_limit, "Connections that may wait for a worker; beyond: 503")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}))
      ->capture_default_str();
  cmd->callback([options, network, &action] {
    action = [options, network] {
      options->network_path = network->empty() ? default_network_path() : *network;
      options->data_dir = data_dir();
      return server::serve(*options, std::cout, std::cerr);
    };
  });
}

}  // namespace corridor::cli
