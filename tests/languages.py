"""What the tests know about each language, from ``tests/languages/<lang>.toml``: the words that
stigmatise, what an open question looks like, faith words, and roles as parents type them."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from ecomap.model import Language

HERE = Path(__file__).resolve().parent / "languages"


@cache
def about(lang: Language) -> dict[str, Any]:
    with (HERE / f"{lang}.toml").open("rb") as fh:
        return tomllib.load(fh)


def forbidden(lang: Language) -> list[str]:
    return list(about(lang)["forbidden"])
