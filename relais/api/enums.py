"""What an API token may do: one scope per resource and direction."""

from django.db import models


class TokenScope(models.TextChoices):
    DIRECTORY_READ = "directory:read", "Lire l'annuaire et les conventions"
    OPPORTUNITIES_READ = "opportunities:read", "Lire les opportunités"
    OPPORTUNITIES_WRITE = "opportunities:write", "Créer, modifier, publier et clôturer les opportunités"
    POSITIONINGS_READ = "positionings:read", "Lire les positionnements"
    POSITIONINGS_WRITE = "positionings:write", "Proposer des candidats et répondre aux positionnements"
    EVENTS_READ = "events:read", "Lire les événements et les inscriptions"
    EVENTS_WRITE = "events:write", "Gérer les événements et les inscriptions"
    REVIEWS_READ = "reviews:read", "Lire les chiffres des bilans (agrégés)"


class CallOutcome(models.TextChoices):
    OK = "ok", "Réussi"
    CLIENT_ERROR = "client_error", "Refusé (requête invalide)"
    DENIED = "denied", "Refusé (droits)"
    NOT_FOUND = "not_found", "Introuvable"
    THROTTLED = "throttled", "Limité (trop d'appels)"
    REPLAYED = "replayed", "Réponse rejouée (clé d'idempotence)"
    SERVER_ERROR = "server_error", "Erreur du serveur"
