"""wakesmith: from a folder of WAV files to a wake word model that runs under ESPHome's micro_wake_word."""

__version__ = "0.1.0"
