"""Every @Language.factory of Clearance, in one module (spaCy 3.8 style), prefixed ``clearance_``.

No ``from __future__ import annotations`` here: spaCy validates configs from real annotations.
"""

from spacy.language import Language

from clearance.pipeline.components.events import EventsComponent


@Language.factory("clearance_events", default_config={"models_dir": ""})
def make_events(nlp: Language, name: str, models_dir: str) -> EventsComponent:
    """Find approval-event candidates in each sentence and store them on ``doc._.clearance_events``."""
    return EventsComponent(nlp, name, models_dir)
