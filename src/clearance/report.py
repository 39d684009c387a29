"""A self-contained HTML page of a regression run, for a person reviewing fixture diffs.

Each case shows its article with evidence spans highlighted (expected and actual in different
colours), then expected and actual events side by side, matched pairs on one row, missing events
in red and added ones in green. Inline CSS only: the page must open from a CI artifact offline.
"""

import html
import itertools
from collections.abc import Sequence
from pathlib import Path

from clearance.compare import SlotChange, label
from clearance.records import ApprovalEvent
from clearance.regress import CaseResult, Status

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#1d2430;
background:#f6f7f9}
h1{font-size:22px;margin:0 0 4px} .sum{color:#555;margin-bottom:18px}
section{background:#fff;border:1px solid #d9dde3;border-radius:8px;margin:0 0 22px;
padding:14px 18px}
h2{font-size:17px;margin:0 0 8px} .badge{display:inline-block;padding:1px 8px;border-radius:10px;
font-size:12px;font-weight:600;margin-right:8px;color:#fff;vertical-align:2px}
.pass{background:#2e7d32}.fail{background:#c62828}.xfail{background:#8d6e63}
.xpass{background:#ef6c00}
.error{background:#6a1b9a}
.article{white-space:pre-wrap;font:13.5px/1.55 Georgia,serif;background:#fbfbf8;
border:1px solid #eee;
padding:10px 12px;max-height:420px;overflow:auto}
mark{padding:0 1px;border-radius:2px}
mark.exp{background:#fff176} mark.act{background:#b3e5fc} mark.exp.act{background:#c5e1a5}
.legend mark{font-size:12px}
table{border-collapse:collapse;width:100%;margin-top:10px;font-size:13px;table-layout:fixed}
th,td{border:1px solid #e0e3e8;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#f0f2f5} td.missing{background:#ffebee} td.added{background:#e8f5e9}
td.same{background:#fff} .ev b{display:block;margin-bottom:2px}
.ev dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:0 8px}
.ev dt{color:#666} .ev dd{margin:0;word-break:break-word}
ul.diff{margin:8px 0 0;padding-left:18px;font:12.5px/1.5 ui-monospace,Menlo,monospace}
li.del{color:#b71c1c} li.ins{color:#1b5e20} li.chg{color:#333}
del{color:#b71c1c;background:#ffebee} ins{color:#1b5e20;background:#e8f5e9;text-decoration:none}
.none{color:#888;font-style:italic}
nav{margin:0 0 18px;line-height:2} nav a{color:#1d2430;text-decoration:none;margin-right:14px;
white-space:nowrap}
"""


def write_report(path: Path, results: Sequence[CaseResult]) -> None:
    """Write the report for ``results`` to ``path``."""
    path.write_text(render_report(results), encoding="utf-8")


def render_report(results: Sequence[CaseResult]) -> str:
    """The whole page as one string."""
    counts = {s: sum(r.status is s for r in results) for s in Status}
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    ordered = sorted(results, key=lambda r: (ORDER[r.status], r.name))
    body = _index(ordered) + "".join(_case(result) for result in ordered)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Clearance regression report</title>"
        f"<style>{CSS}</style></head><body><h1>Clearance regression report</h1>"
        f"<div class='sum'>{len(results)} cases: {html.escape(summary)}. "
        "<span class='legend'><mark class='exp'>expected evidence</mark> "
        "<mark class='act'>actual evidence</mark> <mark class='exp act'>both</mark></span></div>"
        f"{body}</body></html>\n"
    )


ORDER = {Status.ERROR: 0, Status.FAIL: 1, Status.XPASS: 2, Status.XFAIL: 3, Status.PASS: 4}


def _index(results: Sequence[CaseResult]) -> str:
    """Failing cases first, each linking to its section."""
    links = "".join(
        f"<a href='#{html.escape(r.name)}'><span class='badge {r.status.value}'>"
        f"{r.status.value.upper()}</span>{html.escape(r.name)}</a> "
        for r in results
    )
    return f"<nav>{links}</nav>"


def _case(result: CaseResult) -> str:
    status = result.status.value
    head = (
        f"<h2><span class='badge {status}'>{status.upper()}</span>{html.escape(result.name)}</h2>"
    )
    parts = [head]
    if result.case is not None and result.case.meta.title:
        parts.append(f"<div class='sum'>{html.escape(result.case.meta.title)}</div>")
    parts.append(_diff(result))
    if result.case is not None and result.case.article.text:
        parts.append(_article(result.case.article.text, result.expected, result.actual))
    parts.append(_table(result))
    return f"<section id='{html.escape(result.name)}'>{''.join(parts)}</section>"


def _article(text: str, expected: list[ApprovalEvent], actual: list[ApprovalEvent]) -> str:
    """The text with each evidence span marked; overlapping spans split into segments."""
    spans = [(s.start, s.end, "exp") for e in expected for s in e.evidence]
    spans += [(s.start, s.end, "act") for e in actual for s in e.evidence]
    cuts = sorted({0, len(text), *(p for a, b, _ in spans for p in (a, b) if 0 <= p <= len(text))})
    out: list[str] = []
    for start, end in itertools.pairwise(cuts):
        piece = html.escape(text[start:end])
        kinds = sorted({k for a, b, k in spans if a <= start and end <= b})
        out.append(f"<mark class='{' '.join(kinds)}'>{piece}</mark>" if kinds else piece)
    return f"<div class='article'>{''.join(out)}</div>"


def _table(result: CaseResult) -> str:
    rows: list[str] = []
    matching = result.matching
    if matching is not None:
        for pair in matching.pairs:
            exp, act = result.expected[pair.expected_index], result.actual[pair.actual_index]
            changed = bool(result.changes.get(pair.expected_index))
            rows.append(_row(_event(exp), _event(act), "missing" if changed else "same"))
        rows += [_row(_event(result.expected[i]), "not found", "missing") for i in matching.missing]
        rows += [_row("not expected", _event(result.actual[j]), "added") for j in matching.added]
    if not rows:
        rows.append(_row("no events", "no events", "none"))
    return "<table><tr><th>expected</th><th>actual</th></tr>" + "".join(rows) + "</table>"


def _row(left: str, right: str, kind: str) -> str:
    """One table row; ``kind`` colours the expected cell, the actual cell takes its counterpart."""
    left_cls = {"added": "none"}.get(kind, kind)
    right_cls = {"missing": "added", "same": "same", "added": "added"}.get(kind, "none")
    if kind == "missing" and right == "not found":
        right_cls = "none"
    return f"<tr><td class='{left_cls}'>{left}</td><td class='{right_cls}'>{right}</td></tr>"


def _event(event: ApprovalEvent) -> str:
    fields: list[tuple[str, str]] = []
    if event.quantity is not None:
        fields.append(
            (
                "quantity",
                f"{event.quantity.text} ({event.quantity.qualifier.value} {event.quantity.value})",
            )
        )
    if event.amount is not None:
        fields.append(("amount", f"{event.amount.value} {event.amount.currency or ''}"))
    if event.item is not None and event.item.vendor is not None:
        fields.append(("vendor", event.item.vendor.name))
    if event.origin or event.destination:
        fields.append(("route", f"{event.origin or '?'} → {event.destination or '?'}"))
    if event.when is not None:
        dates = f"{event.when.start} .. {event.when.end}" if event.when.start else "unresolved"
        fields.append(("when", f"{event.when.text} [{dates}]"))
    if event.conditions:
        fields.append(("conditions", "; ".join(event.conditions)))
    fields.append(("certainty", event.attribution.certainty.value))
    if event.evidence:
        fields.append(("evidence", event.evidence[0].text))
    items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in fields)
    return f"<div class='ev'><b>{html.escape(label(event))}</b><dl>{items}</dl></div>"


def _diff(result: CaseResult) -> str:
    """Missing events in red, added in green, changed slots as old (red) -> new (green)."""
    items: list[str] = []
    if result.error is not None:
        items.append(f"<li class='del'>error: {html.escape(result.error)}</li>")
    matching = result.matching
    if matching is not None:
        items += [
            f"<li class='del'>event missing: {html.escape(label(result.expected[i]))}</li>"
            for i in matching.missing
        ]
        items += [
            f"<li class='ins'>event added: {html.escape(label(result.actual[j]))}</li>"
            for j in matching.added
        ]
        for index, changes in sorted(result.changes.items()):
            name = html.escape(label(result.expected[index]))
            items += [_change(name, change) for change in changes]
    return f"<ul class='diff'>{''.join(items)}</ul>" if items else ""


def _change(name: str, change: SlotChange) -> str:
    old, new = change.render_values()
    return (
        f"<li class='chg'>slot changed: {name} <b>{html.escape(change.path)}</b> "
        f"<del>{html.escape(old)}</del> → <ins>{html.escape(new)}</ins></li>"
    )
