#!/usr/bin/env bash
# Runs one shard of an arraysim sweep as a Slurm array task; scripts/slurm_submit.sh submits the
# tasks and the merge. Slurm runs a spool copy of this script, so nothing is found relative to it:
# the arraysim executable comes as the 4th argument (or $ARRAYSIM, else build/release/... in the
# submit directory), and relative paths are taken from the submit directory.
#   sbatch --array=0-$((N-1)) scripts/slurm_sweep.sh SWEEP.json OUT N [ARRAYSIM]
#SBATCH --job-name=arraysim-sweep
#SBATCH --cpus-per-task=2
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: slurm_sweep.sh SWEEP.json OUT N [ARRAYSIM] (as a Slurm array task)" >&2
  exit 2
fi
sweep=$1
out=$2
shards=$3
task=${SLURM_ARRAY_TASK_ID:?run this as a Slurm array task}
cd "${SLURM_SUBMIT_DIR:-.}"
arraysim=${4:-${ARRAYSIM:-build/release/sim/cli/arraysim}}
if [ ! -x "$arraysim" ]; then
  echo "slurm_sweep.sh: no arraysim executable at $arraysim (give its path as the 4th argument)" >&2
  exit 2
fi
echo "shard $task/$shards of $sweep on $(hostname) with $arraysim"
exec "$arraysim" sweep "$sweep" --out "$out/shard_$task" --shard "$task/$shards" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" --resume --quiet
