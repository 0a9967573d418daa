"""Writing to the audit log (core.models.AuditEvent).

Call `record` inside the transaction of the change it describes, so the change and its audit
row commit together or not at all.
"""

from wijkkompas.core.models import AuditEvent


def record(actor, action: str, target: str, *, region=None, details: dict | None = None) -> AuditEvent:
    """Append one audit event. `target` names the object, e.g. "contribution:12"."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor, action=action, target=target, region=region, details=details or {}
    )


def target_of(obj) -> str:
    """The audit target of a model instance: "<model name>:<pk>"."""
    return f"{obj._meta.model_name}:{obj.pk}"
