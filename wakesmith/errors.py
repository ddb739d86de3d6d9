"""User-facing errors: the CLI prints their message as one line, never a traceback."""


class WakesmithError(Exception):
    """An error caused by input the user can fix (a config, a file, a missing tool)."""


class ConfigError(WakesmithError):
    """A configuration file that does not match the typed models."""
