"""Streaming TensorFlow model → fully int8 TFLite flatbuffer, as ESPHome loads it.

Conversion goes through a SavedModel in a temporary folder: with resource variables enabled, the TFLite
converter turns the variables' saved (zero) values into an init subgraph run once by CALL_ONCE, and the
READ/ASSIGN of each ring buffer into READ_VARIABLE / ASSIGN_VARIABLE (SPEC §2). Variable quantization makes
the buffers int8 too. The input must come out at scale 26/255, zero point −128 and the output uint8 at
scale 1/256, zero point 0; `check_io_quantization` refuses anything else instead of shipping a model the
device would misread.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

import numpy as np

from wakesmith.errors import WakesmithError
from wakesmith.export.streaming_graph import StreamingMixedNet
from wakesmith.export.tflite_model import parse_tflite
from wakesmith.features.frontend import INPUT_SCALE, INPUT_ZERO_POINT
from wakesmith.quiet_tensorflow import native_stderr_silenced

OUTPUT_SCALE = 1.0 / 256.0
OUTPUT_ZERO_POINT = 0
SCALE_TOLERANCE = 1e-6  # relative


def check_io_quantization(model_bytes: bytes, stride: int) -> None:
    """Raise WakesmithError unless input/output match what ESPHome feeds and reads (SPEC §1–§2)."""
    info = parse_tflite(model_bytes, "converted model")
    given, out = info.inputs[0], info.outputs[0]
    if (given.dtype, given.shape) != ("int8", (1, stride, 40)):
        raise WakesmithError(f"converted input is {given.dtype} {list(given.shape)}, expected int8 [1, {stride}, 40]")
    if abs((given.scale or 0.0) - INPUT_SCALE) > SCALE_TOLERANCE * INPUT_SCALE or given.zero_point != INPUT_ZERO_POINT:
        raise WakesmithError(
            f"converted input quantization is scale {given.scale} zero point {given.zero_point}, expected "
            f"{INPUT_SCALE:.8f} / {INPUT_ZERO_POINT}: the representative data must span exactly [0, 26]"
        )
    if (out.dtype, out.shape) != ("uint8", (1, 1)):
        raise WakesmithError(f"converted output is {out.dtype} {list(out.shape)}, expected uint8 [1, 1]")
    if abs((out.scale or 0.0) - OUTPUT_SCALE) > SCALE_TOLERANCE * OUTPUT_SCALE or out.zero_point != OUTPUT_ZERO_POINT:
        raise WakesmithError(
            f"converted output quantization is scale {out.scale} zero point {out.zero_point}, expected 1/256 / 0"
        )


def convert_streaming_model(model: StreamingMixedNet, representative: np.ndarray) -> bytes:
    """Quantize `model` with `representative` strides [N, stride, 40] (fed in order) into TFLite bytes."""
    import tensorflow as tf

    stride = model.config.stride
    data = np.asarray(representative, np.float32)
    if data.ndim != 3 or data.shape[1:] != (stride, 40) or len(data) == 0:
        raise WakesmithError(f"representative data must be [N, {stride}, 40] float features, got {list(data.shape)}")

    def dataset() -> Iterator[list[np.ndarray]]:
        for sample in data:
            yield [sample[None]]

    model.reset()  # the saved variable values become the device's initial state: zeros
    with tempfile.TemporaryDirectory(prefix="wakesmith-export-") as folder:
        tf.saved_model.save(model, folder, signatures={"serving_default": model.step.get_concrete_function()})
        converter = tf.lite.TFLiteConverter.from_saved_model(folder)
        converter.experimental_enable_resource_variables = True
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.uint8
        converter._experimental_variable_quantization = True
        converter.representative_dataset = dataset
        try:
            with native_stderr_silenced():  # the converter's native notices are not for users
                model_bytes = converter.convert()
        except Exception as error:  # the converter raises many types; the user needs one line
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise WakesmithError(f"TFLite conversion failed: {first}") from error
    model.reset()
    check_io_quantization(model_bytes, stride)
    return bytes(model_bytes)
