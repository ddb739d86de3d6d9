"""Offline synthetic datasets: TTS engines behind one interface, phrase lists and noise."""
