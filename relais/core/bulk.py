"""Bulk writes in a constant number of statements: one prepared statement run over every row (executemany).

`QuerySet.bulk_create` splits its rows into batches of a few hundred (SQLite's variable limit) and
`bulk_update` writes one CASE per field and row, whose cost grows with the square of the batch; an import of
tens of thousands of rows needs neither. These helpers take field names (attnames: `commune_id`), convert
each value as the ORM would for the database in use, and run one statement for all the rows.
"""

import functools
from collections.abc import Iterable, Sequence

from django.db import connection, models

# Values of these types reach both drivers as they are (str, int, bool, None): no conversion per value.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "IntegerField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field]:
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    return [by_attname[name] for name in names]


def _converter(field: models.Field):
    """The ORM's conversion of a value for the database (`get_db_prep_save`), short-cut where it is a no-op
    and memoised for dates and datetimes (an import repeats the same few thousand)."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if kind in PLAIN_TYPES and type(target).__module__.startswith("django.db.models"):
        return None  # Django's own fields of these types (a custom field may convert: it is not short-cut)
    if kind == "DateTimeField":
        adapt = connection.ops.adapt_datetimefield_value
    elif kind == "DateField":
        adapt = connection.ops.adapt_datefield_value
    else:
        return lambda value: field.get_db_prep_save(value, connection)
    return functools.lru_cache(maxsize=8192)(adapt)


def _prepared(fields: list[models.Field], rows: Iterable[Sequence]) -> list[tuple]:
    converters = [_converter(field) for field in fields]
    if all(convert is None for convert in converters):
        return [tuple(row) for row in rows]
    pairs = list(enumerate(converters))
    prepared = []
    for row in rows:
        values = list(row)
        for index, convert in pairs:
            if convert is not None and values[index] is not None:
                values[index] = convert(values[index])
        prepared.append(tuple(values))
    return prepared


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence]) -> int:
    """INSERT every row (values in the order of `names`); no save(), no signal, no returned primary key."""
    fields = _fields(model, names)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = _prepared(fields, rows)
    if not values:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})", values
        )
    return len(values)


def update_rows(
    model: type[models.Model],
    names: Sequence[str],
    rows: Iterable[Sequence],
    *,
    match: Sequence[str] = ("id",),
) -> int:
    """UPDATE the fields `names` of the row matching the fields `match` (the primary key by default): each tuple
    of `rows` holds the new values, then the values to match. Returns the number of rows changed, smaller than
    the number of tuples when some matched nothing (a row changed or deleted meanwhile, when `match` holds a
    version such as `updated_at`)."""
    fields, keys = _fields(model, names), _fields(model, match)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    where = " AND ".join(f"{quote(field.column)} = %s" for field in keys)
    values = _prepared([*fields, *keys], rows)
    if not values:
        return 0
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {where}", values)
        return cursor.rowcount


def delete_rows(model: type[models.Model], name: str, keys: Iterable) -> int:
    """DELETE every row whose field `name` equals one of `keys` (one statement, whatever their number)."""
    (field,) = _fields(model, [name])
    values = [(field.get_db_prep_value(key, connection),) for key in keys]
    if not values:
        return 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(field.column)} = %s", values
        )
        return cursor.rowcount
