#!/usr/bin/env python3
"""Roofline plot of an `arraysim roofline` run: attainable MACs per cycle against operational
intensity (MACs per DRAM word), the compute peak and the DRAM bandwidth roof, each mapped layer
as a point coloured by what bounds it.

usage: plot_roofline.py roofline.json out.png
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 1
    with open(argv[1]) as f:
        data = json.load(f)
    layers = data["layers"]
    if not layers:
        sys.stderr.write(f"{argv[1]}: no layers\n")
        return 1
    peak = data["peak_macs_per_cycle"]
    dram = layers[0]["levels"][0]
    bandwidth = dram["bandwidth_words_per_cycle"]
    xs = [max(l["dram_intensity_macs_per_word"], 1e-3) for l in layers]
    x_lo, x_hi = min(xs) / 4, max(xs) * 4
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot([x_lo, x_hi], [peak, peak], color="black", label=f"compute peak ({peak:g} MACs/cycle)")
    if bandwidth > 0:
        knee = peak / bandwidth
        ax.plot([x_lo, knee], [bandwidth * x_lo, peak], color="tab:purple",
                label=f"{dram['name']} bandwidth ({bandwidth:g} words/cycle)")
    bounds = sorted({l["bound"] for l in layers})
    colors = {b: plt.get_cmap("tab10").colors[i % 10] for i, b in enumerate(bounds)}
    for layer, x in zip(layers, xs):
        ax.scatter([x], [layer["macs_per_cycle"]], color=colors[layer["bound"]], zorder=3,
                   label=layer["bound"] if layer["bound"] in bounds else None)
        if layer["bound"] in bounds:
            bounds.remove(layer["bound"])
        ax.annotate(layer["layer"], (x, layer["macs_per_cycle"]), fontsize=7,
                    xytext=(3, 3), textcoords="offset points")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("operational intensity (MACs per DRAM word)")
    ax.set_ylabel("attainable MACs per cycle")
    ax.set_title(f"{data['network']} on {data['architecture']} ({data['dataflow']} mappings)")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(argv[2], dpi=150)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
