#!/usr/bin/env python3
"""Smoke run of the equilibrium benchmark (ctest equilibrium_bench_smoke; nothing is timed):
on a small generated network, corridor's `assign --equilibrium user` and networkx_fw_peer.py
must agree: the conjugate peer (corridor's own method) to 1e-9 and in the iteration count, the
classic one within its documented tolerances. Exit code 77 (skipped) when NetworkX is missing.

    equilibrium_smoke.py CORRIDOR CORRIDOR_BENCH WORK_DIR
"""
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    process = subprocess.run(command, capture_output=True, text=True)
    if process.returncode != 0:
        raise SystemExit(f"equilibrium_smoke.py: failed (exit code {process.returncode}): {' '.join(command)}\n"
                         f"{process.stderr.strip()}")
    return process.stdout


def main():
    if importlib.util.find_spec("networkx") is None:
        print(f"equilibrium_smoke.py: NetworkX is not installed for {sys.executable} (Debian: python3-networkx)")
        sys.exit(77)
    corridor, bench, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    network = os.path.join(work, "network.json")
    run([corridor, "generate", "--nodes", "300", "--seed", "7", "-o", network])
    run([bench, "--export-equilibrium", network, work, "0.3", "soft"])
    problem = os.path.join(work, "equilibrium.json")
    with open(problem) as f:
        pairs = json.load(f)["pairs"]
    ods = []
    for pair in pairs:
        ods += ["--od", f"{pair['from']}:{pair['to']}:{pair['tonnes_per_year']:.0f}"]
    answer = run([corridor, "assign", "--network", os.path.join(work, "network_soft.json"), *ods,
                  "--equilibrium", "user", "--gap", "1e-4", "--format", "json"])
    corridor_json = os.path.join(work, "corridor.json")
    with open(corridor_json, "w") as f:
        f.write(answer)
    ours = json.loads(answer)
    if ours["stop_reason"] != "converged" or ours["iterations"] < 2:
        raise SystemExit(f"equilibrium_smoke.py: expected a converged run of several iterations, got "
                         f"{ours['stop_reason']} after {ours['iterations']}")
    peer = [sys.executable, os.path.join(HERE, "networkx_fw_peer.py"), problem, "--check", corridor_json]
    conjugate = json.loads(run(peer + ["--conjugate", "--objective-tolerance", "1e-9", "--load-tolerance", "1e-9"]))
    if conjugate["iterations"] != ours["iterations"]:
        raise SystemExit(f"equilibrium_smoke.py: conjugate Frank-Wolfe took {conjugate['iterations']} iterations in "
                         f"NetworkX, {ours['iterations']} in corridor")
    classic = json.loads(run(peer))  # networkx_fw_peer.py's default tolerances
    print(f"corridor {ours['iterations']} iterations; NetworkX conjugate {conjugate['iterations']} (objective "
          f"{conjugate['check']['objective_deviation']:.1e}, loads {conjugate['check']['load_deviation']:.1e}), "
          f"classic {classic['iterations']} (objective {classic['check']['objective_deviation']:.1e}, loads "
          f"{classic['check']['load_deviation']:.1e})")


if __name__ == "__main__":
    main()
