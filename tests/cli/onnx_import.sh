#!/usr/bin/env bash
# ONNX import through the command line: the test models (written by arraysim_onnx_fixture) import
# to a network that `stats` and `validate` accept; an unsupported op gives one line and exit 1.
set -u
arraysim=$1
fixture=$2
root=$3
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
"$fixture" "$out" || exit 2
"$arraysim" import onnx "$out/small_convnet.onnx" --out "$out/net.json" >/dev/null 2>"$out/stderr" ||
  fail "import: $(cat "$out/stderr")"
"$arraysim" validate "$out/net.json" >/dev/null 2>"$out/stderr" || fail "validate: $(cat "$out/stderr")"
# MACs by hand: 442368 + 36864 + 65536 + 73728 + 16384 + 480 (see the Catch2 test).
"$arraysim" stats "$out/net.json" --json "$out/stats.json" >/dev/null 2>"$out/stderr" ||
  fail "stats: $(cat "$out/stderr")"
grep -q '"macs": 635360' "$out/stats.json" || fail "stats total MACs"
"$arraysim" stats "$out/small_convnet.onnx" >"$out/stdout" 2>&1 || fail "stats on the .onnx directly"
stderr=$("$arraysim" import onnx "$out/unsupported_op.onnx" --out "$out/never.json" 2>&1 >/dev/null)
code=$?
expect="$out/unsupported_op.onnx:/graph/node/1: node \"up1\" (Resize): unsupported op type \"Resize\""
if [ "$code" -ne 1 ] || [ "$(printf '%s\n' "$stderr" | grep -c .)" -ne 1 ] || [[ "$stderr" != "$expect"* ]]; then
  fail "unsupported op: exit $code: $stderr"
fi
[ -e "$out/never.json" ] && fail "a failed import wrote its output"
# A node name that is not UTF-8: one line naming the node (before: a JSON library exception).
stderr=$("$arraysim" import onnx "$out/invalid_utf8.onnx" --out "$out/never.json" 2>&1 >/dev/null)
code=$?
expect="$out/invalid_utf8.onnx:/graph/node/0/name: invalid UTF-8 byte 0xA9 at byte 4"
if [ "$code" -ne 1 ] || [ "$stderr" != "$expect" ]; then fail "invalid UTF-8: exit $code: $stderr"; fi
[ -e "$out/never.json" ] && fail "a failed import wrote its output"
echo "onnx import: $failures failed"
[ "$failures" -eq 0 ]
