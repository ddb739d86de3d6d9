"""Run an exported streaming model over a feature stream, the way the device does (SPEC §2).

Each inference takes `stride` new frames; frames are converted with the device's integer mapping
(`features.frontend.device_quantize`), not the tensor's quantization parameters; the uint8 output is read as
raw / 255. Two engines:

- `tflite`: TensorFlow Lite (ai_edge_litert when installed, else tf.lite) with its reference kernels
  (BUILTIN_REF): bit-exact with tflite_micro on the official models, where the default optimized kernels
  differ by one step now and then; still ~20 µs per invoke. Its `reset_all_variables()` does NOT clear
  resource variables (measured), so `reset()` re-creates the interpreter (about a millisecond).
- `micro`: tflite_micro, the device stand-in; `reset()` is TFLM's own reset (it re-runs CALL_ONCE).
  It runs in this process, so give it an arena that is known to fit (default: generous).
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np

from wakesmith.errors import WakesmithError
from wakesmith.features.frontend import CHANNELS, device_quantize

Engine = Literal["tflite", "micro"]
DEFAULT_MICRO_ARENA = 1024 * 1024


def _tflite_interpreter_factory():
    """(Interpreter class, reference-kernel resolver type) from ai_edge_litert or TensorFlow."""
    try:
        from ai_edge_litert.interpreter import Interpreter, OpResolverType  # type: ignore[import-not-found]
    except ImportError:
        import tensorflow as tf

        Interpreter, OpResolverType = tf.lite.Interpreter, tf.lite.experimental.OpResolverType  # noqa: N806
    return Interpreter, OpResolverType.BUILTIN_REF


class _TFLiteEngine:
    def __init__(self, model_bytes: bytes):
        self._cls, self._resolver = _tflite_interpreter_factory()
        self._bytes = model_bytes
        self.reset()
        self.input_shape = tuple(int(d) for d in self._input["shape"])
        self.input_dtype = np.dtype(self._input["dtype"])
        self.output_dtype = np.dtype(self._output["dtype"])

    def reset(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tf.lite.Interpreter's deprecation notice
            self._interpreter = self._cls(
                model_content=self._bytes, num_threads=1, experimental_op_resolver_type=self._resolver
            )
        self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]
        self._output = self._interpreter.get_output_details()[0]

    def step(self, block: np.ndarray) -> np.ndarray:
        self._interpreter.set_tensor(self._input["index"], block)
        self._interpreter.invoke()
        return self._interpreter.get_tensor(self._output["index"])


class _MicroEngine:
    def __init__(self, model_bytes: bytes, arena_size: int):
        from tflite_micro.python.tflite_micro import runtime

        try:
            self._interpreter = runtime.Interpreter.from_bytes(model_bytes, arena_size=int(arena_size))
        except RuntimeError as error:
            raise WakesmithError(f"tflite_micro cannot allocate the model in {arena_size} bytes: {error}") from None
        details = self._interpreter.get_input_details(0)
        self.input_shape = tuple(int(d) for d in details["shape"])
        self.input_dtype = np.dtype(details["dtype"])
        self.output_dtype = np.dtype(self._interpreter.get_output_details(0)["dtype"])

    def reset(self) -> None:
        self._interpreter.reset()

    def step(self, block: np.ndarray) -> np.ndarray:
        self._interpreter.set_input(block, 0)
        self._interpreter.invoke()
        return self._interpreter.get_output(0)


class StreamingRunner:
    """Feed float features [T, 40] through a streaming model, `stride` frames per invoke."""

    def __init__(self, model_bytes: bytes, engine: Engine = "tflite", arena_size: int | None = None):
        if engine == "tflite":
            self._engine = _TFLiteEngine(bytes(model_bytes))
        elif engine == "micro":
            self._engine = _MicroEngine(bytes(model_bytes), arena_size or DEFAULT_MICRO_ARENA)
        else:
            raise ValueError(f"unknown engine {engine!r}; use 'tflite' or 'micro'")
        self.engine = engine
        shape = self._engine.input_shape
        if len(shape) != 3 or shape[0] != 1 or shape[2] != CHANNELS:
            raise WakesmithError(f"model input shape {list(shape)} is not [1, stride, {CHANNELS}]")
        self.stride = int(shape[1])
        self.input_dtype = self._engine.input_dtype
        self.output_dtype = self._engine.output_dtype

    def reset(self) -> None:
        """Fresh streaming state, as when the device (re)loads the model."""
        self._engine.reset()

    def _blocks(self, features: np.ndarray) -> np.ndarray:
        features = np.asarray(features)
        if features.ndim != 2 or features.shape[1] != CHANNELS:
            raise ValueError(f"features must be [frames, {CHANNELS}], got {list(features.shape)}")
        steps = features.shape[0] // self.stride  # trailing frames short of a full stride never reach the model
        features = features[: steps * self.stride]
        quantize = self.input_dtype == np.int8
        inputs = device_quantize(features) if quantize else features.astype(self.input_dtype)
        return inputs.reshape(steps, 1, self.stride, CHANNELS)

    def run_raw(self, features: np.ndarray) -> np.ndarray:
        """Raw model outputs, one per stride (uint8 for ESPHome models). Continues from the current state."""
        outputs = [np.asarray(self._engine.step(block)).reshape(-1)[0] for block in self._blocks(features)]
        return np.asarray(outputs, dtype=self.output_dtype)

    def run(self, features: np.ndarray) -> np.ndarray:
        """Probabilities, one per stride: raw / 255 for uint8 outputs, like the device. Continues from state."""
        raw = self.run_raw(features)
        if raw.dtype == np.uint8:
            return raw.astype(np.float32) / np.float32(255.0)
        return raw.astype(np.float32)
