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
# Kill it as soon as its first point is on disk (however slow the build), or see it finish. The
# stream's first line is its header; point lines carry an "id".
points() { local n; n=$(grep -c '"id":' "$1" 2>/dev/null); echo "${n:-0}"; }
while kill -0 "$pid" 2>/dev/null && [ "$(points "$out/killed/stream.jsonl")" -eq 0 ]; do
  sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
before=$(points "$out/killed/stream.jsonl")
[ "$before" -ge 1 ] || fail "the killed run wrote nothing before the kill"
[ "$before" -lt 4 ] || fail "the run finished before it could be killed"
"$arraysim" sweep tests/data/sweep_resume.json --out "$out/killed" --resume --threads 1 --quiet >/dev/null || fail "resume"
lines=$(points "$out/killed/stream.jsonl")
[ "$lines" -eq 4 ] || fail "resumed stream has $lines lines, expected 4 (no point lost or repeated)"
cmp -s "$out/full/results.csv" "$out/killed/results.csv" || fail "resumed results differ from the uninterrupted run"

"$arraysim" sweep tests/data/sweep_small.json --out "$out/all" --quiet >/dev/null || fail "unsharded"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/s0" --shard 0/2 --quiet >/dev/null || fail "shard 0"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/s1" --shard 1/2 --quiet >/dev/null || fail "shard 1"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/merged" --merge "$out/s0" "$out/s1" >/dev/null || fail "merge"
for file in results.csv results.jsonl pareto.csv; do
  cmp -s "$out/all/$file" "$out/merged/$file" || fail "merged $file differs from the unsharded run"
done
# Precision axis: 8-bit values pack two to a 16-bit word, so every point costs less energy than at
# 16 bits; storage area comes from the shipped 65 nm area curve, so a larger buffer has more area.
"$arraysim" sweep tests/data/sweep_small.json --out "$out/b16" --bits 16 --quiet >/dev/null || fail "16-bit"
"$arraysim" sweep tests/data/sweep_small.json --out "$out/b8" --bits 8 --quiet >/dev/null || fail "8-bit"
head -1 "$out/b8/results.csv" | grep -q ',bits,' || fail "no bits column"
python3 - "$out/b16/results.csv" "$out/b8/results.csv" <<'PY' || fail "precision or area"
import csv, sys
wide, narrow = (list(csv.DictReader(open(f))) for f in sys.argv[1:3])
for w, n in zip(wide, narrow):
    if w["status"] != "ok":
        continue
    assert w["bits"] == "16" and n["bits"] == "8", (w["bits"], n["bits"])
    assert float(n["energy_pj"]) < float(w["energy_pj"]), (w["id"], n["energy_pj"], w["energy_pj"])
areas = {(r["/levels/1/capacity_words"], r["dataflow"]): float(r["area_um2"])
         for r in wide if r["status"] == "ok" and r["/levels/2/instances"] == "168"}
sizes = sorted({int(k[0]) for k in areas})
for df in {k[1] for k in areas}:
    assert 0 < areas[(str(sizes[0]), df)] < areas[(str(sizes[-1]), df)], areas
PY
echo "sweep: 3 passed, 0 failed (killed after $before of 4 points)"
