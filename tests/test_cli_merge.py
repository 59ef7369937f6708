"""`timeline build` over several made-up articles: one entry per claim, --min-sources, --no-merge."""
from __future__ import annotations

import json

from cli_support import private_cache, run, write  # noqa: F401

ARTICLES = {
    "a.txt": (" date 2022-03-10 Greenfield Academy was inspected on 8 March 2022.\n\n"
              "Hillford council approved its school budget on 8 March 2022.\n\n"
              'Mr Dawson said: "We will appeal this decision because the process was unfair."\n'),
    "b.txt": (" date 2022-03-10 Inspectors visited Greenfield Academy on 8 March 2022, the school said.\n\n"
              'Mr Dawson said: "We will appeal this decision."\n'),
    "c.txt": (" date 2022-03-12 On 8 March, Greenfield Academy in Hillford was inspected.\n\n"
              "The town's library reopened on 8 March after repairs.\n"),
}
INSPECTED = "Inspectors visited Greenfield Academy on 8 March 2022, the school said."
BUDGET = "Hillford council approved its school budget on 8 March 2022."
LIBRARY = "The town's library reopened on 8 March after repairs."
APPEAL = "We will appeal this decision because the process was unfair."


def articles(tmp_path, contents: dict[str, str] = ARTICLES) -> list[str]:
    return [write(tmp_path / name, text) for name, text in contents.items()]


def rows(result) -> list[tuple]:
    """(kind, date, text, source ids, conflicts) of each entry of a JSON result."""
    return [(e["kind"], e["date"], e["text"], [s["id"] for s in e["sources"]], e["conflicts"])
            for e in json.loads(result.stdout)["entries"]]


def test_the_same_claim_from_several_articles_is_one_entry_with_every_source(tmp_path):
    result = run("build", *articles(tmp_path), "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert rows(result) == [
        ("event", "2022-03-08", INSPECTED, ["s1", "s2", "s3"], []),
        ("event", "2022-03-08", BUDGET, ["s1"], []),
        ("event", "2022-03-08", LIBRARY, ["s3"], []),
        ("quote", "2022-03-10", APPEAL, ["s1", "s2"], []),
    ]
    [inspected] = json.loads(result.stdout)["entries"][:1]
    assert [s["sentence"] for s in inspected["sources"]] == [
        "Greenfield Academy was inspected on 8 March 2022.", INSPECTED,
        "On 8 March, Greenfield Academy in Hillford was inspected.",
    ]


def test_no_merge_gives_each_article_its_own_entries(tmp_path):
    result = run("build", *articles(tmp_path), "--format", "json", "--no-merge")
    assert (result.exit_code, result.stderr) == (0, "")
    assert rows(result) == [
        ("event", "2022-03-08", "Greenfield Academy was inspected on 8 March 2022.", ["s1"], []),
        ("event", "2022-03-08", BUDGET, ["s1"], []),
        ("event", "2022-03-08", INSPECTED, ["s2"], []),
        ("event", "2022-03-08", "On 8 March, Greenfield Academy in Hillford was inspected.", ["s3"], []),
        ("event", "2022-03-08", LIBRARY, ["s3"], []),
        ("quote", "2022-03-10", APPEAL, ["s1"], []),
        ("quote", "2022-03-10", "We will appeal this decision.", ["s2"], []),
    ]


def test_min_sources_keeps_only_corroborated_entries(tmp_path):
    paths = articles(tmp_path)
    texts = {n: [row[2] for row in rows(run("build", *paths, "-f", "json", "--min-sources", str(n)))]
             for n in (2, 3, 4)}
    assert texts == {2: [INSPECTED, APPEAL], 3: [INSPECTED], 4: []}


def test_without_merging_no_entry_reaches_two_sources(tmp_path):
    result = run("build", *articles(tmp_path), "-f", "json", "--no-merge", "--min-sources", "2")
    assert (result.exit_code, rows(result)) == (0, [])


def test_min_sources_below_one_is_a_usage_error(tmp_path):
    result = run("build", *articles(tmp_path), "--min-sources", "0")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "Invalid value for '--min-sources'" in result.stderr


def test_articles_disagreeing_on_the_date_give_one_entry_and_a_conflict(tmp_path):
    told = " date 2022-03-20 Greenfield Academy was inspected on {} March 2022.\n"
    paths = articles(tmp_path, {"a.txt": told.format(8), "b.txt": told.format(9), "c.txt": told.format(8)})
    result = run("build", *paths, "--format", "json")
    assert rows(result) == [("event", "2022-03-08", "Greenfield Academy was inspected on 8 March 2022.",
                             ["s1", "s2", "s3"], [{"date": "2022-03-09", "sources": ["s2"]}])]


def test_the_order_of_the_articles_does_not_change_the_timeline(tmp_path):
    paths = articles(tmp_path)
    outputs = {run("build", *order, "-f", "json").stdout for order in (paths, paths[::-1], paths[1:] + paths[:1])}
    assert len(outputs) == 1
