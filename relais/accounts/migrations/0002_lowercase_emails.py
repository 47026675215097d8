"""Store every e-mail address in lower case before the case-insensitive unique constraint is added.

Two accounts whose addresses differ only by case cannot both keep them: the one used most recently keeps the
address; the others are deactivated and renamed "<local>+doublon-<id>@<domain>" so that an administrator can
merge them by hand. Plain row updates only, so the migration runs the same on SQLite and PostgreSQL; the
constraint itself comes in the next migration, in its own transaction (PostgreSQL can refuse an ALTER TABLE
on a table with pending trigger events from updates made in the same transaction).
"""

from django.db import migrations

MAX_LENGTH = 254


def _duplicate_address(email: str, pk: int) -> str:
    local, _, domain = email.rpartition("@")
    candidate = f"{local}+doublon-{pk}@{domain}"
    return candidate if len(candidate) <= MAX_LENGTH else f"doublon-{pk}@{domain}"[:MAX_LENGTH]


def lowercase_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    by_address: dict[str, list] = {}
    for user in User.objects.order_by("pk").only("pk", "email", "last_login", "is_active"):
        by_address.setdefault(user.email.strip().lower(), []).append(user)
    taken = set(by_address)
    for address, users in by_address.items():
        # The account used most recently keeps the address (never-used accounts count as oldest).
        users.sort(key=lambda u: (u.last_login is not None, u.last_login or 0, u.pk), reverse=True)
        keeper, *others = users
        for user in others:
            renamed = _duplicate_address(address, user.pk)
            while renamed in taken:
                renamed = "x" + renamed
            taken.add(renamed)
            User.objects.filter(pk=user.pk).update(email=renamed, is_active=False)
        if keeper.email != address:
            User.objects.filter(pk=keeper.pk).update(email=address)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(lowercase_emails, migrations.RunPython.noop),
    ]
