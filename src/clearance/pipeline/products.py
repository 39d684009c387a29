"""The product table in ``models/products/``: item names, categories and vendors.

Used twice: as entity-ruler patterns (so "H200" is a PRODUCT, not a CARDINAL) and to give an
item its category and vendor when the article does not say them.
"""

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from clearance.errors import ConfigError


@dataclass(frozen=True)
class Product:
    """One known product."""

    name: str
    category: str | None
    vendor: str | None


@dataclass
class ProductTable:
    """Surface form -> Product, plus the regex patterns for model codes."""

    by_surface: dict[str, Product]
    code_patterns: list[dict[str, Any]]
    code_regex: re.Pattern[str] | None

    def lookup(self, surface: str) -> Product | None:
        """The product a surface form names, or None."""
        return self.by_surface.get(surface.strip()) or self.by_surface.get(surface.strip().upper())

    def entity_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns: every name and alias, then the model-code patterns."""
        phrases = [
            {"label": "PRODUCT", "pattern": surface, "id": product.name}
            for surface, product in sorted(self.by_surface.items())
        ]
        return phrases + self.code_patterns

    def is_code(self, surface: str) -> bool:
        """True for a model code like "H200" or "MI308X"."""
        return bool(self.code_regex and self.code_regex.match(surface))


@lru_cache(maxsize=8)
def load_products(models_dir: Path) -> ProductTable:
    """Read ``products.tsv`` and ``patterns.jsonl`` (cached per directory)."""
    root = models_dir / "products"
    table_path = root / "products.tsv"
    if not table_path.is_file():
        raise ConfigError(str(table_path), "product table missing")
    with table_path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    by_surface: dict[str, Product] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        product = Product(row["name"], row.get("category") or None, row.get("vendor") or None)
        for surface in [row["name"], *(row.get("aliases") or "").split("|")]:
            if surface.strip():
                by_surface[surface.strip()] = product
    patterns = [
        json.loads(line)
        for line in (root / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    regexes = [p["pattern"][0]["TEXT"]["REGEX"] for p in patterns if isinstance(p["pattern"], list)]
    code_regex = re.compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None
    return ProductTable(by_surface, patterns, code_regex)
