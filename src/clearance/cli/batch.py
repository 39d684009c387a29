"""`clearance batch`: streaming, parallel, resumable runs over many sources."""

import typer


def register(app: typer.Typer) -> None:
    """Add the batch command to ``app`` (filled in by the batch work)."""
    del app
