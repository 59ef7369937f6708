"""The HTML page: one self-contained file that reads, prints and filters without fetching anything.

The entries are rendered here as semantic markup (the page works without
JavaScript); the same data rides along as JSON for the inline script, which only
shows and hides what is already there. Every piece of document text goes through
``esc``; the Content-Security-Policy allows nothing but the inline style and
script, pinned by their hashes.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from html import escape
from importlib.resources import files
from string import Template
from typing import TextIO

from timeline.model import EVENT, QUOTE, Entry, Source, Timeline
from timeline.periods import bounds, precision_of
from timeline.render import RenderContext
from timeline.render.json_format import timeline_dict
from timeline.render.labels import plural, source_ids, summary
from timeline.render.markdown import MONTHS, date_label, long_date
from timeline.render.text_safety import clean, web_link

_ASSETS = files("timeline.render").joinpath("assets")


def esc(text: str) -> str:
    """Document text safe in HTML content and attribute values (control characters dropped)."""
    return escape(clean(text), quote=True)


def conflict_label(date_iso: str) -> str:
    return date_label(Entry(EVENT, "", date_iso, precision_of(date_iso)))


def sources_by_id(timeline: Timeline) -> dict[str, Source]:
    return {s.id: s for s in timeline.sources}


def main_actor(entry: Entry) -> str | None:
    """Whom an entry is mostly about: the speaker of a quote, else the first actor."""
    return entry.speaker or next(iter(entry.actors), None)


def source_title(source_id: str, sources: dict[str, Source]) -> str:
    source = sources.get(source_id)
    return source.title if source else source_id


def time_tag(iso: str, label: str) -> str:
    return f'<time datetime="{esc(iso)}">{esc(label)}</time>'


def entry_content(entry: Entry) -> str:
    """The claim of an event, or a quote as an attributed pull quote."""
    if entry.kind == QUOTE:
        speaker = esc(entry.speaker) if entry.speaker else "Unattributed"
        return (f'<figure class="quote"><blockquote><p>{esc(entry.text)}</p></blockquote>'
                f"<figcaption>{speaker}</figcaption></figure>")
    return f'<p class="claim">{esc(entry.text)}</p>'


def cited_title(source_id: str, sources: dict[str, Source]) -> str:
    """A source's title, linked when its front matter gave a web address (never javascript: and the like)."""
    source = sources.get(source_id)
    title = esc(source_title(source_id, sources))
    href = web_link(source.url) if source else None
    if href:
        title = f'<a href="{esc(href)}" rel="noopener noreferrer">{title}</a>'
    return f"<cite>{title}</cite>"


def published_tag(source: Source | None) -> str:
    if not source or not source.published:
        return ""
    return f' <span class="published">{time_tag(source.published.isoformat(), long_date(source.published))}</span>'


def source_item(ref_id: str, sentence: str, sources: dict[str, Source]) -> str:
    return (f'<li><p class="source-title">{cited_title(ref_id, sources)}{published_tag(sources.get(ref_id))}</p>'
            f'<p class="sentence">{esc(sentence)}</p></li>')


def sources_list(entry: Entry, sources: dict[str, Source]) -> str:
    items = "".join(source_item(ref.id, ref.sentence, sources) for ref in entry.sources)
    return f'<ol class="source-refs">{items}</ol>'


def conflicts_note(entry: Entry, sources: dict[str, Source]) -> str:
    """Where sources disagree on the date: each other date and who gives it."""
    if not entry.conflicts:
        return ""
    items = "".join(
        f'<li>{time_tag(c.date, conflict_label(c.date))} according to '
        f'{esc(", ".join(source_title(s, sources) for s in c.sources))}</li>'
        for c in entry.conflicts
    )
    return ('<div class="conflicts"><p><strong>Sources disagree on the date.</strong> Also given:</p>'
            f"<ul>{items}</ul></div>")


def entry_item(index: int, entry: Entry, sources: dict[str, Source]) -> str:
    """One entry as a list item; ``data-index`` points into the embedded JSON."""
    attrs = f'class="entry {esc(entry.kind)}" id="e{index + 1}" data-index="{index}" data-kind="{esc(entry.kind)}"'
    if entry.date:
        first, last = bounds(entry.date)
        attrs += (f' data-start="{first.isoformat()}" data-end="{last.isoformat()}"'
                  f' data-precision="{esc(entry.precision or "")}"')
        when = time_tag(entry.date, date_label(entry))
    else:
        when = '<span class="undated">date unknown</span>'
    kind = "Quote" if entry.kind == QUOTE else "Event"
    actors = "".join(f"<li>{esc(a)}</li>" for a in entry.actors)
    actors = f'<ul class="actors" aria-label="Involves">{actors}</ul>' if actors else ""
    count = len(source_ids(entry))
    badge = ' <span class="corroborated">corroborated</span>' if count > 1 else ""
    disputed = ' <span class="disputed">date disputed</span>' if entry.conflicts else ""
    return (
        f'<li {attrs}><p class="when">{when} <span class="kind">{kind}</span></p>'
        f"{entry_content(entry)}{actors}{conflicts_note(entry, sources)}"
        f'<details class="sources"><summary>{plural(count, "source")}{badge}{disputed}</summary>'
        f"{sources_list(entry, sources)}</details></li>"
    )


def entry_list(items: Iterable[tuple[int, Entry]], sources: dict[str, Source]) -> str:
    return '<ol class="entries" data-group>' + "".join(entry_item(i, e, sources) for i, e in items) + "</ol>"


def group_by_period(entries: list[Entry]) -> dict[int, dict[int, list[tuple[int, Entry]]]]:
    """Dated entries by year, then month (0 holds year-precision entries), in timeline order."""
    years: dict[int, dict[int, list[tuple[int, Entry]]]] = {}
    for index, entry in enumerate(entries):
        if entry.date is None:
            continue
        first, _ = bounds(entry.date)
        month = 0 if entry.precision == "year" else first.month
        years.setdefault(first.year, {}).setdefault(month, []).append((index, entry))
    return years


def year_section(year: int, months: dict[int, list[tuple[int, Entry]]], sources: dict[str, Source]) -> str:
    parts = [f'<section class="year" data-group aria-labelledby="y{year}"><h2 id="y{year}">{year}</h2>']
    for month in sorted(months):
        if month == 0:
            parts.append(entry_list(months[0], sources))
            continue
        heading = f"{MONTHS[month - 1]} {year}"
        parts.append(f'<section class="month" data-group aria-label="{heading}"><h3>{heading}</h3>'
                     f"{entry_list(months[month], sources)}</section>")
    parts.append("</section>")
    return "".join(parts)


def timeline_markup(timeline: Timeline) -> str:
    """Year and month sections in order, then the undated entries."""
    sources = sources_by_id(timeline)
    years = group_by_period(timeline.entries)
    parts = [year_section(year, years[year], sources) for year in sorted(years)]
    undated = [(i, e) for i, e in enumerate(timeline.entries) if e.date is None]
    if undated:
        parts.append('<section class="year undated-group" data-group aria-labelledby="undated">'
                     f'<h2 id="undated">Undated</h2>{entry_list(undated, sources)}</section>')
    if not timeline.entries:
        parts.append('<p class="nothing">No entries.</p>')
    return "\n".join(parts)


def source_catalogue(timeline: Timeline) -> str:
    """Every document read, for the reader who wants the whole article."""
    sources = sources_by_id(timeline)
    return "".join(f'<li id="source-{esc(s.id)}">{cited_title(s.id, sources)}{published_tag(s)}</li>'
                   for s in timeline.sources)


def period_summary(timeline: Timeline) -> str:
    """``12 entries from 3 sources, March 2023 to December 2023``."""
    text = summary(timeline)
    dated = [bounds(e.date) for e in timeline.entries if e.date]
    if dated:
        first, last = min(d[0] for d in dated), max(d[1] for d in dated)
        text += f", {MONTHS[first.month - 1]} {first.year} to {MONTHS[last.month - 1]} {last.year}"
    return esc(text)


def embedded_json(timeline: Timeline) -> str:
    """The JSON export's data, safe inside a <script> element: no <, > or & left raw."""
    text = json.dumps(timeline_dict(timeline), ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(timeline: Timeline) -> str:
    style = _ASSETS.joinpath("page.css").read_text(encoding="utf-8")
    script = _ASSETS.joinpath("page.js").read_text(encoding="utf-8")
    template = Template(_ASSETS.joinpath("page.html").read_text(encoding="utf-8"))
    return template.substitute(
        style_hash=csp_hash(style),
        script_hash=csp_hash(script),
        style=style,
        script=script,
        summary=period_summary(timeline),
        timeline=timeline_markup(timeline),
        sources=source_catalogue(timeline),
        data=embedded_json(timeline),
    )


def render(timeline: Timeline, out: TextIO, context: RenderContext) -> None:
    out.write(page(timeline))
