// corridor pack: a network file (JSON or snapshot) written as a network snapshot
// (docs/snapshot.md), which every command reads where it reads a network file.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include "cli/commands.hpp"
#include "io/network_snapshot.hpp"

namespace corridor::cli {
namespace {

struct PackOptions {
  std::string network;
  std::string output;
};

[[noreturn]] void cannot_write(const std::string& path, const std::string& why) {
  DiagnosticSink sink(path);
  sink.error("E-FILE", "", "cannot write the snapshot: " + why);
  sink.throw_if_errors();
  throw InputError(sink.take());  // not reached
}

/// Writes `bytes` to a temporary file beside `path` and renames it over `path`: a reader of
/// `path` sees the old file or the whole new one, never a part.
void write_atomically(const std::string& path, const std::string& bytes) {
  const std::filesystem::path target(path);
  const std::filesystem::path temporary =
      target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) cannot_write(path, "cannot create " + temporary.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      cannot_write(path, "write error (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    cannot_write(path, ec.message());
  }
}

int run_pack(const PackOptions& options) {
  refuse_output_over_inputs("--out", options.output, {options.network});
  // Loaded with every check (an invalid network is refused with its diagnostics, nothing written).
  const Network network = load_network_reporting(options.network);
  const std::string bytes = io::network_snapshot_bytes(network);
  {  // Validated when written: the bytes read back into a valid network before they are kept.
    DiagnosticSink check(options.output);
    io::read_network_snapshot(bytes.data(), bytes.size(), check);
  }
  write_atomically(options.output, bytes);
  std::cout << options.output << ": network snapshot, " << network.nodes.size() << " nodes, " << network.links.size()
            << " links, " << network.resources.size() << " resources, " << bytes.size() << " bytes\n";
  return kExitOk;
}

}  // namespace

void register_pack_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<PackOptions>();
  CLI::App* cmd = app.add_subcommand(
      "pack", "Write a network as a snapshot (.cnet) that every command loads faster than its JSON");
  cmd->add_option("network", options->network, "Network file to pack (JSON, or a snapshot)")->required();
  cmd->add_option("-o,--out", options->output, "Snapshot file to write (replaced whole, never half-written)")
      ->required();
  cmd->callback([options, &action] { action = [options] { return run_pack(*options); }; });
}

}  // namespace corridor::cli
