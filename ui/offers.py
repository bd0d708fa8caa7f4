"""Local offers and the nurse's conversation guide, on the result step.

The offers file is the organisation's (``$ECOMAP_OFFERS``, read by ``ecomap.offers.load_offers``,
which reads it again only when it changed). Without a file nothing is shown and the reflection
keeps its built-in steps; a broken file shows why (line and field) in the user's language, and
everything else works as without a file.

The app suggests one or two offers (``ecomap.matching.choose_offers``); the nurse (or the parent
at home) can swap one for another, remove it, or add one. Their own choice is kept in this
session as offer codes (``CHOSEN``); without it the suggestion follows the map as it changes.
The chosen offers are what the reflection names and what the PDF lists (``choice``).

The conversation guide (nurse mode only) lists, per thing that stands out, open questions; it is
printed only when its checkbox is ticked (``print_guide``). Both choices live in session keys
that are not widget keys, so they survive moving between steps (Streamlit drops a widget's state
when the widget is not drawn).
"""

from __future__ import annotations

import streamlit as st

from ecomap.matching import MAX_OFFERS, choose_offers, rank_offers
from ecomap.model import EcoMap
from ecomap.offers import OfferChoice, OffersError, OffersFile, load_offers, offers_path
from ecomap.texts.guide import conversation_guide
from ecomap.texts.offer_text import practical_lines, what_it_gives
from ui.texts import lang, mode, plain, shown_as, t

CHOSEN = "offers-chosen"
"""Session key: the offer codes chosen by hand (a tuple), or absent: the app's suggestion."""
GUIDE_PRINT = "guide-print"
"""Session key: print the conversation guide on the PDF (nurse mode)."""
_GUIDE_BOX = "guide-print-box"


def offers_file() -> OffersFile | OffersError | None:
    """The organisation's offers, why they cannot be used, or None without the setting."""
    path = offers_path()
    if path is None:
        return None
    try:
        return load_offers(path)
    except OffersError as exc:
        return exc


def _chosen_ids(m: EcoMap, offers: OffersFile) -> tuple[str, ...]:
    own = st.session_state.get(CHOSEN)
    if isinstance(own, tuple):  # codes the file no longer has are dropped
        return tuple(i for i in own if offers.offer(i) is not None)
    return tuple(o.id for o in choose_offers(m, offers.offers, lang()))


def choice(m: EcoMap) -> OfferChoice | None:
    """The offers chosen for this family now (with who offers them), or None without a usable
    offers file: then the reflection and the PDF keep their built-in steps."""
    offers = offers_file()
    if not isinstance(offers, OffersFile):
        return None
    chosen = (offers.offer(i) for i in _chosen_ids(m, offers))
    return OfferChoice(about=offers.about, offers=tuple(o for o in chosen if o is not None))


def forget_choice() -> None:
    """Another map (a file opened to continue): the app's suggestion for it applies again."""
    st.session_state.pop(CHOSEN, None)


def print_guide() -> bool:
    """Whether the PDF gets the conversation guide: ticked, and in nurse mode."""
    return mode() == "nurse" and bool(st.session_state.get(GUIDE_PRINT, False))


# ------------------------------------------------------------------ the nurse's choices


def _swap(slot: int, key: str, ids: tuple[str, ...]) -> None:
    new = str(st.session_state[key])
    chosen = list(ids)
    if new in chosen:  # chosen in the other slot already: the two change places
        other = chosen.index(new)
        chosen[other], chosen[slot] = chosen[slot], new
    else:
        chosen[slot] = new
    st.session_state[CHOSEN] = tuple(chosen)


def _remove(slot: int, ids: tuple[str, ...]) -> None:
    st.session_state[CHOSEN] = ids[:slot] + ids[slot + 1 :]


def _add(key: str, ids: tuple[str, ...]) -> None:
    new = st.session_state.get(key)
    if isinstance(new, str) and new not in ids:
        st.session_state[CHOSEN] = (*ids, new)


def _reset() -> None:
    st.session_state.pop(CHOSEN, None)


def _broken(error: OffersError) -> None:
    """Why the file cannot be used, line by line, and that the app carries on without it."""
    lines = [*error.messages(lang()), t(f"offers.error.fallback.{mode()}")]
    st.warning("\n\n".join(plain(line) for line in lines))


def offers_panel(m: EcoMap) -> None:
    """The chosen offers with their details, each with "choose another" and "remove"; "add" while
    fewer than two are chosen; "back to the app's suggestion" after a change."""
    offers = offers_file()
    if offers is None:
        return
    st.subheader(t("offers.app.heading"), anchor=False)
    if isinstance(offers, OffersError):
        _broken(offers)
        return
    source = t("offers.app.from", organisation=plain(offers.about.organisation))
    if offers.about.example:
        source = f"{source} {t('offers.app.example')}"
    st.caption(source)
    ids = _chosen_ids(m, offers)
    own = CHOSEN in st.session_state
    ranked = rank_offers(m, offers.offers, lang())
    order = [match.offer.id for match in ranked]
    names = {
        match.offer.id: (
            match.offer.name.in_(lang())
            if match.fits
            else t("offers.app.fits_less", name=match.offer.name.in_(lang()))
        )
        for match in ranked
    }
    if not ids:
        st.info(t(f"offers.app.none.{mode()}"))
    elif not own:
        st.caption(t(f"offers.app.chosen.{mode()}"))
    for slot, offer_id in enumerate(ids):
        offer = offers.offer(offer_id)
        assert offer is not None
        with st.container(border=True):
            st.markdown(f"**{plain(offer.name.in_(lang()))}**")
            st.markdown(plain(offer.description.in_(lang())))
            st.caption(plain(what_it_gives(offer, lang())))
            st.markdown("  \n".join(plain(line) for line in practical_lines(offer, lang())))
            key = f"offers-swap-{slot}-{offer_id}"
            pick, remove = st.columns([3, 1], vertical_alignment="bottom")
            with pick:
                st.selectbox(
                    t("offers.app.swap"),
                    order,
                    index=order.index(offer_id),
                    format_func=shown_as(names),
                    key=key,
                    on_change=_swap,
                    args=(slot, key, ids),
                )
            with remove:
                st.button(
                    t("offers.app.remove"),
                    key=f"offers-remove-{slot}-{offer_id}",
                    on_click=_remove,
                    args=(slot, ids),
                )
    rest = [i for i in order if i not in ids]
    if len(ids) < MAX_OFFERS and rest:
        key = f"offers-add-{'-'.join(ids) or 'none'}"
        st.selectbox(
            t("offers.app.add"),
            rest,
            index=None,
            placeholder=t("offers.app.add_placeholder"),
            format_func=shown_as(names),
            key=key,
            on_change=_add,
            args=(key, ids),
        )
    if own:
        st.button(t("offers.app.reset"), key="offers-reset", on_click=_reset)


# ------------------------------------------------------------------ the conversation guide


def _keep_guide_choice() -> None:
    st.session_state[GUIDE_PRINT] = bool(st.session_state.get(_GUIDE_BOX, False))


def guide_panel(m: EcoMap) -> None:
    """Nurse mode: what stands out, each with one or two open questions; a box to print it."""
    if mode() != "nurse":
        return
    st.subheader(t("guide.app.heading"), anchor=False)
    st.caption(t("guide.app.intro"))
    for topic in conversation_guide(m, lang()):
        questions = "\n".join(f"- {plain(q)}" for q in topic.questions)
        st.markdown(f"**{plain(topic.lead)}**\n\n{questions}")
    st.checkbox(
        t("guide.app.print"),
        value=bool(st.session_state.get(GUIDE_PRINT, False)),
        key=_GUIDE_BOX,
        help=t("guide.app.print_help"),
        on_change=_keep_guide_choice,
    )
