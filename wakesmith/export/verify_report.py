"""Results of `wakesmith verify`: named checks, one line each, per model and for a group of models."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Status = Literal["pass", "warn", "fail", "info"]


@dataclass(frozen=True)
class Check:
    """One named verification result; `message` is a single line a user can act on."""

    name: str
    status: Status
    message: str


@dataclass
class ModelReport:
    """Everything verify learned about one manifest or .tflite."""

    path: Path
    kind: Literal["manifest", "tflite"]
    checks: list[Check] = field(default_factory=list)
    model_path: Path | None = None
    legacy_manifest: bool = False
    tensor_arena_size: int | None = None  # the manifest's value
    minimal_arena: int | None = None  # alignment-safe minimum (arena.minimal_arena)
    host_minimal_arena: int | None = None  # this host's 16-byte aligned minimum
    resource_variables: int | None = None
    ops: list[str] = field(default_factory=list)
    required_esphome_version: str | None = None
    stride: int | None = None

    def add(self, name: str, status: Status, message: str) -> Check:
        check = Check(name, status, message)
        self.checks.append(check)
        return check

    @property
    def ok(self) -> bool:
        """True when nothing failed: the model will load on ESPHome."""
        return bool(self.checks) and not any(check.status == "fail" for check in self.checks)

    @property
    def margin(self) -> float | None:
        """(manifest arena − minimal) / minimal, when both are known."""
        if self.tensor_arena_size is None or not self.minimal_arena:
            return None
        return (self.tensor_arena_size - self.minimal_arena) / self.minimal_arena

    def to_dict(self) -> dict[str, Any]:
        data = {
            "path": str(self.path),
            "kind": self.kind,
            "ok": self.ok,
            "model_path": str(self.model_path) if self.model_path else None,
            "legacy_manifest": self.legacy_manifest,
            "tensor_arena_size": self.tensor_arena_size,
            "minimal_arena": self.minimal_arena,
            "host_minimal_arena": self.host_minimal_arena,
            "arena_margin": round(self.margin, 4) if self.margin is not None else None,
            "resource_variables": self.resource_variables,
            "ops": self.ops,
            "required_esphome_version": self.required_esphome_version,
            "stride": self.stride,
            "checks": [asdict(check) for check in self.checks],
        }
        return data


@dataclass
class VerifyResult:
    """All models plus, for several, whether they fit on one device together."""

    models: list[ModelReport]
    group: list[Check] = field(default_factory=list)
    total_arena: int | None = None
    total_resource_variables: int | None = None

    @property
    def ok(self) -> bool:
        return all(model.ok for model in self.models) and not any(c.status == "fail" for c in self.group)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "models": [model.to_dict() for model in self.models],
            "group": {
                "checks": [asdict(check) for check in self.group],
                "total_tensor_arena_size": self.total_arena,
                "total_resource_variables": self.total_resource_variables,
            }
            if len(self.models) > 1
            else None,
        }
