"""Helpers for the regression tests: small cases written into tmp dirs."""

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TOY = "clearance_toy_extractor:make"

ARTICLE = (
    "Trade Desk Daily\n\n"
    "China approved imports of more than 400,000 H200 chips this week. "
    "The European Commission blocked the merger of Acme and Widget. "
    "Analysts expect shares in both firms to move on Monday.\n"
)
META = {
    "url": "https://trade-desk.example/news/1",
    "title": "China approves H200 imports",
    "published": "2026-01-28",
    "site": "Trade Desk Daily",
    "notes": "two events for the regression tests",
    "tags": ["decision:approved", "decision:denied", "scope:import", "scope:merger"],
    "headline": [0],
}


def write_case(
    root: Path,
    name: str,
    text: str = ARTICLE,
    meta: dict[str, Any] | None = None,
    expected: list[dict[str, Any]] | None = None,
    suffix: str = "txt",
) -> Path:
    """Create one case folder; ``expected=None`` leaves expected.jsonl out."""
    folder = root / name
    folder.mkdir(parents=True)
    (folder / f"article.{suffix}").write_text(text, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(meta or META), encoding="utf-8")
    if expected is not None:
        lines = "".join(json.dumps(item) + "\n" for item in expected)
        (folder / "expected.jsonl").write_text(lines, encoding="utf-8")
    return folder


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def write_lines(path: Path, items: list[dict[str, Any]]) -> None:
    """Rewrite a JSONL file."""
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
