"""Events: every time expression in the body, the lede, and what is not a date."""
from datetime import date

from extraction_support import events, extract


def test_every_dated_claim_gives_an_event_with_its_sentence():
    text = ("Marlow Council approved a new bridge on Tuesday.\n\n"
            "The first plan was rejected in 2019. Work will start in early May and finish by 6 April next year.")
    assert [(e.date, e.qualifier) for e in extract(text) if e.kind == "event"] == [
        ("2024-03-12", None), ("2019", None), ("2024-05", "early"), ("2025-04-06", "by")]


def test_the_lede_without_a_date_is_the_news_of_the_day():
    text = "Marlow Council has approved a new bridge.\n\nThe vote was close."
    assert events(extract(text)) == [("2024-03-15", "Marlow Council has approved a new bridge.")]


def test_the_lede_without_a_publication_date_is_undated():
    [entry] = extract("Marlow Council has approved a new bridge.", published=None)
    assert (entry.date, entry.precision) == (None, None)


def test_ages_durations_and_phone_numbers_are_not_dates():
    text = ("Marlow Council approved the bridge on 4 March.\n\n"
            "Mr Tom Reed, 61, ended his 30-year career after working for five days a week.")
    assert events(extract(text)) == [("2024-03-04", "Marlow Council approved the bridge on 4 March.")]


def test_headlines_captions_and_furniture_give_no_entries():
    text = ("Bridge approved in March\n\n"
            "By Priya Shah\n\n"
            "Marlow Council approved the bridge on 4 March.\n\n"
            "The old bridge in 2019 (Jane Doe/PA)\n\n"
            "Sign up to our newsletter for updates from 2024")
    assert [e.text for e in extract(text)] == ["Marlow Council approved the bridge on 4 March."]


def test_one_entry_per_claim_and_date():
    text = "The bridge was closed on 4 March and reopened on 9 March, after repairs on 4 March."
    assert [e.date for e in extract(text)] == ["2024-03-04", "2024-03-09"]


def test_actors_of_an_event_include_roles_and_pronouns():
    text = ("Senior coroner Alan Price opened the inquest on Monday.\n\n"
            "The coroner said on Tuesday that he would rule next month.")
    dated = {e.date: e.actors for e in extract(text)}
    assert dated["2024-03-12"] == ["Alan Price"]
    assert dated["2024-04"] == ["Alan Price"]


def test_entries_carry_their_source_and_the_rule_that_made_them():
    [entry] = extract("Marlow Council approved the bridge on 4 March.", published=date(2024, 3, 15))
    assert (entry.sources[0].id, entry.rule) == ("s1", "date")


def test_counts_from_another_event_and_durations_are_not_dates():
    text = ("Marlow Council approved the bridge on 4 March.\n\n"
            "Work began two weeks after the vote. Residents had campaigned for more than a year.")
    assert [e.date for e in extract(text)] == ["2024-03-04"]


def test_of_that_year_takes_the_year_the_text_last_named():
    text = ("Marlow Council approved the bridge on 4 March.\n\n"
            "The first bridge closed in 2019. It was demolished in December of that year.")
    assert [e.date for e in extract(text)] == ["2024-03-04", "2019", "2019-12"]


def test_a_holiday_season_is_its_month_not_the_day():
    [entry] = extract("The bridge will reopen after the Easter holidays.", published=date(2023, 3, 1))
    assert (entry.date, entry.precision) == ("2023-04", "month")
