"""Tense detection: which way an underspecified date in a clause points."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import find_dates
from timeline.tense import FUTURE, PAST, PRESENT, passive_before, tense_at


def tense_before(sentence: str, marker: str) -> str:
    """The tense at the first occurrence of ``marker`` in the sentence."""
    return tense_at(sentence, sentence.index(marker))


@pytest.mark.parametrize(
    "sentence, marker, expected",
    [
        ("The panel chair said she would announce a verdict in August.", "August", FUTURE),
        ("The caretaker was found injured in January.", "January", PAST),
        ("Lessons will resume from January 22.", "January", FUTURE),
        ("The report is due to be published in May.", "May", FUTURE),
        ("The closure is due in May.", "May", FUTURE),
        ("The minister plans to visit in March.", "March", FUTURE),
        ("The trust is set to close in July.", "July", FUTURE),
        ("The board is expected to rule in June.", "June", FUTURE),
        ("The school is to reopen in September.", "September", FUTURE),
        ("Inspectors could return in October.", "October", FUTURE),
        ("She'll decide in March.", "March", FUTURE),
        ("The union has written to the minister in March.", "March", PAST),
        ("Staff have been given training in March.", "March", PAST),
        ("The union demanded an answer in March.", "March", PAST),
        ("The panel met in March.", "March", PAST),
        ("The inquest heard evidence in March.", "March", PAST),
        ("In February, the trust announced a review.", "February", PAST),
        ("In February, the trust will announce a review.", "February", FUTURE),
        ("The hearing is on Friday.", "Friday", PRESENT),
        ("Friday.", "Friday", PRESENT),
        ("The school said it will appeal; the ruling came in March.", "March", PAST),
        ("The school appealed; the ruling will come in March.", "March", FUTURE),
        ("The board said: the review ends in March.", "March", PRESENT),
        ("The proceedings in May were closed.", "May", PAST),
        ("The governors needed help in May.", "May", PAST),
        ("Governors need help in May.", "May", PRESENT),
        ("The inquest resumes on 3 April.", "3 April", PRESENT),
        ("The case is listed for 5 June.", "5 June", PRESENT),
        ("The case was listed for 5 June.", "5 June", PAST),
        ("The case is currently listed for 5 June.", "5 June", PRESENT),
        ("Ministers promised to raise pay from September.", "September", FUTURE),
        ("The union threatened to strike in May.", "May", FUTURE),
        ("The head was forced to resign in January.", "January", PAST),
        ("The council, which met on Monday, said nothing.", "Monday", PAST),
        ("The order, made by the court (DCC) on Monday, will lapse.", "Monday", PAST),
    ],
)
def test_tense_at(sentence, marker, expected):
    assert tense_before(sentence, marker) == expected


def test_the_month_may_is_not_the_modal():
    assert tense_before("In May the panel met again in June.", "June") == PAST
    assert tense_before("In May the panel may meet in June.", "June") == FUTURE


def test_nearest_cue_wins():
    sentence = "The trust said it would reopen the hall in April."
    assert tense_before(sentence, "April") == FUTURE
    assert tense_before(sentence, "said") == PAST  # the cue after a clause-opening offset


def test_offsets_at_the_edges():
    assert tense_at("", 0) == PRESENT
    assert tense_at("It was late.", 0) == PAST
    assert tense_at("It was late.", 12) == PAST


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The refit was finished ", True),
        ("Schools must be inspected ", True),
        ("The report had been written ", True),
        ("The union wants a reply ", False),
        ("The pool stays shut ", False),
        ("The report was not published ", True),
        ("The report wasn't quietly published ", True),
        ("finished ", False),
    ],
)
def test_passive_before(text, expected):
    assert passive_before(text + "by March", len(text)) is expected


def test_an_adjective_in_ed_does_not_make_a_future_clause_past():
    sentence = "The council will publish updated figures in July."
    assert [m.value for m in find_dates(sentence, date(2024, 4, 25))] == ["2024-07"]


def test_agreed_to_points_ahead():
    sentence = "The two leaders have agreed to meet again in June."
    assert [m.value for m in find_dates(sentence, date(2024, 3, 19))] == ["2024-06"]


def test_a_term_in_quote_marks_does_not_end_the_clause():
    assert [m.value for m in find_dates("The school was rated “good” in the autumn.", date(2024, 5, 10))] == ["2023"]


def test_a_name_ending_in_ed_is_not_a_past_verb():
    assert tense_before("The anniversary of the Ofsted report falls on Sunday.", "on Sunday") == PRESENT
