#!/usr/bin/env bash
# SCALE-Sim inputs through the command line: a config and topologies in SCALE-Sim's formats run
# with `simulate` (COMPUTE_REPORT on stdout and in --out DIR), `import scalesim` writes JSON specs
# that simulate the same, and malformed files give one line "file:line: message" and exit 1.
# Expected cycles: DESIGN section 6 (SCALE-Sim's recorded 112283 and 21479).
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
data=tests/data/scalesim
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
run() {  # run <description> <command...>: must succeed; stdout in $out/stdout
  local what=$1
  shift
  "$@" >"$out/stdout" 2>"$out/stderr" || fail "$what: $(head -c 400 "$out/stderr")"
}
has() { grep -q -- "$2" "$1" || fail "$1 lacks \"$2\""; }

# The cfg says ws: Conv1 (LayerID 0) gives 112283 = 36 folds x 3119 - 1.
run "simulate cfg + topology" "$arraysim" simulate --arch $data/scale.cfg --workload $data/topology.csv --out "$out/ws"
has "$out/stdout" "COMPUTE_REPORT"
has "$out/ws/COMPUTE_REPORT.csv" "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,"
has "$out/ws/COMPUTE_REPORT.csv" "^0, 112283, 0, 91.68"
[ "$(wc -l <"$out/ws/COMPUTE_REPORT.csv")" -eq 3 ] || fail "COMPUTE_REPORT.csv has a header and two rows"
# --dataflow overrides the cfg: the 7x7 layer under OS gives 21479 = 12 x 1790 - 1, mapping 25/32.
run "simulate with --dataflow os" "$arraysim" simulate --arch $data/scale.cfg --workload $data/topology.csv \
  --dataflow os --layer Test7x7
has "$out/stdout" " 21479 .* 78.1250 "
# GEMM form: 128x64x256 under OS: 8 folds of 256 + 62 cycles.
run "simulate GEMM topology" "$arraysim" simulate --arch $data/scale.cfg --workload $data/gemm.csv --dataflow os
has "$out/stdout" " 2543 "
# Import writes JSON specs that simulate to the same report.
run "import scalesim" "$arraysim" import scalesim $data/scale.cfg $data/topology.csv --out "$out/imported"
run "validate imported" "$arraysim" validate "$out/imported/architecture.json" "$out/imported/workload.json"
run "simulate imported" "$arraysim" simulate --arch "$out/imported/architecture.json" \
  --workload "$out/imported/workload.json" --dataflow ws --out "$out/json"
cmp -s "$out/ws/COMPUTE_REPORT.csv" "$out/json/COMPUTE_REPORT.csv" || fail "imported specs give a different report"
run "validate SCALE-Sim files" "$arraysim" validate $data/scale.cfg $data/topology.csv $data/gemm.csv

# Malformed files: exit 1, exactly one line.
bad() {  # bad <expected stderr> <command...>
  local expect=$1
  shift
  local stderr
  stderr=$("$@" 2>&1 >/dev/null)
  local code=$?
  if [ "$code" -ne 1 ] || [ "$(printf '%s\n' "$stderr" | grep -c .)" -ne 1 ] || [[ "$stderr" != "$expect"* ]]; then
    fail "bad input: exit $code: $stderr (expected: $expect)"
  fi
}
b=tests/data/bad_imports
bad "$b/unknown_key.cfg:5: unknown key \"ArrayHieght\" in [architecture_presets] (did you mean \"ArrayHeight\"?)" \
  "$arraysim" simulate --arch $b/unknown_key.cfg --workload $data/topology.csv
bad "$b/bad_dataflow.cfg:10: Dataflow: expected os, ws or is, got \"rs\"" \
  "$arraysim" import scalesim $b/bad_dataflow.cfg --out "$out/never"
bad "$b/bad_number.csv:3: Channels: expected a positive integer, got \"ninety-six\"" \
  "$arraysim" simulate --arch $data/scale.cfg --workload $b/bad_number.csv
bad "$b/short_row.csv:2: expected 4 fields (Layer, M, N, K), got 3" \
  "$arraysim" validate $b/short_row.csv
[ -e "$out/never" ] && fail "a failed import left output behind"
echo "scalesim: $failures failed"
[ "$failures" -eq 0 ]
