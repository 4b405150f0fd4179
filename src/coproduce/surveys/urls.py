from django.urls import path

from coproduce.surveys import views

app_name = "surveys"

PUBLIC = "surveys/<slug:survey_slug>/"
S = "forum/surveys/<uuid:survey_id>/"

urlpatterns = [
    # Public: no sign-in. One question a page, check your answers, and consent to talk asked apart.
    path("surveys/withdraw/<str:withdraw_token>/", views.withdraw, name="withdraw"),
    path(PUBLIC, views.start, name="start"),
    path(PUBLIC + "about-you/", views.about_you, name="about-you"),
    path(PUBLIC + "questions/<int:number>/", views.question, name="question"),
    path(PUBLIC + "check-your-answers/", views.check, name="check"),
    path(PUBLIC + "thank-you/", views.done, name="done"),
    path(PUBLIC + "talk-to-us/", views.talk, name="talk"),
    path(PUBLIC + "talk-to-us/thank-you/", views.talk_done, name="talk-done"),
    # Building surveys and reading their results: the forum coordinator, council officers and analysts.
    path("forum/surveys/", views.survey_list, name="list"),
    path("forum/surveys/new/", views.survey_new, name="new"),
    path("forum/surveys/contacts/", views.contacts, name="contacts"),
    path("forum/surveys/contacts/download/", views.contacts_download, name="contacts-download"),
    path("forum/surveys/analysts/", views.analysts, name="analysts"),
    path("forum/surveys/analysts/<uuid:analyst_id>/end/", views.analyst_end, name="analyst-end"),
    path(S, views.survey, name="survey"),
    path(S + "edit/", views.survey_edit, name="edit"),
    path(S + "sections/new/", views.section_new, name="section-new"),
    path(S + "sections/<uuid:section_id>/", views.section_edit, name="section-edit"),
    path(S + "questions/new/", views.question_new, name="question-new"),
    path(S + "questions/<uuid:question_id>/", views.question_edit, name="question-edit"),
    path(S + "questions/<uuid:question_id>/remove/", views.question_remove, name="question-remove"),
    path(S + "questions/<uuid:question_id>/move/", views.question_move, name="question-move"),
    path(S + "preview/", views.preview, name="preview"),
    path(S + "publish/", views.publish, name="publish"),
    path(S + "close/", views.close, name="close"),
    path(S + "results/", views.results, name="results"),
    path(S + "results/download/", views.results_download, name="results-download"),
    path(S + "answers/download/", views.answers_download, name="answers-download"),
    path(S + "questions/<uuid:question_id>/you-said/", views.question_you_said, name="question-you-said"),
    path(S + "questions/<uuid:question_id>/answers/", views.free_text, name="free-text"),
    path(S + "questions/<uuid:question_id>/suggest-themes/", views.suggest, name="suggest"),
    path(S + "answers/<uuid:answer_id>/themes/", views.tag, name="tag"),
    path(S + "themes/", views.themes, name="themes"),
    path(S + "themes/<uuid:theme_id>/", views.theme, name="theme"),
    path(S + "themes/<uuid:theme_id>/review/", views.theme_review, name="theme-review"),
    path(S + "themes/<uuid:theme_id>/you-said/", views.theme_you_said, name="theme-you-said"),
    # The co-production overview for the local area's boards.
    path("council/co-production/", views.insight, name="insight"),
]
