"""The two floors every page is compared with, served behind the same middleware and login as the site.

- the bare view answers a fixed text: the cost of the request cycle (session, user, scope, middleware);
- the bare layout page renders the site's base template with its menu and no data: the cost of any page.
"""

from django.http import HttpResponse
from django.template import engines

BARE_VIEW_URL = "/__bench__/vue-nue/"
BARE_LAYOUT_URL = "/__bench__/page-nue/"
_LAYOUT = '{% extends "base.html" %}{% block content %}<p>Page nue.</p>{% endblock content %}'


def bare_view(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def bare_layout(request):
    template = engines["django"].from_string(_LAYOUT)
    return HttpResponse(template.render({"page_title": "Page nue"}, request))
