"""Matching with the semantic ranker on by default: vectors stored once through the catalogue's
service, an index a new process loads instead of building, calibrated percentages, "no course
fits", the reasons that name what matched, and text ranking when the model cannot load."""

import io
import json
import logging

import numpy as np
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from samspil.catalogue import matching, services
from samspil.catalogue.models import CompetenceArea, Offering, OfferingEmbedding, Provider
from samspil.core.models import Municipality

pytestmark = pytest.mark.django_db

COURSES = [
    ("TIG", "TIG-svejsning af rustfaste rør", "TIG-svejsning i rustfrit stål efter WPS."),
    ("MAG", "MAG-svejsning, kantsømme", "Kantsømme i ulegeret stål med MAG."),
    ("TRUCK", "Gaffeltruck certifikatkursus B", "Certifikat til gaffeltruck og sikker kørsel."),
    ("LED", "Grundlæggende lederuddannelse", "For nye formænd: rollen som leder og feedback."),
    ("HYG", "Hygiejnebevis for fødevareansatte", "Personlig hygiejne og egenkontrol (HACCP)."),
]


@pytest.fixture
def courses(db):
    provider = Provider.objects.create(
        name="EUC Test", municipality=Municipality.objects.get(code=657)
    )
    made = {}
    for code, title, text in COURSES:
        made[code] = services.save_offering(
            Offering(code=code, kind="amu_course", provider=provider),
            actor=None,
            title=title,
            description=text,
        )
    return made


def test_saving_an_offering_stores_its_vector_once_and_again_when_its_text_changes(courses):
    assert OfferingEmbedding.objects.count() == len(COURSES)
    tig = courses["TIG"]
    stored = OfferingEmbedding.objects.get(offering=tig)
    assert stored.model == matching.MODEL_ID
    vector = matching.unpack(stored.vector)
    assert vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1) < 0.01
    assert services.embed_offerings([tig]) == 0  # unchanged text: nothing encoded
    services.save_offering(tig, actor=None, description="TIG-svejsning af tynde plader.")
    assert OfferingEmbedding.objects.get(offering=tig).digest != stored.digest


def test_the_best_course_comes_first_with_a_high_percentage_and_the_words_in_common(courses):
    ranking = matching.rank("TIG-svejsning i rustfrit stål")
    assert ranking[0].offering.code == "TIG"
    assert not ranking.no_fit and ranking[0].percent >= 50
    assert ranking[0].percent > ranking[1].percent
    assert any(r.startswith("Ord til fælles: tig, svejsning") for r in ranking[0].reasons)
    assert ranking[0].as_dict()["percent"] == ranking[0].percent


def test_a_need_in_another_language_finds_the_course_by_meaning(courses):
    assert (
        matching.rank("New foremen must learn to lead their colleagues")[0].offering.code == "LED"
    )
    assert matching.rank("Nya arbetsledare behöver lära sig leda")[0].offering.code == "LED"


def test_when_no_course_fits_the_ranking_says_so_with_low_percentages(courses):
    ranking = matching.rank("Vi mangler en tandlæge")
    assert ranking.no_fit
    assert all(m.percent < 35 for m in ranking)


def test_the_match_page_shows_the_percentage_and_says_when_nothing_fits(client_for, world, courses):
    client = client_for(world.member)
    page = client.get(reverse("catalogue:match"), {"need": "TIG-svejsning i rustfrit stål"})
    text = page.content.decode()
    assert "passer med" in text and "% sandsynlighed" in text
    assert "Intet kursus passer godt" not in text
    page = client.get(reverse("catalogue:match"), {"need": "Vi mangler en tandlæge"})
    assert "Intet kursus passer godt" in page.content.decode()


def test_the_match_command_says_when_no_course_fits(courses):
    out = io.StringIO()
    call_command("match", "Vi mangler en tandlæge", "--top", "2", stdout=out)
    assert "Intet kursus i kataloget passer godt" in out.getvalue()
    out = io.StringIO()
    call_command("match", "svejsning rustfrit", "--format", "json", stdout=out)
    first = json.loads(out.getvalue())[0]
    assert first["code"] == "TIG" and 0 < first["score"] <= 1 and "percent" in first


def test_a_new_process_loads_the_index_from_disk_instead_of_building_it(courses, monkeypatch):
    matching.current_index()
    monkeypatch.setattr(matching, "_index", None)  # as a new process starts

    def no_build():
        raise AssertionError("the index was built again")

    monkeypatch.setattr(matching, "build_index", no_build)
    assert matching.rank("svejsning")[0].offering.code in {"TIG", "MAG"}


def test_offerings_saved_outside_the_service_get_their_vector_at_the_next_search(courses):
    provider = Provider.objects.get(name="EUC Test")
    Offering.objects.create(
        code="SOL", title="Solcellemontage", kind="amu_course", provider=provider
    )
    assert matching.rank("solceller på taget")[0].offering.code == "SOL"
    assert OfferingEmbedding.objects.filter(offering__code="SOL").exists()


def test_if_the_model_cannot_load_it_is_said_once_and_text_ranks(courses, monkeypatch, caplog):
    def broken():
        raise OSError("model file missing")

    monkeypatch.setattr(matching, "load_model", broken)
    monkeypatch.setattr(matching, "_model", None)
    monkeypatch.setattr(matching, "_model_failed", False)
    monkeypatch.setattr(matching, "_index", None)
    with caplog.at_level(logging.WARNING, logger="samspil.catalogue.matching"):
        first = matching.rank("svejsning i rustfrit stål")
        second = matching.rank("gaffeltruck")
    said = [r for r in caplog.records if "could not load" in r.getMessage()]
    assert len(said) == 1 and "model file missing" in said[0].getMessage()
    assert first[0].offering.code == "TIG" and second[0].offering.code == "TRUCK"
    assert not any("betydning" in reason for reason in first[0].reasons)


@override_settings(SAMSPIL_SEMANTIC_RANKER=False)
def test_the_switch_turns_the_semantic_ranker_off(db, monkeypatch):
    monkeypatch.setattr(matching, "_index", None)
    assert matching.embedder() is None
    provider = Provider.objects.create(name="Skolen")
    offering = services.save_offering(
        Offering(code="X", kind="amu_course", provider=provider),
        actor=None,
        title="Gaffeltruck",
        description="Certifikat",
    )
    assert not OfferingEmbedding.objects.exists()
    assert matching.current_index().vectors is None
    assert matching.rank("gaffeltruck")[0].offering == offering


def test_an_import_stores_vectors_and_a_large_one_leaves_them_to_the_worker(
    tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    path = tmp_path / "tilbud.csv"
    path.write_text(
        "code;title;kind;provider;description\n"
        "A1;Robotsvejsning;amu_course;EUC;Programmering af svejserobotter\n"
        "A2;Truckcertifikat;amu_course;EUC;Gaffeltruck B\n",
        encoding="utf-8",
    )
    call_command("import", "offerings", str(path), stdout=io.StringIO())
    assert OfferingEmbedding.objects.count() == 2
    OfferingEmbedding.objects.all().delete()
    monkeypatch.setattr(services, "INLINE_LIMIT", 0)
    monkeypatch.setattr(services, "embed_offerings_task", FakeTask(services.embed_offerings_task))
    path.write_text(path.read_text(encoding="utf-8").replace("Gaffeltruck B", "Truck B"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", "offerings", str(path), stdout=io.StringIO())
    assert not OfferingEmbedding.objects.exists()
    queued = services.embed_offerings_task.queued
    assert queued == [[Offering.objects.get(code="A2").pk]]  # only the changed offering
    assert services.embed_offerings_task.call(queued[0]) == 1
    assert OfferingEmbedding.objects.get().offering.code == "A2"


class FakeTask:
    """The task as the worker would get it: enqueued arguments kept, run on ``call``."""

    def __init__(self, task):
        self.task, self.queued = task, []

    def enqueue(self, *args):
        self.queued.append(*args)

    def call(self, *args):
        return self.task.call(*args)


def test_the_embed_command_encodes_what_is_missing(db):
    provider = Provider.objects.create(name="Skolen")
    Offering.objects.create(code="Y", title="Førstehjælp", kind="amu_course", provider=provider)
    out = io.StringIO()
    call_command("embed_offerings", stdout=out)
    assert "1" in out.getvalue() and OfferingEmbedding.objects.count() == 1


def test_a_named_area_nudges_and_is_named(courses):
    welding = CompetenceArea.objects.get(name="Svejsning og metal")
    courses["MAG"].competence_areas.add(welding)
    Offering.objects.filter(pk=courses["MAG"].pk).update(updated_at=timezone.now())
    ranking = matching.rank("svejsning", areas=[welding])
    assert ranking[0].offering.code == "MAG"
    assert "Kompetenceområde: Svejsning og metal" in ranking[0].reasons


def test_logistic_fit_recovers_known_weights_and_reliability_bins():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4000, 2))
    truth = np.array([-0.5, 2.0, -1.0])
    y = (rng.random(4000) < matching.probability(truth[0] + x @ truth[1:])).astype(float)
    w = matching.fit_logistic(x, y, l2=0.0)
    assert np.allclose(w, truth, atol=0.2)
    rows = matching.reliability([(0.1, False), (0.15, True), (0.9, True), (1.0, True)])
    assert rows == [(0.0, 0.2, 2, 0.125, 0.5), (0.8, 1.0, 2, 0.95, 1.0)]
