"""Ranked search of the catalog: what matched decides the order."""

from __future__ import annotations

import pytest

from composer.catalog.manager import load_catalog
from composer.catalog.search import Tier, make_entry, rank
from composer.model import Exercise


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _names(catalog, query: str) -> list[str]:
    return [exercise.name for exercise in catalog.search(query)]


def test_the_exact_name_comes_before_summary_matches(catalog):
    # "Buttock self-kneading" mentions a ball and rolling in its summary;
    # it used to come first and Enter added it.
    names = _names(catalog, "glute ball roll")
    assert names[0] == "Glute ball roll"
    assert "Buttock self-kneading" in names[1:]
    tiers = [tier for _exercise, tier in catalog.matches("glute ball roll")]
    assert tiers[0] is Tier.EXACT and tiers[-1] is Tier.SUMMARY


def test_tiers_in_order_and_ties_in_protocol_order():
    def ex(id_, name, phase="activate", **more):
        return Exercise(id=id_, name=name, phase=phase, namespace="p", **more)

    entries = [
        make_entry(e)
        for e in [
            ex("a", "Plank reach", phase="roll"),
            ex("b", "Side plank", summary="Lie on your side.", targets=["gluteus medius"]),
            ex("c", "Clamshell", summary="Like a plank, but not."),
            ex("d", "Planks", phase="stabilize"),
            ex("e", "Plank"),
            ex("f", "Bridge", targets=["plank muscles"]),
            ex("g", "Supplanking"),
        ]
    ]
    found = rank(entries, "plank")
    assert [(exercise.id, tier) for exercise, tier in found] == [
        ("e", Tier.EXACT),
        ("a", Tier.PREFIX),  # roll comes before stabilize
        ("d", Tier.PREFIX),
        ("b", Tier.NAME_WORDS),
        ("g", Tier.NAME),
        ("f", Tier.FIELDS),
        ("c", Tier.SUMMARY),
    ]
    # Every word must match somewhere; words may match different fields.
    assert [exercise.id for exercise, _tier in rank(entries, "side medius")] == ["b"]
    assert rank(entries, "plank xyzzy") == []
    # No query: everything, in the order given.
    assert [exercise.id for exercise, _tier in rank(entries, "  ")] == list("abcdefg")
    assert {tier for _exercise, tier in rank(entries, "")} == {None}


def test_whole_words_of_the_name_rank_before_word_starts(catalog):
    names = _names(catalog, "roll")
    assert names[0] == "Glute ball roll"
    assert names.index("Foam roller glutes") < names.index("Buttock self-kneading")


def test_phase_filter_and_case(catalog):
    assert _names(catalog, "GLUTE BALL ROLL")[0] == "Glute ball roll"
    found = catalog.search("bridge", phase="stabilize")
    assert found and all(e.phase.value == "stabilize" for e in found)


def _typing(query: str) -> list[str]:
    """What a filter box holds key by key: typed, then erased."""
    typed = [query[: n + 1] for n in range(len(query))]
    return typed + typed[-2::-1] + [""]


@pytest.mark.parametrize(
    "queries",
    [
        _typing("glute bridge"),
        _typing("band walk side"),
        _typing("roll   ball "),
        # Edits that are not typing on: a word replaced, words swapped,
        # a word cut in the middle, a word that grows at its start.
        ["bridge", "bridge march", "bridge arch", "arch bridge", "brid", "rid", "bridge"],
        ["clam", "xclam", "clam", "CLAM", "clams", "lam", "clamshell band"],
        ["hip", "hip flexor", "hip", "flexor hip", "flex", "hip flexor stretch", "nothing at all"],
    ],
)
def test_a_searcher_gives_what_rank_gives_query_after_query(catalog, queries):
    from composer.catalog.search import Searcher

    entries = catalog._index()
    searcher = Searcher(entries)
    for query in queries:
        assert searcher.rank(query) == rank(entries, query), query


def test_typing_on_searches_only_the_earlier_matches(catalog, monkeypatch):
    from composer.catalog import search

    searched: list[int] = []
    real = search._search

    def counted(entries, words):
        entries = list(entries)
        searched.append(len(entries))
        return real(entries, words)

    monkeypatch.setattr(search, "_search", counted)
    entries = catalog._index()
    searcher = search.Searcher(entries)
    for query in _typing("glute bridge"):
        searcher.rank(query)
    # The first key searches everything; each later one the matches before
    # it; the keys that go back find their results kept.
    assert searched[0] == len(entries)
    typed = _typing("glute bridge")[: len("glute bridge")]
    assert len(searched) == len({tuple(query.split()) for query in typed})  # "glute " = "glute"
    assert searched == sorted(searched, reverse=True) and searched[-1] < 20
