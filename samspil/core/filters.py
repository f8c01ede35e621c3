"""The API's list filters: django-filter's, with ids that cannot overflow the database.

A filter on a many-to-many relation (``?competence_areas=...``) looks its ids up with ``IN``.
An id beyond a 64-bit integer made SQLite raise ``OverflowError`` there (a server error), where
every other malformed id is answered 400. Here such an id is refused as an invalid choice, like
any id that does not exist.
"""

from copy import deepcopy

from django.db import models
from django.forms import ModelMultipleChoiceField, ValidationError
from django_filters import ModelMultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as RestFilterSet

LARGEST_ID = 2**63 - 1


class IdsField(ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # not a number: the field's own check refuses it
            if not -LARGEST_ID - 1 <= number <= LARGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class IdsFilter(ModelMultipleChoiceFilter):
    field_class = IdsField


FILTER_DEFAULTS = deepcopy(RestFilterSet.FILTER_DEFAULTS)
for relation in (models.ManyToManyField, models.ManyToOneRel, models.ManyToManyRel):
    FILTER_DEFAULTS[relation] = {**FILTER_DEFAULTS[relation], "filter_class": IdsFilter}


class FilterSet(RestFilterSet):
    FILTER_DEFAULTS = FILTER_DEFAULTS


class FilterBackend(DjangoFilterBackend):
    filterset_base = FilterSet
