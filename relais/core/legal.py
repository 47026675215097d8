"""The pages of the footer: legal notice, personal data, accessibility statement, site map (all public)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


def retention_durations() -> dict:
    """The durations the retention job applies (relais/youths/retention.py), as the personal-data page states them."""
    return {
        "inactive_months": settings.RELAIS_RETENTION_INACTIVE_MONTHS,
        "notice_days": settings.RELAIS_RETENTION_NOTICE_DAYS,
        "age_cap_years": settings.RELAIS_RETENTION_AGE_CAP_YEARS,
        "log_months": settings.RELAIS_LOG_RETENTION_MONTHS,
    }


def _page(template: str, title: str, extra=None):
    @login_not_required
    def view(request):
        return render(request, template, {"page_title": title, **(extra() if extra else {})})

    return view


legal_notice = _page("legal/legal_notice.html", "Mentions légales")
personal_data = _page(
    "legal/personal_data.html", "Données personnelles", lambda: {"retention": retention_durations()}
)
accessibility = _page("legal/accessibility.html", "Déclaration d'accessibilité")
sitemap = _page("legal/sitemap.html", "Plan du site")
