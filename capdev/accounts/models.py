import hashlib

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from capdev.accounts.roles import Role
from capdev.core.models import Country, Organisation


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using CapDev, signing in with their e-mail address."""

    class PositionLevel(models.TextChoices):
        POLITICAL = "political", _("Political leadership")
        SENIOR = "senior", _("Senior management")
        MIDDLE = "middle", _("Middle management")
        PROFESSIONAL = "professional", _("Professional / technical")
        SUPPORT = "support", _("Support staff")
        OTHER = "other", _("Other")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    username = None  # type: ignore[assignment]  # e-mail is the login
    email = models.EmailField(_("e-mail address"), unique=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    position = models.CharField(_("position title"), max_length=200, blank=True)
    position_level = models.CharField(
        _("position level"), max_length=20, choices=PositionLevel.choices, blank=True
    )
    # Collected so that learning and participation figures can be disaggregated by sex.
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, default=Sex.UNDISCLOSED)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        # Through .all() so that a prefetched list of groups is reused.
        names = {group.name for group in self.groups.all()}
        if self.is_superuser:
            names.add(Role.ADMIN.value)
        return frozenset(names)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(name).label) for name in Role.values if name in self.roles]


class ApiToken(models.Model):
    """A personal token for the JSON API. Only a hash of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
