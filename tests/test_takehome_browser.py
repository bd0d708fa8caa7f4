"""The take-home page in a real Chromium: on the "Print / save" step both buttons download a
one-page PDF that opens the map again (``ecomap.files.read.read_map``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from test_upload_browser import _open_dossier_step, family

from ecomap.files.read import read_map
from ecomap.store import open_store
from ecomap.texts.catalog import text

pytestmark = pytest.mark.browser


def test_both_take_home_pages_download_and_open_again(
    streamlit_server: Any, new_page: Any, output_dir: Path
) -> None:
    server = streamlit_server()
    store = open_store(os.environ["ECOMAP_DATABASE_URL"])
    draft = store.create(family())
    page, _ = new_page(width=1280, height=1000)
    _open_dossier_step(page, server, draft.token, "nl")
    first = page.get_by_role("button", name=text("takehome.app.download.takehome", "nl"))
    first.scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "takehome-buttons.png"))
    for key in ("takehome", "takehome-phone"):
        button = page.get_by_role("button", name=text(f"takehome.app.download.{key}", "nl"))
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename.endswith(f"-{key}.pdf")
        data = Path(download.value.path()).read_bytes()
        assert data[:5] == b"%PDF-"
        assert [p.name for p in read_map(data).people] == [p.name for p in family().people]
