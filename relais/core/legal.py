"""The pages of the footer: legal notice, personal data, accessibility statement, site map (all public)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


def _page(template: str, title: str):
    @login_not_required
    def view(request):
        return render(request, template, {"page_title": title})

    return view


legal_notice = _page("legal/legal_notice.html", "Mentions légales")
personal_data = _page("legal/personal_data.html", "Données personnelles")
accessibility = _page("legal/accessibility.html", "Déclaration d'accessibilité")
sitemap = _page("legal/sitemap.html", "Plan du site")
