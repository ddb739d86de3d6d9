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


def validate_frontend_params(sample_rate: int, channels: int = CHANNELS, step_ms: int = STEP_MS) -> None:
    """Refuse settings the device frontend cannot reproduce, with a message that says what to change.

    pymicro-features compiles in exactly one configuration (16 kHz, 40 channels, 30 ms window, 10 ms step),
    which is also the only one ESPHome's manifests use; anything else would train a model on features
    the ESP32 never computes.
    """
    from wakesmith.errors import WakesmithError

    if sample_rate != SAMPLE_RATE:
        raise WakesmithError(
            f"audio must be {SAMPLE_RATE} Hz for the device frontend, got {sample_rate} Hz; "
            "convert it with `wakesmith validate --fix`"
        )
    if channels != CHANNELS:
        raise WakesmithError(f"the device frontend has {CHANNELS} mel channels, got {channels}")
    if step_ms != STEP_MS:
        raise WakesmithError(f"the device frontend supports a {STEP_MS} ms feature step only, got {step_ms} ms")


_BLOCK_FRAMES = 4096


def frame_count(num_samples: int) -> int:
    """Feature frames the frontend yields for `num_samples` samples (first frame after one 30 ms window)."""
    window = SAMPLE_RATE * WINDOW_MS // 1000
    if num_samples < window:
        return 0
    return (num_samples - window) // SAMPLES_PER_STEP + 1


def compute_raw_features(samples: np.ndarray) -> np.ndarray:
    """Raw uint16 frontend units [frames, 40] of one clip, computed with a fresh frontend.

    `process_samples` consumes at most one 10 ms step per call whatever the buffer size (measured: a
    whole-clip buffer returns samples_read=160 and no more), so the clip is fed in 160-sample chunks. The
    chunks are zero-copy views of an int16 array (the C extension accepts any read-only buffer), which is
    ~30 % faster than slicing a bytes object. Trailing samples short of a full step are ignored, as on the
    device. Raw units are exact: pymicro-features returns uint16 × 1/25.6.
    """
    from micro_features_cpp import create_frontend, process_samples

    audio = np.ascontiguousarray(samples, dtype=np.int16).reshape(-1)
    handle = create_frontend()
    blocks: list[np.ndarray] = []
    frames: list[list[float]] = []
    for start in range(0, audio.size - SAMPLES_PER_STEP + 1, SAMPLES_PER_STEP):
        features, _ = process_samples(handle, audio[start : start + SAMPLES_PER_STEP])
        if features:
            frames.append(features)
            if len(frames) == _BLOCK_FRAMES:  # bounded memory for hour-long recordings
                blocks.append(float_to_raw(np.asarray(frames, np.float64)))
                frames = []
    if frames:
        blocks.append(float_to_raw(np.asarray(frames, np.float64)))
    return np.concatenate(blocks) if blocks else np.zeros((0, CHANNELS), np.uint16)


def compute_features(samples: np.ndarray) -> np.ndarray:
    """Float32 features [frames, 40] (the values pymicro-features returns) of one int16 clip."""
    samples = np.asarray(samples)
    if samples.dtype != np.int16:
        from wakesmith.errors import WakesmithError

        raise WakesmithError(f"the frontend takes 16-bit PCM samples (int16), got {samples.dtype}")
    return raw_to_float(compute_raw_features(samples))


class StreamingFrontend:
    """The frontend as the device runs it: audio arrives in blocks of any size, one frame per 10 ms step.

    Keeps a fresh `pymicro_features.MicroFrontend` and buffers incomplete steps between calls. Used to check
    that whole-clip features equal streamed ones, and by evaluation code that mimics the device.
    """

    def __init__(self) -> None:
        import pymicro_features

        self._frontend = pymicro_features.MicroFrontend()
        self._pending = np.zeros(0, np.int16)

    def feed(self, samples: np.ndarray) -> np.ndarray:
        """Add samples; return the float32 frames [n, 40] completed by them (n may be 0)."""
        self._pending = np.concatenate([self._pending, np.asarray(samples, np.int16).reshape(-1)])
        frames = []
        offset = 0
        while self._pending.size - offset >= SAMPLES_PER_STEP:
            chunk = self._pending[offset : offset + SAMPLES_PER_STEP].tobytes()
            result = self._frontend.process_samples(chunk)
            if result.samples_read <= 0:
                break
            offset += result.samples_read
            if result.features:
                frames.append(result.features)
        self._pending = self._pending[offset:]
        return np.asarray(frames, np.float32).reshape(-1, CHANNELS)
