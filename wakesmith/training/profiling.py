"""The `--profile` table: where a training run spent its time."""

from __future__ import annotations

from rich.table import Table

from wakesmith.cli.console import console

PARTS = (
    ("load", "load stores, build model"),
    ("data", "draw batches (on device)"),
    ("step", "train steps"),
    ("eval", "evaluation"),
    ("checkpoint", "checkpoints"),
)


def print_timings(timings: dict[str, float], steps: int) -> None:
    total = timings.get("total", sum(timings.get(k, 0.0) for k, _ in PARTS)) or 1e-9
    table = Table(title="time per part")
    for column in ("part", "seconds", "share", "ms/step"):
        table.add_column(column, justify="left" if column == "part" else "right")
    accounted = 0.0
    for key, label in PARTS:
        seconds = timings.get(key, 0.0)
        accounted += seconds
        per_step = f"{1000 * seconds / steps:.2f}" if steps and key in ("data", "step") else ""
        table.add_row(label, f"{seconds:.2f}", f"{100 * seconds / total:.0f}%", per_step)
    table.add_row("other (progress, logging, syncing)", f"{max(total - accounted, 0):.2f}", "", "")
    table.add_row("total", f"{total:.2f}", "100%", f"{1000 * total / max(steps, 1):.2f}")
    console.print(table)
    console.print("(cProfile slows Python-heavy parts and the first step of each phase includes compilation:")
    console.print(" compare shares, and use `wakesmith bench train` for throughput)")
    if timings.get("data", 0.0) == 0.0 and timings.get("step", 0.0) > 0:
        console.print("(JAX draws batches inside the compiled steps: 'train steps' includes data)")
