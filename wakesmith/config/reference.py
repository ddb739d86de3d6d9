"""Generate the config reference (docs/config-reference.md) from the typed models, so it cannot drift.

Regenerate with `python -m wakesmith.config.reference > docs/config-reference.md`; a test fails when the
committed file differs from what the models say.
"""

from __future__ import annotations

import json
import typing

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from wakesmith.config.models import WakesmithConfig


def _type_name(annotation: typing.Any) -> str:
    # A plain class by its name; generics (list[int], which Python 3.10 also reports as a type) as written.
    if typing.get_origin(annotation) is None and isinstance(annotation, type):
        text = annotation.__name__
    else:
        text = str(annotation).replace("typing.", "").replace("pathlib.", "")
    return text.replace("wakesmith.config.models.", "")


def _default(field, instance: BaseModel | None, name: str) -> str:
    if instance is not None:
        value = getattr(instance, name)
    elif field.default is not PydanticUndefined:
        value = field.default
    elif field.default_factory is not None:
        value = field.default_factory()
    else:
        return "(required)"
    if isinstance(value, BaseModel):
        return "(section)"
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return "(see preset)"
    return f"`{json.dumps(value, default=str)}`"


def _section(model: type[BaseModel], prefix: str, lines: list[str], nested: list, instance: BaseModel | None) -> None:
    """One table; `instance` is the section's default value, so nested defaults show what a section gets."""
    lines.append(f"## `{prefix}`\n")
    doc = (model.__doc__ or "").strip().splitlines()
    if doc:
        lines.append(doc[0] + "\n")
    lines.append("| key | type | default | description |")
    lines.append("| --- | --- | --- | --- |")
    for name, field in model.model_fields.items():
        annotation = field.annotation
        inner = [a for a in typing.get_args(annotation) or (annotation,) if isinstance(a, type)]
        sub = next((a for a in inner if issubclass(a, BaseModel)), None)
        if sub is not None:
            is_list = typing.get_origin(annotation) is list
            sub_instance = None if is_list or instance is None else getattr(instance, name)
            nested.append((sub, f"{prefix}.{name}" + ("[]" if is_list else ""), sub_instance))
        description = (field.description or "").replace("|", "\\|")
        type_name = _type_name(annotation).replace("|", "\\|")
        lines.append(f"| `{name}` | `{type_name}` | {_default(field, instance, name)} | {description} |")
    lines.append("")


def generate() -> str:
    lines = [
        "# Configuration reference",
        "",
        "Generated from `wakesmith/config/models.py` by `python -m wakesmith.config.reference`; do not edit.",
        "Unknown keys are errors. Relative paths are relative to the config file's folder.",
        "",
    ]
    defaults = WakesmithConfig()
    for name, field in WakesmithConfig.model_fields.items():
        queue = [(field.annotation, name, getattr(defaults, name))]
        while queue:
            model, prefix, instance = queue.pop(0)
            nested: list = []
            _section(model, prefix, lines, nested, instance)
            queue.extend(nested)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(generate(), end="")
