"""Reading the SQL a page ran, the same way on SQLite and PostgreSQL."""

import re


def like_count(sql: str, column: str) -> int:
    """How many LIKE conditions test this column (`"table"."column"`), whatever the database writes around it:
    PostgreSQL casts (`"t"."c"::text LIKE`) and wraps case-insensitive ones (`UPPER("t"."c"::text) LIKE`)."""
    return len(re.findall(re.escape(column) + r"(?:::text)?\)? LIKE", sql))
