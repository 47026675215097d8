from django.urls import path

from relais.accounts import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/changer/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/oubli/", views.ResetRequestView.as_view(), name="reset"),
    path("mot-de-passe/envoye/", views.ResetSentView.as_view(), name="reset_sent"),
    path("mot-de-passe/nouveau/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="reset_confirm"),
    path("mot-de-passe/modifie/", views.ResetCompleteView.as_view(), name="reset_complete"),
]
