"""Every name the package promises (``ecomap.__all__``) resolves to a real object."""

from __future__ import annotations

import ecomap


def test_every_public_name_resolves() -> None:
    for name in ecomap.__all__:
        assert getattr(ecomap, name) is not None, name


def test_function_names_are_not_shadowed_by_modules() -> None:
    import ecomap.drawing.html_map  # importing a submodule must not replace the function

    assert callable(ecomap.render_html) and not isinstance(ecomap.render_html, type(ecomap))
    assert callable(ecomap.layout) and callable(ecomap.reflect) and callable(ecomap.compare)
