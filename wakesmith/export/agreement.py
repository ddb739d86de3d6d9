"""Does the int8 streaming model decide like the float model it came from? (issue #5, item 5)

Quantization changes every activation a little; what matters to a user is whether the device still wakes on
the same clips. Per test clip, the decision is "some output exceeds the cutoff" (max over the clip's
streaming outputs); the float side is `reference_forward(..., padding="causal")` (exactly the float streaming
model), the quantized side runs the exported bytes through `runtime.StreamingRunner` with the device's own
input mapping (`device_quantize`), reading probability as raw / 255 like the device. Clips start from zero
state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from wakesmith.config.models import MixedNetConfig, WakesmithConfig
from wakesmith.errors import WakesmithError
from wakesmith.export.representative import open_clips
from wakesmith.export.runtime import Engine, StreamingRunner
from wakesmith.features.frontend import raw_to_float
from wakesmith.model.architecture import MixedNetWeights, reference_forward

AGREEMENT_TARGET = 0.99
TEST_SETS = ("positive", "negative")


@dataclass(frozen=True)
class AgreementReport:
    """Clip-level decision agreement and probability differences between float and int8 models."""

    cutoff: float
    clips: int
    agreeing: int
    float_detections: int
    quantized_detections: int
    max_probability_difference: float  # over every streaming output of every clip
    mean_probability_difference: float
    max_clip_score_difference: float  # over the per-clip maxima the decision uses

    @property
    def agreement(self) -> float:
        return self.agreeing / self.clips if self.clips else 1.0

    @property
    def passed(self) -> bool:
        return self.agreement >= AGREEMENT_TARGET

    def to_dict(self) -> dict:
        return {**asdict(self), "agreement": self.agreement, "target": AGREEMENT_TARGET, "passed": self.passed}

    def summary(self) -> str:
        verdict = "ok" if self.passed else f"BELOW the {AGREEMENT_TARGET:.0%} target"
        return (
            f"float vs int8 decisions at cutoff {self.cutoff:.2f} agree on {self.agreeing}/{self.clips} clips "
            f"({self.agreement:.2%}, {verdict}); detections float {self.float_detections}, int8 "
            f"{self.quantized_detections}; largest probability difference {self.max_probability_difference:.3f} "
            f"(mean {self.mean_probability_difference:.4f})"
        )


def decision_agreement(
    float_outputs: Sequence[np.ndarray], quantized_outputs: Sequence[np.ndarray], cutoff: float
) -> AgreementReport:
    """Compare per-clip output streams (probabilities in [0, 1]) of the two models."""
    if len(float_outputs) != len(quantized_outputs):
        raise ValueError("float and quantized outputs must cover the same clips")
    agreeing = float_hits = quant_hits = 0
    max_diff = max_score_diff = 0.0
    diff_sum = 0.0
    count = 0
    for reference, quantized in zip(float_outputs, quantized_outputs, strict=True):
        reference = np.asarray(reference, np.float64)
        quantized = np.asarray(quantized, np.float64)
        if reference.shape != quantized.shape:
            raise ValueError(f"output lengths differ: {reference.shape} vs {quantized.shape}")
        if reference.size == 0:
            continue
        float_hit = bool(reference.max() > cutoff)
        quant_hit = bool(quantized.max() > cutoff)
        agreeing += float_hit == quant_hit
        float_hits += float_hit
        quant_hits += quant_hit
        difference = np.abs(reference - quantized)
        max_diff = max(max_diff, float(difference.max()))
        max_score_diff = max(max_score_diff, abs(float(reference.max() - quantized.max())))
        diff_sum += float(difference.sum())
        count += difference.size
    clips = sum(1 for reference in float_outputs if np.size(reference))
    return AgreementReport(
        cutoff=float(cutoff),
        clips=clips,
        agreeing=agreeing,
        float_detections=float_hits,
        quantized_detections=quant_hits,
        max_probability_difference=max_diff,
        mean_probability_difference=diff_sum / count if count else 0.0,
        max_clip_score_difference=max_score_diff,
    )


def clip_agreement(
    config: MixedNetConfig,
    weights: MixedNetWeights,
    model_bytes: bytes,
    arena_size: int,
    clips: Sequence[np.ndarray],
    cutoff: float,
    on_clip: Callable[[int], None] | None = None,
    engine: Engine = "tflite",
) -> AgreementReport:
    """Agreement on float-feature clips [T, 40] (the float model sees them unclipped, as in training).

    `engine` "tflite" (reference kernels, bit-exact with tflite_micro on the official models, fast) or
    "micro" (tflite_micro itself, in `arena_size` bytes).
    """
    runner = StreamingRunner(model_bytes, engine=engine, arena_size=arena_size)
    float_outputs, quantized_outputs = [], []
    for index, features in enumerate(clips):
        runner.reset()  # every clip starts from zero state, like a freshly started detector
        quantized = runner.run(features)
        reference = reference_forward(config, weights, features, padding="causal")[: len(quantized)]
        float_outputs.append(reference)
        quantized_outputs.append(quantized)
        if on_clip is not None:
            on_clip(index + 1)
    return decision_agreement(float_outputs, quantized_outputs, cutoff)


def testing_store_clips(config: WakesmithConfig, max_clips: int | None = None, seed: int = 0) -> list[np.ndarray]:
    """Float-feature clips from the positive and negative `testing` stores (a seeded sample when capped)."""
    sources = [open_clips(config.features.work_dir, name, "testing") for name in TEST_SETS]
    indices = [(s, i) for s, source in enumerate(sources) for i in range(len(source))]
    if not indices:
        raise WakesmithError("the positive and negative testing stores are empty: run `wakesmith features` again")
    if max_clips is not None and len(indices) > max_clips:
        picked = np.random.default_rng(seed).choice(len(indices), size=max_clips, replace=False)
        indices = [indices[i] for i in sorted(picked)]
    return [raw_to_float(sources[s][i]) for s, i in indices]
