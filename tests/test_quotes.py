"""Quotations and their speakers, in every position the attribution can take."""
import re
import string
from datetime import date

import pytest

from extraction_support import extract, quotes
from timeline.actors import Cast
from timeline.quotes import (_BY, _CASELESS_LETTERS, _WORDS, Attributor, _last_letters, _may_contain,
                             _vocabulary, find_spans, is_statement)
from timeline.rules_data import FOLDS_TO_ASCII, rules

LEDE = "Marlow Council has approved a new bridge.\n\n"


def test_quote_marks_and_apostrophes():
    text = "She said: ‘The council’s plan isn’t finished’ and left. He said \"It is done\"."
    assert [text[s.start:s.end] for s in find_spans(text, 0, len(text))] == [
        "The council’s plan isn’t finished", "It is done"]


def test_an_unclosed_quote_runs_to_the_end_of_the_paragraph():
    text = "He said: “We will fight this all the way."
    [span] = find_spans(text, 0, len(text))
    assert (text[span.start:span.end], span.closed) == ("We will fight this all the way.", False)


@pytest.mark.parametrize("paragraph, speaker", [
    ("Jane Hart, leader of Marlow Council, said: “The bridge will transform the town centre.”", "Jane Hart"),
    ("“The bridge will transform the town centre,” said Jane Hart.", "Jane Hart"),
    ("“The bridge will transform the town centre,” Ms Hart added.", "Jane Hart"),
    ("Council leader Jane Hart said the bridge would “transform the town centre for good and for everyone”.",
     "Jane Hart"),
    ("A Marlow Council spokesperson said: “The bridge will transform the town centre.”", "Marlow Council"),
    ("The bridge will “transform the town centre for good and for everyone”, according to Marlow Council.",
     "Marlow Council"),
])
def test_attribution_positions(paragraph, speaker):
    text = LEDE + "Council leader Jane Hart opened the meeting.\n\n" + paragraph
    assert quotes(extract(text))[0][0] == speaker


def test_pronouns_resolve_to_the_last_person_of_that_gender_in_subject_position():
    text = (LEDE + "Mr Tom Reed, a local builder, objected to the plan.\n\n"
            "Council leader Jane Hart defended it, adding that she had met Mr Reed twice.\n\n"
            "“We listened to every objection and changed the design,” she said.")
    assert quotes(extract(text)) == [("Jane Hart", "We listened to every objection and changed the design")]


def test_a_quotation_over_several_paragraphs_keeps_its_speaker():
    text = (LEDE + "Jane Hart, leader of the council, said: “We listened to every objection.\n\n"
            "“We changed the design twice and cut the cost by a third.\n\n"
            "“Now it is time to build.”")
    assert [s for s, _ in quotes(extract(text))] == ["Jane Hart", "Jane Hart", "Jane Hart"]


def test_the_statement_went_on_keeps_the_joint_speakers():
    text = (LEDE + "The statement from Jane Hart of Marlow Council and Tom Reed of the Builders Guild said: "
            "“We have agreed a plan that works for the whole town.”\n\n"
            "The statement went on: “Work will begin once the funding is confirmed.”")
    assert [s for s, _ in quotes(extract(text))] == ["Jane Hart and Tom Reed"] * 2


def test_a_split_quotation_is_two_statements_of_one_speaker():
    text = LEDE + "Council leader Jane Hart spoke first.\n\n“We are ready,” she said. “The money is there.”"
    assert quotes(extract(text)) == [("Jane Hart", "We are ready"), ("Jane Hart", "The money is there.")]


def test_a_role_resolves_to_the_person_named_in_it():
    text = (LEDE + "Senior coroner Alan Price opened the hearing.\n\n"
            "The coroner said: “I will need to hear from the council before reaching any conclusion.”")
    assert quotes(extract(text))[0][0] == "Alan Price"


def test_scare_quotes_and_short_fragments_are_not_quotes():
    text = LEDE + "The school was rated ‘inadequate’ and then ‘good’ by the inspectors, Jane Hart said."
    assert quotes(extract(text)) == []


@pytest.mark.parametrize("words, expected", [
    ("We will appeal this decision in the courts", True),
    ("It is over.", True),
    ("We are ready,", True),
    ("inadequate", False),
    ("a catalyst for change", False),
])
def test_statements_versus_fragments(words, expected):
    assert is_statement(words) is expected


def test_a_quote_is_dated_by_its_attribution_not_by_the_speakers_background():
    text = (LEDE + "Speaking to the BBC yesterday, Jane Hart said: “The town has waited long enough for this.”\n\n"
            "Tom Reed, 61, who ran the campaign from 2016 to 2022, said: “I never thought I would see it.”")
    dated = [(e.speaker, e.date) for e in extract(text) if e.kind == "quote"]
    assert dated == [("Jane Hart", "2024-03-14"), ("Tom Reed", "2024-03-15")]


def test_a_quote_without_a_publication_date_is_undated():
    text = LEDE + "Jane Hart said: “The town has waited long enough for this bridge.”"
    [quote] = [e for e in extract(text, published=None) if e.kind == "quote"]
    assert (quote.date, quote.precision) == (None, None)


def test_a_speakers_organisation_joins_the_actors_of_their_quote():
    text = LEDE + "Tom Reed, general secretary of the Builders Guild, said: “Our members will start work in May.”"
    [quote] = [e for e in extract(text) if e.kind == "quote"]
    assert quote.actors == ["Tom Reed", "Builders Guild"]


def test_the_quote_cites_its_sentence():
    text = LEDE + "Tom Reed said: “Our members will start work in May.” He left soon after."
    [quote] = [e for e in extract(text) if e.kind == "quote"]
    assert quote.sources[0].sentence == "Tom Reed said: “Our members will start work in May.”"
    assert date(2024, 3, 15).isoformat() == quote.date


def test_an_unnamed_person_is_the_speaker_as_the_text_describes_them():
    text = LEDE + "Parents gathered at the gates.\n\nOne father, whose son is in year 4, said: “Nobody asked us what we wanted for the town.”"
    assert quotes(extract(text))[0][0] == "One father"


def test_a_speaker_introduced_earlier_in_the_paragraph():
    text = (LEDE + "Council leader Jane Hart spoke first.\n\n"
            "A Marlow Council spokeswoman said the plan would be reviewed. “We will listen to every resident before we decide.”")
    assert quotes(extract(text))[0][0] == "Marlow Council"


def test_in_a_statement_is_how_someone_spoke_not_who():
    text = (LEDE + "Jane Hart, the council leader, described the vote as “historic”.\n\n"
            "In a statement, she said: “This bridge has been promised to the town for twenty years.”")
    assert quotes(extract(text)) == [("Jane Hart", "This bridge has been promised to the town for twenty years.")]


def test_a_quotation_described_by_the_narrative_is_not_given_to_the_last_speaker():
    text = (LEDE + "Tom Reed said: “We were promised this bridge would protect us from floods.”\n\n"
            "“Build it now.” Those words, painted on a banner by the river, summed up the mood in the town.")
    assert [s for s, _ in quotes(extract(text))] == ["Tom Reed"]


def test_a_written_source_speaks_for_its_author_or_itself():
    text = (LEDE + "In a letter to residents, council leader Jane Hart said the bridge would open in May.\n\n"
            "The letter added: “We know the works have been difficult for everyone in the town.”\n\n"
            "The planning report, published in March, said: “The crossing meets every safety standard required.”")
    assert [s for s, _ in quotes(extract(text))] == ["Jane Hart", "planning report"]


def test_an_introduction_holds_over_its_bullet_list():
    text = (LEDE + "Council leader Jane Hart said the plan would:\n\n"
            "• give cyclists “a safe route across the river for the first time”,\n\n"
            "• open the old towpath again.")
    assert quotes(extract(text)) == [("Jane Hart", "a safe route across the river for the first time")]


def test_the_organisation_before_a_relative_clause_is_the_subject():
    text = (LEDE + "Marlow Rowing Club, which rents its boathouse from Marlow Council, said it was “delighted with "
            "the decision and the new moorings”.")
    assert quotes(extract(text))[0][0] == "Marlow Rowing Club"


def test_an_unnamed_spokesperson_speaks_for_the_organisation_last_named():
    text = (LEDE + "Marlow Council said the bridge would open in May.\n\n"
            "A spokesperson added: “We thank residents for their patience during the works.”")
    assert quotes(extract(text))[0][0] == "Marlow Council"


def test_a_judge_named_by_role_and_then_a_pronoun():
    text = (LEDE + "Mr Justice Hale heard the challenge.\n\n"
            "In his ruling, handed down on Friday, the judge said the council had acted lawfully.\n\n"
            "“The consultation was thorough and fair to every resident,” he wrote.")
    assert quotes(extract(text))[0][0] == "Justice Hale"


def test_they_are_the_people_last_quoted_together():
    text = (LEDE + "Jane Hart and Tom Reed said the bridge was “long overdue”.\n\n"
            "“We have waited twenty years for this crossing,” they said.")
    assert quotes(extract(text))[0][0] == "Jane Hart and Tom Reed"


def test_a_person_the_text_never_names_can_be_a_pronouns_subject():
    text = (LEDE + "Council leader Jane Hart welcomed the vote.\n\n"
            "One local shopkeeper, who asked not to be named, said he had lost trade for months.\n\n"
            "“I nearly closed the shop for good last winter,” he said.")
    assert quotes(extract(text))[0][0] == "One local shopkeeper"


def test_the_cheap_word_check_misses_no_case_insensitive_match():
    assert _may_contain("In a LETTER to heads", ("letter",))
    assert _may_contain("a ſtatement", ("statement",))  # long s: IGNORECASE matches it to "s", lower() does not
    assert not _may_contain("In a letter to heads", ("statement", "email"))
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in string.ascii_lowercase:
        for found in re.findall(letter, everything, re.I):
            assert found.lower() == letter or found in FOLDS_TO_ASCII, found


def test_speech_verbs_are_lower_case_ascii_words():
    data = rules("quotes")
    for phrase in data["speech_verbs"].split() + data["speech_phrases"]:
        assert re.fullmatch(r"[a-z]+(?: [a-z]+)*", phrase), phrase


@pytest.mark.parametrize("text", [
    "SAID the minister, who Went\ton", "She ſaid so", "İnsisted, she SAYS", "They ınsisted", "Kelvin said",
    "Unsaid, resaid: ACCORDING  TO her",
])
def test_speech_verbs_are_found_where_a_case_insensitive_search_finds_them(text):
    attributor = Attributor(text, Cast(text, None))
    found = [m.span() for m in attributor.verb_re.finditer(attributor.verb_text)]
    assert found == [m.span() for m in _vocabulary()["verb"].caseless.finditer(text)]


def test_the_last_letters_are_what_a_case_insensitive_search_finds_at_the_end():
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert sorted(re.findall("[a-z]", everything, re.I)) == sorted(_CASELESS_LETTERS)
    for phrase in ["a union leader", "One ſiſter\n", "a KEY", "ends.", "two words\n\n", "", "Mother-of-three"]:
        found = re.search("[a-z]+$", phrase, re.I)
        assert _last_letters(phrase) == (found.group() if found else "")


@pytest.mark.parametrize("text", ["by the council", "Nearby  shops", "_by x", "1by 2", "stand-by  me", "by", "x by\n"])
def test_by_is_found_where_a_word_boundary_pattern_finds_it(text):
    boundary = re.compile(r"\bby\s+")
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected, found = boundary.search(text, start, end), _BY.search(text, start, end)
            assert (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("words", ["one two three four five six", "one two three four five", "don’t won't can't a b c",
                                   "__a__ b c d e f", "a-b-c", "’’’ a b c d e ’f"])
def test_enough_words_are_the_words_counted_one_by_one(words):
    enough = _vocabulary()["enough_words"].match(words) is not None
    assert enough == (len(_WORDS.findall(words)) >= int(rules("quotes")["min_statement_words"]))
