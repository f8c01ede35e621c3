"""The ESF indicators on hand-checked data, one project per fund, imported through the same
file format operators use. Every expected number is worked out in the comments."""

import io
import json

import pytest
from django.core.management import call_command
from stdnum import luhn

from samspil.participants.indicators import compute
from samspil.programmes.models import Project
from samspil.testing import factories as f

pytestmark = pytest.mark.django_db

COLUMNS = (
    "project,personal_id,personal_id_type,gender,birth_date,start_date,employment_status,isced,"
    "disability,third_country_national,foreign_background,minority,homeless,rural,other_disadvantaged,"
    "employer_cvr,end_date,result_job_searching,result_in_education,result_qualification,result_employed,"
    "employed_6m,improved_situation_6m"
)
UNTIL = "2026-06-30"


def personnummer(digits9: str) -> str:
    return digits9[:6] + "-" + digits9[6:] + luhn.calc_check_digit(digits9)


@pytest.fixture
def imported(tmp_path):
    sme = f.CompanyFactory(cvr="13585628", employees=20)
    f.CompanyFactory(cvr="10403782", employees=400)
    Project.objects.create(code="p2014", name="ESF 2014", fund="esf2014")
    Project.objects.create(code="pplus", name="ESF+", fund="esfplus")
    rows = [
        # 1: woman, 21 at entry (under 25), unemployed, ISCED 2; left, employed; employed after 6 months.
        "p2014,020303-4002,cpr,female,,2025-03-01,unemployed,2,no,no,no,no,no,no,no,13585628,2025-09-01,no,no,no,yes,yes,",
        # 2: man, 65, long-term unemployed, ISCED 3, disability declined; has not left.
        "p2014,010160-1235,cpr,male,,2025-03-01,long_term_unemployed,3,declined,no,no,no,no,no,no,,,,,,,,",
        # 3: woman, 34, inactive not in education, ISCED 5, foreign background; left, job searching.
        "p2014,150690-1234,cpr,female,,2025-03-01,inactive_not_in_education,5,no,no,yes,no,no,no,no,,2025-12-01,yes,,,,,",
        # 4: man, 54 on entry (55 a month later), employed, ISCED 4, homeless, rural; left 2026-05-01 with a
        #    qualification; his six months are not over by the reporting date.
        "p2014,010470-1235,cpr,male,,2025-03-01,employed,4,no,no,no,no,yes,yes,no,10403782,2026-05-01,,,yes,,yes,yes",
        # 5: woman without ISCED: incomplete, only in the grand total.
        "p2014,050585-1002,cpr,female,,2025-03-01,employed,,no,no,no,no,no,no,no,,,,,,,,",
        # 6: non-binary, self-employed, ISCED 6: counted in totals, not under women or men.
        "p2014,010195-1233,cpr,non_binary,,2025-03-01,self_employed,6,no,no,no,no,no,no,no,,,,,,,,",
        # 7: entered after the reporting date: not counted at all.
        "p2014,010180-1234,cpr,female,,2026-08-01,unemployed,3,no,no,no,no,no,no,no,,,,,,,,",
        # ESF+ a: woman, 14, inactive in education, ISCED 1.
        "pplus,010510-4002,cpr,female,,2025-03-01,inactive_in_education,1,no,no,no,no,no,no,no,,,,,,,,",
        # ESF+ b: man, 29 on entry (a personnummer), unemployed, ISCED 0, third-country national; job searching.
        f"pplus,{personnummer('960301123')},personnummer,male,,2025-03-01,unemployed,0,no,yes,no,no,no,no,no,,2025-10-01,yes,,,,,",
        # ESF+ c: non-binary, 55 on the entry date itself, employed, ISCED 7, minority; employed and improved
        #    six months after leaving.
        "pplus,010370-1233,cpr,non_binary,,2025-03-01,employed,7,no,no,no,yes,no,no,no,,2025-08-01,,,,,yes,yes",
        # ESF+ d: woman, 30 (one day too old for 18-29), long-term unemployed, ISCED 3, foreign background declined.
        "pplus,280295-1002,cpr,female,,2025-03-01,long_term_unemployed,3,no,no,declined,no,no,no,no,,,,,,,,",
    ]
    path = tmp_path / "deltagere.csv"
    path.write_text(COLUMNS + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    call_command("import", "participants", str(path), stdout=io.StringIO())
    return sme


def indicators(code):
    import datetime

    return compute(Project.objects.get(code=code), datetime.date.fromisoformat(UNTIL))


def row(women, men, total):
    return {"women": women, "men": men, "total": total}


def test_esf_2014_by_hand(imported):
    report = indicators("p2014")
    assert (report["participants_total"], report["participants_counted"]) == (6, 5)
    got = report["indicators"]
    expected = {
        "CO01": row(1, 1, 2),
        "CO02": row(0, 1, 1),
        "CO03": row(1, 0, 1),
        "CO04": row(1, 0, 1),
        "CO05": row(0, 1, 2),
        "CO06": row(1, 0, 1),
        "CO07": row(0, 1, 1),
        "CO08": row(0, 1, 1),
        "CO09": row(1, 0, 1),
        "CO10": row(0, 2, 2),
        "CO11": row(1, 0, 2),
        "CO15": row(1, 0, 1),
        "CO16": row(0, 0, 0),
        "CO17": row(0, 0, 0),
        "CO18": row(0, 1, 1),
        "CO19": row(0, 1, 1),
        "CR01": row(1, 0, 1),
        "CR02": row(0, 0, 0),
        "CR03": row(0, 1, 1),
        "CR04": row(1, 0, 1),
        "CR05": row(1, 1, 2),
        "CR06": row(1, 0, 1),
        "CR07": row(0, 0, 0),
        "CR08": row(0, 0, 0),
        "CR09": row(0, 0, 0),
    }
    for code, values in expected.items():
        assert got[code] == values, code
    assert got["CO23"]["total"] == 1  # one SME employer; the large one does not count


def test_esf_plus_by_hand(imported):
    report = indicators("pplus")
    assert (report["participants_total"], report["participants_counted"]) == (4, 4)
    got = report["indicators"]

    def r(women, men, nb, total):
        return {"women": women, "men": men, "non_binary": nb, "total": total}

    expected = {
        "EECO01": r(2, 1, 1, 4),
        "EECO02": r(1, 1, 0, 2),
        "EECO03": r(1, 0, 0, 1),
        "EECO04": r(1, 0, 0, 1),
        "EECO05": r(0, 0, 1, 1),
        "EECO06": r(1, 0, 0, 1),
        "EECO07": r(0, 1, 0, 1),
        "EECO08": r(0, 0, 1, 1),
        "EECO09": r(1, 1, 0, 2),
        "EECO10": r(1, 0, 0, 1),
        "EECO11": r(0, 0, 1, 1),
        "EECO12": r(0, 0, 0, 0),
        "EECO13": r(0, 1, 0, 1),
        "EECO14": r(0, 0, 0, 0),
        "EECO15": r(0, 0, 1, 1),
        "EECO16": r(0, 0, 0, 0),
        "EECO17": r(0, 0, 0, 0),
        "EECR01": r(0, 1, 0, 1),
        "EECR02": r(0, 0, 0, 0),
        "EECR03": r(0, 0, 0, 0),
        "EECR04": r(0, 0, 0, 0),
        "EECR05": r(0, 0, 1, 1),
        "EECR06": r(0, 0, 1, 1),
    }
    for code, values in expected.items():
        assert got[code] == values, code


def test_the_report_command_prints_the_json_the_fund_gets(imported):
    out = io.StringIO()
    call_command(
        "report", "esf", "--project", "p2014", "--until", UNTIL, "--format", "json", stdout=out
    )

    data = json.loads(out.getvalue())
    assert (data["participants_total"], data["participants_counted"]) == (6, 5)
    assert data["indicators"]["CO01"] == {"women": 1, "men": 1, "total": 2}


def test_esf_plus_counts_every_participant_as_esf_md_limits_completeness_to_2014(tmp_path):
    import datetime

    Project.objects.create(code="pplus2", name="ESF+", fund="esfplus")
    path = tmp_path / "plus.csv"
    path.write_text(
        COLUMNS
        + "\npplus2,050585-1002,cpr,female,,2025-03-01,employed,,no,no,no,no,no,no,no,,,,,,,,\n",
        encoding="utf-8",
    )
    call_command("import", "participants", str(path), stdout=io.StringIO())
    report = compute(Project.objects.get(code="pplus2"), datetime.date(2025, 12, 31))
    assert (report["participants_total"], report["participants_counted"]) == (1, 1)
    assert report["indicators"]["EECO01"]["women"] == 1
    assert report["indicators"]["EECO05"]["total"] == 1
    assert report["indicators"]["EECO09"]["total"] == 0  # no ISCED: in no education indicator
