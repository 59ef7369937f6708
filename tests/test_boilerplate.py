"""Body versus furniture, decided by the shape of each line."""
import re
import string

import pytest

from timeline import boilerplate
from timeline.boilerplate import BODY, CAPTION, FURNITURE, HEADLINE, SHORT, STANDFIRST, split_blocks
from timeline.rules_data import FOLDS_TO_ASCII


def roles(text: str) -> list[tuple[str, str]]:
    return [(b.role, b.text) for b in split_blocks(text)]


@pytest.mark.parametrize("line", [
    "Flood water covers the high street in Marlow (Jane Doe/PA)",
    "Residents gather outside the town hall (PA)",
    "The new bridge under construction. Picture: Getty",
    "Councillor Amy Hart at the meeting. PHOTO: Marlow Council",
    "Rescue teams at the scene (Photograph: John Smith/The Daily Record)",
])
def test_lines_ending_in_a_credit_are_captions(line):
    assert split_blocks(f"A council has approved the plan.\n\n{line}\n\nIt was passed last night.")[1].role == CAPTION


@pytest.mark.parametrize("line", [
    "Sign up to our free morning newsletter for the latest news",
    "Please enter a valid email address",
    "Read more: Ten things to do in Marlow this weekend",
    "Listen to this article",
    "By Priya Shah, health correspondent",
    "Updated: 4 March 2024, 09:12",
    "Published 4th Mar 2024",
    "If you are struggling to cope, call the helpline on 0800 123 4567.",
    "For more information email press@example.org.",
    "LATE FINAL EDITION",
])
def test_furniture_lines(line):
    assert split_blocks(f"A council has approved the plan.\n\n{line}\n\nIt was passed last night.")[1].role == FURNITURE


def test_headline_standfirst_and_body():
    text = ("Council backs new bridge\n\n"
            "The vote ends a ten-year campaign by residents.\n\n"
            "Residents at the vote (Jane Doe/PA)\n\n"
            "Marlow Council has approved a new bridge over the river.\n\n"
            "Work will start next spring.")
    assert [r for r, _ in roles(text)] == [HEADLINE, STANDFIRST, CAPTION, BODY, BODY]


def test_a_line_printed_twice_is_not_body():
    text = "Plan approved\n\nThe vote was close\n\nThe vote was close\n\nMarlow Council approved the plan on Tuesday."
    assert [r for r, _ in roles(text)][1:3] == [SHORT, SHORT]
    assert roles(text)[3][0] == BODY


def test_a_caption_repeated_with_its_credit_is_a_caption_both_times():
    caption = "A council has approved a new bridge over the river in Marlow"
    text = f"Plan approved\n\n{caption}\n{caption}. Picture: Getty\n\n{caption}."
    assert [r for r, _ in roles(text)] == [HEADLINE, CAPTION, CAPTION, BODY]


def test_short_lines_without_a_full_stop_are_not_sentences():
    text = "The council met on Monday.\n\nKey decisions\n\nJane Hart\n\nIt voted to close the library."
    assert [r for r, _ in roles(text)] == [BODY, SHORT, SHORT, BODY]


def test_a_long_line_without_a_full_stop_is_still_prose():
    line = " ".join(["the council met and talked about the budget"] * 6)
    assert split_blocks(f"Lede.\n\n{line}")[1].role == BODY


def test_offsets_point_into_the_text():
    text = "Headline here\n\nThe council met on Monday."
    block = split_blocks(text)[1]
    assert text[block.start:block.end] == block.text == "The council met on Monday."


@pytest.mark.parametrize("dateline", ["LONDON (Reuters) - ", "BIRMINGHAM, England (AP) — ", "CARDIFF – "])
def test_a_wire_dateline_is_cut_from_the_paragraph(dateline):
    text = f"{dateline}Marlow Council approved a new bridge on Tuesday."
    [block] = split_blocks(text)
    assert (block.role, block.text) == (BODY, "Marlow Council approved a new bridge on Tuesday.")
    assert text[block.start:block.end] == block.text


def test_lower_casing_reads_characters_as_a_case_insensitive_match_does():
    every = "".join(chr(i) for i in range(0x110000)
                    if not 0xD800 <= i < 0xE000 and chr(i) not in FOLDS_TO_ASCII)
    lowered = every.lower()
    assert len(lowered) == len(every)  # one character for one: offsets are kept

    def where(pattern: str, text: str, flags: int = 0) -> list[int]:
        return [m.start() for m in re.finditer(pattern, text, flags)]

    assert where(r"\w", lowered) == where(r"\w", every)
    assert where(r"\s", lowered) == where(r"\s", every)
    for char in string.ascii_lowercase + string.digits:
        assert where(char, lowered) == where(char, every, re.IGNORECASE)


@pytest.mark.parametrize("line", [
    "SIGN UP to our newsletter", "Call the Helpline", "Read the ſubscribe page", "İf you are struggling",
    "ıf you are struggling", "The helpline\u0131s open", "Support for KIDS", "No phrase here, İstanbul",
])
def test_furniture_search_finds_what_a_case_insensitive_search_finds(line):
    assert boilerplate._furniture(line) == (boilerplate._patterns()["furniture"].caseless.search(line) is not None)


@pytest.mark.parametrize("line", ["  The line", "\u2003\u0130stanbul", "\u03a3\u03a3 sigma", "\u212a", "x"])
def test_first_letter_is_what_the_normalised_line_starts_with(line):
    assert boilerplate._norm(line)[:1] == boilerplate._first_letter(line)
