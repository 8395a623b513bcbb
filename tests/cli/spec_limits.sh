#!/usr/bin/env bash
# No silent overflow and no silent default: specs whose counts exceed 2^63 - 1 or whose numbers
# are out of range fail with one line and exit 1 in every command (never a crash, a wrapped count
# or an infinite energy); an energy that cannot be resolved is an error; every defaulted value is
# listed by `validate`, rejected by `validate --strict` and named in one warning line by runs.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
d=tests/data/defects
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
# bad <expected start of the one stderr line> <command...>: exit 1, one line, nothing on stdout.
bad() {
  local expect=$1
  shift
  "$@" >"$out/stdout" 2>"$out/stderr"
  local code=$?
  local lines
  lines=$(grep -c . "$out/stderr")
  if [ "$code" -ne 1 ] || [ "$lines" -ne 1 ] || [[ "$(cat "$out/stderr")" != "$expect"* ]] ||
    [ -s "$out/stdout" ]; then
    fail "$*: exit $code, $lines line(s): $(head -c 400 "$out/stderr") (expected: $expect)"
  fi
}

# Layers whose counts wrapped 64 bits (0 MACs, 16 inputs) are rejected wherever they are read.
wrap="$d/u64_wrap_layer.json: MACs N*G*M*C*P*Q*R*S = 18446744073709551616 exceeds 2^63 - 1"
bad "$wrap" "$arraysim" validate $d/u64_wrap_layer.json
bad "$wrap" "$arraysim" stats $d/u64_wrap_layer.json
bad "$wrap" "$arraysim" model --arch $d/plain_arch.json --workload $d/u64_wrap_layer.json \
  --mapping $d/u64_wrap_map.json
bad "$wrap" "$arraysim" map --arch $d/plain_arch.json --workload $d/u64_wrap_layer.json \
  --dataflow free --max-evaluations 100 --quiet
bad "$wrap" "$arraysim" simulate --arch $d/plain_arch.json --workload $d/u64_wrap_layer.json \
  --mapping $d/u64_wrap_map.json
bad "$d/dilation_wrap_layer.json: input window rows (P-1)*stride + (R-1)*dilation + 1 = 9223372036854775812" \
  "$arraysim" stats $d/dilation_wrap_layer.json --json "$out/never.json"
[ -e "$out/never.json" ] && fail "stats wrote a JSON for a rejected layer"
bad "$d/gemm_wrap.csv:2: OFMAP words = 18446744073709551616" "$arraysim" stats $d/gemm_wrap.csv
bad "$d/gemm_huge.csv:2: operations (2 x MACs) = 2000000000000000000000000000" \
  "$arraysim" validate $d/gemm_huge.csv
bad "--batch: batch 100000000000 makes layer conv1 too large" \
  "$arraysim" stats workloads/alexnet_conv1.json --batch 100000000000
# Large counts that fit are exact: 4294967297 filters of 3x3x192 on a 5x5 output, plus AlexNet
# conv1 (hand: 185542587230400 + 105415200).
"$arraysim" stats $d/topology_big_filters.csv >"$out/stdout" 2>&1 || fail "stats of big filters"
grep -q "exact: 185542692645600 MACs" "$out/stdout" || fail "big filters: $(cat "$out/stdout")"

# Out-of-range numbers: SIGFPE (bandwidth 1e20), 0 cycles (1e-20), inf pJ (1e308), a block
# larger than its buffer.
bw="$d/bw_huge_arch.json:/levels/0/read_bandwidth: expected 1e-06 to 1e+12 words per cycle"
bad "$bw" "$arraysim" validate $d/bw_huge_arch.json
bad "$bw" "$arraysim" model --arch $d/bw_huge_arch.json --workload $d/small_layer.json \
  --mapping $d/small_map.json
bad "$bw" "$arraysim" simulate --arch $d/bw_huge_arch.json --workload $d/small_layer.json \
  --mapping $d/small_map.json --engine fast
bad "$bw" "$arraysim" map --arch $d/bw_huge_arch.json --workload $d/small_layer.json \
  --dataflow free --max-evaluations 1000 --quiet
bad "$d/bw_tiny_arch.json:/levels/0/read_bandwidth: expected 1e-06 to 1e+12 words per cycle, got 1e-20" \
  "$arraysim" model --arch $d/bw_tiny_arch.json --workload $d/small_layer.json --mapping $d/small_map.json
bad "$d/energy_1e308.json:/entries/12/read_pj: expected at most 1e+09, got 1e+308" \
  "$arraysim" model --arch $d/inf_energy_arch.json --workload $d/small_layer.json \
  --mapping $d/small_map.json --json "$out/never.json"
[ -e "$out/never.json" ] && fail "model wrote stats with an infinite energy"
bad "$d/simple_ws_block_2e40.json:/levels/1/block_words: expected at most 1048576" \
  "$arraysim" validate $d/simple_ws_block_2e40.json
# A table without DRAM made DRAM free: now an error naming the level and the table.
bad "$d/tutorial_40nm_dram_arch.json:/levels/0: no read and write energies for DRAM: the energy table \"timeloop_40nm_tutorial\" has no \"dram\" entry" \
  "$arraysim" map --arch $d/tutorial_40nm_dram_arch.json --workload $d/small_layer.json \
  --dataflow free --max-evaluations 100 --quiet

# Defaults: listed by validate (one warning each, exit 0), rejected by --strict (one line each,
# exit 1), summarised in one line by runs, shown by `energy`.
"$arraysim" validate $d/plain_arch.json >"$out/stdout" 2>"$out/stderr" || fail "validate plain_arch"
warnings=$(grep -c "^warning: $d/plain_arch.json:/" "$out/stderr")
[ "$warnings" -ge 5 ] || fail "validate listed $warnings defaults: $(cat "$out/stderr")"
grep -q "^warning: $d/plain_arch.json:/levels/1: RF has no leakage" "$out/stderr" ||
  fail "no RF leakage warning: $(cat "$out/stderr")"
grep -q "($warnings default(s), listed on stderr)" "$out/stdout" || fail "ok line: $(cat "$out/stdout")"
"$arraysim" validate --strict $d/plain_arch.json >"$out/stdout" 2>"$out/stderr"
code=$?
strict=$(grep -c "(--strict)$" "$out/stderr")
if [ "$code" -ne 1 ] || [ "$strict" -ne "$warnings" ] || [ -s "$out/stdout" ]; then
  fail "validate --strict: exit $code, $strict of $warnings defaults: $(cat "$out/stderr")"
fi
"$arraysim" validate --strict $d/small_layer.json >/dev/null 2>&1 || fail "--strict on a layer"
"$arraysim" model --arch $d/plain_arch.json --workload $d/small_layer.json \
  --mapping $d/small_map.json >"$out/stdout" 2>"$out/stderr" || fail "model plain_arch"
if [ "$(grep -c . "$out/stderr")" -ne 1 ] ||
  ! grep -q "^warning: $d/plain_arch.json: $warnings default(s): .*leakage 0 (RF, MAC)" "$out/stderr"; then
  fail "model's default summary: $(cat "$out/stderr")"
fi
"$arraysim" energy --arch $d/plain_arch.json >"$out/stdout" 2>&1 || fail "energy plain_arch"
grep -q "^  $d/plain_arch.json:/compute: MAC has no area" "$out/stdout" ||
  fail "energy does not show the defaults: $(cat "$out/stdout")"

echo "spec limits: $failures failure(s)"
[ "$failures" -eq 0 ]
