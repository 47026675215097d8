"""Filters shared by the API's lists: ``updated_since`` (ISO 8601) for synchronisation, ids within bounds."""

import datetime

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField

from relais.core.ids import MAX_ID

# The offsets of real time zones (UTC−12:00 to UTC+14:00); ISO 8601 allows up to ±23:59, PostgreSQL ±15:59.
MAX_OFFSET = datetime.timedelta(hours=14)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment with a real time zone offset, handed to the database in UTC."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return moment
        offset = moment.utcoffset()
        if offset is not None and abs(offset) > MAX_OFFSET:
            raise forms.ValidationError(
                "Décalage horaire hors limites : entre -12:00 et +14:00 (par exemple 2026-01-31T08:00:00+01:00)."
            )
        return moment.astimezone(datetime.UTC)


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = UtcIsoDateTimeFilter(
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
