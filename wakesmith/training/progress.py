"""The training progress bar: steps, steps/s and the latest evaluation in one line."""

from __future__ import annotations

import time

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from wakesmith.cli.console import console


class TrainProgress:
    def __init__(self, total: int, start: int, enabled: bool = True):
        self.enabled = enabled
        self.start_step, self.start_time = start, time.perf_counter()
        self.progress = Progress(
            TextColumn("[bold]train"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} steps/s"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[metrics]}"),
            console=console,
            disable=not enabled,
        )
        self.task = self.progress.add_task("train", total=total, completed=start, rate="-", metrics="")

    def __enter__(self) -> TrainProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def advance(self, step: int) -> None:
        elapsed = time.perf_counter() - self.start_time
        rate = (step - self.start_step) / elapsed if elapsed > 0 else 0.0
        self.progress.update(self.task, completed=step, rate=f"{rate:.1f}")

    def show(self, metrics: str) -> None:
        self.progress.update(self.task, metrics=metrics)
        if self.enabled and not console.is_terminal:
            console.print(metrics)
