"""Admin edits write audit rows as the services do: one mixin for the ModelAdmins that change people and roles."""

from django.db import models

from relais.core.services import audit

# Values worth recording as they are: roles and rights, never a name or a contact detail.
AUDITED_VALUES = ("kind", "role", "is_active", "is_staff", "is_superuser")


def audit_details(obj: models.Model, fields=()) -> dict:
    """The ids of what the object links (person, organisation...), its role or rights, the changed field names."""
    details: dict = {"via": "admin"}
    for field in obj._meta.concrete_fields:
        if field.is_relation:
            details[field.name] = getattr(obj, field.attname)
        elif field.name in AUDITED_VALUES:
            details[field.name] = getattr(obj, field.attname)
    if fields:
        details["fields"] = sorted(fields)
    return details


class AuditedAdminMixin:
    """Audit the ModelAdmin's own object and the rows of its inlines (creation, change, deletion).

    `audit_actions` is (create, update, delete) for the model; `inline_audit_actions` maps an inline model to
    its own triple. Everything runs in the admin's transaction: a failed save keeps no audit row.
    """

    audit_actions: tuple[str, str, str]
    inline_audit_actions: dict[type[models.Model], tuple[str, str, str]] = {}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        create, update, _ = self.audit_actions
        if not change:
            audit(actor=request.user, action=create, obj=obj, **audit_details(obj))
        elif form.changed_data:
            audit(actor=request.user, action=update, obj=obj, **audit_details(obj, form.changed_data))

    def delete_model(self, request, obj):
        self._audit_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit_deletion(request, obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        actions = self.inline_audit_actions.get(formset.model)
        if actions is None:
            return super().save_formset(request, form, formset, change)
        create, update, delete = actions
        # Before saving: a deleted row loses its id.
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                audit(
                    actor=request.user, action=delete, obj=deleted.instance, **audit_details(deleted.instance)
                )
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit(actor=request.user, action=create, obj=obj, **audit_details(obj))
        for obj, fields in formset.changed_objects:
            audit(actor=request.user, action=update, obj=obj, **audit_details(obj, fields))

    def _audit_deletion(self, request, obj) -> None:
        # The inline rows the deletion cascades to (the memberships of a person...) are audited one by one.
        for model, (_, _, delete) in self.inline_audit_actions.items():
            links = [
                f for f in model._meta.concrete_fields if f.is_relation and isinstance(obj, f.related_model)
            ]
            for link in links:
                if link.remote_field.on_delete is not models.CASCADE:
                    continue
                for row in model._default_manager.filter(**{link.name: obj}):
                    audit(actor=request.user, action=delete, obj=row, **audit_details(row))
        audit(actor=request.user, action=self.audit_actions[2], obj=obj, **audit_details(obj))
