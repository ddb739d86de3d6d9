"""Read what ESPHome checks out of a .tflite flatbuffer, without running it.

Uses the flatbuffer schema module that ships with tflite_micro (the same schema the device's TFLM reads; it
imports in milliseconds, unlike TensorFlow's copy, which is the fallback). Every parse failure of a file the
user handed us (missing, not a flatbuffer, truncated) becomes one WakesmithError line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from wakesmith.errors import WakesmithError

try:  # tflite_micro's copy imports fast
    from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as schema
except ImportError:  # pragma: no cover - fallback when only TensorFlow is present
    from tensorflow.lite.python import schema_py_generated as schema  # type: ignore[no-redef]

FILE_IDENTIFIER = b"TFL3"

_OP_NAMES = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_") and isinstance(v, int)}
_TYPE_NAMES = {v: k.lower() for k, v in vars(schema.TensorType).items() if not k.startswith("_") and isinstance(v, int)}
# deprecated_builtin_code is an int8; codes above 127 live only in builtin_code (schema v3a).
_PLACEHOLDER_FOR_GREATER_OP_CODES = 127


class TFLiteFormatError(WakesmithError):
    """A file that is not a readable TFLite flatbuffer."""


@dataclass(frozen=True)
class TensorInfo:
    """dtype/shape/quantization of one model input or output."""

    name: str
    dtype: str  # "int8", "uint8", "float32", …
    shape: tuple[int, ...]
    scales: tuple[float, ...]
    zero_points: tuple[int, ...]

    @property
    def scale(self) -> float | None:
        return self.scales[0] if len(self.scales) == 1 else None

    @property
    def zero_point(self) -> int | None:
        return self.zero_points[0] if len(self.zero_points) == 1 else None


@dataclass(frozen=True)
class TFLiteInfo:
    """The facts ESPHome's loader depends on."""

    schema_version: int
    subgraph_count: int
    ops: tuple[str, ...]  # sorted unique op names used by any subgraph
    op_counts: dict[str, int]
    inputs: tuple[TensorInfo, ...]
    outputs: tuple[TensorInfo, ...]
    resource_variables: int  # unique VAR_HANDLE shared names over all subgraphs
    var_handle_ops: int  # VAR_HANDLE count over all subgraphs (twice per variable in official models)
    starts_with_call_once: bool  # subgraph 0's first op is CALL_ONCE (state initialised once)
    size_bytes: int
    description: str = ""
    subgraph_op_counts: tuple[int, ...] = field(default_factory=tuple)

    @property
    def stride(self) -> int | None:
        """Frames per inference, when input 0 is [1, stride, 40]."""
        shape = self.inputs[0].shape if self.inputs else ()
        return int(shape[1]) if len(shape) == 3 else None


def op_name(code: object) -> str:
    """An OperatorCode → its builtin name ('CUSTOM:<code>' for custom ops, 'UNKNOWN_<n>' for new codes)."""
    builtin = max(int(code.builtinCode), int(code.deprecatedBuiltinCode))
    if builtin == schema.BuiltinOperator.CUSTOM:
        custom = code.customCode.decode("utf-8", "replace") if code.customCode else "?"
        return f"CUSTOM:{custom}"
    return _OP_NAMES.get(builtin, f"UNKNOWN_{builtin}")


def _tensor_info(subgraph: object, index: int) -> TensorInfo:
    tensor = subgraph.tensors[index]
    quant = tensor.quantization
    scales = tuple(float(s) for s in (quant.scale if quant is not None and quant.scale is not None else ()))
    zeros = tuple(int(z) for z in (quant.zeroPoint if quant is not None and quant.zeroPoint is not None else ()))
    shape = tuple(int(d) for d in (tensor.shape if tensor.shape is not None else ()))
    name = tensor.name.decode("utf-8", "replace") if isinstance(tensor.name, bytes) else str(tensor.name or "")
    return TensorInfo(name, _TYPE_NAMES.get(int(tensor.type), f"type{tensor.type}"), shape, scales, zeros)


def _shared_name(op: object) -> str | None:
    options = op.builtinOptions
    name = getattr(options, "sharedName", None)
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    return name


def parse_tflite(model_bytes: bytes, source: str = "model") -> TFLiteInfo:
    """Inspect TFLite bytes; raises TFLiteFormatError with one line when they are not a valid model."""
    data = bytes(model_bytes)
    if len(data) < 8:
        raise TFLiteFormatError(f"{source}: not a TFLite model ({len(data)} bytes)")
    if data[4:8] != FILE_IDENTIFIER:
        raise TFLiteFormatError(f"{source}: not a TFLite flatbuffer (file identifier {data[4:8]!r}, expected b'TFL3')")
    try:
        model = schema.ModelT.InitFromPackedBuf(bytearray(data), 0)
        subgraphs = list(model.subgraphs or [])
        codes = list(model.operatorCodes or [])
        names = [op_name(code) for code in codes]
        op_counts: dict[str, int] = {}
        shared_names: set[str] = set()
        var_handles = 0
        per_subgraph = []
        for subgraph in subgraphs:
            operators = list(subgraph.operators or [])
            per_subgraph.append(len(operators))
            for op in operators:
                name = names[op.opcodeIndex]
                op_counts[name] = op_counts.get(name, 0) + 1
                if name == "VAR_HANDLE":
                    var_handles += 1
                    shared = _shared_name(op)
                    shared_names.add(shared if shared else f"<unnamed {var_handles}>")
        if not subgraphs:
            raise ValueError("no subgraphs")
        main = subgraphs[0]
        inputs = tuple(_tensor_info(main, int(i)) for i in (main.inputs if main.inputs is not None else ()))
        outputs = tuple(_tensor_info(main, int(i)) for i in (main.outputs if main.outputs is not None else ()))
        first_ops = list(main.operators or [])
        starts_with_call_once = bool(first_ops) and names[first_ops[0].opcodeIndex] == "CALL_ONCE"
        description = model.description.decode("utf-8", "replace") if isinstance(model.description, bytes) else ""
    except TFLiteFormatError:
        raise
    except Exception as error:  # flatbuffers raise IndexError/struct.error/… on truncated or corrupt data
        raise TFLiteFormatError(
            f"{source}: corrupt or truncated TFLite flatbuffer ({type(error).__name__}: {error})"
        ) from None
    return TFLiteInfo(
        schema_version=int(model.version),
        subgraph_count=len(subgraphs),
        ops=tuple(sorted(op_counts)),
        op_counts=op_counts,
        inputs=inputs,
        outputs=outputs,
        resource_variables=len(shared_names),
        var_handle_ops=var_handles,
        starts_with_call_once=starts_with_call_once,
        size_bytes=len(data),
        description=description,
        subgraph_op_counts=tuple(per_subgraph),
    )


def read_tflite(path: Path | str) -> tuple[bytes, TFLiteInfo]:
    """Read and inspect a .tflite file; missing/unreadable/corrupt files raise one-line WakesmithErrors."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TFLiteFormatError(f"{path}: file not found") from None
    except OSError as error:
        raise TFLiteFormatError(f"{path}: cannot read ({error.strerror or error})") from None
    return data, parse_tflite(data, str(path))


def numpy_dtype(name: str) -> np.dtype:
    """TensorInfo.dtype → numpy dtype (for building test inputs)."""
    return np.dtype({"float32": np.float32, "float16": np.float16, "bool": np.bool_}.get(name, name))
