"""The date grammar: every time expression of a sentence, resolved against the publication date."""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateMention, _phrases, find_dates
from timeline.periods import precision_of


def found(sentence: str, published: str | None) -> list[tuple[str | None, str | None, str | None]]:
    p = date.fromisoformat(published) if published else None
    return [(m.value, m.precision, m.qualifier) for m in find_dates(sentence, p)]


def texts(sentence: str, published: str | None = "2023-06-15") -> list[str]:
    p = date.fromisoformat(published) if published else None
    return [m.text for m in find_dates(sentence, p)]


ABSOLUTE = [
    ("The trust opened Larkfield Primary on 8 January 2023.", "2024-05-01", [("2023-01-08", "day", None)]),
    ("The trust opened Larkfield Primary on January 8, 2023.", "2024-05-01", [("2023-01-08", "day", None)]),
    ("The hearing was listed for 8th January 2023.", "2024-05-01", [("2023-01-08", "day", None)]),
    ("Governors met on 7th Dec 2023 to discuss the findings.", "2024-05-01", [("2023-12-07", "day", None)]),
    ("Inspectors visited Hollybrook School in November 2022.", "2023-03-31", [("2022-11", "month", None)]),
    ("The academy chain was founded in 2022.", "2024-05-01", [("2022", "year", None)]),
    ("The regulator will publish new guidance in early 2025.", "2024-09-03", [("2025", "year", "early")]),
    ("The audit was finished by the end of last year.", "2024-02-10", [("2023", "year", "by")]),
    ("Rates rose sharply at the end of last year.", "2024-02-10", [("2023", "year", "late")]),
    (
        "The visit on November 8 and 9 last year was criticised.",
        "2023-12-07",
        [("2022-11-08", "day", None)],
    ),
    ("The visit on November 8 and 9 in 2022 was criticised.", "2024-01-05", [("2022-11-08", "day", None)]),
    ("The visit on 15 and 16 November was criticised.", "2023-12-07", [("2023-11-15", "day", None)]),
    ("The tribunal sat on 21 and 22 June.", "2023-07-07", [("2023-06-21", "day", None)]),
    ("The tribunal will sit on 21 and 22 June.", "2023-07-07", [("2024-06-21", "day", None)]),
    ("Classes restart on Monday 22nd January.", "2024-01-19", [("2024-01-22", "day", None)]),
    ("The union wrote to ministers on Weds 17 Jan.", "2024-01-19", [("2024-01-17", "day", None)]),
    ("The board published its reply (19 January 2024) in full.", "2024-01-19", [("2024-01-19", "day", None)]),
    ("Pupils return on 6th April.", "2023-03-31", [("2023-04-06", "day", None)]),
    ("The report is dated 2023-01-08 in the archive.", "2024-05-01", [("2023-01-08", "day", None)]),
    ("The letter is dated 08/01/2023.", "2024-05-01", [("2023-01-08", "day", None)]),
    ("The memo is dated 12/25/2023.", "2024-05-01", [("2023-12-25", "day", None)]),
    ("Monday, 3 February 2025 was the first day.", "2025-02-10", [("2025-02-03", "day", None)]),
    ("Friday, January 19, 2024 was chosen.", "2024-02-10", [("2024-01-19", "day", None)]),
    ("The rules changed in Sept 2021.", "2024-05-01", [("2021-09", "month", None)]),
    ("The site was sold in November of 2019.", "2024-05-01", [("2019-11", "month", None)]),
    ("The caretaker retired in mid-2024.", "2025-01-10", [("2024", "year", "mid")]),
    ("The caretaker retired in mid-January.", "2025-03-10", [("2025-01", "month", "mid")]),
    ("The count took place in late March.", "2025-05-10", [("2025-03", "month", "late")]),
    ("The count took place in the last week of March.", "2025-05-10", [("2025-03", "month", "late")]),
    ("The count took place in the first week of March.", "2025-05-10", [("2025-03", "month", "early")]),
    ("The scheme began at the start of 2021.", "2024-05-01", [("2021", "year", "early")]),
    ("The scheme ends at the beginning of next month.", "2024-05-01", [("2024-06", "month", "early")]),
    ("The hall was built circa 1890.", "2024-05-01", [("1890", "year", "about")]),
    ("The hall was built around 1890.", "2024-05-01", [("1890", "year", "about")]),
    ("No pupil sat the test before 2019.", "2024-05-01", [("2019", "year", "before")]),
    ("Results have improved since 2019.", "2024-05-01", [("2019", "year", "after")]),
    ("Results have improved after 2019, the council said.", "2024-05-01", [("2019", "year", "after")]),
    ("The warning came in (2019), long before the closure.", "2024-05-01", [("2019", "year", None)]),
    ("The college is due to reopen by 2030, the trust said.", "2024-05-01", [("2030", "year", "by")]),
    ("The building was designed in 1000 years of style.", "2024-05-01", [("1000", "year", None)]),
]

UNDERSPECIFIED = [
    ("Mr Lindqvist retired January.", "2023-03-31", [("2023-01", "month", None)]),
    ("Ms Okafor died in January after the visit.", "2023-03-31", [("2023-01", "month", None)]),
    ("The caretaker was found injured in January.", "2024-03-01", [("2024-01", "month", None)]),
    ("The governors resigned in March.", "2023-03-31", [("2023-03", "month", None)]),
    ("The governors resigned in April.", "2023-03-31", [("2022-04", "month", None)]),
    ("Teachers would attend workshops in early January.", "2023-12-20", [("2024-01", "month", "early")]),
    ("The federation wants an answer by 6 April.", "2023-03-31", [("2023-04-06", "day", "by")]),
    ("Visits will restart from January 22 after the break.", "2024-01-05", [("2024-01-22", "day", None)]),
    (
        "The panel chair said she would announce a verdict in August.",
        "2023-07-11",
        [("2023-08", "month", None)],
    ),
    ("The review is expected to report in February.", "2023-11-01", [("2024-02", "month", None)]),
    ("In February, the trust announced a review.", "2023-11-01", [("2023-02", "month", None)]),
    ("The closure is due to take effect on November 10.", "2023-10-20", [("2023-11-10", "day", None)]),
    ("The closure took effect on November 10.", "2023-10-20", [("2022-11-10", "day", None)]),
    ("The inquest, which opened and was adjourned, resumes on 3 April.", "2024-03-14", [("2024-04-03", "day", None)]),
    ("Sales fell in the three months to February.", "2024-03-14", [("2024-02", "month", None)]),
    ("The inquiry, which opened in May, is continuing.", "2023-07-07", [("2023-05", "month", None)]),
    ("The pause lasts until September next year.", "2023-12-11", [("2024-09", "month", "by")]),
    ("The refit was finished by March.", "2023-12-14", [("2023-03", "month", "by")]),
    ("Schools must be inspected by March.", "2023-12-14", [("2024-03", "month", "by")]),
    ("The hall was closed until March.", "2023-12-14", [("2023-03", "month", "by")]),
    ("The report was not published until 20 March.", "2023-12-07", [("2023-03-20", "day", "by")]),
    ("The pool stays shut until May.", "2023-12-14", [("2024-05", "month", "by")]),
    ("Parents were told on 29 February.", "2023-03-01", [("2020-02-29", "day", None)]),
    ("The inspection ended on 31 February.", "2023-03-31", [("2023-02", "month", None)]),
    ("Mr Patel will speak the 45th of May.", "2023-03-31", [("2023-05", "month", None)]),
]

RELATIVE = [
    ("The minister announced a review today.", "2023-06-15", [("2023-06-15", "day", None)]),
    ("The head spoke to parents this morning.", "2023-06-15", [("2023-06-15", "day", None)]),
    ("A vigil will be held tonight.", "2023-06-15", [("2023-06-15", "day", None)]),
    ("The trust confirmed the closure yesterday.", "2023-06-15", [("2023-06-14", "day", None)]),
    ("The trust confirmed the closure yesterday afternoon.", "2023-06-01", [("2023-05-31", "day", None)]),
    ("The result will be published tomorrow.", "2023-12-31", [("2024-01-01", "day", None)]),
    ("The union today (Weds 17 Jan) called for change.", "2024-01-17", [("2024-01-17", "day", None)]),
    ("The board has today (19 January 2024) replied.", "2024-01-19", [("2024-01-19", "day", None)]),
    # 2023-11-23 is a Thursday
    ("A review hearing will begin on Tuesday.", "2023-11-23", [("2023-11-28", "day", None)]),
    ("The head resigned on Tuesday.", "2023-11-23", [("2023-11-21", "day", None)]),
    ("The head resigned on Thursday.", "2023-11-23", [("2023-11-23", "day", None)]),
    ("The panel will meet on Thursday.", "2023-11-23", [("2023-11-23", "day", None)]),
    ("The head resigned last Thursday.", "2023-11-23", [("2023-11-16", "day", None)]),
    ("The panel meets next Thursday.", "2023-11-23", [("2023-11-30", "day", None)]),
    ("The panel meets next Friday.", "2023-11-23", [("2023-11-24", "day", None)]),
    ("Reports on Friday said the school had improved.", "2023-11-23", [("2023-11-17", "day", None)]),
    ("The school team beat Oxford 2-1 on Saturday.", "2024-03-14", [("2024-03-09", "day", None)]),
    ("Talks were held earlier this month.", "2023-06-15", [("2023-06", "month", None)]),
    ("Inspections will resume later this month.", "2024-01-05", [("2024-01", "month", None)]),
    ("Last month, the coroner wrote to the trust.", "2024-01-05", [("2023-12", "month", None)]),
    ("The bursar leaves next month.", "2023-12-11", [("2024-01", "month", None)]),
    ("The policy was dropped earlier this year.", "2023-06-15", [("2023", "year", None)]),
    ("The floods of last year were recalled.", "2024-01-05", [("2023", "year", None)]),
    ("The scheme starts next year.", "2024-01-05", [("2025", "year", None)]),
    ("Report cards arrive in September next year.", "2023-12-11", [("2024-09", "month", None)]),
    # 2023-03-22 is in ISO week 12
    ("The panel concluded its review last week.", "2023-03-22", [("2023-W11", "week", None)]),
    ("Parents will be told this week.", "2023-03-22", [("2023-W12", "week", None)]),
    ("Parents will be told next week.", "2023-03-22", [("2023-W13", "week", None)]),
    ("Staff were told last week.", "2024-01-03", [("2023-W52", "week", None)]),
    ("The visit followed last November's complaint.", "2023-12-20", [("2023-11", "month", None)]),
    ("The visit in November last year was flawed.", "2023-12-07", [("2022-11", "month", None)]),
    ("The report was sent last December.", "2024-01-19", [("2023-12", "month", None)]),
    ("The report was sent last December.", "2023-12-19", [("2022-12", "month", None)]),
    ("The deal closes next March.", "2023-03-19", [("2024-03", "month", None)]),
    ("The school closed two years ago.", "2024-05-01", [("2022", "year", None)]),
    ("The school closed three weeks ago.", "2023-03-22", [("2023-W09", "week", None)]),
    ("The school closed a month ago.", "2023-03-22", [("2023-02", "month", None)]),
    ("The school closed a fortnight ago.", "2023-03-22", [("2023-W10", "week", None)]),
    # 2023-11-20 is a Monday
    ("The union met at the weekend.", "2023-11-20", [("2023-W46", "week", None)]),
    ("The union will meet at the weekend.", "2023-11-20", [("2023-W47", "week", None)]),
    (
        "The decision, announced by the council (DCC) on Monday, was reversed.",
        "2023-11-23",
        [("2023-11-20", "day", None)],
    ),
    ("The appeal is listed for 5 June.", "2023-06-01", [("2023-06-05", "day", None)]),
    ("The appeal was listed for 5 June.", "2023-06-10", [("2023-06-05", "day", None)]),
    ("The nursery closed on Christmas Eve 2022.", "2024-01-01", [("2022-12-24", "day", None)]),
    ("The nursery reopens on Easter Monday.", "2024-01-10", [("2024-04-01", "day", None)]),
    ("On New Year’s Day the new rules took effect.", "2024-05-01", [("2024-01-01", "day", None)]),
    ("Findings from the 2023 inspection were published.", "2024-05-01", [("2023", "year", None)]),
    ("Services were held on Remembrance Sunday 2023.", "2024-03-14", [("2023-11-12", "day", None)]),
    ("Pupils dressed up for Halloween.", "2024-03-14", [("2023-10-31", "day", None)]),
    ("The school opened in the year 2000.", "2024-03-14", [("2000", "year", None)]),
    ("Ministers promised to raise pay from September.", "2024-03-14", [("2024-09", "month", None)]),
    ("Reports are due by the end of the year.", "2024-01-10", [("2024", "year", "by")]),
    ("At the start of the month, six staff left.", "2023-11-20", [("2023-11", "month", "early")]),
    ("The board met earlier in the year.", "2023-11-20", [("2023", "year", None)]),
]

OPTIONAL = [
    ("The nursery was re-rated this summer.", "2023-07-07", ("2023", "year")),
    ("The case should be heard in the spring.", "2023-12-11", ("2024", "year")),
    ("The case was heard in the spring.", "2023-12-11", ("2023", "year")),
    ("The trust struggled last autumn.", "2023-03-01", ("2022", "year")),
    ("The museum closed in the summer of 2020.", "2024-05-01", ("2020", "year")),
    ("Parents will see report cards this academic year.", "2024-09-03", ("2024", "year")),
    ("Pupils sat new tests last academic year.", "2024-09-03", ("2024", "year")),
    ("The review ends by the end of the academic year.", "2023-12-07", ("2024", "year")),
    ("Budgets fell in 2023/24 across the region.", "2024-09-03", ("2024", "year")),
    ("Budgets will fall in 2025/26 across the region.", "2024-09-03", ("2025", "year")),
    ("The minister met governors twice in the last week.", "2023-03-22", ("2023-W11", "week")),
    ("Complaints rose in the last six months.", "2023-03-22", ("2022-09", "month")),
    ("The college has 28 days to reply.", "2023-12-07", ("2024-01-04", "day")),
    ("The trust will reopen the pool after Christmas.", "2023-12-07", ("2023-12-25", "day")),
    ("The centre shut over Easter.", "2024-05-01", ("2024-03-31", "day")),
    ("Rolls grew in the late 1990s.", "2024-05-01", ("1990", "year")),
    ("The family will campaign for change in the new year.", "2023-12-07", ("2024-01", "month")),
    ("The wing reopens in two years' time.", "2023-11-20", ("2025", "year")),
]

NOT_DATES = [
    "Mrs Ekwueme, 53, led the school for a decade.",
    "The 53-year-old had taught at the school since she qualified.",
    "His 27-year career ended abruptly.",
    "The hearing lasted for five days.",
    "A week-long inquest heard evidence from staff.",
    "The trust must act within three months.",
    "The inspection had taken place two months earlier.",
    "Changes will follow in the coming weeks.",
    "The council recently reviewed the policy.",
    "Volunteers staff the line 24 hours a day, 365 days a year.",
    "Call 116 006 for free, or 1-800-555-0199, or 0800 321 7654.",
    "The call was logged at 09:47, then at 3:05pm and again at 22:18.",
    "The coroner issued a Regulation 28 notice under article 2.",
    "Pupils in Year 6 sat the test during Covid-19.",
    "Nearly 2,000 heads signed, 97% of them, or 85 per cent of members.",
    "Eight to 10 areas will be affected.",
    "The trust employs 2000 pupils' worth of staff.",
    "Numbers rose by 2000 pupils across the county.",
    "Theresa May said the school may close.",
    "Protesters March on the town hall.",
    "April Jones chaired the meeting.",
    "Listeners heard the interview on the Today programme.",
    "Campaigners condemned the handling during the pandemic.",
    "The phone number 1-800-2023 is not a year.",
    "Spring Lane School and Summerfield Academy merged.",
    "The 2000 pupils and the 2019 teachers were moved.",
    "The pupils spent the year abroad and the week at home.",
    "Staff in their 50s and 60s were consulted.",
    "Between 2000 and 3000 teachers left the profession.",
    "The vote was 2019 to 1500 in favour.",
    "A Sunday Times investigation found problems.",
    "Mr Friday said the report was unfair.",
    "The Mail on Sunday reported the claims.",
    "Chapter 12 May be read aloud.",
    "The spring conference and autumn budget were announced.",
    "Funding was promised in the Autumn Statement.",
    "Schools closed after the fall of the government.",
]


@pytest.mark.parametrize("sentence, published, expected", ABSOLUTE + UNDERSPECIFIED + RELATIVE)
def test_dates_resolve(sentence, published, expected):
    assert found(sentence, published) == expected


@pytest.mark.parametrize("sentence, published, expected", OPTIONAL)
def test_optional_dates(sentence, published, expected):
    (mention,) = find_dates(sentence, date.fromisoformat(published))
    assert (mention.value, mention.precision) == expected
    assert mention.optional is True


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence):
    assert find_dates(sentence, date(2023, 6, 15)) == []


def test_required_dates_are_not_optional():
    for sentence, published, _ in ABSOLUTE + UNDERSPECIFIED + RELATIVE:
        assert not any(m.optional for m in find_dates(sentence, date.fromisoformat(published))), sentence


def test_mention_fields():
    sentence = "The head resigned on Friday and the trust replied by 6 April."
    first, second = find_dates(sentence, date(2023, 3, 31))
    assert first == DateMention(21, 27, "Friday", "2023-03-31", "day", None, True, False)
    assert second == DateMention(50, 60, "by 6 April", "2023-04-06", "day", "by", True, False)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Staff met today (Weds 17 Jan) in the hall.", ["today (Weds 17 Jan)"]),
        ("Classes restart on Monday 22nd January.", ["Monday 22nd January"]),
        ("The visit on 15 and 16 November was criticised.", ["15 and 16 November"]),
        ("She led the board between 2017 and 2023.", ["between 2017 and 2023"]),
        ("The consultation ran from March to May.", ["from March to May"]),
        ("The work will be done in early January.", ["early January"]),
        ("The union wants an answer by 6 April.", ["by 6 April"]),
        ("Results were poor at the end of last year.", ["the end of last year"]),
        ("The trust replied in January and February.", ["January", "February"]),
        ("Inspectors came in 2021 and 2022.", ["2021", "2022"]),
    ],
)
def test_one_expression_one_mention(sentence, expected):
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("She led the board between 2017 and 2023.", "2024-05-01", [("2017", "year", None)]),
        ("The consultation ran from March to May.", "2023-07-07", [("2023-03", "month", None)]),
        ("The consultation will run from March to May.", "2023-07-07", [("2024-03", "month", None)]),
        ("Data covers between January and March 2023.", "2024-07-07", [("2023-01", "month", None)]),
        ("Data covers between November and February 2023.", "2024-07-07", [("2022-11", "month", None)]),
        ("The strike lasted from 3 to 7 July 2022.", "2024-07-07", [("2022-07-03", "day", None)]),
        ("The figures for 2019-2023 were worse.", "2024-07-07", [("2019", "year", None)]),
        ("The hearing, held on 28 November to 7 December 2022, ended.", "2024-07-07", [("2022-11-28", "day", None)]),
        ("Prices fell from December to February 2023.", "2024-07-07", [("2022-12", "month", None)]),
    ],
)
def test_spans_give_their_start(sentence, published, expected):
    assert found(sentence, published) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The head resigned yesterday.", [(None, None, None)]),
        ("The head resigned on Friday.", [(None, None, None)]),
        ("The head resigned in January.", [(None, None, None)]),
        ("The head resigned last week.", [(None, None, None)]),
        ("The nursery was re-rated this summer.", [(None, None, None)]),
        ("The head resigned on 8 January 2023.", [("2023-01-08", "day", None)]),
        ("The head resigned in November 2022.", [("2022-11", "month", None)]),
        ("The head resigned in early 2022.", [("2022", "year", "early")]),
    ],
)
def test_without_publication_date_only_absolute_dates_resolve(sentence, expected):
    assert found(sentence, None) == expected


def test_relative_flag():
    relative, absolute = find_dates("It closed yesterday, not on 8 January 2023.", date(2023, 6, 15))
    assert relative.relative is True and absolute.relative is False


@pytest.mark.parametrize(
    "sentence",
    [
        "The ruling of 31 February 2023 was void.",
        "The ruling of 8 January 9999 was void.",
        "The ruling of 8 January 0000 was void.",
        "The ruling in 0001 was void.",
        "The ruling of Dec. 9999 was void.",
        "The ruling on 29 February 2023 was void.",
    ],
)
def test_invalid_calendar_values_never_raise(sentence):
    for published in (date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)):
        mentions = find_dates(sentence, published)
        assert all(m.precision in ("day", "month", "year") for m in mentions)


def test_invalid_day_with_year_degrades_to_month():
    assert found("The ruling of 31 February 2023 was void.", "2024-01-01") == [("2023-02", "month", None)]


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        ("It ends tomorrow and next year.", "9999-12-31", []),
        ("It began yesterday, last year, two years ago and last week.", "0001-01-01", []),
        ("It began in November, it ends next month.", "9999-12-15", [("9999-11", "month", None)]),
    ],
)
def test_relative_dates_beyond_the_calendar_are_dropped(sentence, published, expected):
    assert found(sentence, published) == expected


def test_may_needs_a_date_context():
    assert found("Ms May said the trust may appeal in May.", "2023-03-01") == [("2023-05", "month", None)]
    assert found("The vote was held on 4 May 2023.", "2024-01-01") == [("2023-05-04", "day", None)]
    assert found("The Prime Minister, Theresa May, resigned.", "2019-06-01") == []


def test_year_needs_a_date_context():
    assert found("In 2000 the trust had 2000 pupils.", "2024-01-01") == [("2000", "year", None)]
    assert found("By 2030, every school will be inspected.", "2024-01-01") == [("2030", "year", "by")]


def test_long_sentence_keeps_offsets():
    filler = "Nothing happened here at all. " * 2000
    sentence = filler + "The school reopened on 8 January 2023."
    (mention,) = find_dates(sentence, date(2024, 1, 1))
    assert sentence[mention.start:mention.end] == "8 January 2023"
    assert mention.value == "2023-01-08"


_DATE_WORDS = st.sampled_from(
    [
        "in", "on", "by", "the", "of", "to", "and", "between", "from", "early", "mid", "late", "end", "start",
        "last", "next", "this", "year", "years", "month", "week", "weekend", "today", "yesterday", "tomorrow",
        "tonight", "ago", "January", "May", "March", "Sept", "Dec", "Weds", "Monday", "Friday", "summer",
        "spring", "fall", "academic", "since", "until", "around", "1", "15", "31", "45", "1st", "22nd", "2023",
        "2024", "0000", "9999", "2023/24", "2019-21", "08/01/2023", "2023-02-30", "(", ")", ",", ".", "-", "–",
        ":", "10:13", "97%", "two", "six", "days", "Christmas", "Easter", "Day", "fortnight", "1990s", "Sunday",
        "Times", "Mr", "time", "a",
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.lists(_DATE_WORDS, max_size=20).map(" ".join)),
    st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
)
def test_any_text_gives_ordered_non_overlapping_mentions(sentence, published):
    mentions = find_dates(sentence, published)
    end = 0
    for mention in mentions:
        assert end <= mention.start < mention.end <= len(sentence)
        assert mention.text == sentence[mention.start:mention.end]
        assert mention.precision in (None, "year", "month", "week", "day")
        assert mention.qualifier in (None, "early", "mid", "late", "before", "by", "after", "about")
        assert (mention.value is None) == (mention.precision is None)
        if mention.value is not None:
            assert precision_of(mention.value) == mention.precision
        end = mention.end


def test_phrase_tree_matches_the_longest_phrase_as_a_longest_first_alternation():
    words = ["a", "a couple of", "couple of", "earlier", "earlier in", "the", "the current"]
    longest_first = "|".join(re.escape(w).replace(r"\ ", r"\s{1,3}") for w in sorted(words, key=len, reverse=True))
    tree = re.compile(_phrases(words))
    for text in ["a couple of days", "A  Couple\tof", "a couple", "earlier  in the", "earlierin", "the current", "then", "x"]:
        expected = re.match(f"(?i:{longest_first})", text)
        got = tree.match(text)
        assert (got and got.group()) == (expected and expected.group()), text


def test_a_word_matched_through_a_caseless_letter_is_read_as_its_ascii_spelling():
    found = find_dates("We met last \u017fummer, on 3 \u0130une... no: on 3 June.", date(2024, 5, 1))
    assert [(m.value, m.precision) for m in found][:1] == [("2023", "year")]
