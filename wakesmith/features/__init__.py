"""The feature stage: dataset audio → augmented fixed-length clips → device frontend → RaggedMmap stores.

Modules, in data-flow order:
- `sources`: dataset records and int16 samples (the data stage's scan/reader), source hashes.
- `plan`: one StoreSpec per store (set × split), its clip jobs and the hashes that make it skippable.
- `clips`: placement in a fixed-length clip (positives end ~0.2 s before the clip end) and per-clip seeding.
- `augment/`: the audiomentations chain (`pipeline`) and array-backed background/RIR transforms.
- `frontend`: the ESP32 micro frontend (pymicro-features), raw uint16 ↔ float, the device int8 mapping.
- `spectrograms`: slides of clips, consecutive windows of ambient recordings.
- `worker`: per-process setup and clip rendering; `build`: the process pool and store writing;
  `shards`: finished chunks of an unfinished store, so a killed run resumes.
- `stores`: the on-disk layout (`<work>/features/<set>/<split>/spectrograms_mmap` + store.json), atomic writes.
- `benchmark`: `wakesmith bench features`.

Store contents for the trainer: uint16 raw frontend units [frames, 40] (float = raw / 25.6, lossless). A clip
split with `slide_frames = N` holds N consecutive spectrograms per augmented clip, each F − N + 1 frames long
(F = frames of the clip), the k-th ending k frames before the clip end. Ambient stores hold consecutive
windows of `ambient_window_s` computed with one continuous frontend per recording; store.json has `hours`.
"""
