"""Authentication backends.

Sign-in checks the email and password (django-axes in front of it counts failures). Permissions
come from the role assignments through django-rules, not from Django's per-user permission
tables, so the password backend answers no permission questions, and site administrators hold
every model permission (the Django admin needs those).
"""

import rules
from django.contrib.auth.backends import ModelBackend


class EmailPasswordBackend(ModelBackend):
    """Checks email and password; grants no permissions by itself."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


class AdministratorBackend:
    """Site administrators hold every Django model permission, so the Django admin works for
    them. Permissions that the apps' rules.py define are left to those rules alone: being an
    administrator does not, for example, make someone an agency's authorised signatory."""

    # Not a sign-in backend: it authenticates nobody and loads no users (so a session is never
    # tied to it).
    def authenticate(self, request, **credentials):
        return None

    def _is_admin(self, user_obj) -> bool:
        return bool(user_obj.is_active and user_obj.is_authenticated and user_obj.scope.is_admin)

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return self._is_admin(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return self._is_admin(user_obj)
