from django.urls import path

from relais.reviews import dashboard_urls, views

app_name = "reviews"
urlpatterns = [
    *dashboard_urls.urlpatterns,
    path("", views.review_list, name="list"),
    path("<id:pk>/", views.review_detail, name="detail"),
    path("<id:pk>/action/<slug:name>/", views.review_transition, name="transition"),
    path("<id:pk>/commentaires/", views.review_comment, name="comment"),
    path("<id:pk>/bilan.csv", views.review_csv, name="csv"),
    path("<id:pk>/bilan.xlsx", views.review_xlsx, name="xlsx"),
    path("<id:pk>/pdf/", views.review_pdf_request, name="pdf_request"),
    path("<id:pk>/pdf/<id:export_id>/etat/", views.review_pdf_status, name="pdf_status"),
    path("<id:pk>/pdf/<id:export_id>/telecharger/", views.review_pdf_download, name="pdf_download"),
]
