"""Validation errors in words a parent or nurse understands: which field, and why.

pydantic's own messages are technical English and echo the input. Here each error becomes one
sentence from ``questions/<lang>/errors.toml``: where ("person 3, name") and why ("may not be
empty"). The rejected input itself is never repeated: it may be family data or hostile text.
"""

from __future__ import annotations

from pydantic import ValidationError

from ecomap.model import Language
from ecomap.texts.catalog import has, lower_first, text, upper_first


def _where(loc: tuple[int | str, ...], lang: Language) -> str:
    parts: list[str] = []
    items = list(loc)
    while items:
        head = items.pop(0)
        if head in ("people", "ties", "history") and items and isinstance(items[0], int):
            index = int(items.pop(0))
            where = text(f"errors.where.{head}", lang, n=index + 1)
            parts.append(where if not parts else lower_first(where, lang))
        elif isinstance(head, str) and has(f"errors.field.{head}", lang):
            parts.append(text(f"errors.field.{head}", lang))
    return ", ".join(parts) or text("errors.where.map", lang)


def explain(exc: ValidationError, lang: Language = "nl") -> list[str]:
    """One plain sentence per problem, without echoing the rejected input."""
    messages: list[str] = []
    for err in exc.errors(include_url=False):
        kind = str(err["type"])
        ctx = {k: v for k, v in (err.get("ctx") or {}).items() if isinstance(v, int | str)}
        reason_id = f"errors.reason.{kind}" if has(f"errors.reason.{kind}", lang) else None
        try:
            reason = (
                text(reason_id, lang, **ctx) if reason_id else text("errors.reason.other", lang)
            )
        except (KeyError, IndexError, TypeError):
            reason = text("errors.reason.other", lang)
        message = text("errors.line", lang, where=_where(tuple(err["loc"]), lang), reason=reason)
        message = upper_first(message, lang)
        if message not in messages:
            messages.append(message)
    return messages
