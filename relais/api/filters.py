"""Filters shared by the API's lists: ``updated_since`` (ISO 8601) for synchronisation."""

import django_filters


class UpdatedSinceFilterSet(django_filters.FilterSet):
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Modifiés depuis (ISO 8601)"
    )
