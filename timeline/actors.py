"""Finding the people and organisations of one document (its cast).

Names come from the registry (``data/actors.yaml``) and from the text itself:
a title ("Ms Spielman"), a role before or after a name ("coroner Heidi Connor",
"Paul Whiteman, general secretary of NAHT"), a speech verb after it, an
acronym defined in brackets ("the National Association of Head Teachers
(NAHT)"), or an organisation word ("Reading Borough Council"). Short forms
("Ms Perry", "Perry", "Sir Martyn") resolve to the fullest name the document
gives; pronouns and role nouns ("she", "the coroner", "the union") resolve
to the person or organisation they most recently stood for.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from timeline.registry import ActorRegistry
from timeline.rules_data import rules

PERSON = "person"
ORGANISATION = "organisation"

_CAP = r"[A-ZÀ-Þ][^\W\d_]*(?:['’&-][^\W\d_]+)*(?:['’]s?)?"
_RUN = re.compile(rf"{_CAP}(?:(?:[ \t]+(?:of|for|and|the|de|van|von|der|&))*[ \t]+{_CAP})*")
_ACRONYM_DEF = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
_POSSESSIVE = re.compile(r"['’]s?$")
_PRONOUN = re.compile(r"\b(?:she|he|her|him|his|hers)\b", re.I)
_SUBJECT_PRONOUN = re.compile(r"\b(she|he)\b", re.I)
_FEMALE = {"she", "her", "hers", "herself"}


@dataclass
class Actor:
    """A person or organisation as this document knows it."""

    name: str
    kind: str
    gender: str | None = None
    affiliation: str | None = None
    roles: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Mention:
    """A name in the text: where, who, and whether it is possessive ("Ofsted's")."""

    start: int
    end: int
    name: str
    possessive: bool = False


@functools.cache
def _words() -> dict:
    data = rules("actors")
    person_roles = data["person_roles"].split()
    return {
        "titles": {k: v for k, v in data["titles"].items()},
        "person_roles": set(person_roles),
        "org_words": set(data["organisation_words"].split()),
        "org_roles": set(data["organisation_roles"].split()),
        "synonyms": {k: set(v) for k, v in data["role_synonyms"].items()},
        "not_names": set(data["not_names"].split()),
        "not_orgs": set(data["not_organisations"].split()),
        "female": set(data["female_names"].split()),
        "male": set(data["male_names"].split()),
        "speech": set(rules("quotes")["speech_verbs"].split()),
        "role_re": re.compile(r"\b(" + "|".join(sorted({r for r in person_roles} | {"head teacher"}, key=len, reverse=True)) + r")\b", re.I),
    }


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.rstrip(".,"))


class Cast:
    """Every actor of a document, their mentions, and how to resolve references."""

    def __init__(self, text: str, registry: ActorRegistry | None = None, body: list[tuple[int, int]] | None = None):
        self.text = text
        self.registry = registry or ActorRegistry()
        self.actors: dict[str, Actor] = {}
        self._alias: dict[str, str] = {}
        self.mentions: list[Mention] = []
        self._titled: list[tuple[str, str | None, int]] = []
        self._find_names()
        self._starts = [m.start for m in self.mentions]

    # ----- building the cast -------------------------------------------------

    def _add(self, name: str, kind: str, gender: str | None = None) -> Actor:
        known = self.registry.lookup(name)
        if known:
            canonical = known.name
            actor = self.actors.get(canonical) or Actor(canonical, known.kind, known.gender, known.affiliation)
            for alias in [known.name, *known.aliases]:
                self._alias.setdefault(alias.lower(), canonical)
        else:
            canonical = self._alias.get(name.lower(), name)
            actor = self.actors.get(canonical) or Actor(canonical, kind)
        actor.gender = actor.gender or gender
        self.actors[actor.name] = actor
        self._alias.setdefault(name.lower(), actor.name)
        return actor

    def _find_names(self) -> None:
        runs = []
        for m in _RUN.finditer(self.text):
            runs.extend(self._trim(m.start(), m.group()))
        # First pass learns names; the second records every mention with the cast known.
        learned: list[Mention] = []
        for start, tokens in runs:
            learned.extend(self._classify(start, tokens))
        self._learn_short_forms()
        covered = set()
        for mention in learned:
            self.mentions.append(Mention(mention.start, mention.end, self._alias.get(mention.name.lower(), mention.name),
                                         mention.possessive))
            covered.update(range(mention.start, mention.end))
        for start, tokens in runs:
            if start in covered:
                continue
            found = self._short_form(start, tokens)
            if found:
                self.mentions.append(found)
        self.mentions.sort(key=lambda m: m.start)

    def _trim(self, start: int, run: str) -> list[tuple[int, list[str]]]:
        """The run's tokens (with their start) after dropping non-name words at the front,
        split at "and the" / ", " so that "X of the Y and Z of the W" gives two runs."""
        w = _words()
        out = []
        pieces = re.split(r"([ \t]+and[ \t]+the[ \t]+)", run)
        offset = start
        for piece in pieces:
            if piece.strip() and not re.fullmatch(r"[ \t]+and[ \t]+the[ \t]+", piece):
                tokens = piece.split()
                pos = offset
                while tokens and _bare(tokens[0]).lower() in w["not_names"] and _bare(tokens[0]).lower() not in w["titles"]:
                    pos = self.text.index(tokens[0], pos) + len(tokens[0])
                    tokens = tokens[1:]
                if tokens:
                    out.append((self.text.index(tokens[0], pos), tokens))
            offset += len(piece)
        return out

    def _mention(self, start: int, tokens: list[str], name: str) -> Mention:
        end = self._end_of(start, tokens)
        return Mention(start, end, name, bool(_POSSESSIVE.search(tokens[-1])) and tokens[-1][-1] in "s’'")

    def _end_of(self, start: int, tokens: list[str]) -> int:
        pos = start
        for token in tokens:
            pos = self.text.index(token, pos) + len(token)
        return pos

    def _classify(self, start: int, tokens: list[str]) -> list[Mention]:
        """Learn the actors a capitalised run names, if it names any."""
        w = _words()
        clean = [_bare(t) for t in tokens]
        lower = [c.lower() for c in clean]
        phrase = " ".join(clean)
        end = self._end_of(start, tokens)
        known = self.registry.lookup(phrase)
        if known:
            actor = self._add(phrase, known.kind)
            (self._org_roles if actor.kind == ORGANISATION else self._tie)(actor, start, end)
            return [self._mention(start, tokens, actor.name)]
        acronym = _ACRONYM_DEF.match(self.text, end)
        if acronym and acronym.group(1) not in w["not_orgs"] and len(clean) > 1:
            actor = self._add(acronym.group(1), ORGANISATION)
            self._alias.setdefault(phrase.lower(), actor.name)
            self._org_roles(actor, start, end)
            return [self._mention(start, tokens, actor.name)]
        # "Geoff Barton of the ASCL", "Sir Martyn Oliver of Ofsted": a person, then an affiliation.
        for joiner in ("and", "of"):
            if joiner in lower[1:-1]:
                i = lower.index(joiner, 1)
                head = self._classify(start, tokens[:i])
                if head and self.actors[head[0].name].kind == PERSON:
                    tail_start = self.text.index(tokens[i + 1], head[-1].end)
                    j = i + 1 + (lower[i + 1] == "the")
                    tail = self._classify(self.text.index(tokens[j], tail_start), tokens[j:]) if j < len(tokens) else []
                    if joiner == "of" and tail and self.actors[tail[0].name].kind == ORGANISATION:
                        self.actors[head[0].name].affiliation = self.actors[head[0].name].affiliation or tail[0].name
                    return head + tail
        if lower[0] in w["titles"] and len(clean) > 1:
            return self._titled_person(start, tokens, clean, lower)
        if self._is_organisation(start, clean, lower):
            actor = self._add(phrase if len(clean) > 1 else clean[0], ORGANISATION)
            self._org_roles(actor, start, end)
            return [self._mention(start, tokens, actor.name)]
        # Capitalised role words inside the run: "Education Secretary Gillian Keegan".
        cut = max((i + 1 for i, c in enumerate(lower) if c in w["person_roles"]), default=0)
        name_tokens = clean[cut:]
        if 2 <= len(name_tokens) <= 3 and not any(t.isupper() for t in name_tokens) and (
                cut or self._looks_like_person(start, end, name_tokens)):
            name_start = self.text.index(tokens[cut], start) if cut else start
            actor = self._add(" ".join(name_tokens), PERSON, self._gender_of_first_name(name_tokens[0]))
            if cut:
                actor.roles.add(lower[cut - 1])
            self._tie(actor, name_start, end)
            return [self._mention(name_start, tokens[cut:], actor.name)]
        return []

    def _titled_person(self, start: int, tokens: list[str], clean: list[str], lower: list[str]) -> list[Mention]:
        """"Ms Spielman", "Mr Justice Saini", "Sir Martyn Oliver", "Professor Julia Waters"."""
        w = _words()
        gender = w["titles"][lower[0]]
        i = 1
        while i < len(clean) and lower[i] in w["titles"]:
            i += 1
        rest = clean[i:]
        if not rest or len(rest) > 3 or any(r.lower() in w["org_words"] for r in rest):
            return []
        judicial = [c for c in clean[1:i] if c.lower() in ("justice", "judge")] or (
            [clean[0]] if lower[0] in ("justice", "judge") else [])
        name = " ".join(judicial[:1] + rest)
        end = self._end_of(start, tokens)
        if len(rest) == 1 and not judicial:
            self._titled.append((name, gender, start))
            return [Mention(start, end, name, self._mention(start, tokens, name).possessive)]
        actor = self._add(name, PERSON, gender)
        self._tie(actor, start, end)
        return [self._mention(start, tokens, actor.name)]

    def _is_organisation(self, start: int, clean: list[str], lower: list[str]) -> bool:
        w = _words()
        if len(clean) == 1:
            word = clean[0]
            if re.fullmatch(r"[A-Z][A-Za-z]{0,4}[A-Z][A-Za-z]{0,3}|[A-Z]{2,5}", word) and word not in w["not_orgs"]:
                return True  # an acronym: NAHT, DfE
            preceded_by_the = self.text[max(0, start - 4):start].lower() == "the "
            return lower[0] in w["org_words"] and preceded_by_the
        return lower[-1] in w["org_words"] or any(c in w["org_words"] for c in lower[:-1]) and "of" in lower

    def _looks_like_person(self, start: int, end: int, tokens: list[str]) -> bool:
        """A two- or three-word run is a person when its context says so."""
        w = _words()
        before = self.text[max(0, start - 40):start].lower().split()
        after = self.text[end:end + 40]
        if before and _bare(before[-1]) in w["person_roles"]:
            return True
        if re.match(r",\s+(?:\d{1,3},|the\s|a\s|an\s|who\s|[a-z]+\s+(?:of|at|for)\s)", after):
            return True
        nxt = after.split()[:3]
        if nxt and any(_bare(x).lower() in w["speech"] for x in nxt[:2]):
            return True
        first = tokens[0].lower()
        return first in w["female"] or first in w["male"]

    def _gender_of_first_name(self, first: str) -> str | None:
        w = _words()
        first = first.lower()
        return "female" if first in w["female"] else "male" if first in w["male"] else None

    def _tie(self, actor: Actor, start: int, end: int) -> None:
        """Roles and organisations the text ties to a person around [start, end)."""
        w = _words()
        before = self.text[max(0, start - 80):start]
        after = self.text[end:end + 120]
        # "senior coroner Heidi Connor", "NAHT general secretary Paul Whiteman", "Ofsted's chief inspector, Sir Martyn"
        m = re.search(rf"(?:({_CAP}(?:[ \t]+{_CAP})*)[ \t]+)?((?:[a-z-]+[ \t]+)?[a-z-]+),?[ \t]*$", before)
        if m and m.group(2).split()[-1] in w["person_roles"]:
            actor.roles.update(r for r in m.group(2).split() if r in w["person_roles"])
            org = m.group(1) and self._org_name(m.group(1))
            if org:
                actor.affiliation = actor.affiliation or org
        # "Paul Whiteman, general secretary of NAHT", "Julia Waters, sister of Ruth Perry"
        app = re.match(r",[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?((?:[A-Za-z-]+[ \t]+){0,3}?)([A-Za-z-]+)"
                       rf"(?:[ \t]+(?:of|at|for)[ \t]+(?:the[ \t]+)?({_CAP}(?:[ \t]+(?:of|for|and)?[ \t]*{_CAP})*)|(?=[ \t]*,))", after)
        if app and app.group(2).lower() in w["person_roles"]:
            actor.roles.add(app.group(2).lower())
            org = app.group(3) and self._org_name(app.group(3))
            if org:
                actor.affiliation = actor.affiliation or org
        of = re.match(rf"[ \t]+of[ \t]+(?:the[ \t]+)?({_CAP})", after)
        if of and self._org_name(of.group(1)):
            actor.affiliation = actor.affiliation or self._org_name(of.group(1))

    def _org_roles(self, actor: Actor, start: int, end: int) -> None:
        """Role nouns next to an organisation: "union NAHT", "NAHT, the school leaders' union"."""
        roles = _words()["org_roles"]
        before = self.text[max(0, start - 25):start].split()
        if before and _bare(before[-1]).lower() in roles:
            actor.roles.add(_bare(before[-1]).lower())
        m = re.match(r"[,\s]+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?([a-z]+)\b", self.text[end:end + 50])
        if m and m.group(1) in roles:
            actor.roles.add(m.group(1))

    def _org_name(self, phrase: str) -> str | None:
        w = _words()
        phrase = _bare(phrase.strip())
        known = self.registry.lookup(phrase)
        if known and known.kind == ORGANISATION:
            self._add(known.name, ORGANISATION)
            return known.name
        alias = self._alias.get(phrase.lower())
        if alias and self.actors.get(alias) and self.actors[alias].kind == ORGANISATION:
            return alias
        words = phrase.split()
        if re.fullmatch(r"[A-Z][A-Za-z]{1,6}", phrase) and any(c.isupper() for c in phrase[1:]) and phrase not in w["not_orgs"]:
            return self._add(phrase, ORGANISATION).name
        if len(words) > 1 and any(x.lower() in w["org_words"] for x in words):
            return self._add(phrase, ORGANISATION).name
        return None

    def _learn_short_forms(self) -> None:
        """Surnames, first names and titled forms resolve to the document's full names."""
        people = [a for a in self.actors.values() if a.kind == PERSON and " " in a.name]
        for index in (-1, 0):
            counts: dict[str, list[Actor]] = {}
            for actor in people:
                counts.setdefault(actor.name.split()[index].lower(), []).append(actor)
            for word, actors in counts.items():
                if len(actors) == 1:
                    self._alias.setdefault(word, actors[0].name)
        for name, gender, _ in self._titled:
            full = self._alias.get(name.lower())
            actor = self.actors.get(full) if full else None
            if actor is None:
                known = self.registry.lookup(name)
                actor = self._add(known.name if known else name, PERSON, gender)
            actor.gender = actor.gender or gender
            self._alias.setdefault(name.lower(), actor.name)

    def _short_form(self, start: int, tokens: list[str]) -> Mention | None:
        """A mention by a short form the document has defined ("Perry", "Sir Martyn")."""
        w = _words()
        clean = [_bare(t) for t in tokens]
        skip = 0
        while skip < len(clean) and clean[skip].lower() in w["titles"]:
            skip += 1
        for size in range(min(len(clean) - skip, 3), 0, -1):
            name = self._alias.get(" ".join(clean[skip:skip + size]).lower())
            if name:
                return self._mention(start, tokens[:skip + size], name)
        return None

    # ----- queries -----------------------------------------------------------

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def kind_of(self, name: str) -> str | None:
        actor = self.actors.get(name)
        return actor.kind if actor else None

    def gender_of(self, name: str) -> str | None:
        actor = self.actors.get(name)
        return actor.gender if actor else None

    def affiliation_of(self, name: str) -> str | None:
        actor = self.actors.get(name)
        return actor.affiliation if actor else None

    def subject_before(self, offset: int, gender: str | None, subjects: list[tuple[int, str]]) -> str | None:
        """The most recent subject (person) before ``offset`` matching ``gender``."""
        for pos, name in reversed(subjects):
            if pos >= offset:
                continue
            if self.kind_of(name) == PERSON and self.gender_of(name) == gender:
                return name
        for pos, name in reversed(subjects):
            if pos < offset and self.kind_of(name) == PERSON and self.gender_of(name) is None:
                return name
        for mention in reversed(self.within(0, offset)):
            if self.kind_of(mention.name) == PERSON and self.gender_of(mention.name) == gender:
                return mention.name
        return None

    def by_role(self, role: str, offset: int) -> str | None:
        """The actor the document has tied to ``role`` (a person's or organisation's)."""
        w = _words()
        heads = w["synonyms"].get(role, {role})
        candidates = [a for a in self.actors.values() if a.roles & heads]
        if not candidates:
            candidates = [a for a in self.actors.values()
                          if (k := self.registry.lookup(a.name)) and set(k.roles) & heads]
        if not candidates:
            return None
        seen = [m.name for m in self.within(0, len(self.text)) if m.name in {c.name for c in candidates}]
        before = [m.name for m in self.within(0, offset) if m.name in {c.name for c in candidates}]
        pick = before[-1] if before else (seen[0] if seen else candidates[0].name)
        return pick


def gender_of_pronoun(pronoun: str) -> str:
    return "female" if pronoun.lower() in _FEMALE else "male"
