"""Shared pieces of the seed conventions: recurrence codes and the charters' common communication clause."""

CONTINUOUS, ONCE, YEARLY, HALF_YEARLY, QUARTERLY = "continuous", "once", "yearly", "half_yearly", "quarterly"

COMMUNICATION_GEIQ = (
    "Les deux parties peuvent communiquer sur la charte pour faire connaître leurs intentions communes en faveur "
    "des jeunes. Chaque réseau est invité à communiquer régulièrement et largement sur les activités communes, "
    "notamment sur les réseaux sociaux."
)
