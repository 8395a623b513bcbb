#!/usr/bin/env python3
"""Summarises an ISCA'16 study run (scripts/isca16_study): for each batch, energy per MAC of every
family member on AlexNet's CONV and FC layers, and each member's energy over the row-stationary
member's, next to the paper's claims (RS 1.4x-2.5x lower on CONV layers at batch 16, at least
1.3x lower on FC layers at batch above 16).

usage: isca16_summary.py OUT_DIR   (reads OUT_DIR/batch<N>/compare.csv, writes Markdown)
"""
import csv
import os
import sys

BASE = "isca16_rs"


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def group_energy(rows, member, prefix):
    picked = [r for r in rows if r["dataflow"] == member and r["layer"].startswith(prefix)]
    macs = sum(float(r["macs"]) for r in picked)
    return sum(float(r["energy_pj"]) for r in picked) / macs


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 1
    batches = sorted(int(d[5:]) for d in os.listdir(argv[1]) if d.startswith("batch") and
                     os.path.isfile(os.path.join(argv[1], d, "compare.csv")))
    print("| batch | layers | " + " | ".join(m.replace("isca16_", "") for m in members(argv[1], batches)) + " |")
    print("|---|---|" + "---|" * len(members(argv[1], batches)))
    for batch in batches:
        rows = load(os.path.join(argv[1], f"batch{batch}", "compare.csv"))
        for prefix, label in (("conv", "CONV1-5"), ("fc", "FC6-8")):
            base = group_energy(rows, BASE, prefix)
            cells = []
            for member in members(argv[1], batches):
                e = group_energy(rows, member, prefix)
                cells.append(f"{e:.2f}" if member == BASE else f"{e:.2f} ({e / base:.2f}x)")
            print(f"| {batch} | {label} | " + " | ".join(cells) + " |")
    print()
    print("Energy per MAC in MAC-equivalents (ISCA'16 normalized costs), in brackets the ratio to RS.")
    print()
    for batch in batches:
        rows = load(os.path.join(argv[1], f"batch{batch}", "compare.csv"))
        for prefix, label in (("conv", "CONV"), ("fc", "FC")):
            ratios = layer_ratios(rows, prefix)
            print(f"- batch {batch}, {label} layers: every other member costs "
                  f"{min(ratios):.2f}x to {max(ratios):.2f}x the energy of RS, layer by layer")
    return 0


def layer_ratios(rows, prefix):
    energy = {(r["layer"], r["dataflow"]): float(r["energy_pj"]) for r in rows}
    return [e / energy[(layer, BASE)] for (layer, member), e in energy.items()
            if member != BASE and layer.startswith(prefix)]


def members(out_dir, batches):
    rows = load(os.path.join(out_dir, f"batch{batches[0]}", "compare.csv"))
    seen = []
    for r in rows:
        if r["dataflow"] not in seen:
            seen.append(r["dataflow"])
    return seen


if __name__ == "__main__":
    sys.exit(main(sys.argv))
