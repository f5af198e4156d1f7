#pragma once
// Running the built `corridor` binary from tests and capturing what it prints.

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "support/temp_dir.hpp"

namespace corridor::test {

/// Single-quotes a word for /bin/sh.
inline std::string quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the program with `args` (already quoted where needed), optionally from another
/// working directory and with extra environment assignments ("NAME=value ").
inline Outcome run_cli(const std::string& args, const std::string& cwd = {}, const std::string& env = {}) {
  TempDir dir;
  const std::string out = dir.file("stdout.txt"), err = dir.file("stderr.txt");
  std::string command;
  if (!cwd.empty()) command += "cd " + quote(cwd) + " && ";
  command += env + quote(CORRIDOR_BINARY) + " " + args + " > " + quote(out) + " 2> " + quote(err) + " < /dev/null";
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = read_file(out);
  outcome.err = read_file(err);
  return outcome;
}

}  // namespace corridor::test
