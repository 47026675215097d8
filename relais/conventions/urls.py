from django.urls import path

from relais.conventions import (
    calendar_views,
    edit_content_views,
    edit_views,
    indicator_views,
    picker_views,
    space_views,
    views,
)

app_name = "conventions"
urlpatterns = [
    path("", views.convention_list, name="list"),
    path("nouvelle/", views.convention_create, name="create"),
    path("parties/", picker_views.party_search, name="party_search"),
    path("parties/selection/", picker_views.party_selection, name="party_selection"),
    path("mes-engagements/", calendar_views.my_commitments, name="my_commitments"),
    path("mes-engagements/calendrier.ics", calendar_views.my_ical, name="my_ical"),
    path("mes-engagements/abonnement/", calendar_views.feed_regenerate, name="feed_regenerate"),
    path("abonnement/<str:key>/<str:secret>/calendrier.ics", calendar_views.feed, name="feed"),
    path("<id:pk>/", views.convention_detail, name="detail"),
    path("<id:pk>/modifier/", views.convention_edit, name="edit"),
    path("<id:pk>/statut/<slug:name>/", views.convention_transition, name="transition"),
    path("<id:pk>/engagements/ajouter/", views.commitment_add, name="commitment_add"),
    path(
        "<id:pk>/engagements/<id:commitment_id>/supprimer/",
        edit_views.commitment_remove,
        name="commitment_remove",
    ),
    path("<id:pk>/documents/", space_views.space_index, name="space"),
    path("<id:pk>/documents/non-classes/", space_views.folder_detail, name="unfiled"),
    path("<id:pk>/documents/dossiers/nouveau/", space_views.folder_edit, name="folder_create"),
    path("<id:pk>/documents/dossiers/<id:folder_id>/", space_views.folder_detail, name="folder"),
    path("<id:pk>/documents/dossiers/<id:folder_id>/renommer/", space_views.folder_edit, name="folder_edit"),
    path(
        "<id:pk>/documents/dossiers/<id:folder_id>/supprimer/",
        space_views.folder_remove,
        name="folder_remove",
    ),
    path("<id:pk>/documents/deposer/", space_views.document_upload, name="document_upload"),
    path("<id:pk>/documents/<id:document_id>/", views.document_download, name="document_download"),
    path("<id:pk>/documents/<id:document_id>/classer/", space_views.document_move, name="document_move"),
    path("<id:pk>/documents/<id:document_id>/retirer/", space_views.document_remove, name="document_remove"),
    path("<id:pk>/parties/ajouter/", edit_views.party_add, name="party_add"),
    path("<id:pk>/parties/<id:party_id>/modifier/", edit_views.party_edit, name="party_edit"),
    path("<id:pk>/parties/<id:party_id>/retirer/", edit_views.party_remove, name="party_remove"),
    path("<id:pk>/parties/<id:party_id>/referents/", edit_views.referents_edit, name="referents_edit"),
    path(
        "<id:pk>/parties/<id:party_id>/chiffres-cles/", edit_views.key_figures_edit, name="key_figures_edit"
    ),
    path(
        "<id:pk>/chiffres-cles/<id:figure_id>/supprimer/",
        edit_views.key_figure_remove,
        name="key_figure_remove",
    ),
    path("<id:pk>/referents/<id:referent_id>/supprimer/", edit_views.referent_remove, name="referent_remove"),
    path("<id:pk>/signataires/", edit_views.signatories_edit, name="signatories_edit"),
    path(
        "<id:pk>/signataires/<id:signatory_id>/supprimer/",
        edit_views.signatory_remove,
        name="signatory_remove",
    ),
    path("<id:pk>/objet-et-objectifs/", edit_content_views.statements_edit, name="statements_edit"),
    path(
        "<id:pk>/objet-et-objectifs/<id:statement_id>/supprimer/",
        edit_content_views.statement_remove,
        name="statement_remove",
    ),
    path("<id:pk>/axes/ajouter/", edit_content_views.axis_edit, name="axis_add"),
    path("<id:pk>/axes/<id:axis_id>/modifier/", edit_content_views.axis_edit, name="axis_edit"),
    path("<id:pk>/axes/<id:axis_id>/supprimer/", edit_content_views.axis_remove, name="axis_remove"),
    path("<id:pk>/actions/<id:action_id>/supprimer/", edit_content_views.action_remove, name="action_remove"),
    path(
        "<id:pk>/indicateurs/<id:indicator_id>/renseigner/",
        indicator_views.indicator_entry_edit,
        name="indicator_entry",
    ),
    path("<id:pk>/objectifs/", indicator_views.targets_edit, name="targets"),
    path("<id:pk>/objectifs/<id:target_id>/supprimer/", indicator_views.target_remove, name="target_remove"),
    path("<id:pk>/calendrier.ics", calendar_views.convention_ical, name="ical"),
    path("echeances/<id:pk>/realisee/", views.occurrence_done, name="occurrence_done"),
]
