"""Which way a date points: the tense of the clause around it.

An underspecified date ("in January", "on Friday") resolves to the nearest one
before the publication date in a past-tense clause and to the next one after
it when the clause looks ahead ("will", "would", "is due to", "plans to").
The governing word is the nearest tense cue before the date in its clause;
a date that opens its clause ("In January, Ofsted said ...") takes the first
cue after it. A participle defers to its auxiliary ("is listed", "will be
published"), and a "to" clause after a verb of intent looks ahead ("promised
to raise pay from September"). Windows are bounded, so the cost per date is
constant. Cue words live in ``timeline/rules/dates.yaml`` under ``tense``.
"""
from __future__ import annotations

import re

from timeline.rules_data import rules

PAST, FUTURE, PRESENT = "past", "future", "present"

_WINDOW = 160  # characters looked at on either side of a date
# Clause ends; a quote mark only where speech starts or stops ('said: “', '.”'), not around
# a term inside a clause ('was rated “good” in the autumn').
# Each boundary starts at one of a few characters, checked again from behind: a pattern that
# starts with a character class lets the search skip ahead in C.
_BOUNDARY = re.compile(r"[;:!?…\n.“”\"](?:(?<=[;:!?…\n])|(?<=\.)\s|(?<=[:,]\s[“\"])|(?<=[.,!?][”\"]))")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

_WORDS = rules("dates")["tense"]
_CUES = {
    **{w: PAST for w in _WORDS["past"]},
    **{w: PRESENT for w in _WORDS["present"]},
    **{w: FUTURE for w in _WORDS["future"]},
}
_LONGEST_CUE = max(len(cue.split()) for cue in _CUES)
_PHRASE_STARTS = frozenset(cue.split()[0] for cue in _CUES if " " in cue)
_CUE_STARTS = frozenset(_CUES) | _PHRASE_STARTS  # the words a cue can start with, besides -ed words
_NOT_PAST = frozenset(_WORDS["not_past"])
_CONTRACTIONS = {"ll": FUTURE, "d": FUTURE, "ve": PAST}
_AUXILIARIES = frozenset(_WORDS["auxiliaries"])
_FORWARD = frozenset(_WORDS["forward"])
_PERFECT = frozenset({"have", "has", "had"})
_LINKS = frozenset({"in", "on", "at", "by", "from", "since", "until", "during", "of", "the", "early", "late", "mid", "last"})
_MODALS = frozenset({"will", "would", "shall", "should", "could", "can", "may", "might", "must", "to", "'ll", "’ll"})
_NEGATIONS = frozenset({"not", "never"})
_NEGATION = re.compile(r"n['’]t$")  # "wasn't" -> "was"


def tense_at(sentence: str, offset: int) -> str:
    """ "past", "future" or "present": the tense governing a date at ``offset``."""
    start = max(0, offset - _WINDOW)
    for boundary in _BOUNDARY.finditer(sentence, start, offset):
        start = boundary.end()
    words = _WORD.findall(sentence, start, offset)
    lower = [w.lower() for w in words]
    infinitive = False  # a "to" clause between the date and its verb
    for i in range(len(words) - 1, -1, -1):
        tense = _cue(words, lower, i)
        if tense == PAST and lower[i] not in _CUES and _adjective(lower, i) and _future_before(words, lower, i):
            continue  # "will publish updated figures in July": an -ed adjective, not the verb
        if tense:
            perfect = lower[i] in _PERFECT and i + 1 < len(lower) and lower[i + 1] in _FORWARD
            promised = lower[i] in _FORWARD or perfect
            return FUTURE if infinitive and promised else tense  # "have agreed to meet in May"
        infinitive = infinitive or lower[i] == "to"
    end = min(len(sentence), offset + _WINDOW)
    boundary = _BOUNDARY.search(sentence, offset, end)
    words = _WORD.findall(sentence, offset, boundary.start() if boundary else end)
    lower = [w.lower() for w in words]
    for i in range(len(words)):
        tense = _cue(words, lower, i)
        if tense:
            return tense
    return PRESENT


def _cue(words: list[str], lower: list[str], i: int) -> str | None:
    """The tense the phrase starting at word ``i`` marks, if any (longest phrase first)."""
    word = lower[i]
    # A cheap check first: most words are no cue, no -ed form and no contraction.
    if word not in _CUE_STARTS and not word.endswith("ed") and "'" not in word and "’" not in word:
        return None
    if word == "may" and words[i] != "may":  # the month, not the modal
        return None
    if word in _PHRASE_STARTS:
        for n in range(min(_LONGEST_CUE, len(words) - i), 1, -1):
            tense = _CUES.get(" ".join(lower[i:i + n]))
            if tense:
                return tense
    # A capitalised -ed word is a name ("Ofsted", "Alfred"), not a verb.
    tense = _CUES.get(word) or (PAST if words[i][:1].islower() and _past_form(word) else None)
    if tense is None and ("'" in word or "’" in word):
        tense = _CONTRACTIONS.get(re.split("['’]", word)[-1])
    if tense == PAST and _after_auxiliary(lower, i):
        return None
    if tense == PRESENT and i and lower[i - 1] in _MODALS:
        return None  # "will begin", "to start": the modal or "to" before it tells the tense
    return tense


def _adjective(lower: list[str], i: int) -> bool:
    """True when a noun-like word stands between the -ed word and the date ("updated figures in July"),
    not when the -ed word governs the date itself ("grades scrapped in September")."""
    return any(w not in _LINKS for w in lower[i + 1:])


def _future_before(words: list[str], lower: list[str], i: int) -> bool:
    """True when a future cue comes earlier in the clause than word ``i``."""
    return any(_cue(words, lower, j) == FUTURE for j in range(i))


def passive_before(sentence: str, offset: int) -> bool:
    """True when an auxiliary and a past form end the text before ``offset`` ("was not finished")."""
    words = [_NEGATION.sub("", w.lower()) for w in _WORD.findall(sentence, max(0, offset - 60), offset)]
    if not words or not _past_form(words.pop()):
        return False
    while words and (words[-1] in _NEGATIONS or words[-1].endswith("ly")):
        words.pop()
    return bool(words) and words[-1] in _AUXILIARIES


def _past_form(lower: str) -> bool:
    return _CUES.get(lower) == PAST or lower.endswith("ed") and len(lower) > 3 and lower not in _NOT_PAST


def _after_auxiliary(lower: list[str], i: int) -> bool:
    """True for a participle whose auxiliary tells the tense ("is listed", "will be currently reviewed")."""
    before = lower[max(0, i - 2):i]
    if before and before[-1].endswith("ly"):
        before.pop()
    return bool(before) and before[-1] in _AUXILIARIES
