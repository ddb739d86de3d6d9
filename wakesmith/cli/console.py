"""One rich console for the CLI, and the one way errors are printed."""

from __future__ import annotations

from rich.console import Console

console = Console()
error_console = Console(stderr=True)


def print_error(message: str) -> None:
    """Print each line of a user-facing error as `error: …`, no traceback."""
    for line in message.splitlines() or [message]:
        error_console.print(f"[bold red]error:[/] {line}", highlight=False, markup=True, soft_wrap=True)
