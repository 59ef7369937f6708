"""Quotations in body text and who said them.

Quote marks are read by context: curly marks say which way they face; straight
marks open after a space or bracket and close before one; a single mark between
two letters is an apostrophe. A quotation left open at the end of a paragraph
runs on into the next paragraph that opens with a quote mark.

The speaker comes from an attribution around the quotation ("..., said X",
"X said: ...", "according to X"), else from context: the paragraph before
ending in a colon, a continuing quotation, or the sentence's subject.
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
import string
from dataclasses import dataclass

from timeline.actors import ORGANISATION, PERSON, SUBJECT_PRONOUN, Cast, gender_of_pronoun, role_of
from timeline.rules_data import FOLDS_TO_ASCII, LoweredSearch, lower_case_safe, phrase_pattern, rules, trie
from timeline.sentences import Sentence

_DOUBLE = "\"“”„‟«»"
_SINGLE = "'‘’‚‛"
_MARK = re.compile(f"[{re.escape(_DOUBLE + _SINGLE)}]")
_OPENING_CONTEXT = set(" \t\n([{—–-/:")
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TRAILING_APPOSITIVE = re.compile(r",[^,]{1,120},\s*$")
_ANY_PRONOUN = re.compile(r"\b(she|he|her|his)\b", re.I)
# A plural group as the subject right before the verb: "Inspectors said", "Campaigners have warned".
_PUNCTUATION_RUN = re.compile(r"[\s,.;:!?'’\"”–—-]*")
_CLAUSE_END = re.compile(r"[,;:.“”\"]|\b(?:that|adding|who|which|as|after|before|while|when)\b")
# "\bby\s+" written to start with its letters, so a search skips ahead to them in C; the
# look-behind is the word boundary ("by" not right after a word character).
_BY = re.compile(r"by(?<!\wby)\s+")
# "A Southvale Water spokesman": the capitalised name before the spokesperson noun.
_SPOKESPERSON_OF = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+((?:[A-Z][\w'’&.-]*\s+){1,5}?)(?:spokes\w+|representative)\b")
_SPOKESPERSON_FOR = re.compile(r"\b(?:[a-z]+\s+)?([a-z]+)\s+(?:spokes\w+|representative)\b|\b(?:spokes\w+|representative)\s+(?:for|from|at)\s+(?:the|a)\s+(?:[a-z]+\s+)?([a-z]+)\b")
_BREAK = re.compile(r"[,.;:“”\"]")
_ROLE_AT_END = re.compile(r"\bthe\s+(?:[A-Za-z’'-]+\s+){0,2}?([A-Za-z]+)(?:\s+of\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?\s*$",
                          re.I)
_ROLE_ANYWHERE = re.compile(r"\bthe\s+(?:[A-Za-z’'-]+\s+){0,2}?([A-Za-z]+)\b", re.I)
_AND = re.compile(r"\band\b|&")
# "One mother", "a former colleague", "a union leader" right before the verb.
_UNNAMED_PERSON = re.compile(r"(?:^|[,;]\s*|\b(?:as|while|and|but)\s+)((?:one|a|an|another)\s+(?:[a-z'’-]+\s+){0,2}?([a-z]+))$",
                             re.I)
_MEDIUM_NOUNS = ("statement", "letter", "email", "post")
_MEDIUM = re.compile(r"\b(?:in|on|via|through)\s+(?:a|an|the|her|his|its|their)\s+(?:\w+\s+)?("
                     + "|".join(_MEDIUM_NOUNS) + r")\b", re.I)
# What [a-z] matches case-insensitively: ASCII letters, FOLDS_TO_ASCII and the Kelvin sign.
_CASELESS_LETTERS = string.ascii_letters + FOLDS_TO_ASCII + "\u212a"
_OPENING_UNNAMED = re.compile(r"(?:One|A|An|Another)((?:\s+[a-z'’-]+){1,3})\b")
_OPENING_ROLE = re.compile(r"(?:[A-Z][\w ,]{0,60},\s+)?[Tt]he\s+(?:[a-z-]+\s+)?([a-z]+)\s")  # "The judge said"
_BARE_SPOKESPERSON = re.compile(r"^\s*(?:an?|the)\s+(?:spokes\w+|representative)\s*$", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|on|by|with|via|through|under|after|from|to|for|of)\s*$", re.I)
_BULLET = re.compile(r"\s*[•·▪*–-]\s")
_SUBJECT_REACH = 60  # characters between an organisation and its speech verb
_SUBJECTS_KEPT = 200
_THEY = re.compile(r"^\s*they\b|\bthey\s*$", re.I)
_ATTRIBUTION_REACH = 400  # characters before a quotation searched for its attribution
_GROUP_SUBJECT = re.compile(r"(?:^|[,;]\s*)(?:the\s+)?([A-Za-z]+(?:\s+[a-z]+)?s)\s+(?:have\s+|had\s+)?$", re.I)


@dataclass(frozen=True)
class Span:
    """A quotation: the offsets of its words (marks excluded) and whether it was closed."""

    start: int
    end: int
    closed: bool


_START = operator.attrgetter("start")


@dataclass
class Quote:
    """A quotation with its speakers, source sentence and attribution clause."""

    span: Span
    text: str
    speakers: list[str]
    sentence_start: int
    sentence_end: int
    when: tuple[tuple[int, int], ...]  # parts of the attribution that may say when it was said
    attribution: tuple[int, ...]  # (start, end) of the attribution, () when inferred from context
    statement: bool  # a whole statement, not a term, a scare quote or a short fragment


@functools.cache
def _vocabulary() -> dict:
    data = rules("quotes")
    nouns = data["document_nouns"]
    min_words = int(data["min_statement_words"])
    return {
        # Speech verbs are lower-case ASCII words (test_quotes checks), as LoweredSearch needs.
        "verb": LoweredSearch.of(phrase_pattern(data["speech_verbs"].split() + data["speech_phrases"])),
        "inverted": phrase_pattern(data["inverted_verbs"].split() + ["according to"]),
        "spokes": phrase_pattern(data["spokesperson_words"]),
        # their first words, for a cheap check before the pattern (they are ASCII words)
        "spokes_words": tuple({phrase.split()[0].lower() for phrase in data["spokesperson_words"]}),
        # min_words words from the start, each as _WORDS reads it (atomic: a word is never split in two)
        "enough_words": re.compile(rf"(?>[\W_]*{_WORDS.pattern}){{{min_words}}}"),
        "document": re.compile(r"(?:^(?!(?:in|on|by|with|via|through|under|after|from|to|for|of)\b)"
                               r"|\b(?:the|a|an|its|their|his|her|this|that)\s+)((?:[\w’'-]+\s+){0,3}?(?:"
                               + "|".join(nouns) + r"))$", re.I),
        # Document nouns are plain words: one ends a phrase within its length (and a newline) of the end.
        "document_end": re.compile("(?:" + trie(nouns) + r")$", re.I),
        "document_reach": max(map(len, nouns)) + 1,
    }


def find_spans(text: str, start: int, end: int) -> list[Span]:
    """Quotations within text[start:end] (one paragraph), outermost double quotes first."""
    marks = [m.start() for m in _MARK.finditer(text, start, end)]  # one scan finds both kinds
    doubles = _scan(text, start, end, [i for i in marks if text[i] in _DOUBLE], "“„‟«")
    singles = [i for i in marks if text[i] in _SINGLE]
    if not doubles:  # most paragraphs: single quotes only, already in order
        return _scan(text, start, end, singles, "‘‛", single=True)
    spans = list(doubles)
    pos = start
    for double in doubles:  # single quotes only outside double-quoted passages
        opening = double.start - 1
        spans.extend(_scan(text, pos, opening, _between(singles, pos, opening), "‘‛", single=True))
        pos = double.end + 1
    spans.extend(_scan(text, pos, end, _between(singles, pos, end), "‘‛", single=True))
    return sorted(spans, key=_START)


def _between(offsets: list[int], start: int, end: int) -> list[int]:
    """The sorted offsets in [start, end)."""
    return offsets[bisect.bisect_left(offsets, start):bisect.bisect_left(offsets, end)]


def _scan(text: str, start: int, end: int, marks: list[int], openers: str, single: bool = False) -> list[Span]:
    """The quotations the marks at ``marks`` (offsets in order, all within [start, end)) open and close."""
    spans: list[Span] = []
    open_at: int | None = None
    for i in marks:
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if single and prev.isalnum() and nxt.isalpha():
            continue  # an apostrophe: don't, Ruth's
        if open_at is None:
            if (ch in openers or prev in _OPENING_CONTEXT or i == start) and not nxt.isspace():
                open_at = i
        elif ch not in openers and not prev.isspace():
            if not (single and nxt.isalpha()):
                spans.append(Span(open_at + 1, i, True))
                open_at = None
        elif ch in openers and prev in _OPENING_CONTEXT:
            open_at = i  # a stray opener: start again here
    if open_at is not None and (not single or open_at == start or text[start:open_at].rstrip().endswith(":")):
        spans.append(Span(open_at + 1, end, False))
    return spans


def is_statement(words: str) -> bool:
    """A whole sentence or a long enough passage; shorter fragments are terms or scare quotes.

    A capitalised passage cut by a comma ("We remain open to talks," he said) is a
    sentence interrupted by its attribution.
    """
    stripped = words.strip()
    # one match for enough words: a long quotation need not be read to its end, nor word by word
    if _vocabulary()["enough_words"].match(stripped):
        return True
    count = len(_WORDS.findall(stripped))  # fewer than the minimum
    return count >= 2 and stripped[:1].isupper() and stripped[-1:] in ".!?,"


class Attributor:
    """Finds who said each quotation of one document, reading paragraphs in order."""

    def __init__(self, text: str, cast: Cast):
        self.text = text
        self.cast = cast
        self.subjects: list[tuple[int, str]] = []  # (offset, person) in subject position, for pronouns
        self.last_speakers: list[str] = []
        self.last_block_end = -1
        self.last_quote_end = -1
        self.intro: tuple[int, int] | None = None  # a paragraph ending "X said:"
        self._previous: tuple[list[str], int, int] = ([], 0, 0)  # the paragraph before: its speakers, extent
        self.last_when: tuple[tuple[int, int], ...] = ()
        self.last_region: tuple[int, ...] = ()
        self.last_group: list[str] = []  # the last people quoted together, for "they said"
        self.media: dict[str, list[str]] = {}  # "letter" -> who spoke "in a letter"
        self.verb_text, self.verb_re = _vocabulary()["verb"].prepare(text)

    def note_subject(self, sentence: Sentence, spans: list[Span], span_starts: list[int]) -> None:
        """Remember the first person named outside quotes as the sentence's subject, or the
        person a sentence-opening role stands for ("The judge said ...")."""
        unnamed = _unnamed_subject(sentence.text)
        if unnamed:  # "One primary head in the North West told Tes that she ...": the person is the subject
            self.subjects.append((sentence.start, self.cast.unnamed_person(unnamed)))
            return
        role = _opening_role(sentence.text)
        if role:
            name = self.cast.by_role(role, sentence.start)
            if name and self.cast.kind_of(name) == PERSON:
                self.subjects.append((sentence.start, name))
                return
        for mention in self.cast.within(sentence.start, sentence.end):
            i = bisect.bisect_right(span_starts, mention.start) - 1
            if mention.possessive or (i >= 0 and mention.start < spans[i].end):
                continue
            if self.cast.kind_of(mention.name) == PERSON:
                self.subjects.append((mention.start, mention.name))
                return

    def block(self, start: int, end: int, sentences: list[Sentence]) -> list[Quote]:
        """Quotations of one body paragraph with their speakers."""
        spans = find_spans(self.text, start, end)
        starts = [s.start for s in sentences]
        span_starts = [s.start for s in spans]
        quotes: list[Quote] = []
        voiced: list[str] = []  # the speakers of the paragraph's last attributed quotation
        continuing = self.last_block_end >= 0 and self.last_quote_end >= self.last_block_end - 2
        noted = 0
        for span in spans:
            # Subjects of the sentences before this quotation count for its pronouns.
            while noted < len(sentences) and sentences[noted].end <= span.start:
                self.note_subject(sentences[noted], spans, span_starts)
                noted += 1
            s_open = _containing(sentences, starts, span.start - 1)
            s_close = _containing(sentences, starts, max(span.start, span.end - 1))
            speakers, when, region = self._attribute(span, s_open, s_close, start, quotes, continuing)
            raw = self.text[span.start:span.end]
            words = raw.strip().rstrip(",")
            quotes.append(Quote(span, words, speakers, s_open.start, s_close.end, when, region, is_statement(raw)))
            continuing = False
            if speakers:
                voiced = speakers
            if speakers and quotes[-1].statement:
                self.last_speakers = speakers
                self.last_when, self.last_region = when, region
            medium = _medium(self.text, *region) if region and speakers else None
            if medium:
                self.media[medium] = speakers
            for name in speakers:
                if self.cast.kind_of(name) == PERSON:
                    self.subjects.append((span.start, name))
            if len(speakers) > 1:
                self.last_group = speakers
        for sentence in sentences[noted:]:
            self.note_subject(sentence, spans, span_starts)
        # Pronouns look back a few sentences: keep a bounded, ordered window of subjects.
        self.subjects = sorted(self.subjects[-_SUBJECTS_KEPT:])
        self._previous = (voiced, start, end)
        medium = None if quotes else _medium(self.text, start, end)
        if medium:  # "In a letter to heads, she said ..." - the letter may be quoted later
            voice = self._reporter(start, end, people_only=False)
            if voice:
                self.media[medium] = voice
        self.last_block_end = end
        self.last_quote_end = spans[-1].end if spans else -1  # spans do not overlap: the last ends last
        if not spans and self.text[start:end].rstrip().endswith(":") \
                and self.verb_re.search(self.verb_text, start, end):
            self.intro = (sentences[-1].start if sentences else start, end)
        elif spans and not _BULLET.match(self.text, start):
            self.intro = None  # an introduction ("The letter said inspectors would:") holds over its bullet list
        return quotes

    def _attribute(self, span: Span, s_open: Sentence, s_close: Sentence, block_start: int,
                   earlier: list[Quote], continuing: bool) -> tuple[list[str], tuple, tuple]:
        """Speakers, the parts that may date the saying, and the attribution's extent."""
        verb_re, verb_text = self.verb_re, self.verb_text
        # After the quotation: "..., said X" / "..., X said" / "according to X".
        if span.closed and span.end + 1 < s_close.end:
            after_start = span.end + 1
            lead = _PUNCTUATION_RUN.match(self.text, after_start).end()
            verb = _vocabulary()["inverted"].match(self.text, lead)
            if verb:
                stop = _clause_end(self.text, verb.end(), s_close.end)
                found = self.resolve(verb.end(), stop, span.start)
                if found:
                    return found, ((verb.start(), stop),), (verb.start(), stop)
            verb = verb_re.search(verb_text, lead, min(s_close.end, lead + 90))
            if verb and not _BREAK.search(self.text, lead, verb.start()):
                found = self.resolve(lead, verb.start(), span.start)
                if found:
                    return found, ((lead, _clause_end(self.text, verb.end(), s_close.end)),), (lead, verb.end())
        # Before it, in the same sentence: "X said: ...", "X said the report was ...".
        opening = span.start - 1
        before_start = max(s_open.start, opening - _ATTRIBUTION_REACH)
        verbs = list(verb_re.finditer(verb_text, before_start, opening))
        for verb in reversed(verbs):
            if verb.group().lower().startswith("according"):
                stop = _clause_end(self.text, verb.end(), opening)
                found = self.resolve(verb.end(), stop, span.start) or _named_source(self.text[verb.end():stop])
            else:
                found = self.resolve(before_start, verb.start(), span.start, subject=True)
            if found:
                return found, self._when(before_start, verb, opening), (before_start, verb.end())
        # A continuing quotation keeps its speaker.
        if continuing and self._opens_paragraph(block_start, opening) and self.last_speakers \
                and not self._narrative_after(span):
            return self.last_speakers, self.last_when, self.last_region
        if earlier and earlier[-1].speakers:
            return earlier[-1].speakers, earlier[-1].when, earlier[-1].attribution
        bullet = _BULLET.match(self.text, block_start)
        if self.intro and (bullet or self._opens_paragraph(block_start, opening)):
            intro_start, intro_end = self.intro
            verbs = list(verb_re.finditer(verb_text, intro_start, intro_end))
            found = self.resolve(intro_start, verbs[-1].start(), span.start, subject=True) if verbs else []
            if not bullet:
                self.intro = None
            if found:
                return found, self._when(intro_start, verbs[-1], intro_end), (intro_start, verbs[-1].end())
        # "Claims by the chief inspector that ...", "Among her concerns were ...".
        by = _BY.search(self.text, before_start, opening)
        if by:
            found = self.resolve(by.end(), _clause_end(self.text, by.end(), opening), span.start)
            if found:
                return found, (), ()
        found = self.resolve(before_start, opening, span.start, subject=True, possessive_pronouns=True)
        if found:
            return found, (), ()
        reporter = self._reporter(block_start, opening, people_only=False)
        if reporter:  # "A spokesperson said the report would be read. “We welcome ...”"
            return reporter, (), ()
        previous = self._previous_voice()
        if previous and not self._narrative_after(span):
            return previous, self.last_when, self.last_region
        return [], (), ()

    def _previous_voice(self) -> list[str]:
        """Who spoke in the paragraph before: its last attributed speaker, else the subject of
        its speech verb (worked out only when a quotation needs it)."""
        speakers, start, end = self._previous
        return speakers or self._reporter(start, end)

    def _narrative_after(self, span: Span) -> bool:
        """True when the paragraph goes on after the quotation with a sentence of its own,
        so the quotation is described ("Those words, painted on a banner, ..."), not continued."""
        if not span.closed:
            return False
        rest_start = span.end + 1  # after the closing mark, a word boundary as at the start of a string
        rest = self.text[rest_start:rest_start + 200].split("\n", 1)[0]
        if len(_WORDS.findall(rest)) < 3:
            return False
        return not self.verb_re.search(self.verb_text, rest_start, rest_start + len(rest))

    def _when(self, start: int, verb: re.Match[str], stop: int) -> tuple[tuple[int, int], ...]:
        """The intro before the first comma ("Speaking yesterday, ...") and the verb's own
        phrase ("told the inquest last week") — not relative clauses about the speaker."""
        parts = [(verb.start(), _clause_end(self.text, verb.end(), stop))]
        comma = self.text.find(",", start, verb.start())
        if comma != -1:
            parts.append((start, comma))
        return tuple(parts)

    def _opens_paragraph(self, block_start: int, opening: int) -> bool:
        """True when the quote mark at ``opening`` is the first thing in its paragraph."""
        return opening - block_start < 8 and not self.text[block_start:opening].strip()

    def _reporter(self, start: int, end: int, people_only: bool = True) -> list[str]:
        """The subject of a speech verb in [start, end) ("Connor said today that ...")."""
        verb = self.verb_re.search(self.verb_text, start, end)
        if not verb:
            return []
        found = self.resolve(start, verb.start(), verb.start(), subject=True)
        return [n for n in found if self.cast.kind_of(n) == PERSON] if people_only else found

    def resolve(self, start: int, end: int, anchor: int, subject: bool = False,
                possessive_pronouns: bool = False) -> list[str]:
        """The speakers a phrase names: people, a pronoun, a role, a spokesperson's organisation."""
        if end <= start:
            return []
        phrase = self.text[start:end]
        mentions = [m for m in self.cast.within(start, end) if not m.possessive]
        stripped = phrase.rstrip()
        aside = _TRAILING_APPOSITIVE.search(stripped)  # ", who chairs the committee," before the verb
        trimmed = stripped[:aside.start()] if aside else stripped
        core = trimmed.rstrip(" ,")
        document = _document_at_end(core) if subject else None
        if document and not _PREPOSITION_BEFORE.search(core, 0, document.start()):  # not "In a ruling, X said"
            return self._document_voice(document, start, end, aside)
        # "In a statement, she said": the statement is how she spoke, not who.
        if _names_spokesperson(_without_medium(phrase)):
            orgs = [m.name for m in self.cast.within(start, end) if self.cast.kind_of(m.name) == ORGANISATION]
            if orgs:
                return orgs[:1]
            named = _SPOKESPERSON_OF.search(phrase)
            if named:
                return [self.cast.organisation(named.group(1))]
            role = _SPOKESPERSON_FOR.search(phrase)
            if role:
                name = self.cast.by_role(role.group(1) or role.group(2), anchor)
                if name:
                    return [name]
            elif _BARE_SPOKESPERSON.search(phrase):
                # "A spokesperson said": for the organisation the story is about, last named.
                name = self.cast.last_organisation(anchor)
                if name:
                    return [name]
        people = self._people(mentions, start, end, aside) if subject else [
            m.name for m in mentions if self.cast.kind_of(m.name) == PERSON][:1]
        if people:
            return people
        if self.last_group and _THEY.search(phrase):
            return self.last_group  # "..., they said": the people last quoted together
        pronoun = list((_ANY_PRONOUN if possessive_pronouns else SUBJECT_PRONOUN).finditer(phrase))
        if pronoun:
            name = self.cast.subject_before(anchor, gender_of_pronoun(pronoun[-1].group(1)), self.subjects)
            if name:
                return [name]
        core = trimmed.strip(" ,")
        # a cheap check first: the pattern's last word must be a role, and it can only be the
        # letters ending the phrase
        unnamed = _UNNAMED_PERSON.search(core) if subject and role_of(_last_letters(core)) else None
        if unnamed:
            words = unnamed.group(1)
            return [words[:1].upper() + words[1:]]  # "One mother", "a union leader": named nowhere
        at_end = role = None
        if _may_contain(phrase, ("the",)):  # a cheap check first: both role patterns start with "the"
            at_end = _ROLE_AT_END.search(core)
            role = at_end or _ROLE_ANYWHERE.search(phrase)
        if role:
            name = self.cast.by_role(role_of(role.group(1)) or role.group(1).lower(), anchor)
            if name:
                return [name]
            source = _named_source(at_end.group(0)) if subject and at_end and role_of(role.group(1)) else []
            if source:
                return [source[0][:1].upper() + source[0][1:]]  # "the prison governor", named nowhere
        # An organisation as the subject: close to the verb (an apposition or relative clause
        # between them aside), not in an earlier clause.
        verb_at = start + aside.start() if aside else end
        orgs = [m.name for m in mentions
                if self.cast.kind_of(m.name) == ORGANISATION and m.end <= verb_at and verb_at - m.end < _SUBJECT_REACH]
        if orgs:
            return orgs[-1:]
        group = _GROUP_SUBJECT.search(phrase) if subject else None
        return [group.group(1)[:1].upper() + group.group(1)[1:]] if group else []

    def _document_voice(self, document: re.Match[str], start: int, end: int,
                        aside: re.Match[str] | None) -> list[str]:
        """Who a written source speaks for: the people or organisation it is from ("The statement
        from X and Y", "Ofsted's annual report"), the last speakers for "the statement went on",
        else the document itself ("the letter", seen by whoever)."""
        named = self.cast.within(start + document.start(), start + document.end())
        people = self._people([m for m in named if not m.possessive], start, end, aside)
        if people:
            return people
        orgs = [m.name for m in named if self.cast.kind_of(m.name) == ORGANISATION]
        if orgs:
            return orgs[:1]
        noun = document.group(1)
        head = noun.lower().split()[-1]
        if head in self.media:  # "In a letter to heads, she said ... The letter added: ..."
            return self.media[head]
        if head == "statement" and self.last_speakers:
            return self.last_speakers
        noun = " ".join(_named_source(noun)) or noun
        return [noun[:1].lower() + noun[1:]]

    def _people(self, mentions, start: int, end: int, apposition: re.Match[str] | None) -> list[str]:
        """The subject among the people named before a verb; several when joined by "and".
        ``apposition`` is the trailing apposition of the phrase from ``start``, if it has one."""
        people = [m for m in mentions if self.cast.kind_of(m.name) == PERSON]
        if not people:
            return []
        cut = start + apposition.start() if apposition else end
        main = [m for m in people if m.end <= cut] or [m for m in people if m.start >= cut]
        if not main:
            return []
        if len(main) > 1:
            joined = [main[0]]
            for prev, cur in zip(main, main[1:]):
                gap = self.text[prev.end:cur.start]
                if len(gap) < 40 and (_AND.search(gap) or "," in gap):
                    joined.append(cur)
            if len(joined) > 1 and _AND.search(self.text, joined[-2].end, joined[-1].start):
                return list(dict.fromkeys(m.name for m in joined))
        return [main[-1].name if not apposition else main[0].name]


def _opening_role(sentence: str) -> str | None:
    """The role a sentence opens with ("The judge said", "On Monday, the judge said")."""
    # a cheap check first: the pattern needs "The" at the start or a comma close to it
    if sentence[:3] not in ("The", "the") and "," not in sentence[:62]:
        return None
    role = _OPENING_ROLE.match(sentence)
    return role_of(role.group(1)) if role else None


def _last_letters(phrase: str) -> str:
    """The run of letters a case-insensitive ``[a-z]+$`` finds ending the phrase ("" if none);
    ``$`` also matches before a final newline."""
    body = phrase[:-1] if phrase.endswith("\n") else phrase
    return body[len(body.rstrip(_CASELESS_LETTERS)):]


def _unnamed_subject(sentence: str) -> str | None:
    """"One primary head", "A former colleague": a sentence opening with someone it does not name."""
    m = _OPENING_UNNAMED.match(sentence)
    if not m:
        return None
    words = m.group(1).split()
    for i, word in enumerate(words):
        if role_of(word):
            phrase = sentence[:m.start(1)] + " " + " ".join(words[:i + 1])
            return None if _names_spokesperson(phrase) else phrase
    return None


def _may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when no case-insensitive match of any of the lower-case ASCII ``words`` can be
    in ``text``: a check much cheaper than a case-insensitive regex, which is tried at every position."""
    lowered = text.lower()
    for word in words:  # a loop, not any(): this runs for most paragraphs and phrases
        if word in lowered:
            return True
    return not text.isascii() and not lower_case_safe(text)


def _medium(text: str, start: int, end: int) -> str | None:
    """The written medium text[start:end] says something was said in ("in a letter" -> "letter")."""
    if not _may_contain(text[start:end], _MEDIUM_NOUNS):  # most passages name none
        return None
    found = _MEDIUM.search(text, start, end)
    return found.group(1).lower() if found else None


def _without_medium(phrase: str) -> str:
    """The phrase without "in a statement" and the like: how someone spoke, not who."""
    return _MEDIUM.sub("", phrase) if _may_contain(phrase, _MEDIUM_NOUNS) else phrase


def _names_spokesperson(phrase: str) -> bool:
    """True when the phrase has a spokesperson word ("an Ofsted spokeswoman", "sources")."""
    vocab = _vocabulary()
    return _may_contain(phrase, vocab["spokes_words"]) and bool(vocab["spokes"].search(phrase))


def _document_at_end(core: str) -> re.Match[str] | None:
    """A written source ending the phrase before a speech verb ("The report", "its annual review")."""
    vocab = _vocabulary()
    # a cheap check first: most phrases do not end in a document noun, and the full pattern
    # would be tried at every word of them
    if not vocab["document_end"].search(core, max(0, len(core) - vocab["document_reach"])):
        return None
    return vocab["document"].search(core)


def _named_source(phrase: str) -> list[str]:
    """"according to the report": a short noun phrase as the source when it names no one."""
    words = phrase.split()
    while words and words[0].lower() in ("the", "a", "an", "its", "their", "his", "her"):
        words = words[1:]
    return [" ".join(words)] if 0 < len(words) <= 4 else []


def _containing(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence:
    """The sentence holding ``offset`` (sentences are in order and do not overlap)."""
    i = bisect.bisect_right(starts, offset) - 1
    return sentences[max(0, i)]


def _clause_end(text: str, start: int, limit: int) -> int:
    """Where an attribution clause stops: a comma or colon, "that", "adding", or the limit."""
    m = _CLAUSE_END.search(text, start, limit)
    return m.start() if m else limit
