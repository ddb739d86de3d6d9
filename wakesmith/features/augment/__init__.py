"""Waveform augmentation: custom transforms (one per file, audiomentations style) and their composition."""
