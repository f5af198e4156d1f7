#!/bin/bash
# One shard of a corridor sweep per Slurm array task (docs/sweeps.md).
#   sbatch --array=1-16 scenarios/sweeps/jobs/slurm-sweep.sh
#   sbatch --dependency=afterok:JOBID scenarios/sweeps/jobs/slurm-merge.sh
# Every task runs the same binary on the same sweep file with the same --samples and --seed;
# sample i is drawn from (seed, i) alone, so the shards together are exactly the whole run.
#SBATCH --job-name=corridor-sweep
#SBATCH --array=1-16
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=02:00:00
#SBATCH --output=sweep-logs/%x-%A_%a.out
set -euo pipefail

sweep_file=${SWEEP_FILE:-scenarios/sweeps/roadmap-uncertainty.json}
samples=${SWEEP_SAMPLES:-1000000}
seed=${SWEEP_SEED:-1}
out_dir=${SWEEP_OUT_DIR:-sweep-out}
shards=${SLURM_ARRAY_TASK_COUNT:?run as an array job (sbatch --array=1-N)}
shard=${SLURM_ARRAY_TASK_ID:?run as an array job (sbatch --array=1-N)}

mkdir -p "$out_dir"
corridor sweep "$sweep_file" --samples "$samples" --seed "$seed" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$shard/$shards" --out "$out_dir/shard-$shard.jsonl"
