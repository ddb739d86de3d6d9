"""Running every stage in order (`wakesmith run`, `wakesmith demo`), skipping what is up to date."""
