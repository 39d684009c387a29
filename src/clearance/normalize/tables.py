"""Read the TSV tables under ``models/`` that drive normalization.

Every table has a header row naming its columns, one entry per line, and ``#`` comments, so that
adding an alias is one line of data and never a code change.
"""

import csv
import functools
import logging
from collections.abc import Iterator
from pathlib import Path

from clearance.errors import ConfigError
from clearance.settings import default_models_dir

log = logging.getLogger(__name__)

Row = dict[str, str]


def read_tsv(path: Path) -> list[Row]:
    """Rows of a TSV table keyed by its header; blank and ``#`` lines are skipped.

    Raises:
        ConfigError: the file is missing or a row has the wrong number of columns.
    """
    if not path.is_file():
        raise ConfigError(str(path), "normalization table not found")
    lines = list(_data_lines(path))
    if not lines:
        raise ConfigError(str(path), "table has no header row")
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    rows: list[Row] = []
    for number, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            raise ConfigError(str(path), f"data line {number} has {len(cells)} columns")
        padded = [c.strip() for c in cells] + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, padded, strict=True)))
    log.debug("read %d rows from %s", len(rows), path)
    return rows


def _data_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                yield line.rstrip("\n\r")


@functools.cache
def default_table(*parts: str) -> tuple[Row, ...]:
    """A table from the default ``models/`` directory, read once per process."""
    return tuple(read_tsv(default_models_dir().joinpath(*parts)))
