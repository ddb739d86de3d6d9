"""The on-device micro frontend: its parameters and the device's float→int8 input mapping.

One place for these facts (SPEC §1); export, verification, evaluation and training import them from here.
"""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 16000
WINDOW_MS = 30
STEP_MS = 10  # the manifest's feature_step_size
CHANNELS = 40
LOWER_BAND_HZ = 125.0
UPPER_BAND_HZ = 7500.0
SAMPLES_PER_STEP = SAMPLE_RATE * STEP_MS // 1000  # 160 samples = one 10 ms chunk
RAW_PER_FLOAT = 25.6  # pymicro-features returns raw uint16 × 0.0390625 (= 1 / 25.6)

# Model input quantization of every official model: float features in [0, 26] map onto int8.
INPUT_SCALE = 26.0 / 255.0
INPUT_ZERO_POINT = -128
FEATURE_MAX = 26.0


def raw_to_float(raw: np.ndarray) -> np.ndarray:
    """Stored uint16 frontend units → the float features pymicro-features returns."""
    return np.asarray(raw, np.float32) / np.float32(RAW_PER_FLOAT)


def float_to_raw(features: np.ndarray) -> np.ndarray:
    """Float features → uint16 frontend units (lossless for pymicro-features output)."""
    return np.clip(np.rint(np.asarray(features, np.float64) * RAW_PER_FLOAT), 0, 65535).astype(np.uint16)


def device_quantize(features: np.ndarray) -> np.ndarray:
    """The int8 model input the ESP32 computes: clamp(round(raw × 256 / 666) − 128, −128, 127).

    The device ignores the model's input quantization parameters and applies this integer mapping to the
    raw frontend value (raw = float × 25.6); evaluation that claims device behaviour must use it.
    """
    raw = np.rint(np.asarray(features, np.float64) * RAW_PER_FLOAT)
    # ESPHome computes ((raw * 256) + 333) / 666 in integer arithmetic (round half up), then subtracts 128.
    quantized = np.floor((raw * 256.0 + 333.0) / 666.0) - 128.0
    return np.clip(quantized, -128, 127).astype(np.int8)
