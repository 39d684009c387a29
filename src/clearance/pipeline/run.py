"""Stream articles through the pipeline: length cap, paragraph units, prefilter, memory zones.

Each article is cut into parse units (its lines; over-long lines at sentence ends). Units are
parsed independently, so parsing only the units the prefilter keeps gives the same candidates as
parsing all of them: a unit without a trigger form cannot yield a candidate. Docs never leave the
``memory_zone`` block they were made in; records (plain pydantic objects) do.
"""

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.language import Language

from clearance.errors import ClearanceError, ErrorKind, ExtractionError
from clearance.normalize.parties import PartyResolver
from clearance.pipeline.assemble import Kit, assemble
from clearance.pipeline.candidates import Candidate
from clearance.pipeline.context import scan_article
from clearance.pipeline.lexicon import load_lexicon
from clearance.pipeline.products import load_products
from clearance.pipeline.units import is_headline, mask_dateline, split_units
from clearance.records import ApprovalEvent, Article
from clearance.settings import Settings

log = logging.getLogger(__name__)

Outcome = list[ApprovalEvent] | ClearanceError
# ``Settings.batch_size`` counts articles; units are paragraphs (at most 2,000 characters, most
# far shorter), so a batch holds this many units per article's worth: bigger matrices, same memory.
UNITS_PER_ARTICLE = 8


@dataclass
class _Job:
    """One article's bookkeeping inside a chunk."""

    article: Article
    units: list[tuple[int, int]]
    candidates: list[Candidate] = field(default_factory=list)
    error: ClearanceError | None = None
    titles: frozenset[int] = frozenset()


@lru_cache(maxsize=4)
def _prefilter(models_dir: Path) -> re.Pattern[str]:
    return load_lexicon(models_dir).prefilter_pattern()


@lru_cache(maxsize=4)
def _kit(models_dir: Path) -> Kit:
    """The normalizer's tables, read once per process and models directory."""
    return Kit(PartyResolver.load(models_dir), load_products(models_dir))


def run_pipeline(
    nlp: Language, articles: Iterable[Article], settings: Settings
) -> Iterator[tuple[Article, Outcome]]:
    """Yield (article, events or error) in input order."""
    kit = _kit(settings.models_dir)
    iterator = iter(articles)
    chunk_size = max(settings.batch_size * 4, 1)
    while chunk := list(islice(iterator, chunk_size)):
        with nlp.memory_zone():
            yield from _run_chunk(nlp, chunk, settings, kit)


def _run_chunk(
    nlp: Language, chunk: list[Article], settings: Settings, kit: Kit
) -> list[tuple[Article, Outcome]]:
    """Parse a chunk in one ``nlp.pipe`` stream; if it raises, retry article by article so
    one bad document becomes one error and the rest of the chunk still comes out."""
    jobs = [_job(article, settings) for article in chunk]
    try:
        _parse(nlp, jobs, settings)
    except Exception:
        log.warning("a batch failed; retrying its %d articles one by one", len(jobs))
        jobs = [_job(article, settings) for article in chunk]
        for job in jobs:
            _parse_alone(nlp, job, settings)
    return [_finish(nlp, job, kit) for job in jobs]


def _parse(nlp: Language, jobs: list[_Job], settings: Settings) -> None:
    inputs = (
        (mask_dateline((job.article.text or "")[start:end]), (index, start))
        for index, job in enumerate(jobs)
        if job.error is None
        for start, end in job.units
    )
    size = settings.batch_size * UNITS_PER_ARTICLE
    for doc, (index, start) in nlp.pipe(inputs, as_tuples=True, batch_size=size):
        job = jobs[index]
        in_headline = start in job.titles
        job.candidates.extend(
            replace(c.shifted(start), headline=in_headline) for c in doc._.clearance_candidates
        )


def _parse_alone(nlp: Language, job: _Job, settings: Settings) -> None:
    if job.error is not None:
        return
    try:
        _parse(nlp, [job], settings)
    except Exception as exc:
        source = job.article.url or job.article.id
        job.error = ExtractionError(source, f"pipeline failed: {type(exc).__name__}: {exc}")


def _job(article: Article, settings: Settings) -> _Job:
    text = article.text or ""
    source = article.url or article.id
    if len(text) > settings.max_chars:
        message = f"article is {len(text):,} characters, over the {settings.max_chars:,} cap"
        return _Job(article, [], error=ExtractionError(source, message, kind=ErrorKind.TOO_LONG))
    units = split_units(text)
    # the title and the sub-headings of a round-up announce events the paragraphs tell
    titles = frozenset(s for s, e in units[:-1] if is_headline(text, s, e))
    if settings.prefilter:
        pattern = _prefilter(settings.models_dir)
        units = [(s, e) for s, e in units if pattern.search(text, s, e)]
    return _Job(article, units, titles=titles)


def _finish(nlp: Language, job: _Job, kit: Kit) -> tuple[Article, Outcome]:
    source = job.article.url or job.article.id
    if job.error is not None:
        return job.article, job.error
    if not job.candidates:
        return job.article, []
    try:
        context = scan_article(nlp, job.article.text or "", kit.resolver, kit.products)
        article = job.article.model_copy(update={"via": context.via or job.article.via})
        return article, assemble(article, job.candidates, context, kit)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        log.exception("assembly failed for %s", source)
        return job.article, ExtractionError(source, f"assembly failed: {exc}")
