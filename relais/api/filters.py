"""Filters shared by the API's lists: ``updated_since`` (ISO 8601) for synchronisation, ids within bounds."""

import django_filters
from django import forms

from relais.core.ids import MAX_ID


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Modifiés depuis (ISO 8601)"
    )


class IdField(forms.IntegerField):
    """An id in the range of the primary keys: a larger number is a validation error, not a driver overflow."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """Every filter on an id (a Mission Locale, a partner, an opportunity...)."""

    field_class = IdField
