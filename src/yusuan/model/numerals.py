"""Numbers as Chinese documents print them: ``6``, ``06``, ``六``, ``十二`` (table numbers, counts)."""

from __future__ import annotations

_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九", start=1)}


def number_value(text: str) -> int | None:
    """A number printed in digits or in Chinese numerals up to 九十九, as an integer; None otherwise."""
    if text.isdigit():
        return int(text)
    if text and all(c in _NUMERALS or c == "十" for c in text):
        if "十" not in text:
            return _NUMERALS.get(text) if len(text) == 1 else None
        tens, _, ones = text.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)
    return None
