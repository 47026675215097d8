"""Home section of accounts: memberships suggested by ProConnect logins, waiting for a manager's decision."""

from django.urls import reverse

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.words import plural


@HOME_SECTIONS.register
def home_section(scope, today):
    if not (scope.managed_root_ids or scope.is_platform_staff):
        return None
    from relais.accounts.proconnect.suggestions import pending_suggestions

    count = pending_suggestions(scope).count()
    if not count:
        return None
    url = reverse("accounts:proconnect_suggestions")
    label = plural(
        count,
        "rattachement proposé par ProConnect à confirmer",
        "rattachements proposés par ProConnect à confirmer",
    )
    return HomeSection(
        "Comptes",
        order=90,
        items=(WorkItem(label, url, count=count, urgent=True),),
        url=url,
        link_label="Voir les rattachements à confirmer",
    )
