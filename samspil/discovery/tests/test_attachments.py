"""Workshop attachments: size limits kept while the body is read, file types checked by their
content, and downloads that a browser never opens as a page."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.test.client import FakePayload
from django.urls import reverse
from openpyxl import Workbook

from samspil.discovery.models import WorkshopFile

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png() -> bytes:
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "Behov"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx(macros=False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"


def attach(client, workshop, name, content, **extra):
    return client.post(
        reverse("discovery:file-add", args=[workshop.pk]),
        {"file": SimpleUploadedFile(name, content), "title": "Dokumentation"},
        **extra,
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("væggen.png", png()),
        ("referat.pdf", PDF),
        ("behov.xlsx", xlsx()),
        ("noter.docx", docx()),
        ("noter.odt", odt()),
        ("deltagere.csv", b"navn;virksomhed\nLene;Herning Plast\n"),
        ("foto.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100),
    ],
)
def test_documents_images_and_spreadsheets_are_accepted(client_for, world, workshop, name, content):
    response = attach(client_for(world.member), workshop, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = WorkshopFile.objects.get()
    assert stored.file.read() == content


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("side.html", HTML, "side.html: denne slags fil kan ikke vedhæftes"),
        (".htaccess", b"AddType application/x-httpd-php .pdf\n", "kan ikke vedhæftes"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "kan ikke"),
        ("program.exe", EXE, "kan ikke vedhæftes"),
        ("faktura.pdf", EXE, "faktura.pdf: indholdet er ikke en PDF-fil"),
        ("billede.png", PDF, "indholdet er ikke en PNG-fil"),
        ("noter.txt", HTML, "indholdet er ikke en TXT-fil"),
        ("makro.docx", docx(macros=True), "indholdet er ikke en DOCX-fil"),
        ("regneark.xlsx", b"PK\x03\x04not really a zip", "indholdet er ikke en XLSX-fil"),
        # A damaged archive (its "mimetype" no longer matches its checksum) answered 500.
        (
            "noter.odt",
            odt().replace(b"application/vnd.oasis", b"xpplication/vnd.oasis", 1),
            "indholdet er ikke en ODT-fil",
        ),
    ],
)
def test_web_pages_programs_and_renamed_files_are_refused(
    client_for, world, workshop, name, content, message
):
    response = attach(client_for(world.member), workshop, name, content)
    assert response.status_code == 200  # the workshop's page again, the reason on the form
    assert message in response.content.decode()
    assert not WorkshopFile.objects.exists()


@pytest.fixture
def reads(monkeypatch):
    """How many bytes of the request body the server read, and how many file bytes reached
    Django's own upload handlers (memory or temporary file)."""
    counted = {"body": 0, "stored": 0}
    payload_read = FakePayload.read

    def read(self, *args, **kwargs):
        data = payload_read(self, *args, **kwargs)
        counted["body"] += len(data)
        return data

    def handler_counting(cls):
        original = cls.receive_data_chunk

        def receive(self, raw_data, start):
            if getattr(self, "activated", True):  # the memory handler passes large files on
                counted["stored"] += len(raw_data)
            return original(self, raw_data, start)

        monkeypatch.setattr(cls, "receive_data_chunk", receive)

    monkeypatch.setattr(FakePayload, "read", read)
    handler_counting(MemoryFileUploadHandler)
    handler_counting(TemporaryFileUploadHandler)
    return counted


def test_a_30_mb_attachment_is_refused_before_its_body_is_read(client_for, world, workshop, reads):
    client = client_for(world.member)
    response = attach(client, workshop, "video.pdf", b"%PDF-" + b"0" * (30 * MB))
    assert response.status_code == 200
    assert "Filen er større end 20 MB og blev ikke modtaget." in response.content.decode()
    assert reads["stored"] == 0  # not a byte of the file kept
    assert reads["body"] < 1 * MB  # the form's first fields only, not the 30 MB
    assert not WorkshopFile.objects.exists()


def test_an_attachment_stops_being_read_at_the_limit(client_for, world, workshop, reads):
    """Announced just under the limit with its form (so not refused at once), the file is
    counted as it arrives and reading stops at 20 MB."""
    response = attach(
        client_for(world.member), workshop, "stor.pdf", b"%PDF-" + b"0" * (20 * MB + 500_000)
    )
    assert response.status_code == 200
    assert "Filen er større end 20 MB" in response.content.decode()
    assert reads["stored"] <= 20 * MB
    assert not WorkshopFile.objects.exists()


def test_a_request_larger_than_any_upload_is_answered_413_unread(
    client_for, world, workshop, settings, reads
):
    settings.SAMSPIL_MAX_UPLOAD_MB = 1
    client = client_for(world.superuser)
    response = client.post(
        reverse("companies:import"),
        {"file": SimpleUploadedFile("firmaer.csv", b"cvr;navn\n" * (300_000))},
    )
    assert response.status_code == 413
    assert "Filen er større end 1 MB og blev ikke modtaget." in response.content.decode()
    assert reads["body"] == 0
    api = client.post("/api/v1/companies/", {"file": SimpleUploadedFile("x.csv", b"x" * (3 * MB))})
    assert api.status_code == 413 and "1 MB" in api.json()["detail"]


def test_attachments_are_served_as_downloads_never_as_pages(client_for, world, workshop, media):
    client = client_for(world.member)
    attach(client, workshop, "referat.pdf", PDF)
    # An old upload from before the allow-list: still only a download.
    legacy = WorkshopFile.objects.create(
        workshop=workshop, file=SimpleUploadedFile("gammel.html", HTML)
    )
    for stored, content_type in (
        (WorkshopFile.objects.get(title="Dokumentation"), "application/pdf"),
        (legacy, "application/octet-stream"),
    ):
        response = client.get(reverse("discovery:file-download", args=[stored.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == content_type
        assert "sandbox" in response["Content-Security-Policy"]
    outsider = client_for(world.other_member)
    assert outsider.get(reverse("discovery:file-download", args=[legacy.pk])).status_code == 404
