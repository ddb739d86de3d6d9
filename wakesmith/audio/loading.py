"""Samples for later stages, always in device format (16 kHz mono int16), or a clear error saying what to do."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from wakesmith.audio.conversion import converted_path, has_valid_copy
from wakesmith.audio.records import SampleRecord
from wakesmith.errors import WakesmithError


def describe_format(record: SampleRecord) -> str:
    channels = "mono" if record.channels == 1 else f"{record.channels} channels"
    return f"{record.sample_rate} Hz {record.sample_format} {channels}"


def _read_int16(path: Path, shown: str) -> np.ndarray:
    try:
        samples, _ = sf.read(str(path), dtype="int16", always_2d=False)
    except Exception as error:
        raise WakesmithError(f"{shown}: cannot read samples ({error}); run `wakesmith validate` to check it") from None
    return np.ascontiguousarray(samples.reshape(-1) if samples.ndim > 1 else samples)


def read_samples(record: SampleRecord, dataset_root: Path) -> np.ndarray:
    """The file's samples as 1-D int16 at 16 kHz.

    Uses the `validate --fix` copy when the original is not in device format; the original itself when it is.
    Raises WakesmithError for unreadable files and for files that need a converted copy that is missing or stale.
    """
    shown = record.relative_path
    if record.read_error:
        raise WakesmithError(f"{shown}: unreadable ({record.read_error}); fix or remove it (see `wakesmith validate`)")
    if record.in_device_format:
        return _read_int16(Path(dataset_root) / record.relative_path, shown)
    if has_valid_copy(record, Path(dataset_root)):
        return _read_int16(converted_path(Path(dataset_root), record.relative_path), shown)
    raise WakesmithError(
        f"{shown}: {describe_format(record)} is not 16 kHz 16-bit mono; "
        "run `wakesmith validate --fix` to write converted copies"
    )
