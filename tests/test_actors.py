"""The cast of a document: names from titles, roles, acronyms and the registry."""
from timeline.actors import ORGANISATION, PERSON, Cast, _name_runs
from timeline.registry import Actor, ActorRegistry

TEXT = ("The Federation of Small Builders (FSB) has written to Marlow Council.\n\n"
        "FSB chief executive Dan Cole said the plan was late. Mr Cole, 52, has run the FSB since 2019.\n\n"
        "Senior coroner Alan Price and campaigner Mrs Ruth Ames attended. Cole later left.")


def cast(text: str = TEXT, registry: ActorRegistry | None = None) -> Cast:
    return Cast(text, registry or ActorRegistry())


def test_people_and_organisations_are_found_without_a_registry():
    found = cast()
    assert {name: a.kind for name, a in found.actors.items()} == {
        "FSB": ORGANISATION, "Marlow Council": ORGANISATION, "Dan Cole": PERSON,
        "Alan Price": PERSON, "Ruth Ames": PERSON,
    }


def test_an_acronym_defined_in_brackets_is_the_organisations_name_when_used_more():
    assert cast().actors["FSB"].kind == ORGANISATION


def test_a_long_name_used_more_than_its_acronym_is_kept():
    text = "The Rivers Trust (RT) sued. The Rivers Trust won and the Rivers Trust appealed."
    assert "Rivers Trust" in cast(text).actors


def test_short_forms_resolve_to_the_full_name():
    found = cast()
    names = [m.name for m in found.mentions]
    assert names.count("Dan Cole") == 3  # "Dan Cole", "Mr Cole", "Cole"


def test_roles_affiliations_and_gender():
    found = cast()
    cole, price, ames = found.actors["Dan Cole"], found.actors["Alan Price"], found.actors["Ruth Ames"]
    assert (cole.affiliation, "executive" in cole.roles) == ("FSB", True)
    assert price.roles == {"coroner"}
    assert (ames.gender, ames.roles) == ("female", {"campaigner"})


def test_role_nouns_and_pronouns_resolve():
    found = cast()
    assert found.by_role("coroner", len(TEXT)) == "Alan Price"
    assert found.subject_before(len(TEXT), "female", [(TEXT.index("Mrs Ruth Ames"), "Ruth Ames")]) == "Ruth Ames"


def test_the_registry_makes_names_canonical():
    registry = ActorRegistry([Actor("Daniel Cole", "person", aliases=["Dan Cole"], affiliation="FSB")])
    assert "Daniel Cole" in cast(registry=registry).actors


def test_possessives_are_marked():
    found = cast("Marlow Council’s budget was cut.")
    assert [(m.name, m.possessive) for m in found.mentions] == [("Marlow Council", True)]


def test_name_runs_give_each_part_with_its_offsets_in_the_run():
    assert _name_runs("Yesterday Ms  Perry") == ((10, 19, ("Ms", "Perry")),)
    assert _name_runs("Head of the NAHT and the  National\tEducation Union") == (
        (0, 16, ("Head", "of", "the", "NAHT")), (26, 50, ("National", "Education", "Union")))
    assert _name_runs("Paul Whiteman MBE") == ((0, 13, ("Paul", "Whiteman")),)
    assert _name_runs("But") == ()
