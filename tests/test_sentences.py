"""Sentences with their offsets, surviving abbreviations and initials."""
from timeline.sentences import LONG_SENTENCE, citation, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_sentence_ends():
    assert texts("The vote passed. Work starts soon! Will it end? Nobody knows.") == [
        "The vote passed.", "Work starts soon!", "Will it end?", "Nobody knows."]


def test_abbreviations_and_initials_do_not_end_sentences():
    assert texts("Mrs. Hart met Dr. Khan at St. Luke's. J. R. Ellis joined No. 10 staff.") == [
        "Mrs. Hart met Dr. Khan at St. Luke's.", "J. R. Ellis joined No. 10 staff."]


def test_quotes_close_a_sentence():
    assert texts("She said: “We will appeal. The ruling is wrong.” The council declined to comment.") == [
        "She said: “We will appeal.", "The ruling is wrong.”", "The council declined to comment."]


def test_a_lower_case_word_after_a_full_stop_continues_the_sentence():
    assert texts("The plan cost approx. three million pounds.") == ["The plan cost approx. three million pounds."]


def test_offsets_are_shifted():
    text = "First one. Second one."
    second = split_sentences(text, offset=100)[1]
    assert (second.start, second.end) == (111, 122)


def test_citation_of_a_run_on_sentence_is_a_window_of_words():
    text = "word " * 400 + "on 5 May " + "word " * 400
    start, end = citation(text, 0, len(text), 2000, 2008)
    assert end - start <= LONG_SENTENCE
    assert "on 5 May" in text[start:end]
    assert text[start:end].split()[0] == "word"


def test_citation_of_a_normal_sentence_is_the_sentence():
    assert citation("A short sentence.", 0, 17, 2, 7) == (0, 17)


def test_ordinary_words_are_not_abbreviations():
    assert texts("The answer was no. Then the vote began. She sat. Then she spoke.") == [
        "The answer was no.", "Then the vote began.", "She sat.", "Then she spoke."]
