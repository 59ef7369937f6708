"""Time expressions in one sentence, resolved against the publication date.

``find_dates(sentence, published)`` returns one ``DateMention`` per expression,
in order and without overlaps. The grammar is a set of date forms (``_FORMS``),
each an anchored regex with named groups, optionally preceded by a qualifier or
preposition ("by", "in early", "the end of"). Matches are tried only at tokens
that can start a date near a token every date holds (a digit, a month, "week",
"today", ...), with the small regex for that token's kind, and every
quantifier is bounded: cost is linear in the sentence length. Words come from
``timeline/rules/dates.yaml``; underspecified dates ("in January", "on Friday")
take the direction of the clause's tense (``timeline.tense``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import accumulate

from dateutil.easter import easter
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from timeline.periods import format_date
from timeline.rules_data import FOLDS_TO_ASCII, rules, trie
from timeline.tense import FUTURE, PAST, PRESENT, passive_before, tense_at

_R = rules("dates")


@dataclass(frozen=True)
class DateMention:
    """One time expression of a sentence and the date it names."""

    start: int  # char offsets of the expression in the sentence
    end: int
    text: str  # sentence[start:end]
    value: str | None  # ISO at its precision; None when it needs a missing publication date
    precision: str | None  # "year" | "month" | "week" | "day" | None
    qualifier: str | None  # None or one of early, mid, late, before, by, after, about
    relative: bool  # resolved against the publication date
    optional: bool  # seasons, eras, ranges counted back, deadlines counted on: may be dropped


# ---------------------------------------------------------------- vocabulary


# Letters a case-insensitive match takes for ASCII ones that lower() does not turn into them.
_ASCII_FOLDS = str.maketrans(FOLDS_TO_ASCII, "iis")


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """A phrase as the word lists spell it: lower case, single spaces, straight apostrophes, no trailing dot."""
    return " ".join(text.translate(_ASCII_FOLDS).lower().replace("’", "'").split()).rstrip(".")


def _phrases(words) -> str:
    """Case-insensitive alternation of phrases, any short run of spaces inside, the longest phrase winning.

    The phrases are factored by shared prefixes, so a try reads each letter once instead of once
    per phrase. The longest still wins as in a longest-first alternation: phrases that match at one
    place are prefixes of each other, so they lie on one path of the prefix tree, and each optional
    ending is tried only after the longer phrases through it. A look-ahead for the phrases' first
    characters comes first: where none can start, the try fails at once.
    """
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?i:(?=[{firsts}]){trie(words, space=_WS)})"


def _proper(words) -> str:
    """Alternation of proper nouns, capitalised or in capitals, as whole words."""
    forms = {f for w in words for f in (w.capitalize(), w.upper())}
    return r"\b(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b"


_MONTHS = {**_R["months"], **_R["month_abbreviations"]}
_WEEKDAYS = {**_R["weekdays"], **_R["weekday_abbreviations"]}
_SEASONS = {**_R["seasons"], **_R["determined_seasons"]}
_HOLIDAYS = {_key(name): spec for name, spec in {**_R["holidays"], **_R["holiday_periods"]}.items()}
_HOLIDAY_PERIODS = {_key(name) for name in _R["holiday_periods"]}
_NUMBERS = _R["number_words"]
_QUAL_PREPS = _R["qualifier_prepositions"]
_PARTS = _R["period_parts"]
_DIRECTIONS = _R["period_directions"]
_ACADEMIC = _R["academic_years"]
_YEAR_MIN, _YEAR_MAX = _R["year_range"]
_RD_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

# ---------------------------------------------------------------- grammar

_WS = r"\s{1,3}"
_OWS = r"\s{0,3}"
_FULL_MONTH = _proper(_R["months"])
_ANY_MONTH = rf"(?:{_FULL_MONTH}|{_proper(_R['month_abbreviations'])}(?:\.(?=\s{{1,3}}\d))?)"
_FULL_WEEKDAY = _proper(_R["weekdays"])
_ANY_WEEKDAY = rf"(?:{_FULL_WEEKDAY}|{_proper(_R['weekday_abbreviations'])}\.?)"
_NUMBER = rf"(?:{_phrases(_NUMBERS)}|\d{{1,3}})"
_UNIT = _phrases(_R["count_units"])
_HOLIDAY = "|".join(
    re.escape(form).replace(r"\ ", r"\s{1,3}").replace("'", "['’]")
    for name in sorted(_HOLIDAYS, key=len, reverse=True)
    for form in (name.title().replace("'S", "'s"), name.upper())
)


def _day(name: str, lead: bool = True) -> str:
    guard = r"(?<![\w.,:/£$€#-])" if lead else ""
    return rf"{guard}(?P<{name}>\d{{1,2}})(?:st|nd|rd|th)?(?!\w|[:.,/]\d|\s?%)"


def _year(name: str, followed: bool = False) -> str:
    """Four digits not inside a larger number; ``followed`` when a separator and more digits come next."""
    after = "" if followed else r"(?!\w|[.,:/]\d|\s?%|\s?per\s?cent)"
    return rf"(?<![\w.,£$€#])(?P<{name}>\d{{4}}){after}"


def _year_tail(p: str) -> str:
    """An optional year after a day or month: ", 2023", "in 2022", "last year"."""
    return (
        rf"(?:,?{_WS}(?:(?i:in|of){_WS})?{_year(p + '_y')}"
        rf"|{_WS}(?P<{p}_yrel>(?i:last|next|this)){_WS}(?i:year)\b)?"
    )


def _second_day(p: str) -> str:
    return rf"(?:{_OWS}(?:and|&|to|or|-|–){_OWS}{_day(p + '_d2', lead=False)})?"


_FORMS = {
    "iso": r"(?<![\w.-])(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?![\w-])",
    "numeric": r"(?<![\w./-])(?P<num_d>\d{1,2})/(?P<num_m>\d{1,2})/(?P<num_y>\d{4})(?![\w/])",
    "academic": rf"{_year('ac_y', followed=True)}(?:/|-|–)(?P<ac_y2>\d{{4}}|\d{{2}})(?!\w|[/.,]\d)",
    "dmy": (
        rf"(?:(?P<a_wd>{_ANY_WEEKDAY}),?{_WS}(?:the{_WS})?)?{_day('a_d')}{_second_day('a')}"
        rf"{_WS}(?:of{_WS})?(?P<a_m>{_ANY_MONTH}){_year_tail('a')}"
    ),
    "mdy": (
        rf"(?:(?P<b_wd>{_ANY_WEEKDAY}),?{_WS})?(?P<b_m>{_ANY_MONTH}){_WS}(?:the{_WS})?{_day('b_d')}"
        rf"{_second_day('b')}{_year_tail('b')}"
    ),
    "month_year": (
        rf"(?P<c_m>{_ANY_MONTH})(?:,?{_WS}(?:(?i:of|in){_WS})?{_year('c_y')}"
        rf"|{_WS}(?P<c_yrel>(?i:last|next|this)){_WS}(?i:year)\b)"
    ),
    "relative_month": rf"(?P<d_dir>(?i:last|next|this)){_WS}(?P<d_m>{_FULL_MONTH})",
    "weekday": (
        rf"(?:(?P<e_dir>(?i:last|next|this)){_WS})?(?P<e_wd>{_FULL_WEEKDAY})"
        rf"(?:{_WS}{_phrases(_R['day_parts'])}\b)?"
    ),
    "relative_day": (
        rf"(?<!\w)(?P<f_word>{_phrases(_R['relative_days'])})(?!\w)"
        rf"(?:{_WS}{_phrases(_R['day_parts'])}\b)?(?!{_WS}{_phrases(_R['relative_day_blockers'])})"
    ),
    "ago": rf"(?<!\w)(?P<g_n>{_NUMBER}){_WS}(?P<g_u>{_UNIT})s?{_WS}(?i:ago)\b",
    "last_n": (
        rf"(?<!\w)(?i:in|over|during){_WS}(?i:the){_WS}(?i:last|past){_WS}"
        rf"(?:(?P<h_n>{_NUMBER}){_WS})?(?P<h_u>{_UNIT})s?\b(?!{_WS}of\b)"
    ),
    "deadline": rf"(?<!\w)(?P<i_n>{_NUMBER}){_WS}(?P<i_u>{_UNIT})s?(?={_WS}(?i:to|in{_WS}which{_WS}to){_WS}[a-z])",
    "period": (
        rf"(?<!\w)(?:(?P<j_hedge>{_phrases(_R['period_hedges'])}){_WS})?(?P<j_dir>{_phrases(_DIRECTIONS)}){_WS}"
        rf"(?P<j_u>{_phrases(list(_ACADEMIC) + _R['period_units'])})\b"
    ),
    "season": (
        rf"(?<!\w)(?:(?P<k_det>{_phrases(_R['season_determiners'])}){_WS})?(?P<k_s>{_phrases(_SEASONS)})(?!\w)"
        rf"{_year_tail('k')}"
    ),
    "weekend": r"(?<!\w)(?i:the)\s{1,3}(?i:weekend)\b",
    "new_year": r"(?<!\w)(?i:the)\s{1,3}(?i:new)\s{1,3}(?i:year)\b(?!['’])",
    "holiday": rf"\b(?P<o_h>{_HOLIDAY})(?!\w){_year_tail('o')}",
    "decade": r"(?<![\w.,£$€#])(?P<p_dec>(?:1\d|20)\d0)['’]?s(?!\w)",
    "in_time": rf"(?<!\w)(?i:in){_WS}(?P<q_n>{_NUMBER}){_WS}(?P<q_u>{_UNIT})s?['’]?s?{_WS}(?i:time)\b",
    "year": _year("m_y"),
    "month": rf"(?P<n_m>{_FULL_MONTH})",
}

_PREP = re.compile(rf"(?P<prep>{_phrases(set(_QUAL_PREPS) | set(_R['plain_prepositions']))}){_WS}")
_PART = re.compile(rf"(?P<part>{_phrases(_PARTS)})(?:-|{_WS})")


def _compile(*names: str) -> re.Pattern[str]:
    """The listed forms as one alternation, in priority order, each in a group named for it."""
    return re.compile("|".join(f"(?P<{name}>{_FORMS[name]})" for name in names))


# The forms that can start with each kind of token: one small regex per kind keeps a failed try cheap.
_BY_DIGIT = _compile("iso", "numeric", "academic", "dmy", "ago", "deadline", "decade", "year")
_BY_MONTH = _compile("mdy", "month_year", "month")
_BY_WEEKDAY = _compile("dmy", "mdy", "weekday")
_BY_WORD = _compile(
    "relative_month", "weekday", "relative_day", "ago", "last_n", "in_time", "deadline", "weekend", "new_year",
    "period", "season",
)
_BY_HOLIDAY = _compile("holiday")


def _variants(phrases) -> set[str]:
    """Each word of the phrases as written in text: lower case, capitalised, capitals."""
    words = {w for p in phrases for w in re.findall(r"[^\W\d_]+", str(p))}
    return {f for w in words for f in (w, w.capitalize(), w.upper())}


def _proper_forms(words) -> set[str]:
    return {f for w in words for f in (w.capitalize(), w.upper())}


_MONTH_WORDS = _proper_forms(_MONTHS)
_WEEKDAY_WORDS = _proper_forms(_WEEKDAYS)
_HOLIDAY_WORDS = {word.split()[0] for word in _proper_forms(_HOLIDAYS)}
# Words every date expression holds one of (or a digit): a sentence without any has no date.
_TRIGGERS = frozenset(
    _MONTH_WORDS
    | _WEEKDAY_WORDS
    | _HOLIDAY_WORDS
    | _variants(list(_R["relative_days"]) + _R["day_parts"] + list(_SEASONS) + ["ago"])
    | _variants([unit + plural for unit in _R["period_units"] + _R["count_units"] for plural in ("", "s")])
)
# A token that can anchor a date, after the character before it: an ASCII digit, or a trigger as a
# whole run of letters. Every anchor of find_dates matches here (a run of digits sorting before ":"
# starts with 0-9), so a sentence without a match has no date, found in one pass instead of a split
# into words. Starting with a character class lets the search skip ahead in C.
_ANCHOR = re.compile(rf"[^A-Za-z](?:[0-9]|{trie(_TRIGGERS, space=_WS, fold_case=False)}(?![A-Za-z]))")
# Other words a date expression can start with: the only places a match is tried.
_WORD_STARTERS = frozenset(
    _variants(
        list(_QUAL_PREPS) + _R["plain_prepositions"] + list(_PARTS) + list(_DIRECTIONS) + _R["period_hedges"]
        + list(_R["relative_days"]) + list(_NUMBERS) + _R["season_determiners"] + list(_SEASONS)
    )
)
_STARTERS = _MONTH_WORDS | _WEEKDAY_WORDS | _HOLIDAY_WORDS | _WORD_STARTERS
# The words a form of _BY_WORD can begin with: the first words of its phrase lists, and the words
# spelt out in _FORMS ("last" in "relative_month", "in" in "last_n", "the" in "weekend", ...).
# A preposition or period part alone ("of", "early") starts none: it is matched by _PREP or _PART.
_BY_WORD_STARTERS = frozenset(
    _variants(
        phrase.split()[0]
        for phrase in list(_R["relative_days"]) + list(_NUMBERS) + _R["period_hedges"] + list(_DIRECTIONS)
        + _R["season_determiners"] + list(_SEASONS) + ["last", "next", "this", "in", "over", "during", "the"]
    )
)
_PREFIX_WORDS = frozenset(_variants(list(_QUAL_PREPS) + _R["plain_prepositions"] + list(_PARTS)))
# Most words a date expression can have before its first trigger ("no later than the end of next month").
_REACH = 10
_TOKEN = re.compile(r"\d+|[A-Za-z]+")  # date words are ASCII; the regexes guard word boundaries
_SPLIT = re.compile(f"({_TOKEN.pattern})")  # the tokens, kept by re.split
# What surrounds a bare four-digit number that is a year.
_BARE_YEAR_BEFORE = re.compile(r"(?:^|[(\[,;:–—]\s{0,3})$")
_BARE_YEAR_AFTER = re.compile(r"\s{0,3}(?:[)\].,;:!?]|$)")
_NEXT_WORD = re.compile(r"\s{0,3}(?:(?P<punct>[^\w\s]|$)|(?P<capital>[A-Z])|(?P<word>\w+))")
_DETERMINER_BEFORE = re.compile(rf"(?<!\w){_phrases(_R['year_determiners'])}\s{{1,3}}$")
_SINGULAR_NEXT = re.compile(r"(?:\s{1,3}(?:[a-z]*ss|[a-z]*[a-rt-z])|['’]s)\b")


def _core_at(sentence: str, pos: int, word: str | None = None) -> re.Match[str] | None:
    """A date form starting exactly at ``pos`` (where ``word`` starts), tried with the regex for its kind."""
    if word is None:
        token = _TOKEN.match(sentence, pos)
        if token is None:
            return None
        word = token.group()
    if word < ":":  # a number: "0"-"9" sort before ":"
        return _BY_DIGIT.match(sentence, pos)
    if word in _MONTH_WORDS:
        return _BY_MONTH.match(sentence, pos)
    if word in _WEEKDAY_WORDS:
        return _BY_WEEKDAY.match(sentence, pos)
    if word in _HOLIDAY_WORDS:
        return _BY_HOLIDAY.match(sentence, pos)
    if word in _BY_WORD_STARTERS:
        return _BY_WORD.match(sentence, pos)
    return None


@dataclass(frozen=True)
class _Prefix:
    """The words before a date form: a preposition ("by", "in") and a period part ("early", "the end of")."""

    prep: str = ""
    part: str = ""
    prep_start: int = -1
    part_start: int = -1

    @property
    def qualifier(self) -> str | None:
        """A preposition's qualifier ("by", "since") wins over a period part's ("early")."""
        return _QUAL_PREPS.get(self.prep) or _PARTS.get(self.part)

    def start(self, core_start: int) -> int:
        """Where the expression starts: a qualifier belongs to it, a plain preposition does not."""
        if self.prep in _QUAL_PREPS:
            return self.prep_start
        return self.part_start if self.part else core_start


_NO_PREFIX = _Prefix()


def _date_at(sentence: str, pos: int, word: str) -> tuple[re.Match[str], _Prefix] | None:
    """The longest reading at ``pos``: preposition and part, preposition only, or the form alone."""
    if word in _PREFIX_WORDS:  # the prefix is built only once a form follows it: most tries fail
        prep = _PREP.match(sentence, pos)
        at = prep.end() if prep else pos
        part = _PART.match(sentence, at)
        if part:
            m = _core_at(sentence, part.end())
            if m is not None:
                return m, _Prefix(_key(prep["prep"]) if prep else "", _key(part["part"]), pos if prep else -1, at)
        if prep:
            m = _core_at(sentence, prep.end())
            if m is not None:
                return m, _Prefix(_key(prep["prep"]), "", pos)
    m = _core_at(sentence, pos, word)
    return (m, _NO_PREFIX) if m is not None else None


# ---------------------------------------------------------------- resolution


@dataclass(frozen=True)
class _Found:
    """A parsed expression before it becomes a mention; month/day/year kept for spans."""

    start: int
    end: int
    value: str | None
    precision: str | None
    relative: bool
    optional: bool = False
    month: int | None = None
    day: int | None = None
    year: int | None = None  # stated in the text


def _year_value(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year out of range: {year}")
    return f"{year:04d}"


def _month_year(month: int, direction: str, published: date) -> int:
    """The year of the nearest such month in the tense's direction (this month counts)."""
    past = published.year if month <= published.month else published.year - 1
    future = published.year if month >= published.month else published.year + 1
    if direction == PAST:
        return past
    if direction == FUTURE:
        return future
    return past if (published.month - month) % 12 < (month - published.month) % 12 else future  # a tie looks ahead


def _nearest_day(month: int, day: int, direction: str, published: date, weekday: int | None) -> date | None:
    """The nearest valid such day in the tense's direction, agreeing with a stated weekday if possible."""
    candidates = []
    for year in range(published.year - 4, published.year + 5):  # 29 February comes every four years
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    ranked = _by_direction(candidates, direction, published)
    matching = [d for d in ranked if weekday is not None and d.weekday() == weekday]
    return (matching or ranked or [None])[0]


def _by_direction(candidates: list[date], direction: str, published: date) -> list[date]:
    """Candidate days, the ones on the tense's side of P first, nearest first."""

    def rank(d: date) -> tuple[bool, int]:
        wrong_side = (d > published) if direction == PAST else (d < published) if direction == FUTURE else False
        return wrong_side, abs((d - published).days)

    return sorted(candidates, key=rank)


def _holiday_date(spec: dict, year: int) -> date:
    if "easter" in spec:
        return easter(year) + timedelta(days=spec["easter"])
    if "weekday" in spec:
        return date(year, spec["month"], 1) + relativedelta(weekday=_RD_WEEKDAYS[spec["weekday"]](spec["nth"]))
    return date(year, spec["month"], spec["day"])


def _weekday_date(weekday: int, how: str, published: date) -> date:
    """The weekday nearest P: "last"/"next" exclude P, past/future tense include it."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if how == "last":
        return published - timedelta(days=back or 7)
    if how == "next":
        return published + timedelta(days=ahead or 7)
    if how == "this":
        return published + timedelta(days=weekday - published.weekday())
    if how == PAST or (how == PRESENT and back <= ahead):
        return published - timedelta(days=back)
    return published + timedelta(days=ahead)


def _shift(published: date, unit: str, count: int) -> tuple[str, str]:
    """P moved by ``count`` units, written at the unit's precision."""
    unit = unit.lower()
    if unit == "fortnight":
        unit, count = "week", 2 * count
    if unit == "day":
        return (published + timedelta(days=count)).isoformat(), "day"
    if unit == "week":
        return format_date(published + timedelta(weeks=count), "week"), "week"
    if unit == "month":
        years, month = divmod(published.month - 1 + count, 12)
        return f"{_year_value(published.year + years)}-{month + 1:02d}", "month"
    return _year_value(published.year + count), "year"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[_key(text)]


# Date words that belong to names or to the modal "may".
_CAPITALISED_NEXT = re.compile(r"\s{1,3}[A-Z][a-z]")
_WEEKDAY_NAME = re.compile(rf"\b(?:{_phrases(_R['weekday_names'])})\b")
_TITLE_BEFORE = re.compile(rf"\b(?:{'|'.join(_R['titles'])})\.?\s{{1,3}}$")
_MODAL_NEXT = re.compile(rf"\s{{1,3}}(?:{'|'.join(_R['modal_followers'])})\b")


class _Parser:
    """Turns a match into a ``_Found``; holds the sentence, the publication date and the match."""

    def __init__(self, sentence: str, published: date | None):
        self.sentence = sentence
        self.published = published

    def parse(self, m: re.Match[str], prefix: _Prefix, in_span: bool = False) -> _Found | None:
        """The date a match names, or None when its context says it is not a date."""
        self.m, self.prefix, self.in_span = m, prefix, in_span
        self.start = prefix.start(m.start())
        return getattr(self, m.lastgroup)()

    # -- shared helpers

    def found(self, value, precision, relative, optional=False, **parts) -> _Found:
        return _Found(self.start, self.m.end(), value, precision, relative, optional, **parts)

    def direction(self) -> str:
        """Where an underspecified date points: deadlines ahead, "since" back, else the tense.

        "by"/"until" after a passive is not a deadline but a state: "was finished by March".
        """
        if _QUAL_PREPS.get(self.prefix.prep) == "by":
            return tense_at(self.sentence, self.start) if passive_before(self.sentence, self.start) else FUTURE
        if self.prefix.prep == "since":
            return PAST
        return tense_at(self.sentence, self.start)

    def relative(self, compute, optional: bool = False) -> _Found:
        """A date counted from P (``compute(P) -> (value, precision)``); value None without P."""
        if self.published is None:
            return self.found(None, None, True, optional)
        return self.found(*compute(self.published), True, optional)

    def day_month(self, day: int, month: int, year: int | None, yrel: str | None, weekday: int | None) -> _Found:
        """A day of a month, with a stated, relative or missing year (an invalid day falls back to the month)."""
        if year is not None:
            try:
                return self.found(date(year, month, day).isoformat(), "day", False, month=month, day=day, year=year)
            except ValueError:
                return self.month_only(month, year)
        if self.published is None:
            return self.found(None, None, True, month=month, day=day)
        if yrel is not None:
            year = self.published.year + _DIRECTIONS[_key(yrel)]
            try:
                return self.found(date(year, month, day).isoformat(), "day", True, month=month, day=day)
            except ValueError:
                return self.month_only(month, yrel=yrel)
        found = _nearest_day(month, day, self.direction(), self.published, weekday)
        if found is None:
            return self.month_only(month)
        return self.found(found.isoformat(), "day", True, month=month, day=day)

    def month_only(self, month: int, year: int | None = None, yrel: str | None = None) -> _Found:
        """A month with a stated, relative or missing year."""
        if year is not None:
            return self.found(f"{_year_value(year)}-{month:02d}", "month", False, month=month, year=year)
        if self.published is None:
            return self.found(None, None, True, month=month)
        if yrel is not None:
            year = self.published.year + _DIRECTIONS[_key(yrel)]
        else:
            year = _month_year(month, self.direction(), self.published)
        return self.found(f"{_year_value(year)}-{month:02d}", "month", True, month=month)

    # -- one method per form, named as in _FORMS

    def iso(self):
        m = self.m
        d = date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return self.found(d.isoformat(), "day", False, month=d.month, day=d.day, year=d.year)

    def numeric(self):
        """ "08/01/2023" is day/month (British); "12/25/2023" can only be month/day."""
        m = self.m
        day, month = int(m["num_d"]), int(m["num_m"])
        if month > 12 >= day:
            day, month = month, day
        d = date(int(m["num_y"]), month, day)
        return self.found(d.isoformat(), "day", False, month=d.month, day=d.day, year=d.year)

    def academic(self):
        """ "2023/24" (optional, the year the tense points to), "2017-2023" (its start) or "2023-04"."""
        first, tail = int(self.m["ac_y"]), self.m["ac_y2"]
        second = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
        if len(tail) == 2 and second < first:
            second += 100
        if second == first + 1:
            year = first if self.published is None else _year_of_pair(first, self.direction(), self.published)
            return self.found(_year_value(year), "year", False, True, year=first)
        if len(tail) == 2 and 1 <= int(tail) <= 12:
            return self.found(f"{_year_value(first)}-{int(tail):02d}", "month", False, year=first)
        if second > first:
            return self.found(_year_value(first), "year", False, year=first)
        return None

    def dmy(self):
        m = self.m
        if not m["a_y"] and _key(m["a_m"]) in _R["ambiguous_months"] and _MODAL_NEXT.match(self.sentence, m.end()):
            return None  # "Chapter 12 May be read"
        return self.day_month(int(m["a_d"]), _MONTHS[_key(m["a_m"])], _int(m["a_y"]), m["a_yrel"], _weekday(m["a_wd"]))

    def mdy(self):
        m = self.m
        return self.day_month(int(m["b_d"]), _MONTHS[_key(m["b_m"])], _int(m["b_y"]), m["b_yrel"], _weekday(m["b_wd"]))

    def month_year(self):
        return self.month_only(_MONTHS[_key(self.m["c_m"])], _int(self.m["c_y"]), self.m["c_yrel"])

    def relative_month(self):
        """ "last November": the most recent November before P's month; "next March" the first after."""
        month, how = _MONTHS[_key(self.m["d_m"])], _DIRECTIONS[_key(self.m["d_dir"])]

        def compute(p: date):
            year = p.year - (how < 0 and month >= p.month) + (how > 0 and month <= p.month)
            return f"{_year_value(year)}-{month:02d}", "month"

        return self.relative(compute)

    def weekday(self):
        if self.part_of_name(self.m.start("e_wd"), self.m.end("e_wd")):
            return None
        weekday = _WEEKDAYS[_key(self.m["e_wd"])]
        how = _key(self.m["e_dir"]) if self.m["e_dir"] else self.direction()
        return self.relative(lambda p: (_weekday_date(weekday, how, p).isoformat(), "day"))

    def relative_day(self):
        days = _R["relative_days"][_key(self.m["f_word"])]
        return self.relative(lambda p: ((p + timedelta(days=days)).isoformat(), "day"))

    def ago(self):
        count = _number(self.m["g_n"])
        return self.relative(lambda p: _shift(p, self.m["g_u"], -count))

    def last_n(self):
        """ "in the last six months": optional, dated to where the period starts."""
        count = _number(self.m["h_n"]) if self.m["h_n"] else 1
        return self.relative(lambda p: _shift(p, self.m["h_u"], -count), optional=True)

    def in_time(self):
        """ "in two years' time": optional, P moved on by that much."""
        count = _number(self.m["q_n"])
        return self.relative(lambda p: _shift(p, self.m["q_u"], count), optional=True)

    def decade(self):
        """ "the 1990s": optional, dated to the decade's first year."""
        year = int(self.m["p_dec"])
        return self.found(_year_value(year), "year", False, True, year=year)

    def deadline(self):
        """ "56 days to respond": optional, dated to the day the time runs out."""
        count, unit = _number(self.m["i_n"]), self.m["i_u"].lower()
        if unit == "fortnight":
            count, unit = 2 * count, "week"
        return self.relative(lambda p: ((p + relativedelta(**{unit + "s": count})).isoformat(), "day"), optional=True)

    def period(self):
        """ "last week", "this academic year"; "the year" only in "the end of the year", "earlier in the year"."""
        direction, unit = _key(self.m["j_dir"]), _key(self.m["j_u"])
        if direction == "the" and not (self.prefix.part or self.m["j_hedge"]):
            return None
        how = _DIRECTIONS[direction]
        if unit in _ACADEMIC:
            return self.relative(lambda p: (_year_value(self.academic_year(_ACADEMIC[unit], how, p)), "year"),
                                 optional=True)
        return self.relative(lambda p: _shift(p, "week" if unit == "weekend" else unit, how))

    def academic_year(self, first_month: int, how: int, p: date) -> int:
        """The calendar year meant by "this/last academic year": its end for "by the end of", else by tense."""
        first = p.year - (p.month < first_month) + how
        qualifier = self.prefix.qualifier
        if qualifier in ("late", "by"):
            return first + 1
        return first if qualifier == "early" else _year_of_pair(first, self.direction(), p)

    def season(self):
        """ "this summer", "in the spring", "summer 2023": optional, year precision."""
        m, prefix = self.m, self.prefix
        name, det = _key(m["k_s"]), _key(m["k_det"] or "")
        determined = det in ("this", "last", "next") or m["k_y"] or m["k_yrel"]
        if not (determined or prefix.part or prefix.prep in _R["season_prepositions"]):
            return None
        if m["k_s"][0].isupper() and _CAPITALISED_NEXT.match(self.sentence, m.end("k_s")):
            return None  # "the Autumn Statement"
        if name in _R["determined_seasons"] and not determined:
            return None  # "after the fall of the government"
        if m["k_y"]:
            year = int(m["k_y"])
            return self.found(_year_value(year), "year", False, True, year=year)
        if m["k_yrel"]:
            return self.relative(lambda p: _shift(p, "year", _DIRECTIONS[_key(m["k_yrel"])]), optional=True)
        way = {"last": PAST, "next": FUTURE, "this": PRESENT}.get(det) or self.direction()
        return self.relative(lambda p: (_year_value(_season_year(_SEASONS[name], way, det, p)), "year"), optional=True)

    def weekend(self):
        """ "at the weekend": the week of the Saturday the tense points to."""
        return self.relative(lambda p: (format_date(_weekday_date(5, self.direction(), p), "week"), "week"))

    def new_year(self):
        """ "in the new year": optional, the coming January (this one in the first half of a year)."""
        return self.relative(lambda p: (f"{_year_value(p.year + (p.month >= 7))}-01", "month"), optional=True)

    def holiday(self):
        """ "on Christmas Day", "before Easter": the day in the stated year, else the nearest by tense."""
        m, name = self.m, _key(self.m["o_h"])
        spec, optional = _HOLIDAYS[name], name in _HOLIDAY_PERIODS
        if m["o_y"]:
            year = int(m["o_y"])
            return self.found(_holiday_date(spec, year).isoformat(), "day", False, optional, year=year)

        def compute(p: date):
            if m["o_yrel"]:
                return _holiday_date(spec, p.year + _DIRECTIONS[_key(m["o_yrel"])]).isoformat(), "day"
            days = [_holiday_date(spec, year) for year in (p.year - 1, p.year, p.year + 1) if 1 <= year <= 9999]
            return _by_direction(days, self.direction(), p)[0].isoformat(), "day"

        return self.relative(compute, optional)

    def year(self):
        year = int(self.m["m_y"])
        if not _YEAR_MIN <= year <= _YEAR_MAX:
            return None
        if self.in_span and self.year_follows(self.m.end()) or not self.in_span and self.year_context(year):
            return self.found(_year_value(year), "year", False, year=year)
        return None

    def part_of_name(self, start: int, end: int) -> bool:
        """True for a weekday inside a name: "the Mail on Sunday", "Mr Friday"."""
        sentence = self.sentence
        if _TITLE_BEFORE.search(sentence, max(0, start - 8), start):
            return True
        return any(n.start() <= start and end <= n.end()
                   for n in _WEEKDAY_NAME.finditer(sentence, max(0, start - 20), min(len(sentence), end + 20)))

    def year_context(self, year: int) -> bool:
        """A bare four-digit number is a year after a date word, before a singular noun, or between punctuation."""
        prep, end = self.prefix.prep, self.m.end()
        if self.prefix.part or prep and prep not in _R["weak_year_prepositions"]:
            return True
        if year < _R["bare_year_minimum"] and (not prep or prep in _R["list_prepositions"]):
            return False
        if prep:
            return self.year_follows(end)
        start = self.m.start()
        before = self.sentence[max(0, start - 8):start]
        if _DETERMINER_BEFORE.search(before):
            return _SINGULAR_NEXT.match(self.sentence, end) is not None
        return _BARE_YEAR_BEFORE.search(before) is not None and _BARE_YEAR_AFTER.match(self.sentence, end) is not None

    def year_follows(self, end: int) -> bool:
        """What comes after a number can follow a year: punctuation, a capital, a function word."""
        nxt = _NEXT_WORD.match(self.sentence, end)
        return bool(nxt["punct"] is not None or nxt["capital"] or _key(nxt["word"]) in _R["year_followers"])

    def month(self):
        """A month named alone: "May" and "March" need a date word, "April Jones" is a name."""
        name = _key(self.m["n_m"])
        dated = self.prefix.part or self.prefix.prep in _R["month_prepositions"] or self.in_span
        if name in _R["ambiguous_months"] and not dated:
            return None
        if name in _R["name_months"] and not dated and _CAPITALISED_NEXT.match(self.sentence, self.m.end()):
            return None
        return self.month_only(_MONTHS[name])


def _year_of_pair(first: int, way: str, p: date) -> int:
    """Which year of an academic year ("2023/24") the tense points to: the one nearest P on its side."""
    if way == PAST:
        return first + 1 if first + 1 <= p.year else first
    if way == FUTURE:
        return first if first >= p.year else first + 1
    return p.year if p.year in (first, first + 1) else first


def _season_year(months: list[int], way: str, det: str, p: date) -> int:
    """The year (of its first month) of the season meant: the last one, this one or the next one."""
    first, last = months[0], months[-1]
    wraps = first > last  # winter: December to February
    if way == PRESENT:
        return p.year - (wraps and p.month <= last)
    if way == PAST:
        over = not wraps and last < p.month
        started = first <= p.month
        return p.year if (over if det == "last" else started) else p.year - 1
    upcoming = first > p.month
    ongoing = not wraps and first <= p.month <= last
    return p.year if (upcoming if det == "next" else upcoming or ongoing) else p.year + 1


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _weekday(text: str | None) -> int | None:
    return _WEEKDAYS[_key(text)] if text else None


# ---------------------------------------------------------------- scanning


def find_dates(sentence: str, published: date | None) -> list[DateMention]:
    """Every time expression in the sentence, in order, resolved against ``published``."""
    # A cheap check first: most sentences hold no number and no date word. The space before
    # the sentence stands for the character before an anchor at its very start.
    if _ANCHOR.search(" " + sentence) is None:
        return []
    parts = _SPLIT.split(sentence)  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    anchors = [i for i, word in enumerate(words) if word < ":" or word in _TRIGGERS]
    starts = list(accumulate(map(len, parts)))[0::2]  # where each word starts
    parser = _Parser(sentence, published)
    mentions: list[DateMention] = []
    pos = 0
    for i in _candidates(words, anchors):
        if starts[i] < pos:
            continue
        hit = _date_at(sentence, starts[i], words[i])
        found = hit and _safe_parse(parser, *hit)
        if not found:
            continue
        span = _extend_span(parser, *hit, found)
        if span is None:
            continue
        found, qualifier = span
        pos = found.end
        mentions.append(
            DateMention(found.start, found.end, sentence[found.start:found.end], found.value,
                        found.precision, qualifier, found.relative, found.optional)
        )
    return _merge_parentheses(sentence, mentions)


def _candidates(words: list[str], anchors: list[int]):
    """Indices of the tokens a date can start at: starter words up to _REACH tokens before an anchor."""
    done = -1
    for anchor in anchors:
        for i in range(max(done + 1, anchor - _REACH), anchor + 1):
            if words[i] < ":" or words[i] in _STARTERS:
                yield i
        done = anchor


def _safe_parse(parser: _Parser, m: re.Match[str], prefix: _Prefix, in_span: bool = False) -> _Found | None:
    """The parse, or None when a calendar value is out of range (never an exception)."""
    try:
        return parser.parse(m, prefix, in_span)
    except (ValueError, OverflowError):
        return None


# Spans and parenthesised restatements: "from March to May", "today (Weds 17 Jan)".
_JOIN = re.compile(rf"{_OWS}(?P<join>{_phrases(_R['span_joiners'])}){_OWS}")
_OPEN_PAREN = re.compile(r"\s{0,3}\(\s{0,3}")
_CLOSE_PAREN = re.compile(r"\s{0,3}\)")


def _extend_span(parser: _Parser, m: re.Match[str], prefix: _Prefix, found: _Found) -> tuple[_Found, str | None] | None:
    """ "from March to May", "between 2017 and 2023": one mention dated by its start, with its qualifier.

    None when the span shows the start was a count ("between 2000 and 3000 teachers").
    """
    qualifier = prefix.qualifier
    join = _JOIN.match(parser.sentence, found.end)
    opener = prefix.prep in _R["span_openers"]
    if join is None or (_key(join["join"]) == "and" and prefix.prep != "between"):
        return found, qualifier
    end = _core_at(parser.sentence, join.end())
    second = end and _safe_parse(parser, end, _NO_PREFIX, in_span=True)
    if not second or (second.precision is None) != (found.precision is None):
        count = opener and m.lastgroup == "year" and parser.sentence[join.end():join.end() + 1].isdigit()
        return None if count else (found, qualifier)
    found = replace(found, start=prefix.prep_start if opener else found.start, end=second.end)
    if found.year is None and second.year is not None and found.month is not None:
        found = _with_year(found, second)
    return found, (None if opener else qualifier)


def _with_year(first: _Found, second: _Found) -> _Found:
    """The start of a span takes the year stated at its end ("between January and March 2023")."""
    year = second.year - (second.month is not None and first.month > second.month)
    try:
        if first.day is not None:
            return replace(first, value=date(year, first.month, first.day).isoformat(), precision="day", relative=False)
        return replace(first, value=f"{_year_value(year)}-{first.month:02d}", precision="month", relative=False)
    except ValueError:
        return first


_PRECISION_RANK = {None: -1, "year": 0, "month": 1, "week": 2, "day": 3}


def _merge_parentheses(sentence: str, mentions: list[DateMention]) -> list[DateMention]:
    """ "today (Weds 17 Jan)": one mention, at the more precise of the two dates."""
    merged: list[DateMention] = []
    for mention in mentions:
        prev = merged[-1] if merged else None
        close = _CLOSE_PAREN.match(sentence, mention.end)
        if prev is None or close is None or not _OPEN_PAREN.fullmatch(sentence, prev.end, mention.start):
            merged.append(mention)
            continue
        best = prev if _PRECISION_RANK[prev.precision] >= _PRECISION_RANK[mention.precision] else mention
        merged[-1] = replace(best, start=prev.start, end=close.end(), text=sentence[prev.start:close.end()],
                             qualifier=prev.qualifier or mention.qualifier)
    return merged

