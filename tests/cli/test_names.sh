#!/usr/bin/env bash
# Every Catch2 test name is usable as a ctest name: none holds ';' (ctest would split it into
# two entries that match no test), and the list is not empty.
set -u
tests=$1
names=$("$tests" --list-test-names-only)  # Catch2 v2 exits with the number of tests listed
count=$(printf '%s\n' "$names" | grep -c .)
bad=$(printf '%s\n' "$names" | grep ';')
if [ -n "$bad" ]; then
  echo "FAIL: test names with ';' (ctest splits them):"
  printf '  %s\n' "$bad"
  exit 1
fi
echo "test names: $count, none with ';'"
[ "$count" -gt 0 ]
