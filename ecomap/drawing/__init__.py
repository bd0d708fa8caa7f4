"""The map as a picture: the font, colours, pictograms, the shared geometry and its drawings."""

from pathlib import Path
from typing import Final

WEB: Final = Path(__file__).resolve().parent.parent / "web"
"""The browser map's own files (``ecomap/web``: scripts, font, pictograms), also served by
Streamlit as the component "ecomap.map"."""
