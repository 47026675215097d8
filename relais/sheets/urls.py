"""URLs of the sheets app (one sheet per partner organisation, addressed by the organisation's id)."""

from django.urls import path

from relais.sheets import views

app_name = "sheets"
urlpatterns = [
    path("<id:pk>/", views.sheet_detail, name="detail"),
    path("<id:pk>/fiche.pdf", views.sheet_pdf_view, name="pdf"),
    path("<id:pk>/logo", views.logo, name="logo"),
    path("<id:pk>/modifier/", views.sheet_edit, name="edit"),
    path("<id:pk>/logo/changer/", views.logo_edit, name="logo_edit"),
    path("<id:pk>/logo/retirer/", views.logo_remove, name="logo_remove"),
    path("<id:pk>/contacts/ajouter/", views.contact_add, name="contact_add"),
    path("<id:pk>/contacts/<id:contact_id>/retirer/", views.contact_remove, name="contact_remove"),
    path("<id:pk>/documents/deposer/", views.document_upload, name="document_upload"),
    path("<id:pk>/documents/<id:document_id>/", views.document_download, name="document_download"),
    path("<id:pk>/documents/<id:document_id>/retirer/", views.document_remove, name="document_remove"),
]
