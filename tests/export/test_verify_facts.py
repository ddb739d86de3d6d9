"""ESPHome facts (one place) and flatbuffer inspection of the official models."""

import pytest

from wakesmith.errors import WakesmithError
from wakesmith.export import esphome
from wakesmith.export.tflite_model import TFLiteFormatError, parse_tflite, read_tflite

OFFICIAL_OPS = {
    "CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "CONCATENATION", "STRIDED_SLICE",
    "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "RESHAPE", "LOGISTIC", "QUANTIZE",
}  # fmt: skip


def test_op_lists():
    assert len(esphome.SUPPORTED_OPS) == 20 and len(esphome.LEGACY_OPS) == 17
    assert {"PAD", "PACK", "SPLIT_V"} == esphome.SUPPORTED_OPS - esphome.LEGACY_OPS
    assert OFFICIAL_OPS <= esphome.LEGACY_OPS
    assert esphome.op_requirement("SPLIT_V") == "2024.7.0" and esphome.op_requirement("TANH") is None


def test_minimum_version_never_below_v2_floor():
    assert esphome.minimum_esphome_version(OFFICIAL_OPS) == "2024.7.0"
    assert esphome.minimum_esphome_version(["PAD"]) == "2024.7.0"
    assert esphome.minimum_esphome_version([]) == esphome.V2_MANIFEST_VERSION
    with pytest.raises(WakesmithError, match="TANH"):
        esphome.minimum_esphome_version(OFFICIAL_OPS | {"TANH"})
    assert esphome.unsupported_ops(["TANH", "CONV_2D", "EXP"]) == ["EXP", "TANH"]


def test_versions_compare_numerically():
    assert esphome.version_at_least("2024.10.0", "2024.7.0")
    assert not esphome.version_at_least("2024.6.9", "2024.7.0")
    for bad in ("2024.7", "v2024.7.0", 2024.7):
        with pytest.raises(ValueError):
            esphome.parse_version(bad)


@pytest.mark.parametrize("name", ["okay_nabu", "hey_jarvis", "alexa"])
def test_official_model_facts(reference_dir, name):
    _, info = read_tflite(reference_dir / f"{name}.tflite")
    assert info.schema_version == 3 and info.subgraph_count == 2
    assert set(info.ops) == OFFICIAL_OPS | ({"SPLIT_V"} if name == "okay_nabu" else set())
    (tensor,) = info.inputs
    assert (tensor.dtype, tensor.shape, tensor.zero_point) == ("int8", (1, 3, 40), -128)
    assert tensor.scale == pytest.approx(26 / 255)
    (out,) = info.outputs
    assert (out.dtype, out.shape, out.scale, out.zero_point) == ("uint8", (1, 1), 1 / 256, 0)
    assert info.resource_variables == 6 and info.var_handle_ops == 12  # VAR_HANDLE twice per variable
    assert info.starts_with_call_once and info.stride == 3


def test_bad_bytes_are_one_line_errors(reference_dir, tmp_path):
    data = (reference_dir / "alexa.tflite").read_bytes()
    for cut in (4, 64, len(data) // 2, len(data) - 100):
        with pytest.raises(TFLiteFormatError) as info:
            parse_tflite(data[:cut], "cut.tflite")
        assert "\n" not in str(info.value)
    with pytest.raises(TFLiteFormatError, match="not a TFLite flatbuffer"):
        parse_tflite(b"\x00" * 64)
    corrupt = bytearray(data)
    corrupt[0:4] = b"\xff\xff\xff\x7f"  # root table offset far outside the file
    with pytest.raises(TFLiteFormatError, match="corrupt or truncated"):
        parse_tflite(bytes(corrupt))
    with pytest.raises(TFLiteFormatError, match="file not found"):
        read_tflite(tmp_path / "missing.tflite")
