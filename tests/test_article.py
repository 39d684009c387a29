"""RawDocument -> Article: decoding recorded, text kept verbatim, HTML extracted, language gate."""

import gzip
import json
from pathlib import Path

import pytest

from clearance.article import article_from_html, article_from_text, build_article
from clearance.errors import ClearanceError, ErrorKind
from clearance.fetch.document import RawDocument

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
ENGLISH = (
    "The ministry said on Tuesday that it had approved the import licence for the company, "
    "and that the decision would take effect next month after a review by the regulator. "
)


def aeb(prefix: str) -> tuple[str, dict[str, str]]:
    root = CORPUS / "article-extraction-benchmark"
    if not root.is_dir():
        pytest.skip(f"shared corpus not found at {root}")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    page_id = next(k for k in truth if k.startswith(prefix))
    html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
    return html.decode("utf-8"), truth[page_id]


def test_text_is_kept_verbatim() -> None:
    text = "  " + ENGLISH + "\n\n"
    article = article_from_text(text, url="https://e.com/a")
    assert article.text == text and article.url == "https://e.com/a"


def test_text_errors() -> None:
    with pytest.raises(ClearanceError) as info:
        article_from_text("   ")
    assert info.value.kind is ErrorKind.EMPTY
    with pytest.raises(ClearanceError) as info:
        article_from_text("a\x00b")
    assert info.value.kind is ErrorKind.BINARY


def test_non_english_text_is_refused_unless_asked() -> None:
    german = "Die Regierung hat am Dienstag die Einfuhr genehmigt und wird die Entscheidung " * 5
    with pytest.raises(ClearanceError) as info:
        article_from_text(german, source="de.txt")
    assert info.value.kind is ErrorKind.NOT_ENGLISH and info.value.source == "de.txt"
    assert article_from_text(german, check_language=False).text == german


def test_html_article_and_metadata() -> None:
    html, truth = aeb("374ac9a59a85")
    article = article_from_html(html, url=truth["url"])
    assert "Emirates" in article.text and article.url == truth["url"]
    assert article.title and article.published is not None
    override = article_from_html(html, title="Mine", url=truth["url"])
    assert override.title == "Mine"


def test_html_in_another_language() -> None:
    html, truth = aeb("20b2b64916b0")
    with pytest.raises(ClearanceError) as info:
        article_from_html(html, url=truth["url"])
    assert info.value.kind is ErrorKind.NOT_ENGLISH


def test_html_without_article() -> None:
    with pytest.raises(ClearanceError) as info:
        article_from_html("<html><body><nav>Home | About</nav></body></html>")
    assert info.value.kind is ErrorKind.NO_TEXT


def test_build_article_records_encoding() -> None:
    raw = RawDocument(
        source="legacy.txt", kind="text", data=(ENGLISH + "Café crème. ").encode("cp1252")
    )
    article = build_article(raw)
    assert "Café crème" in article.text
    assert raw.encoding == "cp1252" and raw.meta["encoding_from"] == "detected"


def test_build_article_prefers_given_text() -> None:
    raw = RawDocument(source="dump.jsonl:3", kind="text", text=ENGLISH, title="T")
    article = build_article(raw)
    assert article.text == ENGLISH and article.title == "T" and raw.encoding is None


def test_build_article_binary_bytes() -> None:
    raw = RawDocument(source="x.txt", kind="text", data=b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(ClearanceError) as info:
        build_article(raw)
    assert info.value.kind is ErrorKind.BINARY and info.value.source == "x.txt"
