"""The pytest plugin on a user's own fixtures in a temporary directory outside the repo."""

from pathlib import Path

import pytest

from .casekit import META, read_lines, write_case, write_lines

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestAssertRewriteWarning")


def user_fixtures(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team's repository: a fixtures dir with two cases and no conftest of ours."""
    root = pytester.path / "my_fixtures"
    write_case(root, "two-events")
    write_case(
        root,
        "negative",
        text="Markets were calm on Monday.\n",
        meta={**META, "tags": ["negative"], "headline": []},
    )
    return root


def run(pytester: pytest.Pytester, root: Path, *extra: str) -> pytest.RunResult:
    return pytester.runpytest(
        "-p", "no:cacheprovider", "--clearance-fixtures", str(root),
        "--clearance-extractor", "clearance_toy_extractor:make", *extra,
    )  # fmt: skip


def test_cases_are_items_and_update_then_pass(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, toy: str
) -> None:
    root = user_fixtures(pytester, monkeypatch)
    first = run(pytester, root)
    first.assert_outcomes(failed=2)
    first.stdout.fnmatch_lines(["*no expected.jsonl*"])
    (root / "two-events" / "expected.jsonl").write_text("not json\n")  # update repairs it
    run(pytester, root, "--clearance-update").assert_outcomes(passed=2)
    assert len(read_lines(root / "two-events" / "expected.jsonl")) == 2
    assert read_lines(root / "negative" / "expected.jsonl") == []
    run(pytester, root).assert_outcomes(passed=2)


def test_changed_slot_fails_with_a_readable_diff(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, toy: str
) -> None:
    root = user_fixtures(pytester, monkeypatch)
    run(pytester, root, "--clearance-update").assert_outcomes(passed=2)
    expected = root / "two-events" / "expected.jsonl"
    lines = read_lines(expected)
    lines[0]["item"]["name"] = "H20"
    write_lines(expected, lines)
    result = run(pytester, root)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*clearance case two-events differs:*",
            'slot changed: approved/import by China: H20 item.name "H20" -> "H200"',
        ]
    )
    assert "Traceback" not in result.stdout.str()
    run(pytester, root, "--clearance-update").assert_outcomes(passed=2)
    run(pytester, root).assert_outcomes(passed=2)


def test_volatile_change_passes_and_config_option(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, toy: str
) -> None:
    root = user_fixtures(pytester, monkeypatch)
    run(pytester, root, "--clearance-update").assert_outcomes(passed=2)
    expected = root / "two-events" / "expected.jsonl"
    lines = read_lines(expected)
    lines[0]["event_id"] = "ffffffffffffffff"
    lines[0]["confidence"] = 0.65
    lines[1]["quantity"] = {"text": "9", "value": 9}
    write_lines(expected, lines)
    run(pytester, root).assert_outcomes(passed=1, failed=1)
    rules = pytester.path / "team-rules.toml"
    rules.write_text('ignore = ["event_id", "article", "quantity"]\nconfidence_tolerance = 0.2\n')
    run(pytester, root, "--clearance-config", str(rules)).assert_outcomes(passed=2)


def test_xfail_and_unused_expected(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, toy: str
) -> None:
    root = user_fixtures(pytester, monkeypatch)
    run(pytester, root, "--clearance-update").assert_outcomes(passed=2)
    write_case(root, "known-gap", meta={**META, "xfail": "quantities not read yet"}, expected=[])
    write_case(root, "fixed-gap", meta={**META, "xfail": "was broken"})
    run(pytester, root, "--clearance-update", "-k", "fixed").assert_outcomes(
        xpassed=1, deselected=3
    )
    (root / "renamed").mkdir()
    (root / "renamed" / "expected.jsonl").write_text("")
    result = run(pytester, root, "-rxX")
    result.assert_outcomes(passed=2, xfailed=1, xpassed=1, failed=1)
    result.stdout.fnmatch_lines(["*renamed/expected.jsonl: expected file no case uses*"])


def test_real_extractor_on_user_fixtures(pytester: pytest.Pytester) -> None:
    """The project's own Extractor (no --clearance-extractor), as a team would run it.

    In a subprocess: spaCy's compiled modules cannot be imported twice in one process, which
    pytester's in-process runs would otherwise try.
    """
    root = pytester.path / "team_fixtures"
    write_case(root, "two-events")
    args = ["-p", "no:cacheprovider", "--clearance-fixtures", str(root)]
    pytester.runpytest_subprocess(*args, "--clearance-update").assert_outcomes(passed=1)
    pytester.runpytest_subprocess(*args).assert_outcomes(passed=1)
    bad = pytester.runpytest_subprocess(*args, "--clearance-model", "no_such_pipeline_x")
    bad.assert_outcomes(failed=1)
    bad.stdout.fnmatch_lines(["*no_such_pipeline_x: cannot load this spaCy pipeline*"])
