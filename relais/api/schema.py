"""OpenAPI post-processing: every operation documents the errors the API answers with."""

ERRORS = {
    "400": "Requête invalide : les messages sont donnés par champ (ou sous non_field_errors).",
    "401": "Jeton absent, inconnu, expiré ou révoqué.",
    "403": "Le jeton n'a pas le droit nécessaire, ou l'organisation ne peut pas faire cela.",
    "404": "Introuvable, ou hors de ce que l'organisation atteint.",
    "422": "Clé d'idempotence déjà utilisée pour une autre requête.",
    "429": "Trop d'appels : réessayez après le délai de l'en-tête Retry-After.",
}
ERROR_SCHEMA = {
    "type": "object",
    "description": "Un message (detail) ou, par champ, la liste de ses messages.",
    "additionalProperties": True,
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/Error"}
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if method not in {"get", "post", "patch", "put", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code == "422" and method != "post":
                    continue
                response = {
                    "description": description,
                    "content": {"application/json": {"schema": reference}},
                }
                if code == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "Secondes à attendre."}
                    }
                responses.setdefault(code, response)
    return result
