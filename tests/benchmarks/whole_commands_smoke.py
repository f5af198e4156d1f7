#!/usr/bin/env python3
"""Smoke run of make bench's whole-command section (ctest whole_commands_smoke; nothing is
timed): on small generated networks (three seeds), networkx_whole.py, an independent Python
implementation of the route and max-flow model of docs/model.md on NetworkX, must find the
route hours and the max flow that `corridor route` and `corridor flow --max-detour none` print;
networkx_pathflow_peer.py, the same column generation in Python with HiGHS as its LP, must find
the plausible-route max flow of `corridor flow` (default detour bound); and corridor must print
the very same output from the network's snapshot (`corridor pack`) as from its JSON file. Exit
code 77 (skipped) when neither this Python nor Debian's /usr/bin/python3 (the one make bench
uses) has NetworkX and SciPy.

    whole_commands_smoke.py CORRIDOR WORK_DIR
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_common import run_measured  # noqa: E402 (after the path is set)


def run(command):
    return run_measured(command)[0]  # fails loudly, with the command and its error output


def peer_python():
    """This Python if it has NetworkX and SciPy, else Debian's if that has them; else exit 77."""
    for python in dict.fromkeys((sys.executable, "/usr/bin/python3")):
        if os.path.exists(python) and subprocess.run([python, "-c", "import networkx, scipy"],
                                                     capture_output=True).returncode == 0:
            return python
    print(f"whole_commands_smoke.py: neither {sys.executable} nor /usr/bin/python3 has NetworkX and SciPy "
          "(Debian: python3-networkx python3-scipy)")
    sys.exit(77)


def main():
    python = peer_python()
    from bench_whole import rail_terminals
    corridor, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    peer = [python, os.path.join(HERE, "networkx_whole.py")]
    for seed in (3, 7, 11):
        network = os.path.join(work, f"network-{seed}.json")
        snapshot = os.path.join(work, f"network-{seed}.cnet")
        run([corridor, "generate", "--nodes", "400", "--seed", str(seed), "-o", network])
        run([corridor, "pack", network, "-o", snapshot])
        sources, sinks = rail_terminals(network)
        jobs = {"route": ["route", "--from", sources[0], "--to", sinks[-1]],
                "flow": ["flow", "--from", ",".join(sources), "--to", ",".join(sinks), "--max-detour", "none"]}
        for kind, arguments in jobs.items():
            outputs = [run([corridor, *arguments, "--network", path, "--format", "json"]) for path in (network, snapshot)]
            if outputs[0] != outputs[1]:
                raise SystemExit(f"whole_commands_smoke.py: corridor {kind} prints differently from {snapshot}")
            ours = json.loads(outputs[0])
            ours = ours["routes"][0]["hours"] if kind == "route" else ours["max_flow_tpy"]
            ends = [sources[0], sinks[-1]] if kind == "route" else [",".join(sources), ",".join(sinks)]
            theirs = json.loads(run(peer + [kind, network, *ends]))
            theirs = theirs["hours"] if kind == "route" else theirs["max_flow_tpy"]
            if abs(theirs - ours) > 1e-9 * max(1.0, abs(ours)):
                raise SystemExit(f"whole_commands_smoke.py: seed {seed}: corridor {kind} {ours}, NetworkX {theirs}")
            print(f"seed {seed}: {kind} {ours} (corridor, from JSON and snapshot) = {theirs} (NetworkX)")
        plausible = json.loads(run([corridor, "flow", "--from", ",".join(sources), "--to", ",".join(sinks),
                                    "--network", network, "--format", "json"]))
        theirs = json.loads(run([python, os.path.join(HERE, "networkx_pathflow_peer.py"), network,
                                 ",".join(sources), ",".join(sinks), str(plausible["max_detour"])]))
        if abs(theirs["max_flow_tpy"] - plausible["max_flow_tpy"]) > 1:
            raise SystemExit(f"whole_commands_smoke.py: seed {seed}: corridor flow (plausible routes) "
                             f"{plausible['max_flow_tpy']}, Python peer {theirs['max_flow_tpy']}")
        print(f"seed {seed}: plausible-route flow {plausible['max_flow_tpy']} (corridor) = {theirs['max_flow_tpy']} "
              f"(Python peer, {theirs['rounds']} rounds, {theirs['routes']} routes)")


if __name__ == "__main__":
    main()
