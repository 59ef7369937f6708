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
from collections import Counter
from dataclasses import dataclass, field

from timeline.registry import Actor as RegistryActor
from timeline.registry import ActorRegistry
from timeline.rules_data import rules

PERSON = "person"
ORGANISATION = "organisation"

_CAP = r"[A-ZÀ-Þ][^\W\d_]*(?:['’&-][^\W\d_]+)*(?:['’]s?)?"
_RUN = re.compile(rf"{_CAP}(?:(?:[ \t]+(?:of|for|and|the|de|van|von|der|&))*[ \t]+{_CAP})*")
_ACRONYM_DEF = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_ENDINGS = ("'", "’", "'s", "’s")  # what _POSSESSIVE finds at the end of a token (no line breaks)
# The look-aheads restate the first letters a match needs: a search can then skip ahead in C,
# which a case-insensitive pattern starting with \b cannot.
SUBJECT_PRONOUN = re.compile(r"(?=[sh])\b(she|he)\b", re.I)
_AND_THE = re.compile(r"([ \t]+and[ \t]+the[ \t]+)")
_DESCRIPTOR = re.compile(r"-[a-z]")  # "Mother-of-three", not "Smith-Jones"
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{0,4}[A-Z][A-Za-z]{0,3}|[A-Z]{2,5}")
_AGE_OR_CLAUSE = re.compile(r",\s+(?:\d{1,3},|the\s|a\s|an\s|who\s|whose\s)")
_APPOSITION = re.compile(r",\s+((?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s*(?:,|\bof\b|\bat\b|\bfor\b|$)")
_LOWER_WORD = re.compile(r"[a-z-]+")
_CAP_WORD = re.compile(_CAP)
_ORG_ROLE_AFTER = re.compile(rf",[ \t]+(?:the[ \t]+)?({_CAP}(?:[ \t]+{_CAP})*)(?:['’]s)?[ \t]+(?:[a-z-]+[ \t]+){{0,2}}?([a-z-]+)\b")
_OF_ORG = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?({_CAP})")
_ORG_ROLE_NEXT = re.compile(r"[,\s]+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?([a-z]+)\b")
_SHORT_NAME = re.compile(r"[A-Z][A-Za-z]{1,6}")
_ROLE_OF_ORG_AFTER = re.compile(r",[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?((?:[A-Za-z-]+[ \t]+){0,3}?)([A-Za-z-]+)"
                                rf"(?:[ \t]+(?:of|at|for)[ \t]+(?:the[ \t]+)?({_CAP}(?:[ \t]+(?:of|for|and)?[ \t]*{_CAP})*)|(?=[ \t]*,))")
_DESCRIPTIVE_SUFFIX = re.compile(r"(?:er|or|ant|ent|ist|ian|ee)$")  # job words: pensioner, applicant
_PLACE_PREPOSITIONS = {"in", "at", "from", "near", "to", "of", "across", "around", "outside", "into"}
_WORD_BEFORE = re.compile(r"\b([a-z]+)[ \t]+$")  # the word right before, in the same sentence
_PLACE_BEFORE = {"in", "at", "near", "across", "around", "outside", "the"}  # "in the North West, who ..."
_LOWER_ORG_TAIL = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(council|police|trust|authority|university|college|council's)\b")
_WHICH = re.compile(r",\s+which\s")  # "Brighter Futures, which runs ...": a thing, not a person
_KIN = {"sister", "brother", "mother", "father", "daughter", "son", "husband", "wife", "widow", "partner",
        "friend", "colleague", "aunt", "uncle", "cousin", "grandmother", "grandfather", "neighbour"}
# (?=[ati]): the first letters of the determiners, as for SUBJECT_PRONOUN
_ROLE_NP = re.compile(r"(?=[ati])\b(?:the|a|an|its|their)\s+(?:[a-z'’-]+\s+){0,2}?([a-z]+)\b", re.I)
_FEMALE = {"she", "her", "hers", "herself"}
_RECENT = 60  # how far back (in mentions or subjects) a pronoun or role may refer


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


def _renamed(mention: Mention, name: str) -> Mention:
    """The mention under ``name``: the same object when the name is unchanged, as
    frozen dataclasses are slow to build and most mentions keep their name."""
    return mention if name == mention.name else Mention(mention.start, mention.end, name, mention.possessive)


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
        "post_nominals": set(data["post_nominals"].split()),
        "org_nouns": set(data["organisation_nouns"].split()) | set(data["organisation_roles"].split()),
        "female": set(data["female_names"].split()),
        "male": set(data["male_names"].split()),
        "speech": set(rules("quotes")["speech_verbs"].split()),
    }


@functools.lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word.rstrip(".,"))


@functools.lru_cache(maxsize=65536)
def role_of(word: str) -> str | None:
    """The role a word names, if any: "coroner", "co-chairs" -> chair, "mother-of-three" -> mother."""
    roles = _words()["person_roles"]
    word = _bare(word).lower()
    parts = word.split("-")
    candidates = [word, parts[0], parts[-1]] if "-of-" not in word else [parts[0]]
    for candidate in candidates:
        for form in (candidate, candidate[:-1] if candidate.endswith("s") else candidate):
            if form in roles:
                return form
    return None


Tokens = tuple[str, ...]  # the words of a capitalised run, as written


def _end_of(text: str, start: int, tokens: Tokens) -> int:
    """Where ``tokens``, read one after the other from ``start`` on, end in ``text``."""
    pos = start
    for token in tokens:
        pos = text.index(token, pos) + len(token)
    return pos


@functools.lru_cache(maxsize=65536)
def _name_runs(run: str) -> tuple[tuple[int, int, Tokens], ...]:
    """The run's tokens (with their start and end in the run) after dropping non-name words at the
    front, split at "and the" / ", " so that "X of the Y and Z of the W" gives two runs.

    Only the run decides them, and the same runs ("The", "Ofsted", "Ms Perry") recur in
    document after document, so they are worked out once.
    """
    w = _words()
    out = []
    offset = 0
    for piece in _AND_THE.split(run):
        if piece.strip() and not _AND_THE.fullmatch(piece):
            tokens = tuple(piece.split())
            pos = offset
            while tokens and (_bare(tokens[0]).lower() in w["not_names"] and _bare(tokens[0]).lower() not in w["titles"]
                              or _DESCRIPTOR.search(tokens[0])):
                pos = run.index(tokens[0], pos) + len(tokens[0])
                tokens = tokens[1:]
            while len(tokens) > 1 and _bare(tokens[-1]) in w["post_nominals"]:
                tokens = tokens[:-1]
            if len(tokens) == 3 and _DESCRIPTIVE_SUFFIX.search(tokens[0]) and all(t[:1].isupper() for t in tokens) \
                    and not {_bare(t).lower() for t in tokens} & w["org_words"] \
                    and tokens[0].lower() not in w["female"] | w["male"] | w["titles"].keys():
                pos = run.index(tokens[0], pos) + len(tokens[0])
                tokens = tokens[1:]  # "Pensioner Gordon Baillie", "Applicant Maya Doherty"
            if tokens:
                start = run.index(tokens[0], pos)
                out.append((start, _end_of(run, start, tokens), tokens))
        offset += len(piece)
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _cleaned(tokens: Tokens) -> tuple[Tokens, Tokens]:
    """The tokens without a possessive or trailing punctuation, as written and in lower case."""
    clean = tuple(_bare(t) for t in tokens)
    return clean, tuple(c.lower() for c in clean)


@functools.lru_cache(maxsize=65536)
def _after_last_role(lower: Tokens) -> int:
    """Where the words after the last role word start ("education secretary gillian keegan" -> 2)."""
    return max((i + 1 for i, c in enumerate(lower) if role_of(c)), default=0)


@functools.lru_cache(maxsize=65536)
def _organisation_name_roles(name: str) -> frozenset[str]:
    """The role nouns an organisation's own name gives it: its last word and its organisation
    words ("Westfield Police Service" -> service, police)."""
    words = [w.lower() for w in name.split()]
    return frozenset({words[-1]} | {w for w in words if w in _words()["org_words"]})


class Cast:
    """Every actor of a document, their mentions, and how to resolve references."""

    def __init__(self, text: str, registry: ActorRegistry | None = None):
        self.text = text
        self.registry = registry or ActorRegistry()
        self.actors: dict[str, Actor] = {}
        self._alias: dict[str, str] = {}
        self._registered: set[int] = set()  # ids of the registry actors whose aliases are in _alias
        self.mentions: list[Mention] = []
        self._titled: list[tuple[str, str | None, int]] = []
        self._prefixes: dict[str, str] | None = None
        self._find_names()
        self._starts = [m.start for m in self.mentions]
        self._roles = self._index_roles()
        self._holders_of: dict[str, set[str]] = {}  # role -> the actors by_role may give for it

    # ----- building the cast -------------------------------------------------

    def _add(self, name: str, kind: str, gender: str | None = None, known: RegistryActor | None = None) -> Actor:
        """The actor ``name`` stands for, learned if new; ``known`` is the registry's entry for
        ``name`` when the caller has already looked it up."""
        known = known or self.registry.lookup(name)
        if known:
            canonical = known.name
            actor = self.actors.get(canonical) or Actor(canonical, known.kind, known.gender, known.affiliation)
            if id(known) not in self._registered:  # aliases once per document: _alias only ever gains keys
                self._registered.add(id(known))
                for alias in [known.name, *known.aliases]:
                    self._alias.setdefault(alias.lower(), canonical)
        else:
            canonical = self._alias.get(name.lower(), name)
            actor = self.actors.get(canonical) or Actor(canonical, kind)
        actor.gender = actor.gender or gender
        if actor.kind == ORGANISATION and " " in actor.name:
            actor.roles.update(_organisation_name_roles(actor.name))
        self.actors[actor.name] = actor
        self._alias.setdefault(name.lower(), actor.name)
        return actor

    def _find_names(self) -> None:
        runs = []
        for m in _RUN.finditer(self.text):
            offset = m.start()
            for start, end, tokens in _name_runs(m.group()):
                runs.append((offset + start, offset + end, tokens))
        # First pass learns names; the second records every mention with the cast known.
        learned = [self._classify(start, end, tokens) for start, end, tokens in runs]
        self._learn_short_forms()
        for (start, end, tokens), found in zip(runs, learned):
            if found:
                self.mentions.extend(_renamed(m, self._alias.get(m.name.lower(), m.name)) for m in found)
                continue
            short = self._short_form(start, end, tokens)
            if short:
                self.mentions.append(short)
        self.mentions.sort(key=lambda m: m.start)
        self._name_organisations_as_used()

    def _name_organisations_as_used(self) -> None:
        """An organisation goes by the form the text uses most: "NAHT" over its long name,
        "Environment Agency" over an acronym used once, "Southvale Water" over its legal name."""
        used: dict[str, Counter[str]] = {}
        for m in self.mentions:
            actor = self.actors.get(m.name)
            if actor and actor.kind == ORGANISATION and not self.registry.lookup(m.name):
                used.setdefault(m.name, Counter())[_bare(self.text[m.start:m.end].strip())] += 1
        rename = {}
        for name, forms in used.items():
            best = max(forms.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
            if best != name and best not in self.actors and (best.isupper() or name.isupper() or " " in best):
                rename[name] = best
        if not rename:
            return
        for old, new in rename.items():
            actor = self.actors.pop(old)
            actor.name = new
            self.actors[new] = actor
            self._alias[new.lower()] = new
        for key, value in self._alias.items():
            self._alias[key] = rename.get(value, value)
        for actor in self.actors.values():
            actor.affiliation = rename.get(actor.affiliation, actor.affiliation)
        self.mentions = [_renamed(m, rename.get(m.name, m.name)) for m in self.mentions]

    @staticmethod
    def _mention(start: int, end: int, tokens: Tokens, name: str) -> Mention:
        return Mention(start, end, name, tokens[-1].endswith(_POSSESSIVE_ENDINGS))

    def _classify_from(self, start: int, tokens: Tokens) -> list[Mention]:
        """``_classify`` for part of a run, whose end is found by reading its tokens."""
        return self._classify(start, _end_of(self.text, start, tokens), tokens)

    def _classify(self, start: int, end: int, tokens: Tokens) -> list[Mention]:
        """Learn the actors a capitalised run names, if it names any."""
        w = _words()
        clean, lower = _cleaned(tokens)
        phrase = " ".join(clean)
        known = self.registry.lookup(phrase)
        if known:
            actor = self._add(phrase, known.kind, known=known)
            (self._org_roles if actor.kind == ORGANISATION else self._tie)(actor, start, end)
            return [self._mention(start, end, tokens, actor.name)]
        acronym = _ACRONYM_DEF.match(self.text, end)
        if acronym and acronym.group(1) not in w["not_orgs"] and len(clean) > 1:
            actor = self._add(acronym.group(1), ORGANISATION)
            self._alias.setdefault(phrase.lower(), actor.name)
            self._org_roles(actor, start, end)
            return [self._mention(start, end, tokens, actor.name)]
        # "Geoff Barton of the ASCL", "Sir Martyn Oliver of Ofsted": a person, then an affiliation.
        for joiner in ("and", "of") if len(lower) > 2 else ():
            if joiner in lower[1:-1]:
                i = lower.index(joiner, 1)
                head = self._classify_from(start, tokens[:i])
                if head and self.kind_of(head[0].name) in (PERSON, None):
                    tail_start = self.text.index(tokens[i + 1], head[-1].end)
                    j = i + 1 + (lower[i + 1] == "the")
                    tail = (self._classify_from(self.text.index(tokens[j], tail_start), tokens[j:])
                            if j < len(tokens) else [])
                    if joiner == "and" and not tail and 2 <= len(tokens) - j <= 3:
                        tail_at = self.text.index(tokens[j], tail_start)
                        actor = self._add(" ".join(clean[j:]), PERSON, self._gender_of_first_name(clean[j]))
                        tail = [self._mention(tail_at, _end_of(self.text, tail_at, tokens[j:]), tokens[j:], actor.name)]
                    person = self.actors.get(head[0].name)
                    if joiner == "of" and tail and person and self.kind_of(tail[0].name) == ORGANISATION:
                        person.affiliation = person.affiliation or tail[0].name
                    return head + tail
        if lower[0] in w["titles"] and len(clean) > 1:
            return self._titled_person(start, end, tokens, clean, lower)
        tail = _LOWER_ORG_TAIL.match(self.text, end)
        if tail and not any(c in w["not_names"] for c in lower):  # "Harrowfield borough council"
            name = phrase + self.text[end:tail.end()]
            actor = self._add(name, ORGANISATION)
            actor.roles.add(tail.group(1).lower())
            return [Mention(start, tail.end(), actor.name, False)]
        preceding = _WORD_BEFORE.search(self.text, max(0, start - 25), start)
        if preceding and preceding.group(1).lower() in w["org_nouns"]:
            actor = self._add(phrase, ORGANISATION)
            actor.roles.add(preceding.group(1).lower())
            return [self._mention(start, end, tokens, actor.name)]
        if self._is_organisation(clean, lower) or (len(clean) > 1 and _WHICH.match(self.text, end)):
            actor = self._add(phrase if len(clean) > 1 else clean[0], ORGANISATION)
            self._org_roles(actor, start, end)
            return [self._mention(start, end, tokens, actor.name)]
        # Capitalised role words inside the run: "Education Secretary Gillian Keegan".
        cut = _after_last_role(lower)
        name_tokens = clean[cut:]
        if 2 <= len(name_tokens) <= 3 and all(t[:1].isupper() and not t.isupper() for t in name_tokens) and (
                cut or self._looks_like_person(start, end, name_tokens)):
            name_start = self.text.index(tokens[cut], start) if cut else start
            actor = self._add(" ".join(name_tokens), PERSON, self._gender_of_first_name(name_tokens[0]))
            if cut:
                actor.roles.add(role_of(lower[cut - 1]) or lower[cut - 1])
            self._tie(actor, name_start, end)
            return [self._mention(name_start, _end_of(self.text, name_start, tokens[cut:]), tokens[cut:], actor.name)]
        return []

    def _titled_person(self, start: int, end: int, tokens: Tokens, clean: Tokens, lower: Tokens) -> list[Mention]:
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
        name = " ".join([*judicial[:1], *rest])
        if len(rest) == 1 and not judicial:
            self._titled.append((name, gender, start))
            return [self._mention(start, end, tokens, name)]
        actor = self._add(name, PERSON, gender)
        if judicial:
            actor.roles.add("judge")
        self._tie(actor, start, end)
        return [self._mention(start, end, tokens, actor.name)]

    def _is_organisation(self, clean: Tokens, lower: Tokens) -> bool:
        w = _words()
        if len(clean) == 1:
            word = clean[0]
            if _ACRONYM.fullmatch(word) and word not in w["not_orgs"]:
                return True  # an acronym: NAHT, DfE
            return False  # "the University": a role noun, resolved in context
        return lower[-1] in w["org_words"] or "of" in lower and any(c in w["org_words"] for c in lower[:-1])

    def _looks_like_person(self, start: int, end: int, tokens: Tokens) -> bool:
        """A two- or three-word run is a person when its context says so."""
        w = _words()
        before = self.text[max(0, start - 40):start].split()
        after = self.text[end:end + 60]
        if before and role_of(before[-1]):
            return True
        if before and before[-1].lower() in _PLACE_BEFORE:
            return False  # "in the North West, who ...": the clause is about someone else
        if _AGE_OR_CLAUSE.match(after):
            return True
        apposition = _APPOSITION.match(after)
        if apposition and any(role_of(x) for x in apposition.group(1).split()):
            return True
        nxt = after.split()[:2]
        if nxt and any(x.strip(",:;.").lower() in w["speech"] for x in nxt):
            return True
        first = tokens[0].lower()
        return first in w["female"] or first in w["male"]

    def _gender_of_first_name(self, first: str) -> str | None:
        w = _words()
        first = first.lower()
        return "female" if first in w["female"] else "male" if first in w["male"] else None

    def _tie(self, actor: Actor, start: int, end: int) -> None:
        """Roles and organisations the text ties to a person around [start, end)."""
        after = self.text[end:end + 120]
        # "senior coroner Heidi Connor", "NAHT general secretary Paul Whiteman", "Ofsted's chief inspector, Sir Martyn"
        phrase, roles = self._words_before(start)
        if roles and role_of(roles[-1]):
            actor.roles.update(r for r in map(role_of, roles) if r)
            org = phrase and roles[-1] not in _KIN and (self._org_name(phrase) or self._name_before_role(phrase))
            if org:
                actor.affiliation = actor.affiliation or org
        # "Sharon Blake, CQC deputy director of operations"
        app = _ORG_ROLE_AFTER.match(after)
        if app and role_of(app.group(2)) and app.group(2) not in _KIN:
            actor.roles.add(role_of(app.group(2)))
            org = self._org_name(app.group(1)) or self._name_before_role(app.group(1))
            if org:
                actor.affiliation = actor.affiliation or org
        # "Paul Whiteman, general secretary of NAHT", "Julia Waters, sister of Ruth Perry"
        app = _ROLE_OF_ORG_AFTER.match(after)
        if app and role_of(app.group(2)):
            actor.roles.add(role_of(app.group(2)))
            org = app.group(3) and app.group(2).lower() not in _KIN and (
                self._org_name(app.group(3)) or self._name_before_role(app.group(3)))
            if org:
                actor.affiliation = actor.affiliation or org
        of = _OF_ORG.match(after)
        if of and self._org_name(of.group(1)):
            actor.affiliation = actor.affiliation or self._org_name(of.group(1))

    def _words_before(self, start: int) -> tuple[str | None, list[str]]:
        """The capitalised phrase and up to two lower-case words right before ``start`` on its line."""
        before = self.text[max(0, start - 80):start]
        words = before[before.rfind("\n") + 1:].rstrip(" \t,").split()[-8:]
        roles: list[str] = []
        while words and len(roles) < 2 and _LOWER_WORD.fullmatch(words[-1]):
            roles.insert(0, words.pop())
        caps: list[str] = []
        while roles and words and _CAP_WORD.fullmatch(words[-1]):
            caps.insert(0, words.pop())
        return (" ".join(caps) or None), roles

    def _org_roles(self, actor: Actor, start: int, end: int) -> None:
        """Role nouns next to an organisation: "union NAHT", "NAHT, the school leaders' union"."""
        roles = _words()["org_roles"]
        before = self.text[max(0, start - 25):start].split()
        if before and _bare(before[-1]).lower() in roles:
            actor.roles.add(_bare(before[-1]).lower())
        m = _ORG_ROLE_NEXT.match(self.text[end:end + 50])
        if m and m.group(1) in roles:
            actor.roles.add(m.group(1))

    def _name_before_role(self, phrase: str) -> str | None:
        """"Eastbridge chief executive X", "Save Ashvale Fields chair X": the name before a
        job title is the organisation the job is at, unless it names a person."""
        phrase = _bare(phrase.strip())
        known = self._alias.get(phrase.lower()) or self._org_starting(phrase)
        if known and self.kind_of(known) == PERSON or phrase.split()[0].lower() in _words()["not_names"]:
            return None
        if phrase.split()[0].lower() in _words()["titles"]:
            return None  # "Mr Mirza's barrister": a person's, not an organisation's
        if not known and " " not in phrase and not phrase.isupper():
            return None  # "Health Secretary", "Nursing student": a field, not an organisation
        return self._add(known or phrase, ORGANISATION).name

    def _org_starting(self, phrase: str) -> str | None:
        """The one organisation whose name starts with ``phrase`` ("Eastbridge" -> "Eastbridge Homes")."""
        prefix = phrase.lower() + " "
        found = [a.name for a in self.actors.values() if a.kind == ORGANISATION and a.name.lower().startswith(prefix)]
        return found[0] if len(found) == 1 else None

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
        if _SHORT_NAME.fullmatch(phrase) and any(c.isupper() for c in phrase[1:]) and phrase not in w["not_orgs"]:
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

    def _short_form(self, start: int, end: int, tokens: Tokens) -> Mention | None:
        """A mention by a short form the document has defined ("Perry", "Sir Martyn")."""
        w = _words()
        clean, lower = _cleaned(tokens)
        skip = 0
        while skip < len(clean) and lower[skip] in w["titles"]:
            skip += 1
        for size in range(min(len(clean) - skip, 3), 0, -1):
            name = self._alias.get(" ".join(clean[skip:skip + size]).lower())
            if name:
                named = tokens[:skip + size]
                return self._mention(start, _end_of(self.text, start, named), named, name)
        # The first words of an organisation's name: "Southvale Water" for "Southvale Water Services Ltd",
        # "Cambria said" for "Cambria Sea Lines" (not "in Reading" for "Reading Borough Council").
        if not skip:
            name = self._org_prefixes().get(" ".join(clean).lower())
            if name:
                before = self.text[max(0, start - 8):start].split()
                if len(clean) >= 2 or not before or before[-1].lower() not in _PLACE_PREPOSITIONS:
                    return self._mention(start, end, tokens, name)
        return None

    def _org_prefixes(self) -> dict[str, str]:
        if self._prefixes is None:
            found: dict[str, set[str]] = {}
            for actor in self.actors.values():
                words = actor.name.split()
                if actor.kind == ORGANISATION:
                    for k in range(1, len(words)):
                        found.setdefault(" ".join(words[:k]).lower(), set()).add(actor.name)
            self._prefixes = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
        return self._prefixes

    # ----- queries -----------------------------------------------------------

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        return self.mentions[i:bisect.bisect_left(self._starts, end, i)]

    def involved(self, start: int, end: int, subjects: list[tuple[int, str]]) -> list[str]:
        """Who a sentence involves: names, role nouns ("the coroner", "a council") and subject pronouns."""
        names = [m.name for m in self.within(start, end)]
        for m in _ROLE_NP.finditer(self.text, start, end):
            role = role_of(m.group(1)) or m.group(1).lower()
            name = self.by_role(role, m.start())
            if name:
                names.append(name)
        for m in SUBJECT_PRONOUN.finditer(self.text, start, end):
            name = self.subject_before(m.start(), gender_of_pronoun(m.group(1)), subjects)
            if name:
                names.append(name)
        return list(dict.fromkeys(names))

    def organisation(self, phrase: str) -> str:
        """The organisation a capitalised phrase names, learning it when new."""
        phrase = _bare(phrase.strip())
        return (self._alias.get(phrase.lower()) or self._org_starting(phrase)
                or self._add(phrase, ORGANISATION).name)

    def unnamed_person(self, phrase: str) -> str:
        """A person the text never names ("One primary head"), known by that phrase."""
        return self._add(phrase, PERSON).name

    def last_organisation(self, offset: int) -> str | None:
        """The organisation named last before ``offset`` (within the last few mentions)."""
        return next((m.name for m in reversed(self._before(offset)) if self.kind_of(m.name) == ORGANISATION), None)

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
        """The most recent subject (person) before ``offset`` matching ``gender``.

        Only the last few subjects and mentions are looked at: a pronoun refers
        back a few sentences, not across a whole archive-sized document.
        """
        recent = [name for pos, name in subjects[-_RECENT:] if pos < offset and self.kind_of(name) == PERSON]
        for name in reversed(recent):
            if self.gender_of(name) in (gender, None):
                self.actors[name].gender = gender  # the pronoun tells us
                return name
        for mention in reversed(self._before(offset)):
            if self.kind_of(mention.name) == PERSON and self.gender_of(mention.name) == gender:
                return mention.name
        return None

    def _before(self, offset: int) -> list[Mention]:
        """The last few mentions before ``offset``."""
        i = bisect.bisect_left(self._starts, offset)
        return self.mentions[max(0, i - _RECENT):i]

    def by_role(self, role: str, offset: int) -> str | None:
        """The actor the document has tied to ``role``: the last one named before ``offset``."""
        names = self._holders(role)
        if not names:
            return None
        last = next((m.name for m in reversed(self._before(offset)) if m.name in names), None)
        if last is not None:
            return last
        return next((m.name for m in self.mentions if m.name in names), min(names))

    def _holders(self, role: str) -> set[str]:
        """The actors holding ``role`` or a role it is a synonym of. Roles are indexed once the
        cast is built, so each role's holders are worked out once and kept."""
        holders = self._holders_of.get(role)
        if holders is None:
            heads = _words()["synonyms"].get(role, {role})
            holders = self._holders_of[role] = set().union(*(self._roles.get(head, ()) for head in heads))
        return holders

    def _index_roles(self) -> dict[str, set[str]]:
        """Role noun -> actors holding it, from the text and from the registry."""
        index: dict[str, set[str]] = {}
        for actor in self.actors.values():
            known = self.registry.lookup(actor.name)
            for role in actor.roles | set(known.roles if known else ()):
                index.setdefault(role, set()).add(actor.name)
        return index


def gender_of_pronoun(pronoun: str) -> str:
    return "female" if pronoun.lower() in _FEMALE else "male"
