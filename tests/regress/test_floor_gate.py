"""The CI gate: the project's own fixtures must score at or above fixtures/floors.json."""

import subprocess
import sys

import pytest

from .casekit import REPO

FIXTURES = REPO / "fixtures"


@pytest.mark.slow
def test_score_fixtures_check_floors() -> None:
    if not (FIXTURES / "floors.json").is_file():
        pytest.skip("fixtures/floors.json is absent: no floors pinned, nothing to gate on")
    done = subprocess.run(
        [sys.executable, "-m", "clearance", "score", str(FIXTURES), "--check-floors"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    assert "floors: all scores at or above their floors" in done.stderr
