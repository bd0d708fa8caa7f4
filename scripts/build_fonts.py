"""Build Ecomap Sans (Regular, Bold) from Noto Sans + Noto Sans Arabic: for maintainers only.

    .venv/bin/python scripts/build_fonts.py                      # sources from /usr/share/fonts
    .venv/bin/python scripts/build_fonts.py --source DIR         # a folder with the four TTFs
    .venv/bin/python scripts/build_fonts.py --deb fonts-noto-core_20201225-1_all.deb

Without --source or --deb, and when /usr/share/fonts/truetype/noto has no Noto Sans, it runs
``apt-get download fonts-noto-core`` in a temporary folder and unpacks it with ``dpkg-deb -x``.
The sources must be the files documented in ecomap/web/fonts/README.md (their SHA-256 is checked;
``--any-version`` builds from other versions, then update the README). The tests never run this.

Steps per weight: subset Noto Sans to Latin/Greek/Cyrillic/punctuation, subset Noto Sans Arabic to
the Arabic blocks minus every code point Noto Sans already has (so space, digits and shared
punctuation have one glyph and one width in every script), both without hinting; merge them with
``fontTools.merge.Merger``; set Noto Sans' vertical metrics (with USE_TYPO_METRICS, so every
platform uses the same line height) and the name table "Ecomap Sans"; check that Arabic shapes,
Latin kerns and every wanted code point is there; write ecomap/web/fonts/EcomapSans-*.ttf.
The output is byte-for-byte reproducible (fixed timestamps).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import uharfbuzz as hb
from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ecomap" / "web" / "fonts"
SYSTEM_NOTO = Path("/usr/share/fonts/truetype/noto")
DEB_FONT_DIR = Path("usr/share/fonts/truetype/noto")

FAMILY = "Ecomap Sans"
VERSION = "1.000"

# The files of Debian 12's fonts-noto-core 20201225-1 (Noto Sans 2.004, Noto Sans Arabic 2.005).
SOURCES = {
    "NotoSans-Regular.ttf": "89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d",
    "NotoSans-Bold.ttf": "e83493c945848ecd4a9ad0f6d19164541a0d3e23a9c952304a00a46e00272ac5",
    "NotoSansArabic-Regular.ttf": (
        "504d7407d86875acf7d04dfaa0fd7524d0b8797723bc4aa18022f29db25b0b6e"
    ),
    "NotoSansArabic-Bold.ttf": "ded6fc7359ca36d15d7aab9ef0c066e21ce48b26a069994d6602fa2cb9a1b952",
}

# (first, last) code points, inclusive. What a source font lacks in a range is simply absent.
RANGES: dict[str, tuple[int, int]] = {
    "Basic Latin": (0x0020, 0x007E),
    "Latin-1 Supplement": (0x00A0, 0x00FF),
    "Latin Extended-A": (0x0100, 0x017F),
    "Latin Extended-B": (0x0180, 0x024F),
    "Spacing Modifier Letters": (0x02B0, 0x02FF),  # ʻ (Uzbek, Hawaiian names), ˆ ˇ ˘
    "Combining Diacritical Marks": (0x0300, 0x036F),
    "Greek and Coptic": (0x0370, 0x03FF),
    "Cyrillic": (0x0400, 0x04FF),
    "Cyrillic Supplement": (0x0500, 0x052F),
    "Arabic": (0x0600, 0x06FF),
    "Arabic Supplement": (0x0750, 0x077F),
    "Arabic Extended-A": (0x08A0, 0x08FF),
    "Latin Extended Additional": (0x1E00, 0x1EFF),
    "General Punctuation": (0x2000, 0x206F),  # ZWNJ/ZWJ, LRM/RLM, isolates U+2066-2069
    "Currency Symbols": (0x20A0, 0x20CF),
    "Letterlike Symbols": (0x2100, 0x214F),  # № (Cyrillic addresses), ™, ℓ
    "Dotted circle": (0x25CC, 0x25CC),  # HarfBuzz and browsers show a lone mark on it
    "Arabic Presentation Forms-A": (0xFB50, 0xFDFF),
    "Arabic Presentation Forms-B": (0xFE70, 0xFEFF),  # also U+FEFF (zero-width no-break space)
    "Replacement Character": (0xFFFD, 0xFFFD),
}
# Must be in the result, or the build fails.
REQUIRED = {0xFFFD, 0x200C, 0x200D, 0x200E, 0x200F, 0x2066, 0x2067, 0x2068, 0x2069, 0x25CC}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_points(names: set[str]) -> set[int]:
    return {cp for name in names for cp in range(RANGES[name][0], RANGES[name][1] + 1)}


def find_sources(args: argparse.Namespace, tmp: Path) -> Path:
    if args.source:
        return Path(args.source)
    deb = Path(args.deb) if args.deb else None
    if deb is None and (SYSTEM_NOTO / "NotoSans-Regular.ttf").exists():
        return SYSTEM_NOTO
    if deb is None:
        subprocess.run(["apt-get", "download", "fonts-noto-core"], cwd=tmp, check=True)
        deb = next(tmp.glob("fonts-noto-core_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp / "x")], check=True)
    return tmp / "x" / DEB_FONT_DIR


def subset_to(src: Path, unicodes: set[int], dst: Path) -> None:
    options = subset.Options()
    options.hinting = False  # drops fpgm, prep, cvt: about a third of the bytes
    options.drop_tables += ["DSIG", "gasp"]  # signature is void after editing; gasp is for hints
    options.layout_features = list(subset.Options._layout_features_default)
    options.layout_scripts = ["*"]
    options.notdef_outline = True  # a box, should anything unmapped slip through
    options.glyph_names = False
    options.name_IDs = ["*"]
    font = TTFont(src)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(dst)


def set_names(font: TTFont, style: str, latin: TTFont, arabic: TTFont) -> None:
    """Replace the name table: family "Ecomap Sans", and where it came from."""
    ps_name = f"EcomapSans-{style}"
    latin_version = latin["head"].fontRevision
    arabic_version = arabic["head"].fontRevision
    origin = (
        f"Noto Sans {latin_version:.3f} and Noto Sans Arabic {arabic_version:.3f} "
        "(Debian fonts-noto-core 20201225-1), merged and subset"
    )
    names = {
        0: f"{latin['name'].getDebugName(0)} (Noto Sans); "
        f"{arabic['name'].getDebugName(0)} (Noto Sans Arabic).",
        1: FAMILY,
        2: style,
        3: f"{VERSION};ECOMAP;{ps_name}",
        4: f"{FAMILY} {style}",
        5: f"Version {VERSION}; {origin}",
        6: ps_name,
        8: "Monotype Imaging Inc. (Noto); modified for ecomap",
        9: "Monotype Design Team; Arabic: Nadine Chahine and Nizar Qandah",
        10: f"A Modified Version of {origin}, for ecomap. Not the original Noto fonts.",
        11: "https://github.com/notofonts",
        13: latin["name"].getDebugName(13),
        14: latin["name"].getDebugName(14),
    }
    table = font["name"]
    table.names = []
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)


def fix_metrics(font: TTFont, latin: TTFont, bold: bool) -> None:
    """Noto Sans' line metrics, the same on every platform; Arabic's taller ones only for clipping.

    The merger takes the maximum over both fonts (Noto Sans Arabic: 1374/-738), which would
    make CSS ``line-height: normal`` 2.11 em instead of Noto Sans' 1.362 em."""
    hhea, os2, lat_os2 = font["hhea"], font["OS/2"], latin["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = (
        latin["hhea"].ascent,
        latin["hhea"].descent,
        latin["hhea"].lineGap,
    )
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = (
        hhea.ascent,
        hhea.descent,
        hhea.lineGap,
    )
    # usWinAscent/usWinDescent stay the maximum: Windows GDI clips glyphs outside them.
    os2.usWeightClass = lat_os2.usWeightClass
    os2.version = max(os2.version, 4)
    regular_or_bold = 1 << 5 if bold else 1 << 6
    os2.fsSelection = regular_or_bold | 1 << 7  # USE_TYPO_METRICS
    font["head"].macStyle = 1 if bold else 0
    os2.achVendID = "NONE"
    os2.recalcAvgCharWidth(font)
    font["head"].fontRevision = float(VERSION)
    # Reproducible: fixed dates, from the newer source.
    font["head"].created = latin["head"].created
    font["head"].modified = latin["head"].modified


def shaped(font: hb.Font, text: str) -> tuple[list[int], int]:
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return [g.codepoint for g in buf.glyph_infos], sum(p.x_advance for p in buf.glyph_positions)


def check(path: Path, wanted: set[int]) -> list[str]:
    """What is wrong with a built font: missing code points, no Arabic joining, no kerning."""
    problems = []
    cmap = set(TTFont(path).getBestCmap())
    missing = sorted(REQUIRED - cmap)
    if missing:
        problems.append(f"missing required code points: {[hex(c) for c in missing]}")
    font = hb.Font(hb.Face(path.read_bytes()))
    word = "سلام"  # salaam: four letters, three of them joined
    glyphs, width = shaped(font, word)
    isolated = [shaped(font, ch) for ch in word]
    if glyphs == [g for gs, _ in isolated for g in gs]:
        problems.append("Arabic does not shape: joined glyphs equal isolated ones")
    if width == sum(w for _, w in isolated):
        problems.append("Arabic joined width equals the sum of isolated widths")
    for pair in ("AV", "To", "Ту"):
        if shaped(font, pair)[1] >= sum(shaped(font, ch)[1] for ch in pair):
            problems.append(f"no kerning in {pair!r}")
    print(f"  {path.name}: {len(cmap)} code points ({len(wanted - cmap)} of the ranges absent)")
    return problems


def build(source: Path, style: str, tmp: Path) -> Path:
    latin_src = source / f"NotoSans-{style}.ttf"
    arabic_src = source / f"NotoSansArabic-{style}.ttf"
    latin, arabic = TTFont(latin_src), TTFont(arabic_src)
    wanted = code_points(set(RANGES))
    latin_cps = wanted & set(latin.getBestCmap())
    arabic_cps = (wanted & set(arabic.getBestCmap())) - latin_cps
    latin_sub, arabic_sub = tmp / f"latin-{style}.ttf", tmp / f"arabic-{style}.ttf"
    subset_to(latin_src, latin_cps, latin_sub)
    subset_to(arabic_src, arabic_cps, arabic_sub)

    merged = Merger().merge([str(latin_sub), str(arabic_sub)])
    merged.recalcTimestamp = False
    fix_metrics(merged, latin, bold=style == "Bold")
    set_names(merged, style, latin, arabic)
    out = OUT / f"EcomapSans-{style}.ttf"
    merged.save(out)
    problems = check(out, wanted)
    if problems:
        sys.exit(f"{out.name}: " + "; ".join(problems))
    print(f"  {out.relative_to(ROOT)}: {out.stat().st_size / 1024:.1f} KB, sha256 {sha256(out)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="folder with NotoSans-*.ttf and NotoSansArabic-*.ttf")
    parser.add_argument("--deb", help="a fonts-noto-core .deb to unpack")
    parser.add_argument("--any-version", action="store_true", help="skip the SHA-256 check")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        source = find_sources(args, tmp)
        for file, digest in SOURCES.items():
            actual = sha256(source / file)
            if actual != digest and not args.any_version:
                sys.exit(f"{source / file}: sha256 {actual}, expected {digest} (--any-version?)")
        OUT.mkdir(exist_ok=True)
        for style in ("Regular", "Bold"):
            build(source, style, tmp)
    if shutil.which("fc-scan"):
        print("fc-scan sees:", subprocess.getoutput(f"fc-scan --format '%{{family}}\\n' {OUT}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
