"""Real recorded audio and room impulse responses from packages: Debian archives and PyPI wheels."""
