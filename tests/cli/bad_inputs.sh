#!/usr/bin/env bash
# Every malformed spec in tests/data/bad must fail validation with exit code 1 and exactly one
# line on stderr: "<file>:<json pointer>: <message>", as its "// expect:" comment says (Timeloop
# YAML inputs: "# expect:").
# A "// args:" comment gives extra validate arguments (paths relative to the repository root).
# Then bad input to every command (the reproducers in tests/data/defects, option values), and
# validate's report of every error of a file.
set -u
arraysim=$1
bad_dir=$2
root=$(cd "$bad_dir/../../.." && pwd)
failures=0
count=0
for file in "$bad_dir"/*.json "$bad_dir"/*.yaml; do
  count=$((count + 1))
  expect=$(sed -n 's|^// expect: ||p; s|^# expect: ||p' "$file")
  args=$(sed -n 's|^// args: ||p; s|^# args: ||p' "$file")
  stdout_file=$(mktemp)
  stderr=$(cd "$root" && "$arraysim" validate "$file" $args 2>&1 >"$stdout_file")
  code=$?
  if [ -s "$stdout_file" ]; then  # a rejected file is never reported as ok, even partly
    echo "FAIL $file: printed on stdout: $(cat "$stdout_file")"
    failures=$((failures + 1))
  fi
  rm -f "$stdout_file"
  lines=$(printf '%s\n' "$stderr" | grep -c .)
  if [ "$code" -ne 1 ] || [ "$lines" -ne 1 ] || [[ "$stderr" != "$file:$expect"* && "$stderr" != "$file: $expect"* ]]; then
    echo "FAIL $file: exit $code, $lines line(s): $stderr"
    echo "     expected: $file:$expect..."
    failures=$((failures + 1))
  fi
done

# Bad input through every command: exit 1, exactly one line on stderr beginning with the expected
# text, nothing on stdout (no partial report). Run from the repository root.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
reject() {  # reject <expected start of the line> <arraysim arguments...>
  local expect=$1
  shift
  count=$((count + 1))
  local stderr code lines
  stderr=$(cd "$root" && "$arraysim" "$@" 2>&1 >"$scratch/stdout")
  code=$?
  lines=$(printf '%s\n' "$stderr" | grep -c .)
  if [ "$code" -ne 1 ] || [ "$lines" -ne 1 ] || [[ "$stderr" != "$expect"* ]] || [ -s "$scratch/stdout" ]; then
    echo "FAIL arraysim $*: exit $code, $lines line(s): $stderr"
    [ -s "$scratch/stdout" ] && echo "     and on stdout: $(head -c 200 "$scratch/stdout")"
    echo "     expected: $expect..."
    failures=$((failures + 1))
  fi
}
D=tests/data/defects
T=tests/data/timeloop/conv1d
ARCH=arch/examples/eyeriss_v1.json
LAYER=workloads/alexnet_conv1.json
# D9: no raw library exception, always the file and the pointer.
reject "$D/json_number_overflow.json:/M: number 1e999 is out of range" validate $D/json_number_overflow.json
reject "$D/json_number_overflow.json:/M: number 1e999 is out of range" stats $D/json_number_overflow.json
reject "$D/spec_not_string.json:/spec: expected a string" stats $D/spec_not_string.json
reject "$D/spec_not_string.json:/spec: expected a string" model --arch $D/plain_arch.json \
  --workload $D/spec_not_string.json --mapping $D/small_map.json
reject "$D/sweep_axes_object.json:/axes: expected an array" validate $D/sweep_axes_object.json
reject "$D/tl_factor_overflow.map.yaml:/mapping/0/factors: factor 99999999999999999999 of R is too large" \
  import timeloop $T/1level.arch.yaml $T/conv1d.prob.yaml $D/tl_factor_overflow.map.yaml --out "$scratch/tl"
reject "$D/tl_invalid_utf8.arch.yaml:/architecture/subtree/0/local/0/name: invalid UTF-8 byte 0xA9" \
  import timeloop $D/tl_invalid_utf8.arch.yaml --out "$scratch/tl"
reject "$D/tl_invalid_utf8.arch.yaml:/architecture/subtree/0/local/0/name: invalid UTF-8 byte 0xA9" \
  validate $D/tl_invalid_utf8.arch.yaml
reject "$D/invalid_utf8.cfg:2: invalid UTF-8 byte 0xA9" import scalesim $D/invalid_utf8.cfg --out "$scratch/ss"
reject "$D/invalid_utf8_topology.csv:3: invalid UTF-8 byte 0xA9" stats $D/invalid_utf8_topology.csv
# D14: warnings printed before the error are dropped; the pointer is the YAML path.
reject "$D/tl_bad_factor.map.yaml:/mapping: factors of P multiply to 15" model \
  --arch $T/1level.arch.yaml,$T/ert_40nm.yaml --workload $T/conv1d.prob.yaml --mapping $D/tl_bad_factor.map.yaml
reject "$D/tl_bad_meshx.arch.yaml:/architecture/subtree/0/subtree/0/local/0: mesh_x = 5" \
  model --arch $D/tl_bad_meshx.arch.yaml --workload $T/conv1d.prob.yaml --mapping $T/conv1d-1level.map.yaml
# D15: a NUL in a key is escaped, not the end of the message.
reject "$D/nul_in_key.json:/stride\\x00x: unknown key \"stride\\x00x\" (did you mean \"stride\"?)" \
  validate $D/nul_in_key.json
# D21: several YAML documents in one file.
reject "$D/tl_multi_document.prob.yaml: holds more than one YAML document (a second begins at line 22" \
  validate $D/tl_multi_document.prob.yaml
# D22: only regular files, at most 64 MiB, checked before reading.
reject "/dev/zero: not a regular file" validate /dev/zero
reject "/dev/zero: not a regular file" stats /dev/zero
reject "$D: is a directory" validate $D
truncate -s 67108865 "$scratch/huge.json"
reject "$scratch/huge.json: file is 67108865 bytes, larger than the 64 MiB limit" validate "$scratch/huge.json"
reject "$scratch/missing.json: cannot open file: No such file or directory" validate "$scratch/missing.json"
# yaml-cpp 0.7 emits empty documents forever on this (found by fuzzing): stopped at the second.
reject "$D/tl_parser_loop.arch.yaml: holds more than one YAML document (a second begins at line 8" \
  validate $D/tl_parser_loop.arch.yaml
# Deep nesting: one line, no stack overflow.
printf '{"spec": "layer", "x": %s' "$(printf '[%.0s' $(seq 1 5000))" >"$scratch/deep.json"
reject "$scratch/deep.json:/x/0/0/0/" validate "$scratch/deep.json"
printf 'problem: %s' "$(printf '[%.0s' $(seq 1 5000))" >"$scratch/deep.yaml"
reject "$scratch/deep.yaml: invalid YAML at line 1: nesting deeper than" validate "$scratch/deep.yaml"
# D16/D17: option errors in one line; numeric options range-checked.
reject "arraysim: --bits: expected an integer from 1 to 32, got \"64\"" stats $LAYER --bits 64
reject "arraysim: --batch: expected a positive integer, got \"0\"" stats $LAYER --batch 0
reject "arraysim: --batch: expected a positive integer, got \"1e11\"" map --arch $ARCH --workload $LAYER --batch 1e11
for value in 0 -1 nan inf 1e999 x; do
  reject "arraysim: --time-limit: expected a number of seconds greater than 0, got \"$value\"" \
    map --arch $ARCH --workload $LAYER --time-limit "$value"
done
for value in 0 -1 2.5 x; do
  reject "arraysim: --max-evaluations: expected a positive integer, got \"$value\"" \
    map --arch $ARCH --workload $LAYER --max-evaluations "$value"
done
for command in map compare roofline sweep; do
  case $command in
    map | roofline) args=(--arch $ARCH --workload $LAYER) ;;
    compare) args=(--arch $ARCH --network $LAYER) ;;
    sweep) args=(tests/data/sweep_small.json --out "$scratch/sweep") ;;
  esac
  for value in 0 -1 x 99999999999; do
    reject "arraysim: --threads: expected an integer from 1 to 2147483647, got \"$value\"" \
      $command "${args[@]}" --threads "$value"
  done
done
for value in 99999999999999999999 -1 x; do
  reject "arraysim: --seed: expected an integer from 0 to 18446744073709551615, got \"$value\"" \
    map --arch $ARCH --workload $LAYER --seed "$value"
done
reject "arraysim: --granularity: expected a positive integer" energy --arch $ARCH --granularity 0
reject "arraysim: The following argument was not expected: --bogus" stats $LAYER --bogus
reject "arraysim: --arch is required" model --workload $LAYER --mapping x.json

# validate reports every field error of a file, one line each, and checks every file.
stderr=$(cd "$root" && "$arraysim" validate $D/layer_three_errors.json $LAYER 2>&1 >"$scratch/stdout")
code=$?
count=$((count + 1))
expected="$D/layer_three_errors.json:/M: expected an integer, got a string
$D/layer_three_errors.json:/C: expected a positive integer, got -4
$D/layer_three_errors.json:/strid: unknown key \"strid\" (did you mean \"stride\"?)"
if [ "$code" -ne 1 ] || [ "$stderr" != "$expected" ] || ! grep -q "^$LAYER: ok" "$scratch/stdout"; then
  echo "FAIL validate with three errors: exit $code, stderr:"
  printf '%s\n' "$stderr"
  echo "stdout: $(cat "$scratch/stdout")"
  failures=$((failures + 1))
fi

echo "bad inputs: $((count - failures)) passed, $failures failed"
[ "$count" -ge 60 ] && [ "$failures" -eq 0 ]
