#!/usr/bin/env python3
"""Captures the output of a corridor binary over many commands, to compare two builds.

A refactoring must not change what the tool prints. This script runs one binary over
  - every shipped scenario (`run` in every format, `report`, `compare`),
  - every command quoted in README.md and docs/*.md (lines starting with `corridor ...`, and the
    `<!-- corridor-run: ... -->` blocks),
  - a few hundred seeded random queries (route, compare-routes, flow, assign, criticality,
    upgrades, reliability with random ends, options and formats), on the shipped network and on
    networks made by `corridor generate`,
and writes, per command, its standard output, standard error, exit code and any file it wrote
into OUT_DIR (one file per command, named by its number, plus index.txt listing the commands).
Commands run in a scratch directory that links the repository's network/, scenarios/, tests/ and
docs/, so that `-o FILE` and `> FILE` land there and are captured too.

usage: capture_outputs.py CORRIDOR_BINARY OUT_DIR [--random N] [--seed S]
then:  diff -r OLD_OUT_DIR NEW_OUT_DIR    (empty = byte-identical)
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORMATS = ["table", "json", "csv", "geojson", "dot"]
MODES = ["rail", "ferry", "road", "sea"]
CORRIDORS = ["middle", "northern", "southern", "sea", "zangezur", "shared"]


def scenario_commands():
    out = []
    for name in sorted(os.listdir(os.path.join(REPO, "scenarios"))):
        if not name.endswith(".json"):
            continue
        path = f"scenarios/{name}"
        for fmt in FORMATS:
            out.append(f"run {path} --format {fmt}")
        out.append(f"report {path} -o report-{name}.html")
        out.append(f"compare {path}")
        out.append(f"compare {path} --format json")
    out.append("compare scenarios/baseline.json scenarios/roadmap-2027.json")
    out.append("compare scenarios/baseline.json scenarios/northern-closed.json --format json")
    out.append("map -o map.html")
    out.append("validate")
    return out


def doc_commands():
    out = []
    files = [os.path.join(REPO, "README.md")] + sorted(
        os.path.join(REPO, "docs", f) for f in os.listdir(os.path.join(REPO, "docs")) if f.endswith(".md"))
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"<!-- corridor-run: (.*?) -->", text):
            out.append(m.group(1))
        for line in text.splitlines():
            m = re.match(r"^\s*(?:\$ )?corridor ([a-z].*)$", line)
            if not m:
                continue
            args = m.group(1).split("  #")[0].strip()
            # Synopsis lines with [options] or ID placeholders are not commands.
            if "[" in args or " ID" in args or "FILE" in args or "SCENARIO" in args or " N " in args:
                continue
            if args.startswith("and "):
                continue
            if args.split()[0] == "serve":  # a server runs until stopped: not a command to capture
                continue
            out.append(args)
    return out


def network_nodes(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    nodes = [n["id"] for n in data["nodes"]]
    countries = sorted({n["country"] for n in data["nodes"]})
    links = [link["id"] for link in data["links"] if "id" in link]
    return nodes, countries, links


def random_commands(rng, count, networks):
    """`networks`: list of (network option, node ids, countries, link ids)."""
    out = []
    for _ in range(count):
        net_opt, nodes, countries, links = rng.choice(networks)
        a, b = rng.sample(nodes, 2)
        kind = rng.choice(["route", "route", "route", "compare-routes", "flow", "assign", "criticality",
                           "upgrades", "reliability"])
        opts = []
        if rng.random() < 0.25:
            opts.append("--avoid " + ",".join(rng.sample(nodes + links, rng.randint(1, 2))))
        if rng.random() < 0.2 and kind not in ("flow", "assign", "criticality", "upgrades"):
            opts.append("--avoid-country " + rng.choice(countries))
        if rng.random() < 0.2 and kind not in ("compare-routes",):
            opts.append("--corridor " + ",".join(rng.sample(CORRIDORS, rng.randint(1, 2))))
        if kind == "route":
            opts.append("--by " + rng.choice(["time", "distance", "cost", "co2", "generalized"]))
            if rng.random() < 0.3:
                opts.append(f"--value-of-time {rng.choice([0, 5, 20])} --carbon-price {rng.choice([0, 50, 100])}")
            r = rng.random()
            if r < 0.25:
                opts.append(f"--k {rng.randint(2, 6)}")
                if rng.random() < 0.5:
                    opts.append(f"--max-overlap {rng.choice([0.3, 0.5, 0.8])}")
            elif r < 0.4:
                opts.append("--pareto")
            elif r < 0.5:
                opts.append("--depart 2026-03-0%dT%02d:00" % (rng.randint(1, 7), rng.randint(0, 23)))
            if rng.random() < 0.15 and not any(o.startswith("--depart") for o in opts):
                opts.append("--via " + rng.choice(nodes))
            if rng.random() < 0.2:
                opts.append("--modes " + ",".join(rng.sample(MODES, rng.randint(1, 3))))
            opts.append("--format " + rng.choice(FORMATS))
        elif kind == "compare-routes":
            opts.append("--by " + rng.choice(["time", "cost", "co2", "generalized"]))
            if rng.random() < 0.2:
                opts.append("--modes " + ",".join(rng.sample(MODES, rng.randint(1, 3))))
            opts.append("--format " + rng.choice(["table", "json"]))
        elif kind == "flow":
            srcs = rng.sample(nodes, rng.randint(1, 2))
            dsts = [n for n in rng.sample(nodes, 3) if n not in srcs][:rng.randint(1, 2)] or [b]
            if b in srcs:
                continue
            a, b = ",".join(srcs), ",".join(dsts)
            if rng.random() < 0.5:
                opts.append(f"--target-tpy {rng.choice([1000000, 5000000, 20000000])}")
            opts.append("--format " + rng.choice(FORMATS))
        elif kind == "assign":
            ods = [f"{x}:{y}:{rng.choice([100000, 1000000, 5000000])}"
                   for x, y in (rng.sample(nodes, 2) for _ in range(rng.randint(1, 3)))]
            opts = [o for o in opts if not o.startswith("--avoid-country")]
            opts.append("--by " + rng.choice(["time", "cost", "generalized"]))
            if rng.random() < 0.3:
                opts.append(f"--unserved-penalty {rng.choice([100, 1000, 100000])}")
            opts.append("--format " + rng.choice(["table", "json"]))
            out.append(f"assign {' '.join('--od ' + od for od in ods)} {net_opt} {' '.join(opts)}".strip())
            continue
        elif kind == "criticality":
            opts.append(f"--od {a}:{b} --top {rng.randint(3, 10)} --threads 1")
            opts.append("--format " + rng.choice(["table", "json"]))
        elif kind == "upgrades":
            opts.append(f"--target-tpy {rng.choice([1000000, 10000000, 50000000])} --max-steps {rng.randint(1, 4)}")
            opts.append("--format " + rng.choice(["table", "json"]))
        elif kind == "reliability":
            opts = [o for o in opts if not o.startswith("--avoid-country")]
            opts.append(f"--samples 2000 --seed {rng.randint(1, 9)} --deadline-days {rng.randint(5, 30)}")
            if rng.random() < 0.3:
                opts.append(f"--k {rng.randint(2, 4)} --by " + rng.choice(["mean", "p90"]))
            if rng.random() < 0.2:
                opts.append("--depart 2026-03-0%dT%02d:00" % (rng.randint(1, 7), rng.randint(0, 23)))
            opts.append("--threads 1 --format " + rng.choice(["table", "json"]))
        out.append(f"{kind} --from {a} --to {b} {net_opt} {' '.join(opts)}".strip())
    return out


def run_one(binary, scratch, args):
    before = {f: os.path.getmtime(os.path.join(scratch, f)) for f in os.listdir(scratch)}
    result = subprocess.run(["bash", "-c", f'corridor() {{ "{binary}" "$@"; }}; corridor {args}'],
                            capture_output=True, cwd=scratch, timeout=600)
    written = []
    for f in sorted(os.listdir(scratch)):
        p = os.path.join(scratch, f)
        if os.path.isfile(p) and not os.path.islink(p) and before.get(f) != os.path.getmtime(p):
            with open(p, "rb") as fh:
                content = fh.read()
            written.append((f, content))
            if not f.startswith("gen-"):
                os.remove(p)  # so that the next command's files are told apart
    return result, written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("out_dir")
    parser.add_argument("--random", type=int, default=300, help="number of random queries (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    os.makedirs(args.out_dir, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="corridor-capture-")
    try:
        for d in ("network", "scenarios", "tests", "docs"):
            os.symlink(os.path.join(REPO, d), os.path.join(scratch, d))
        networks = [("", *network_nodes(os.path.join(REPO, "network", "middle-corridor.json")))]
        commands = scenario_commands() + doc_commands()
        for seed, size in ((1, 50), (2, 80), (3, 120)):
            name = f"gen-{seed}.json"
            commands.append(f"generate --nodes {size} --seed {seed} -o {name}")
            subprocess.run([binary, "generate", "--nodes", str(size), "--seed", str(seed), "-o", name],
                           cwd=scratch, check=True, capture_output=True)
            networks.append((f"--network {name}", *network_nodes(os.path.join(scratch, name))))
        commands += random_commands(random.Random(args.seed), args.random, networks)
        index = []
        for i, command in enumerate(commands):
            result, written = run_one(binary, scratch, command)
            with open(os.path.join(args.out_dir, f"{i:04d}.out"), "wb") as f:
                f.write(f"$ corridor {command}\nexit {result.returncode}\n--- stdout\n".encode())
                f.write(result.stdout)
                f.write(b"\n--- stderr\n")
                f.write(result.stderr)
                for name, content in written:
                    f.write(f"\n--- file {name} sha256 {hashlib.sha256(content).hexdigest()}\n".encode())
                    f.write(content)
            index.append(f"{i:04d} exit {result.returncode}  corridor {command}")
        with open(os.path.join(args.out_dir, "index.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(index) + "\n")
        codes = {}
        for line in index:
            codes[line.split()[2]] = codes.get(line.split()[2], 0) + 1
        print(f"captured {len(commands)} commands into {args.out_dir}; exit codes: "
              + ", ".join(f"{k}: {v}" for k, v in sorted(codes.items())))
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    sys.exit(main())
