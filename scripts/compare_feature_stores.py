#!/usr/bin/env python3
"""Do Swift-written feature stores train as well as the Python package's? And does the Swift trainer match Keras?

Given a project folder with a config.yaml and a dataset made by `wakesmith synth` (for example
`wakesmith init DIR && cd DIR && wakesmith synth --wake-word "hey jarvis" --positives 1200 --negatives 2000
--background-minutes 60`), this script:

1. builds the feature stores twice with the same configuration: with the Swift CLI into DIR/work-swift and
   with the Python package into DIR/work-python (`wakesmith features --config ...`; unchanged stores are
   skipped when run again);
2. trains the Python (Keras) trainer with the same configuration and seed on
   - `python`: the Python package's training stores, validated on its validation stores,
   - `swift`: the Swift CLI's training stores, validated on the *same* Python validation stores
     (DIR/work-mixed links the Swift training splits beside the Python validation splits), so the only
     difference between the two runs is who wrote the training stores;
3. with `--swift-trainer`, also trains the Swift trainer on the `swift` configuration (same features, same
   validation data as the Keras run on it): issue 14's Swift-vs-Keras comparison;
4. prints, per run, the checkpoint the configuration's selection rule kept: validation recall and ambient
   false accepts per hour at the 0.5 cutoff, average viable recall, and recall at the largest cutoff with no
   false accept on the ambient validation audio (the "same FAH" point: the FAH of one false accept is
   1/ambient hours).

With `--features-seed N` it builds a second draw of the training stores (features.seed N, so other augmentation
draws) into DIR/work-swift-fN and DIR/work-python-fN and trains on those, still validating on the first draw's
Python validation stores: comparing the Python stores' two draws measures how much one draw of the
augmentation moves the figures, which a Swift-versus-Python difference must exceed to mean anything.

Every command it runs is printed first. Runs that finished (best_metrics.json and the final step in
metrics.jsonl) are not run again, so an interrupted comparison continues where it stopped; --force reruns.

Usage: .venv/bin/python scripts/compare_feature_stores.py DIR [--seeds 1 2] [--swift-trainer] [--features-seed N]
           [--wakesmith .build/release/wakesmith] [--python-wakesmith /tmp/wakesmith-reference-venv/bin/wakesmith]
           [--json OUT]

The Python package left this repository with issue 16: scripts/fixtures/REFERENCE.md says how to install it
from history into /tmp/wakesmith-reference-venv (the --python-wakesmith default).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = ("positive", "negative", "background")


def run(command: list[str], log: Path) -> float:
    """Runs `command` (niced) with its output in `log`; returns the wall seconds; exits on failure."""
    print("$ " + " ".join(command), f"> {log}", flush=True)
    started = time.perf_counter()
    with open(log, "w") as out:
        status = subprocess.call(["nice", "-n", "10", *command], stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    if status != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-5:]
        sys.exit(f"failed ({status}) after {seconds:.0f} s: {' '.join(command)}\n" + "\n".join(tail))
    return seconds


def derived_config(base: dict, work: str, feature_root: str, run_dir: str, seed: int | None,
                   features_seed: int | None = None) -> dict:
    """The base configuration with its feature work folder, feature set paths, run folder, training seed and
    (when given) features seed replaced."""
    config = json.loads(json.dumps(base))
    if features_seed is not None:
        config["features"]["seed"] = features_seed
    config["features"]["work_dir"] = work
    for entry in config["training"]["feature_sets"]:
        entry["path"] = f"{feature_root}/features/{Path(entry['path']).name}"
    config["training"]["run_dir"] = run_dir
    if seed is not None:
        config["training"]["seed"] = seed
    return config


def write_config(folder: Path, name: str, config: dict) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def link_training(folder: Path, name: str, training_source: str) -> None:
    """DIR/name/features/<set>/training → training_source's; every other split → work-python's."""
    for feature_set in SETS:
        target = folder / name / "features" / feature_set
        target.mkdir(parents=True, exist_ok=True)
        for split_folder in sorted((folder / "work-python" / "features" / feature_set).iterdir()):
            if split_folder.name.startswith("."):
                continue
            source = training_source if split_folder.name == "training" else "work-python"
            link = target / split_folder.name
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(folder / source / "features" / feature_set / split_folder.name)


def finished(run_dir: Path, total_steps: int) -> bool:
    metrics = run_dir / "metrics.jsonl"
    if not (run_dir / "best_metrics.json").exists() or not metrics.exists():
        return False
    steps = [json.loads(line).get("step") for line in metrics.read_text().splitlines() if line.strip()]
    return total_steps in steps


def recall_without_false_accepts(record: dict) -> float | None:
    """Highest validation recall over the cutoffs whose ambient FAH is 0 (from the evaluation's curves)."""
    recall, fah = record.get("recall_curve"), record.get("ambient_false_accepts_per_hour_curve")
    if not recall or not fah:
        return None
    values = [r for r, f in zip(recall, fah) if f is not None and f <= 0]
    return max(values) if values else 0.0


def summary(run_dir: Path) -> dict:
    """The kept checkpoint's figures, read from metrics.jsonl (the record of best_metrics.json's step)."""
    best = json.loads((run_dir / "best_metrics.json").read_text())
    records = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines() if line.strip()]
    kept = next((r for r in records if r.get("step") == best["step"] and not r.get("baseline")), best)
    evaluated = [r for r in records if not r.get("baseline")]
    return {
        "best_step": best["step"],
        "recall": kept.get("recall"),
        "fah": kept.get("ambient_false_accepts_per_hour"),
        "average_viable_recall": kept.get("average_viable_recall"),
        "recall_at_zero_fah": recall_without_false_accepts(kept),
        "ambient_hours": kept.get("ambient_hours"),
        "best_average_viable_recall_any_step": max((r.get("average_viable_recall") or 0) for r in evaluated),
        "last_step": evaluated[-1]["step"] if evaluated else None,
    }


def fmt(value, digits=3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="project folder with config.yaml and dataset/")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1], help="training seeds (default: 1)")
    parser.add_argument("--swift-trainer", action="store_true", help="also train the Swift trainer (issue 14)")
    parser.add_argument("--wakesmith", default=str(ROOT / ".build/release/wakesmith"), help="the Swift CLI")
    parser.add_argument("--python-wakesmith", default="/tmp/wakesmith-reference-venv/bin/wakesmith",
                        help="the Python reference's CLI (scripts/fixtures/REFERENCE.md installs it)")
    parser.add_argument("--workers", type=int, default=0, help="feature workers (default: all cores)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--force", action="store_true", help="rerun finished training runs")
    parser.add_argument("--features-seed", type=int,
                        help="train on a second draw of the training stores made with this features.seed "
                             "(validation stays on the first draw's Python stores)")
    args = parser.parse_args()
    if not Path(args.python_wakesmith).exists():
        sys.exit(f"no Python reference CLI at {args.python_wakesmith}: install it as scripts/fixtures/REFERENCE.md "
                 "says, or pass --python-wakesmith PATH")

    folder = args.folder.resolve()
    os.chdir(folder)
    base = yaml.safe_load((folder / "config.yaml").read_text())
    total_steps = sum(base["training"]["training_steps"])
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    timings: dict[str, float] = {}

    # 1. Feature stores, once per implementation (same configuration, same features.seed).
    workers = ["--workers", str(args.workers)]
    draws = [("", None)] + ([(f"-f{args.features_seed}", args.features_seed)] if args.features_seed is not None else [])
    for suffix, features_seed in draws:
        for language, cli in (("swift", args.wakesmith), ("python", args.python_wakesmith)):
            work = f"work-{language}{suffix}"
            config = write_config(folder, f"config-features-{language}{suffix}.yaml",
                                  derived_config(base, work, work, f"{work}/run", None, features_seed))
            timings[f"features {language}{suffix}"] = run([cli, "features", "--config", str(config), *workers],
                                                          logs / f"features-{language}{suffix}.log")
    suffix = draws[-1][0]
    link_training(folder, f"work-mixed{suffix}", f"work-swift{suffix}")
    if suffix:
        link_training(folder, f"work-pytrain{suffix}", f"work-python{suffix}")

    # 2./3. Training runs.
    results = []
    for seed in args.seeds:
        plans = [("keras", "python", f"work-pytrain{suffix}" if suffix else "work-python"),
                 ("keras", "swift", f"work-mixed{suffix}")]
        if args.swift_trainer:
            plans.append(("swift", "swift", f"work-mixed{suffix}"))
        for trainer, stores, root in plans:
            name = f"{trainer}-{stores}{suffix}-seed{seed}"
            run_dir = folder / "runs" / name
            config = write_config(folder, f"config-{name}.yaml",
                                  derived_config(base, root, root, str(run_dir), seed))
            if args.force or not finished(run_dir, total_steps):
                command = ([args.python_wakesmith, "train", "--config", str(config)] if trainer == "keras"
                           else [args.wakesmith, "train", "--config", str(config), "--quiet"])
                load = os.getloadavg()[0]
                seconds = run(command, logs / f"train-{name}.log")
                timings[f"train {name}"] = seconds
                print(f"  {seconds:.0f} s, load average before {load:.2f}", flush=True)
            results.append({"trainer": trainer, "training_stores": stores + suffix, "seed": seed, **summary(run_dir)})

    print()
    print("trainer  training stores  seed  best step  recall  FAH    avg viable recall  recall at 0 FAH  ambient h")
    for r in results:
        print(f"{r['trainer']:8} {r['training_stores']:16} {r['seed']:5} {r['best_step']:10} {fmt(r['recall']):7} "
              f"{fmt(r['fah'], 2):6} {fmt(r['average_viable_recall']):18} {fmt(r['recall_at_zero_fah']):16} "
              f"{fmt(r['ambient_hours'])}")
    print("timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "seconds": timings}, indent=1))


if __name__ == "__main__":
    main()
