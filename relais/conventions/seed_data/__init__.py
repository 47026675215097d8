"""The five reference conventions as data, reworded shortly; numbers and names kept exact.

Each party is keyed by the organisation slug it is loaded on (see seeds.ORGANIZATIONS).
Commitments are (text, recurrence, is_follow_up); recurrences: once, continuous, yearly, half_yearly, quarterly.
Signatories are (party slug or None, name, title) or (party slug or None, name, title, capacity).
"""

from relais.conventions.seed_data.seed_000 import SEED_000
from relais.conventions.seed_data.seed_001 import SEED_001
from relais.conventions.seed_data.seed_002 import SEED_002, SEED_002_LOCAL
from relais.conventions.seed_data.seed_003 import SEED_003
from relais.conventions.seed_data.seed_004 import SEED_004

SEEDS = [SEED_003, SEED_004, SEED_000, SEED_001, SEED_002, SEED_002_LOCAL]
