from django.urls import path

from relais.accounts import views
from relais.accounts.proconnect import suggestions
from relais.accounts.proconnect import views as proconnect

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/changer/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/oubli/", views.ResetRequestView.as_view(), name="reset"),
    path("mot-de-passe/envoye/", views.ResetSentView.as_view(), name="reset_sent"),
    path("mot-de-passe/nouveau/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="reset_confirm"),
    path("mot-de-passe/modifie/", views.ResetCompleteView.as_view(), name="reset_complete"),
    path("proconnect/connexion/", proconnect.LoginStartView.as_view(), name="proconnect_login"),
    path("proconnect/retour/", proconnect.CallbackView.as_view(), name="proconnect_callback"),
    path("proconnect/deconnecte/", proconnect.logged_out, name="proconnect_logged_out"),
    path("proconnect/rattachements/", suggestions.suggestion_list, name="proconnect_suggestions"),
    path(
        "proconnect/rattachements/<id:pk>/confirmer/",
        suggestions.suggestion_confirm,
        name="proconnect_suggestion_confirm",
    ),
    path(
        "proconnect/rattachements/<id:pk>/refuser/",
        suggestions.suggestion_refuse,
        name="proconnect_suggestion_refuse",
    ),
]
