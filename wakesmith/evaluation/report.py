"""The evaluation report: metrics.json (every array + the headline), PNG plots, and report.md embedding them."""

from __future__ import annotations

import json
from pathlib import Path

from wakesmith.atomic import write_text_atomic
from wakesmith.evaluation import plots
from wakesmith.evaluation.evaluate import Evaluation


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def write_report(result: Evaluation, report_dir: Path, training_log: Path, model_name: str) -> dict[str, Path]:
    """Write metrics.json, the plots and report.md into `report_dir`; returns the paths written."""
    report_dir.mkdir(parents=True, exist_ok=True)
    c = result.classification
    paths: dict[str, Path] = {}
    paths["roc"] = plots.plot_roc(
        c["recall"],
        result.fah_window,
        result.fah_raw,
        result.target_fah,
        result.chosen_cutoff,
        report_dir / "roc.png",
        result.sliding_window,
    )
    paths["cutoff"] = plots.plot_cutoff(
        c["recall"],
        result.fah_window,
        result.fah_raw,
        result.target_fah,
        result.chosen_cutoff,
        report_dir / "cutoff.png",
    )
    paths["pr"] = plots.plot_pr(c["recall"], c["precision"], result.chosen_cutoff, report_dir / "pr.png")
    training = plots.plot_training(training_log, result.target_fah, report_dir / "training.png")
    if training is not None:
        paths["training"] = training
    payload = result.payload()
    payload["plots"] = {name: path.name for name, path in paths.items()}
    paths["metrics"] = write_text_atomic(report_dir / "metrics.json", json.dumps(payload, indent=2) + "\n")
    paths["report"] = write_text_atomic(report_dir / "report.md", report_markdown(result, paths, model_name))
    return paths


def report_markdown(result: Evaluation, paths: dict[str, Path], model_name: str) -> str:
    c = result.classification
    index = int(abs(result.cutoffs - result.chosen_cutoff).argmin())
    lines = [
        f"# Evaluation of `{model_name}`",
        "",
        result.headline,
        "",
        f"Quantized streaming model ({result.engine} engine, {result.model_bytes} bytes), device rules: "
        f"sliding-window mean of {result.sliding_window} outputs, cool-down of {result.cooldown_steps} inferences "
        "after each false accept, "
        f"{result.ambient_hours:.2f} h of ambient audio.",
        "",
        "| target FAH | recall | false rejection | cutoff |",
        "|---|---|---|---|",
    ]
    for target, point in result.operating_points.items():
        lines.append(
            f"| {target} | {_pct(point['recall'])} | {_pct(point['false_rejection_rate'])} | {point['cutoff']:.2f} |"
        )
    lines += [
        "",
        f"At the chosen cutoff {result.chosen_cutoff:.2f}: precision {_pct(c['precision'][index])}, "
        f"accuracy {_pct(c['accuracy'][index])}, false positive rate on negative clips "
        f"{_pct(c['false_positive_rate'][index])}, FAH {result.fah_window[index]:.2f} (sliding window) / "
        f"{result.fah_raw[index]:.2f} (raw outputs), {result.device_fah_at_cutoff:.2f} with the device's exact "
        "detection rule (1 s refractory instead of the cool-down).",
        "",
        f"Average viable recall (area under recall vs FAH over 0–2 FAH, / 2): {result.average_viable_recall:.3f} "
        f"(raw outputs: {result.average_viable_recall_raw:.3f}).",
        "",
        "Test clips: " + ", ".join(f"{name} {count}" for name, count in result.counts.items()) + ".",
        "",
    ]
    if result.agreement:
        a = result.agreement
        lines += [
            f"Engine check: {a['engines'][0]} vs {a['engines'][1]} on {a['clips']} clips ({a['steps']} inferences): "
            f"largest output difference {a['max_abs_diff_raw']} / 255.",
            "",
        ]
    for note in result.notes:
        lines.append(f"> Note: {note}")
    if result.notes:
        lines.append("")
    titles = {
        "roc": "ROC: false rejection rate against false accepts per hour",
        "cutoff": "Recall and false accepts per hour against the cutoff",
        "pr": "Precision–recall",
        "training": "Training curves",
    }
    for name, title in titles.items():
        if name in paths:
            lines += [f"## {title}", "", f"![{title}]({paths[name].name})", ""]
    lines += ["All per-cutoff arrays are in `metrics.json`.", ""]
    return "\n".join(lines)
