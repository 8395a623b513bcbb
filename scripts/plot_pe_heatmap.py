#!/usr/bin/env python3
"""Per-PE heat maps of a cycle-engine run: utilization (MAC-issuing cycles / run cycles), cycles
waited for operand tiles, and the cycle each PE finished, on the PE array's grid.

usage: plot_pe_heatmap.py simulate.json out.png

simulate.json is `arraysim simulate --engine cycle --json FILE` output: its "pes" list gives every
active PE's x, y, busy_cycles, stall_cycles, finish_cycle and utilization.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

PANELS = [("utilization", "utilization", "viridis"), ("stall_cycles", "cycles waited", "magma"),
          ("finish_cycle", "finish cycle", "cividis")]


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 1
    with open(argv[1]) as f:
        data = json.load(f)
    pes = data.get("pes")
    if not pes:
        sys.stderr.write(f"{argv[1]}: no \"pes\" (simulate with --engine cycle --json)\n")
        return 1
    columns = max(pe["x"] for pe in pes) + 1
    rows = max(pe["y"] for pe in pes) + 1
    fig, axes = plt.subplots(1, len(PANELS), figsize=(4.2 * len(PANELS), 0.35 * rows + 2.2))
    for ax, (key, title, cmap) in zip(axes, PANELS):
        grid = [[float("nan")] * columns for _ in range(rows)]
        for pe in pes:
            grid[pe["y"]][pe["x"]] = pe[key]
        image = ax.imshow(grid, cmap=cmap, aspect="equal", interpolation="nearest")
        ax.set_title(title)
        ax.set_xlabel("PE column (x)")
        ax.set_ylabel("PE row (y)")
        fig.colorbar(image, ax=ax, shrink=0.8)
    layer = data.get("layer", "")
    fig.suptitle(f"{layer}: {len(pes)} active PEs, {data.get('cycles', '')} cycles")
    fig.tight_layout()
    fig.savefig(argv[2], dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
