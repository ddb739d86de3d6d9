"""Read a YAML config into typed models, with errors that name the offending key and path."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from wakesmith.config.models import WakesmithConfig
from wakesmith.errors import ConfigError

PRESETS = ("fast_test", "standard", "max_quality")
# The presets live once, in the repository's top-level configs/ folder, shared with the Swift command line
# (the package is installed editable, `pip install -e .`, so the checkout is always beside it).
PRESETS_DIR = Path(__file__).resolve().parents[2] / "configs"


def format_location(loc: tuple[Any, ...]) -> str:
    """Turn pydantic's location tuple into `training.learning_rates[1]`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the field at `loc` (for suggesting close keys)."""
    model: Any = WakesmithConfig
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        annotation = model.model_fields[part].annotation
        model = _unwrap_model(annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _unwrap_model(arg)
        if found is not None:
            return found
    return None


def describe_errors(error: ValidationError, source: str) -> str:
    """One line per problem: where it is and what is wrong, with the closest valid key for typos."""
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        where = format_location(loc)
        if item["type"] == "extra_forbidden":
            owner = _model_at(loc[:-1])
            valid = list(owner.model_fields) if owner else []
            close = difflib.get_close_matches(str(loc[-1]), valid, n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else (f"; valid keys: {', '.join(valid)}" if valid else "")
            lines.append(f"{source}: unknown key '{where}'{hint}")
        else:
            given = item.get("input")
            shown = "" if isinstance(given, dict | list) else f" (got {given!r})"
            lines.append(f"{source}: {where or 'top level'}: {item['msg']}{shown}")
    return "\n".join(lines)


def parse_config(data: dict[str, Any] | None, source: str = "config") -> WakesmithConfig:
    """Validate a mapping against the typed models; raise ConfigError with readable lines."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the top level must be a mapping of sections, got {type(data).__name__}")
    try:
        return WakesmithConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(describe_errors(error, source)) from None


def resolve_paths(model: BaseModel, base: Path) -> None:
    """Make every relative Path in the config relative to `base` (the config file's folder)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Path) and not value.is_absolute():
            setattr(model, name, (base / value).resolve())
        elif isinstance(value, BaseModel):
            resolve_paths(value, base)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    resolve_paths(item, base)


def load_config(path: str | Path) -> WakesmithConfig:
    """Load, validate and resolve a config file."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"config file not found: {path} (create one with `wakesmith init`)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    config = parse_config(data, source=str(path))
    resolve_paths(config, path.resolve().parent)
    return config


def preset_text(name: str) -> str:
    """The YAML text of a packaged preset."""
    if name not in PRESETS:
        close = difflib.get_close_matches(name, PRESETS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ConfigError(f"unknown preset '{name}' (choose from {', '.join(PRESETS)}){hint}")
    path = PRESETS_DIR / f"{name}.yaml"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"preset '{name}' not found at {path} ({error.strerror}); reinstall from a checkout") from None


def load_preset(name: str, base: Path | None = None) -> WakesmithConfig:
    """A preset as typed config, with paths resolved against `base` (default: current folder)."""
    config = parse_config(yaml.safe_load(preset_text(name)), source=f"preset {name}")
    resolve_paths(config, (base or Path.cwd()).resolve())
    return config
