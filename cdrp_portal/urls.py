from django.contrib import admin
from django.urls import include, path

from core.views import HomeView, PublicPageView, admin_sign_in

# The Django admin signs people in through the portal's own sign-in page (one lockout, one form).
admin.site.login = admin_sign_in

pages = (
    [
        path(
            "accessibility/",
            PublicPageView.as_view(template_name="pages/accessibility.html"),
            name="accessibility",
        ),
        path(
            "cookies/", PublicPageView.as_view(template_name="pages/cookies.html"), name="cookies"
        ),
    ],
    "pages",
)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include(pages)),
    path("accounts/", include("accounts.urls")),
    path("", include("partnerships.urls")),
    path("data-sharing/", include("datasharing.urls")),
    path("transparency/", include("datasharing.transparency_urls")),
    path("funding/", include("funding.urls")),
    path("good-practice/", include("goodpractice.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("communications/", include("communications.urls")),
    path("reviews/", include("reviews.urls")),
    path("api/", include("cdrp_portal.api_urls")),
    path("audit-log/", include("audit.urls")),
    path("django-admin/", admin.site.urls),
]

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
