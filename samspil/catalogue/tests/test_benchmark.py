"""The benchmark command keeps working: it measures on the evaluation set and rolls back."""

import pytest
from django.core.management import call_command

from samspil.catalogue.management.commands.benchmark_matching import Command
from samspil.catalogue.models import Offering

pytestmark = pytest.mark.django_db


def test_the_benchmark_writes_its_section_and_leaves_the_catalogue_alone(tmp_path, capsys):
    output = tmp_path / "benchmarks.md"
    output.write_text("# Benchmarks\n\nOther results stay.\n", encoding="utf-8")
    call_command("benchmark_matching", "--output", str(output), "--size", "40")
    text = output.read_text(encoding="utf-8")
    assert "Other results stay." in text
    assert "**Tuning set**" in text and "**Held-out set**" in text and "320 offerings" in text
    assert "| default: text + meaning, fused (SAMSPIL_SEMANTIC_RANKER on) |" in text
    assert "| held-out | 80–100 % |" in text or "| held-out | 60–80 % |" in text
    assert "ranking one need with reasons" in text
    assert not Offering.objects.exists()  # rolled back
    Command().write(output, "<!-- matching:start -->\nnew\n<!-- matching:end -->")
    again = output.read_text(encoding="utf-8")
    assert (
        again.count("matching:start") == 1 and "\nnew\n" in again and "Other results stay." in again
    )
