"""Stub: finds nothing yet."""

from spacy.language import Language
from spacy.tokens import Doc

if not Doc.has_extension("clearance_events"):
    Doc.set_extension("clearance_events", default=None)


class EventsComponent:
    def __init__(self, nlp: Language, name: str, models_dir: str) -> None:
        self.name = name
        self.models_dir = models_dir

    def __call__(self, doc: Doc) -> Doc:
        doc._.clearance_events = []
        return doc
