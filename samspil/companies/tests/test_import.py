"""`samspil import companies FILE` and the import page: all or nothing, row errors, updates."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from samspil.companies.models import Company

pytestmark = pytest.mark.django_db

GOOD = (
    "cvr;name;municipality;industry_code;industry_title;employees;growth_company\n"
    "13585628;Herning Plast A/S;657;222900;Fremstilling af andre plastprodukter;85;ja\n"
    "10403782;Ikast Metal ApS;Ikast-Brande;251100;;42;nej\n"
)
BAD = (
    "cvr;name;municipality;industry_code;employees\n"
    "13585628;Herning Plast A/S;657;222900;85\n"
    "1358562;For kort ApS;657;222900;3\n"
    "13585627;Forkert ciffer ApS;Atlantis;999999;mange\n"
    "13585628;Herning Plast igen;657;222900;85\n"
)


def write(tmp_path, text, name="virksomheder.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "companies", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_creates_the_companies(tmp_path):
    out, _ = run(write(tmp_path, GOOD))
    assert "Nye: 2. Opdaterede: 0." in out
    plast = Company.objects.get(cvr="13585628")
    assert plast.municipality.code == 657 and plast.size_band == "medium" and plast.growth_company
    metal = Company.objects.get(cvr="10403782")
    assert metal.municipality.name == "Ikast-Brande"
    assert metal.industry_title == "Manufacture of metal structures and parts of structures"


def test_importing_again_updates_and_never_duplicates(tmp_path):
    run(write(tmp_path, GOOD))
    out, _ = run(write(tmp_path, GOOD))
    assert "Nye: 0. Opdaterede: 0. Uændrede: 2." in out
    changed = GOOD.replace("Herning Plast A/S;657", "Herning Plast Holding A/S;657")
    out, _ = run(write(tmp_path, changed))
    assert "Nye: 0. Opdaterede: 1. Uændrede: 1." in out
    assert Company.objects.count() == 2
    assert Company.objects.get(cvr="13585628").name == "Herning Plast Holding A/S"


def test_a_bad_file_names_each_row_and_field_and_saves_nothing(tmp_path, capsys):
    with pytest.raises(CommandError, match="6 fejl; intet er gemt"):
        run(write(tmp_path, BAD))
    assert Company.objects.count() == 0


def test_the_row_errors(tmp_path):
    from samspil.companies.imports import CompanyImporter
    from samspil.core.imports import read_table

    path = write(tmp_path, BAD)
    result = CompanyImporter().run(read_table(path.read_bytes(), path.name))
    errors = {(e.row, e.field) for e in result.errors}
    assert errors == {
        (3, "cvr"),  # too short
        # a wrong check digit, an unknown place, words for a number, an unknown industry
        (4, "cvr"),
        (4, "municipality"),
        (4, "employees"),
        (4, "industry_code"),
        (5, "cvr"),  # repeats row 2
    }
    messages = [str(e) for e in result.errors]
    assert "Række 3, cvr: Et CVR-nummer har 8 cifre; “1358562” har 7." in messages
    assert "Række 5, cvr: Gentager række 2." in messages
    assert any(m.startswith("Række 4, municipality: Ukendt kommune “Atlantis”") for m in messages)


def test_unknown_industry_code_is_a_row_error(tmp_path):
    from samspil.companies.imports import CompanyImporter
    from samspil.core.imports import read_table

    path = write(tmp_path, "cvr;name;industry_code\n13585628;Plast;999999\n")
    result = CompanyImporter().run(read_table(path.read_bytes(), path.name))
    assert [(e.row, e.field) for e in result.errors] == [(2, "industry_code")]


def test_dry_run_checks_without_saving(tmp_path):
    out, _ = run(write(tmp_path, GOOD), "--dry-run")
    assert "Nye: 2." in out and "intet er gemt" in out
    assert Company.objects.count() == 0


def test_missing_columns_and_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="cvr"):
        run(write(tmp_path, "navn;by\nPlast;Herning\n"))
    with pytest.raises(CommandError, match="CSV- eller XLSX-fil"):
        run(write(tmp_path, "x", name="virksomheder.pdf"))


def test_xlsx_files_import_the_same_way(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CVR", "Name", "Municipality", "Employees"])
    sheet.append([13585628, "Herning Plast A/S", 657, 85])
    path = tmp_path / "virksomheder.xlsx"
    workbook.save(path)
    out, _ = run(path)
    assert "Nye: 1." in out
    assert Company.objects.get(cvr="13585628").employees == 85


def test_operators_import_through_a_page(client_for, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("companies:import")
    assert client_for(world.member).get(url).status_code == 403
    client = client_for(world.operator)
    upload = SimpleUploadedFile("virksomheder.csv", BAD.encode())
    page = client.post(url, {"file": upload, "dry_run": ""}).content.decode()
    assert "Filen har 6 fejl. Intet er gemt." in page
    assert "Række 3, cvr" in page
    assert Company.objects.count() == 0
    upload = SimpleUploadedFile("virksomheder.csv", GOOD.encode())
    page = client.post(url, {"file": upload, "dry_run": "on"}).content.decode()
    assert "Filen er i orden. Intet er gemt endnu." in page and Company.objects.count() == 0
    upload = SimpleUploadedFile("virksomheder.csv", GOOD.encode())
    page = client.post(url, {"file": upload}).content.decode()
    assert "Filen er importeret." in page and Company.objects.count() == 2
