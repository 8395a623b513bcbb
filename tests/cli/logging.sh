#!/usr/bin/env bash
# The named loggers: nothing below warn by default (eyeriss_v1 leaves 6 fields to defaults: one
# warning line names them); --log-level debug adds lines from the cli,
# energy, mapper and sim loggers; warnings appear (one line each) when the command succeeds and
# not at all when it fails on bad input.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() {
  echo "FAIL $1"
  sed 's/^/     /' "$out/err" | head -20
  failures=$((failures + 1))
}
ARCH=arch/examples/eyeriss_v1.json
MAPPING=tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json
"$arraysim" model --arch $ARCH --workload workloads/alexnet_conv1.json --mapping $MAPPING \
  >/dev/null 2>"$out/err" || fail "model"
[ "$(grep -c . "$out/err")" -eq 1 ] && grep -q "^warning: $ARCH: 6 default(s): " "$out/err" ||
  fail "model at the default level: expected the one defaults warning"
"$arraysim" --log-level debug model --arch $ARCH --workload workloads/alexnet_conv1.json \
  --mapping $MAPPING >/dev/null 2>"$out/err" || fail "model --log-level debug"
grep -q "^debug: cli: architecture: $ARCH" "$out/err" || fail "debug: no cli line"
grep -q "^debug: energy: GLB: read " "$out/err" || fail "debug: no energy line"
"$arraysim" --log-level debug map --arch $ARCH --workload workloads/alexnet.json --layer conv3 \
  --dataflow rs --quiet >/dev/null 2>"$out/err" || fail "map --log-level debug"
grep -q "^debug: mapper: exhaustive search of layer conv3: mapspace " "$out/err" || fail "debug: no search start"
grep -q "^debug: mapper: exhaustive search of layer conv3: .* optimum proved" "$out/err" ||
  fail "debug: no search end"
"$arraysim" --log-level info map --arch $ARCH --workload workloads/alexnet_conv1.json --quiet \
  >/dev/null 2>"$out/err" || fail "map --log-level info"
grep -q "^debug" "$out/err" && fail "info level printed debug lines"
for engine in fast systemc; do
  "$arraysim" --log-level debug simulate --arch $ARCH --workload workloads/alexnet_conv1.json \
    --mapping $MAPPING --engine $engine >/dev/null 2>"$out/err" || fail "simulate $engine"
  grep -q "^debug: sim: $engine engine: layer conv1 on eyeriss_v1" "$out/err" || fail "debug: no $engine start"
  grep -q "^debug: sim: $engine engine: [0-9]* cycles" "$out/err" || fail "debug: no $engine end"
done
# Warnings: printed after a successful run, silenced by --log-level error, dropped on bad input.
T=tests/data/timeloop/conv1d
"$arraysim" model --arch $T/1level.arch.yaml,$T/ert_40nm.yaml --workload $T/conv1d.prob.yaml \
  --mapping $T/conv1d-1level.map.yaml >/dev/null 2>"$out/err" || fail "Timeloop model"
[ "$(grep -c . "$out/err")" -eq 2 ] && grep -q "^warning: $T/ert_40nm.yaml:/ERT/tables/2/actions: " "$out/err" &&
  grep -q "^warning: $T/1level.arch.yaml: 4 default(s): " "$out/err" ||
  fail "Timeloop model: expected two warning lines (unused table, defaults)"
"$arraysim" --log-level error model --arch $T/1level.arch.yaml,$T/ert_40nm.yaml \
  --workload $T/conv1d.prob.yaml --mapping $T/conv1d-1level.map.yaml >/dev/null 2>"$out/err" ||
  fail "Timeloop model at level error"
[ -s "$out/err" ] && fail "--log-level error still printed a warning"
"$arraysim" model --arch $T/1level.arch.yaml,$T/ert_40nm.yaml --workload $T/conv1d.prob.yaml \
  --mapping tests/data/defects/tl_bad_factor.map.yaml >/dev/null 2>"$out/err"
[ $? -eq 1 ] && [ "$(grep -c . "$out/err")" -eq 1 ] && ! grep -q "^warning" "$out/err" ||
  fail "bad Timeloop mapping: expected only the error line"
echo "logging: $failures failed"
[ "$failures" -eq 0 ]
