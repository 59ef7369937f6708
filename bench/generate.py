"""A deterministic benchmark corpus: realistic articles recombined from real paragraphs.

Each article takes the paragraphs of one source article, then paragraphs of others
until it is about ``--size`` bytes, and moves the whole story in time: the
publication date and every date in the text (``8 January 2023``, ``March 3``,
``2023``...) shift by the same random number of days, so no two articles are alike
and a cache or shortcut cannot trivialise the work. Sources: the bundled articles
and, when present beside the checkout, ``../shared/corpus``. One article in five
carries YAML front matter, the others the corpus header line.

    python bench/generate.py OUT_DIR --count 1000 [--seed 7] [--size 3500]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "data" / "sources", ROOT.parent / "shared" / "corpus")

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH}(?: (?P<y1>(?:19|20)\d\d))?\b"
    rf"|\b(?P<m2>{_MONTH[1:-1]}) (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y2>(?:19|20)\d\d))?\b"
    r"|\b(?P<y3>(?:19|20)\d\d)\b"
)
_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})[ \t]*")


@dataclass(frozen=True)
class Article:
    published: date
    paragraphs: tuple[str, ...]


def load_articles() -> list[Article]:
    """The source articles (header line form), sorted by path for a stable order."""
    files = sorted({p.resolve() for d in SOURCE_DIRS if d.is_dir() for p in d.rglob("*.txt")})
    articles = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        header = _HEADER.match(text)
        if not header:
            continue
        paragraphs = tuple(p.strip() for p in text[header.end():].split("\n\n") if len(p.strip()) > 40)
        articles.append(Article(date.fromisoformat(header.group(1)), paragraphs))
    return articles


def shift_dates(text: str, published: date, days: int) -> str:
    """Every date in the text moved by ``days`` (bare years by the whole years in it)."""
    years = round(days / 365.25)

    def moved(match: re.Match) -> str:
        if match.group("y3"):
            return str(int(match.group("y3")) + years)
        day_first = match.group("d1") is not None
        day = int(match.group("d1") or match.group("d2"))
        month_word = match.group(2) if day_first else match.group("m2")
        year_text = match.group("y1") or match.group("y2")
        month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(month_word[:3]))
        try:
            old = date(int(year_text) if year_text else published.year, month, day)
        except ValueError:
            return match.group(0)
        new = old + timedelta(days=days)
        name = MONTHS[new.month - 1] if len(month_word) > 3 else MONTHS[new.month - 1][:3]
        year = f" {new.year}" if year_text else ""
        return f"{new.day} {name}{year}" if day_first else f"{name} {new.day}{',' if ',' in match.group(0) else ''}{year}"

    return _DATE.sub(moved, text)


def article_text(rng: random.Random, articles: list[Article], size: int) -> tuple[date, str]:
    base = rng.choice(articles)
    days = rng.randint(-3650, 3650)
    target = int(size * rng.uniform(0.7, 1.3))
    chosen = list(base.paragraphs[: rng.randint(2, 6)])
    while sum(len(p) + 2 for p in chosen) < target:
        other = rng.choice(articles)
        chosen.append(rng.choice(other.paragraphs))
    published = base.published + timedelta(days=days)
    body = "\n\n".join(shift_dates(p, base.published, days) for p in chosen)
    return published, body


def write_corpus(out: Path, count: int, seed: int = 7, size: int = 3500) -> int:
    """Write ``count`` articles under ``out/<year>/``; return the bytes written."""
    articles = load_articles()
    rng = random.Random(seed)
    total = 0
    for number in range(1, count + 1):
        published, body = article_text(rng, articles, size)
        title = " ".join(body.split()[:8]).strip(".,;:\"'“”‘’")
        if number % 5 == 0:
            text = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\npublished: {published.isoformat()}\n---\n{body}\n"
        else:
            text = f" date {published.isoformat()} {body}\n"
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]
        path = out / str(published.year) / f"{published.isoformat()}-{slug}-{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--size", type=int, default=3500, help="mean article size in bytes")
    args = parser.parse_args()
    total = write_corpus(args.out, args.count, args.seed, args.size)
    print(f"{args.count} articles, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
