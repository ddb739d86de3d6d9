"""Torch engine: eager steps (Keras variables are torch parameters; gradients via autograd)."""

from __future__ import annotations

import time

import keras
import torch

from wakesmith.training.engine import Engine, weighted_loss
from wakesmith.training.sampler import draw_batch


class TorchEngine(Engine):
    def _compile(self) -> None:
        self._scaled = isinstance(self.optimizer, keras.optimizers.LossScaleOptimizer)

    def _train(self, features, labels, weights):
        self.model.zero_grad()
        probabilities = self.model(features, training=True)
        loss, accuracy = weighted_loss(probabilities, labels, weights)
        (self.optimizer.scale_loss(loss) if self._scaled else loss).backward()
        variables = list(self.model.trainable_variables)
        gradients = [v.value.grad for v in variables]
        with torch.no_grad():
            self.optimizer.apply(gradients, variables)
        return loss.detach(), accuracy.detach()

    def run(self, step: int, count: int) -> tuple[float, float]:
        losses, accuracies = [], []
        for offset in range(count):
            start = time.perf_counter()
            with torch.no_grad():
                batch = draw_batch(self.data, self.seed, step + offset, self.batch_size, self.window, self.settings)
            start = self._timed("data", start)
            loss, accuracy = self._train(*batch)
            self._timed("step", start)
            losses.append(loss)
            accuracies.append(accuracy)
        return float(torch.stack(losses).sum()), float(torch.stack(accuracies).sum())
