"""`wakesmith bench train`: training steps/s of the default MixedNet on realistic random features.

Runs the real engine (device-resident pool, on-device batch drawing, compiled step) on a synthetic pool whose
values spread over 0…26 like real spectrograms. Module import stays light: keras loads in `run_benchmark`.
"""

from __future__ import annotations

import argparse
import os
import time


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--batch-size", type=int, default=128, help="examples per step (default: 128)")
    parser.add_argument("--steps", type=int, default=300, help="timed steps (default: 300)")
    parser.add_argument("--warmup", type=int, default=30, help="untimed steps first, incl. compilation (default: 30)")
    parser.add_argument("--backend", choices=("tensorflow", "jax", "torch"), help="Keras backend")
    parser.add_argument(
        "--formulation", choices=("auto", "depthwise", "shifted"), default="auto", help="depthwise conv formulation"
    )
    parser.add_argument("--mixed-precision", action="store_true", help="float16 compute")


def measure(batch_size: int, steps: int, warmup: int, formulation: str = "auto", mixed_precision: bool = False):
    """(steps/s, examples/s, process CPU ms per step) of the default model on the active Keras backend."""
    import keras

    from wakesmith.config.models import MixedNetConfig
    from wakesmith.model.architecture import MixedNetGeometry
    from wakesmith.model.mixednet import build_mixednet
    from wakesmith.training.backend import set_mixed_precision
    from wakesmith.training.batches import synthetic_pool
    from wakesmith.training.engine import create_engine
    from wakesmith.training.sampler import PhaseBatchSettings, to_device

    set_mixed_precision(mixed_precision)
    config = MixedNetConfig(depthwise_formulation=formulation)
    window = MixedNetGeometry(config).receptive_field
    data = to_device(synthetic_pool(window).arrays())
    model = build_mixednet(config)
    optimizer = keras.optimizers.Adam(0.001)
    if mixed_precision:
        optimizer = keras.optimizers.LossScaleOptimizer(optimizer)
    engine = create_engine(model, optimizer, data, seed=0, batch_size=batch_size, window=window)
    engine.set_phase(PhaseBatchSettings(1.0, 20.0, 1, 5, 1, 5), 0.001)
    engine.run(0, warmup)
    start, cpu = time.perf_counter(), time.process_time()
    engine.run(warmup, steps)  # returns host floats, so the device work is finished when it returns
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return steps / elapsed, steps * batch_size / elapsed, 1000.0 * cpu / steps


def run_benchmark(args: argparse.Namespace) -> int:
    from wakesmith.cli.console import console
    from wakesmith.training.backend import configure_devices, select_backend

    backend = select_backend(args.backend)
    device = configure_devices()
    if device == "cpu":
        device = f"cpu ({len(os.sched_getaffinity(0))} cores)"
    load = os.getloadavg()[0]
    console.print(f"load average before: {load:.2f} (the machine may be shared: figures are noisy)")
    rate, examples, cpu_ms = measure(args.batch_size, args.steps, args.warmup, args.formulation, args.mixed_precision)
    console.print(
        f"process CPU time {cpu_ms:.1f} ms/step; load average after: {os.getloadavg()[0]:.2f} "
        "(on a busy machine compare CPU time: wall-clock steps/s then depend on the other processes)"
    )
    print(f"train: {rate:.1f} steps/s ({examples:.0f} examples/s) backend={backend} device={device.replace(' ', '_')}")
    return 0
