"""The registry of known actors (``data/actors.yaml``): canonical names, aliases, ties.

The registry only canonicalises and links; actors it does not know are still
found in the text by ``timeline.actors``.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from timeline.model import Entry
from timeline.rules_data import SAFE_LOADER

_TITLES = re.compile(r"^(?:the|mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|baroness|justice)\.?\s+", re.I)


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A lookup key: lower case, single spaces, straight apostrophes."""
    return re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip().lower()


@functools.lru_cache(maxsize=65536)
def _untitled(key: str) -> str:
    """A lookup key without its title ("ms perry" -> "perry"): most keys miss the registry
    and are stripped again on every lookup, so the strip is cached."""
    return _TITLES.sub("", key)


@dataclass
class Actor:
    name: str
    kind: str  # "person" or "organisation"
    aliases: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class ActorRegistry:
    actors: list[Actor] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_key: dict[str, Actor] = {}
        for actor in self.actors:
            for alias in [actor.name, *actor.aliases]:
                self._by_key.setdefault(name_key(alias), actor)

    @classmethod
    def load(cls, path: Path) -> ActorRegistry:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
        actors = [_actor(item, "organisation") for item in data.get("organisations") or []]
        actors += [_actor(item, "person") for item in data.get("people") or []]
        return cls(actors)

    def lookup(self, name: str) -> Actor | None:
        """The known actor a name or alias refers to, ignoring case and titles."""
        key = name_key(name)
        return self._by_key.get(key) or self._by_key.get(_untitled(key))

    def members(self, organisation: str) -> list[str]:
        return [a.name for a in self.actors if a.affiliation == organisation]

    def matcher(self, query: str) -> Callable[[Entry], bool]:
        """A predicate for ``--actor QUERY``: aliases count, an organisation matches its people."""
        actor = self.lookup(query)
        if actor:
            names = {name_key(actor.name), *(name_key(m) for m in self.members(actor.name))}
            return lambda entry: bool(names & _entry_names(entry))
        words = name_key(query).split()
        return lambda entry: any(_has_words(name, words) for name in _entry_names(entry))


def _entry_names(entry: Entry) -> set[str]:
    return {name_key(n) for n in [*entry.actors, entry.speaker or ""] if n}


def _has_words(name: str, words: Iterable[str]) -> bool:
    parts = name.split()
    return all(w in parts for w in words)


def _actor(item: dict | str, kind: str) -> Actor:
    if isinstance(item, str):
        return Actor(name=item, kind=kind)
    if not isinstance(item, dict) or not item.get("name"):
        raise ValueError(f"an entry of {kind}s has no name: {item!r}")
    return Actor(
        name=str(item["name"]),
        kind=kind,
        aliases=[str(a) for a in item.get("aliases") or []],
        affiliation=item.get("affiliation"),
        gender=item.get("gender"),
        roles=[str(r) for r in item.get("roles") or []],
    )
