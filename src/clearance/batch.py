"""Streaming, parallel, resumable batch runs: inputs -> shards -> part files -> one output.

The run is split into *shards* (a chunk of single-document inputs such as files or URLs, or a
chunk of ``shard_size`` documents of a JSONL/WARC dump, or one feed/sitemap). Each shard is
processed by :func:`process_shard`, which is engine-neutral: the local process pool and Dask call
the very same function. A shard publishes its records and its error records atomically as
``part-XXXXX.jsonl`` / ``part-XXXXX.errors.jsonl``; the driver then commits it to the manifest.
When every shard is committed, the parts are assembled in shard order into the output, which is
published atomically too. Nothing holds all articles or records: documents stream through the
extractor, records stream to disk.
"""

import functools
import hashlib
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING

from clearance.errors import ClearanceError, ConfigError, ErrorKind, ErrorRecord, ExtractionError
from clearance.fetch.sources import is_url
from clearance.manifest import Manifest, ShardEntry, errors_part_path, part_path
from clearance.records import Article
from clearance.settings import Settings
from clearance.sinks import (
    atomic_writer,
    concat_parts,
    output_format,
    publish_jsonl,
    publish_output,
)

if TYPE_CHECKING:
    from clearance.extract import Extractor
    from clearance.fetch.document import RawDocument

log = logging.getLogger(__name__)

DEFAULT_SHARD_SIZE = 500
ENGINES = ("local", "dask")

ProgressCallback = Callable[[int, int, int], None]
"""Called with (inputs, events, failed) deltas as work completes."""


@dataclass(frozen=True)
class Shard:
    """One unit of work. ``key`` identifies it across runs (inputs, their stamps, the chunk)."""

    index: int
    specs: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    stamps: tuple[str, ...] = ()
    skip: int = 0
    limit: int | None = None
    expected: int | None = None

    @property
    def key(self) -> str:
        """Hash of what the shard reads: inputs, their size/mtime stamps and the chunk window."""
        blob = json.dumps(
            [self.specs, self.feeds, self.sitemaps, self.stamps, self.skip, self.limit]
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:20]

    @property
    def label(self) -> str:
        """A short human name for logs and error messages."""
        first = (self.specs or self.feeds or self.sitemaps or ("<none>",))[0]
        more = len(self.specs) + len(self.feeds) + len(self.sitemaps) - 1
        window = f"[{self.skip}:{'' if self.limit is None else self.skip + self.limit}]"
        return f"shard {self.index} ({first}{f' +{more}' if more > 0 else ''}{window})"


@dataclass(frozen=True)
class ShardResult:
    """Counts of one processed shard; ``ok + failed + skipped == inputs`` always holds."""

    index: int
    key: str
    inputs: int
    ok: int
    failed: int
    skipped: int
    events: int
    seconds: float = 0.0

    def entry(self) -> ShardEntry:
        """The manifest line that commits this shard."""
        return ShardEntry(
            index=self.index,
            key=self.key,
            inputs=self.inputs,
            ok=self.ok,
            failed=self.failed,
            skipped=self.skipped,
            events=self.events,
        )

    @classmethod
    def from_entry(cls, entry: ShardEntry) -> "ShardResult":
        """A committed shard seen again on resume."""
        return cls(
            index=entry.index,
            key=entry.key,
            inputs=entry.inputs,
            ok=entry.ok,
            failed=entry.failed,
            skipped=entry.skipped,
            events=entry.events,
        )


@dataclass
class BatchOptions:
    """What one ``clearance batch`` run does; ``output=None`` means records go to a stream."""

    specs: Sequence[str]
    output: Path | None
    errors: Path | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    include_text: bool = True
    shard_size: int = DEFAULT_SHARD_SIZE
    urls_file: Path | None = None
    feeds: Sequence[str] = ()
    sitemaps: Sequence[str] = ()
    work_dir: Path | None = None


@dataclass
class BatchSummary:
    """Totals of a finished run, for the closing summary and the exit code."""

    shards: int = 0
    resumed: int = 0
    inputs: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0
    seconds: float = 0.0
    output: Path | None = None
    errors: Path | None = None
    planned: int | None = None
    results: list[ShardResult] = field(default_factory=list, repr=False)

    def add(self, result: ShardResult, *, resumed: bool) -> None:
        """Fold one shard's counts in."""
        self.shards += 1
        self.resumed += int(resumed)
        self.inputs += result.inputs
        self.ok += result.ok
        self.failed += result.failed
        self.skipped += result.skipped
        self.events += result.events


# --- the per-process model cache -------------------------------------------------------------

_EXTRACTORS: dict[str, "Extractor"] = {}


def get_extractor(settings: Settings) -> "Extractor":
    """The process's Extractor for these settings, loading the pipeline on first use only.

    Local pool workers and Dask workers both call this, so each process loads the model once.
    """
    key = settings.model_dump_json()
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        from clearance.extract import Extractor

        extractor = Extractor(settings)
        _EXTRACTORS[key] = extractor
    return extractor


# --- planning --------------------------------------------------------------------------------


def is_dump(spec: str) -> bool:
    """A multi-document input (JSONL or WARC, optionally gzip'd) that is chunked into shards."""
    from clearance.fetch.dumps import is_jsonl, is_warc

    return not is_url(spec) and (is_jsonl(Path(spec)) or is_warc(Path(spec)))


def plan_shards(
    specs: Sequence[str],
    settings: Settings,
    *,
    shard_size: int = DEFAULT_SHARD_SIZE,
    urls_file: Path | None = None,
    feeds: Sequence[str] = (),
    sitemaps: Sequence[str] = (),
) -> list[Shard]:
    """Split every input into shards, deterministically (the same inputs give the same plan).

    Dumps are counted once here (a cheap parse, no NLP) so that each chunk is a fixed window.
    """
    from clearance.fetch.sources import shard_specs

    planner = _Planner(settings, shard_size)
    singles: list[str] = []
    for spec in shard_specs(list(specs)):
        if is_dump(spec):
            planner.singles(singles)
            singles = []
            planner.dump(spec)
        else:
            singles.append(spec)
    planner.singles(singles)
    if urls_file is not None:
        planner.singles(_read_urls(urls_file))
    for feed in feeds:
        planner.add(Shard(index=0, feeds=(feed,)))
    for sitemap in sitemaps:
        planner.add(Shard(index=0, sitemaps=(sitemap,)))
    return planner.shards


class _Planner:
    def __init__(self, settings: Settings, shard_size: int) -> None:
        self.settings = settings
        self.size = shard_size
        self.shards: list[Shard] = []

    def add(self, shard: Shard) -> None:
        self.shards.append(_with_index(shard, len(self.shards)))

    def singles(self, specs: Sequence[str]) -> None:
        for start in range(0, len(specs), self.size):
            chunk = tuple(specs[start : start + self.size])
            stamps = tuple(_stamp(spec) for spec in chunk)
            self.add(Shard(index=0, specs=chunk, stamps=stamps, expected=len(chunk)))

    def dump(self, spec: str) -> None:
        from clearance.fetch.sources import iter_documents

        total = sum(1 for _ in iter_documents([spec], self.settings))
        chunks = max(1, -(-total // self.size))
        for chunk in range(chunks):
            last = chunk == chunks - 1
            expected = total - chunk * self.size if last else self.size
            self.add(
                Shard(
                    index=0,
                    specs=(spec,),
                    stamps=(_stamp(spec),),
                    skip=chunk * self.size,
                    limit=None if last else self.size,
                    expected=expected,
                )
            )


def _with_index(shard: Shard, index: int) -> Shard:
    return Shard(
        index=index,
        specs=shard.specs,
        feeds=shard.feeds,
        sitemaps=shard.sitemaps,
        stamps=shard.stamps,
        skip=shard.skip,
        limit=shard.limit,
        expected=shard.expected,
    )


def _stamp(spec: str) -> str:
    """Size and mtime of a local file (a changed file is a new shard); the URL is its own key."""
    if is_url(spec) or spec == "-":
        return spec
    try:
        stat = Path(spec).stat()
    except OSError:
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _read_urls(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read the URL list: {exc.strerror}") from exc
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


# --- one shard -------------------------------------------------------------------------------


@dataclass
class _Counts:
    on_progress: ProgressCallback | None = None
    inputs: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0

    def fail(self) -> None:
        self.failed += 1
        if self.on_progress is not None:
            self.on_progress(1, 0, 1)

    def succeed(self, events: int) -> None:
        self.ok += 1
        self.events += events
        if self.on_progress is not None:
            self.on_progress(1, events, 0)


def process_shard(
    shard: Shard,
    output_dir: Path,
    settings: Settings,
    include_text: bool = True,
    on_progress: ProgressCallback | None = None,
) -> ShardResult:
    """Read one shard's documents, extract, and publish its two part files atomically.

    Engine-neutral and side-effect free apart from the two files it publishes, so any engine
    may run it anywhere ``output_dir`` is reachable, and rerun it after a crash. ``on_progress``
    (in-process runs only) hears about every input as it is done.

    Raises:
        ExtractionError: the shard's accounting does not add up, or its input changed.
    """
    started = time.perf_counter()
    extractor = get_extractor(settings)
    counts = _Counts(on_progress)
    with (
        atomic_writer(part_path(output_dir, shard.index)) as records,
        atomic_writer(errors_part_path(output_dir, shard.index)) as errors,
    ):
        pending: dict[int, str] = {}
        articles = _articles(_documents(shard, settings), counts, errors, pending)
        for article, outcome in extractor.extract_many(articles):
            source = pending.pop(id(article), article.url or article.id)
            if isinstance(outcome, ClearanceError):
                counts.fail()
                _write_error(
                    errors, ErrorRecord(source=source, kind=outcome.kind, message=outcome.message)
                )
                continue
            counts.succeed(len(outcome))
            for event in outcome:
                records.write(event.to_json(include_text=include_text).encode("utf-8") + b"\n")
        _check(shard, counts)  # inside the block: a shard that fails it is never published
    return ShardResult(
        index=shard.index,
        key=shard.key,
        inputs=counts.inputs,
        ok=counts.ok,
        failed=counts.failed,
        skipped=counts.skipped,
        events=counts.events,
        seconds=time.perf_counter() - started,
    )


def _documents(shard: Shard, settings: Settings) -> Iterator["RawDocument | ErrorRecord"]:
    from clearance.fetch.sources import iter_documents

    docs = iter_documents(
        list(shard.specs), settings, feeds=list(shard.feeds), sitemaps=list(shard.sitemaps)
    )
    stop = None if shard.limit is None else shard.skip + shard.limit
    return islice(docs, shard.skip, stop)


def _articles(
    docs: Iterator["RawDocument | ErrorRecord"],
    counts: _Counts,
    errors: IO[bytes],
    pending: dict[int, str],
) -> Iterator[Article]:
    """Documents -> Articles; unusable documents become error records on the way."""
    from clearance.article import build_article

    for item in docs:
        counts.inputs += 1
        if isinstance(item, ErrorRecord):
            counts.fail()
            _write_error(errors, item)
            continue
        try:
            article = build_article(item)
        except ClearanceError as exc:
            counts.fail()
            _write_error(
                errors, ErrorRecord(source=item.source, kind=exc.kind, message=exc.message)
            )
            continue
        except Exception as exc:  # one broken page must not end a million-article run
            log.exception("unexpected failure building %s", item.source)
            counts.fail()
            message = f"{type(exc).__name__}: {exc}"
            _write_error(
                errors, ErrorRecord(source=item.source, kind=ErrorKind.EXTRACTION, message=message)
            )
            continue
        pending[id(article)] = item.source
        yield article


def _write_error(handle: IO[bytes], record: ErrorRecord) -> None:
    handle.write(record.model_dump_json().encode("utf-8") + b"\n")


def _check(shard: Shard, counts: _Counts) -> None:
    """Refuse to publish a shard whose counts do not add up or whose input changed under it.

    A changed input would make the shard's identity key (taken at planning) lie on resume.
    """
    if counts.ok + counts.failed + counts.skipped != counts.inputs:
        raise ExtractionError(
            shard.label,
            f"accounting mismatch: ok {counts.ok} + failed {counts.failed} + skipped "
            f"{counts.skipped} != inputs {counts.inputs}",
        )
    if shard.limit is not None and counts.inputs != shard.limit:
        raise ExtractionError(
            shard.label, f"expected {shard.limit} documents, read {counts.inputs}: input changed"
        )
    if shard.stamps and tuple(_stamp(spec) for spec in shard.specs) != shard.stamps:
        raise ExtractionError(shard.label, "an input changed during the run; rerun the batch")


# --- the run ---------------------------------------------------------------------------------


def default_errors_path(output: Path) -> Path:
    """``out.jsonl`` -> ``out.errors.jsonl`` beside it (also for ``.jsonl.gz`` / ``.parquet``)."""
    name = output.name
    for suffix in (".jsonl.gz", ".jsonl", ".parquet"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return output.with_name(f"{name}.errors.jsonl")


def default_work_dir(output: Path) -> Path:
    """The resume state lives beside the output: ``OUT.parts/``."""
    return output.with_name(f"{output.name}.parts")


def run_fingerprint(settings: Settings, *, include_text: bool) -> str:
    """Settings' fingerprint plus the output options that change the records' bytes."""
    blob = json.dumps({"settings": settings.fingerprint(), "include_text": include_text})
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def check_model(settings: Settings) -> None:
    """Fail fast (a usage error) when the configured pipeline cannot be loaded at all.

    Workers load the model themselves; this cheap check keeps a typo from surfacing as N worker
    tracebacks.
    """
    import spacy.util

    if spacy.util.is_package(settings.model) or Path(settings.model).is_dir():
        pass
    else:
        raise ConfigError(
            settings.model, "no such spaCy pipeline installed (pip install it or set --model)"
        )
    if not settings.models_dir.is_dir():
        raise ConfigError(str(settings.models_dir), "models directory not found")


def validate(options: BatchOptions) -> None:
    """Refuse impossible option combinations before any work starts."""
    if options.engine not in ENGINES:
        raise ConfigError("--engine", f"unknown engine {options.engine!r} (use local or dask)")
    if options.jobs < 1:
        raise ConfigError("--jobs", "must be at least 1")
    if options.shard_size < 1:
        raise ConfigError("--shard-size", "must be at least 1")
    if options.output is None and options.resume and options.work_dir is None:
        raise ConfigError("--resume", "cannot resume a run that writes to stdout")
    if options.scheduler and options.engine != "dask":
        raise ConfigError("--scheduler", "only meaningful with --engine dask")
    if options.output is not None:
        output_format(options.output)
    if "-" in options.specs and (options.jobs > 1 or options.engine != "local" or options.resume):
        raise ConfigError("-", "stdin input needs --jobs 1, the local engine and no --resume")
    if not (options.specs or options.urls_file or options.feeds or options.sitemaps):
        raise ConfigError("SOURCE", "give at least one input, --urls, --feed or --sitemap")


def run_batch(
    options: BatchOptions,
    settings: Settings,
    *,
    stdout: IO[bytes] | None = None,
    on_plan: Callable[[list[Shard]], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> BatchSummary:
    """Run a whole batch; returns its totals. Records go to ``options.output`` or ``stdout``.

    ``on_progress`` gets (inputs, events, failed) deltas: per article when the work runs in this
    process, per shard from worker processes or Dask, in one go for resumed shards.

    Raises:
        ConfigError: a usage or configuration error (bad option, model, engine, resume mismatch).
    """
    from clearance.engines import make_engine

    validate(options)
    check_model(settings)
    engine = make_engine(options.engine, jobs=options.jobs, scheduler=options.scheduler)
    started = time.perf_counter()
    temp_work = options.output is None and options.work_dir is None
    work_dir = _work_dir(options)
    manifest = Manifest(work_dir, run_fingerprint(settings, include_text=options.include_text))
    manifest.open(resume=options.resume)
    summary = BatchSummary()
    try:
        shards = plan_shards(
            options.specs,
            settings,
            shard_size=options.shard_size,
            urls_file=options.urls_file,
            feeds=options.feeds,
            sitemaps=options.sitemaps,
        )
        if on_plan is not None:
            on_plan(shards)
        summary.planned = _planned(shards)
        todo = _resumed(shards, manifest, summary, on_progress)
        live = options.engine == "local" and options.jobs == 1
        task = functools.partial(
            process_shard,
            output_dir=work_dir,
            settings=settings,
            include_text=options.include_text,
            on_progress=on_progress if live else None,
        )
        for result in engine.map(task, todo):
            manifest.commit(result.entry())
            summary.add(result, resumed=False)
            if on_progress is not None and not live:
                on_progress(result.inputs, result.events, result.failed)
        manifest.close()
        _publish(options, shards, work_dir, summary, stdout)
    finally:
        manifest.close()
    if temp_work or options.output is not None:
        _remove_work_dir(work_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def _work_dir(options: BatchOptions) -> Path:
    if options.work_dir is not None:
        return options.work_dir
    if options.output is None:
        return Path(tempfile.mkdtemp(prefix="clearance-batch-"))
    return default_work_dir(options.output)


def _planned(shards: Sequence[Shard]) -> int | None:
    total = 0
    for shard in shards:
        if shard.expected is None:
            return None
        total += shard.expected
    return total


def _resumed(
    shards: Sequence[Shard],
    manifest: Manifest,
    summary: BatchSummary,
    on_progress: ProgressCallback | None,
) -> list[Shard]:
    """Shards still to do; committed ones are counted (and reported) as resumed."""
    todo: list[Shard] = []
    for shard in shards:
        entry = manifest.done(shard.index, shard.key)
        if entry is None:
            todo.append(shard)
            continue
        result = ShardResult.from_entry(entry)
        summary.add(result, resumed=True)
        if on_progress is not None:
            on_progress(result.inputs, result.events, result.failed)
    return todo


def _publish(
    options: BatchOptions,
    shards: Sequence[Shard],
    work_dir: Path,
    summary: BatchSummary,
    stdout: IO[bytes] | None,
) -> None:
    """Assemble parts in shard order into the output and the errors file, atomically."""
    parts = [part_path(work_dir, shard.index) for shard in shards]
    error_parts = [errors_part_path(work_dir, shard.index) for shard in shards]
    if options.output is not None:
        publish_output(parts, options.output)
        summary.output = options.output
    elif stdout is not None:
        concat_parts(parts, stdout)
        stdout.flush()
    errors = options.errors
    if errors is None:
        base = options.output if options.output is not None else Path("clearance.jsonl")
        errors = default_errors_path(base)
    publish_jsonl(error_parts, errors)
    summary.errors = errors


def _remove_work_dir(work_dir: Path) -> None:
    """Drop the resume state once the output is published; a later --resume starts afresh."""
    shutil.rmtree(work_dir, ignore_errors=True)
