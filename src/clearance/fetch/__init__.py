"""The only place that touches the network or input files: sources yield RawDocuments."""

from clearance.fetch.document import RawDocument

__all__ = ["RawDocument"]
