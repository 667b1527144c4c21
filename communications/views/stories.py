def urlpatterns(prefix: str) -> list:
    return []
