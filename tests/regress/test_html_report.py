"""The HTML report: self-contained, evidence highlighted, diffs coloured; and in a real browser."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli import app

from .casekit import read_lines, write_lines
from .conftest import MakeCase

CHROMIUM = Path("/usr/bin/chromium")
runner = CliRunner()


def report_for_changed_case(make_case: MakeCase, toy: str, tmp_path: Path) -> Path:
    """A run with one changed slot, one missing and one added event, written as HTML."""
    folder = make_case()
    root = str(folder.parent)
    assert runner.invoke(app, ["regress", root, "--update", "--extractor", toy]).exit_code == 0
    lines = read_lines(folder / "expected.jsonl")
    lines[0]["quantity"]["value"] = 250000
    lines[1]["decision"] = "pending"
    write_lines(folder / "expected.jsonl", lines)
    html = tmp_path / "report.html"
    result = runner.invoke(app, ["regress", root, "--html", str(html), "--extractor", toy])
    assert result.exit_code == 1
    return html


def test_report_is_self_contained_and_highlights(
    make_case: MakeCase, toy: str, tmp_path: Path
) -> None:
    page = report_for_changed_case(make_case, toy, tmp_path).read_text(encoding="utf-8")
    assert "<style>" in page
    assert not re.search(r"<script|<link|src=|https?://(?!trade-desk)", page)
    assert "<mark class='act exp'>China approved imports of more than 400,000 H200" in page
    assert "<del>250000</del> → <ins>400000</ins>" in page
    assert "event missing: pending/merger by European Commission" in page
    assert "event added: denied/merger by European Commission" in page
    assert page.count("<section") == 1


@pytest.mark.slow
def test_report_renders_in_headless_chromium(make_case: MakeCase, toy: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install chromium to run this check)")
    html = report_for_changed_case(make_case, toy, tmp_path)
    dom = chromium(html, "--dump-dom")
    assert dom.stdout.count("<mark") >= 2 and "<del>250000</del>" in dom.stdout
    shot = tmp_path / "shot.png"
    chromium(html, f"--screenshot={shot}", "--window-size=1400,1800")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def chromium(html: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local file with networking and first-run chores off."""
    profile = tempfile.mkdtemp(prefix="clearance-chromium-")
    try:
        cmd = [
            str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", *args, html.as_uri(),
        ]  # fmt: skip
        env = {**os.environ, "HOME": profile}
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        return done
    finally:
        shutil.rmtree(profile, ignore_errors=True)
