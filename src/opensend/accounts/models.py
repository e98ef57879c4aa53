import datetime as dt
import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import TimeStampedModel

from .roles import OrganisationKind, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. What they may do comes from memberships and relationships, not flags.

    `is_staff` only opens the Django admin, which is for system administrators.
    """

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email


class Organisation(TimeStampedModel):
    """Any body a person acts for. Local authorities carry both DfE codes and their region."""

    kind = models.CharField(max_length=32, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    # Local authorities: the old 3-digit DfE code (SEN2 LEA) and the ONS E-code.
    la_code_old = models.CharField(max_length=3, blank=True, default="")
    la_code_new = models.CharField(max_length=9, blank=True, default="")
    region = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.REGION},
    )
    # Organisations that belong to an LA's area (settings, care teams, panels), and health bodies
    # serving it.
    local_authority = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="area_organisations",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
    )
    # Education settings (GIAS / UKRLP identifiers).
    urn = models.CharField("URN", max_length=8, blank=True, default="")
    ukprn = models.CharField("UKPRN", max_length=8, blank=True, default="")
    setting_type = models.CharField(max_length=100, blank=True, default="")
    phase = models.CharField(max_length=50, blank=True, default="")
    code = models.CharField(max_length=20, blank=True, default="", help_text="Region code or ODS code")

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=["la_code_old"], condition=~Q(la_code_old=""), name="organisation_unique_la_code_old"
            ),
            models.UniqueConstraint(fields=["urn"], condition=~Q(urn=""), name="organisation_unique_urn"),
        ]
        indexes = [models.Index(fields=["kind", "local_authority"])]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def live(self, on: dt.date | None = None) -> "MembershipQuerySet":
        on = on or timezone.localdate()
        return self.filter(
            Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on), ended_at__isnull=True
        )


class Membership(TimeStampedModel):
    """A person acting for an organisation in a role, for a period.

    Made, changed and ended only by `accounts.services` (memberships), which audits each change and
    tells the organisation's managers (ADR 0170); the Django admin shows memberships read-only.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices)
    valid_from = models.DateField(default=timezone.localdate)
    valid_to = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Ended by a manager: no longer live from that moment, whatever its dates say.
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "valid_from"]), models.Index(fields=["organisation", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} at {self.organisation}"


class ApiToken(TimeStampedModel):
    """A system's credential, bound to an organisation and a role within it, with scopes.

    Only a SHA-256 of the secret is stored; the secret is shown once, when it is made.
    """

    PREFIX = "osk_"

    name = models.CharField(max_length=100)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="api_tokens")
    role = models.CharField(max_length=40, choices=Role.choices)
    scopes = models.JSONField(default=list)
    key_id = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.key_id})"

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def new_secret(cls) -> tuple[str, str]:
        key_id = secrets.token_hex(6)
        return key_id, f"{cls.PREFIX}{key_id}_{secrets.token_urlsafe(32)}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class SignInFailure(models.Model):
    """One failed password check, by network address only: what the address and service-wide
    sign-in throttles count (`accounts.throttle`, ADR 0171). Rows older than a day are pruned."""

    occurred_at = models.DateTimeField(default=timezone.now)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["occurred_at"], name="signin_failure_time"),
            models.Index(fields=["ip_address", "occurred_at"], name="signin_failure_address"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.ip_address}"
