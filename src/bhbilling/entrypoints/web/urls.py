"""Web UI routes (namespace ``web``); the accounts middleware relies on the auth names."""

from django.urls import path

from bhbilling.entrypoints.web.views import (
    auth,
    batches,
    claims,
    coding,
    home,
    patients,
    payers,
    practice_switch,
    providers,
    remittances,
    sessions,
)

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("login/verify/", auth.verify_view, name="verify"),
    path("login/enroll/", auth.enroll_view, name="enroll"),
    path("logout/", auth.logout_view, name="logout"),
    path("practice/", practice_switch.switch_practice, name="switch_practice"),
    path("patients/", patients.patient_list, name="patients"),
    path("patients/<int:pk>/", patients.patient_detail, name="patient"),
    path("providers/", providers.provider_list, name="providers"),
    path("providers/<int:pk>/", providers.provider_detail, name="provider"),
    path("payers/", payers.payer_list, name="payers"),
    path("payers/<int:pk>/", payers.payer_detail, name="payer"),
    path("sessions/", sessions.session_list, name="sessions"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/coding/propose/", coding.propose, name="session_coding_propose"),
    path("sessions/<int:pk>/coding/decision/", coding.decide, name="session_coding_decide"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim"),
    path("claims/build/", claims.build_from_sessions, name="claims_build"),
    path("claims/<int:pk>/correct/", claims.correct_or_void, name="claim_correct"),
    path("claims/ready/", claims.check_ready, name="claims_ready"),
    path("batches/", batches.batch_list, name="batches"),
    path("batches/send/", batches.send_ready, name="batches_send"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch"),
    path("batches/<int:pk>/file/", batches.batch_download, name="batch_file"),
    path("remittances/", remittances.remittance_list, name="remittances"),
    path("remittances/upload/", remittances.upload, name="remittances_upload"),
    path("remittances/unmatched/", remittances.unmatched, name="unmatched"),
    path("remittances/unmatched/<int:pk>/assign/", remittances.assign, name="unmatched_assign"),
    path("remittances/<int:pk>/", remittances.remittance_detail, name="remittance"),
]
