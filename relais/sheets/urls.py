"""URLs of the sheets app."""

app_name = "sheets"
urlpatterns = []
