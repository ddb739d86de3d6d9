"""Training phases: per-phase step counts, learning rates, class weights and SpecAugment settings."""

from __future__ import annotations

from dataclasses import dataclass

from wakesmith.config.models import TrainingConfig
from wakesmith.training.sampler import PhaseBatchSettings


@dataclass(frozen=True)
class Phase:
    index: int
    first_step: int  # global step at which the phase starts (steps are counted from 0)
    steps: int
    learning_rate: float
    batch: PhaseBatchSettings

    @property
    def end_step(self) -> int:
        return self.first_step + self.steps


def build_phases(config: TrainingConfig, steps_override: list[int] | None = None) -> list[Phase]:
    """Phases from the config; `steps_override` replaces the step counts (extra phases reuse the last settings)."""
    counts = list(steps_override) if steps_override is not None else list(config.training_steps)
    phases, first = [], 0
    last = len(config.training_steps) - 1
    for index, steps in enumerate(counts):
        i = min(index, last)
        settings = PhaseBatchSettings(
            positive_weight=config.positive_class_weight[i],
            negative_weight=config.negative_class_weight[i],
            time_mask_count=config.time_mask_count[i],
            time_mask_max_size=config.time_mask_max_size[i],
            freq_mask_count=config.freq_mask_count[i],
            freq_mask_max_size=config.freq_mask_max_size[i],
        )
        phases.append(Phase(index, first, int(steps), config.learning_rates[i], settings))
        first += int(steps)
    return [p for p in phases if p.steps > 0]


def phase_at(phases: list[Phase], step: int) -> Phase:
    for phase in phases:
        if step < phase.end_step:
            return phase
    return phases[-1]
