"""The countable facts a positioning keeps of its young person, so that counts survive their anonymisation."""

from relais.youths.enums import PRIORITY_FLAGS

# Positioning field of each priority-public flag of the youth's record (youth_qpv_resident, youth_rqth...).
FLAG_FIELDS = {flag: f"youth_{flag}" for flag in PRIORITY_FLAGS}


def countable_facts_of(youth) -> dict:
    """What a positioning records of the young person when it is created (keyword arguments of the model).

    `youth_ref` keeps "distinct young people" countable once the record is gone; the flags are the youth's at
    proposal time. Like the record's, they stay within the Mission Locale (never shown to partners).
    """
    return {
        "mission_locale_id": youth.mission_locale_id,
        "youth_ref": youth.pk,
        "youth_birth_year": youth.birth_date.year,
        **{field: bool(getattr(youth, flag)) for flag, field in FLAG_FIELDS.items()},
    }
