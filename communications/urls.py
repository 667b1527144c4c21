from .views import brand, calendar, coverage, overview, stories

app_name = "communications"

P = "partnerships/<str:code>/"

urlpatterns = [
    *overview.urlpatterns(P),
    *brand.urlpatterns(P),
    *stories.urlpatterns(P),
    *coverage.urlpatterns(P),
    *calendar.urlpatterns(P),
]
