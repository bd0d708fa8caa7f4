"""Next steps that match (issue 13.2): the family's needs in order, a fixed scoring order for the
offers (fit, need, layer, rung, ...), one or two offers, and a reflection that names them; the
built-in steps without offers still follow the family's gaps. Plain objects, no app."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import textstat
from families import FAMILIES, _map, _p, _t
from languages import forbidden
from test_reflection import sentences, word_count

from ecomap.matching import MAX_OFFERS, choose_offers, needs, rank_offers
from ecomap.model import Category, ChildAge, EcoMap, Quality, SupportForm
from ecomap.offers import Offer, load_offers
from ecomap.texts.reflection import MODES, reflect

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "offers-voorbeeldstad.toml"
EMO, PRA, INF, NOR = (
    SupportForm.EMOTIONAL,
    SupportForm.PRACTICAL,
    SupportForm.INFORMATIONAL,
    SupportForm.NORMATIVE,
)
CLOSE, DISTANT, EVERYDAY = (
    Category.INFORMAL_CLOSE,
    Category.INFORMAL_DISTANT,
    Category.FORMAL_EVERYDAY,
)


def offer(oid: str, forms: list[SupportForm], **fields: Any) -> Offer:
    """A small offer: a meeting for everyone, free, walk in, in Dutch, unless told otherwise."""
    base: dict[str, Any] = {
        "id": oid,
        "name": f"Aanbod {oid}",
        "description": "Iets doen met andere ouders.",
        "forms": forms,
        "rung": "meeting",
        "layer": "basic",
        "where": "Buurthuis",
        "when": "Dinsdag",
        "cost": "free",
        "join": "walk_in",
    }
    return Offer.model_validate(base | fields)


def ids(offers: tuple[Offer, ...]) -> list[str]:
    return [o.id for o in offers]


def example() -> tuple[Offer, ...]:
    return tuple(load_offers(EXAMPLE).offers)


def wants(*forms: SupportForm, age: ChildAge | None = ChildAge.TODDLER) -> EcoMap:
    """A map where the parent receives every form except ``forms`` (from a friend), with ``forms``
    left as gaps, not wishes."""
    given = [f for f in SupportForm if f not in forms]
    return _map(
        [_p("vriend", "Vriendin Mies", CLOSE), _p("buur", "Buurman Kees", DISTANT)],
        [_t("vriend" if i % 2 == 0 else "buur", f) for i, f in enumerate(given)],
        age=age,
    )


# ------------------------------------------------------------------ the needs


def test_needs_put_wishes_first_then_gaps_then_own_circle_then_sharing_the_load() -> None:
    assert [(n.form, n.why) for n in needs(FAMILIES["only_grandma"]())] == [
        (INF, "wish"),
        (EMO, "share_load"),
        (PRA, "share_load"),
        (NOR, "share_load"),
    ]
    assert [(n.form, n.why) for n in needs(FAMILIES["father_with_professionals"]())] == [
        (EMO, "wish"),
        (NOR, "own_circle"),
    ]
    # support that only a hard contact gives is still a need
    assert [(n.form, n.why) for n in needs(FAMILIES["stressful_mother_in_law"]())] == [(NOR, "gap")]
    assert needs(FAMILIES["large_network"]()) == ()
    empty = needs(EcoMap())
    assert [n.form for n in empty] == list(SupportForm), "an empty map: a listening ear first"


# ------------------------------------------------------------------ the scoring order


def test_an_offer_must_fit_the_age_and_the_language() -> None:
    baby = offer("baby", [PRA], ages=["baby"])
    english = offer("english", [PRA], languages=["en"])
    everyone = offer("iedereen", [PRA], rung="network_building", layer="extra_support")
    m = wants(PRA, age=ChildAge.TODDLER)
    assert ids(choose_offers(m, [baby, english, everyone], "nl")) == ["iedereen"]
    assert ids(choose_offers(m, [baby, english], "en")) == ["english"]
    assert choose_offers(m, [baby, english], "nl") == ()
    # the age not given: only an offer for every age fits
    assert ids(choose_offers(wants(PRA, age=None), [baby, everyone], "nl")) == ["iedereen"]
    assert ids(choose_offers(wants(PRA, age=ChildAge.BABY), [baby, everyone], "nl")) == ["baby"]


def test_the_earliest_need_comes_first_wishes_before_gaps() -> None:
    m = wants(INF).model_copy(update={"wishes": [PRA]})
    talk = offer("praten", [INF])
    hands = offer("handen", [PRA], rung="network_building", layer="light_support")
    assert ids(choose_offers(m, [talk, hands], "nl")) == ["handen", "praten"]


def test_then_the_lowest_layer_then_the_lowest_rung() -> None:
    m = wants(EMO)
    top = offer("extra", [EMO], layer="extra_support", rung="meeting")
    base_far = offer("netwerk", [EMO], layer="basic", rung="network_building")
    base_near = offer("ontmoeten", [EMO], layer="basic", rung="meeting")
    info = offer("info", [EMO], layer="information", rung="meeting")
    order = [m.offer.id for m in rank_offers(m, [top, base_far, info, base_near], "nl")]
    assert order == ["ontmoeten", "netwerk", "info", "extra"]


def test_then_more_needs_met_then_this_age_then_the_easiest_way_in_then_cost_then_file_order() -> (
    None
):
    m = wants(EMO, NOR, age=ChildAge.TODDLER)
    one = offer("een", [EMO])
    two = offer("twee", [EMO, NOR])
    assert ids(choose_offers(m, [one, two], "nl", limit=1)) == ["twee"]
    general = offer("algemeen", [EMO])
    toddlers = offer("peuters", [EMO], ages=["toddler", "school"])
    assert ids(choose_offers(m, [general, toddlers], "nl", limit=1)) == ["peuters"]
    nurse = offer("via", [EMO], join="via_nurse")
    sign = offer("aanmelden", [EMO], join="sign_up")
    walk = offer("binnen", [EMO], join="walk_in")
    assert ids(choose_offers(m, [nurse, sign, walk], "nl", limit=1)) == ["binnen"]
    paid = offer("betaald", [EMO], cost="paid")
    bit = offer("bijdrage", [EMO], cost="contribution")
    assert ids(choose_offers(m, [paid, bit], "nl", limit=1)) == ["bijdrage"]
    assert ids(choose_offers(m, [offer("b", [EMO]), offer("a", [EMO])], "nl", limit=1)) == ["b"]


def test_the_second_offer_is_for_what_the_first_leaves() -> None:
    m = wants(EMO, PRA)
    meet = offer("ontmoeten", [EMO])
    meet_too = offer("ook-ontmoeten", [EMO])
    hands = offer("handen", [PRA], rung="neighbourhood")
    assert ids(choose_offers(m, [meet, meet_too, hands], "nl")) == ["ontmoeten", "handen"]
    assert ids(choose_offers(m, [meet, meet_too], "nl")) == ["ontmoeten"], "not twice the same"
    both = offer("beide", [EMO, PRA])
    assert ids(choose_offers(m, [both, meet, hands], "nl")) == ["beide"], "one that meets both"
    assert len(choose_offers(FAMILIES["nobody_named"](), example(), "nl")) == MAX_OFFERS


def test_nothing_needed_means_no_offer_and_the_list_still_ranks_every_offer() -> None:
    m = FAMILIES["large_network"]()
    assert choose_offers(m, example(), "nl") == ()
    ranked = rank_offers(m, example(), "nl")
    assert len(ranked) == len(example())
    assert [r.fits for r in ranked] == sorted((r.fits for r in ranked), reverse=True)


def test_the_same_map_and_file_always_give_the_same_offers() -> None:
    m = FAMILIES["newcomers_toddler"]()
    first = choose_offers(m, example(), "nl")
    assert all(choose_offers(m, example(), "nl") == first for _ in range(3))
    assert FAMILIES["newcomers_toddler"]() == m, "the map is not changed"


# ------------------------------------------------------------------ four families, the example file

CHOSEN = {
    # A Syrian mother with a baby wishes for a listening ear; in English the Dutch-only
    # coffee morning does not fit, the pram walk (Dutch and English, for babies) does.
    ("newcomer_baby", "nl"): ["koffieochtend-baby"],
    ("newcomer_baby", "en"): ["wandelgroep-kinderwagen"],
    # A young mother whose own mother does almost everything wishes for advice: the drop-in
    # hour for advice, then a coffee morning, so grandma need not do it all.
    ("only_grandma", "nl"): ["inloopspreekuur-jgz", "koffieochtend-baby"],
    # Parents of a toddler: only the hard mother-in-law gives an example; the toddlers' story
    # morning (meeting, for everyone) is where other parents show how they do it.
    ("stressful_mother_in_law", "nl"): ["voorleesochtend-peuters"],
    # No age given, a wish for practical help: only offers for every age fit.
    ("mixed_no_age", "nl"): ["buren-helpen-buren"],
    # A father of teenagers wishes for advice: the parents' evening on teenagers.
    ("father_of_teenagers", "nl"): ["ouderavond-tieners"],
    # Newcomers with a toddler wish for a listening ear and practical help: one offer each.
    ("newcomers_toddler", "nl"): ["wandelgroep-kinderwagen", "buren-helpen-buren"],
    # A father whose help comes from professionals, wishing for a listening ear: other
    # parents at his children's school.
    ("father_with_professionals", "nl"): ["ouderkamer-school"],
    # A network that covers everything and wishes nothing: no offer is pushed.
    ("large_network", "nl"): [],
}


@pytest.mark.parametrize(("family", "lang"), CHOSEN, ids=[f"{f}-{lang}" for f, lang in CHOSEN])
def test_the_offers_chosen_from_the_example_file(family: str, lang: str) -> None:
    chosen = choose_offers(FAMILIES[family](), example(), lang)  # type: ignore[arg-type]
    assert ids(chosen) == CHOSEN[(family, lang)]


# ------------------------------------------------------------------ the reflection with offers


def steps(
    m: EcoMap, offers: tuple[Offer, ...] | None, mode: str = "nurse", lang: str = "nl"
) -> str:
    return reflect(m, lang, mode, offers=offers).paragraphs[-1].text  # type: ignore[arg-type]


def test_without_offers_the_steps_are_the_built_in_ones_and_follow_the_gaps() -> None:
    for name, story in FAMILIES.items():
        m = story()
        assert reflect(m, "nl", offers=None) == reflect(m, "nl") == reflect(m, "nl", offers=())
        assert "Een idee dichtbij" not in reflect(m, "nl").text, name
    assert "kunnen u informatie geven" in steps(FAMILIES["only_grandma"](), None), "the wish"
    assert "praktische hulp" not in steps(wants(EMO), None)
    assert "ontmoeten" in steps(wants(EMO), None), "a listening ear missing: meet other parents"
    assert "helpen met" in steps(wants(PRA), None), "practical help missing: ask someone"


def test_the_chosen_offers_are_named_first_in_the_organisations_words() -> None:
    m = FAMILIES["only_grandma"]()
    chosen = choose_offers(m, example(), "nl")
    text = steps(m, chosen)
    assert text.startswith(
        "Wat kan een kleine volgende stap zijn? "
        "Een idee dichtbij: Inloopspreekuur van de jeugdverpleegkundige. "
        "Vragen stellen over groeien, slapen en eten."
    )
    assert "Een idee dichtbij: Koffieochtend voor ouders met een baby." in text
    assert "Een idee dichtbij: Coffee" not in steps(m, chosen, lang="en")
    assert steps(m, chosen, lang="en").startswith(
        "What could be a small next step? An idea close to home: Drop-in hour of the youth"
    )


def test_a_generic_step_stays_for_a_need_no_chosen_offer_meets() -> None:
    m = wants(EMO, PRA)
    hands = offer("handen", [PRA], name="Klusjesbank")
    text = steps(m, (hands,))
    assert "Een idee dichtbij: Klusjesbank." in text
    assert "ontmoeten" in text, "the listening ear keeps its built-in step"
    assert "een buur" not in text.lower(), "the practical step is the offer's now"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "story"), list(FAMILIES.items()), ids=list(FAMILIES))
def test_with_the_example_offers_every_story_stays_plain_kind_and_in_one_voice(
    name: str, story: Callable[[], EcoMap], mode: str
) -> None:
    m = story()
    r = reflect(m, "nl", mode, offers=choose_offers(m, example(), "nl"))  # type: ignore[arg-type]
    lengths = [word_count(s) for s in sentences(r)]
    assert sum(lengths) / len(lengths) <= 15 and max(lengths) <= 22, r.text
    textstat.set_lang("nl")
    assert textstat.flesch_reading_ease(r.text) >= 65, r.text
    assert not [w for w in forbidden("nl") if w in r.text.lower()], r.text
    wrong = r"\b(je|jij|jouw)\b" if mode == "nurse" else r"\b(u|uw)\b"
    assert not re.search(wrong, r.text, re.IGNORECASE), r.text
    assert r.kinds[-1] == "next_steps"
    assert r.paragraphs[-1].text.count("Een idee dichtbij") <= MAX_OFFERS


def test_a_stressful_contact_does_not_count_as_support_for_the_match() -> None:
    m = _map(
        [_p("schoon", "Schoonmoeder", CLOSE, quality=Quality.STRESSFUL), _p("p", "Partner", CLOSE)],
        [_t("schoon", PRA), _t("p", EMO), _t("p", INF), _t("p", NOR)],
        age=ChildAge.BABY,
    )
    assert needs(m)[0].form is PRA
    assert ids(choose_offers(m, example(), "nl"))[0] == "buren-helpen-buren"
