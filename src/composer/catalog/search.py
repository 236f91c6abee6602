"""Ranked search of the exercise catalog. No UI imports.

Every word of the query must appear somewhere in an exercise: its name,
its id or plugin, its phase, its muscles, its equipment or its summary.
What matched decides the order: the name first (the whole name, then its
start, then its words), then muscles, equipment, plugin and phase, then
the summary; ties keep the library's order (protocol phase, level, name). The lower-case text
of each field is worked out once, so a keystroke over 10,000 exercises
costs a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import IntEnum
from operator import itemgetter
from typing import NamedTuple

from composer.model import Exercise

__all__ = ["Entry", "Match", "Searcher", "Tier", "make_entry", "rank"]

_WORD = re.compile(r"[^\W_]+")


class Tier(IntEnum):
    """How well an exercise matches, best first."""

    EXACT = 0  # the name is the query
    PREFIX = 1  # the name starts with the query
    NAME_WORDS = 2  # every word starts a word of the name
    NAME = 3  # every word is in the name
    FIELDS = 4  # every word is in the name, muscles, equipment, plugin or phase
    SUMMARY = 5  # some word is only in the summary

    @property
    def heading(self) -> str:
        """What the library calls the group of matches of this tier."""
        if self <= Tier.NAME:
            return "Name"
        if self is Tier.FIELDS:
            return "Muscle, gear, plugin"  # short: it heads a narrow list
        return "Summary"


class Entry(NamedTuple):
    """One exercise with the lower-case text each part of a search reads."""

    exercise: Exercise
    name: str
    name_words: str  # the name's words, each between spaces: " glute ball roll "
    fields: str  # id, plugin, phase, muscles and equipment
    everything: str  # name, fields and summary, for a quick first test


# A found exercise and how well it matched (None when nothing was searched
# for). Plain tuples: a keystroke may build 10,000 of them.
Match = tuple[Exercise, Tier | None]


def _words(text: str) -> list[str]:
    """The runs of letters and digits in `text`."""
    return _WORD.findall(text)


def make_entry(exercise: Exercise) -> Entry:
    name = " ".join(exercise.name.lower().split())
    fields = " ".join(
        [exercise.full_id, exercise.phase.value, *exercise.targets, *exercise.equipment]
    ).lower()
    return Entry(
        exercise=exercise,
        name=name,
        name_words=" " + " ".join(_words(name)) + " ",
        fields=fields,
        everything=f"{name}\n{fields}\n{exercise.summary.lower()}",
    )


def rank(entries: Iterable[Entry], query: str) -> list[Match]:
    """The entries matching every word of `query`, best first.

    Matches that rank the same keep the order of `entries` (the catalog
    gives them in protocol order, then level, then name). With an empty
    query: every entry, in that order.
    """
    words = query.lower().split()
    if not words:
        return [(entry.exercise, None) for entry in entries]
    return _search(entries, words)[1]


def _search(entries: Iterable[Entry], words: list[str]) -> tuple[list[Entry], list[Match]]:
    """The entries matching every one of `words` (lower case), in the order
    of `entries`, and the same as matches, best first."""
    text = " ".join(words)
    count = len(words)
    starts = [f" {word}" for word in _words(text)]
    wholes = [f" {word} " for word in words]
    found: list[tuple[int, Tier, Entry]] = []
    append = found.append
    # Plain loops rather than generators: this runs for every exercise on
    # every keystroke.
    for entry in entries:
        everything = entry.everything
        missing = False
        for word in words:
            if word not in everything:
                missing = True
                break
        if missing:
            continue
        name = entry.name
        in_name = 0
        for word in words:
            if word in name:
                in_name += 1
        if in_name == count:
            if name == text:
                tier = Tier.EXACT
            elif name.startswith(text):
                tier = Tier.PREFIX
            else:
                tier = Tier.NAME_WORDS
                name_words = entry.name_words
                for start in starts:
                    if start not in name_words:
                        tier = Tier.NAME
                        break
        else:
            tier = Tier.FIELDS
            fields = entry.fields
            for word in words:
                if word not in name and word not in fields:
                    tier = Tier.SUMMARY
                    break
        # Within a tier: more words in the name, then more whole words of it.
        whole = 0
        if in_name:
            name_words = entry.name_words
            for word in wholes:
                if word in name_words:
                    whole += 1
        append(((tier * 64 - in_name) * 64 - whole, tier, entry))
    pool = [entry for _key, _tier, entry in found]
    found.sort(key=_by_rank)  # stable: ties keep the order of `entries`
    return pool, [(entry.exercise, tier) for _key, tier, entry in found]


class Searcher:
    """Ranks one list of entries query after query, as a filter box asks.

    A query that only adds to an earlier one (a word typed on, one more
    word) can only match fewer entries, so it searches that one's matches
    rather than every entry; the last few results are kept as they are for
    the keys that go back (Backspace). The results are those of `rank`.
    """

    KEEP = 32  # queries remembered

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        # Words of a query -> (its matches in the entries' order, ranked).
        self._recent: dict[tuple[str, ...], tuple[list[Entry], list[Match]]] = {}

    def rank(self, query: str) -> list[Match]:
        words = tuple(query.lower().split())
        if not words:
            return [(entry.exercise, None) for entry in self.entries]
        known = self._recent.pop(words, None)
        if known is None:
            known = _search(self._narrowest(words), list(words))
        self._recent[words] = known  # the newest last
        if len(self._recent) > self.KEEP:
            del self._recent[next(iter(self._recent))]
        return known[1]

    def _narrowest(self, words: tuple[str, ...]) -> list[Entry]:
        """The fewest entries that hold every match of `words`: those of a
        remembered query each of whose words is within one of `words`."""
        best = self.entries
        for earlier, (pool, _ranked) in self._recent.items():
            if len(pool) < len(best) and all(any(old in new for new in words) for old in earlier):
                best = pool
        return best


_by_rank = itemgetter(0)
