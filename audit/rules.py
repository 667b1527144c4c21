"""Who may read the audit log: site administrators only. Nobody may change it."""

import rules


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.scope.is_admin


rules.add_perm("audit.view_log", is_administrator)
