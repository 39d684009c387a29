"""pytest plugin (``pytest11`` entry point ``clearance``): fixture cases as test items."""

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the plugin's options (filled in by the regression work)."""
    group = parser.getgroup("clearance", "Clearance fixture regression")
    group.addoption("--clearance-fixtures", default=None, help="Fixture cases directory.")
