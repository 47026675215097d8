"""Young people over the activity region's Missions Locales (a skewed distribution, from a few hundred to tens
of thousands at full scale) and their positionings through every state, with the transition logs and realistic
delays."""

import datetime

from relais.bench.bulk import bulk
from relais.bench.names import FIRST_NAMES, LAST_NAMES
from relais.jobs.models import ContractType
from relais.positionings.enums import OPEN_STATUSES, NotRetainedReason, PositioningStatus
from relais.positionings.facts import countable_facts_of
from relais.positionings.models import Positioning, PositioningTransition
from relais.territories.loading import fold
from relais.youths.enums import ConsentScope, QualificationLevel
from relais.youths.models import Youth
from relais.youths.validation import identity_key as identity_key_of

S = PositioningStatus
# (status, weight, path of statuses after "proposed")
SPREAD = [
    (S.PROPOSED, 12, []),
    (S.RETURNED, 3, [S.RETURNED]),
    (S.TRANSMITTED, 12, [S.TRANSMITTED]),
    (S.ACKNOWLEDGED, 8, [S.TRANSMITTED, S.ACKNOWLEDGED]),
    (S.INTERVIEW_PLANNED, 7, [S.TRANSMITTED, S.INTERVIEW_PLANNED]),
    (S.HIRED, 12, [S.TRANSMITTED, S.ACKNOWLEDGED, S.HIRED]),
    (S.ENTERED_TRAINING, 6, [S.TRANSMITTED, S.ENTERED_TRAINING]),
    (S.IMMERSION_COMPLETED, 3, [S.TRANSMITTED, S.INTERVIEW_PLANNED, S.IMMERSION_COMPLETED]),
    (S.NOT_RETAINED, 20, [S.TRANSMITTED, S.NOT_RETAINED]),
    (S.WITHDRAWN, 4, [S.TRANSMITTED, S.WITHDRAWN]),
    (S.CANCELLED, 6, [S.CANCELLED]),
    (S.EXPIRED, 7, [S.TRANSMITTED, S.EXPIRED]),
]
NAMES = {
    S.RETURNED: "send_back",
    S.TRANSMITTED: "transmit",
    S.ACKNOWLEDGED: "acknowledge",
    S.INTERVIEW_PLANNED: "plan_interview",
    S.HIRED: "hire",
    S.ENTERED_TRAINING: "enter_training",
    S.IMMERSION_COMPLETED: "complete_immersion",
    S.NOT_RETAINED: "not_retain",
    S.WITHDRAWN: "withdraw",
    S.CANCELLED: "cancel",
    S.EXPIRED: "expire",
}
PARTNER_ANSWERS = {S.ACKNOWLEDGED, S.INTERVIEW_PLANNED, S.HIRED, S.ENTERED_TRAINING, S.NOT_RETAINED}
# Days from the previous step (a skewed spread: most steps are quick, some take weeks).
STEP_DAYS = {S.TRANSMITTED: (0, 1, 2, 3, 6), S.EXPIRED: (30, 31, 35)}


def ml_sizes(rng, mls, total: int) -> dict[int, int]:
    """Split `total` young people over the Missions Locales along a Zipf-like law (the largest ~50× the
    smallest), the order of sizes drawn from the seed."""
    order = list(mls)
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(order))]
    scale = total / sum(weights)
    sizes = {ml.pk: max(1, int(w * scale)) for ml, w in zip(order, weights, strict=True)}
    sizes[order[0].pk] += total - sum(sizes.values())
    return sizes


def youths(rng, *, mls, sizes, counsellors_of, communes_of, titles, today) -> dict[int, list[Youth]]:
    levels = QualificationLevel.values
    result: dict[int, list[Youth]] = {}
    through = Youth.sought_titles.through
    for ml in mls:
        keys, rows = set(), []
        near, counsellors = communes_of[ml.pk], counsellors_of[ml.pk]
        for index in range(sizes[ml.pk]):
            while True:
                first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                birth = today - datetime.timedelta(days=rng.randint(16 * 366, 25 * 365 + 330))
                key = identity_key_of(last_name, first_name, birth)
                if key not in keys:
                    keys.add(key)
                    break
            consent = rng.random() < 0.7
            youth = Youth(
                mission_locale=ml,
                counsellor_id=rng.choice(counsellors).pk,
                imilo_id=f"{ml.imilo_code or ml.pk}-{index + 1:06d}",
                first_name=first_name,
                last_name=last_name,
                birth_date=birth,
                identity_key=key,
                commune=rng.choice(near),
                qualification_level=rng.choice(levels),
                qpv_resident=rng.random() < 0.2,
                rqth=rng.random() < 0.06,
                cej_beneficiary=rng.random() < 0.3,
                school_dropout=rng.random() < 0.15,
                no_diploma=rng.random() < 0.25,
                driving_licence=(licence := rng.random() < 0.4),
                has_vehicle=licence and rng.random() < 0.6,
                max_distance_km=rng.choice([5, 10, 15, 20, 30, 50]),
                email=f"{fold(first_name)}.{fold(last_name)}.{ml.pk}.{index}@exemple.test".replace(" ", ""),
                consent_given_at=today - datetime.timedelta(days=rng.randint(1, 400)) if consent else None,
                consent_scope=rng.choice(ConsentScope.values) if consent else "",
            )
            youth.refresh_search_text()
            rows.append(youth)
        created = bulk(Youth, rows)
        wishes = [
            through(youth_id=y.pk, rometitle_id=t)
            for y in created
            for t in sorted(set(rng.choices(titles, k=rng.randint(1, 3))))
        ]
        bulk(through, wishes, batch_size=5000)
        result[ml.pk] = created
    return result


def positionings(rng, total, *, mls, youths_of, received_of, proposers_of, now) -> tuple[int, int]:
    """`total` positionings over the Missions Locales (as many as their young people weigh), each on an
    opportunity the Mission Locale received, after its delivery; returns (positionings, transitions)."""
    contract_types = list(ContractType.objects.order_by("order", "code"))
    statuses, weights = [s for s, _, _ in SPREAD], [w for _, w, _ in SPREAD]
    paths = {s: p for s, _, p in SPREAD}
    eligible = [
        ml for ml in mls if received_of.get(ml.pk) and any(y.consent_given_at for y in youths_of[ml.pk])
    ]
    consenting = {ml.pk: [y for y in youths_of[ml.pk] if y.consent_given_at] for ml in eligible}
    ml_weights = [len(consenting[ml.pk]) for ml in eligible]
    pairs, rows, logs = set(), [], []
    made = transitions = 0
    for _ in range(total * 3):
        if made >= total:
            break
        ml = rng.choices(eligible, ml_weights)[0]
        # Some young people are positioned many times: a skewed pick within the Mission Locale.
        pool = consenting[ml.pk]
        youth = pool[min(len(pool) - 1, int(len(pool) * rng.random() ** 2))]
        opportunity, delivered_at = rng.choice(received_of[ml.pk])
        if (youth.pk, opportunity.pk) in pairs:
            continue
        pairs.add((youth.pk, opportunity.pk))
        status = rng.choices(statuses, weights)[0]
        proposed_at = min(now, delivered_at + datetime.timedelta(days=rng.random() * 20))
        steps, at = [], proposed_at
        for step in paths[status]:
            at = at + datetime.timedelta(
                days=rng.choice(STEP_DAYS.get(step, (1, 2, 4, 7, 12, 21))), hours=rng.randint(0, 8)
            )
            steps.append((step, min(at, now)))
        dates = dict(steps)
        end = steps[-1][1] if steps else proposed_at
        hired = status == S.HIRED
        answered = next((d for s, d in steps if s in PARTNER_ANSWERS), None)
        rows.append(
            Positioning(
                youth_id=youth.pk,
                opportunity_id=opportunity.pk,
                **countable_facts_of(youth),
                proposed_by=rng.choice(proposers_of[ml.pk]),
                status=status,
                motivation="Positionnement généré.",
                proposed_at=proposed_at,
                transmitted_at=dates.get(S.TRANSMITTED),
                answered_at=answered,
                interview_at=dates[S.INTERVIEW_PLANNED] + datetime.timedelta(days=5)
                if S.INTERVIEW_PLANNED in dates
                else None,
                closed_at=None if status in OPEN_STATUSES else end,
                contract_type=rng.choice(contract_types) if hired and contract_types else None,
                start_date=(end + datetime.timedelta(days=rng.randint(3, 30))).date() if hired else None,
                weekly_hours=35 if hired else None,
                training_entry_date=(end + datetime.timedelta(days=7)).date()
                if status == S.ENTERED_TRAINING
                else None,
                not_retained_reason=rng.choice(NotRetainedReason.values) if status == S.NOT_RETAINED else "",
            )
        )
        logs.append((steps, rows[-1].proposed_by))
        made += 1
        if len(rows) >= 20_000:
            transitions += _flush(rows, logs)
    transitions += _flush(rows, logs)
    return made, transitions


def _flush(rows, logs) -> int:
    created = bulk(Positioning, rows)
    log = []
    for positioning, (steps, by) in zip(created, logs, strict=True):
        log.append(
            PositioningTransition(
                positioning=positioning,
                name="propose",
                from_status="",
                to_status=S.PROPOSED,
                by=by,
                at=positioning.proposed_at,
            )
        )
        previous = S.PROPOSED
        for step, at in steps:
            log.append(
                PositioningTransition(
                    positioning=positioning, name=NAMES[step], from_status=previous, to_status=step, at=at
                )
            )
            previous = step
    bulk(PositioningTransition, log, batch_size=5000)
    rows.clear()
    logs.clear()
    return len(log)
