"""Navigation entry of the webhooks (for the coordinators and managers of an organisation)."""

from relais.api.menu import manages_tokens
from relais.core.menu import register

register(91, "Webhooks", "webhooks:list", manages_tokens)
