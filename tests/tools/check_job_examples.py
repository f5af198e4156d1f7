#!/usr/bin/env python3
"""Syntax checks of the sweep job examples (docs/sweeps.md): the shell scripts with `bash -n`
(and shellcheck when installed), the Kubernetes files parsed as YAML and checked for what an
Indexed Job of shards needs. usage: check_job_examples.py JOBS_DIR"""
import pathlib
import shutil
import subprocess
import sys

import yaml


def main() -> int:
    jobs = pathlib.Path(sys.argv[1])
    failures = []
    scripts = sorted(jobs.glob("*.sh"))
    if len(scripts) < 3:
        failures.append(f"expected the Slurm and GNU parallel scripts in {jobs}, found {len(scripts)}")
    for script in scripts:
        run = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"bash -n {script.name}: {run.stderr.strip()}")
        if shutil.which("shellcheck"):
            run = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
            if run.returncode != 0:
                failures.append(f"shellcheck {script.name}:\n{run.stdout.strip()}")
        text = script.read_text()
        if "corridor sweep" not in text:
            failures.append(f"{script.name} does not run corridor sweep")
    slurm = (jobs / "slurm-sweep.sh").read_text()
    if "#SBATCH --array=" not in slurm or "SLURM_ARRAY_TASK_ID" not in slurm or "--shard" not in slurm:
        failures.append("slurm-sweep.sh is not an array job running one shard per task")
    documents = []
    for path in sorted(jobs.glob("*.yaml")):
        try:
            documents += [(path.name, d) for d in yaml.safe_load_all(path.read_text()) if d is not None]
        except yaml.YAMLError as error:
            failures.append(f"{path.name}: {error}")
    indexed = [d for _, d in documents if d.get("kind") == "Job" and d["spec"].get("completionMode") == "Indexed"]
    if len(indexed) != 1:
        failures.append(f"expected one Indexed Job, found {len(indexed)}")
    else:
        job = indexed[0]["spec"]
        container = job["template"]["spec"]["containers"][0]
        command = " ".join(container.get("command", []) + container.get("args", []))
        shards = next(e["value"] for e in container["env"] if e["name"] == "SHARDS")
        if int(shards) != job["completions"]:
            failures.append(f"SHARDS={shards} but completions={job['completions']}")
        for needed in ("corridor sweep", "JOB_COMPLETION_INDEX + 1", "--shard", "--out"):
            if needed not in command:
                failures.append(f"the Indexed Job's command lacks {needed!r}")
    if not any("--merge" in yaml.safe_dump(d) for _, d in documents):
        failures.append("no Kubernetes Job merges the shards")
    for failure in failures:
        print("FAIL:", failure)
    print(f"checked {len(scripts)} scripts and {len(documents)} YAML documents")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
