#!/usr/bin/env bash
# What map and compare claim about their searches: "proven" or the gap to the lower bound in
# every table and file; a layer with no valid mapping (Eyeriss v1 shrunk to 8x8 PEs cannot unroll
# AlexNet CONV1's 11 filter rows under rs) is reported, never a crash, and compare still runs the
# rest of the network; the energy tolerance is shown and 0 restores the pure optimum.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# Eyeriss v1 with an 8x8 PE array (its energy table path made absolute for the copy).
sed -e 's/"instances": 168, "mesh_x": 14/"instances": 64, "mesh_x": 8/g' \
  -e "s#\"../../energy_tables/#\"$root/energy_tables/#" arch/examples/eyeriss_v1.json >"$out/ey8.json"
grep -q '"instances": 64' "$out/ey8.json" || fail "could not shrink the PE array"

for search in exhaustive anneal random; do
  # One layer without a mapping: exit 1, one line naming the reason, no output file.
  "$arraysim" map --arch "$out/ey8.json" --workload workloads/alexnet_conv1.json --dataflow rs \
    --search "$search" --max-evaluations 2000 --quiet --out "$out/map_$search" \
    >"$out/stdout" 2>"$out/stderr"
  code=$?
  [ "$code" -eq 1 ] || fail "map --search $search on an unmappable layer: exit $code (want 1)"
  [ "$(wc -l <"$out/stderr")" -eq 1 ] || fail "map --search $search: stderr is not one line"
  grep -q "R = 11 has no factorization" "$out/stderr" || fail "map --search $search: no reason"
  [ ! -e "$out/map_$search" ] || fail "map --search $search left output files"

  # compare marks the layer and still compares the rest of the network.
  "$arraysim" compare --arch "$out/ey8.json" --network workloads/alexnet.json --dataflows rs,os \
    --search "$search" --quiet --out "$out/cmp_$search" >"$out/cmp.txt" 2>"$out/stderr"
  code=$?
  [ "$code" -eq 0 ] || fail "compare --search $search: exit $code: $(head -c 300 "$out/stderr")"
  grep -q "^conv1 .* infeasible" "$out/cmp.txt" || fail "compare --search $search: conv1 not marked"
  grep -q "INCOMPLETE: rs has no mapping for 1 of 8 layers" "$out/cmp.txt" ||
    fail "compare --search $search: network total does not say rs is incomplete"
  python3 - "$out/cmp_$search" "$search" <<'PY' || fail "compare --search $search files"
import csv, json, sys
d, search = sys.argv[1], sys.argv[2]
data = json.load(open(d + "/compare.json"))
assert data["incomplete_dataflows"] == ["rs"], data["incomplete_dataflows"]
rows = {(r["layer"], r["dataflow"]): r for r in data["rows"]}
assert len(rows) == 16
bad = rows[("conv1", "rs")]
assert bad["status"] == "infeasible" and "R = 11" in bad["infeasible_reason"], bad
assert "energy_pj" not in bad
for key, r in rows.items():
    if key == ("conv1", "rs"):
        continue
    assert r["energy_pj"] > 0 and r["cycles"] > 0 and 0 < r["utilization"] <= 1, r
    assert r["lower_bound"] <= r["optimum"] * (1 + 1e-9), r
    if search == "exhaustive":
        assert r["status"] == "proven" and r["gap"] == 0, r
    else:
        assert r["proved_optimal"] == (r["gap"] == 0), r
        assert r["status"] == ("proven" if r["gap"] == 0 else "gap %.2f%%" % (100 * r["gap"])), r
table = list(csv.DictReader(open(d + "/compare.csv")))
assert len(table) == 16
row = [r for r in table if r["layer"] == "conv1" and r["dataflow"] == "rs"][0]
assert row["status"] == "infeasible" and row["energy_pj"] == "" and "R = 11" in row["reason"], row
assert all(r["status"] for r in table)
PY
done

# A network map reports the layer and maps the others.
"$arraysim" map --arch "$out/ey8.json" --workload workloads/alexnet.json --dataflow rs \
  --search random --max-evaluations 2000 --threads 2 --quiet --out "$out/netmap" >"$out/stdout" 2>"$out/stderr" ||
  fail "map of a network with an unmappable layer: $(head -c 300 "$out/stderr")"
grep -q "^conv1 .* infeasible" "$out/stdout" || fail "network map: conv1 not marked"
grep -q "INCOMPLETE" "$out/stdout" || fail "network map: total not marked incomplete"
grep -q '"status": "infeasible"' "$out/netmap/conv1.search.json" || fail "conv1.search.json status"
[ ! -e "$out/netmap/conv1.mapping.json" ] || fail "a mapping file for an unmappable layer"
[ -s "$out/netmap/conv2.mapping.json" ] || fail "conv2 not mapped"

# Exhaustive: proven; anneal: the gap to the bound, in the search file and on stdout.
"$arraysim" map --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet.json --layer conv3 \
  --dataflow rs --threads 2 --quiet --out "$out/ex" >"$out/stdout" || fail "exhaustive map"
grep -q "Proven optimal" "$out/stdout" || fail "exhaustive map does not say proven"
grep -q "Energy tolerance 0.5%" "$out/stdout" || fail "map does not show the energy tolerance"
"$arraysim" map --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet.json --layer conv3 \
  --dataflow rs --search anneal --max-evaluations 3000 --threads 2 --quiet --out "$out/an" \
  >"$out/stdout" || fail "anneal map"
grep -q "Not proven: .*gap" "$out/stdout" || fail "anneal map does not give its gap"
python3 - "$out/ex/conv3.search.json" "$out/an/conv3.search.json" <<'PY' || fail "search.json claims"
import json, sys
ex, an = (json.load(open(f)) for f in sys.argv[1:3])
assert ex["status"] == "proven" and ex["proved_optimal"] and ex["gap"] == 0, ex
assert ex["energy_tolerance"] == 0.005
assert ex["lower_bound"] <= ex["optimum"] <= ex["optimum_energy_pj"] * (1 + 1e-12)
assert an["status"].startswith("gap ") and not an["proved_optimal"] and an["gap"] > 0, an
assert an["optimum"] >= ex["optimum"]
assert abs(an["gap"] - (an["optimum"] - an["lower_bound"]) / an["optimum"]) < 1e-12
PY

# Energy tolerance: 0 is the pure optimum; the default trades at most 0.5% energy for cycles.
for tol in 0 0.005; do
  "$arraysim" compare --arch arch/examples/eyeriss_v1.json --network workloads/alexnet_conv1.json \
    --dataflows os --bits 8 --energy-tolerance $tol --quiet --out "$out/tol_$tol" >"$out/tol_$tol.txt" ||
    fail "compare --energy-tolerance $tol"
done
grep -q "energy tolerance 0.5%" "$out/tol_0.005.txt" || fail "compare does not show the tolerance"
grep -q "energy tolerance" "$out/tol_0.txt" && fail "tolerance 0 still announced"
python3 - "$out/tol_0/compare.json" "$out/tol_0.005/compare.json" <<'PY' || fail "energy tolerance"
import json, sys
pure, tol = (json.load(open(f))["rows"][0] for f in sys.argv[1:3])
assert pure["energy_tolerance"] == 0 and tol["energy_tolerance"] == 0.005
assert tol["optimum_energy_pj"] == pure["energy_pj"], (tol, pure)
assert pure["energy_pj"] <= tol["energy_pj"] <= 1.005 * pure["energy_pj"]
assert tol["cycles"] <= pure["cycles"]
PY
for bad in -1 2 nan; do
  "$arraysim" compare --arch arch/examples/eyeriss_v1.json --network workloads/alexnet_conv1.json \
    --dataflows os --energy-tolerance "$bad" --quiet >"$out/stdout" 2>"$out/stderr"
  code=$?
  if [ "$code" -ne 1 ] || [ "$(wc -l <"$out/stderr")" -ne 1 ]; then
    fail "--energy-tolerance $bad: exit $code, $(cat "$out/stderr")"
  fi
done
echo "mapper_claims: $failures failed"
[ "$failures" -eq 0 ]
