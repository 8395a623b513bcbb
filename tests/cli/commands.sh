#!/usr/bin/env bash
# End-to-end command checks: model, stats, energy and validate run on shipped inputs, write the
# JSON they promise, and leave no output file behind when the input is bad.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
check() {  # check <description> <command...>
  local what=$1
  shift
  if ! "$@" >"$out/run_stdout" 2>"$out/stderr"; then
    echo "FAIL $what: $(head -c 400 "$out/stderr")"
    failures=$((failures + 1))
  fi
  case "$1" in grep | test | cmp | bash) ;; *) cp "$out/run_stdout" "$out/stdout" ;; esac
}
check "model eyeriss_v1 alexnet conv1" "$arraysim" model --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet.json --layer conv1 \
  --mapping tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json --json "$out/stats.json" --loop-nest
check "model report names every level" grep -q "psum_spad" "$out/stdout"
check "stats JSON has cycles and levels" grep -q '"cycles": 871200' "$out/stats.json"
check "stats alexnet" "$arraysim" stats workloads/alexnet.json --json "$out/alexnet.json" --training
check "stats JSON total MACs" grep -q '"macs": 724406816' "$out/alexnet.json"
check "stats JSON training MACs" grep -q '"training_macs": 2173220448' "$out/alexnet.json"
check "energy table" "$arraysim" energy --arch arch/examples/eyeriss_v1.json
check "energy names the rule" grep -q "entry" "$out/stdout"
check "validate several" "$arraysim" validate arch/examples/eyeriss_v1.json workloads/resnet50.json
# map writes a mapping that model accepts and that reproduces the same stats, byte for byte.
check "map one layer" "$arraysim" map --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet.json \
  --layer conv3 --dataflow rs --threads 2 --quiet --out "$out/map"
for suffix in mapping.json stats.json loop_nest.txt search.json curve.csv; do
  check "map wrote conv3.$suffix" test -s "$out/map/conv3.$suffix"
done
check "search proved the optimum" grep -q '"proved_optimal": true' "$out/map/conv3.search.json"
check "model of the mapped result" "$arraysim" model --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet.json --layer conv3 --mapping "$out/map/conv3.mapping.json" --json "$out/remodel.json"
check "same stats from model and map" cmp "$out/map/conv3.stats.json" "$out/remodel.json"
check "map a network" "$arraysim" map --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet.json \
  --dataflow rs --threads 2 --quiet
check "network table has a total" grep -q "^total" "$out/stdout"
check "map with a user template file" "$arraysim" map --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet_conv1.json --dataflow dataflows/os.json --objective edp --search anneal \
  --max-evaluations 2000 --seed 5 --threads 2 --quiet
check "simulate a mapping" "$arraysim" simulate --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet_conv1.json --mapping tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json \
  --json "$out/sim.json"
check "simulate JSON has stalls" grep -q '"stall_cycles"' "$out/sim.json"
check "simulate with the mapper" "$arraysim" simulate --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet.json --layer conv3 --dataflow rs --unlimited
check "unlimited simulation reports the pipeline" grep -q "pipeline fill/drain 1" "$out/stdout"
check "systemc engine with a trace" "$arraysim" simulate --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet_conv1.json --mapping tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json \
  --engine systemc --trace "$out/trace.csv"
check "stdout has no SystemC banner" bash -c "! grep -qi copyright '$out/stdout'"
check "trace has busy intervals" grep -q ",busy," "$out/trace.csv"
check "VCD of a small run" "$arraysim" simulate --arch tests/golden/timeloop/tl_sem_bandwidth/arch.json \
  --workload tests/golden/timeloop/tl_sem_bandwidth/workload.json \
  --mapping tests/golden/timeloop/tl_sem_bandwidth/mapping.json --engine fast --vcd "$out/run.vcd"
check "VCD declares the wires" grep -q "GLB_busy" "$out/run.vcd"
check "cycle engine VCD of a small run" "$arraysim" simulate \
  --arch tests/golden/timeloop/tl_sem_bandwidth/arch.json \
  --workload tests/golden/timeloop/tl_sem_bandwidth/workload.json \
  --mapping tests/golden/timeloop/tl_sem_bandwidth/mapping.json --vcd "$out/cycle.vcd" --json "$out/cycle.json"
check "cycle VCD traces the PE's busy signal" grep -q "busy" "$out/cycle.vcd"
check "cycle VCD traces buffer tiles" grep -q "GLB_0" "$out/cycle.vcd"
check "no SystemC info report on stdout" bash -c "! grep -q 'Info:' '$out/stdout'"
check "cycle JSON has per-PE stats" grep -q '"finish_cycle"' "$out/cycle.json"
check "cycle engine on a mesh with DDR4" "$arraysim" simulate --arch tests/data/noc/mesh_4x4_ddr4.json \
  --workload tests/data/noc/unique_weights_layer.json --mapping tests/data/noc/mesh_4x4_map.json \
  --json "$out/mesh.json"
check "report names the DDR4 controller" grep -q "^DRAM (DDR4-2400): " "$out/stdout"
check "report has the mesh's credit stalls" grep -q "^NoC into RF (instance 0): .*credit stalls [1-9]" "$out/stdout"
check "JSON has per-link NoC stats" grep -q '"contention_cycles_down"' "$out/mesh.json"
check "JSON has per-bank DRAM stalls" grep -q '"bank_stall_dram_clocks"' "$out/mesh.json"
check "report prices the DDR4 commands" grep -q "^DRAM command energy (DDR4-2400, table entry" "$out/stdout"
# The command energy is each command count times the table entry's energy for that command.
check "DRAM command energy = commands x the table's per-command energies" python3 - "$out/mesh.json" \
  energy_tables/horowitz_45nm.json <<'PY'
import json, sys
dram = json.load(open(sys.argv[1]))["dram"]
entry = [e for e in json.load(open(sys.argv[2]))["entries"] if e.get("device") == "DDR4-2400"][0]
counts = {"activate": dram["activates"], "precharge": dram["precharges"], "read": dram["reads"],
          "write": dram["writes"], "refresh": dram["refreshes"]}
expected = sum(n * entry[k + "_pj"] for k, n in counts.items())
got = dram["command_energy"]
assert got["priced"] and dram["activates"] > 0 and dram["reads"] > 0, got
assert abs(got["total_pj"] - expected) <= 1e-9 * expected, (got["total_pj"], expected)
PY
# 2 x 2 PEs (x = P, y = C), 16 MACs, GLB loops C2 (outer) Q2. Inputs: 4 steps x 4 PEs x (Y-bus +
# X-bus) = 32 link words; Weights: 2 C steps x 2 rows multicast x 2 links = 8. Outputs: every
# (c, q) step writes each column's sum back: with forwarding 1 neighbour hop + the top's 2 links
# = 3, x 4 steps x 2 columns = 24, and the second C step refills each column's top only: 2 links x
# 2 q x 2 columns = 8; total 72. Without forwarding the write-back tree is the Y-bus and two
# X-buses (3 links, 24 again) but the refill goes to both PEs of a column: 16; total 80.
"$arraysim" model --arch tests/data/noc/forwarding_2x2.json --workload tests/data/noc/forwarding_layer.json \
  --mapping tests/data/noc/forwarding_map.json --json "$out/fw.json" >/dev/null 2>&1
sed 's/"psum_forwarding": "vertical", //' tests/data/noc/forwarding_2x2.json >"$out/no_fw.json"
"$arraysim" model --arch "$out/no_fw.json" --workload tests/data/noc/forwarding_layer.json \
  --mapping tests/data/noc/forwarding_map.json --json "$out/no_fw_stats.json" >/dev/null 2>&1
check "psum forwarding: 72 link words, 80 without" python3 -c "
import json, sys
links = [json.load(open(f))['networks'][0]['link_transfers'] for f in sys.argv[1:]]
assert links == [72, 80], links" "$out/fw.json" "$out/no_fw_stats.json"
check "cycle engine counts the same links with forwarding" "$arraysim" simulate \
  --arch tests/data/noc/forwarding_2x2.json --workload tests/data/noc/forwarding_layer.json \
  --mapping tests/data/noc/forwarding_map.json --json "$out/fw_sim.json"
check "cycle engine: 72 link words" python3 -c "
import json, sys
assert json.load(open(sys.argv[1]))['networks'][0]['link_transfers'] == 72" "$out/fw_sim.json"
# The chip's own CONV5 mapping needs batch 4: 4 x 2 x 128 x 192 x 9 x 169 MACs on 4 x 3 x 13 PEs.
check "model --batch 4 with the chip's CONV5 mapping" "$arraysim" model --arch arch/examples/eyeriss_v1.json \
  --workload workloads/alexnet.json --layer conv5 --batch 4 \
  --mapping arch/examples/eyeriss_v1_chip/alexnet_conv5_n4.json
check "batch 4 MACs and active PEs" grep -q "299040768 MACs.*" "$out/stdout"
check "156 of 168 MACs used" grep -q "MACs used 156 of 168" "$out/stdout"
# Per-data-space link widths must name every data space.
sed 's/"link_bits": 16/"link_bits": {"Weights": 64, "Inputs": 16}/' tests/data/noc/forwarding_2x2.json \
  >"$out/widths.json"
"$arraysim" validate "$out/widths.json" >/dev/null 2>"$out/stderr"
if [ $? -ne 1 ] || ! grep -q 'link_bits.*Outputs' "$out/stderr"; then
  echo "FAIL per-data-space link widths without Outputs: $(cat "$out/stderr")"
  failures=$((failures + 1))
fi
check "systolic simulation" "$arraysim" simulate --arch arch/examples/scalesim_32x32.json \
  --workload workloads/alexnet_conv1.json --dataflow ws
check "SCALE-Sim convention printed" grep -q "112283" "$out/stdout"
# Bad input: exit 1, nothing written.
"$arraysim" model --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet_conv1.json \
  --mapping tests/data/bad/mapping_tile_too_big.json --json "$out/never.json" >/dev/null 2>&1
code=$?
if [ "$code" -ne 1 ] || [ -e "$out/never.json" ]; then
  echo "FAIL bad mapping: exit $code, output file present: $([ -e "$out/never.json" ] && echo yes || echo no)"
  failures=$((failures + 1))
fi
"$arraysim" model --arch arch/examples/eyeriss_v1.json --workload workloads/alexnet.json \
  --mapping tests/golden/examples/eyeriss_v1/alexnet_conv1_rs.json >/dev/null 2>"$out/stderr"
if [ $? -ne 1 ] || ! grep -q "choose one with --layer" "$out/stderr"; then
  echo "FAIL network without --layer: $(cat "$out/stderr")"
  failures=$((failures + 1))
fi
echo "commands: $failures failed"
[ "$failures" -eq 0 ]
