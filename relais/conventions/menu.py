"""Navigation entries of the conventions."""

from relais.core.menu import register

register(10, "Conventions", "conventions:list")
register(11, "Mes engagements", "conventions:my_commitments")
