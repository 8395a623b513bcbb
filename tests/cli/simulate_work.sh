#!/usr/bin/env bash
# `simulate` on layers too big to simulate: the work is estimated from the loop nest before any of
# it is done, a run beyond the limit is refused in one line that points to `model` (exit 1, no
# output file) unless --force; a run of a few seconds shows progress with an ETA on stderr, and
# its memory does not grow with the number of steps; a systolic run costs nothing per fold.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
data=tests/data/simulate
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# refused <description> <args...>: exit 1, one line on stderr naming `arraysim model` and --force.
refused() {
  local what=$1
  shift
  "$arraysim" simulate "$@" --json "$out/refused.json" >"$out/stdout" 2>"$out/stderr"
  local rc=$?
  [ "$rc" -eq 1 ] || fail "$what: exit $rc, expected 1"
  [ "$(wc -l <"$out/stderr")" -eq 1 ] || fail "$what: stderr is not one line: $(head -c 400 "$out/stderr")"
  grep -q "arraysim model" "$out/stderr" || fail "$what: no pointer to model: $(cat "$out/stderr")"
  grep -q -- "--force" "$out/stderr" || fail "$what: no mention of --force"
  [ ! -s "$out/stdout" ] || fail "$what: wrote to stdout"
  [ ! -e "$out/refused.json" ] || fail "$what: wrote the JSON file"
}

# 1.6e14 tile steps on the fast and SystemC engines (4e16 PE steps on the cycle engine, the
# default), and 11.6 million cycles on the clocked engine: all refused at once.
refused "fast engine" --arch arch/examples/simple_ws.json --workload $data/huge_layer.json \
  --mapping $data/huge_layer_ws.json --engine fast
grep -q "1.58e+14 tile steps" "$out/stderr" || fail "fast engine: the estimate: $(cat "$out/stderr")"
refused "systemc engine" --arch arch/examples/simple_ws.json --workload $data/huge_layer.json \
  --mapping $data/huge_layer_ws.json --engine systemc
refused "cycle engine (the default)" --arch arch/examples/simple_ws.json \
  --workload $data/huge_layer.json --mapping $data/huge_layer_ws.json
grep -q "PE steps" "$out/stderr" || fail "cycle engine: the estimate: $(cat "$out/stderr")"
# A 1-word psum tile changing at every step on 256 PEs. Outer steps (loops above the register
# files): M12 R3 S3 C16 M2 P13 Q13 = 584,064; the tile is a revisit (a refill into each PE) unless
# R, S and C are all at their first index: 584,064 * 143/144 * 256 = 1.485e8 refills alone.
# Counted after the walk, refused (limit 5e7).
refused "cycle engine transfers" --arch arch/examples/eyeriss_256.json --workload workloads/alexnet.json \
  --layer conv3 --mapping $data/eyeriss_256_alexnet_conv3_ws.json
transfers=$(sed -n 's/.*would make \([0-9.e+]*\) transfers (limit 5e+07.*/\1/p' "$out/stderr")
awk -v t="${transfers:-0}" 'BEGIN { exit !(t + 0 >= 1.48e8) }' ||
  fail "cycle engine: transfers: $(cat "$out/stderr")"
refused "clocked engine" --arch arch/examples/simple_ws.json --workload workloads/vgg16_conv3_2.json \
  --mapping tests/golden/examples/simple_ws/vgg_conv3_2_ws.json --engine clocked

# A run of 28.9 million tile steps (a few seconds): progress with an ETA on stderr, the result on
# stdout, and a peak memory that does not hold per-step state (8 bytes a step alone is 230 MB).
measure=()
[ -x /usr/bin/time ] && measure=(/usr/bin/time -f "%M" -o "$out/rss")
"${measure[@]}" "$arraysim" simulate --arch arch/examples/simple_ws.json --engine fast \
  --workload $data/vgg_conv1_2_batch4.json --mapping $data/vgg_conv1_2_batch4_ws.json \
  >"$out/stdout" 2>"$out/stderr" || fail "long run: $(head -c 400 "$out/stderr")"
grep -q "Simulated conv1_2_batch4" "$out/stdout" || fail "long run: no result"
grep -q "simulate: [0-9]*/28901376 steps ([0-9]*%), [0-9.]* s elapsed, ETA [0-9.]* s" "$out/stderr" ||
  fail "long run: no progress line: $(head -c 300 "$out/stderr")"
if [ -s "$out/rss" ]; then
  [ "$(tail -n 1 "$out/rss")" -lt "${ARRAYSIM_RSS_LIMIT_KB:-100000}" ] || fail "long run (fast): peak RSS $(tail -n 1 "$out/rss") KB"
fi
# The SystemC engine streams the steps too.
"${measure[@]}" "$arraysim" simulate --arch arch/examples/simple_ws.json --quiet --engine systemc \
  --workload workloads/vgg16_conv3_2.json --mapping tests/golden/examples/simple_ws/vgg_conv3_2_ws.json \
  >"$out/stdout" 2>"$out/stderr" || fail "systemc run: $(head -c 400 "$out/stderr")"
! grep -q "simulate: " "$out/stderr" || fail "--quiet still printed progress: $(head -c 300 "$out/stderr")"
if [ -s "$out/rss" ]; then
  [ "$(tail -n 1 "$out/rss")" -lt "${ARRAYSIM_RSS_LIMIT_KB:-100000}" ] || fail "systemc run: peak RSS $(tail -n 1 "$out/rss") KB"
fi

# A systolic GEMM of 1.07e9 folds (it took seconds, one fold at a time): 8 x 134,217,729 folds of
# 2*32 + 32 + 128 - 2 = 222 cycles, SCALE-Sim's count 238,370,686,704 - 1.
"$arraysim" simulate --arch tests/data/scalesim/scale.cfg --workload tests/data/defects/gemm_big_n.csv \
  --layer "Test 1" >"$out/stdout" 2>"$out/stderr" || fail "systolic: $(head -c 400 "$out/stderr")"
grep -q "238370686703" "$out/stdout" || fail "systolic: cycles: $(head -c 600 "$out/stdout")"

if [ "$failures" -eq 0 ]; then echo "simulate work: all passed"; else exit 1; fi
