#!/usr/bin/env bash
# Output sets are all or nothing, and a report is printed only once its files are written:
# - an output directory that cannot take files is found before the run: exit 1, one line, no
#   report (a read-only tmpfs when run as root, a chmod 555 directory otherwise);
# - simulate --trace with a --vcd that refuses the run writes neither file;
# - a full disk (a 64 KiB tmpfs with one free page, when this test may mount one) fails map --out
#   after its first file: exit 2 and no file of the set left behind.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  chmod -R u+w "$out" 2>/dev/null
  rm -rf "$out"
}
trap cleanup EXIT
failures=0
ARCH=arch/examples/eyeriss_v1.json
LAYER=workloads/alexnet_conv1.json
MAPPING=tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json
expect() {  # expect <description> <exit code> <stderr lines> <files that must not exist...>
  local what=$1 code=$2 lines=$3
  shift 3
  local got_lines
  got_lines=$(grep -vc '^warning: .* default(s): ' "$out/err")  # the examples' defaults warning
  if [ "$got" -ne "$code" ] || [ "$got_lines" -ne "$lines" ] || [ -s "$out/stdout" ]; then
    echo "FAIL $what: exit $got (want $code), $got_lines stderr line(s) (want $lines): $(head -c 300 "$out/err")"
    [ -s "$out/stdout" ] && echo "     printed a report: $(head -c 200 "$out/stdout")"
    failures=$((failures + 1))
  fi
  for file in "$@"; do
    if [ -e "$file" ]; then
      echo "FAIL $what: $file was written"
      failures=$((failures + 1))
    fi
  done
}
run() { "$arraysim" "$@" >"$out/stdout" 2>"$out/err"; got=$?; }

readonly_dir="$out/ro"
mkdir -p "$readonly_dir"
if [ "$(id -u)" -eq 0 ]; then
  if mount -t tmpfs -o ro,size=64k tmpfs "$readonly_dir" 2>/dev/null; then
    mounts+=("$readonly_dir")
  else
    readonly_dir=""
    echo "skip: cannot mount a read-only tmpfs (root without mount rights)"
  fi
else
  chmod 555 "$readonly_dir"
fi
if [ -n "$readonly_dir" ]; then
  run model --arch $ARCH --workload $LAYER --mapping $MAPPING --json "$readonly_dir/stats.json"
  expect "model --json into a read-only directory" 1 1 "$readonly_dir/stats.json"
  grep -q "^--json: $readonly_dir: cannot write files there" "$out/err" || {
    echo "FAIL model --json: unexpected message: $(cat "$out/err")"
    failures=$((failures + 1))
  }
  run map --arch $ARCH --workload workloads/alexnet.json --layer conv3 --quiet --out "$readonly_dir/maps"
  expect "map --out into a read-only directory" 1 1 "$readonly_dir/maps"
  run simulate --arch $ARCH --workload $LAYER --mapping $MAPPING --engine fast \
    --trace "$out/trace.csv" --vcd "$readonly_dir/run.vcd"
  expect "simulate --vcd into a read-only directory" 1 1 "$out/trace.csv" "$readonly_dir/run.vcd"
fi

run simulate --arch $ARCH --workload workloads/vgg16.json --layer conv1_2 --dataflow rs \
  --engine systemc --trace "$out/big_trace.csv" --vcd "$out/big.vcd" --quiet
expect "simulate --vcd refusing a long run" 1 1 "$out/big_trace.csv" "$out/big.vcd"
grep -q "^--vcd: the run has 376322 intervals, too many" "$out/err" || {
  echo "FAIL --vcd refusal: unexpected message: $(cat "$out/err")"
  failures=$((failures + 1))
}

full="$out/full"
mkdir -p "$full"
if mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
  mounts+=("$full")
  head -c $((15 * 4096)) /dev/zero >"$full/fill"  # one 4 KiB page left
  run map --arch $ARCH --workload workloads/alexnet.json --layer conv3 --dataflow rs --quiet \
    --out "$full/maps"
  expect "map --out on a full disk" 2 1
  left=$(find "$full/maps" -type f 2>/dev/null | wc -l)
  if [ "$left" -ne 0 ]; then
    echo "FAIL map --out on a full disk left $left file(s): $(find "$full/maps" -type f)"
    failures=$((failures + 1))
  fi
  grep -q "write failed (No space left on device); no output file of this run was written" "$out/err" || {
    echo "FAIL full disk: unexpected message: $(cat "$out/err")"
    failures=$((failures + 1))
  }
else
  echo "skip: cannot mount a tmpfs to fill (needs root and mount rights)"
fi
echo "output sets: $failures failed"
[ "$failures" -eq 0 ]
