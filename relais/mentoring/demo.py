"""Demo mentoring (all people invented): a few mentors of a structure and mentorships of a Mission Locale.

Everything goes through the product's own services, so the demo carries the same logs and audit rows as real
use. ``load_demo`` calls ``create_mentoring`` with organisations and young people it has already made.
"""

import datetime

from django.utils import timezone

from relais.conventions.scheduling import add_months
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.jobs.models import RomeFamily
from relais.mentoring import services
from relais.mentoring.enums import NO_OUTCOME, EndReason, FollowUpKind, WorkingStatus
from relais.mentoring.lifecycle import MENTORSHIP_LIFECYCLE
from relais.mentoring.models import Mentor
from relais.mentoring.services import conventions_of

# (first name, last name, employer, working status, ambassador, ROME family codes)
MENTORS = [
    ("Gérard", "Lambert", "Bâtiments Rhodaniens", WorkingStatus.RETIRED, False, ["F1703"]),
    ("Samia", "Belkacem", "Propreté Services Lyon", WorkingStatus.ACTIVE, True, ["K2204"]),
    ("Thierry", "Moulin", "Coffrages du Sud-Est", WorkingStatus.ACTIVE, False, ["F1701", "F1703"]),
]


def create_mentors(*, supervisor, supervisor_user) -> list[Mentor]:
    scope = Scope.for_user(supervisor_user)
    families = {
        family.code: family for family in RomeFamily.objects.filter(code__in={"F1703", "K2204", "F1701"})
    }
    departments = list(supervisor.departments.all()[:1])
    charter_day = add_months(timezone.localdate(), -10)
    return [
        services.mentor_create(
            scope=scope,
            supervisor=supervisor,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower()}@parrains.example",
            employer_name=employer,
            working_status=status,
            is_ambassador=ambassador,
            charter_accepted_on=charter_day,
            rome_families=[families[code] for code in codes if code in families],
            departments=departments,
        )
        for first, last, employer, status, ambassador, codes in MENTORS
    ]


def create_mentoring(
    *, supervisor, supervisor_user, counsellor, young_people, convention=None
) -> dict[str, int]:
    """Mentors of `supervisor` and, for the first young people of `counsellor`'s Mission Locale, mentorships:
    one ongoing with a meeting and its first follow-up done, one broken early, one for a CEJ cohort.

    `convention` defaults to the first one the Mission Locale is party to; without any, only mentors are made.
    """
    mentors = create_mentors(supervisor=supervisor, supervisor_user=supervisor_user)
    scope = Scope.for_user(counsellor)
    mission_locale = young_people[0].mission_locale if young_people else None
    if mission_locale is None:
        return {"mentors": len(mentors), "mentorships": 0}
    convention = convention or conventions_of(mission_locale).first()
    if convention is None:
        return {"mentors": len(mentors), "mentorships": 0}
    axes = list(convention.axes.all())
    # The axis about mentoring or accompaniment when the text has one (not simply the first).
    axis = next(
        (a for a in axes if any(w in a.title.lower() for w in ("parrain", "accompagn", "jeunes"))), None
    )
    axis = axis or (axes[0] if axes else None)
    today = timezone.localdate()

    def day(offset: int) -> datetime.date:
        """Dates within the convention's current period (a renewed period takes no new mentorship)."""
        start = max(convention.start_date or today, add_months(today, -3))
        return min(today, start + datetime.timedelta(days=offset))

    made = []
    if len(young_people) >= 1:
        ongoing = services.mentorship_create(
            scope=scope,
            mentor=mentors[0],
            convention=convention,
            axis=axis,
            youth=young_people[0],
            goals="Découvrir les métiers du gros œuvre et préparer une entrée en apprentissage.",
            started_on=day(1),
        )
        services.meeting_add(
            scope=scope,
            mentorship=ongoing,
            held_on=day(8),
            duration_minutes=90,
            note="Visite d'un chantier.",
        )
        one_month = ongoing.follow_ups.get(kind=FollowUpKind.ONE_MONTH)
        if one_month.due_on <= today:
            services.follow_up_record(
                scope=scope, follow_up=one_month, done_on=today, note="Bonne dynamique."
            )
        made.append(ongoing)
    if len(young_people) >= 2:
        broken = services.mentorship_create(
            scope=scope,
            mentor=mentors[1],
            convention=convention,
            youth=young_people[1],
            started_on=day(2),
        )
        apply(
            MENTORSHIP_LIFECYCLE,
            broken,
            "end",
            scope=scope,
            ended_on=max(day(2), today - datetime.timedelta(days=2)),
            end_reason=EndReason.YOUTH_LEFT,
            outcome=NO_OUTCOME,
            note="Déménagement du jeune.",
        )
        made.append(broken)
    made.append(
        services.mentorship_create(
            scope=scope,
            mentor=mentors[2],
            convention=convention,
            mission_locale=mission_locale,
            group_label="Cohorte CEJ du printemps",
            group_size=12,
            started_on=day(3),
        )
    )
    return {"mentors": len(mentors), "mentorships": len(made)}
