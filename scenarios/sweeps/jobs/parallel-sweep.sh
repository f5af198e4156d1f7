#!/bin/bash
# A sweep split into shards run by GNU parallel on this machine (or over ssh with
# --sshloginfile), then merged (docs/sweeps.md).
#   scenarios/sweeps/jobs/parallel-sweep.sh [SWEEP_FILE] [SAMPLES] [SHARDS]
set -euo pipefail

sweep_file=${1:-scenarios/sweeps/roadmap-uncertainty.json}
samples=${2:-100000}
shards=${3:-8}
seed=${SWEEP_SEED:-1}
out_dir=${SWEEP_OUT_DIR:-sweep-out}
mkdir -p "$out_dir"

seq "$shards" | parallel --halt now,fail=1 \
  corridor sweep "$sweep_file" --samples "$samples" --seed "$seed" --threads 1 \
  --shard "{}/$shards" --out "$out_dir/shard-{}.jsonl"

corridor sweep "$sweep_file" --merge "$out_dir"/shard-*.jsonl
