from django.db import models


class RulebookAudit(models.TextChoices):
    CLOSURE_ADDED = "closure.added", "Added a closure period"
    CLOSURE_REMOVED = "closure.removed", "Removed a closure period"
