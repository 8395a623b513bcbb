#!/usr/bin/env bash
# Every shipped spec (architectures, workloads, energy tables, golden mappings) validates; every
# golden example mapping validates against its architecture and workload.
set -u
arraysim=$1
root=$2
cd "$root" || exit 2
failures=0
for file in arch/examples/*.json arch/examples/isca16/*.json arch/examples/sweeps/*.json workloads/*.json energy_tables/*.json \
  dataflows/*.json tests/data/sweep_*.json; do
  [ -e "$file" ] || continue
  "$arraysim" validate "$file" >/dev/null || failures=$((failures + 1))
done
for case in tests/golden/examples/*/case.json tests/golden/timeloop/*/; do
  if [ -d "$case" ]; then
    arch=$case/arch.json workload=$case/workload.json mapping=$case/mapping.json
  else
    field() { grep -o "\"$1\": *\"[^\"]*\"" "$case" | cut -d'"' -f4; }
    arch=$(field arch) workload=$(field workload) mapping=$(field mapping)
  fi
  "$arraysim" validate "$mapping" --arch "$arch" --workload "$workload" >/dev/null || failures=$((failures + 1))
done
echo "shipped specs: $failures failed"
[ "$failures" -eq 0 ]
