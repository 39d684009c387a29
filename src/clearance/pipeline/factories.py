"""Every @Language.factory of Clearance, in one module (spaCy 3.8 style), prefixed ``clearance_``.

No ``from __future__ import annotations`` here: spaCy validates configs from real annotations.
The factories are also exposed as ``spacy_factories`` entry points, so ``spacy.load()`` of a saved
pipeline finds them without importing Clearance first.
"""

from pathlib import Path

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from clearance.pipeline.components.events import EventsComponent
from clearance.pipeline.patterns import compact
from clearance.pipeline.products import load_products


@Language.factory("clearance_entity_ruler", default_config={"models_dir": ""})
def make_entity_ruler(nlp: Language, name: str, models_dir: str) -> EntityRuler:
    """Companies, regulators, governments and products from the tables in ``models/``.

    Placed before ``ner`` so the statistical model works around these spans (Nvidia is a
    company, not a GPE; H200 is a product, not a number).
    """
    from clearance.normalize.parties import PartyResolver

    root = Path(models_dir)
    ruler = EntityRuler(nlp, name, overwrite_ents=True)
    patterns = PartyResolver.load(root).entity_patterns() + load_products(root).entity_patterns()
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(compact(patterns))
    return ruler


@Language.factory("clearance_entity_cleanup")
def make_entity_cleanup(nlp: Language, name: str) -> "EntityCleanup":
    """Drops entities without letters (page chrome such as "− 16" tagged PERSON)."""
    del nlp
    return EntityCleanup(name)


@Language.factory("clearance_events", default_config={"models_dir": ""})
def make_events(nlp: Language, name: str, models_dir: str) -> EventsComponent:
    """Reads decision candidates from each sentence onto ``doc._.clearance_candidates``."""
    return EventsComponent(nlp, name, models_dir)


class EntityCleanup:
    """Removes entity spans that cannot name anything (no letter in them)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [ent for ent in doc.ents if any(ch.isalpha() for ch in ent.text)]
        return doc
