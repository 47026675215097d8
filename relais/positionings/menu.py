"""Navigation entries and home sections of the positioning pipeline, one per way of taking part in it."""

from django.db.models import Count, Q
from django.urls import reverse

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural
from relais.positionings.enums import OPEN_STATUSES, PositioningStatus
from relais.positionings.models import Positioning
from relais.positionings.perms import is_partner_user, is_referent_user
from relais.positionings.selectors import counsellor_positionings, received_candidates, referent_positionings
from relais.youths.selectors import has_youth_access

S = PositioningStatus
register(55, "Positionnements", "positionings:mine", has_youth_access)
register(56, "À transmettre", "positionings:referent", is_referent_user)
register(57, "Candidatures reçues", "positionings:received", is_partner_user)

# The counsellor's open positionings in the order they call for action: sent back first.
COUNSELLOR_ORDER = (S.RETURNED, S.PROPOSED, S.TRANSMITTED, S.ACKNOWLEDGED, S.INTERVIEW_PLANNED)
COUNSELLOR_WORDS = {
    S.RETURNED: ("positionnement renvoyé par le référent", "positionnements renvoyés par le référent"),
    S.PROPOSED: ("positionnement en attente du référent", "positionnements en attente du référent"),
    S.TRANSMITTED: (
        "positionnement transmis, sans réponse du partenaire",
        "positionnements transmis, sans réponse du partenaire",
    ),
    S.ACKNOWLEDGED: (
        "positionnement pris en compte par le partenaire",
        "positionnements pris en compte par le partenaire",
    ),
    S.INTERVIEW_PLANNED: ("entretien prévu", "entretiens prévus"),
}


def _counts_by_status(qs) -> dict:
    return dict(qs.order_by().values_list("status").annotate(n=Count("pk")))


@HOME_SECTIONS.register
def counsellor_section(scope, today):
    if not has_youth_access(scope):
        return None
    counts = _counts_by_status(counsellor_positionings(scope).filter(status__in=OPEN_STATUSES))
    url = reverse("positionings:mine")
    items = [
        WorkItem(
            plural(counts[status], *COUNSELLOR_WORDS[status]),
            f"{url}?status={status}",
            count=counts[status],
            urgent=status == S.RETURNED,
        )
        for status in COUNSELLOR_ORDER
        if counts.get(status)
    ]
    return HomeSection(
        "Mes positionnements",
        order=10,
        items=tuple(items),
        url=url,
        link_label="Voir mes positionnements",
        empty="Aucun positionnement en cours : proposez un jeune depuis une opportunité reçue.",
    )


@HOME_SECTIONS.register
def referent_section(scope, today):
    if not is_referent_user(scope):
        return None
    waiting = referent_positionings(scope, status=S.PROPOSED).count()
    unanswered = Positioning.objects.filter(
        mission_locale_id__in=scope.cre_mission_locale_ids | {ml for ml, _ in scope.referent_pairs},
        status=S.TRANSMITTED,
    ).count()
    url = reverse("positionings:referent")
    items = []
    if waiting:
        items.append(
            WorkItem(
                plural(waiting, "positionnement à transmettre", "positionnements à transmettre"),
                url,
                count=waiting,
                urgent=True,
            )
        )
    if unanswered:
        items.append(
            WorkItem(
                plural(
                    unanswered,
                    "positionnement transmis sans réponse du partenaire",
                    "positionnements transmis sans réponse du partenaire",
                ),
                f"{url}?status={S.TRANSMITTED}",
                count=unanswered,
            )
        )
    return HomeSection(
        "À transmettre aux partenaires",
        order=11,
        items=tuple(items),
        url=url,
        link_label="Voir les positionnements à transmettre",
        empty="Aucune proposition des conseillers n'attend votre validation.",
    )


@HOME_SECTIONS.register
def partner_section(scope, today):
    if not is_partner_user(scope):
        return None
    counts = (
        received_candidates(scope)
        .order_by()
        .aggregate(
            unanswered=Count("pk", filter=Q(status=S.TRANSMITTED)),
            interviews=Count("pk", filter=Q(status=S.INTERVIEW_PLANNED)),
            open=Count("pk", filter=Q(status__in=[S.ACKNOWLEDGED, S.INTERVIEW_PLANNED])),
        )
    )
    url = reverse("positionings:received")
    items = []
    if counts["unanswered"]:
        items.append(
            WorkItem(
                plural(
                    counts["unanswered"], "candidature reçue sans réponse", "candidatures reçues sans réponse"
                ),
                f"{url}?status={S.TRANSMITTED}",
                count=counts["unanswered"],
                urgent=True,
            )
        )
    if counts["open"]:
        items.append(
            WorkItem(
                plural(counts["open"], "candidature en cours d'examen", "candidatures en cours d'examen"),
                url,
                count=counts["open"],
                detail="Enregistrez l'issue (recrutement, formation, non retenue) une fois décidée.",
            )
        )
    return HomeSection(
        "Candidatures reçues",
        order=12,
        items=tuple(items),
        url=url,
        link_label="Voir les candidatures",
        empty="Aucune candidature n'attend votre réponse.",
    )
