#!/usr/bin/env bash
# Submits an arraysim sweep to Slurm: an array of N shard tasks (scripts/slurm_sweep.sh, one log
# per task in OUT/logs) and a merge job that starts when every task succeeded (afterok) and writes
# OUT/merged. --resubmit submits again only the shards without a completion marker
# (OUT/shard_i/complete.json of this spec: failed, cancelled or timed-out tasks), which resume
# from their streams, and a new merge job after them.
#   scripts/slurm_submit.sh [--resubmit] [--arraysim PATH] SWEEP.json OUT N [sbatch options...]
# The sbatch options (e.g. --partition=..., --time=...) apply to the tasks and the merge job.
set -euo pipefail
usage() {
  echo "usage: slurm_submit.sh [--resubmit] [--arraysim PATH] SWEEP.json OUT N [sbatch options...]" >&2
  exit 1
}
root=$(cd "$(dirname "$0")/.." && pwd)
resubmit=0
arraysim=${ARRAYSIM:-$root/build/release/sim/cli/arraysim}
while [ $# -gt 0 ]; do
  case $1 in
    --resubmit) resubmit=1; shift ;;
    --arraysim) [ $# -ge 2 ] || usage; arraysim=$2; shift 2 ;;
    --arraysim=*) arraysim=${1#--arraysim=}; shift ;;
    -h|--help) usage ;;
    *) break ;;
  esac
done
[ $# -ge 3 ] || usage
sweep=$1
out=$2
shards=$3
shift 3
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "slurm_submit.sh: N must be a positive integer, got '$shards'" >&2; exit 1; }
[ -x "$arraysim" ] || { echo "slurm_submit.sh: no arraysim executable at $arraysim (build it or pass --arraysim)" >&2; exit 1; }
arraysim=$(cd "$(dirname "$arraysim")" && pwd)/$(basename "$arraysim")

# The spec is checked here, before anything is queued; its hash names the completed shards.
plan=$("$arraysim" sweep "$sweep" --shard "0/$shards" --dry-run) || exit 1
hash=${plan##*spec hash }
mkdir -p "$out/logs"

# Shards still queued or running must not be submitted twice: refuse while any task is active.
active=""
if [ -s "$out/array_jobs" ]; then
  queued=$(squeue -h -o %F 2>/dev/null | sort -u || true)
  while read -r job; do
    if grep -qx "$job" <<<"$queued"; then active="$active $job"; fi
  done <"$out/array_jobs"
fi
if [ -n "$active" ]; then
  echo "slurm_submit.sh: shard job(s)$active of $out are still queued or running: wait for them or scancel them" >&2
  exit 1
fi
# A merge job left waiting on failed tasks is replaced by the new one.
if [ -s "$out/merge_job" ]; then
  scancel "$(cat "$out/merge_job")" 2>/dev/null || true
fi

tasks=()
for ((i = 0; i < shards; i++)); do
  if [ $resubmit -eq 0 ] || ! grep -q "\"spec_hash\":\"$hash\"" "$out/shard_$i/complete.json" 2>/dev/null; then
    tasks+=("$i")
  fi
done

# The merge job: a generated script (Slurm copies it to its spool, so it names everything itself).
merge_script="$out/logs/merge.sh"
{
  echo "#!/usr/bin/env bash"
  printf 'cd %q\n' "$PWD"
  printf 'exec %q sweep %q --out %q --merge' "$arraysim" "$sweep" "$out/merged"
  for ((i = 0; i < shards; i++)); do printf ' %q' "$out/shard_$i"; done
  echo
} >"$merge_script"
merge_options=(--parsable --job-name=arraysim-merge --output="$out/logs/merge.%j.log" --chdir="$PWD"
  --ntasks=1 --cpus-per-task=1)

if [ ${#tasks[@]} -eq 0 ]; then
  echo "all $shards shards of $out are complete"
  job=$(sbatch "${merge_options[@]}" "$@" "$merge_script")
  job=${job%%;*}
  echo "$job" >"$out/merge_job"
  echo "merge: job $job, results in $out/merged"
  exit 0
fi
list=$(IFS=,; echo "${tasks[*]}")
array=$(sbatch --parsable --array="$list" --job-name=arraysim-sweep --chdir="$PWD" \
  --output="$out/logs/shard_%a.%A.log" "$@" \
  "$root/scripts/slurm_sweep.sh" "$sweep" "$out" "$shards" "$arraysim")
array=${array%%;*}
echo "$array" >>"$out/array_jobs"
job=$(sbatch "${merge_options[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes "$@" "$merge_script")
job=${job%%;*}
echo "$job" >"$out/merge_job"
echo "submitted shard(s) $list of $shards as job $array (logs: $out/logs/shard_<i>.$array.log)"
echo "merge: job $job after they all succeed, results in $out/merged"
