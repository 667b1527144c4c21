"""The name django-axes counts failed sign-ins under (settings.AXES_USERNAME_CALLABLE)."""


def username_for_lockout(request, credentials=None):
    """What was typed as the email address, as PostgreSQL can store and compare it: without
    NUL characters and at most 255 characters (the length of axes' username column)."""
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "data", request.POST).get("username")
    if value is None:
        return None
    return str(value).replace("\x00", "")[:255]
