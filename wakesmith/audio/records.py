"""SampleRecord: what ingestion learns about one audio file, without loading its samples."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from wakesmith.audio.layout import SAMPLE_RATE

Split = Literal["train", "validation", "test"]


@dataclass(frozen=True)
class SampleRecord:
    """One audio file in the dataset.

    `relative_path` is relative to the dataset root and is what splits are decided on, so moving the
    dataset folder keeps every file in its split. `split` is None until splits are assigned.
    """

    path: Path
    relative_path: str
    kind: str  # positive | negative | background | rir
    duration_s: float
    sample_rate: int
    channels: int
    sample_format: str  # soundfile subtype, e.g. PCM_16, FLOAT
    frames: int
    content_hash: str
    split: Split | None = None
    read_error: str | None = None  # set when the header could not be read (corrupt or unsupported file)

    @property
    def readable(self) -> bool:
        return self.read_error is None

    @property
    def in_device_format(self) -> bool:
        """16 kHz, 16-bit PCM, mono: samples can be used as they are, without a converted copy."""
        return (
            self.readable and self.sample_rate == SAMPLE_RATE and self.channels == 1 and self.sample_format == "PCM_16"
        )

    def to_dict(self) -> dict:
        data = asdict(self)
        data["path"] = str(self.path)
        return data
