#!/usr/bin/env bash
# Sweeps: a run killed with SIGKILL and resumed loses and duplicates nothing (its results equal an
# uninterrupted run's byte for byte); shards merged equal the unsharded results byte for byte.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL $*"; exit 1; }

"$arraysim" sweep tests/data/sweep_resume.json --out "$out/full" --threads 1 --quiet >/dev/null || fail "full run"
"$arraysim" sweep tests/data/sweep_resume.json --out "$out/killed" --threads 1 --quiet >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  [ -s "$out/killed/stream.jsonl" ] && break
  sleep 0.1
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before=$(grep -c . "$out/killed/stream.jsonl" 2>/dev/null || echo 0)
[ "$before" -ge 1 ] || fail "the killed run wrote nothing before the kill"
[ "$before" -lt 4 ] || fail "the run finished before it could be killed"
"$arraysim" sweep tests/data/sweep_resume.json --out "$out/killed" --resume --threads 1 --quiet >/dev/null || fail "resume"
lines=$(grep -c . "$out/killed/stream.jsonl")
[ "$lines" -eq 4 ] || fail "resumed stream has $lines lines, expected 4 (no point lost or repeated)"
cmp -s "$out/full/results.csv" "$out/killed/results.csv" || fail "resumed results differ from the uninterrupted run"

"$arraysim" sweep tests/data/sweep_small.json --out "$out/all" --quiet >/dev/null || fail "unsharded"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/s0" --shard 0/2 --quiet >/dev/null || fail "shard 0"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/s1" --shard 1/2 --quiet >/dev/null || fail "shard 1"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/merged" --merge "$out/s0" "$out/s1" >/dev/null || fail "merge"
for file in results.csv results.jsonl pareto.csv; do
  cmp -s "$out/all/$file" "$out/merged/$file" || fail "merged $file differs from the unsharded run"
done
echo "sweep: 2 passed, 0 failed (killed after $before of 4 points)"
