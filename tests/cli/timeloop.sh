#!/usr/bin/env bash
# Timeloop interoperability from the command line: `import timeloop` writes arraysim specs that
# give the same stats as the YAML given directly to `model`; `map --emit timeloop` writes a
# Timeloop mapping that `model` reads back to identical stats (the round trip).
set -euo pipefail
arraysim=$1
root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
d=tests/data/timeloop/conv1d
e=tests/data/timeloop/eyeriss256

"$arraysim" import timeloop $d/2level.arch.yaml $d/ert_40nm.yaml $d/conv1d.prob.yaml \
  $d/conv1d-2level-ws.map.yaml --out "$out/imported" > "$out/summary.txt"
for f in 2level.arch conv1d.layer conv1d-2level-ws.mapping; do
  [ -s "$out/imported/$f.json" ] || { echo "FAIL: import did not write $f.json"; exit 1; }
done
grep -q "warning(s)" "$out/summary.txt"
"$arraysim" validate "$out/imported/2level.arch.json" "$out/imported/conv1d.layer.json" > /dev/null
"$arraysim" model --arch "$out/imported/2level.arch.json" --workload "$out/imported/conv1d.layer.json" \
  --mapping "$out/imported/conv1d-2level-ws.mapping.json" --json "$out/from_json.json" > /dev/null
"$arraysim" model --arch $d/2level.arch.yaml,$d/ert_40nm.yaml --workload $d/conv1d.prob.yaml \
  --mapping $d/conv1d-2level-ws.map.yaml --json "$out/from_yaml.json" > /dev/null 2>&1
cmp "$out/from_json.json" "$out/from_yaml.json" || { echo "FAIL: imported JSON and YAML differ"; exit 1; }
grep -q '"energy_per_mac_pj": 7.50' "$out/from_yaml.json" || { echo "FAIL: example B energy"; exit 1; }

"$arraysim" validate $e/map_eye_opt.yaml --arch $e/arch_eyeriss256.yaml > /dev/null
"$arraysim" map --arch $e/arch_eyeriss256.yaml,$e/ert_eyeriss_norm_v03.yaml \
  --workload $e/prob_vgg_c256.yaml --dataflow $e/mapspace_rs.yaml --quiet --emit timeloop \
  --out "$out/map" > "$out/map.txt" 2>/dev/null
grep -q "7253 valid" "$out/map.txt" || { echo "FAIL: imported mapspace size"; exit 1; }
"$arraysim" model --arch $e/arch_eyeriss256.yaml,$e/ert_eyeriss_norm_v03.yaml \
  --workload $e/prob_vgg_c256.yaml --mapping "$out/map/prob_vgg_c256.mapping.yaml" \
  --json "$out/roundtrip.json" > /dev/null 2>&1
cmp "$out/map/prob_vgg_c256.stats.json" "$out/roundtrip.json" || { echo "FAIL: round trip"; exit 1; }
echo "timeloop cli: ok"
