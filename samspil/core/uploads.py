"""Uploads: size limits kept while the body is read, and the file types a workshop may keep.

Size. ``UploadLimitMiddleware`` (``samspil.core.middleware``) gives every request a limit: the
view's own (``@upload_limit(...)``, e.g. 20 MB for workshop attachments) or
``SAMSPIL_MAX_UPLOAD_MB`` (the largest import). A request announcing a larger body
(``Content-Length``) is answered 413 before its body is read; otherwise ``LimitedUploadHandler``
counts the file bytes as they arrive and stops reading at the limit, so nothing larger is ever
written to memory or disk. A view marked with ``@upload_limit`` puts the refusal on its form
(``refusal(request)``); fields other than files are bounded by Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE``.

Type. Attachments are checked by their content, not only their name (``validate_attachment``):
documents, spreadsheets, slides, images and plain text on an allow-list. Web pages, SVG,
``.htaccess``, scripts and programs are refused whatever they are called, as is an Office file
with macros. Files are served only as downloads (``attachment_response``).
"""

import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

MB = 1024 * 1024
# Room in a request's body for the form's other fields beside the file (the CSRF token, a title).
FORM_SLACK = 1 * MB


def megabytes(nbytes: int) -> str:
    return f"{nbytes / MB:g}"


# Size -----------------------------------------------------------------------------------------


def upload_limit(nbytes):
    """Mark a view as taking files of at most ``nbytes`` (an int, or a callable read per
    request, for a setting); the view shows ``refusal(request)`` on its form."""

    def decorate(view):
        view.upload_limit = nbytes
        return view

    return decorate


def limit_for(view_func) -> int | None:
    limit = getattr(view_func, "upload_limit", None)
    if limit is None:
        limit = getattr(getattr(view_func, "view_class", None), "upload_limit", None)
    return limit() if callable(limit) else limit


def max_request_bytes() -> int:
    return settings.SAMSPIL_MAX_UPLOAD_MB * MB


def attachment_bytes() -> int:
    return settings.SAMSPIL_MAX_ATTACHMENT_MB * MB


class LimitedUploadHandler(FileUploadHandler):
    """First of the upload handlers: passes file bytes on to Django's own handlers until the
    request's limit is passed, then stops the upload without reading the rest of the body."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def _limit(self) -> int:
        return getattr(self.request, "upload_limit", None) or max_request_bytes()

    def _refuse(self):
        self.request.upload_refused = self._limit()
        raise StopUpload(connection_reset=True)

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > self._limit() + FORM_SLACK:
            # Too large as announced: the fields before the file are still read (the CSRF
            # token), the file is not.
            self.request.upload_refused = self._limit()
        return None

    def new_file(self, *args, **kwargs):
        if getattr(self.request, "upload_refused", None):
            self._refuse()
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self._limit():
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) makes the file


def refusal(request) -> str | None:
    """The message for a file refused for its size while it was read, or None."""
    limit = getattr(request, "upload_refused", None)
    if not limit:
        return None
    return _("The file is larger than %(size)s MB and was not received.") % {
        "size": megabytes(limit)
    }


def too_large_response(request, limit: int):
    message = _("The file is larger than %(size)s MB and was not received.") % {
        "size": megabytes(limit)
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "core/too_large.html", {"message": message}, status=413)


# Type -----------------------------------------------------------------------------------------

OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
ODF = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    **ODF,
    ".txt": "text/plain",
    ".csv": "text/csv",
}
ALLOWED = tuple(CONTENT_TYPES)
# Markup a browser would run if it ever opened a "text" file as a page.
MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<?xml", b"<iframe", b"<body", b"<object")


def _zip_names(upload) -> list[str] | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


# What a damaged, encrypted or unknown-compression archive member raises when read.
UNREADABLE = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError, OSError)


def _zip_member(upload, name: str) -> bytes | None:
    """The first bytes of one member, read without unpacking the rest (a small file that
    unpacks to gigabytes costs no memory), or None when it cannot be read."""
    try:
        with zipfile.ZipFile(upload) as archive, archive.open(name) as member:
            return member.read(200)
    except UNREADABLE:
        return None


def _content_matches(suffix: str, upload, head: bytes) -> bool:
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if suffix == ".heic":
        return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"hevc")
    if suffix in OOXML or suffix in ODF:
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(upload)
        if names is None:
            return False
        if suffix in OOXML:
            macros = any(n.lower().endswith("vbaproject.bin") for n in names)
            return (
                "[Content_Types].xml" in names
                and any(n.startswith(OOXML[suffix]) for n in names)
                and not macros
            )
        return "mimetype" in names and _zip_member(upload, "mimetype") == ODF[suffix].encode()
    if suffix in (".txt", ".csv"):
        if b"\x00" in head:
            return False
        lowered = head.lower()
        return not any(tag in lowered for tag in MARKUP)
    return False


def validate_attachment(upload) -> None:
    """Refuse a file whose name is not on the allow-list or whose content is not what its name
    says (a program renamed to .pdf, a web page renamed to .txt)."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in CONTENT_TYPES or name.startswith("."):
        raise ValidationError(
            _(
                "%(name)s: this kind of file cannot be attached. Attach a document, spreadsheet, "
                "presentation, image or text file (%(types)s)."
            )
            % {"name": name, "types": ", ".join(s.lstrip(".") for s in ALLOWED)},
            code="file_type",
        )
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    try:
        matches = _content_matches(suffix, upload, head)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "%(name)s: the content is not a %(type)s file. Files are checked by their "
                "content, not only their name."
            )
            % {"name": name, "type": suffix.lstrip(".").upper()},
            code="file_content",
        )


def attachment_response(field_file, filename: str) -> FileResponse:
    """Serve a stored file as a download, never as a page: ``Content-Disposition: attachment``,
    the type from the allow-list (else ``application/octet-stream``), ``nosniff`` and a
    sandbox so that a browser never runs it."""
    suffix = Path(filename).suffix.lower()
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
