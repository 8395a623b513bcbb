#!/usr/bin/env bash
# The plot scripts run on real output and produce non-empty PNGs (matplotlib from Debian's
# python3-matplotlib, which scripts/bootstrap installs).
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python=""
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c "import matplotlib" 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then echo "FAIL no python3 with matplotlib (run scripts/bootstrap)"; exit 1; fi
"$arraysim" compare --arch arch/examples/eyeriss_v1.json --network workloads/alexnet.json \
  --dataflows rs,nlr --out "$out" --quiet >/dev/null || { echo "FAIL compare"; exit 1; }
rows=$(($(wc -l <"$out/compare.csv") - 1))
[ "$rows" -eq 16 ] || { echo "FAIL compare.csv has $rows rows, expected 8 layers x 2 dataflows"; exit 1; }
"$python" scripts/plot_compare.py "$out/compare.csv" "$out/compare.png" || { echo "FAIL plot_compare.py"; exit 1; }
[ -s "$out/compare.png" ] || { echo "FAIL empty PNG"; exit 1; }
head -c 8 "$out/compare.png" | grep -q PNG || { echo "FAIL not a PNG"; exit 1; }
"$arraysim" roofline --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet.json \
  --dataflow rs --out "$out" --quiet >"$out/roofline.txt" || { echo "FAIL roofline"; exit 1; }
grep -q "fc6 .*DRAM bandwidth" "$out/roofline.txt" || { echo "FAIL fc6 should be DRAM-bound at batch 1"; exit 1; }
"$python" scripts/plot_roofline.py "$out/roofline.json" "$out/roofline.png" || { echo "FAIL plot_roofline.py"; exit 1; }
head -c 8 "$out/roofline.png" | grep -q PNG || { echo "FAIL roofline PNG"; exit 1; }
"$arraysim" sweep tests/data/sweep_small.json --out "$out/sweep" --quiet >/dev/null || { echo "FAIL sweep"; exit 1; }
"$python" scripts/plot_sweep.py "$out/sweep/results.csv" "$out/sweep.png" || { echo "FAIL plot_sweep.py"; exit 1; }
head -c 8 "$out/sweep.png" | grep -q PNG || { echo "FAIL sweep PNG"; exit 1; }
"$arraysim" simulate --arch tests/data/noc/hier_mesh_8x8.json --workload tests/data/noc/unique_weights_layer.json \
  --mapping tests/data/noc/hier_mesh_8x8_map.json --json "$out/pes.json" --quiet >/dev/null 2>&1 ||
  { echo "FAIL simulate --json (cycle engine)"; exit 1; }
"$python" scripts/plot_pe_heatmap.py "$out/pes.json" "$out/pes.png" || { echo "FAIL plot_pe_heatmap.py"; exit 1; }
head -c 8 "$out/pes.png" | grep -q PNG || { echo "FAIL heat map PNG"; exit 1; }
echo "plots: 4 passed, 0 failed"
