"""A saved Clearance pipeline loads with plain spaCy: factories come from entry points."""

import subprocess
import sys
from pathlib import Path

from clearance.extract import Extractor


def test_saved_pipeline_loads_without_importing_clearance(
    extractor: Extractor, tmp_path: Path
) -> None:
    extractor.nlp.to_disk(tmp_path / "pipeline")
    code = (
        "import spacy\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        "print(','.join(nlp.pipe_names))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    names = done.stdout.strip().split(",")
    assert {"clearance_entity_ruler", "clearance_entity_cleanup", "clearance_events"} <= set(names)
