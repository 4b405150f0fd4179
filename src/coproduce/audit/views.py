from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coproduce.audit.context import Actor
from coproduce.audit.forms import AuditSearchForm
from coproduce.audit.selectors import search_events
from coproduce.teams.policy import can_search_audit


@login_required
@require_GET
def search(request):
    if not can_search_audit(request.user):
        raise Http404
    searched = bool(request.GET)
    form = AuditSearchForm(request.GET if searched else None)
    events = None
    if searched and form.is_valid():
        events = search_events(Actor.from_request(request), **form.cleaned_data)
    return render(request, "audit/search.html", {"form": form, "events": events})
