"""Fixtures and the hypothesis profile for the normalizer's tests.

The profile is registered here and applied per test with ``@settings(PROFILE)``, so it is
deterministic and bounded whether or not ``CI`` is set, without changing other areas' profiles.
"""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from clearance.normalize.parties import PartyResolver

settings.register_profile(
    "clearance-normalize",
    max_examples=150,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile("clearance-normalize")

REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "models"
SEED = REPO.parent / "shared" / "seed" / "news-az-h200.txt"
SEED_PUBLISHED = dt.date(2026, 1, 28)


@pytest.fixture(scope="session")
def resolver() -> PartyResolver:
    """One resolver for the session, as the pipeline has one per process."""
    return PartyResolver.load(MODELS)
