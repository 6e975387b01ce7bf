"""A PDF page's characters grouped into words and lines, as pdfplumber's WordExtractor with its
default settings does (for ``pdfgrid``: a cell's text, and the text lines outside the tables).

Characters cluster into lines by their tops (3 pt), a line splits into words at a blank
character or a gap wider than 3 pt, and words are joined by a space; a cell's lines are joined
by "\\n". Rotated characters read top-down, in columns. The ideographic space U+3000 is kept
as text (pdfplumber drops it).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from yusuan.read.pdfchars import Char
from yusuan.read.pdfrulings import cluster

X_TOLERANCE = 3.0  # a wider gap between characters starts a new word
Y_TOLERANCE = 3.0  # characters whose tops differ by less are on one line
_TIE = 1e-3  # a gap of exactly X_TOLERANCE (give or take float noise) does not split a word


# a character is one code point or "(cid:N)", so translating a word is translating each character
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"})


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside the tables, with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


class _Word:
    __slots__ = ("bottom", "text", "top", "x0", "x1")

    def __init__(self, chars: Sequence[Char]) -> None:
        self.text = "".join([c.text for c in chars]).translate(_LIGATURES)
        self.x0 = min([c.x0 for c in chars])
        self.top = min([c.top for c in chars])
        self.x1 = max([c.x1 for c in chars])
        self.bottom = max([c.bottom for c in chars])


_TOP = operator.attrgetter("top")
_X0 = operator.attrgetter("x0")
_TOP_BOTTOM = operator.attrgetter("top", "bottom")
_UPRIGHT = operator.attrgetter("upright")


def _group(items: list[Any], key: Callable[[Any], float], tolerance: float, keep_order: bool) -> list[list[Any]]:
    """pdfplumber's cluster_objects: by cluster number (stable), or runs in input order."""
    keys = [key(item) for item in items]
    if keys and max(keys) <= min(keys) + tolerance:
        # One cluster (a cell's text on one line, most often): every sorted value is within
        # tolerance of the one before, as rounding keeps ``value <= last + tolerance`` true.
        return [list(items)]
    ids = cluster(keys, tolerance)
    if keep_order:
        runs: list[list[Any]] = []
        last = None
        for item, value in zip(items, keys, strict=True):
            number = ids[value]
            if number != last or not runs:
                runs.append([item])
                last = number
            else:
                runs[-1].append(item)
        return runs
    groups: dict[int, list[Any]] = {}
    for item, value in zip(items, keys, strict=True):
        groups.setdefault(ids[value], []).append(item)
    return [groups[k] for k in sorted(groups)]


def _words(chars: list[Char]) -> list[_Word]:
    words: list[_Word] = []
    for upright, run in itertools.groupby(chars, key=_UPRIGHT):
        run_chars = list(run)
        if upright:
            lines = _group(run_chars, _TOP, Y_TOLERANCE, keep_order=False)
        else:  # rotated text reads top-down, in columns
            lines = _group(run_chars, _X0, X_TOLERANCE, keep_order=False)
        for line in lines:
            if upright:
                line.sort(key=_X0)
            else:
                line.sort(key=_TOP_BOTTOM)
            current: list[Char] = []
            for char in line:
                if char.blank:
                    if current:
                        words.append(_Word(current))
                    current = []
                    continue
                if current:
                    prev = current[-1]
                    if upright:
                        new = char.x0 < prev.x0 or char.x0 > prev.x1 + X_TOLERANCE + _TIE
                        new = new or abs(char.top - prev.top) > Y_TOLERANCE
                    else:
                        new = char.top < prev.top or char.top > prev.bottom + Y_TOLERANCE + _TIE
                        new = new or abs(char.x0 - prev.x0) > X_TOLERANCE
                    if new:
                        words.append(_Word(current))
                        current = []
                current.append(char)
            if current:
                words.append(_Word(current))
    return words


def cell_text(chars: list[Char]) -> str:
    """A table cell's text: its lines top-down joined by "\\n", words on a line by a space."""
    lines = _group(_words(chars), _TOP, Y_TOLERANCE, keep_order=False)
    return "\n".join(" ".join(word.text for word in line) for line in lines)


def text_lines(chars: list[Char]) -> list[TextLine]:
    """The characters' text lines in the order they come, with their boxes (blank lines dropped)."""
    out: list[TextLine] = []
    for line in _group(_words(chars), _TOP, Y_TOLERANCE, keep_order=True):
        text = " ".join(word.text for word in line)
        if text.strip():
            out.append(
                TextLine(
                    text,
                    min(w.x0 for w in line),
                    min(w.top for w in line),
                    max(w.x1 for w in line),
                    max(w.bottom for w in line),
                )
            )
    return out
