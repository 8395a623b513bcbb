#!/usr/bin/env python3
"""Energy against cycles for every point of an `arraysim sweep` (results.csv), the Pareto front
(pareto.csv beside it) highlighted, one marker per dataflow.

usage: plot_sweep.py results.csv out.png
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(path):
    with open(path, newline="") as f:
        return [r for r in csv.DictReader(f) if r["status"] == "ok"]


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 1
    rows = load(argv[1])
    if not rows:
        sys.stderr.write(f"{argv[1]}: no successful points\n")
        return 1
    front_path = os.path.join(os.path.dirname(argv[1]), "pareto.csv")
    front = {r["id"] for r in load(front_path)} if os.path.exists(front_path) else set()
    fig, ax = plt.subplots(figsize=(7, 4.5))
    markers = "os^Dvx*"
    for i, dataflow in enumerate(sorted({r["dataflow"] for r in rows})):
        points = [r for r in rows if r["dataflow"] == dataflow]
        ax.scatter([float(r["cycles"]) for r in points], [float(r["energy_pj"]) for r in points],
                   marker=markers[i % len(markers)], label=dataflow, alpha=0.7)
    best = sorted((r for r in rows if r["id"] in front), key=lambda r: float(r["cycles"]))
    if best:
        ax.plot([float(r["cycles"]) for r in best], [float(r["energy_pj"]) for r in best],
                color="black", linewidth=1, label="Pareto front")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("cycles")
    ax.set_ylabel("energy (pJ)")
    ax.legend(fontsize=8)
    ax.set_title("sweep: energy against cycles")
    fig.tight_layout()
    fig.savefig(argv[2], dpi=150)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
