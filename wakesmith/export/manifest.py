"""The ESPHome model manifest (SPEC §3): a closed V2 schema, read and written exactly.

ESPHome rejects the whole device config when a manifest has one extra key, with a misleading
"[micro_wake_word] is an invalid option"; so every model here forbids extra keys and uses strict types (a
string for an integer, or a number for the version string, is an error that names the key). Legacy V1
manifests are read for verification only and are never written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wakesmith.atomic import write_text_atomic
from wakesmith.errors import WakesmithError
from wakesmith.export.esphome import MAX_FEATURE_STEP_SIZE, parse_version

EXTRA_KEY_HINT = 'extra key; ESPHome rejects the whole config ("[micro_wake_word] is an invalid option")'


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _check_version(value: str) -> str:
    parse_version(value)  # raises ValueError with the offending text
    return value


def _check_url(value: str | None) -> str | None:
    if value is None:
        return value
    parts = urlparse(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


class MicroSettings(_Closed):
    """The V2 `micro` block: exactly these five keys, in the official files' order."""

    probability_cutoff: float = Field(gt=0, lt=1)
    feature_step_size: int = Field(ge=0, le=MAX_FEATURE_STEP_SIZE)
    sliding_window_size: int = Field(ge=1)
    tensor_arena_size: int = Field(gt=0)
    minimum_esphome_version: str

    @field_validator("minimum_esphome_version")
    @classmethod
    def _version(cls, value: str) -> str:
        return _check_version(value)


class Manifest(_Closed):
    """A version 2 manifest: what `wakesmith export` writes and ESPHome 2024.7+ reads."""

    type: Literal["micro"] = "micro"
    wake_word: str
    author: str
    website: str | None = None
    model: str
    trained_languages: list[str]
    version: Literal[2] = 2
    micro: MicroSettings

    @field_validator("website")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _check_url(value)

    @property
    def is_legacy(self) -> bool:
        return False


class LegacyMicroSettings(_Closed):
    """The V1 `micro` block (ESPHome before 2024.7): no arena, no step size."""

    probability_cutoff: float = Field(gt=0, lt=1)
    sliding_window_average_size: int = Field(ge=1)
    minimum_esphome_version: str

    @field_validator("minimum_esphome_version")
    @classmethod
    def _version(cls, value: str) -> str:
        return _check_version(value)


class LegacyManifestV1(_Closed):
    """A version 1 manifest: read for verification only (flagged legacy), never written."""

    type: Literal["micro"] = "micro"
    wake_word: str
    author: str
    website: str | None = None
    model: str
    trained_languages: list[str] | None = None
    version: Literal[1] = 1
    micro: LegacyMicroSettings

    @field_validator("website")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return _check_url(value)

    @property
    def is_legacy(self) -> bool:
        return True


AnyManifest = Manifest | LegacyManifestV1


class ManifestError(WakesmithError):
    """A manifest ESPHome would reject; `problems` holds one line per offending key."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _describe(error: dict[str, Any]) -> str:
    """One pydantic error → 'micro.key: what is wrong' in ESPHome terms."""
    loc = ".".join(str(part) for part in error["loc"]) or "(top level)"
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return f"{loc}: {EXTRA_KEY_HINT}"
    if kind == "missing":
        return f"{loc}: missing key"
    if loc.endswith("minimum_esphome_version") and kind == "string_type":
        return f'{loc}: must be a string "MAJOR.MINOR.PATCH" such as "2024.7.0", got {type(value).__name__} {value!r}'
    if kind == "int_type":
        return f"{loc}: must be an integer, got {type(value).__name__} {value!r}"
    if kind == "float_type":
        return f"{loc}: must be a number, got {type(value).__name__} {value!r}"
    if kind in ("string_type", "list_type", "dict_type", "model_type"):
        expected = {"string_type": "a string", "list_type": "a list", "dict_type": "an object"}.get(kind, "an object")
        return f"{loc}: must be {expected}, got {type(value).__name__} {value!r}"
    if kind == "literal_error":
        return f"{loc}: {error['msg'].lower()}, got {value!r}"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return f"{loc}: {message[0].lower() + message[1:]}"


def validate_manifest_data(data: Any) -> tuple[AnyManifest | None, list[str]]:
    """Parsed JSON → (manifest, []) or (None, one line per problem). Version 1 data becomes a legacy manifest."""
    if not isinstance(data, dict):
        return None, [f"(top level): must be a JSON object, got {type(data).__name__}"]
    cls = LegacyManifestV1 if data.get("version") == 1 else Manifest
    # `type` and `version` have defaults for building a manifest in code, but a file must carry them.
    problems = [f"{key}: missing key" for key in ("type", "version") if key not in data]
    try:
        manifest = cls.model_validate(data)
    except ValidationError as error:
        manifest = None
        problems += [_describe(item) for item in error.errors()]
    return (None, problems) if problems else (manifest, [])


def read_manifest(path: Path | str) -> AnyManifest:
    """Read and strictly validate a manifest; raises ManifestError (a WakesmithError) with every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError(path, ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(path, [f"cannot read: {error}"]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        raise ManifestError(path, [problem]) from None
    manifest, problems = validate_manifest_data(data)
    if manifest is None:
        raise ManifestError(path, problems)
    return manifest


def manifest_text(manifest: Manifest) -> str:
    """Pretty JSON in the official files' layout: one key per line, lists of strings inline."""
    if not isinstance(manifest, Manifest):
        raise WakesmithError("only version 2 manifests are written; legacy V1 manifests are read-only")
    data = manifest.model_dump(exclude_none=True)

    def block(mapping: dict[str, Any], indent: int) -> str:
        pad = " " * indent
        lines = []
        for key, value in mapping.items():
            rendered = block(value, indent + 2) if isinstance(value, dict) else json.dumps(value, ensure_ascii=False)
            lines.append(f"{pad}{json.dumps(key)}: {rendered}")
        return "{\n" + ",\n".join(lines) + "\n" + " " * (indent - 2) + "}"

    return block(data, 2) + "\n"


def write_manifest(manifest: Manifest, path: Path | str) -> Path:
    """Write a V2 manifest atomically (temp file in the same folder, then rename)."""
    path = Path(path)
    if not isinstance(manifest, Manifest):
        raise WakesmithError("only version 2 manifests are written; legacy V1 manifests are read-only")
    checked, problems = validate_manifest_data(manifest.model_dump(exclude_none=True))  # never write a bad one
    if checked is None:
        raise ManifestError(path, problems)
    return write_text_atomic(path, manifest_text(checked))


def model_location(manifest: AnyManifest, manifest_path: Path | str) -> Path | str:
    """The .tflite a manifest names: a Path relative to the manifest's folder, or the URL string as is."""
    if urlparse(manifest.model).scheme in ("http", "https"):
        return manifest.model
    return Path(manifest_path).parent / manifest.model
