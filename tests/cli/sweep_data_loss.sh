#!/usr/bin/env bash
# Sweep streams lose nothing: a cut-off or unreadable stream line is dropped on --resume and its
# point runs again; a failed write (file size limit, full tmpfs) stops the run at once with exit 2
# and leaves only whole lines; --resume and --merge refuse streams of another spec; a merge with
# missing or incomplete shards exits 1 naming them unless --partial; an internal error stops the
# sweep with exit 2 instead of passing for an infeasible point; two runs never share a stream.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
mounted=""
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$out"
}
trap cleanup EXIT
fail() { echo "FAIL $*"; exit 1; }
passed=0
pass() { passed=$((passed + 1)); }
spec=tests/data/defects/sweep_mini.json
changed=tests/data/defects/sweep_mini_changed.json

# Every line of a stream is whole (ends with a newline) and parses; prints the point ids.
check_stream() {
  python3 - "$1" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "the stream ends in a cut-off line"
lines = data.decode().splitlines()
assert "arraysim_sweep_stream" in json.loads(lines[0]), "no header line"
ids = [json.loads(line)["id"] for line in lines[1:]]
assert len(ids) == len(set(ids)), "a point is there twice"
print(len(ids))
PY
}
same_results() {
  for file in results.csv results.jsonl pareto.csv; do
    cmp -s "$1/$file" "$2/$file" || fail "$3: $file differs from the uninterrupted run"
  done
}

"$arraysim" sweep $spec --out "$out/full" --threads 1 --quiet >/dev/null || fail "full run"
[ "$(check_stream "$out/full/stream.jsonl")" = 12 ] || fail "full run: expected 12 points"
grep -q ',infeasible: no valid mapping of layer conv1 under dataflow rs' "$out/full/results.csv" ||
  fail "rs on 64 PEs is not reported infeasible"

# D4: a stream cut off mid-line (a crash or a full disk), then resumed.
mkdir "$out/cut"
head -c 3000 "$out/full/stream.jsonl" >"$out/cut/stream.jsonl"
"$arraysim" sweep $spec --out "$out/cut" --resume --threads 1 --quiet >/dev/null 2>"$out/err" ||
  fail "resume after a cut-off line"
[ "$(grep -c '^warning: .*cut-off or unreadable' "$out/err")" = 1 ] || fail "no single warning: $(cat "$out/err")"
[ "$(check_stream "$out/cut/stream.jsonl")" = 12 ] || fail "resumed stream does not hold 12 points"
same_results "$out/full" "$out/cut" "resume after a cut-off line"
# ... and with an unreadable line in the middle.
mkdir "$out/garbled"
{ head -n 4 "$out/full/stream.jsonl"; echo '{"id": 4, "axes": {}, "stat'; sed -n '6,9p' "$out/full/stream.jsonl"; } >"$out/garbled/stream.jsonl"
"$arraysim" sweep $spec --out "$out/garbled" --resume --threads 1 --quiet >/dev/null 2>&1 || fail "resume after a bad line"
[ "$(check_stream "$out/garbled/stream.jsonl")" = 12 ] || fail "stream with a bad line: not 12 points after resume"
same_results "$out/full" "$out/garbled" "resume after an unreadable line"
pass

# D5: writes fail part-way (a 3 KB file size limit): the run stops at that write with exit 2.
mkdir "$out/limited"
(trap '' XFSZ; ulimit -f 3; exec "$arraysim" sweep $spec --out "$out/limited" --threads 1 --quiet) >/dev/null 2>"$out/err"
rc=$?
[ $rc -eq 2 ] || fail "write failure: exit $rc, expected 2"
[ "$(wc -l <"$out/err")" -eq 1 ] && grep -q 'stream.jsonl: write failed: File too large' "$out/err" ||
  fail "write failure: expected one line naming the stream: $(cat "$out/err")"
kept=$(check_stream "$out/limited/stream.jsonl") || fail "the failed run left a cut-off stream"
[ "$kept" -lt 12 ] || fail "every point was written despite the limit"
[ ! -e "$out/limited/results.csv" ] || fail "the failed run wrote results.csv"
"$arraysim" sweep $spec --out "$out/limited" --resume --threads 1 --quiet >/dev/null 2>&1 || fail "resume after the write failure"
same_results "$out/full" "$out/limited" "resume after a write failure"
pass

# D5 on a real full file system: a 64 KB tmpfs with one free page (needs root to mount).
mkdir "$out/tmpfs"
if mount -t tmpfs -o size=64k tmpfs "$out/tmpfs" 2>/dev/null; then
  mounted="$out/tmpfs"
  dd if=/dev/zero of="$out/tmpfs/fill" bs=4096 count=15 2>/dev/null
  "$arraysim" sweep $spec --out "$out/tmpfs/sweep" --threads 1 --quiet >/dev/null 2>"$out/err"
  rc=$?
  [ $rc -eq 2 ] || fail "full disk: exit $rc, expected 2"
  grep -q 'stream.jsonl: write failed: No space left on device' "$out/err" || fail "full disk: $(cat "$out/err")"
  kept=$(check_stream "$out/tmpfs/sweep/stream.jsonl") || fail "full disk: cut-off stream"
  [ "$kept" -lt 12 ] || fail "full disk: every point written"
  rm "$out/tmpfs/fill"
  "$arraysim" sweep $spec --out "$out/tmpfs/sweep" --resume --threads 1 --quiet >/dev/null 2>&1 || fail "resume after a full disk"
  same_results "$out/full" "$out/tmpfs/sweep" "resume after a full disk"
  umount "$out/tmpfs" && mounted=""
  pass
else
  echo "note: full-disk case skipped: cannot mount a tmpfs here (needs root); the file-size-limit case covers the same path"
fi

# D13: --resume with an edited spec (other buffer sizes) or another precision is refused.
cp "$out/full/stream.jsonl" "$out/stream.before"
"$arraysim" sweep $changed --out "$out/full" --resume --threads 1 --quiet >/dev/null 2>"$out/err"
rc=$?
[ $rc -eq 1 ] || fail "resume with an edited spec: exit $rc, expected 1"
[ "$(wc -l <"$out/err")" -eq 1 ] && grep -q 'stream.jsonl: written for another sweep spec' "$out/err" ||
  fail "resume with an edited spec: $(cat "$out/err")"
"$arraysim" sweep $spec --bits 8 --out "$out/full" --resume --quiet >/dev/null 2>&1
[ $? -eq 1 ] || fail "resume with another --bits was not refused"
cmp -s "$out/stream.before" "$out/full/stream.jsonl" || fail "a refused resume changed the stream"
[ -e "$out/full/results.csv" ] || fail "a refused resume removed the results"
# A stream without a header (an older arraysim's) cannot be checked, so it is not resumed either.
mkdir "$out/headless"
sed 1d "$out/full/stream.jsonl" >"$out/headless/stream.jsonl"
"$arraysim" sweep $spec --out "$out/headless" --resume --quiet >/dev/null 2>"$out/err"
[ $? -eq 1 ] && [ "$(wc -l <"$out/err")" -eq 1 ] && grep -q 'the first line is not a sweep stream header' "$out/err" ||
  fail "resume of a headless stream: $(cat "$out/err")"
pass

# Merges: shards of one spec; a missing or incomplete shard fails unless --partial.
for i in 0 1 2 3; do
  "$arraysim" sweep $spec --out "$out/shard_$i" --shard $i/4 --threads 1 --quiet >/dev/null || fail "shard $i/4"
done
"$arraysim" sweep $spec --out "$out/m3" --merge "$out/shard_0" "$out/shard_1" "$out/shard_3" >"$out/log" 2>"$out/err"
rc=$?
[ $rc -eq 1 ] || fail "merge without shard 2: exit $rc, expected 1"
[ "$(wc -l <"$out/err")" -eq 1 ] && grep -q 'missing shard(s) 2/4' "$out/err" || fail "merge without shard 2: $(cat "$out/err")"
[ ! -e "$out/m3/results.csv" ] || fail "a failed merge wrote results"
"$arraysim" sweep $spec --out "$out/m3" --merge "$out/shard_0" "$out/shard_1" "$out/shard_3" --partial >"$out/log" 2>&1 ||
  fail "partial merge"
grep -q 'merged 9 of 12 points .*(partial: missing shard(s) 2/4)' "$out/log" || fail "partial merge does not say so: $(cat "$out/log")"
[ -e "$out/m3/partial.json" ] || fail "partial merge: no partial.json"
sed -i '$d' "$out/shard_1/stream.jsonl"  # shard 1 lost its last point
"$arraysim" sweep $spec --out "$out/m4" --merge "$out"/shard_? >/dev/null 2>"$out/err"
[ $? -eq 1 ] && grep -q 'incomplete shard(s) 1/4 (2 of 3 points)' "$out/err" || fail "incomplete shard: $(cat "$out/err")"
"$arraysim" sweep $spec --out "$out/shard_1" --shard 1/4 --resume --threads 1 --quiet >/dev/null || fail "shard 1 resume"
"$arraysim" sweep $spec --out "$out/m4" --merge "$out"/shard_? "$out/shard_1" >"$out/log" || fail "complete merge"
grep -q 'merged 12 of 12 points' "$out/log" || fail "complete merge: $(cat "$out/log")"
same_results "$out/full" "$out/m4" "merge of 4 shards"
[ ! -e "$out/m4/partial.json" ] || fail "a complete merge left partial.json"
"$arraysim" sweep $changed --out "$out/shard_c" --shard 2/4 --threads 1 --quiet >/dev/null || fail "shard of the edited spec"
"$arraysim" sweep $spec --out "$out/m5" --merge "$out/shard_0" "$out/shard_1" "$out/shard_c" "$out/shard_3" >/dev/null 2>"$out/err"
[ $? -eq 1 ] && grep -q 'shard_c/stream.jsonl: written for another sweep spec' "$out/err" ||
  fail "merge of another spec's shard: $(cat "$out/err")"
pass

# An internal error (a defect, here injected) stops the sweep with exit 2; it is not infeasible.
ARRAYSIM_SWEEP_INJECT_ERROR=5 "$arraysim" sweep $spec --out "$out/internal" --threads 1 --quiet >/dev/null 2>"$out/err"
rc=$?
[ $rc -eq 2 ] || fail "internal error: exit $rc, expected 2"
grep -q '^arraysim: sweep point 5 (.*): internal error: injected' "$out/err" || fail "internal error: $(cat "$out/err")"
! grep -q '"id":5,' "$out/internal/stream.jsonl" || fail "the failed point was recorded"
[ ! -e "$out/internal/results.csv" ] || fail "results written after an internal error"
"$arraysim" sweep $spec --out "$out/internal" --resume --threads 1 --quiet >/dev/null || fail "resume after an internal error"
same_results "$out/full" "$out/internal" "resume after an internal error"
pass

# A second run on a directory that a running sweep writes to stops before touching the stream.
if command -v flock >/dev/null; then
  cp "$out/full/stream.jsonl" "$out/stream.before"
  flock "$out/full/.lock" "$arraysim" sweep $spec --out "$out/full" --threads 1 --quiet >/dev/null 2>"$out/err"
  [ $? -eq 2 ] && grep -q 'another arraysim sweep is writing to this directory' "$out/err" || fail "lock: $(cat "$out/err")"
  cmp -s "$out/stream.before" "$out/full/stream.jsonl" || fail "the locked-out run changed the stream"
  pass
fi
echo "sweep_data_loss: $passed passed, 0 failed"
