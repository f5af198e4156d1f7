#!/usr/bin/env python3
"""Checks the layers of docs/architecture.md: what each part of src/ may include.

  model   plain value types: model/ only; no Boost, nlohmann, GLPK, CLI11
  io      files in, reports out: io/, model/; nlohmann and simdjson only here (simdjson only in
          .cpp files); no Boost, GLPK, CLI11, solve/
  solve   the solvers: solve/, model/; Boost and GLPK only here; no nlohmann, CLI11, io/
  cli     the command line: cli/, io/, solve/, model/, server/ (corridor serve); CLI11 only here
  server  the HTTP front end (when present): server/, io/, solve/, model/; no CLI11, Boost, GLPK

Headers private to a layer may not be included from another one: solve/detail/ (the graph and
search internals), io's nlohmann helpers (json_reader.hpp, element_json.hpp,
fast_object_reader.hpp, network_reading.hpp, capacity_text.hpp, result_json.hpp, result_renderers.hpp,
scenario_reader.hpp), which keep nlohmann types out of
io's public headers, io's snapshot internals (snapshot_format.hpp, snapshot_reading.hpp), and model's shared checks (value_checks.hpp).
The build also links the layers as separate static libraries (corridor_model, corridor_io,
corridor_solve), each linked whole into a program with only what it may use (corridor_links_*),
so that a call across a forbidden edge does not link; includes are this script's part.

usage: check_layers.py SRC_DIR    (exit 1 and one line per violation)
"""
import os
import re
import sys

ALLOWED = {
    "model": {"model"},
    "io": {"io", "model"},
    "solve": {"solve", "model"},
    "cli": {"cli", "io", "solve", "model", "server"},
    "server": {"server", "io", "solve", "model"},
}
# Third-party headers by prefix, and the one layer each belongs to.
THIRD_PARTY = {"boost/": {"solve"}, "glpk.h": {"solve"}, "nlohmann/": {"io"}, "CLI/": {"cli"}, "simdjson": {"io"}}
# Third-party headers no header of the project may include (the fast JSON parser stays inside
# the .cpp files that use it).
SOURCE_ONLY = ("simdjson",)
PRIVATE = {
    "solve/detail/": "solve",
    "io/json_reader.hpp": "io",
    "io/element_json.hpp": "io",
    "io/fast_object_reader.hpp": "io",
    "io/network_reading.hpp": "io",
    "io/capacity_text.hpp": "io",
    "io/flow_routes.hpp": "io",
    "io/result_json.hpp": "io",
    "io/result_renderers.hpp": "io",
    "io/scenario_reader.hpp": "io",
    "io/snapshot_format.hpp": "io",
    "io/snapshot_reading.hpp": "io",
    "model/value_checks.hpp": "model",
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def violations(src):
    found = []
    for layer in sorted(os.listdir(src)):
        root = os.path.join(src, layer)
        if not os.path.isdir(root):
            continue
        if layer not in ALLOWED:
            found.append(f"{root}: a directory of src/ that docs/architecture.md does not name as a layer")
            continue
        for dirpath, _, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        header = m.group(2)
                        where = f"{os.path.relpath(path, os.path.dirname(src))}:{number}"
                        for prefix, owners in THIRD_PARTY.items():
                            if header.startswith(prefix) and layer not in owners:
                                found.append(f"{where}: {layer} includes <{header}> (only in {', '.join(sorted(owners))})")
                        if header.startswith(SOURCE_ONLY) and name.endswith(".hpp"):
                            found.append(f"{where}: a header includes <{header}> (only .cpp files may)")
                        if m.group(1) != '"':
                            continue
                        target = header.split("/")[0]
                        if "/" in header and target in ALLOWED and target not in ALLOWED[layer]:
                            found.append(f"{where}: {layer} may not include \"{header}\"")
                        for prefix, owner in PRIVATE.items():
                            if header.startswith(prefix) and layer != owner:
                                found.append(f"{where}: \"{header}\" is private to {owner}")
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    found = violations(sys.argv[1])
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} include(s) break the layers of docs/architecture.md")
        return 1
    print("layers: every include allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
