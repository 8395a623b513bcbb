#!/usr/bin/env bash
# A real single-node Slurm cluster (Debian slurm-wlm): slurmctld and slurmd started here on
# 127.0.0.1 from a generated slurm.conf (one node, 2 CPUs, no accounting, auth/none), torn down at
# the end. A cut-down copy of the shipped sweep goes through scripts/slurm_submit.sh as 2 shards;
# the merged results equal a local run byte for byte. Then, as 3 shards, one task is cancelled
# (scancel) part-way and resubmitted with --resubmit: the merge loses and duplicates nothing.
# Exit 77 (skipped) when Slurm is not installed or this is not root (slurmd starts jobs as root).
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
skip() { echo "SKIP: $*"; exit 77; }
for tool in slurmctld slurmd sbatch squeue scancel scontrol sinfo; do
  command -v $tool >/dev/null || skip "$tool not found: install slurm-wlm (scripts/bootstrap does)"
done
[ "$(id -u)" -eq 0 ] || skip "slurmd must run as root to start jobs"

work=$(mktemp -d /tmp/arraysim-slurm.XXXXXX)
chmod 755 "$work"
export SLURM_CONF=$work/slurm.conf
fail() {
  echo "FAIL $*"
  for log in "$work"/log/*.log "$work"/out*/logs/*.log; do
    [ -e "$log" ] && { echo "--- $log"; tail -n 15 "$log"; }
  done
  exit 1
}
stop_daemons() {
  scancel --quiet --user="$(id -un)" 2>/dev/null
  for name in slurmd slurmctld; do
    local pid
    pid=$(cat "$work/$name.pid" 2>/dev/null) || continue
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
}
trap 'stop_daemons; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
host=$(hostname -s)
mkdir -p "$work/state" "$work/spool" "$work/log"
cat >"$SLURM_CONF" <<EOF
ClusterName=arraysim-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/none
CredType=cred/none
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
KillWait=2
MinJobAge=600
NodeName=arraysim-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=arraysim-node Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -f "$SLURM_CONF" -i || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" -N arraysim-node || fail "slurmd did not start"
for _ in $(seq 300); do
  [ "$(sinfo -h -o %t 2>/dev/null)" = idle ] && break
  sleep 0.1
done
[ "$(sinfo -h -o %t 2>/dev/null)" = idle ] || fail "the node did not come up: $(sinfo 2>&1)"

spec=tests/data/sweep_slurm.json
"$arraysim" sweep $spec --out "$work/local" --threads 2 --quiet >/dev/null || fail "local run"

# Waits until a job has left the queue and prints its final state.
wait_job() {
  for _ in $(seq 1200); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && break
    sleep 0.1
  done
  scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1
}
same_as_local() {
  for file in results.csv results.jsonl pareto.csv; do
    cmp -s "$work/local/$file" "$1/merged/$file" || fail "$2: merged $file differs from the local run"
  done
}

# 1. Two shards, the merge chained after them.
scripts/slurm_submit.sh --arraysim "$arraysim" $spec "$work/out2" 2 --cpus-per-task=1 >"$work/submit.log" ||
  fail "submit: $(cat "$work/submit.log")"
state=$(wait_job "$(cat "$work/out2/merge_job")")
[ "$state" = JobState=COMPLETED ] || fail "merge job: $state"
same_as_local "$work/out2" "2 shards"
ls "$work"/out2/logs/shard_0.*.log "$work"/out2/logs/shard_1.*.log >/dev/null 2>&1 || fail "no per-task logs"

# 2. Three shards; shard 1 is cancelled once its first point is on disk, then resubmitted.
scripts/slurm_submit.sh --arraysim "$arraysim" $spec "$work/out3" 3 --cpus-per-task=1 >"$work/submit.log" ||
  fail "submit: $(cat "$work/submit.log")"
array=$(tail -1 "$work/out3/array_jobs")
merge=$(cat "$work/out3/merge_job")
stream=$work/out3/shard_1/stream.jsonl
for _ in $(seq 1200); do
  grep -q '"id":' "$stream" 2>/dev/null && break
  sleep 0.05
done
[ -e "$work/out3/shard_1/complete.json" ] && fail "shard 1 finished before it could be cancelled"
scancel "${array}_1" || fail "scancel"
wait_job "$array" >/dev/null
[ -e "$work/out3/shard_1/complete.json" ] && fail "shard 1 finished although cancelled"
cancelled=$(grep -c '"id":' "$stream")
[ "$cancelled" -ge 1 ] && [ "$cancelled" -lt 4 ] || fail "cancelled shard holds $cancelled of 4 points"
state=$(wait_job "$merge")
[ "$state" = JobState=CANCELLED ] || fail "merge job after a cancelled task: $state, expected CANCELLED"
[ ! -e "$work/out3/merged/results.csv" ] || fail "a merge ran although a shard was cancelled"
scripts/slurm_submit.sh --resubmit --arraysim "$arraysim" $spec "$work/out3" 3 --cpus-per-task=1 >"$work/resubmit.log" ||
  fail "resubmit: $(cat "$work/resubmit.log")"
grep -q '^submitted shard(s) 1 of 3 ' "$work/resubmit.log" || fail "resubmit did not pick shard 1 alone: $(cat "$work/resubmit.log")"
state=$(wait_job "$(cat "$work/out3/merge_job")")
[ "$state" = JobState=COMPLETED ] || fail "merge job after the resubmit: $state"
same_as_local "$work/out3" "3 shards, one cancelled and resubmitted"
python3 - "$stream" <<'PY' || fail "the resubmitted shard's stream"
import json, sys
ids = [json.loads(line)["id"] for line in open(sys.argv[1]).read().splitlines()[1:]]
assert sorted(ids) == [1, 4, 7, 10], ids
PY
echo "slurm: 2 passed, 0 failed (cancelled shard 1 after $cancelled of 4 points)"
