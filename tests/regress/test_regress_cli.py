"""`clearance regress`, `score` and `fixture add` end to end on small cases in tmp dirs.

Most tests run the toy extractor (``--extractor``) so that they check the regression machinery,
not the quality of an extraction that is still being tuned.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli import app

from .casekit import META, read_lines, write_lines
from .conftest import MakeCase

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def updated_case(make_case: MakeCase, toy: str, **kwargs: object) -> Path:
    folder = make_case(**kwargs)
    code, out = run("regress", str(folder.parent), "--update", "--extractor", toy)
    assert code == 0, out
    return folder


def test_update_then_pass(make_case: MakeCase, toy: str) -> None:
    folder = make_case()
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 1 and "no expected.jsonl" in out
    code, out = run("regress", str(folder.parent), "--update", "--extractor", toy)
    assert code == 0 and "updated 1 case(s)" in out
    assert len(read_lines(folder / "expected.jsonl")) == 2
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 0 and "regress: 1 pass, 0 fail" in out


def test_changed_slot_fails_with_its_name_then_update_fixes(make_case: MakeCase, toy: str) -> None:
    folder = updated_case(make_case, toy)
    lines = read_lines(folder / "expected.jsonl")
    lines[0]["quantity"]["value"] = 200000
    write_lines(folder / "expected.jsonl", lines)
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 1
    assert "FAIL  case-one" in out
    assert "slot changed: approved/import by China: H200 quantity.value 200000 -> 400000" in out
    code, out = run("regress", str(folder.parent), "--update", "--extractor", toy)
    assert code == 0 and "updated 1 case(s)" in out
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 0 and "PASS  case-one" in out


def test_missing_and_added_events(make_case: MakeCase, toy: str) -> None:
    folder = updated_case(make_case, toy)
    lines = read_lines(folder / "expected.jsonl")
    lines[1]["decision"] = "pending"
    write_lines(folder / "expected.jsonl", lines)
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 1
    assert "event missing: pending/merger by European Commission" in out
    assert "event added: denied/merger by European Commission" in out


def test_volatile_changes_do_not_fail(make_case: MakeCase, toy: str) -> None:
    folder = updated_case(make_case, toy)
    lines = read_lines(folder / "expected.jsonl")
    lines[0]["event_id"] = "0000000000000000"
    lines[0]["confidence"] = 0.7  # toy says 0.8: inside the 0.2 tolerance
    lines[0]["authority"]["mentions"] = ["Beijing"]
    lines[0]["quantity"]["text"] = "400k"
    write_lines(folder / "expected.jsonl", lines)
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 0, out
    lines[0]["confidence"] = 0.3
    write_lines(folder / "expected.jsonl", lines)
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 1 and "confidence 0.3 -> 0.8" in out


def test_config_overrides_rules(make_case: MakeCase, toy: str, tmp_path: Path) -> None:
    folder = updated_case(make_case, toy)
    lines = read_lines(folder / "expected.jsonl")
    lines[0]["quantity"]["value"] = 1
    write_lines(folder / "expected.jsonl", lines)
    rules = tmp_path / "team.toml"
    rules.write_text('ignore = ["event_id", "article", "quantity"]\n')
    code, out = run("regress", str(folder.parent), "--config", str(rules), "--extractor", toy)
    assert code == 0, out


def test_xfail_and_xpass(make_case: MakeCase, toy: str) -> None:
    failing = updated_case(make_case, toy, name="known-bad", meta={**META, "xfail": "quantity"})
    updated_case(make_case, toy, name="known-good", meta={**META, "xfail": "fixed since"})
    lines = read_lines(failing / "expected.jsonl")
    lines[0]["quantity"]["value"] = 7
    write_lines(failing / "expected.jsonl", lines)
    code, out = run("regress", str(failing.parent), "--extractor", toy)
    assert code == 0, out
    assert "XFAIL known-bad  (xfail: quantity)" in out and "XPASS known-good" in out
    assert "1 xfail, 1 xpass" in out


def test_update_refused_below_floors(make_case: MakeCase, toy: str) -> None:
    folder = make_case(expected=[])
    floors = {"event_f1": 0.0, "headline_recall": 0.0, "negatives_false_events": 0, "slots": {}}
    meta = {**META, "tags": ["negative"], "headline": []}
    make_case("neg", meta=meta, expected=[])
    (folder.parent / "floors.json").write_text(json.dumps(floors))
    code, out = run("regress", str(folder.parent), "--update", "--extractor", toy)
    assert code == 1 and "refusing to update" in out
    assert "negatives_false_events 2 is above its ceiling 0" in out
    assert read_lines(folder / "expected.jsonl") == []
    code, out = run(
        "regress", str(folder.parent), "--update", "--allow-regression", "--extractor", toy
    )
    assert code == 0 and len(read_lines(folder / "expected.jsonl")) == 2


def test_score_json_and_floors(make_case: MakeCase, toy: str, tmp_path: Path) -> None:
    folder = updated_case(make_case, toy)
    out_json = tmp_path / "score.json"
    code, out = run("score", str(folder.parent), "--json", str(out_json), "--extractor", toy)
    assert code == 0 and "headline recall   1.000" in out
    data = json.loads(out_json.read_text())
    assert data["event_f1"] == 1.0 and data["slots"]["quantity"] == 1.0
    code, out = run("score", str(folder.parent), "--check-floors", "--extractor", toy)
    assert code == 2 and "floors" in out  # no floors.json in this directory
    (folder.parent / "floors.json").write_text(json.dumps({"event_f1": 1.0, "slots": {}}))
    code, out = run("score", str(folder.parent), "--check-floors", "--extractor", toy)
    assert code == 0, out
    lines = read_lines(folder / "expected.jsonl")
    write_lines(folder / "expected.jsonl", lines[:1])
    code, out = run("score", str(folder.parent), "--check-floors", "--extractor", toy)
    assert code == 1 and "event_f1 0.667 is below its floor 1.000" in out


def test_fixture_add_from_file(tmp_path: Path, toy: str) -> None:
    source = tmp_path / "story.txt"
    source.write_text("China approved imports of 1,000 H200 chips.\n")
    root = tmp_path / "fx"
    code, out = run(
        "fixture", "add", str(source), "--name", "new-case", "--dir", str(root),
        "--published", "2026-02-01", "--title", "A title", "--extractor", toy,
    )  # fmt: skip
    assert code == 0, out
    assert f"review {root / 'new-case' / 'expected.jsonl'}" in out
    meta = json.loads((root / "new-case" / "meta.json").read_text())
    assert meta["published"] == "2026-02-01" and meta["title"] == "A title"
    assert read_lines(root / "new-case" / "expected.jsonl")[0]["quantity"]["value"] == 1000
    code, out = run("regress", str(root), "--extractor", toy)
    assert code == 0, out
    code, out = run("fixture", "add", str(source), "--name", "new-case", "--dir", str(root))
    assert code == 2 and "exists already" in out


def test_unused_expected_file_fails(make_case: MakeCase, toy: str) -> None:
    folder = updated_case(make_case, toy)
    (folder.parent / "old-name").mkdir()
    (folder.parent / "old-name" / "expected.jsonl").write_text("")
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 1 and "old-name/expected.jsonl: expected file no case uses" in out


def test_seed_copy_with_the_real_extractor(seed_copy: Path) -> None:
    """A copy of the seed case through the project's own Extractor, as a user runs it."""
    case = seed_copy / "seed-news-az-h200"
    code, out = run("regress", str(seed_copy), "--update")
    assert code == 0, out
    code, out = run("regress", str(seed_copy))
    assert code == 0 and "PASS  seed-news-az-h200" in out
    lines = read_lines(case / "expected.jsonl")
    if not lines:
        pytest.skip("the extraction finds no event in the seed yet: no slot to change")
    lines[0]["destination"] = "ZZ"
    write_lines(case / "expected.jsonl", lines)
    code, out = run("regress", str(seed_copy))
    assert code == 1 and re.search(r"slot changed: .* destination \"ZZ\" -> ", out), out
    assert run("regress", str(seed_copy), "--update")[0] == 0
    assert run("regress", str(seed_copy))[0] == 0


def test_cli_as_a_subprocess(seed_copy: Path) -> None:
    """The entry point in its own process: exit codes and streams as a shell sees them."""
    cli = [sys.executable, "-m", "clearance"]
    update = subprocess.run(
        [*cli, "regress", str(seed_copy), "--update"], capture_output=True, text=True
    )
    assert update.returncode == 0, update.stderr
    check = subprocess.run([*cli, "regress", str(seed_copy)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "PASS  seed-news-az-h200" in check.stdout


def test_mark_known_gaps_records_then_clears_the_mark(make_case: MakeCase, toy: str) -> None:
    folder = updated_case(make_case, toy)
    good = read_lines(folder / "expected.jsonl")
    write_lines(folder / "expected.jsonl", good[:1])  # the toy now adds an event: a gap
    code, out = run("regress", str(folder.parent), "--mark-known-gaps", "--extractor", toy)
    assert code == 0, out
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert "1 extra event(s)" in meta["xfail"]
    assert meta["title"] == META["title"]  # the rest of meta.json is kept
    code, out = run("regress", str(folder.parent), "--extractor", toy)
    assert code == 0 and "XFAIL case-one" in out
    write_lines(folder / "expected.jsonl", good)  # the gap is closed: the mark goes
    code, out = run("regress", str(folder.parent), "--mark-known-gaps", "--extractor", toy)
    assert code == 0, out
    assert "xfail" not in json.loads((folder / "meta.json").read_text(encoding="utf-8"))
