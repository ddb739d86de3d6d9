"""model_card.md beside the exported model: what a user needs to trust (or distrust) the numbers.

The manifest's schema is closed (SPEC §3), so everything beyond its five `micro` keys lives here.
"""

from __future__ import annotations

from pathlib import Path

from wakesmith.evaluation.evaluate import Evaluation
from wakesmith.evaluation.report import write_text_atomic


def _frr(result: Evaluation, target: float) -> str:
    point = result.operating_points.get(f"{target:g}")
    if point is None:
        return "not measured"
    return f"{point['false_rejection_rate'] * 100:.1f} % (cutoff {point['cutoff']:.2f})"


def model_card_markdown(
    result: Evaluation,
    wake_word: str,
    model_file: str,
    arena_size: int,
    config_hash: str,
    manifest_name: str,
) -> str:
    lines = [
        f"# Model card: {wake_word}",
        "",
        f"- Model: `{model_file}` ({result.model_bytes} bytes), manifest `{manifest_name}`",
        f"- Probability cutoff in the manifest: {result.chosen_cutoff:.2f}; sliding window {result.sliding_window}",
        f"- Tensor arena (manifest): {arena_size} bytes",
        f"- Headline: {result.headline}",
        f"- False rejection at 0.5 false accepts/hour: {_frr(result, 0.5)}",
        f"- False rejection at 0.1 false accepts/hour: {_frr(result, 0.1)}",
        f"- Ambient audio behind the false-accept figures: {result.ambient_hours:.2f} h "
        f"({result.counts.get('ambient_windows', 0)} windows)",
        f"- Measured on the exported int8 streaming model ({result.engine} engine) with the device's sliding window "
        f"and a cool-down of {result.cooldown_steps} inferences",
        f"- Config hash: `{config_hash}`",
        "",
        "## Data",
        "",
        "| set | split | clips | hours | source files |",
        "|---|---|---|---|---|",
    ]
    for store in result.data:
        hours = f"{store.hours:.2f}" if store.hours is not None else "–"
        sources = str(store.sources) if store.sources is not None else "–"
        lines.append(f"| {store.set_name} | {store.split} | {store.count} | {hours} | {sources} |")
    if not result.data:
        lines.append("| (no store.json found) | | | | |")
    lines.append("")
    for note in result.notes:
        lines.append(f"> Note: {note}")
    if result.notes:
        lines.append("")
    return "\n".join(lines)


def write_model_card(path: Path, text: str) -> Path:
    return write_text_atomic(path, text)
