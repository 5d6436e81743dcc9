from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from capdev.accounts.roles import Role
from capdev.accounts.services import user_set_roles


class AccountAdapter(DefaultAccountAdapter):
    """Self sign-up gives the learner role; staff grant every other role."""

    def is_open_for_signup(self, request):
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_set_roles(user=user, roles=[Role.LEARNER])
        return user
