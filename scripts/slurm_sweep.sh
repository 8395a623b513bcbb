#!/usr/bin/env bash
# Runs one shard of an arraysim sweep as a Slurm array task. Submit N tasks, then merge:
#   sbatch --array=0-$((N-1)) scripts/slurm_sweep.sh SWEEP.json OUT N
#   build/release/sim/cli/arraysim sweep SWEEP.json --out OUT/merged --merge OUT/shard_*
#SBATCH --job-name=arraysim-sweep
#SBATCH --cpus-per-task=2
set -euo pipefail
sweep=$1
out=$2
shards=$3
task=${SLURM_ARRAY_TASK_ID:?run this as a Slurm array task}
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/build/release/sim/cli/arraysim" sweep "$sweep" --out "$out/shard_$task" \
  --shard "$task/$shards" --threads "${SLURM_CPUS_PER_TASK:-1}" --resume --quiet
