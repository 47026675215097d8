"""The Notification class every e-mail of the product derives from, and the registry of them.

A subclass declares one event: its code ("app.event"), who is told (``recipients``, from the memberships
and the scope rules of its app), its French texts as templates, whether a user may turn it off, and whether
it may wait for the daily digest. The apps declare theirs in ``<app>/notifications.py``, discovered at start
up; the texts live in ``<app>/notifications/<event>_subject.txt``, ``<event>_body.txt`` and, for digest
items, ``<event>_digest.txt``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from django.apps import apps
from django.conf import settings
from django.template import Context, engines
from django.urls import reverse

_REGISTRY: dict[str, type[Notification]] = {}


def absolute(path: str) -> str:
    """Links in e-mails are built from the configured address, never from a request."""
    return settings.RELAIS_BASE_URL.rstrip("/") + path


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template: nothing is HTML-escaped in an e-mail."""
    template = engines["django"].engine.get_template(template_name)
    return template.render(Context(context, autoescape=False))


class Notification:
    code: ClassVar[str] = ""
    # On the preferences page: the section it is listed under, its label and who receives it.
    section: ClassVar[str] = ""
    label: ClassVar[str] = ""
    optional: ClassVar[bool] = True
    digest: ClassVar[bool] = False
    # Shown on the preferences page (the digest itself is not).
    listed: ClassVar[bool] = True
    # The label of "one e-mail each time" when the notification may also wait for the digest.
    immediate_label: ClassVar[str] = "Un e-mail à chaque fois"
    # Is the person who acted told of their own action?
    tells_actor: ClassVar[bool] = False
    # The model of the object it is about (the outbox keeps its label and primary key).
    model: ClassVar[type | None] = None

    def __init__(self, obj, data: dict | None = None):
        self.obj = obj
        self.data = data or {}

    # ---- recording (in the transaction of the event) -----------------------------------------------------

    @classmethod
    def snapshot(cls, obj) -> dict:
        """What the texts need as it was at the event (JSON values), kept with each recorded e-mail."""
        return {}

    def recipients(self) -> Iterable:
        """The users told of the event, before preferences and the actor are taken out."""
        raise NotImplementedError

    def recipient_data(self, user) -> dict:
        """What only this recipient's e-mail needs (kept with their row)."""
        return {}

    # ---- rendering (in the sending job) ------------------------------------------------------------------

    @classmethod
    def queryset(cls):
        return cls.model._default_manager.all()

    @classmethod
    def template(cls, part: str) -> str:
        app, event = cls.code.split(".", 1)
        return f"{app}/notifications/{event}_{part}.txt"

    def url(self) -> str:
        return ""

    def context(self, recipient) -> dict:
        """What the templates need besides the object, its data, its link and the recipient."""
        return {}

    def full_context(self, recipient) -> dict:
        return {
            "obj": self.obj,
            "data": self.data,
            "recipient": recipient,
            "url": self.url(),
            "preferences_url": absolute(reverse("core:notifications")),
            **self.context(recipient),
        }

    def render(self, recipient) -> tuple[str, str]:
        """(subject, body) in French for one recipient."""
        context = self.full_context(recipient)
        subject = " ".join(render_text(self.template("subject"), context).split())
        return subject, render_text(self.template("body"), context).strip() + "\n"

    # ---- the daily digest --------------------------------------------------------------------------------

    # The heading of this notification's part of the digest.
    digest_title: ClassVar[str] = ""

    @classmethod
    def digest_entries(cls, items: list[Notification]) -> list[dict]:
        """One line of the digest per entry (an item may stand for several, as a diffusion to two MLs)."""
        return [item.full_context(None) for item in items]

    @classmethod
    def digest_summary(cls, count: int) -> str:
        return f"{count} notification(s)"


def register(cls: type[Notification]) -> type[Notification]:
    """Class decorator: make a notification known to the outbox, the digest and the preferences page."""
    if cls.code.count(".") != 1 or len(cls.code) > 60:
        raise ValueError(f"A notification code is 'app.event' (60 characters at most): {cls.code!r}")
    if _REGISTRY.get(cls.code, cls) is not cls:
        raise ValueError(f"Two notifications share the code {cls.code!r}")
    if not cls.label:
        raise ValueError(f"{cls.__name__} has no label")
    _REGISTRY[cls.code] = cls
    return cls


def notification_for(code: str) -> type[Notification]:
    """The class of a code; KeyError for a code nobody declares (anymore)."""
    return _REGISTRY[code]


def registered() -> list[type[Notification]]:
    """Every notification, in the order of the apps (and of their declarations)."""
    return list(_REGISTRY.values())


def model_label(model) -> str:
    return model._meta.label_lower


def load_objects(notification: type[Notification], object_type: str, ids) -> dict:
    """The objects of these rows by primary key (what was deleted since is missing)."""
    if not object_type:
        return {}
    if notification.model is not None and model_label(notification.model) == object_type:
        queryset = notification.queryset()
    else:
        queryset = apps.get_model(object_type)._default_manager.all()
    return queryset.in_bulk(set(ids))
