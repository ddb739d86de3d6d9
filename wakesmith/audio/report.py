"""Validate a whole dataset: scan, check every file, optionally write converted copies, summarise per kind.

Kept apart from the CLI so other stages (and tests) can ask "is this dataset usable?" without printing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wakesmith.audio.conversion import convert_record, has_valid_copy
from wakesmith.audio.ingest import scan
from wakesmith.audio.layout import DATASET_KINDS
from wakesmith.audio.records import SampleRecord
from wakesmith.audio.validation import Problem, check_record
from wakesmith.config.models import DatasetConfig

REQUIRED_KINDS = ("positive", "negative")

PhaseProgress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class FileReport:
    record: SampleRecord
    problems: list[Problem] = field(default_factory=list)
    fixed: bool = False  # an up-to-date converted copy exists

    @property
    def usable(self) -> bool:
        """Usable when every problem is a format problem that a converted copy has fixed."""
        return all(p.fixable for p in self.problems) and (self.fixed or not self.problems)

    def line(self) -> str:
        text = "; ".join(p.message for p in self.problems)
        if self.fixed and self.problems:
            remaining = [p for p in self.problems if not p.fixable]
            text += " -> fixed (converted copy)" if not remaining else " -> format fixed (converted copy)"
        return f"{self.record.relative_path}: {text}"


@dataclass
class KindSummary:
    files: int = 0
    hours: float = 0.0
    problems: int = 0
    fixed: int = 0
    splits: dict[str, int] = field(default_factory=lambda: {"train": 0, "validation": 0, "test": 0})


@dataclass
class DatasetReport:
    root: Path
    files: list[FileReport]
    ignored: list[str]
    missing_kinds: list[str]

    def kind_files(self, kind: str) -> list[FileReport]:
        return [f for f in self.files if f.record.kind == kind]

    @property
    def empty_required(self) -> list[str]:
        return [k for k in REQUIRED_KINDS if not self.kind_files(k)]

    @property
    def empty_optional(self) -> list[str]:
        return [k for k in DATASET_KINDS if k not in REQUIRED_KINDS and not self.kind_files(k)]

    @property
    def problem_files(self) -> list[FileReport]:
        return [f for f in self.files if f.problems]

    @property
    def usable(self) -> bool:
        return not self.empty_required and all(f.usable for f in self.files)

    def summary(self) -> dict[str, KindSummary]:
        result = {kind: KindSummary() for kind in DATASET_KINDS}
        for report in self.files:
            entry = result[report.record.kind]
            entry.files += 1
            entry.hours += report.record.duration_s / 3600.0
            entry.problems += 0 if report.usable else 1
            entry.fixed += 1 if report.fixed and report.problems else 0
            if report.record.split:
                entry.splits[report.record.split] += 1
        return result


def validate_dataset(config: DatasetConfig, fix: bool = False, progress: PhaseProgress | None = None) -> DatasetReport:
    """Check every file; with `fix`, write converted copies for readable files not in device format."""
    root = Path(config.root)
    result = scan(config, progress=(lambda d, t: progress("scan", d, t)) if progress else None, save_cache=False)
    reports: list[FileReport] = []
    total = len(result.records)
    for index, record in enumerate(result.records):
        problems = check_record(record, config, result.cache)
        fixed = False
        if any(p.fixable for p in problems):
            if fix:
                try:
                    convert_record(record, root)
                except Exception as error:  # a file that cannot be converted is reported, not fatal
                    problems.append(Problem(f"conversion failed: {error}"))
            fixed = has_valid_copy(record, root)
        reports.append(FileReport(record=record, problems=problems, fixed=fixed))
        if progress:
            progress("check", index + 1, total)
    if result.cache is not None:
        result.cache.save()
    return DatasetReport(root=root, files=reports, ignored=result.ignored, missing_kinds=result.missing_kinds)
