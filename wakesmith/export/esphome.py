"""Every fact about ESPHome's `micro_wake_word` that export and verification depend on (SPEC §2–§3).

One place on purpose: the op list, the version each op appeared in, the device limits and the tensor contract
are checked by the exporter (before writing) and by `wakesmith verify` (before flashing). When ESPHome changes,
this module is the only one to edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import CHANNELS, INPUT_SCALE, INPUT_ZERO_POINT

# --- versions ---------------------------------------------------------------------------------------------------
FIRST_RELEASE = "2024.2.0"  # micro_wake_word appeared in ESPHome 2024.2 (V1 manifests, 17 ops, [1, 1, 40] input)
V2_MANIFEST_VERSION = "2024.7.0"  # first release reading V2 manifests (arena, step size); 20 ops, stride input

# --- ops --------------------------------------------------------------------------------------------------------
# TFLM kernels ESPHome registers for the streaming model, with the first release that registers each.
OP_FIRST_VERSION: dict[str, str] = {
    "CALL_ONCE": FIRST_RELEASE,
    "VAR_HANDLE": FIRST_RELEASE,
    "RESHAPE": FIRST_RELEASE,
    "READ_VARIABLE": FIRST_RELEASE,
    "STRIDED_SLICE": FIRST_RELEASE,
    "CONCATENATION": FIRST_RELEASE,
    "ASSIGN_VARIABLE": FIRST_RELEASE,
    "CONV_2D": FIRST_RELEASE,
    "MUL": FIRST_RELEASE,
    "ADD": FIRST_RELEASE,
    "MEAN": FIRST_RELEASE,
    "FULLY_CONNECTED": FIRST_RELEASE,
    "LOGISTIC": FIRST_RELEASE,
    "QUANTIZE": FIRST_RELEASE,
    "DEPTHWISE_CONV_2D": FIRST_RELEASE,
    "AVERAGE_POOL_2D": FIRST_RELEASE,
    "MAX_POOL_2D": FIRST_RELEASE,
    "PAD": V2_MANIFEST_VERSION,
    "PACK": V2_MANIFEST_VERSION,
    "SPLIT_V": V2_MANIFEST_VERSION,
}
SUPPORTED_OPS: frozenset[str] = frozenset(OP_FIRST_VERSION)  # 20 ops, ESPHome 2024.7 and later
LEGACY_OPS: frozenset[str] = frozenset(op for op, v in OP_FIRST_VERSION.items() if v == FIRST_RELEASE)  # 17 ops

# --- device limits ----------------------------------------------------------------------------------------------
MAX_RESOURCE_VARIABLES = 20  # MicroResourceVariables(20), created per model by ESPHome's StreamingModel
VARIABLE_ARENA_BYTES = 1024  # separate arena for resource-variable bookkeeping (variable data lives in the model's)
MAX_STRIDE = 255
FEATURES = CHANNELS  # 40 mel channels per frame
FLATBUFFER_SCHEMA_VERSION = 3
MAX_FEATURE_STEP_SIZE = 30

# --- tensor contract --------------------------------------------------------------------------------------------
INPUT_DTYPE = "int8"
INPUT_RANK = 3  # [1, stride, 40]
EXPECTED_INPUT_SCALE = INPUT_SCALE  # 26 / 255; the device ignores it and maps raw values itself
EXPECTED_INPUT_ZERO_POINT = INPUT_ZERO_POINT  # −128
INPUT_SCALE_TOLERANCE = 0.01  # relative; beyond this, host evaluation with the tensor's params drifts from device
OUTPUT_DTYPE = "uint8"
OUTPUT_SHAPE = (1, 1)
OUTPUT_SCALE = 1.0 / 256.0  # official models; the device reads probability as raw / 255 regardless
OUTPUT_ZERO_POINT = 0

_VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")


def parse_version(text: str) -> tuple[int, int, int]:
    """'2024.7.0' → (2024, 7, 0); raises ValueError for anything not MAJOR.MINOR.PATCH."""
    match = _VERSION_RE.match(text) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {text!r}")
    return int(match[1]), int(match[2]), int(match[3])


def version_at_least(version: str, floor: str) -> bool:
    """True when `version` ≥ `floor` (both MAJOR.MINOR.PATCH)."""
    return parse_version(version) >= parse_version(floor)


def unsupported_ops(ops: Iterable[str]) -> list[str]:
    """Ops no ESPHome release registers, sorted: a model using any of them never runs on a device."""
    return sorted(set(ops) - SUPPORTED_OPS)


def op_requirement(op: str) -> str | None:
    """First ESPHome version registering `op`, or None when no release does."""
    return OP_FIRST_VERSION.get(op)


def minimum_esphome_version(ops: Iterable[str]) -> str:
    """The oldest ESPHome that loads a V2 model using `ops`; never below 2024.7.0 (the V2 manifest floor).

    Raises WakesmithError naming the ops no ESPHome release supports.
    """
    ops = set(ops)
    missing = unsupported_ops(ops)
    if missing:
        raise WakesmithError(
            f"op(s) {', '.join(missing)} are not supported by any ESPHome release; "
            f"micro_wake_word registers only {', '.join(sorted(SUPPORTED_OPS))}"
        )
    versions = [V2_MANIFEST_VERSION] + [OP_FIRST_VERSION[op] for op in ops]
    return max(versions, key=parse_version)
