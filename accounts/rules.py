"""Who may do what with accounts. django-rules predicates; views declare the permission."""

import rules


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.scope.is_admin


@rules.predicate
def is_own_notification(user, notification) -> bool:
    return notification is not None and notification.user_id == user.pk


rules.add_perm("accounts.manage_users", is_administrator)
rules.add_perm("accounts.view_notification", rules.is_authenticated & is_own_notification)
