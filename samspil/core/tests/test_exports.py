"""Exports never hand a spreadsheet a formula: text that would start one stays text."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samspil.partnerships.models import LearningNote
from samspil.testing import factories as f

HOSTILE = ['=HYPERLINK("http://x","y")', "=1+1", "+45 12", "-2+3", "@SUM(A1)", "\tTab"]


def csv_cells(response) -> list[list[str]]:
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    return [line.split(";") for line in lines]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_company_named_like_a_formula_is_exported_as_text(client_for, world, name):
    f.CompanyFactory(name=name, cvr="13585628")
    client = client_for(world.member)
    url = reverse("companies:list")
    rows = csv_cells(client.get(url, {"export": "csv"}))
    assert rows[1][0] == "13585628"
    # The apostrophe makes Excel and LibreOffice show the text instead of evaluating it.
    assert rows[1][1].strip('"') == "'" + name.replace('"', '""')
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).getvalue())).active
    cell = sheet.cell(row=2, column=2)
    assert cell.value == name and cell.data_type == "s"


def test_learning_notes_export_keeps_a_formula_title_as_text(client_for, world):
    LearningNote.objects.create(
        partnership=world.partnership_a,
        author=world.coordinator,
        title="=1+1",
        tried="Sambesøg",
        for_whom="SMV'er",
        result="Ja til RKV",
        noted_on=timezone.localdate(),
    )
    client = client_for(world.coordinator)
    url = reverse("partnerships:note-list", args=[world.partnership_a.pk])
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).getvalue())).active
    titles = [cell for cell in sheet["B"][1:]]
    assert [c.value for c in titles] == ["=1+1"] and titles[0].data_type == "s"
    rows = csv_cells(client.get(url, {"export": "csv"}))
    assert rows[1][1] == "'=1+1"


def test_control_characters_do_not_break_the_spreadsheet(client_for, world):
    f.CompanyFactory(name="Ikast\x01 Metal\x0b ApS", cvr="13585628")
    response = client_for(world.member).get(reverse("companies:list"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.cell(row=2, column=2).value == "Ikast Metal ApS"
