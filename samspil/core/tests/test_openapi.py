"""The OpenAPI schema documents every operation's errors and what read-only fields may hold
(the fuzz run in tests/test_api_fuzz.py checks the answers against it)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_errors(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= codes, (method, path)
            if method in ("post", "put", "patch"):
                assert "413" in codes, (method, path)
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]


def nullable(prop) -> bool:
    return prop.get("nullable") is True or any(
        part.get("nullable") is True for part in prop.get("oneOf", [])
    )


def allows_blank(prop, schemas) -> bool:
    for part in prop.get("oneOf", [prop]):
        ref = part.get("$ref", "")
        target = schemas[ref.rsplit("/", 1)[-1]] if ref else part
        if "" in target.get("enum", []) or target.get("maxLength") == 0:
            return True
    return False


def test_read_only_fields_say_they_may_be_blank_or_null(schema):
    schemas = schema["components"]["schemas"]
    # A survey answer not yet given a horizon; a participant without an e-mail address.
    assert allows_blank(schemas["Answer"]["properties"]["when"], schemas)
    assert allows_blank(schemas["Participant"]["properties"]["email"], schemas)
    # No municipality; no exception recorded; no contact yet.
    assert nullable(schemas["Organisation"]["properties"]["municipality_name"])
    assert nullable(schemas["Rotation"]["properties"]["exception_by"])
    assert nullable(schemas["Company"]["properties"]["last_contact"])
    # A contact's notes are null for callers outside its partnership or project.
    for name in ("purpose", "notes", "next_step", "outcome"):
        assert nullable(schemas["Contact"]["properties"][name]), name
    assert not nullable(schemas["Contact"]["properties"]["kind"])


def test_email_addresses_may_carry_danish_letters(schema):
    email = schema["components"]["schemas"]["ContactPerson"]["properties"]["email"]
    formats = {part.get("format") for part in email.get("oneOf", [email])}
    assert "idn-email" in formats and "email" not in formats
