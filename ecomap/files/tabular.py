"""The network for research tools: GraphML (Gephi, networkx, igraph) and CSV tables.

Researchers who collect ego networks (egor in R, Network Canvas) keep two tables: one row per
person (the "alters") and one row per tie. ``csv_files`` gives exactly those two, ``people.csv``
and ``ties.csv``, with stable English column names and codes (the same codes as the JSON), so an
analysis script does not depend on the language the map was made in. ``csv_zip`` packs both into
one download. GraphML holds the same graph the app draws (``ecomap.graph.build_graph``) with
every attribute, typed (closeness is an integer), plus the map's date and wishes on the graph.

CSV files get opened in spreadsheets, which run a cell that starts with = + - @ as a formula
("CSV injection"); such text cells get a leading apostrophe, as OWASP advises. That holds for every
text column of both tables, ids included (an id may start with "-"); both tables escape an id the
same way, so they still join on ``person_id``.
"""

from __future__ import annotations

import io
import zipfile
from typing import Final

import networkx as nx
import pandas as pd

from ecomap.graph import build_graph
from ecomap.model import EcoMap, Language
from ecomap.texts.anonymise import anonymised

PEOPLE_COLUMNS: Final = ("person_id", "name", "role", "category", "closeness", "quality")
TIE_COLUMNS: Final = ("person_id", "form", "direction")
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _prepare(ecomap: EcoMap, lang: Language, anonymise: bool) -> EcoMap:
    return anonymised(ecomap, lang) if anonymise else ecomap


def _safe_cell(value: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _to_csv(table: pd.DataFrame) -> str:
    """CSV text (comma separated, header row) with every text column made safe."""
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].map(_safe_cell)
    return table.to_csv(index=False, lineterminator="\n")


def people_table(ecomap: EcoMap) -> pd.DataFrame:
    """One row per person; closeness is the effective value 1-5 (5 = nearest the family)."""
    rows = [
        (p.id, p.name, p.role, p.category.value, p.effective_closeness, p.quality.value)
        for p in ecomap.people
    ]
    return pd.DataFrame(rows, columns=list(PEOPLE_COLUMNS)).astype({"closeness": "int64"})


def ties_table(ecomap: EcoMap) -> pd.DataFrame:
    """One row per support tie: who, which form, which way (receives = the parent receives)."""
    rows = [(t.person_id, t.form.value, t.direction.value) for t in ecomap.ties]
    return pd.DataFrame(rows, columns=list(TIE_COLUMNS))


def people_csv(ecomap: EcoMap, lang: Language = "nl", *, anonymise: bool = False) -> str:
    """The people table as CSV text (comma separated, UTF-8, header row)."""
    return _to_csv(people_table(_prepare(ecomap, lang, anonymise)))


def ties_csv(ecomap: EcoMap) -> str:
    """The ties table as CSV text. It holds codes only, so anonymising changes nothing here."""
    return _to_csv(ties_table(ecomap))


def csv_files(ecomap: EcoMap, lang: Language = "nl", *, anonymise: bool = False) -> dict[str, str]:
    """File name -> CSV text: ``people.csv`` and ``ties.csv``, joined on ``person_id``."""
    return {
        "people.csv": people_csv(ecomap, lang, anonymise=anonymise),
        "ties.csv": ties_csv(ecomap),
    }


def csv_zip(ecomap: EcoMap, lang: Language = "nl", *, anonymise: bool = False) -> bytes:
    """Both CSV tables in one ZIP archive (one download, two files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in csv_files(ecomap, lang, anonymise=anonymise).items():
            info = zipfile.ZipInfo(name, date_time=(*ecomap.date.timetuple()[:3], 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()


def graphml_graph(ecomap: EcoMap, lang: Language = "nl", *, anonymise: bool = False) -> nx.Graph:
    """The graph written to GraphML: ``build_graph`` plus the map's date, schema version and
    wishes (comma-separated codes) as graph attributes."""
    graph = build_graph(_prepare(ecomap, lang, anonymise))
    graph.graph.update(
        date=ecomap.date.isoformat(),
        schema_version=ecomap.schema_version,
        wishes=",".join(w.value for w in ecomap.wishes),
    )
    return graph


def to_graphml(ecomap: EcoMap, lang: Language = "nl", *, anonymise: bool = False) -> bytes:
    """GraphML (UTF-8 XML). Edges keep their key (the support form) as GraphML edge id."""
    lines = nx.generate_graphml(graphml_graph(ecomap, lang, anonymise=anonymise), encoding="utf-8")
    return ("\n".join(lines) + "\n").encode("utf-8")
