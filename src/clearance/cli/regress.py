"""`clearance score`, `clearance regress`, `clearance fixture add`: fixture-driven quality checks."""

import typer


def register(app: typer.Typer) -> None:
    """Add the fixture commands to ``app`` (filled in by the regression work)."""
    del app
