"""The typer app: thin commands over the library, and the one place that prints and exits.

Exit codes: 0 all inputs ok; 1 a regression/score check failed; 2 usage or configuration error;
3 finished but some inputs failed.
"""

import typer

from clearance.cli import batch as batch_cmd
from clearance.cli import extract as extract_cmd
from clearance.cli import regress as regress_cmd

app = typer.Typer(
    name="clearance",
    help="Read news and emit approval-event records (JSONL).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
extract_cmd.register(app)
batch_cmd.register(app)
regress_cmd.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
