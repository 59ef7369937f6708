"""Per-document extraction: a pure function from a document to its entries.

Body blocks are split into sentences; every time expression gives an event
dated by ``timeline.dates``; the lede without one is the news of the day
(dated to publication); every attributed statement in quote marks gives a
quote entry dated when it was said.
"""
from __future__ import annotations

import re
from dataclasses import replace

from timeline.actors import ORGANISATION, PERSON, Cast
from timeline.boilerplate import BODY, split_blocks
from timeline.dates import DateMention, find_dates
from timeline.model import EVENT, QUOTE, Document, Entry, SourceRef
from timeline.periods import format_date
from timeline.quotes import Attributor, Quote
from timeline.registry import ActorRegistry
from timeline.sentences import Sentence, citation, split_sentences


def extract_document(document: Document, registry: ActorRegistry | None = None) -> list[Entry]:
    """Every dated claim and attributed quotation in the document, in text order."""
    text = document.text
    cast = Cast(text, registry)
    attributor = Attributor(text, cast)
    entries: list[Entry] = []
    years: list[int] = []  # years the text has named so far, for "in December of that year"
    lede_seen = False
    for block in split_blocks(text):
        if block.role != BODY:
            continue
        sentences = split_sentences(block.text, block.start)
        if not sentences:
            continue
        quotes = attributor.block(block.start, block.end, sentences)
        for i, sentence in enumerate(sentences):
            is_lede = not lede_seen and i == 0
            entries.extend(_events(document, sentence, cast, attributor, is_lede, years))
        lede_seen = True
        entries.extend(_quote_entry(document, q, cast) for q in quotes if q.speakers and q.statement)
    return entries


def _events(document: Document, sentence: Sentence, cast: Cast, attributor: Attributor, is_lede: bool,
            years: list[int]) -> list[Entry]:
    published = document.source.published
    mentions = _anchored(sentence.text, find_dates(sentence.text, published), years)
    if not mentions and not is_lede:
        return []
    years.extend(int(m.value[:4]) for m in mentions if m.value)
    actors = cast.involved(sentence.start, sentence.end, attributor.subjects)

    def event(focus: int, end: int, date: str | None, precision: str | None, qualifier: str | None,
              rule: str) -> Entry:
        a, b = citation(cast.text, sentence.start, sentence.end, focus, end)
        cited = cast.text[a:b]
        return Entry(kind=EVENT, text=cited, date=date, precision=precision, qualifier=qualifier, actors=actors,
                     sources=[SourceRef(document.source.id, cited)], position=focus, rule=rule)

    out: list[Entry] = []
    seen: set[str | None] = set()
    for mention in mentions:
        if mention.value not in seen:
            seen.add(mention.value)
            out.append(event(sentence.start + mention.start, sentence.start + mention.end, mention.value,
                             mention.precision, mention.qualifier, "date-optional" if mention.optional else "date"))
    if not mentions and is_lede:
        day = format_date(published, "day") if published else None
        out.append(event(sentence.start, sentence.start, day, "day" if published else None, None, "lede"))
    return out


_COUNT = re.compile(r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:day|week|fortnight|month|year)s?",
                    re.I)
_FROM_ANOTHER_EVENT = re.compile(r"\s*(?:to the day\s+)?(?:after|before|since|later|earlier|on from)\b", re.I)
_DURATION_BEFORE = re.compile(r"\b(?:for|over|lasting|spent|taken|had|gave)\s+"
                              r"(?:(?:more|less|fewer)\s+than\s+|almost\s+|nearly\s+|about\s+|around\s+|up\s+to\s+|just\s+|only\s+)?$",
                              re.I)
_WEEKDAY = re.compile(r"[A-Z][a-z]+day\b")
_INDEFINITE_DAY = re.compile(r"\b(?:a|an|any|every|each|one)\s+(?:[a-z]+\s+)?$", re.I)  # "on a wet Tuesday"
_SEASON_OF = re.compile(r"\s+(?:holidays?|break|recess|period|weekend|term|season)\b", re.I)
_THAT_YEAR = re.compile(r"\s*(?:of|in)\s+that\s+(?:same\s+)?year\b", re.I)


def _anchored(sentence: str, mentions: list[DateMention], years: list[int]) -> list[DateMention]:
    """Mentions dated by what the text says around them, not by the publication date alone.

    A count of days or years counted from another event ("two years after her
    death") or lasting a while ("for more than a year") is not a date of its own,
    nor is any day of a kind ("on a wet Tuesday"); a holiday season ("the Easter
    holidays") is its month, not the day; "in December of that year" takes the
    year the text last named.
    """
    out = []
    for m in mentions:
        if _COUNT.fullmatch(m.text) and (_FROM_ANOTHER_EVENT.match(sentence, m.end)
                                         or _DURATION_BEFORE.search(sentence, max(0, m.start - 40), m.start)):
            continue
        if _WEEKDAY.match(m.text) and _INDEFINITE_DAY.search(sentence, max(0, m.start - 20), m.start):
            continue
        if m.value and m.precision == "day" and _SEASON_OF.match(sentence, m.end):
            m = replace(m, value=m.value[:7], precision="month")  # "the Easter holidays": around, not on, the day
        if m.value and m.precision in ("month", "day") and _THAT_YEAR.match(sentence, m.end):
            if not years:
                continue
            m = replace(m, value=f"{years[-1]:04d}{m.value[4:]}", relative=False)
        out.append(m)
    return out


def _joined(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def _quote_entry(document: Document, quote: Quote, cast: Cast) -> Entry:
    published = document.source.published
    date, precision, qualifier = (format_date(published, "day"), "day", None) if published else (None, None, None)
    if published:
        found = [m for start, end in quote.when for m in find_dates(cast.text[start:end], published)
                 if m.value and not m.optional]
        if found:
            date, precision, qualifier = found[0].value, found[0].precision, found[0].qualifier
    speaker = _joined(quote.speakers)
    actors = list(quote.speakers)
    for name in quote.speakers:
        org = cast.affiliation_of(name) if cast.kind_of(name) == PERSON else None
        if org:
            actors.append(org)
    if quote.attribution:  # "Jo Lee, chief nurse at the trust, said": who the attribution ties in
        actors += [n for n in cast.involved(*quote.attribution, []) if cast.kind_of(n) == ORGANISATION]
    a, b = citation(cast.text, quote.sentence_start, quote.sentence_end, quote.span.start - 1, quote.span.end + 1)
    sentence = cast.text[a:b]
    return Entry(
        kind=QUOTE, text=quote.text, date=date, precision=precision, qualifier=qualifier,
        speaker=speaker, actors=list(dict.fromkeys(actors)),
        sources=[SourceRef(document.source.id, sentence)], position=quote.span.start, rule="quote",
    )


