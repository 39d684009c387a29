"""Clearance: read news, emit approval-event records.

Public API: :func:`extract` for one article, :class:`Extractor` to reuse a loaded pipeline, and the
record types of :mod:`clearance.records`.
"""

from clearance.errors import ClearanceError, ErrorRecord
from clearance.extract import Extractor, extract
from clearance.records import (
    ApprovalEvent,
    Article,
    Attribution,
    Decision,
    Item,
    Money,
    Party,
    Quantity,
    Scope,
    Span,
    When,
)
from clearance.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "ApprovalEvent",
    "Article",
    "Attribution",
    "ClearanceError",
    "Decision",
    "ErrorRecord",
    "Extractor",
    "Item",
    "Money",
    "Party",
    "Quantity",
    "Scope",
    "Settings",
    "Span",
    "When",
    "__version__",
    "extract",
]
