"""The .tflite half of `wakesmith verify`: what ESPHome checks when it loads a model, and running it in TFLM."""

from __future__ import annotations

import math

import numpy as np

from wakesmith.errors import WakesmithError
from wakesmith.export import esphome
from wakesmith.export.arena import ALIGNMENT_SLACK, host_minimal_arena, probe_arena
from wakesmith.export.manifest import LegacyManifestV1, Manifest
from wakesmith.export.micro_probe import MicroChild
from wakesmith.export.tflite_model import TFLiteInfo
from wakesmith.export.verify_report import ModelReport

SUGGESTED_MARGIN = 0.10  # what a manifest for a bare .tflite should add on top of the minimal arena
MAX_WINDOW_MS = 1000  # longer windows average over more than any wake word lasts


def check_model(
    report: ModelReport,
    model_bytes: bytes,
    info: TFLiteInfo,
    manifest: Manifest | LegacyManifestV1 | None,
    strides: int,
    seed: int,
) -> None:
    """Add every model check to `report` (flatbuffer, ops, versions, tensors, variables, arena, determinism)."""
    if info.schema_version == esphome.FLATBUFFER_SCHEMA_VERSION:
        subgraphs = f"{info.subgraph_count} subgraph{'s' if info.subgraph_count != 1 else ''}"
        report.add("flatbuffer", "pass", f"schema version 3, {subgraphs}, {info.size_bytes} bytes")
    else:
        report.add("flatbuffer", "fail", f"schema version {info.schema_version}; ESPHome loads only version 3")
    report.ops = list(info.ops)
    report.resource_variables = info.resource_variables
    report.stride = info.stride
    _check_ops(report, info, manifest)
    _check_input(report, info)
    _check_output(report, info)
    _check_state(report, info)
    if isinstance(manifest, Manifest) and info.stride:
        _check_window(report, manifest, info.stride)
    arena = _check_arena(report, model_bytes, manifest)
    if arena is not None:
        _check_determinism(report, model_bytes, arena, strides, seed)


def _check_ops(report: ModelReport, info: TFLiteInfo, manifest: Manifest | LegacyManifestV1 | None) -> None:
    missing = esphome.unsupported_ops(info.ops)
    for op in missing:
        report.add(
            "ops",
            "fail",
            f'op {op} is not supported by any ESPHome release (the device logs "Didn\'t find op" and never runs '
            "the model)",
        )
    if missing:
        return
    required = esphome.minimum_esphome_version(info.ops)
    report.required_esphome_version = required
    report.add("ops", "pass", f"{len(info.ops)} ops, all registered by ESPHome ≥ {required}")
    if manifest is None:
        report.add("esphome version", "info", f'a manifest needs "minimum_esphome_version": "{required}" (or later)')
        return
    declared = manifest.micro.minimum_esphome_version
    if manifest.is_legacy:  # V1 manifests predate the V2 floor: only the ops and a stride > 1 raise it
        versions = [esphome.OP_FIRST_VERSION[op] for op in info.ops] + [esphome.FIRST_RELEASE]
        if (info.stride or 1) > 1:
            versions.append(esphome.V2_MANIFEST_VERSION)
        required = max(versions, key=esphome.parse_version)
    if esphome.version_at_least(declared, required):
        report.add("esphome version", "pass", f"minimum_esphome_version {declared} ≥ {required} needed by the ops")
    else:
        newer = sorted(op for op in info.ops if not esphome.version_at_least(declared, esphome.OP_FIRST_VERSION[op]))
        reasons = [f"op{'s' if len(newer) > 1 else ''} {', '.join(newer)}"] if newer else []
        if manifest.is_legacy and (info.stride or 1) > 1 and not esphome.version_at_least(declared, required):
            reasons.append(f"a stride-{info.stride} input (older releases required [1, 1, 40])")
        why = " and ".join(reasons) or "a V2 manifest"
        report.add(
            "esphome version",
            "fail",
            f"minimum_esphome_version {declared} is too old for {why}: ESPHome ≥ {required} is needed",
        )


def _check_input(report: ModelReport, info: TFLiteInfo) -> None:
    if not info.inputs:
        report.add("input", "fail", "the model has no input tensor")
        return
    tensor = info.inputs[0]
    shape = list(tensor.shape)
    problems = []
    if tensor.dtype != esphome.INPUT_DTYPE:
        problems.append(f"dtype {tensor.dtype} (ESPHome feeds int8)")
    if len(shape) != esphome.INPUT_RANK or shape[0] != 1 or shape[2] != esphome.FEATURES:
        problems.append(f"shape {shape} (ESPHome needs [1, stride, {esphome.FEATURES}])")
    elif not 1 <= shape[1] <= esphome.MAX_STRIDE:
        problems.append(f"stride {shape[1]} (must be 1–{esphome.MAX_STRIDE})")
    if problems:
        report.add("input", "fail", "input 0: " + "; ".join(problems))
        return
    if tensor.zero_point != esphome.EXPECTED_INPUT_ZERO_POINT:
        report.add(
            "input",
            "fail",
            f"input zero point {tensor.zero_point}: the device maps features with zero point "
            f"{esphome.EXPECTED_INPUT_ZERO_POINT} whatever the tensor says, so this model would see shifted inputs",
        )
        return
    report.add("input", "pass", f"int8 {shape}, stride {shape[1]}, zero point {tensor.zero_point}")
    scale = tensor.scale
    expected = esphome.EXPECTED_INPUT_SCALE
    if scale is None or abs(scale - expected) > esphome.INPUT_SCALE_TOLERANCE * expected:
        report.add(
            "input scale",
            "warn",
            f"input scale {scale} is not ≈ 26/255 = {expected:.6f}: the device ignores it, so the model sees "
            "inputs scaled differently from training",
        )


def _check_output(report: ModelReport, info: TFLiteInfo) -> None:
    if not info.outputs:
        report.add("output", "fail", "the model has no output tensor")
        return
    tensor = info.outputs[0]
    if tensor.dtype != esphome.OUTPUT_DTYPE or tuple(tensor.shape) != esphome.OUTPUT_SHAPE:
        report.add("output", "fail", f"output 0 is {tensor.dtype} {list(tensor.shape)}; ESPHome needs uint8 [1, 1]")
        return
    report.add("output", "pass", "uint8 [1, 1] (the device reads probability as raw / 255)")
    if tensor.scale is not None and not math.isclose(tensor.scale, esphome.OUTPUT_SCALE) or tensor.zero_point != 0:
        report.add(
            "output scale",
            "warn",
            f"output scale {tensor.scale}, zero point {tensor.zero_point}; official models use 1/256 and 0 "
            "(the device reads raw / 255 regardless)",
        )


def _check_window(report: ModelReport, manifest: Manifest, stride: int) -> None:
    """The sliding window spans sliding_window_size inferences of `stride` frames each."""
    micro = manifest.micro
    span_ms = micro.sliding_window_size * stride * micro.feature_step_size
    if span_ms > MAX_WINDOW_MS:
        report.add(
            "sliding window",
            "warn",
            f"sliding_window_size {micro.sliding_window_size} averages {span_ms} ms of outputs: a wake word's "
            f"peak is shorter, so detections get rare (official models: 5 × 30 ms)",
        )
    else:
        report.add("sliding window", "pass", f"sliding_window_size {micro.sliding_window_size} = {span_ms} ms")


def _check_state(report: ModelReport, info: TFLiteInfo) -> None:
    count = info.resource_variables
    if count > esphome.MAX_RESOURCE_VARIABLES:
        report.add(
            "resource variables",
            "fail",
            f"{count} resource variables; ESPHome has room for {esphome.MAX_RESOURCE_VARIABLES}",
        )
    elif count == 0:
        report.add("resource variables", "warn", "no resource variables: the model keeps no streaming state")
    else:
        report.add("resource variables", "pass", f"{count} of {esphome.MAX_RESOURCE_VARIABLES}")
    if count and not info.starts_with_call_once:
        report.add("state init", "warn", "subgraph 0 does not start with CALL_ONCE: state may not be initialised")


def _check_arena(report: ModelReport, model_bytes: bytes, manifest: Manifest | LegacyManifestV1 | None) -> int | None:
    """Measure the minimal arena and run with the manifest's; returns an arena that works, or None."""
    try:
        host = host_minimal_arena(model_bytes)
    except WakesmithError as error:
        report.add("tflite_micro", "fail", f"does not run in tflite_micro: {error}")
        return None
    needed = host + ALIGNMENT_SLACK
    report.host_minimal_arena, report.minimal_arena = host, needed
    declared = report.tensor_arena_size
    if declared is None:
        suggestion = needed + math.ceil(needed * SUGGESTED_MARGIN)
        if manifest is not None and manifest.is_legacy:
            report.add("arena", "info", f"legacy manifest has no tensor_arena_size; the model needs {needed} bytes")
        else:
            report.add(
                "arena",
                "info",
                f"needs at least {needed} bytes; a manifest should say tensor_arena_size ≥ {needed} "
                f"(e.g. {suggestion} with a 10 % margin)",
            )
        return suggestion
    probe = probe_arena(model_bytes, declared)
    if declared < host or not probe.ok:
        reason = "" if declared < host else f" ({probe.reason})"
        report.add(
            "arena",
            "fail",
            f"tensor_arena_size {declared} is too small: the model needs at least {needed} bytes{reason}",
        )
        return needed
    margin = (declared - needed) / needed
    if declared < needed:
        report.add(
            "arena",
            "warn",
            f"tensor_arena_size {declared} fits only a 16-byte aligned arena buffer; "
            f"the model needs {needed} bytes when the device's buffer is unaligned",
        )
    elif margin < 0.02:
        report.add("arena", "warn", f"tensor_arena_size {declared} ≥ {needed} needed, but only {margin:.1%} margin")
    else:
        report.add("arena", "pass", f"tensor_arena_size {declared} ≥ {needed} needed (margin {margin:.1%})")
    return declared


def _check_determinism(report: ModelReport, model_bytes: bytes, arena: int, strides: int, seed: int) -> None:
    """Two fresh interpreters, same random int8 stream: identical outputs, or the state leaks/uninitialised."""
    with MicroChild(model_bytes) as child:
        reply = child.request({"cmd": "stream", "arena": int(arena), "strides": int(strides), "seed": int(seed)})
    if not reply.get("ok"):
        log = next((line for line in reply.get("log", "").splitlines() if line.strip()), "")
        report.add("runs in tflite_micro", "fail", f"{reply.get('error', 'failed')}{': ' + log if log else ''}")
        return
    first, second = (np.asarray(run) for run in reply["runs"])
    if first.shape == second.shape and np.array_equal(first, second):
        spread = f"outputs {int(first.min())}–{int(first.max())}" if first.size else "no outputs"
        report.add(
            "runs in tflite_micro",
            "pass",
            f"{strides} strides in {arena} bytes; two fresh interpreters agree exactly ({spread})",
        )
    else:
        differing = int(np.sum(first != second)) if first.shape == second.shape else strides
        report.add(
            "runs in tflite_micro",
            "fail",
            f"two fresh interpreters disagree on {differing} of {strides} strides: state is not initialised "
            "deterministically",
        )
