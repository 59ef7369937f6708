"""Merging entries across documents: same claim once, every source kept, conflicts reported."""
from __future__ import annotations

import functools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.merge import combine, content_words, merge_entries, plain
from timeline.model import EVENT, QUOTE, Conflict, Entry, SourceRef


def event(source: str, text: str, when: str | None, precision: str | None = "day", *,
          sentence: str | None = None, position: int = 0, actors: tuple[str, ...] = ()) -> Entry:
    return Entry(EVENT, text, when, precision, actors=list(actors),
                 sources=[SourceRef(source, sentence or text)], position=position)


def quote(source: str, text: str, speaker: str, when: str | None = "2022-03-10", *, position: int = 0,
          actors: tuple[str, ...] = ()) -> Entry:
    return Entry(QUOTE, text, when, "day" if when else None, speaker=speaker, actors=list(actors),
                 sources=[SourceRef(source, f'{speaker} said: "{text}"')], position=position)


def ids(entry: Entry) -> list[str]:
    return [ref.id for ref in entry.sources]


def inspected(source: str, day: int) -> Entry:
    return event(source, f"Greenfield Academy was inspected on {day} March 2022.", f"2022-03-{day:02d}")


def merged_one(*entries: Entry) -> Entry:
    """The single entry that entries of as many documents merge into."""
    [merged] = merge_entries([[e] for e in entries])
    return merged


INSPECTED = [
    event("s1", "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08", actors=("Greenfield Academy",)),
    event("s2", "Inspectors visited Greenfield Academy in March 2022, the school said.", "2022-03", "month",
          actors=("Greenfield Academy", "Schools Inspectorate")),
    event("s3", "On 8 March, Greenfield Academy in Hillford was inspected.", "2022-03-08",
          actors=("Greenfield Academy",)),
]


def test_the_same_event_worded_three_ways_is_one_entry_with_every_source():
    merged = merged_one(*INSPECTED)
    assert merged.kind == EVENT
    assert merged.date == "2022-03-08"
    assert merged.precision == "day"
    assert merged.text == "On 8 March, Greenfield Academy in Hillford was inspected."
    assert [(r.id, r.sentence) for r in merged.sources] == [(e.sources[0].id, e.sources[0].sentence) for e in INSPECTED]
    assert merged.actors == ["Greenfield Academy", "Schools Inspectorate"]
    assert merged.conflicts == []


def test_two_different_events_on_the_same_day_stay_two():
    entries = merge_entries([
        [event("s1", "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08",
               actors=("Greenfield Academy",))],
        [event("s2", "Tom Dawson resigned as head of Greenfield Academy on 8 March 2022.", "2022-03-08",
               actors=("Tom Dawson", "Greenfield Academy"))],
        [event("s3", "Hillford council approved its school budget on 8 March 2022.", "2022-03-08")],
    ])
    assert [(e.text, ids(e)) for e in entries] == [
        ("Greenfield Academy was inspected on 8 March 2022.", ["s1"]),
        ("Tom Dawson resigned as head of Greenfield Academy on 8 March 2022.", ["s2"]),
        ("Hillford council approved its school budget on 8 March 2022.", ["s3"]),
    ]


def test_a_quote_with_and_without_its_last_clause_keeps_the_longer_wording_and_both_sources():
    entries = merge_entries([
        [quote("s1", "We will appeal this decision.", "Tom Dawson")],
        [quote("s2", "We will appeal this decision because the process was unfair.", "tom dawson",
               actors=("Tom Dawson", "Greenfield Academy"))],
        [quote("s3", "We will appeal this decision.", "Jo Price")],
    ])
    assert [(e.text, e.speaker, ids(e)) for e in entries] == [
        ("We will appeal this decision because the process was unfair.", "tom dawson", ["s1", "s2"]),
        ("We will appeal this decision.", "Jo Price", ["s3"]),
    ]
    assert entries[0].actors == ["Tom Dawson", "Greenfield Academy"]


def test_quotes_match_across_quote_marks_case_and_spacing():
    merged = merged_one(
        quote("s1", "It\u2019s a  dark day for  Greenfield\u2019s pupils", "Jo Price"),
        quote("s2", "it's a dark day for Greenfield's pupils, and for Hillford.", "Jo Price"),
    )
    assert merged.text == "it's a dark day for Greenfield's pupils, and for Hillford."
    assert ids(merged) == ["s1", "s2"]


def test_a_near_identical_quote_with_one_word_changed_merges():
    merged = merged_one(
        quote("s1", "The inspection was rushed, unfair and far too harsh on our staff.", "Tom Dawson"),
        quote("s2", "The inspection was rushed, unfair and much too harsh on our staff.", "Tom Dawson"),
    )
    assert ids(merged) == ["s1", "s2"]


def test_the_same_words_from_two_speakers_stay_two_quotes():
    entries = merge_entries([
        [quote("s1", "We will appeal this decision.", "Tom Dawson")],
        [quote("s2", "We will appeal this decision.", "Greenfield Academy")],
    ])
    assert [e.speaker for e in entries] == ["Tom Dawson", "Greenfield Academy"]


def test_sources_disagreeing_on_the_day_give_the_best_supported_date_and_a_conflict():
    merged = merged_one(inspected("s1", 8), inspected("s2", 9), inspected("s10", 8))
    assert merged.date == "2022-03-08"
    assert ids(merged) == ["s1", "s2", "s10"]
    assert merged.conflicts == [Conflict("2022-03-09", ("s2",))]


def test_a_date_conflict_across_years_is_reported():
    merged = merged_one(
        event("s1", "Tom Dawson became head of Greenfield Academy in 2015.", "2015", "year"),
        event("s2", "Tom Dawson became head of Greenfield Academy in 2016.", "2016", "year"),
        event("s3", "In 2016 Tom Dawson became head of Greenfield Academy.", "2016", "year"),
    )
    assert merged.date == "2016"
    assert merged.text == "In 2016 Tom Dawson became head of Greenfield Academy."
    assert merged.conflicts == [Conflict("2015", ("s1",))]


def test_equal_support_prefers_the_more_precise_then_the_earlier_date():
    sentence = "Greenfield Academy was inspected in {}."
    [precise] = merge_entries([[event("s1", sentence.format("spring 2022"), "2022", "year")],
                               [event("s2", sentence.format("May 2021"), "2021-05", "month")]])
    assert (precise.date, precise.conflicts) == ("2021-05", [Conflict("2022", ("s1",))])
    [earlier] = merge_entries([[event("s1", sentence.format("June 2021"), "2021-06", "month")],
                               [event("s2", sentence.format("May 2021"), "2021-05", "month")]])
    assert (earlier.date, earlier.conflicts) == ("2021-05", [Conflict("2021-06", ("s1",))])


def test_a_coarser_date_supports_each_precise_date_it_holds():
    merged = merged_one(inspected("s1", 8), inspected("s2", 9), inspected("s3", 9),
                        event("s4", "Greenfield Academy was inspected in March 2022.", "2022-03", "month"))
    assert merged.date == "2022-03-09"
    assert merged.conflicts == [Conflict("2022-03-08", ("s1",))]
    assert ids(merged) == ["s1", "s2", "s3", "s4"]


def test_a_similar_claim_at_another_time_is_no_conflict():
    entries = merge_entries([
        [event("s1", "Ms Hale took her own life in January.", "2023-01", "month", actors=("Ann Hale",))],
        [event("s2", "Ms Hale's family held a vigil for her in March.", "2023-03", "month", actors=("Ann Hale",))],
        [event("s3", "Ms Hale died in January after the inspection.", "2023-01", "month", actors=("Ann Hale",))],
    ])
    assert [(e.date, ids(e), e.conflicts) for e in entries] == [("2023-01", ["s1", "s3"], []),
                                                               ("2023-03", ["s2"], [])]


def test_undated_entries_merge_only_by_wording_and_never_win_the_date():
    entries = merge_entries([
        [event("s1", "Greenfield Academy was renamed Hillford Academy.", None, None)],
        [event("s2", "Greenfield Academy was renamed Hillford Academy.", None, None)],
        [quote("s1", "We are proud of the new name.", "Jo Price", None)],
        [quote("s2", "We are proud of the new name.", "Jo Price", "2022-05-01")],
    ])
    assert [(e.kind, e.date, ids(e), e.conflicts) for e in entries] == [
        (EVENT, None, ["s1", "s2"], []),
        (QUOTE, "2022-05-01", ["s1", "s2"], []),
    ]


def test_one_sentence_per_source_in_natural_order():
    [merged] = merge_entries([
        [event("s10", "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08")],
        [event("s2", "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08", sentence="First telling."),
         event("s2", "On 8 March 2022, Greenfield Academy was inspected.", "2022-03-08", sentence="Second telling.",
               position=90)],
        [event("s9", "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08")],
    ])
    assert [(r.id, r.sentence) for r in merged.sources] == [
        ("s2", "First telling."),
        ("s9", "Greenfield Academy was inspected on 8 March 2022."),
        ("s10", "Greenfield Academy was inspected on 8 March 2022."),
    ]


def test_within_one_document_only_exact_duplicates_go():
    document = [
        event("s1", "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08", position=0),
        event("s1", "GREENFIELD ACADEMY was  inspected on 8 March 2022.", "2022-03-08", position=80),
        event("s1", "Greenfield Academy was inspected on 8 March, 2022.", "2022-03-08", position=160),
        event("s1", "Greenfield Academy was inspected on 8 March 2022.", "2022-03", "month", position=240),
        quote("s1", "\u201cWe will appeal.\u201d", "Tom Dawson", position=300),
        quote("s1", '"We will appeal."', "TOM DAWSON", position=400),
    ]
    for merge_across in (True, False):
        entries = merge_entries([document], merge_across=merge_across)
        assert sorted(e.position for e in entries) == [0, 160, 240, 300]


def test_without_merging_each_document_keeps_its_entries_in_order():
    documents = [[e] for e in INSPECTED] + [[INSPECTED[0]]]
    assert merge_entries(documents, merge_across=False) == INSPECTED + [INSPECTED[0]]


def test_wording_is_compared_without_case_quote_marks_punctuation_or_time_words():
    assert plain("\u201cIt\u2019s  Ofsted\u2019s job,\u201d she said\u2014today.") == "it ofsted job she said today"
    assert content_words("Mrs Hale took her own life on 8 January 2023.") == {"hale", "died"}
    assert content_words("Inspectors visited the schools.") == {"inspection", "visit", "school"}


def test_a_merged_result_merges_again_to_itself():
    merged = merge_entries([[e] for e in INSPECTED])
    assert combine(merged, []) == merged
    assert combine(merged, merged) == merged


def test_an_entry_given_with_several_sources_counts_as_one_per_source():
    told = "Greenfield Academy was inspected on 8 March 2022."
    twice = Entry(EVENT, told, "2022-03-08", "day", sources=[SourceRef("s1", told), SourceRef("s3", told)])
    [merged] = combine([twice], [event("s2", told, "2022-03-09")])
    assert (merged.date, ids(merged), merged.conflicts) == ("2022-03-08", ["s1", "s2", "s3"],
                                                            [Conflict("2022-03-09", ("s2",))])


def test_a_claim_repeated_by_many_documents_is_compared_a_bounded_number_of_times(monkeypatch):
    import timeline.merge

    calls = []
    similar = timeline.merge._similar
    monkeypatch.setattr(timeline.merge, "_similar", lambda *args: calls.append(args) or similar(*args))
    documents = [[inspected(f"s{n}", 8), quote(f"s{n}", "We will appeal this decision.", "Tom Dawson")]
                 for n in range(1, 501)]
    entries = merge_entries(documents)
    assert [len(e.sources) for e in entries] == [500, 500]
    assert len(calls) <= 10


def test_claims_sharing_no_word_are_never_compared_even_on_one_day(monkeypatch):
    import timeline.merge

    calls = []
    monkeypatch.setattr(timeline.merge, "_similar", lambda *args: calls.append(args))
    documents = [[event(f"s{n}", f"Club{n} elected member{n} as treasurer{n} on 8 March 2022.", "2022-03-08")]
                 for n in range(1, 301)]
    assert len(merge_entries(documents)) == 300
    assert calls == []


# --- order and grouping never change the result ---------------------------

CLAIMS = [
    (EVENT, "Greenfield Academy was inspected on 8 March 2022.", "2022-03-08"),
    (EVENT, "Inspectors visited Greenfield Academy in March 2022.", "2022-03"),
    (EVENT, "Greenfield Academy was inspected on 9 March 2022.", "2022-03-09"),
    (EVENT, "Greenfield Academy was inspected in 2022.", "2022"),
    (EVENT, "Hillford council approved its budget on 8 March 2022.", "2022-03-08"),
    (EVENT, "The council in Hillford approved the budget on 8 March 2022.", "2022-03-08"),
    (EVENT, "Tom Dawson resigned on 8 March 2022.", "2022-03-08"),
    (EVENT, "Tom Dawson resigned in 2021.", "2021"),
    (EVENT, "Greenfield Academy was renamed.", None),
    (QUOTE, "We will appeal this decision.", "2022-03-10"),
    (QUOTE, "We will appeal this decision because the process was unfair.", "2022-03-11"),
    (QUOTE, "The process was unfair.", "2022-03-10"),
    (QUOTE, "We will appeal this ruling because the process was unfair.", None),
]
SPEAKERS = ["Tom Dawson", "tom dawson", "Jo Price"]

mentions = st.tuples(st.integers(0, len(CLAIMS) - 1), st.integers(0, len(SPEAKERS) - 1), st.integers(0, 3))
documents = st.lists(st.lists(mentions, max_size=5), min_size=1, max_size=7)


def build(documents: list[list[tuple[int, int, int]]]) -> list[list[Entry]]:
    out = []
    for number, mentioned in enumerate(documents, 1):
        entries = []
        for claim, speaker, position in mentioned:
            kind, text, when = CLAIMS[claim]
            source = f"s{number}"
            if kind == EVENT:
                entries.append(event(source, text, when, None if when is None else "day" if len(when) == 10
                                     else "month" if len(when) == 7 else "year", position=position,
                                     actors=(SPEAKERS[speaker],)))
            else:
                entries.append(quote(source, text, SPEAKERS[speaker], when, position=position))
        out.append(entries)
    return out


def fold_in_random_tree(parts: list[list[Entry]], rng: random.Random) -> list[Entry]:
    parts = [*parts, []]
    while len(parts) > 1:
        i = rng.randrange(len(parts) - 1)
        parts[i:i + 2] = [combine(parts[i], parts[i + 1])]
    return parts[0]


@settings(max_examples=150, deadline=None)
@given(documents, st.randoms(use_true_random=False))
def test_order_and_grouping_do_not_change_the_result(raw, rng):
    per_document = build(raw)
    expected = merge_entries(per_document)
    shuffled = [rng.sample(entries, len(entries)) for entries in rng.sample(per_document, len(per_document))]
    assert merge_entries(iter(shuffled)) == expected
    assert functools.reduce(combine, per_document, []) == expected
    assert fold_in_random_tree(shuffled, rng) == expected
    assert len({ref.id for e in expected for ref in e.sources}) == sum(1 for entries in per_document if entries)
