"""The "Print / save" step: downloads in every format, roles instead of names, the consult note,
and opening an earlier map to continue with it or to compare.

Downloads are made only when clicked (``st.download_button`` with a callable runs it on its own
thread): a PDF takes a second or two, and nobody needs every format on every rerun. The
callable gets the map as JSON text, never the session, so it cannot see or change anything else.

An uploaded file is read by ``ecomap.files.read.read_map``; whatever is wrong with it ends in one
plain sentence, and the map on screen stays as it was. Replacing the current map asks first. A file
is read once: the outcome is kept in the session under the file's SHA-256, so the reruns that every
click causes while the file sits in the box cost nothing.
"""

from __future__ import annotations

import hashlib
from functools import partial

import streamlit as st
from pydantic import ValidationError

from ecomap.edit import set_language
from ecomap.files.exports import EXPORTS, ExportOptions, export
from ecomap.files.read import DEFAULT_MAX_BYTES, MapReadError, read_map
from ecomap.history import continued
from ecomap.model import MAX_NOTE, EcoMap, Language, Person
from ecomap.texts.anonymise import comparison_names, has_free_text
from ecomap.texts.catalog import has, language_name, text
from ecomap.texts.changes import compare, describe, long_date
from ui.offers import choice, forget_choice, print_guide
from ui.state import commit, current, say
from ui.texts import Mode, at_bound, lang, mode, parent_lang, plain, t

ANONYMISE = "dossier-anonymise"
NOTE = "dossier-note"
KEEP_TEXT = "dossier-keep-text"
"""Session key: the user confirmed the note and labels hold no names (anonymised print)."""
PREVIOUS = "dossier-previous"
"""Session key: the earlier map (JSON) the current one is compared with, or absent."""
CONFIRM = "dossier-confirm"
"""Session key: the uploaded map (JSON) waiting for "yes, replace"."""
_PICTURE = "dossier-compare-picture"
_READ = "dossier-read"
"""Session key: (SHA-256 of the uploaded file, the map read from it or why it was refused)."""
TAKEHOME = ("takehome", "takehome-phone")
"""The take-home page's formats (``ecomap.files.exports``): offered beside the dossier PDF."""
MAX_UPLOAD_MB = DEFAULT_MAX_BYTES // (1024 * 1024)
"""The limit users are told (10 MB); the reader counts it as 10 MiB."""

UPLOADER_LIMIT_MB = MAX_UPLOAD_MB + 1
"""What the browser lets through to the reader. Streamlit's uploader counts a MB as 10^6 bytes
(1024^2 on Windows), so 10 would refuse, in English, files the reader takes (10.0-10.49 MB). 11 is
above 10 MiB either way: every file up to the reader's limit and a little over reaches the reader,
which says why in the user's language. ``server.maxUploadSize`` (MiB, in .streamlit/config.toml)
is one more, for the upload's own framing."""


def download_bytes(
    map_json: str,
    key: str,
    lang: Language,
    mode: Mode,
    anonymise: bool,
    previous_json: str | None = None,
    keep_free_text: bool = False,
    offers_json: str | None = None,
    guide: bool = False,
) -> bytes:
    """One download, made when the button is clicked. With an earlier map the PDF and PNG show
    what changed (the other formats hold the current map only). Anonymised, free text (the note,
    the family label) is left out unless ``keep_free_text``. The PDF lists the chosen local
    offers (``offers_json``: an ``OfferChoice``) and, with ``guide``, the conversation guide."""
    ecomap = EcoMap.from_json(map_json)
    if key in TAKEHOME:
        return takehome_bytes(map_json, key, lang, anonymise, offers_json)
    if key == "pdf":
        from ecomap.files.pdf import render_pdf
        from ecomap.offers import OfferChoice

        previous = EcoMap.from_json(previous_json) if previous_json is not None else None
        offers = OfferChoice.model_validate_json(offers_json) if offers_json else None
        return render_pdf(
            ecomap,
            lang,
            mode,
            anonymise,
            previous=previous,
            keep_free_text=keep_free_text,
            offers=offers,
            guide=guide,
        )
    if previous_json is not None and key == "png":
        from ecomap.drawing.picture import render_png

        previous = EcoMap.from_json(previous_json)
        return render_png(ecomap, lang, anonymise=anonymise, previous=previous)
    if anonymise and keep_free_text:  # names replaced, the confirmed free text kept
        from ecomap.texts.anonymise import anonymised

        ecomap, anonymise = anonymised(ecomap, lang, keep_free_text=True), False
    return export(ecomap, key, ExportOptions(lang=lang, mode=mode, anonymise=anonymise))


def takehome_bytes(
    map_json: str, key: str, lang: Language, anonymise: bool, offers_json: str | None = None
) -> bytes:
    """The take-home page (``key``: "takehome" or "takehome-phone"), made when clicked: in the
    parent's language ``lang`` and voice, with the chosen local offers' first step."""
    from ecomap.files.takehome import PAGES, render_takehome
    from ecomap.offers import OfferChoice

    offers = OfferChoice.model_validate_json(offers_json) if offers_json else None
    page = PAGES["phone" if key == "takehome-phone" else "a4"]
    return render_takehome(EcoMap.from_json(map_json), lang, anonymise, offers=offers, page=page)


def file_name(ecomap: EcoMap, extension: str, key: str | None = None) -> str:
    """``ecomap-2026-03-03.pdf``: the date says which consult; no names in file names. The
    take-home pages say what they are (``ecomap-2026-03-03-takehome-phone.pdf``), so they are
    not mistaken for the dossier."""
    kind = f"-{key}" if key in TAKEHOME else ""
    return f"ecomap-{ecomap.date.isoformat()}{kind}{extension}"


def _save_note() -> None:
    value = str(st.session_state.get(NOTE, ""))
    m = current()
    try:
        commit(EcoMap.model_validate(m.model_dump() | {"note": value}))
    except ValidationError:
        say("error", t("dossier.app.note_too_long", count=MAX_NOTE))


def _downloads(m: EcoMap) -> None:
    """The dossier PDF first; the other formats (for research, or to keep) folded under one
    "more files"."""
    st.subheader(t("dossier.app.downloads"), anchor=False)
    anonymise = bool(st.session_state.get(ANONYMISE, False))
    keep = bool(st.session_state.get(KEEP_TEXT, False))
    previous_json = st.session_state.get(PREVIOUS)
    map_json = m.to_json()
    chosen = choice(m)
    offers_json = chosen.model_dump_json() if chosen is not None else None
    guide = print_guide()

    def button(key: str, primary: bool = False) -> None:
        fmt = EXPORTS[key]
        words_id = f"dossier.app.download.{fmt.key}"
        st.download_button(
            t(words_id) if has(words_id, lang()) else fmt.extension,
            data=partial(
                download_bytes,
                map_json,
                fmt.key,
                lang(),
                mode(),
                anonymise,
                previous_json,
                keep,
                offers_json,
                guide,
            ),
            file_name=file_name(m, fmt.extension),
            mime=fmt.media_type,
            key=f"dossier-download-{fmt.key}",
            on_click="ignore",
            type="primary" if primary else "secondary",
            width="stretch",
        )

    button("pdf", primary=True)
    if chosen is not None and chosen.offers:
        names = ", ".join(o.name.in_(lang()) for o in chosen.offers)
        st.caption(t("offers.app.on_pdf", names=plain(names)))
    if guide:
        st.caption(t("guide.app.on_pdf"))
    _takehome_buttons(m, map_json, anonymise, offers_json)
    with st.expander(t("dossier.app.more_files")):
        for key in EXPORTS:
            if key != "pdf" and key not in TAKEHOME:
                button(key)


def _takehome_buttons(m: EcoMap, map_json: str, anonymise: bool, offers_json: str | None) -> None:
    """The take-home page, A4 and phone, beside the dossier PDF: written in the parent's
    language (``parent_lang``: her own when the nurse shows two), so the buttons say so in it."""
    home = parent_lang()
    st.markdown(f"**{text('takehome.app.heading', home)}**")
    st.caption(text("takehome.app.intro", home, language=language_name(home)))
    for column, key in zip(st.columns(len(TAKEHOME)), TAKEHOME, strict=True):
        fmt = EXPORTS[key]
        with column:
            st.download_button(
                text(f"takehome.app.download.{key}", home),
                data=partial(takehome_bytes, map_json, key, home, anonymise, offers_json),
                file_name=file_name(m, fmt.extension, key),
                mime=fmt.media_type,
                key=f"dossier-download-{key}",
                on_click="ignore",
                width="stretch",
            )


def _replace(loaded_json: str) -> None:
    """The "continue with this map" choice: the uploaded map goes on as today's map (undo keeps
    the old one), and the comparison with it is on at once."""
    earlier = EcoMap.from_json(loaded_json)
    commit(set_language(continued(earlier), lang()))  # a later day: the earlier map is a version
    st.session_state.pop(CONFIRM, None)
    st.session_state.pop(NOTE, None)  # the note field shows the new, empty note
    st.session_state[PREVIOUS] = loaded_json
    forget_choice()  # the app's suggestion for the opened map applies again
    say("success", t(f"dossier.app.replaced.{mode()}", date=long_date(earlier.date, lang())))


def _ask_replace(loaded_json: str) -> None:
    """Continue: at once when nothing is filled in yet, else after "yes, replace"."""
    m = current()
    if m == EcoMap(date=m.date, language=m.language):
        _replace(loaded_json)
    else:
        st.session_state[CONFIRM] = loaded_json


def _keep() -> None:
    st.session_state.pop(CONFIRM, None)


def _compare_with(loaded_json: str) -> None:
    st.session_state[PREVIOUS] = loaded_json
    st.session_state.pop(CONFIRM, None)


def _stop_comparing() -> None:
    st.session_state.pop(PREVIOUS, None)


def open_earlier(prefix: str = "dossier") -> None:
    """An earlier map (PDF or JSON) to continue with or to compare: on this step and on the
    start screen (``prefix`` keeps the widgets of the two apart)."""
    st.subheader(t("dossier.app.upload"), anchor=False)
    _browser_refusals_in_our_words()
    # No ``type=``: Streamlit would refuse other files in English; the reader refuses them itself.
    uploaded = st.file_uploader(
        t("dossier.app.upload_label"), key=f"{prefix}-upload", max_upload_size=UPLOADER_LIMIT_MB
    )
    st.caption(t("dossier.app.upload_help", max_mb=MAX_UPLOAD_MB))  # the one limit in view
    if uploaded is None:
        st.session_state.pop(CONFIRM, None)
        st.session_state.pop(_READ, None)
        return
    loaded = _read_once(uploaded.getvalue())
    if isinstance(loaded, MapReadError):
        st.error(loaded.message(lang()))
        st.info(t(f"dossier.app.kept.{mode()}"))
        return
    loaded_json = loaded.to_json()
    st.success(t("dossier.app.loaded", date=_date(loaded), people=len(loaded.people)))
    if loaded.history:  # continuing keeps them: the new map adds one more
        st.caption(t(f"dossier.app.loaded_versions.{mode()}", n=len(loaded.history)))
    if st.session_state.get(CONFIRM) == loaded_json:
        st.warning(t(f"dossier.app.replace_warning.{mode()}"))
        yes, no = st.columns(2)
        with yes:
            st.button(
                t("dossier.app.replace_yes"),
                key=f"{prefix}-replace-yes",
                type="primary",
                on_click=_replace,
                args=(loaded_json,),
            )
        with no:
            st.button(t("dossier.app.replace_no"), key=f"{prefix}-replace-no", on_click=_keep)
        return
    go_on, side_by_side = st.columns(2)
    with go_on:
        st.button(
            t("dossier.app.continue"),
            key=f"{prefix}-continue",
            on_click=_ask_replace,
            args=(loaded_json,),
        )
    with side_by_side:
        st.button(
            t("dossier.app.compare"),
            key=f"{prefix}-compare",
            on_click=_compare_with,
            args=(loaded_json,),
        )


def _css_text(value: str) -> str:
    """``value`` as a CSS string: quotes, backslashes, line breaks and ``<`` escaped."""
    escaped = "".join(c if c.isalnum() or c in " .,-" else f"\\{ord(c):x} " for c in value)
    return f'"{escaped}"'


def _browser_refusals_in_our_words() -> None:
    """A file over ``UPLOADER_LIMIT_MB`` is refused by the browser before it is sent: Streamlit
    marks it red and puts its English reason in a screen-reader alert and a tooltip. Both get our
    sentence instead (CSS: the English text hidden, ours shown after it). Streamlit's English
    line "11MB per file" is hidden: the caption below the box gives the limit, in MB as we count.
    """
    ours = _css_text(t("dossier.app.upload_refused", max_mb=MAX_UPLOAD_MB))
    alert = "[data-testid='stFileChip'] [role='alert']"
    tooltip = "[data-testid='stTooltipErrorContent']"
    st.html(
        "<style>"
        "[data-testid='stFileUploaderDropzoneInstructions'] { display: none; }"
        # Hidden, the English text is neither seen nor read aloud; ours, after it, is both.
        f"{alert}, {tooltip} {{ visibility: hidden; font-size: 0; padding: 0; }}"
        f"{alert}::after, {tooltip}::after {{ content: {ours}; visibility: visible; }}"
        f"{alert}::after {{ font-size: 1rem; }}"
        f"{tooltip}::after {{ display: block; font-size: 0.875rem; padding: 6px 12px;"
        " background: inherit; border-radius: inherit; box-shadow: inherit; }"
        "</style>"
    )


def _read_once(data: bytes) -> EcoMap | MapReadError:
    """The map in an uploaded file, or why it was refused: read on the first run that sees this
    file, then taken from the session (the refusal is kept as its reason, and told in the
    language of the moment it is shown)."""
    digest = hashlib.sha256(data).hexdigest()
    cached = st.session_state.get(_READ)
    if isinstance(cached, tuple) and cached[0] == digest:
        result: EcoMap | MapReadError = cached[1]
        return result
    try:
        result = read_map(data)
    except MapReadError as exc:  # kept without its traceback, which holds the file's bytes
        result = MapReadError(exc.code, validation=exc.validation, max_bytes=exc.max_bytes)
    st.session_state[_READ] = (digest, result)
    return result


def _date(m: EcoMap) -> str:
    return long_date(m.date, lang())


def previous_map() -> EcoMap | None:
    """The earlier map this one is compared with, or None when there is none."""
    previous_json = st.session_state.get(PREVIOUS)
    return EcoMap.from_json(previous_json) if isinstance(previous_json, str) else None


def _comparison(m: EcoMap) -> None:
    previous = previous_map()
    if previous is None:
        return
    st.subheader(t("dossier.app.comparing"), anchor=False)
    anonymise = bool(st.session_state.get(ANONYMISE, False))
    comparison = compare(previous, m)
    names = None
    if anonymise:
        labels = comparison_names(m.people, comparison.removed, lang())

        def names(person: Person) -> str:
            return labels[person.id]

    for sentence in describe(comparison, lang(), mode(), name=names, anonymous=anonymise):
        st.markdown(f"- {plain(sentence)}")
    # The marked map: drawn once per (maps, language, anonymise), kept for this session only.
    key = hashlib.sha256(
        f"{m.to_json()}|{st.session_state.get(PREVIOUS)}|{lang()}|{anonymise}".encode()
    ).hexdigest()
    cached = st.session_state.get(_PICTURE)
    if not (isinstance(cached, tuple) and cached[0] == key):
        from ecomap.drawing.picture import render_png

        cached = (key, render_png(m, lang(), anonymise=anonymise, previous=previous, dpi=110))
        st.session_state[_PICTURE] = cached
    st.image(cached[1], caption=t("dossier.app.compare_caption"))
    st.caption(t("dossier.app.compare_pdf"))
    st.button(t("dossier.app.stop_compare"), key="dossier-stop-compare", on_click=_stop_comparing)


def _free_text_choice(m: EcoMap) -> None:
    """Anonymised, free text is left out; the user may say it holds no names."""
    if not st.session_state.get(ANONYMISE) or not has_free_text(m):
        st.session_state.pop(KEEP_TEXT, None)
        return
    st.checkbox(t("dossier.app.keep_text"), key=KEEP_TEXT, help=t("dossier.app.keep_text_help"))


def dossier_step() -> None:
    """The whole "Print / save" step."""
    m = current()
    st.header(t("dossier.app.title"), anchor=False)
    st.markdown(t(f"dossier.app.intro.{mode()}"))
    st.checkbox(t("dossier.app.anonymise"), key=ANONYMISE, help=t("dossier.app.anonymise_help"))
    _free_text_choice(m)
    if m.previous_date is not None:
        earlier = long_date(m.previous_date, lang())
        if m.previous_note:
            st.info(t("dossier.app.previous_note", date=earlier, note=plain(m.previous_note)))
        else:
            st.caption(t("dossier.app.previous_map", date=earlier))
    if m.history:  # the PDF's attachment carries them (anonymised, with the same roles)
        st.caption(t("dossier.app.versions_kept", n=len(m.history)))
    if NOTE not in st.session_state:
        st.session_state[NOTE] = m.note
    st.text_area(
        t("dossier.app.note"),
        key=NOTE,
        max_chars=MAX_NOTE,
        help=t("dossier.app.note_help"),
        on_change=_save_note,
    )
    at_bound(str(st.session_state.get(NOTE, "")), MAX_NOTE)
    _downloads(m)
    _comparison(m)
    open_earlier()
