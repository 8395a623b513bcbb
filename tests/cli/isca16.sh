#!/usr/bin/env bash
# The ISCA'16 iso-area family and its tools: `energy --match-area` sizes the global buffer of each
# member to the row-stationary baseline's storage area (the shipped files must agree with it, and
# --write must give a file that validates); a network with "energy_per": "delivery" is charged for
# every word delivered to a child instead of once per multicast; `compare` with NAME@ARCH members.
set -uo pipefail
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL $*"; exit 1; }
family=arch/examples/isca16

for member in ws os os98 nlr; do
  shipped=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['levels'][1]['capacity_words'])" "$family/$member.json")
  line=$("$arraysim" energy --arch "$family/$member.json" --match-area "$family/rs.json" \
    --resize GlobalBuffer --granularity 512 | grep '^Iso-area') || fail "$member: no iso-area line"
  echo "$line" | grep -q "GlobalBuffer = $shipped words" || fail "$member: shipped $shipped words, $line"
done
"$arraysim" energy --arch "$family/rs.json" --match-area "$family/rs.json" --resize GlobalBuffer \
  --granularity 512 | grep -q 'GlobalBuffer = 65536 words' || fail "baseline does not size to itself"
"$arraysim" energy --arch "$family/nlr.json" --match-area "$family/rs.json" --resize GlobalBuffer \
  --write "$out/nlr.json" > /dev/null || fail "--write"
"$arraysim" validate "$out/nlr.json" > /dev/null || fail "written architecture does not validate"

# Delivery-charged network: eyeriss_v1's GLB -> PE network, same mapping, both accountings.
python3 - arch/examples/eyeriss_v1.json "$out/delivery.json" <<'PY'
import json, os, sys
arch = json.load(open(sys.argv[1]))
arch["levels"][2]["network"]["energy_per"] = "delivery"
arch["energy_table"] = os.path.abspath("energy_tables/eyeriss_isca16_normalized.json")
json.dump(arch, open(sys.argv[2], "w"))
PY
mapping=tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json
"$arraysim" model --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet_conv1.json \
  --mapping $mapping --json "$out/transfer_stats.json" > /dev/null || fail "model (transfer)"
"$arraysim" model --arch "$out/delivery.json" --workload workloads/alexnet_conv1.json \
  --mapping $mapping --json "$out/delivery_stats.json" > /dev/null || fail "model (delivery)"
python3 - "$out/transfer_stats.json" "$out/delivery_stats.json" <<'PY' || fail "delivery accounting"
import json, sys
t, d = (json.load(open(f)) for f in sys.argv[1:3])
nt, nd = t["networks"][0], d["networks"][0]
assert nt["transfers"] == nd["transfers"] and nt["delivered"] == nd["delivered"]
assert nt["delivered"] > nt["transfers"], "no multicast in this mapping"
# Per transfer: one traversal of the Y-bus and of every X-bus on its multicast tree.
assert nt["link_transfers"] > nt["transfers"], "the eyeriss bus is more than one link"
assert abs(nt["energy_pj"] - 2.0 * nt["link_transfers"]) < 1e-6 * nt["energy_pj"]
assert abs(nd["energy_pj"] - 2.0 * nd["delivered"]) < 1e-6 * nd["energy_pj"]
assert abs((d["energy_pj"] - t["energy_pj"]) - (nd["energy_pj"] - nt["energy_pj"])) < 1e-3
PY

# compare with one architecture per dataflow (CONV1 alone: quick).
"$arraysim" compare --network workloads/alexnet_conv1.json --quiet --out "$out/cmp" \
  --dataflows "rs@$family/rs.json,nlr@$family/nlr.json" > "$out/cmp.txt" || fail "compare NAME@ARCH"
grep -q "isca16_rs" "$out/cmp.txt" && grep -q "isca16_nlr" "$out/cmp.txt" || fail "member labels"
[ "$(grep -c . "$out/cmp/compare.csv")" -eq 3 ] || fail "expected 2 rows"
echo "isca16: 4 passed, 0 failed"
