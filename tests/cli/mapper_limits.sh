#!/usr/bin/env bash
# The mapper under abuse: deep hierarchies and huge dimensions build their mapspace in bounded
# time and memory and stop at --time-limit, too many levels or threads are refused or capped with
# one line, and the dataflow-utilization and precision warnings appear where they should.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() {
  echo "FAIL $1"
  failures=$((failures + 1))
}
# Address-space limit for the memory checks (1 GB); sanitizer builds reserve far more than that,
# and run so slowly that a 2 s search may end before its first valid mapping (said in one line).
memory_limit="ulimit -v 1000000"
sanitized=0
if ldd "$arraysim" 2>/dev/null | grep -q libasan; then
  memory_limit=":"
  sanitized=1
fi

# run <seconds allowed> <command...>: stdout, stderr and rc in $out, wall time in $elapsed.
run() {
  local allowed=$1
  shift
  local start end
  start=$(date +%s.%N)
  (eval "$memory_limit" && exec timeout "$allowed" "$@") >"$out/stdout" 2>"$out/stderr"
  rc=$?
  end=$(date +%s.%N)
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
}
one_line_error() {  # one_line_error <description> <expected text>
  if [ "$rc" != 1 ] || [ "$(wc -l <"$out/stderr")" != 1 ] || ! grep -qF "$2" "$out/stderr"; then
    fail "$1: rc $rc, stderr: $(head -c 300 "$out/stderr")"
  fi
}

# D7: 10 and 16 levels (lv16 is the deepest the model accepts): set-up is cheap, the search stops
# at the time limit, memory stays small (listing the mapspace took 1.85 GB at 10 levels).
for arch in lv10 lv16; do
  for search in exhaustive random anneal; do
    run 60 "$arraysim" map --arch tests/data/defects/${arch}_arch.json \
      --workload workloads/vgg16_conv3_2.json --dataflow ws --threads 2 --time-limit 2 \
      --search $search --quiet --out "$out/map"
    if [ "$sanitized" = 1 ] && [ "$rc" = 2 ] && grep -q "found within the time limit" "$out/stderr"; then
      rc=0
    fi
    if [ "$rc" != 0 ] || awk -v t="$elapsed" 'BEGIN { exit !(t > 10) }'; then
      fail "$arch $search: rc $rc after $elapsed s: $(head -c 300 "$out/stderr")"
    fi
  done
done
# More levels than the model holds: one line at validation, before any work.
for command in "validate tests/data/defects/lv20_arch.json" \
  "map --arch tests/data/defects/lv20_arch.json --workload workloads/vgg16_conv3_2.json --dataflow ws --time-limit 5"; do
  run 10 "$arraysim" $command
  one_line_error "lv20: $command" "lv20_arch.json:/levels: 20 storage levels; at most 16 are supported"
done

# D8: a batch of 10^11 (and a prime batch) factor from their primes, not by trying every value.
for batch in 100000000000 1000000007; do
  run 30 "$arraysim" map --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet_conv1.json \
    --dataflow rs --batch $batch --time-limit 5 --threads 1 --quiet
  if { [ "$rc" != 0 ] && [ "$rc" != 1 ]; } || awk -v t="$elapsed" 'BEGIN { exit !(t > 8) }'; then
    fail "batch $batch: rc $rc after $elapsed s"
  fi
  if [ "$rc" = 1 ] && [ "$(wc -l <"$out/stderr")" != 1 ]; then fail "batch $batch: not one line"; fi
done

# D10: a huge thread count is capped with a warning, and the search runs.
run 60 "$arraysim" map --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet_conv1.json \
  --dataflow rs --quiet --threads 100000
if [ "$rc" != 0 ] || ! grep -q "^warning: --threads 100000: using [0-9]*, the most" "$out/stderr"; then
  fail "--threads 100000: rc $rc, stderr: $(head -c 300 "$out/stderr")"
fi

# A template that cannot spread the layer over half the array says so (ws on AlexNet CONV1:
# C = 3 rows x 16 columns of simple_ws's 16 x 16); one that can (os) says nothing.
run 60 "$arraysim" map --arch arch/examples/simple_ws.json --workload workloads/alexnet_conv1.json \
  --dataflow ws --threads 2 --quiet
if [ "$rc" != 0 ] || ! grep -qx "warning: layer conv1: dataflow ws can use at most 48 of the 256 MACs of simple_ws (18.8%)" "$out/stderr"; then
  fail "ws utilization warning: rc $rc, stderr: $(head -c 300 "$out/stderr")"
fi
run 60 "$arraysim" map --arch arch/examples/simple_ws.json --workload workloads/alexnet_conv1.json \
  --dataflow os --threads 2 --quiet
if [ "$rc" != 0 ] || grep -q "can use at most" "$out/stderr"; then fail "os: unexpected warning"; fi

# Precision: 16-bit data into 8-bit MACs warns; psums wider than the Buffer holds are refused in
# one line; the report and the energy table say where the psum precision comes from.
example_b=(--arch arch/examples/conv1d_2level.json --workload workloads/conv1d_r3_p16.json
  --mapping tests/golden/examples/conv1d_2level/example_b_ws.json)
run 10 "$arraysim" model "${example_b[@]}" --bits 16
if ! grep -qx "warning: layer conv1d_r3_p16: 16-bit Weights feed the 8-bit MAC of conv1d_2level" "$out/stderr"; then
  fail "16-bit data into 8-bit MACs: rc $rc, stderr: $(head -c 300 "$out/stderr")"
fi
run 10 "$arraysim" model "${example_b[@]}" --bits 8 --psum-bits 16
if [ "$rc" != 0 ] || ! grep -q "partial sums 16 (the layer's Psums)" "$out/stdout"; then
  fail "model --psum-bits 16: rc $rc"
fi
run 10 "$arraysim" model "${example_b[@]}" --bits 8 --psum-bits 24
one_line_error "psums that do not fit" "tiles need 65 words but Buffer holds 64"
run 10 "$arraysim" energy --arch arch/examples/eyeriss_v1.json
if ! grep -q "partial sums stored at one word of the level holding them" "$out/stdout"; then
  fail "energy does not show the psum precision"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures mapper-limit checks failed"
  exit 1
fi
echo "all mapper-limit checks passed"
