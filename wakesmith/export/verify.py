"""`wakesmith verify`: prove a model will load on ESPHome before anyone flashes it (SPEC §2–§3).

A PATH is a manifest (.json; its `model` is relative to it) or a bare .tflite (manifest checks skipped, with
what a manifest would need reported instead). Each check is a named pass/warn/fail/info line; a model "will
load" when nothing failed. Bad files never raise: they become failed checks.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

from wakesmith.errors import WakesmithError
from wakesmith.export import esphome
from wakesmith.export.manifest import LegacyManifestV1, Manifest, validate_manifest_data
from wakesmith.export.tflite_model import read_tflite
from wakesmith.export.verify_models import check_model
from wakesmith.export.verify_report import Check, ModelReport, VerifyResult

DEFAULT_STRIDES = 50
# ESPHome's StreamingModel creates its variable arena and MicroResourceVariables(20) per model, and official
# firmware runs okay_nabu + hey_jarvis + … (6 variables each) together; so the sum over models is reported and
# warned about, not failed. Flip this if a device ever shares one MicroResourceVariables between models.
SHARED_RESOURCE_VARIABLES = False


def verify_paths(paths: list[Path | str], strides: int = DEFAULT_STRIDES, seed: int = 0) -> VerifyResult:
    """Verify each path, then (for several) whether they fit on one device together."""
    reports = [verify_path(path, strides=strides, seed=seed) for path in paths]
    result = VerifyResult(reports)
    if len(reports) > 1:
        _check_group(result)
    return result


def verify_path(path: Path | str, strides: int = DEFAULT_STRIDES, seed: int = 0) -> ModelReport:
    """Verify one manifest or .tflite; never raises for a bad file."""
    path = Path(path)
    if path.suffix.lower() == ".tflite":
        report = ModelReport(path, "tflite", model_path=path)
        _check_tflite_path(report, None, strides, seed)
        return report
    report = ModelReport(path, "manifest")
    manifest = _check_manifest(report)
    if report.model_path is not None:
        _check_tflite_path(report, manifest, strides, seed)
    return report


def _check_manifest(report: ModelReport) -> Manifest | LegacyManifestV1 | None:
    path = report.path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.add("manifest", "fail", f"{path}: file not found")
        return None
    except (OSError, UnicodeDecodeError) as error:
        report.add("manifest", "fail", f"{path}: cannot read ({error})")
        return None
    except json.JSONDecodeError as error:
        report.add("manifest", "fail", f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
        return None
    manifest, problems = validate_manifest_data(data)
    for problem in problems:
        report.add("manifest schema", "fail", problem)
    if manifest is None:
        report.add("manifest schema", "info", "ESPHome validates manifests strictly; fix every line above")
    elif manifest.is_legacy:
        report.legacy_manifest = True
        report.add(
            "manifest schema",
            "warn",
            "legacy version 1 manifest (sliding_window_average_size, no tensor_arena_size): read-only here; "
            "re-export with wakesmith to get a V2 manifest with a measured arena",
        )
    else:
        report.add("manifest schema", "pass", "version 2 manifest, closed schema, strict types")
        report.tensor_arena_size = manifest.micro.tensor_arena_size
        _check_settings(report, manifest)
    model = data.get("model") if isinstance(data, dict) else None
    if isinstance(model, str) and model:
        if urlparse(model).scheme in ("http", "https"):
            report.add("model file", "fail", f"model is a URL ({model}); download it and verify the local copy")
        else:
            report.model_path = path.parent / model
    elif manifest is not None or isinstance(data, dict):
        report.add("model file", "fail", "the manifest names no model file")
    return manifest


def _check_settings(report: ModelReport, manifest: Manifest) -> None:
    """Sanity of the detection settings (the schema already enforced types and ranges)."""
    micro = manifest.micro
    if micro.feature_step_size != 10:
        report.add(
            "feature step",
            "warn",
            f"feature_step_size is {micro.feature_step_size} ms; wakesmith and the official models use 10",
        )
    threshold = int(micro.probability_cutoff * 255)
    if threshold >= 254:
        report.add(
            "probability cutoff",
            "warn",
            f"probability_cutoff {micro.probability_cutoff} needs a window mean above {threshold}/255: "
            "practically never fires",
        )
    elif micro.probability_cutoff < 0.5:
        report.add(
            "probability cutoff",
            "warn",
            f"probability_cutoff {micro.probability_cutoff} is below 0.5: expect many false accepts",
        )
    else:
        report.add(
            "probability cutoff",
            "pass",
            f"probability_cutoff {micro.probability_cutoff}: detection when the window mean exceeds {threshold}/255",
        )


def _check_tflite_path(
    report: ModelReport, manifest: Manifest | LegacyManifestV1 | None, strides: int, seed: int
) -> None:
    try:
        model_bytes, info = read_tflite(report.model_path)
    except WakesmithError as error:
        report.add("flatbuffer", "fail", str(error))
        return
    check_model(report, model_bytes, info, manifest, strides, seed)


def _check_group(result: VerifyResult) -> None:
    """Several models on one device: summed resource variables and arenas against ESPHome's limits."""
    models = result.models
    variables = [m.resource_variables for m in models]
    if all(v is not None for v in variables):
        total = sum(variables)
        result.total_resource_variables = total
        limit = esphome.MAX_RESOURCE_VARIABLES
        parts = f"{total} in total ({' + '.join(map(str, variables))})"
        if total <= limit:
            status, message = "pass", f"{parts} ≤ {limit}: fits even one shared MicroResourceVariables"
        elif SHARED_RESOURCE_VARIABLES:
            status, message = "fail", f"{parts} > {limit} in the device's one MicroResourceVariables"
        else:
            status, message = (
                "warn",
                (
                    f"{parts} > {limit}: fine while each model has its own MicroResourceVariables of {limit} "
                    "(ESPHome's StreamingModel), too many if a firmware shares one"
                ),
            )
        result.group.append(Check("resource variables (together)", status, message))
    else:
        result.group.append(
            Check("resource variables (together)", "info", "skipped: not known for every model (see above)")
        )
    arenas = [m.tensor_arena_size if m.tensor_arena_size is not None else m.minimal_arena for m in models]
    if all(a is not None for a in arenas):
        result.total_arena = sum(arenas)
        result.group.append(
            Check(
                "tensor arenas (together)",
                "info",
                f"{result.total_arena} bytes in total ({' + '.join(map(str, arenas))}); ESPHome allocates each "
                "model's arena separately on the heap (PSRAM when present): the device needs that much free "
                "memory (not checked here; each arena was checked against its model)",
            )
        )
    names = [m.model_path.resolve() for m in models if m.model_path is not None]
    if len(set(names)) < len(names):
        result.group.append(Check("duplicates", "warn", "the same .tflite appears more than once"))
