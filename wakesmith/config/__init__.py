"""Typed configuration models, presets and the YAML loader."""

from wakesmith.config.loader import PRESETS, load_config, load_preset, parse_config, preset_text
from wakesmith.config.models import WakesmithConfig

__all__ = ["PRESETS", "WakesmithConfig", "load_config", "load_preset", "parse_config", "preset_text"]
