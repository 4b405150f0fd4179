from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from coproduce.audit.context import Actor
from coproduce.audit.forms import AuditSearchForm
from coproduce.audit.selectors import search_events
from coproduce.teams.policy import can_search_audit


@login_required
@require_http_methods(["GET", "POST"])
def search(request):
    """The search is posted, never put in the address: names typed here would otherwise end up in access
    logs and browser history (the browser tests' log scan found that)."""
    if not can_search_audit(request.user):
        raise Http404
    searched = request.method == "POST"
    form = AuditSearchForm(request.POST if searched else None)
    events = None
    if searched and form.is_valid():
        events = search_events(Actor.from_request(request), **form.cleaned_data)
    return render(request, "audit/search.html", {"form": form, "events": events})
