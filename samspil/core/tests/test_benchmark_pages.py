"""`samspil benchmark_pages`: every listing page and API list measured, written between markers."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from samspil.api_urls import router
from samspil.core.scale import pages as bench
from samspil.core.scale.generate import Sizes, generate

pytestmark = pytest.mark.django_db

PAGES = [
    "company list",
    "company search",
    "company page",
    "coordination",
    "cluster page",
    "participant list",
    "participant page",
    "ESF report page",
    "project page",
    "progress (project dashboard)",
    "project status report XLSX",
    "programme dashboard",
    "programme status report XLSX",
    "survey analysis",
    "plan page",
    "openings",
    "candidates",
    "learning notes",
]


@pytest.fixture
def data():
    call_command("demo", verbosity=0)
    generate(
        Sizes(
            companies=30,
            contacts=200,
            participants=30,
            offerings=3,
            survey_companies=6,
            statements=3,
            candidates=3,
            openings=2,
            notes=3,
            plans=2,
        ),
        seed=2,
    )


def run(output, *extra):
    call_command(
        "benchmark_pages",
        "--runs",
        "1",
        "--label",
        "demo",
        "--output",
        str(output),
        *extra,
        stdout=io.StringIO(),
    )


def rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and "`/" in line]


def test_every_page_and_api_list_gets_a_row_and_answers_200(data, tmp_path):
    output = tmp_path / "benchmarks.md"
    output.write_text("# Benchmarks\n\n<!-- matching:start -->\nkept\n<!-- matching:end -->\n")
    run(output)
    text = output.read_text()
    assert "<!-- matching:start -->\nkept\n<!-- matching:end -->" in text  # others' sections kept
    found = rows(text)
    names = [row.split(" (`")[0].removeprefix("| ") for row in found]
    for page in PAGES:
        assert any(name.startswith(page) for name in names), f"no row for {page}"
    for prefix, _viewset, _basename in router.registry:
        assert f"API {prefix}" in names, f"no row for /api/v1/{prefix}/"
    for row in found:
        assert "answered" not in row, row
        cells = [cell.strip() for cell in row.split("|")]
        assert cells[3].isdigit() and int(cells[3]) > 0, row  # queries counted
        assert cells[6] != "–", row  # a median


def test_a_second_run_replaces_only_its_own_database_and_size(data, tmp_path):
    output = tmp_path / "benchmarks.md"
    run(output, "--only", "nothing")  # --only prints, writes nothing
    assert not output.exists()
    # The figures of the other database, written by an earlier run, stay as they are.
    this = connection.vendor
    other = "postgresql" if this == "sqlite" else "sqlite"
    output.write_text(
        f"# Benchmarks\n\n<!-- pages:start -->\n<!-- pages:{other}:large:start -->\n"
        f"Other figures\n<!-- pages:{other}:large:end -->\n<!-- pages:end -->\n"
    )
    run(output)
    run(output)
    text = output.read_text()
    assert "Other figures" in text
    assert text.count(f"<!-- pages:{this}:demo:start -->") == 1


def test_a_page_that_does_not_answer_200_fails_the_benchmark(data, tmp_path, monkeypatch):
    found = bench.pages()
    broken = bench.Page("broken page", "/virksomheder/999999999/", "konsulent2")
    monkeypatch.setattr(bench, "pages", lambda: [*found[:2], broken])
    output = tmp_path / "benchmarks.md"
    with pytest.raises(CommandError, match="broken page"):
        run(output)
    assert "**answered 404**" in output.read_text()
