"""`export_model`: trained weights → `<name>.tflite` + V2 manifest + `<name>.export.json`, proven to load.

Order of work: load weights → streaming TF model → int8 conversion with representative strides from the
training stores → check the flatbuffer against ESPHome's contract (ops, tensors, variables) → write the
.tflite → measure the smallest arena in tflite_micro → write the manifest with the measured arena plus a
stated margin → compare int8 against float decisions on the test stores → write the export report.
Every file is written atomically, so a killed export never leaves a half-written model beside a manifest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wakesmith.atomic import write_bytes_atomic
from wakesmith.config.models import WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.export import esphome
from wakesmith.export.agreement import AgreementReport, clip_agreement, testing_store_clips
from wakesmith.export.arena import minimal_arena
from wakesmith.export.manifest import Manifest, MicroSettings, write_manifest
from wakesmith.export.tflite_model import TFLiteInfo, parse_tflite
from wakesmith.features.frontend import STEP_MS
from wakesmith.model.architecture import MixedNetGeometry

ARENA_ALIGNMENT = 16
Status = Callable[[str], None]


@dataclass
class ExportResult:
    tflite_path: Path
    manifest_path: Path
    report_path: Path
    minimal_arena: int
    tensor_arena_size: int
    ops: tuple[str, ...]
    minimum_esphome_version: str
    agreement: AgreementReport | None = None
    notes: list[str] = field(default_factory=list)


def arena_size_for_manifest(minimal: int, margin: float) -> int:
    """minimal × (1 + margin), rounded up to a multiple of 16 bytes."""
    value = math.ceil(minimal * (1.0 + margin))
    return -(-value // ARENA_ALIGNMENT) * ARENA_ALIGNMENT


def display_wake_word(phrase: str) -> str:
    """'hey jarvis' → 'Hey Jarvis' (the official manifests' style); other capitals are kept."""
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())


def check_streaming_contract(info: TFLiteInfo, expected_variables: int) -> None:
    """Refuse to write a model ESPHome would not run (SPEC §2); one line per failure kind."""
    missing = esphome.unsupported_ops(info.ops)
    if missing:
        raise WakesmithError(f"the converted model uses op(s) ESPHome lacks: {', '.join(missing)}")
    if info.resource_variables != expected_variables:
        raise WakesmithError(
            f"the converted model has {info.resource_variables} resource variables, expected {expected_variables}"
        )
    if expected_variables and (info.subgraph_count != 2 or not info.starts_with_call_once):
        raise WakesmithError("the converted model does not initialise its state through CALL_ONCE in a 2nd subgraph")
    if info.resource_variables > esphome.MAX_RESOURCE_VARIABLES:
        raise WakesmithError(
            f"the model needs {info.resource_variables} streaming buffers; ESPHome holds at most "
            f"{esphome.MAX_RESOURCE_VARIABLES}: use fewer blocks or repeats"
        )


def build_manifest(config: WakesmithConfig, name: str, arena: int, version: str) -> Manifest:
    wake = config.wake_word
    return Manifest(
        wake_word=display_wake_word(wake.phrase),
        author=wake.author,
        website=wake.website,
        model=f"{name}.tflite",
        trained_languages=list(wake.languages),
        micro=MicroSettings(
            probability_cutoff=float(config.export.probability_cutoff),
            feature_step_size=STEP_MS,
            sliding_window_size=config.export.sliding_window_size,
            tensor_arena_size=arena,
            minimum_esphome_version=version,
        ),
    )


def convert_weights(config: WakesmithConfig, weights, status: Status) -> bytes:
    """Streaming model + calibration + conversion (TensorFlow imported here, not at module import)."""
    from wakesmith.export.convert import convert_streaming_model
    from wakesmith.export.representative import representative_strides
    from wakesmith.export.streaming_graph import build_streaming_model

    model = build_streaming_model(config.model, weights)
    status(f"reading {config.export.representative_samples} representative strides from the training stores")
    representative = representative_strides(config)
    status(f"converting to int8 TFLite ({len(representative)} calibration strides)")
    return convert_streaming_model(model, representative)


def export_model(
    config: WakesmithConfig,
    weights_path: Path | str | None = None,
    name: str | None = None,
    status: Status | None = None,
    check_agreement: bool = True,
    on_clip: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Export the trained model; raises WakesmithError with one line for anything the user can fix."""
    from wakesmith.model.weights_io import load_weights

    status = status or (lambda message: None)
    name = name or config.export.model_name
    weights_path = Path(weights_path) if weights_path else config.training.run_dir / "best_weights.npz"
    if not weights_path.is_file():
        raise WakesmithError(f"weights {weights_path} not found: run `wakesmith train` first or pass --weights")
    try:
        weights = load_weights(weights_path)
    except (OSError, KeyError, ValueError) as error:
        raise WakesmithError(f"cannot read weights {weights_path}: {error}") from None

    model_bytes = convert_weights(config, weights, status)
    info = parse_tflite(model_bytes, "converted model")
    check_streaming_contract(info, MixedNetGeometry(config.model).streaming_state_count())
    version = esphome.minimum_esphome_version(info.ops)

    status(f"converted ({len(model_bytes)} bytes, ops {', '.join(info.ops)}); measuring the smallest arena")
    minimal = minimal_arena(model_bytes)  # before writing: model and manifest land together, never one alone
    arena = arena_size_for_manifest(minimal, config.export.arena_margin)
    out_dir = Path(config.export.output_dir)
    tflite_path = write_bytes_atomic(out_dir / f"{name}.tflite", model_bytes)
    manifest_path = write_manifest(build_manifest(config, name, arena, version), out_dir / f"{name}.json")
    status(
        f"wrote {tflite_path} and {manifest_path.name}: tensor_arena_size {arena} "
        f"(measured {minimal} + {config.export.arena_margin:.0%}), minimum ESPHome {version}"
    )

    result = ExportResult(
        tflite_path, manifest_path, out_dir / f"{name}.export.json", minimal, arena, info.ops, version
    )
    if check_agreement:
        result.agreement = _agreement(config, weights, model_bytes, arena, status, on_clip, result.notes)
    _write_report(config, weights_path, info, result)
    return result


def _agreement(config, weights, model_bytes, arena, status, on_clip, notes) -> AgreementReport | None:
    try:
        clips = testing_store_clips(config, config.export.agreement_max_clips)
    except WakesmithError as error:
        notes.append(f"float vs int8 agreement skipped: {error}")
        status(notes[-1])
        return None
    status(f"comparing int8 against float decisions on {len(clips)} test clips")
    report = clip_agreement(
        config.model,
        weights,
        model_bytes,
        arena,
        clips,
        config.export.probability_cutoff,
        on_clip=(lambda done: on_clip(done, len(clips))) if on_clip else None,
    )
    status(report.summary())
    return report


def _write_report(config: WakesmithConfig, weights_path: Path, info: TFLiteInfo, result: ExportResult) -> None:
    """`<name>.export.json`: what the manifest's closed schema cannot hold (model card facts)."""
    report = {
        "weights": str(weights_path),
        "tflite": result.tflite_path.name,
        "manifest": result.manifest_path.name,
        "size_bytes": info.size_bytes,
        "ops": list(info.ops),
        "resource_variables": info.resource_variables,
        "stride": config.model.stride,
        "input": {
            "dtype": info.inputs[0].dtype,
            "shape": list(info.inputs[0].shape),
            "scale": info.inputs[0].scale,
            "zero_point": info.inputs[0].zero_point,
        },
        "output": {
            "dtype": info.outputs[0].dtype,
            "shape": list(info.outputs[0].shape),
            "scale": info.outputs[0].scale,
            "zero_point": info.outputs[0].zero_point,
        },
        "minimal_arena": result.minimal_arena,
        "arena_margin": config.export.arena_margin,
        "tensor_arena_size": result.tensor_arena_size,
        "minimum_esphome_version": result.minimum_esphome_version,
        "representative_samples": config.export.representative_samples,
        "probability_cutoff": config.export.probability_cutoff,
        "agreement": result.agreement.to_dict() if result.agreement else None,
        "notes": result.notes,
    }
    write_bytes_atomic(result.report_path, (json.dumps(report, indent=2) + "\n").encode())
