#!/usr/bin/env bash
# Sweep specs at the edges: a 3e9-point sweep is refused above the per-run limit, and when forced
# it streams its first point at once in bounded memory (points come from their index, no list);
# point counts past 2^64, deeply nested axis values (100,000 levels, generated here), bad axis
# pointers and invalid axis combinations are one-line errors with exit 1 from validate and sweep.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  rm -rf "$out"
}
trap cleanup EXIT
fail() { echo "FAIL $*"; exit 1; }
passed=0
pass() { passed=$((passed + 1)); }
# Expects exit 1 and exactly one line on stderr matching a pattern, nothing on stdout.
bad_input() {
  local pattern=$1
  shift
  "$@" >"$out/stdout" 2>"$out/err"
  local rc=$?
  [ $rc -eq 1 ] || fail "$*: exit $rc, expected 1 ($(head -c 300 "$out/err"))"
  [ "$(wc -l <"$out/err")" -eq 1 ] || fail "$*: not one line: $(head -c 300 "$out/err")"
  grep -q -- "$pattern" "$out/err" || fail "$*: $(cat "$out/err") does not match $pattern"
  [ ! -s "$out/stdout" ] || fail "$*: printed on stdout: $(head -c 300 "$out/stdout")"
}

# D11: 3 axes of 1,000 values x 3 dataflows = 3e9 points.
huge=tests/data/defects/sweep_1e9_points.json
"$arraysim" validate $huge | grep -q '(3000000000 points)' || fail "validate does not count 3e9 points"
bad_input 'sweep_1e9_points.json:/axes: 3000000000 points in this run (of 3000000000), more than the limit of 1000000 per run' \
  "$arraysim" sweep $huge --out "$out/huge" --quiet
[ ! -e "$out/huge/stream.jsonl" ] || fail "a refused sweep created a stream"
# Forced, in 1 GB of address space (unless the build's sanitizer needs more to start): the first
# point is on disk within seconds and the resident memory stays small.
limit=1000000
{ (ulimit -v $limit; exec "$arraysim" --version); } >/dev/null 2>&1 || limit=unlimited
(ulimit -v $limit; exec "$arraysim" sweep $huge --out "$out/huge" --force --threads 1 --quiet) 2>"$out/err" &
pid=$!
for _ in $(seq 600); do
  grep -q '"id":0,' "$out/huge/stream.jsonl" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
grep -q '"id":0,' "$out/huge/stream.jsonl" 2>/dev/null || fail "forced 3e9-point sweep: no first point ($(cat "$out/err"))"
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=""
[ "$rss" -lt 500000 ] || fail "forced 3e9-point sweep holds $rss KB after its first point"
grep -q 'warning: sweep huge_sweep: 3000000000 points in this run' "$out/err" || fail "no size warning: $(cat "$out/err")"
head -1 "$out/huge/stream.jsonl" | grep -q '"points":3000000000' || fail "stream header lacks the point count"
pass

# More than 2^64 points: 7 axes of 1,000 values.
python3 - "$out/overflow.json" "$root" <<'PY'
import json, sys
axes = [{"pointer": "/levels/1/capacity_words", "values": list(range(1000, 2000))}] * 7
json.dump({"spec": "sweep", "name": "overflow", "architecture": sys.argv[2] + "/arch/examples/eyeriss_v1.json",
           "workloads": [sys.argv[2] + "/workloads/alexnet_conv1.json"], "dataflows": ["os"], "axes": axes},
          open(sys.argv[1], "w"))
PY
bad_input 'overflow.json:/axes: the sweep has more than 2^64 points' "$arraysim" validate "$out/overflow.json"
bad_input 'overflow.json:/axes: the sweep has more than 2^64 points' "$arraysim" sweep "$out/overflow.json" --out "$out/o"
pass

# D6: axis values nested 100,000 deep (an array, an object), and a deep architecture file.
python3 - "$out" "$root" <<'PY'
import sys
out, root = sys.argv[1:3]
depth = 100000
spec = ('{"spec": "sweep", "name": "deep", "architecture": "%s", "workloads": ["' + root +
        '/workloads/alexnet_conv1.json"], "dataflows": ["os"], "axes": [{"pointer": '
        '"/levels/1/capacity_words", "values": [%s]}]}')
arch = root + "/arch/examples/eyeriss_v1.json"
open(out + "/deep_array.json", "w").write(spec % (arch, "[" * depth + "1" + "]" * depth + ", 32768"))
open(out + "/deep_object.json", "w").write(spec % (arch, '32768, ' + '{"a": ' * depth + "1" + "}" * depth))
text = open(arch).read().rstrip()
assert text.endswith("}")
open(out + "/deep_arch.json", "w").write(text[:-1] + ', "notes": ' + "[" * depth + "]" * depth + "}")
open(out + "/deep_in_arch.json", "w").write(spec % (out + "/deep_arch.json", "32768"))
PY
for tool in validate sweep; do
  extra=()
  [ $tool = sweep ] && extra=(--out "$out/deep")
  bad_input 'deep_array.json:/axes/0/values/0/0/0.*: nesting deeper than 128 levels' "$arraysim" $tool "$out/deep_array.json" "${extra[@]}"
  bad_input 'deep_object.json:/axes/0/values/1/a/a.*: nesting deeper than 128 levels' "$arraysim" $tool "$out/deep_object.json" "${extra[@]}"
  bad_input 'deep_arch.json:/notes/0/0.*: nesting deeper than 128 levels' "$arraysim" $tool "$out/deep_in_arch.json" "${extra[@]}"
done
[ ! -e "$out/deep/stream.jsonl" ] || fail "a rejected deep sweep created a stream"
pass

# Axis pointers and combinations are checked before any point runs.
make_sweep() {
  python3 - "$1" "$root" "$2" <<'PY'
import json, sys
json.dump({"spec": "sweep", "name": "checked", "architecture": sys.argv[2] + "/arch/examples/eyeriss_v1.json",
           "workloads": [sys.argv[2] + "/workloads/alexnet_conv1.json"], "dataflows": ["os"],
           "axes": json.loads(sys.argv[3])}, open(sys.argv[1], "w"))
PY
}
make_sweep "$out/no_place.json" '[{"pointer": "/levels/9/capacity_words", "values": [1]}]'
bad_input 'no_place.json:/axes/0/pointer: the architecture has no place "/levels/9/capacity_words"' "$arraysim" validate "$out/no_place.json"
make_sweep "$out/combo.json" '[{"pointer": "/compute/mesh_x", "values": [14, 5]}]'
bad_input 'combo.json:/axes: the architecture with /compute/mesh_x = 5 is invalid: .*does not divide instances' \
  "$arraysim" sweep "$out/combo.json" --out "$out/combo"
[ ! -e "$out/combo/stream.jsonl" ] || fail "an invalid combination started the sweep"
make_sweep "$out/axes_object.json" '{"a": 1}'
bad_input 'axes_object.json:/axes: expected an array of axes' "$arraysim" validate "$out/axes_object.json"
pass
echo "sweep_scale: $passed passed, 0 failed"
