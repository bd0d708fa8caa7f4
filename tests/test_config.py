"""The Streamlit settings that keep the app quiet and private (see README, Privacy and data)."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


def test_private_by_default() -> None:
    config = tomllib.loads(CONFIG.read_text())
    assert config["browser"]["gatherUsageStats"] is False, "no telemetry"
    assert config["client"]["showErrorDetails"] == "none", "no tracebacks with family data"
    assert config["client"]["toolbarMode"] == "minimal", "no developer toolbar for users"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["address"] == "127.0.0.1", "not shared with the local network"
    # Uploads: the reader's limit decides (10 MiB, refused in the user's language); the upload
    # box lets a little more through (11 MB of 10^6 bytes is over 10 MiB), the server one more MiB
    # for the request's framing; nothing much larger ever reaches the server's memory.
    from ecomap.files.read import DEFAULT_MAX_BYTES
    from ui.dossier import UPLOADER_LIMIT_MB

    assert UPLOADER_LIMIT_MB * 1000**2 > DEFAULT_MAX_BYTES
    assert config["server"]["maxUploadSize"] == UPLOADER_LIMIT_MB + 1 <= 12


def test_no_full_garbage_collection_after_every_run() -> None:
    """Streamlit's default ``runner.postScriptGC`` costs ~165 ms of CPU per run here (also per
    idle window every 5 s): at 20 concurrent sessions it was most of the server's time."""
    config = tomllib.loads(CONFIG.read_text())
    assert config["runner"]["postScriptGC"] is False


def test_the_page_font_is_streamlits_then_ecomap_sans_for_arabic() -> None:
    """Latin, Cyrillic and the rest in Streamlit's own font (first), Arabic in Ecomap Sans
    under the name the page's script gives it (``ui.chrome``)."""
    from ui.chrome import PAGE_FAMILY

    families = [f.strip() for f in tomllib.loads(CONFIG.read_text())["theme"]["font"].split(",")]
    assert families == ["Source Sans", PAGE_FAMILY, "sans-serif"]
