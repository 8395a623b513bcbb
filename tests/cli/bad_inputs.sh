#!/usr/bin/env bash
# Every malformed spec in tests/data/bad must fail validation with exit code 1 and exactly one
# line on stderr: "<file>:<json pointer>: <message>", as its "// expect:" comment says (Timeloop
# YAML inputs: "# expect:").
# A "// args:" comment gives extra validate arguments (paths relative to the repository root).
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
echo "bad inputs: $((count - failures)) passed, $failures failed"
[ "$count" -ge 20 ] && [ "$failures" -eq 0 ]
