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
    assert config["server"]["maxUploadSize"] <= 10
