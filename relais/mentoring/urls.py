"""URLs of the mentoring app."""

app_name = "mentoring"
urlpatterns = []
