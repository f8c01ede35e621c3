"""The OpenAPI schema says which errors each operation answers, and in what shape.

drf-spectacular documents only the success of an operation. Every samspil endpoint can also
refuse: 400 with the reasons by field (an object, or a list for a reason about the whole
request), 401 without valid credentials, 403 when the caller may not do it, 404 for a record
out of the caller's scope (or a stale page cursor), 413 for a body over the upload limit and
429 when a rate limit is passed; every one but 400 carries ``{"detail": "..."}``. This
post-processing hook adds them, so a client (and the fuzz test in ``tests/test_api_fuzz.py``)
can rely on the schema for every answer.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework.fields import empty

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "description": "The reasons by field, or `non_field_errors`; a list for the whole request.",
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "string"}},
    ],
}
DESCRIPTIONS = {
    "400": "The request was refused; the reasons are given by field.",
    "401": "No valid credentials (token or session).",
    "403": "The caller may not do this.",
    "404": "Not found, or out of the caller's scope.",
    "413": "The body is larger than the upload limit.",
    "429": "Too many requests; wait and try again.",
}
BODY_METHODS = {"post", "put", "patch"}


def _response(code: str) -> dict:
    schema = (
        {"$ref": "#/components/schemas/ValidationError"}
        if code == "400"
        else {"$ref": "#/components/schemas/Error"}
    )
    return {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": schema}}}


def load_extensions(endpoints):
    """drf-spectacular pre-processing hook, run before any serializer is described: importing
    this module registers the field extensions below. The endpoints pass unchanged."""
    return endpoints


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: the error answers of every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "401", "403", "404", "429"]
            if method in BODY_METHODS:
                codes.append("413")
            responses = operation["responses"]
            for code in codes:
                responses.setdefault(code, _response(code))
    return result


# What a read-only field may hold ------------------------------------------------------------
#
# Django REST framework drops ``allow_blank`` and ``allow_null`` from read-only model fields, so
# the schema would promise a choice where the record holds "" (a question not yet answered) and
# a string where it holds null (a related record that is not there). These extensions describe
# what is returned: the model field's blank and null, and null for a read-only field whose
# default is None. E-mail addresses are ``idn-email``: stored addresses may carry Danish and
# Swedish letters (søren@...).


def _model_fields(field) -> list:
    """The model fields along the serializer field's source (``exception_by.username``: the
    foreign key, then the user's username); [] when it is not a model field."""
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    if model is None or not field.source or field.source == "*":
        return []
    found = []
    for name in field.source.split("."):
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # not a model field (a property, an annotation)
            return []
        found.append(model_field)
        model = model_field.related_model
        if model is None:
            break
    return found


class _ReadOnlyTruth(OpenApiSerializerFieldExtension):
    """Read-only fields: "" when the model field may be blank, null when it may be null or
    the serializer's default is None; fields a serializer lists in ``Meta.null_when_hidden``
    (answered null to callers who may not see them) are nullable."""

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        hidden = getattr(getattr(field.parent, "Meta", None), "null_when_hidden", ())
        if field.field_name in hidden:
            field.allow_null = True  # in answers to callers who may not see it
        if field.read_only:
            path = _model_fields(field)
            if path and path[-1].blank and hasattr(field, "allow_blank"):
                field.allow_blank = True
            # DRF answers null when the field, or a relation on its way (a.b), is null.
            if any(f.null for f in path) or getattr(field, "default", empty) is None:
                field.allow_null = True
        schema = auto_schema._map_serializer_field(field, direction, bypass_extensions=True)
        return _idn_email(schema)


def _idn_email(schema):
    if isinstance(schema, dict):
        if schema.get("format") == "email":
            schema["format"] = "idn-email"
        for part in schema.get("oneOf", []):
            _idn_email(part)
    return schema


class ReadOnlyChoiceField(_ReadOnlyTruth):
    target_class = "rest_framework.fields.ChoiceField"


class ReadOnlyCharField(_ReadOnlyTruth):
    target_class = "rest_framework.fields.CharField"


class ReadOnlyEmailField(_ReadOnlyTruth):
    target_class = "rest_framework.fields.EmailField"


class ReadOnlyDateField(_ReadOnlyTruth):
    target_class = "rest_framework.fields.DateField"


class ReadOnlyIntegerField(_ReadOnlyTruth):
    target_class = "rest_framework.fields.IntegerField"
