// corridor sweep: run an uncertainty sweep, or one shard of it, or merge shards (docs/sweeps.md).

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/sweep_json.hpp"
#include "io/sweep_report.hpp"
#include "solve/sweep.hpp"

namespace corridor::cli {
namespace {

struct SweepOptions {
  std::string sweep, format = "table", shard, out, output;
  std::optional<std::int64_t> samples;
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;
  std::vector<std::string> merge;
};

Sweep load_sweep_reporting(const std::string& path) {
  DiagnosticSink sink(path);
  Sweep sweep = io::load_sweep(path, default_network_path(), sink);
  print_diagnostics(sink.take());
  return sweep;
}

/// "I/N" with 1 <= I <= N, else std::nullopt.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_shard(const std::string& text) {
  long long index = 0, count = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lld/%lld%c", &index, &count, &tail) != 2 || count < 1 || index < 1 || index > count)
    return std::nullopt;
  return std::make_pair(std::int64_t{index}, std::int64_t{count});
}

void write_lines(const std::string& path, const Sweep& sweep, const io::ShardHeader& header,
                 const std::vector<SampleRecord>& records) {
  std::string text = io::shard_header_line(header) + "\n";
  for (const SampleRecord& record : records) text += io::sample_line(sweep, record) + "\n";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) {
    DiagnosticSink sink(path);
    sink.error("E-FILE", "", "cannot write file");
    sink.throw_if_errors();
  }
  std::cerr << path << ": " << records.size() << " samples (shard " << header.shard << "/" << header.shards << ")\n";
}

}  // namespace

void check_sweep_runs(const Sweep& sweep, const std::string& path) {
  const Network base = load_network_reporting(sweep.base.network_path);
  DiagnosticSink sink(path);
  const Network network = apply_changes(base, sweep.base.changes, sink);
  const solve::SweepRunner runner(network, sweep, sink);
  sink.throw_if_errors();
}

namespace {

/// Samples [begin, end) of the sweep, with progress on stderr when it is a terminal.
std::vector<SampleRecord> run_samples(const Sweep& sweep, std::uint64_t seed, std::int64_t begin, std::int64_t end,
                                      unsigned threads, const std::string& path) {
  const Network base = load_network_reporting(sweep.base.network_path);
  DiagnosticSink sink(path);
  const Network network = apply_changes(base, sweep.base.changes, sink);
  const solve::SweepRunner runner(network, sweep, sink);
  sink.throw_if_errors();
  std::function<void(std::int64_t)> progress;
  if (isatty(fileno(stderr)))
    progress = [total = end - begin](std::int64_t done) {
      std::cerr << "\rsweep: " << done << "/" << total << " samples" << (done == total ? "\n" : "") << std::flush;
    };
  const unsigned thread_count = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  return runner.run(seed, begin, end, static_cast<int>(thread_count), progress);
}

int run_sweep(const SweepOptions& options) {
  std::vector<std::string> inputs = options.merge;
  inputs.push_back(options.sweep);
  refuse_output_over_inputs("--out", options.out, inputs);
  refuse_output_over_inputs("--output", options.output, inputs);
  const Sweep sweep = load_sweep_reporting(options.sweep);
  const io::SweepFormat format = parse<io::SweepFormat>(options.format).value_or(io::SweepFormat::Table);
  if (!options.merge.empty()) {
    std::uint64_t seed = 1;
    std::int64_t samples = 0;
    const std::vector<SampleRecord> records = io::read_shards(sweep, options.merge, seed, samples);
    write_output(options.output, io::render_sweep_summary(sweep, summarize(sweep, seed, records), format),
                 "summary of sweep \"" + sweep.name + "\"");
    return kExitOk;
  }
  io::ShardHeader header;
  header.fingerprint = sweep.fingerprint;
  header.seed = options.seed.value_or(sweep.default_seed);
  header.samples = options.samples.value_or(sweep.default_samples);
  std::int64_t begin = 0, end = header.samples;
  if (!options.shard.empty()) {
    std::tie(header.shard, header.shards) = *parse_shard(options.shard);  // checked by the option
    begin = (header.shard - 1) * header.samples / header.shards;
    end = header.shard * header.samples / header.shards;
  }
  const std::vector<SampleRecord> records = run_samples(sweep, header.seed, begin, end, options.threads, options.sweep);
  if (!options.out.empty()) write_lines(options.out, sweep, header, records);
  if (options.shard.empty())
    write_output(options.output, io::render_sweep_summary(sweep, summarize(sweep, header.seed, records), format),
                 "summary of sweep \"" + sweep.name + "\"");
  return kExitOk;
}

}  // namespace

int run_sweep_report(const std::string& path, const std::string& output) {
  SweepOptions options;
  options.sweep = path;
  options.format = "html";
  options.output = output;
  return run_sweep(options);
}

void register_sweep_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run an uncertainty sweep: sample its inputs, answer its queries, summarize (docs/sweeps.md)");
  cmd->add_option("sweep", options->sweep, "Sweep file (JSON, docs/sweep-format.md)")->required();
  CLI::Option* samples = cmd->add_option("--samples", options->samples, "Number of samples (default: the file's, else 1,000)")
                             ->check(CLI::Range(std::int64_t{1}, kMaxSweepSamples));
  CLI::Option* seed = add_seed_option(*cmd, options->seed,
                                      "Seed, 0 to 2^64-1 (default: the file's, else 1); sample i depends only on it and i");
  cmd->add_option("--threads", options->threads, "Worker threads (default: one per core; never changes the result)");
  cmd->add_option("--format", options->format, "Output format of the summary")
      ->check(CLI::IsMember(names<io::SweepFormat>()))
      ->capture_default_str();
  CLI::Option* out =
      cmd->add_option("--out", options->out, "Write one JSON line per sample to this file (a header line first)");
  cmd->add_option("--shard", options->shard, "Run only shard I of N (I/N, e.g. 3/8); needs --out")
      ->check(CLI::Validator(
          [](std::string& text) {
            return parse_shard(text) ? std::string() : "must be I/N with 1 <= I <= N, e.g. 2/8";
          },
          "I/N"))
      ->needs(out);
  // The shards say their seed and sample count: --samples and --seed would have no effect.
  cmd->add_option("--merge", options->merge, "Summarize shard files written by --shard ... --out instead of sampling")
      ->expected(1, -1)
      ->excludes(out)
      ->excludes(samples)
      ->excludes(seed);
  cmd->add_option("-o,--output", options->output, "File for the summary (default: standard output)");
  cmd->callback([options, &action] { action = [options] { return run_sweep(*options); }; });
}

}  // namespace corridor::cli
