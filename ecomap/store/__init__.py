"""Drafts that survive a reload, a dropped connection or a server restart.

``open_store()`` gives the store the app uses: PostgreSQL (or any SQLAlchemy URL) when
``ECOMAP_DATABASE_URL`` names one, otherwise a SQLite file that needs no set-up
(``$ECOMAP_DATA_DIR/drafts.db``, default ``./data/drafts.db``). Drafts expire after
``ECOMAP_RETENTION_DAYS`` days (default 7). This package imports the model only, never the UI.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from ecomap.store.base import (
    DEFAULT_RETENTION,
    Draft,
    DraftConflict,
    DraftDeleted,
    DraftError,
    DraftNotFound,
    DraftStore,
    is_token,
    new_token,
    retention_from_env,
)
from ecomap.store.sql import InvalidDraft, SqlDraftStore

DATABASE_URL_ENV = "ECOMAP_DATABASE_URL"
DATA_DIR_ENV = "ECOMAP_DATA_DIR"


def default_url() -> str:
    """``ECOMAP_DATABASE_URL``, or a SQLite file in ``ECOMAP_DATA_DIR`` (default ``./data``)."""
    if url := os.environ.get(DATABASE_URL_ENV, "").strip():
        return url
    folder = Path(os.environ.get(DATA_DIR_ENV, "").strip() or "data")
    return f"sqlite:///{(folder / 'drafts.db').resolve()}"


def open_store(url: str | None = None, retention: timedelta | None = None) -> DraftStore:
    """Open (and on first start create) the draft store; settings come from the environment."""
    return SqlDraftStore(
        url or default_url(), retention if retention is not None else retention_from_env()
    )


__all__ = [
    "DEFAULT_RETENTION",
    "Draft",
    "DraftConflict",
    "DraftDeleted",
    "DraftError",
    "DraftNotFound",
    "DraftStore",
    "InvalidDraft",
    "SqlDraftStore",
    "default_url",
    "is_token",
    "new_token",
    "open_store",
    "retention_from_env",
]
