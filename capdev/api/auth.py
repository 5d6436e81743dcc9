from ninja.security import HttpBearer, SessionAuth

from capdev.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token."""

    openapi_description = "A personal API token, created on the profile page."

    def authenticate(self, request, token):
        user = api_token_authenticate(key=token)
        if user is None:
            return None
        request.user = user
        return user


# Tokens for scripts; the browser session (with its CSRF check) for pages using the API.
API_AUTH = [TokenAuth(), SessionAuth()]


def optional_auth(request):
    """For public reads: a bearer token if one is sent (a bad one is refused with 401),
    else the browser session's user, else anonymous — each caller sees their own scope."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = api_token_authenticate(key=header.split(" ", 1)[1].strip())
        if user is None:
            return None
        request.user = user
        return user
    return request.user
