#!/bin/bash
# Merges the shards written by slurm-sweep.sh into the summary of the whole run (docs/sweeps.md).
#SBATCH --job-name=corridor-sweep-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=00:30:00
#SBATCH --output=sweep-logs/%x-%j.out
set -euo pipefail

sweep_file=${SWEEP_FILE:-scenarios/sweeps/roadmap-uncertainty.json}
out_dir=${SWEEP_OUT_DIR:-sweep-out}

shopt -s nullglob
shards=("$out_dir"/shard-*.jsonl)
if [ ${#shards[@]} -eq 0 ]; then
  echo "no shard files in $out_dir" >&2
  exit 1
fi
corridor sweep "$sweep_file" --merge "${shards[@]}" --format json -o "$out_dir/summary.json"
corridor sweep "$sweep_file" --merge "${shards[@]}" --format html -o "$out_dir/summary.html"
corridor sweep "$sweep_file" --merge "${shards[@]}"
