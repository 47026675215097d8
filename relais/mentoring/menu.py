"""Navigation entry of the mentoring (the mentors' list is reached from the mentorships' page)."""

from relais.core.menu import register
from relais.mentoring.perms import can_read_mentorships

register(60, "Parrainages", "mentoring:mentorship_list", can_read_mentorships)
