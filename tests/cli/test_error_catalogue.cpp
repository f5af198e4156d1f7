// The error catalogue, docs/errors.md, is executable: every file it shows is written into an
// empty directory, every `$` command is run there with the built program, and the output
// (stderr and stdout together) and exit code must be exactly what the page says. Every code
// section must show its code with exit code 1 (0 for warnings), and the codes of the page must
// be exactly those the program's sources can emit.

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support/paths.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

using namespace corridor::test;

namespace {

const std::string kCataloguePath = kSourceDir + "/docs/errors.md";

/// Codes no file can produce, with where they are tested instead.
const std::set<std::string> kNotFromFiles = {"E-NUMBER"};  // tests/model/test_model.cpp

struct Command {
  std::string line;                  ///< after "$ "
  std::vector<std::string> output;   ///< expected lines
  std::optional<int> exit_code;      ///< from "[exit N]"
};

struct Section {
  std::string heading;
  std::string code;  ///< "E-..." / "W-..." when the heading is a code
  std::string text;
  std::vector<Command> commands;
};

struct Catalogue {
  std::vector<std::pair<std::string, std::string>> files;  ///< name, content
  std::vector<Section> sections;
  std::vector<std::string> table_codes;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

Catalogue parse_catalogue(const std::string& markdown) {
  static const std::regex code_heading(R"(^#{2,3} ([EW]-[A-Z0-9-]+)\s*$)");
  static const std::regex table_row(R"(^\| `([EW]-[A-Z0-9-]+)` \|)");
  Catalogue catalogue;
  catalogue.sections.push_back({"(top)", "", "", {}});
  const std::vector<std::string> lines = lines_of(markdown);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    std::smatch match;
    if (line.rfind("## ", 0) == 0 || line.rfind("### ", 0) == 0) {
      Section section{line, "", "", {}};
      if (std::regex_match(line, match, code_heading)) section.code = match[1];
      catalogue.sections.push_back(section);
      continue;
    }
    if (std::regex_search(line, match, table_row)) catalogue.table_codes.push_back(match[1]);
    Section& section = catalogue.sections.back();
    section.text += line + "\n";
    if (line == "```json" || line == "```csv") {  // a file: first line "// NAME"
      REQUIRE(i + 1 < lines.size());
      REQUIRE_MESSAGE(lines[i + 1].rfind("// ", 0) == 0, "a json or csv block must start with // FILE-NAME: " << section.heading);
      const std::string name = lines[i + 1].substr(3);
      std::string content;
      for (i += 2; i < lines.size() && lines[i].rfind("```", 0) != 0; ++i) content += lines[i] + "\n";
      catalogue.files.emplace_back(name, content);
    } else if (line == "```console") {
      for (++i; i < lines.size() && lines[i].rfind("```", 0) != 0; ++i) {
        const std::string& l = lines[i];
        static const std::regex exit_line(R"(^\[exit (\d+)\]$)");
        if (l.rfind("$ ", 0) == 0) section.commands.push_back({l.substr(2), {}, std::nullopt});
        else if (std::regex_match(l, match, exit_line)) section.commands.back().exit_code = std::stoi(match[1]);
        else {
          REQUIRE_MESSAGE(!section.commands.empty(), "output before any command in " << section.heading);
          section.commands.back().output.push_back(l);
        }
      }
    }
  }
  return catalogue;
}

struct Ran {
  int exit_code = -1;
  std::vector<std::string> output;
};

/// Runs one documented command in `dir`, with `corridor` meaning the built program.
Ran run_documented(const std::string& command, const std::string& dir) {
  TempDir capture;
  const std::string out = capture.file("output.txt");
  const std::string script = "cd " + quote(dir) + " && corridor() { " + quote(CORRIDOR_BINARY) + " \"$@\"; }; " +
                             "{ " + command + "\n} > " + quote(out) + " 2>&1 < /dev/null";
  const int status = std::system(script.c_str());
  Ran ran;
  ran.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ran.output = lines_of(read_file(out));
  return ran;
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l + "\n";
  return text;
}

/// Every "E-..." / "W-..." string literal in the program's sources.
std::set<std::string> codes_in_sources() {
  static const std::regex literal(R"re("([EW]-[A-Z0-9]+(?:-[A-Z0-9]+)*)")re");
  std::set<std::string> codes;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir + "/src")) {
    const auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    const std::string text = read_file(entry.path().string());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), literal); it != std::sregex_iterator(); ++it)
      codes.insert((*it)[1]);
  }
  return codes;
}

}  // namespace

TEST_CASE("catalogue: every documented error gives exactly the documented output") {
  const Catalogue catalogue = parse_catalogue(read_file(kCataloguePath));
  TempDir dir;
  std::set<std::string> names;
  for (const auto& file : catalogue.files) {
    const auto& name = file.first;  // not a structured binding: clang 14 cannot capture one
    const auto& content = file.second;
    CHECK_MESSAGE(names.insert(name).second, "file " << name << " is defined twice in docs/errors.md");
    dir.write(name, content);
  }
  int commands = 0;
  for (const Section& section : catalogue.sections) {
    INFO("docs/errors.md section: " << section.heading);
    bool shows_code = false;
    for (const Command& command : section.commands) {
      INFO("$ " << command.line);
      const Ran ran = run_documented(command.line, dir.path().string());
      ++commands;
      CHECK(joined_lines(ran.output) == joined_lines(command.output));
      if (command.exit_code) CHECK(ran.exit_code == *command.exit_code);
      else CHECK_MESSAGE(command.line.rfind("corridor ", 0) != 0, "a corridor command needs an [exit N] line");
      if (section.code.empty() || !command.exit_code) continue;
      const bool has_code = joined_lines(ran.output).find("[" + section.code + "]") != std::string::npos;
      const int expected_exit = section.code[0] == 'E' ? 1 : 0;
      if (has_code && ran.exit_code == expected_exit) shows_code = true;
    }
    if (section.code.empty()) continue;
    if (kNotFromFiles.count(section.code)) {
      CHECK(section.commands.empty());
      CHECK(section.text.find("no file produces this code") != std::string::npos);
    } else {
      CHECK_MESSAGE(shows_code, "section " << section.code << " must show a command that reports [" << section.code
                                           << "] with exit code " << (section.code[0] == 'E' ? 1 : 0));
    }
  }
  CHECK(commands > 40);
}

TEST_CASE("catalogue: the documented codes are exactly those the program emits") {
  const Catalogue catalogue = parse_catalogue(read_file(kCataloguePath));
  std::set<std::string> sections, table(catalogue.table_codes.begin(), catalogue.table_codes.end());
  for (const Section& s : catalogue.sections)
    if (!s.code.empty()) CHECK_MESSAGE(sections.insert(s.code).second, "two sections for " << s.code);
  CHECK(table.size() == catalogue.table_codes.size());  // each code once in the table
  const std::set<std::string> emitted = codes_in_sources();
  CHECK(emitted.size() > 20);
  for (const std::string& code : emitted) {
    CAPTURE(code);
    CHECK_MESSAGE(sections.count(code), "emitted by src/ but without a section in docs/errors.md");
    CHECK_MESSAGE(table.count(code), "emitted by src/ but not in the table of docs/errors.md");
  }
  for (const std::string& code : sections) {
    CAPTURE(code);
    CHECK_MESSAGE(emitted.count(code), "documented in docs/errors.md but never emitted by src/");
    CHECK(table.count(code));
  }
}
