"""Merging entries: duplicates within a document, and the same claim across documents.

Every extracted entry (an *atom*) comes from one source. Two atoms from different
sources are linked when they state the same claim (``_RELATIONS``); merged entries
are the connected components of that relation. The result therefore depends only
on the set of atoms, never on their order or on how documents are grouped, and a
merged entry keeps its atoms (``MergedEntry.members``) so that ``combine`` can be
used as an associative map-reduce step.

Candidates are found through an index (events by date and word, quotes by
speaker and word; see ``_probe_count``), never by comparing all pairs, so a
stream of documents merges in near-linear time.
"""
from __future__ import annotations

import heapq
import math
import re
import sys
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cache, lru_cache

from timeline.model import EVENT, QUOTE, Conflict, Entry, SourceRef
from timeline.periods import PRECISION_RANK, bounds, contains, format_date, precision_of
from timeline.rules_data import phrase_pattern, rules

# Events: share of content words (Jaccard: shared / all distinct, after the
# rules in rules/merge.yaml) from which two entries with compatible dates are one
# claim. Tuned on the shared corpus: re-tellings of one claim ("took her own life
# in January" / "killed herself in January" / "was found dead in January", each
# with different detail; "a coroner has concluded ... likely contributed") score
# 0.35-0.9; the closest different claims of compatible dates, which share the
# story's names and words (a coroner's ruling vs a union's call made after it),
# score 0.33 and below. Names count through their words, as actors do.
EVENT_SAME = Fraction(7, 20)
# Two events whose dates disagree are only the same claim told with two dates
# when almost every word is shared (a re-reported sentence); otherwise they are
# different things that happened at different times ("a coroner concluded the
# inspection in November 2022 contributed ..." vs "an inspection likely
# contributed ..., a coroner has concluded", dated by the ruling: 0.7).
EVENT_RESTATED = Fraction(4, 5)
# Quotes by one speaker: the same statement when one wording holds the other, or
# when nearly all their content words are shared (one word changed in six).
QUOTE_SAME = Fraction(7, 10)

_QUOTE_MARKS = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb"
_QUOTE_MARK = re.compile(f"[{re.escape(_QUOTE_MARKS)}]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_DATE_NUMBER = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?|1[89]\d\d|2\d\d\d)$")
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(slots=True)
class MergedEntry(Entry):
    """An entry built from the atoms it merges; ``members`` lets it be merged again."""

    members: tuple[Entry, ...] = field(default=(), repr=False, compare=False)


def merge_entries(per_document: Iterable[list[Entry]], merge_across: bool = True) -> list[Entry]:
    """The entries of every document, exact duplicates dropped, the same claim merged across sources.

    With ``merge_across`` False, each document's entries are kept as they are,
    in input order, each (kind, date, text, speaker) once per document.
    """
    if not merge_across:
        return [entry for entries in per_document for entry in _unique(entries)]
    clusters = _Clusters()
    for entries in per_document:
        for entry in entries:
            for atom in _atoms(entry):
                clusters.add(atom)
    return clusters.entries()


def combine(left: list[Entry], right: list[Entry]) -> list[Entry]:
    """Merge two partial results (associative, commutative): a reduction step for ``merge_entries``."""
    return merge_entries([left, right])


# --- wording ---------------------------------------------------------------


@cache
def _ignored() -> frozenset[str]:
    return frozenset(map(str, rules("merge")["stop_words"] + rules("merge")["time_words"]))


@cache
def _meaning() -> tuple[re.Pattern, dict[str, str]]:
    table = {str(k): str(v) for k, v in rules("merge")["same_meaning"].items()}
    return phrase_pattern(list(table)), table


def plain(text: str) -> str:
    """Lower case, no quote marks or punctuation, single spaces: how wordings are compared."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if "'" not in text:  # most texts: no word to trim
        return " ".join(_WORD.findall(text))
    words = (w.removesuffix("'s").replace("'", "") for w in _WORD.findall(text))
    return " ".join(w for w in words if w)


@lru_cache(maxsize=1 << 16)  # archives repeat wire copy: many wordings recur
def content_words(text: str) -> frozenset[str]:
    """The words that make a claim: no stop or time words, one form per meaning, crude stems."""
    pattern, table = _meaning()
    words = pattern.sub(lambda m: table[m.group(0)], plain(text)).split()
    kept = {_stem(w) for w in words if w not in _ignored() and not _DATE_NUMBER.match(w)}
    # Interned: a corpus repeats a small vocabulary, kept once in memory.
    return frozenset(map(sys.intern, kept or words))


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def _exact_text(text: str) -> str:
    """The text as the scorer compares it: case, quote marks and runs of space ignored."""
    return " ".join(_QUOTE_MARK.sub("", text.lower()).split())


def _speaker_key(entry: Entry) -> str:
    return " ".join((entry.speaker or "").casefold().split())


def _duplicate_key(entry: Entry) -> tuple:
    """Entries of one document with this key equal are the same entry."""
    return (entry.kind, entry.date, _exact_text(entry.text), _speaker_key(entry))


def _unique(entries: list[Entry]) -> Iterator[Entry]:
    seen: set[tuple] = set()
    for entry in entries:
        key = _duplicate_key(entry)
        if key not in seen:
            seen.add(key)
            yield entry


# --- the relation ----------------------------------------------------------


def _similar(a: frozenset[str], b: frozenset[str], threshold: Fraction) -> bool:
    """Jaccard similarity at least ``threshold`` (in whole numbers, no float rounding)."""
    if not (a and b):
        return False
    shared = len(a & b)
    return shared * threshold.denominator >= threshold.numerator * (len(a) + len(b) - shared)


def _probe_count(size: int, threshold: Fraction) -> int:
    """How many of a set's words to look up so that any set this similar holds one.

    A set Y with Jaccard(X, Y) >= t shares at least ceil(t|X|) words with X, so any
    |X| - ceil(t|X|) + 1 words of X include one of Y's (prefix filtering).
    """
    return size - math.ceil(threshold * size) + 1


@cache
def _span(value: str) -> tuple:
    return bounds(value)


def _compatible(a: str | None, b: str | None) -> bool:
    """Equal dates, or one period holding the other; an undated entry only with another."""
    if a is None or b is None:
        return a == b
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)


@cache
def _containers(value: str) -> frozenset[str]:
    """The coarser ISO dates whose period holds this one (its year, month, week)."""
    start = bounds(value)[0]
    coarser = {format_date(start, precision) for precision in ("year", "month", "week")} - {value}
    return frozenset(c for c in coarser if contains(c, value))


@cache
def _source_set(ids: tuple[str, ...]) -> frozenset[str]:
    return frozenset(ids)


@dataclass(slots=True)
class _Atom:
    entry: Entry
    sources: frozenset[str]
    words: frozenset[str]
    plain: str


def _atoms(entry: Entry) -> tuple[Entry, ...]:
    """The single-source entries an entry stands for."""
    if isinstance(entry, MergedEntry):
        return entry.members
    by_source: dict[str, list[SourceRef]] = defaultdict(list)
    for ref in entry.sources:
        by_source[ref.id].append(ref)
    if len(by_source) < 2:
        return (entry,)
    return tuple(replace(entry, sources=refs) for refs in by_source.values())


def _atom_rank(entry: Entry) -> tuple:
    """A content order among atoms (never arrival order)."""
    return (
        tuple(_natural(r.id) for r in entry.sources), entry.position, entry.kind, entry.date or "",
        entry.text, entry.speaker or "", tuple(entry.actors), tuple((r.id, r.sentence) for r in entry.sources),
        entry.qualifier or "", entry.precision or "", entry.rule,
    )


def _same_event(a: _Atom, b: _Atom) -> bool:
    """Events telling one claim: compatible dates and largely the same words."""
    return _compatible(a.entry.date, b.entry.date) and _similar(a.words, b.words, EVENT_SAME)


def _restated_event(a: _Atom, b: _Atom) -> bool:
    """Events in nearly the same words, whatever their dates (then their dates conflict)."""
    return _similar(a.words, b.words, EVENT_RESTATED)


def _same_quote(a: _Atom, b: _Atom) -> bool:
    """Quotes by one speaker (the index keys hold it) where one wording holds the other, or nearly."""
    short, long = sorted((a, b), key=lambda t: len(t.plain))
    if short.words <= long.words and f" {short.plain} " in f" {long.plain} ":
        return True
    return _similar(a.words, b.words, QUOTE_SAME)


# Two atoms from different sources are linked when one of their kind's relations holds.
_RELATIONS = {EVENT: (_same_event, _restated_event), QUOTE: (_same_quote,)}


def _content(atom: _Atom, relation) -> tuple:
    """What a relation reads of an atom: atoms alike in it are linked to the same atoms."""
    if relation is _same_event:
        return relation, atom.words, atom.entry.date
    if relation is _restated_event:
        return relation, atom.words
    return relation, _speaker_key(atom.entry), atom.plain


# Index keys: a scope (what a relation requires equal, e.g. a date) and words in it.
_Keys = tuple[tuple, Iterable[str]]


class _Index:
    """Scope -> word (or any key) -> the atoms stored under both.

    Kept nested (no key tuple per word) and with a lone atom stored as a bare
    number, as most words are held by one atom: on a large archive this index is
    the merge's largest structure.
    """

    def __init__(self) -> None:
        self.scopes: dict[Hashable, dict[Hashable, int | list[int]]] = {}

    def add(self, scope: Hashable, words: Iterable[Hashable], number: int) -> None:
        postings = self.scopes.setdefault(scope, {})
        for word in words:
            held = postings.get(word)
            if held is None:
                postings[word] = number
            elif isinstance(held, int):
                postings[word] = [held, number]
            else:
                held.append(number)

    def lookup(self, scope: Hashable, words: Iterable[Hashable]) -> Iterator[int]:
        """The atoms stored under the scope and any of the words (an atom once per word)."""
        postings = self.scopes.get(scope)
        if not postings:
            return
        for word in words:
            held = postings.get(word)
            if held is None:
                continue
            if isinstance(held, int):
                yield held
            else:
                yield from held


class _Clusters:
    """Atoms, a union-find over them, and an index from words to the atoms holding them.

    Atoms (each of one source) alike in what a relation reads (``_content``) form
    a group. Once a group holds atoms of two sources it is connected, and anything
    linked to a newcomer is linked to one of them: the newcomer joins the group
    without being compared or indexed, so a claim repeated by a thousand articles
    costs little.
    """

    def __init__(self) -> None:
        self.atoms: list[_Atom] = []
        self.parent: list[int] = []
        # Per source, by the hash of ``_duplicate_key``: the atoms' texts are not copied.
        self.by_duplicate = _Index()
        self.index = _Index()
        self.groups: dict[tuple, tuple[int, set[str]]] = {}  # content -> (first atom, its first two sources)
        self.seen: dict[str, int] = defaultdict(int)  # atoms holding each word so far
        self.first_source: frozenset[str] | None = None
        self.pending: list[int] | None = []  # atoms not yet indexed while one source is all there is

    def add(self, entry: Entry) -> None:
        # Only quotes are compared by wording (one held in another); events by their words.
        wording = plain(entry.text) if entry.kind == QUOTE else ""
        atom = _Atom(entry, _source_set(tuple(r.id for r in entry.sources)), content_words(entry.text), wording)
        duplicate = _duplicate_key(entry)
        for earlier in self.by_duplicate.lookup(atom.sources, (hash(duplicate),)):
            kept = self.atoms[earlier]
            if _duplicate_key(kept.entry) == duplicate:
                # Same entry twice in one document: keep one, chosen by content.
                if _atom_rank(entry) < _atom_rank(kept.entry):
                    kept.entry = entry
                return
        number = len(self.atoms)
        self.atoms.append(atom)
        self.parent.append(number)
        self.by_duplicate.add(atom.sources, (hash(duplicate),), number)
        if not atom.words:
            return
        # Atoms of one source are never linked to each other, so while a single source
        # has been read (a one-document build, a huge article) indexing waits.
        if self.pending is not None:
            if self.first_source in (None, atom.sources):
                self.first_source = atom.sources
                self.pending.append(number)
                return
            pending, self.pending = self.pending, None
            for earlier in pending:
                self._index(earlier)
        self._index(number)

    def _index(self, number: int) -> None:
        atom = self.atoms[number]
        for relation in _RELATIONS[atom.entry.kind]:
            self._link(number, relation)
        for word in atom.words:
            self.seen[word] += 1

    def _link(self, number: int, relation) -> None:
        """Join the atom to every atom the relation links it to, then index it."""
        atom = self.atoms[number]
        single = len(atom.sources) == 1
        content = _content(atom, relation)
        group = self.groups.get(content) if single else None
        if group and len(group[1]) > 1:
            self._union(number, group[0])
            return
        probes, keys = self._keys(atom, relation)
        checked: set[int] = set()
        root = self._find(number)
        for scope, words in probes:
            for other in self.index.lookup(scope, words):
                if other not in checked and self._find(other) != root:
                    checked.add(other)
                    if not atom.sources & self.atoms[other].sources and relation(atom, self.atoms[other]):
                        self._union(number, other)
                        root = self._find(number)
        for scope, words in keys:
            self.index.add(scope, words, number)
        if single:
            sources = self.groups.setdefault(content, (number, set()))[1]
            if len(sources) < 2:
                sources.update(atom.sources)

    def _rarest(self, words: frozenset[str], count: int) -> list[str]:
        """The ``count`` words held by the fewest atoms so far: the cheapest to look up.

        Which words are looked up changes only the work done, never the result:
        every word of an atom is indexed, and any ``_probe_count`` words suffice.
        """
        return sorted(words, key=lambda w: (self.seen[w], w))[:count]

    def _keys(self, atom: _Atom, relation) -> tuple[list[_Keys], list[_Keys]]:
        """Index keys an atom looks up and is stored under; two related atoms always meet.

        Same event: a shared word, under the dates holding the atom's ("own") or
        held by it ("in"). Restated event: a shared word, under sizes within the
        Jaccard bound. Quote, per speaker: a wording held in another shares all its
        words, so one word of each suffices ("one"); near-identical ones share one
        of ``_probe_count`` words ("all").
        """
        words, size = atom.words, len(atom.words)
        if relation is _same_event:
            date = atom.entry.date
            probed = self._rarest(words, _probe_count(size, EVENT_SAME))
            around = _containers(date) if date else frozenset()
            probes = [(("own", d), probed) for d in (date, *around)] + [(("in", date), probed)]
            return probes, [(("own", date), words), *((("in", d), words) for d in around)]
        if relation is _restated_event:
            sizes = range(math.ceil(EVENT_RESTATED * size), math.floor(size / EVENT_RESTATED) + 1)
            probed = self._rarest(words, _probe_count(size, EVENT_RESTATED))
            return [(("restated", n), probed) for n in sizes], [(("restated", size), words)]
        speaker = _speaker_key(atom.entry)
        probed = self._rarest(words, _probe_count(size, QUOTE_SAME))
        probes = [(("all", speaker), probed), (("one", speaker), words)]
        return probes, [(("all", speaker), words), (("one", speaker), self._rarest(words, 1))]

    def _union(self, a: int, b: int) -> None:
        self.parent[self._find(b)] = self._find(a)

    def _find(self, number: int) -> int:
        while self.parent[number] != number:
            self.parent[number] = self.parent[self.parent[number]]
            number = self.parent[number]
        return number

    def entries(self) -> list[Entry]:
        """The merged entries; the lookup structures are released first, so the clusters
        take no more atoms (on a large archive this lowers the peak of memory)."""
        self.index = self.by_duplicate = None
        self.groups.clear()
        groups: dict[int, list[Entry]] = defaultdict(list)
        for number, atom in enumerate(self.atoms):
            groups[self._find(number)].append(atom.entry)
        merged = [_merged(sorted(group, key=_atom_rank)) for group in groups.values()]
        return sorted(merged, key=_entry_rank)


# --- one entry per group ---------------------------------------------------


@cache
def _natural(source_id: str) -> tuple:
    """Source ids in natural order: s2 before s10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", source_id))


def _entry_rank(entry: Entry) -> tuple:
    return (_natural(entry.sources[0].id) if entry.sources else (), entry.position, entry.kind, entry.text,
            entry.speaker or "", entry.date or "")


@cache
def _date_order(value: str) -> tuple[int, int]:
    return PRECISION_RANK[precision_of(value)], bounds(value)[0].toordinal()


def _date_groups(atoms: list[Entry]) -> list[tuple[str | None, list[Entry]]]:
    """The atoms grouped by the date they agree on, best-supported first.

    A group's date is a most precise date among the atoms; it takes the atoms of
    that date and of the coarser dates holding it (not yet taken). Support counts
    distinct sources; ties go to the more precise, then the earlier date.
    Undated atoms join the first group.
    """
    by_date: dict[str, list[Entry]] = defaultdict(list)
    for atom in atoms:
        if atom.date is not None:
            by_date[atom.date].append(atom)

    def agreeing(value: str) -> list[str]:
        return [value, *(c for c in _containers(value) if c in by_date)]

    def priority(value: str) -> tuple:
        ids = {r.id for d in agreeing(value) for a in by_date[d] for r in a.sources}
        precision, start = _date_order(value)
        return -len(ids), -precision, start, value

    # Taking a date takes its coarser dates: supports only fall, so a stale
    # priority popped from the heap is refreshed and pushed back.
    coarse = {c for d in by_date for c in _containers(d)}
    heap = [priority(d) for d in by_date if d not in coarse]
    heapq.heapify(heap)
    groups: list[tuple[str | None, list[Entry]]] = []
    while heap:
        top = heapq.heappop(heap)
        current = priority(top[-1])
        if current != top:
            heapq.heappush(heap, current)
            continue
        groups.append((top[-1], [a for d in agreeing(top[-1]) for a in by_date.pop(d)]))
    undated = [a for a in atoms if a.date is None]
    if not groups:
        return [(None, undated)]
    groups[0] = (groups[0][0], groups[0][1] + undated)
    return groups


def _longest(atoms: list[Entry]) -> Entry:
    return min(atoms, key=lambda a: (-len(a.text), a.text))


def _merged(atoms: list[Entry]) -> MergedEntry:
    """One entry for a group of atoms of one claim (atoms in ``_atom_rank`` order)."""
    groups = _date_groups(atoms)
    date, agreeing = groups[0]
    dated = _longest([a for a in agreeing if a.date == date])
    worded = dated if dated.kind == EVENT else _longest(atoms)
    # One sentence per source: from an atom agreeing on the date when there is one.
    refs: dict[str, str] = {}
    in_agreement = {id(a) for a in agreeing}
    for atom in sorted(atoms, key=lambda a: id(a) not in in_agreement):  # stable: rank order within
        for ref in atom.sources:
            refs.setdefault(ref.id, ref.sentence)
    actors = list(dict.fromkeys(worded.actors))
    actors += sorted({name for a in atoms for name in a.actors} - set(actors))
    first = min(atoms, key=lambda a: (min((_natural(r.id) for r in a.sources), default=()), a.position))
    conflicts = [
        Conflict(d, tuple(sorted({r.id for a in group for r in a.sources}, key=_natural))) for d, group in groups[1:]
    ]
    return MergedEntry(
        kind=worded.kind,
        text=worded.text,
        date=date,
        precision=dated.precision,
        qualifier=dated.qualifier,
        speaker=worded.speaker,
        actors=actors,
        sources=[SourceRef(i, refs[i]) for i in sorted(refs, key=_natural)],
        conflicts=conflicts,
        position=first.position,
        rule=worded.rule,
        members=tuple(atoms),
    )
