"""The catalogue: ESCO and offering imports, and matching needs to offerings with reasons."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from samspil.catalogue.esco import import_esco
from samspil.catalogue.matching import current_index, rank
from samspil.catalogue.models import (
    CompetenceArea,
    EscoOccupationSkill,
    EscoSkill,
    Offering,
    Provider,
)
from samspil.core.models import Municipality
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "esco_fixture"
ROBOT = "http://data.europa.eu/esco/skill/0f4a8e3d-5d07-4b8b-8a3f-1a1e3c0c2d11"


def test_the_esco_download_imports_in_three_languages_and_again_without_duplicates():
    counts = import_esco(FIXTURE)
    assert counts == {"skills": 2, "occupations": 2, "relations": 3}
    skill = EscoSkill.objects.get(uri=ROBOT)
    assert (skill.label_da, skill.label_sv, skill.label_en) == (
        "programmere en robot",
        "programmera en robot",
        "program a robot",
    )
    assert "robot programming" in skill.alt_labels
    assert EscoOccupationSkill.objects.filter(essential=False).count() == 1
    assert import_esco(FIXTURE) == {"skills": 0, "occupations": 0, "relations": 0}
    assert EscoSkill.objects.count() == 2
    with pytest.raises(CommandError, match="no skills_"):
        call_command("import", "esco", str(FIXTURE.parent))


def offerings_file(tmp_path, rows):
    header = (
        "code;title;kind;provider;description;competence_areas;esco_skills;municipality;"
        "level_from;level_to;next_start\n"
    )
    path = tmp_path / "tilbud.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_offerings_import_all_or_nothing_and_update_by_code(tmp_path):
    import_esco(FIXTURE)
    good = offerings_file(
        tmp_path,
        [
            "AMU-1;Robotbetjening;amu_course;Tradium;Programmering af robotter;"
            f"Automation og robotter;{ROBOT};730;;;2027-01-15",
            "EUV-1;Automatiktekniker;euv;Tradium;EUV;Automation og robotter;;Randers;"
            "unskilled;skilled;",
        ],
    )
    call_command("import", "offerings", str(good), stdout=io.StringIO())
    robot = Offering.objects.get(code="AMU-1")
    assert robot.provider == Provider.objects.get(name="Tradium")
    assert [a.name for a in robot.competence_areas.all()] == ["Automation og robotter"]
    assert [s.uri for s in robot.esco_skills.all()] == [ROBOT]
    assert Offering.objects.get(code="EUV-1").level_to == "skilled"
    bad = offerings_file(
        tmp_path,
        [
            "AMU-1;Robotbetjening 2;amu_course;Tradium;Ny tekst;Automation og robotter;;730;;;",
            "AMU-2;Noget;amu_course;Tradium;x;Rumfart;http://data.europa.eu/esco/skill/ukendt;730;expert;;15-01-2027",
        ],
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 fejl"):
        call_command("import", "offerings", str(bad), stdout=io.StringIO(), stderr=err)
    errors = err.getvalue()
    assert "Række 3, competence_areas: Ukendt kompetenceområde “Rumfart”." in errors
    assert "Række 3, esco_skills: Ukendt ESCO-URI" in errors
    assert "Række 3, level_from" in errors and "Række 3, next_start" in errors
    assert Offering.objects.get(code="AMU-1").title == "Robotbetjening"  # nothing half-saved
    assert not Offering.objects.filter(code="AMU-2").exists()


@pytest.fixture
def catalogue(db):
    areas = {a.name: a for a in CompetenceArea.objects.all()}
    herning = Municipality.objects.get(code=657)
    horsens = Municipality.objects.get(code=615)
    aalborg = Municipality.objects.get(code=851)
    school = Provider.objects.create(name="Herningsholm", municipality=herning)
    north = Provider.objects.create(name="Nordjysk AMU", municipality=aalborg)
    made = {}
    for code, title, text, area, provider, place in [
        (
            "R1",
            "Robotbetjening",
            "Programmering af industrirobotter og robotceller",
            "Automation og robotter",
            school,
            herning,
        ),
        (
            "R2",
            "Robotter for begyndere",
            "Introduktion til robotter",
            "Automation og robotter",
            north,
            aalborg,
        ),
        (
            "L1",
            "Ledelse i praksis",
            "Den nære ledelse og forandringsledelse",
            "Ledelse",
            school,
            horsens,
        ),
        ("S1", "Svejsning MAG", "Svejsning af plader", "Svejsning og metal", north, aalborg),
    ]:
        offering = Offering.objects.create(
            code=code,
            title=title,
            kind="amu_course",
            provider=provider,
            description=text,
            municipality=place,
        )
        offering.competence_areas.set([areas[area]])
        made[code] = offering
    return made


def test_a_danish_need_finds_the_robot_courses_with_reasons(catalogue):
    automation = CompetenceArea.objects.get(name="Automation og robotter")
    assert [m.offering.code for m in rank("Vi mangler folk, der kan programmere robotter")[:2]] == [
        "R1",
        "R2",
    ]
    matches = rank("Vi mangler medarbejdere, der kan programmere robotter", areas=[automation])
    assert [m.offering.code for m in matches[:2]] == ["R1", "R2"]
    assert "Ord til fælles: robotter" in matches[0].reasons
    assert "Kompetenceområde: Automation og robotter" in matches[0].reasons


def test_swedish_and_english_needs_find_the_same_courses(catalogue):
    assert rank("Vi behöver ledarskap och förändringsledning")[0].offering.code == "L1"
    assert rank("Our staff must learn robot programming")[0].offering.code == "R1"


def test_nearness_to_the_company_lifts_a_course(catalogue):
    company = f.CompanyFactory(municipality=Municipality.objects.get(code=851))
    near = rank("robotter", company=company)
    assert near[0].offering.code == "R2"
    assert "I virksomhedens kommune (Aalborg)" in near[0].reasons


def test_the_index_is_built_once_and_rebuilt_after_a_change(catalogue):
    first = current_index()
    assert current_index() is first
    offering = catalogue["S1"]
    offering.title = "Svejsning af robotceller"
    offering.save()
    assert current_index() is not first
    assert "S1" in [m.offering.code for m in rank("svejsning robotceller")[:2]]


def test_the_match_command_prints_json(catalogue):
    out = io.StringIO()
    call_command("match", "programmere robotter", "--top", "2", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert [r["code"] for r in result] == ["R1", "R2"]
    assert {"code", "title", "score", "reasons"} <= set(result[0])
    assert result[0]["score"] >= result[1]["score"]


def test_the_match_page_and_api(client_for, api_for, world, catalogue):
    page = client_for(world.member).get(reverse("catalogue:match"), {"need": "svejsning af plader"})
    assert "Svejsning MAG" in page.content.decode()
    data = api_for(world.member).get("/api/v1/match/", {"need": "ledelse", "top": 1}).json()
    assert data[0]["code"] == "L1"


def test_only_operators_keep_the_catalogue(api_for, world, catalogue):
    body = {
        "code": "X1",
        "title": "Nyt",
        "kind": "amu_course",
        "provider": catalogue["R1"].provider_id,
    }
    assert api_for(world.member).post("/api/v1/offerings/", body, format="json").status_code == 403
    created = api_for(world.operator).post(
        "/api/v1/offerings/", body | {"competence_areas": ["Ledelse"]}, format="json"
    )
    assert created.status_code == 201, created.json()
    assert [a.name for a in Offering.objects.get(code="X1").competence_areas.all()] == ["Ledelse"]
