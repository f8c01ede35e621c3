"""The company import works batch by batch in one transaction: a bad row in the last batch
leaves nothing saved, and a repeated CVR number is found across batches."""

import pytest

from samspil.companies.imports import CompanyImporter
from samspil.companies.models import Company
from samspil.core.imports import iter_table

pytestmark = pytest.mark.django_db

CVRS = ["13585628", "10403782", "25313763", "29427755", "10150817", "12345674", "87654321"]


class SmallBatches(CompanyImporter):
    batch_size = 2


def file(*rows):
    return iter_table(("cvr;name;employees\n" + "\n".join(rows) + "\n").encode(), "v.csv")


def valid(cvr: str) -> bool:
    from django.core.exceptions import ValidationError

    from samspil.core.validators import normalise_cvr

    try:
        normalise_cvr(cvr)
    except ValidationError:
        return False
    return True


def test_a_bad_row_in_the_last_batch_saves_nothing_and_repeats_are_found_across_batches():
    cvrs = [c for c in CVRS if valid(c)][:5]
    rows = [f"{cvr};Firma {n};{n + 1}" for n, cvr in enumerate(cvrs)]
    result = SmallBatches().run(file(*rows[:-1], rows[-1].replace(";5", ";mange")))
    assert [(e.row, e.field) for e in result.errors] == [(len(rows) + 1, "employees")]
    assert not Company.objects.exists()
    result = SmallBatches().run(file(*rows, f"{cvrs[0]};Igen;3"))
    assert [str(e) for e in result.errors] == [f"Række {len(rows) + 2}, cvr: Gentager række 2."]
    assert not Company.objects.exists()
    result = SmallBatches().run(file(*rows))
    assert result.created == len(rows) and Company.objects.count() == len(rows)
