#!/usr/bin/env python3
"""Stacked bars of energy per MAC by level (ALU, RF, NoC, buffer, DRAM) for every layer and
dataflow of an `arraysim compare` run, in the style of the Eyeriss ISCA'16 figures.

usage: plot_compare.py compare.csv out.png [--log]

Layers whose energy per MAC is far below the most expensive ones (conv vs. fc at batch 1) get a
panel of their own, so both stay readable on a linear scale. A layer a dataflow cannot map (status
"infeasible", empty energies) gets no bar, only its label with "infeasible".
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PARTS = [("alu", "ALU"), ("rf", "RF"), ("noc", "NoC / array"), ("buffer", "global buffer"),
         ("dram", "DRAM")]


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 1
    with open(argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.stderr.write(f"{argv[1]}: no rows\n")
        return 1
    layers = list(dict.fromkeys(r["layer"] for r in rows))
    dataflows = list(dict.fromkeys(r["dataflow"] for r in rows))
    by_key = {(r["layer"], r["dataflow"]): r for r in rows}

    def value(layer, dataflow, key):
        text = by_key[(layer, dataflow)].get(key, "")
        return float(text) if text else 0.0

    total = {layer: max(value(layer, d, "energy_per_mac_pj") for d in dataflows)
             for layer in layers}
    peak = max(total.values())
    groups = [[layer for layer in layers if total[layer] < 0.2 * peak],
              [layer for layer in layers if total[layer] >= 0.2 * peak]]
    groups = [g for g in groups if g]
    fig, axes = plt.subplots(1, len(groups), figsize=(max(8, 1.5 * len(layers)), 4.5),
                             gridspec_kw={"width_ratios": [len(g) for g in groups]}, squeeze=False)
    colors = plt.get_cmap("tab10").colors
    width = 0.8 / len(dataflows)
    for ax, group in zip(axes[0], groups):
        for d, dataflow in enumerate(dataflows):
            positions = [i + (d - (len(dataflows) - 1) / 2) * width for i in range(len(group))]
            bottom = [0.0] * len(group)
            for p, (key, label) in enumerate(PARTS):
                values = [value(layer, dataflow, f"{key}_per_mac_pj") for layer in group]
                ax.bar(positions, values, width * 0.95, bottom=bottom, color=colors[p],
                       label=label if d == 0 else None, edgecolor="white", linewidth=0.3)
                bottom = [b + v for b, v in zip(bottom, values)]
            for x, top, layer in zip(positions, bottom, group):
                mapped = by_key[(layer, dataflow)]["energy_per_mac_pj"] != ""
                label = dataflow if mapped else dataflow + " infeasible"
                ax.text(x, top, label, ha="center", va="bottom", fontsize=6, rotation=90)
        ax.set_xticks(range(len(group)))
        ax.set_xticklabels(group)
        if "--log" in argv:
            ax.set_yscale("log")
    axes[0][0].set_ylabel("energy per MAC (pJ)")
    axes[0][0].legend(fontsize=7, loc="upper left")
    fig.suptitle("energy per MAC by level, per layer and dataflow")
    fig.tight_layout()
    fig.savefig(argv[2], dpi=150)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
