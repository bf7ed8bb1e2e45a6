"""Public pages: search, results, event detail and country profiles (reads via events.search and events.profiles)."""

from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from api.bulk import bulk_file_path, list_bulk_exports
from entities.selectors import sanctions_for_participants, sanctions_for_people
from events.models import Event
from events.profiles import country_profile, public_titles
from events.public_search import EVENT_ORDERINGS, EventCursorPagination, EventFilter, country_or_404
from events.search import EventSearch, event_for_display, event_source_articles, search_events, with_participants

from .charts import flow_chart, timeline_chart

RECENT_EVENTS = 10


def home(request: HttpRequest) -> HttpResponse:
    search = EventFilter(None, queryset=Event.objects.none(), request=request)
    recent = with_participants(search_events(request.user, EventSearch())).order_by(*EVENT_ORDERINGS["date"])
    return render(request, "web/home.html", {"form": search.form, "recent": recent[:RECENT_EVENTS]})


def event_list(request: HttpRequest) -> HttpResponse:
    search = EventFilter(request.GET, queryset=Event.objects.none(), request=request)
    if not search.is_valid():
        return render(request, "web/event_list.html", {"form": search.form, "events": None}, status=400)
    paginator = EventCursorPagination()
    try:
        events = paginator.paginate_queryset(with_participants(search.qs), Request(request))
    except NotFound:  # a cursor that was edited or comes from another search
        raise Http404("invalid page cursor") from None
    query = request.GET.copy()
    query.pop("cursor", None)
    export_query = urlencode([(k, v) for k, v in query.items() if v and k not in {"sort", "page_size"}])
    context = {
        "form": search.form,
        "events": events,
        "next_url": paginator.get_next_link(),
        "previous_url": paginator.get_previous_link(),
        "export_query": export_query,
        "country": search.search.country,
    }
    return render(request, "web/event_list.html", context)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        event = event_for_display(request.user, pk)
    except Event.DoesNotExist:
        raise Http404("no such event") from None
    participants = event.participants.all()
    context = {
        "event": event,
        "articles": event_source_articles(event),
        "sanctions": sanctions_for_participants(participants),
        "titles": public_titles(p.person_id for p in participants if p.person_id),
    }
    return render(request, "web/event_detail.html", context)


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = country_or_404(iso3)
    if country.iso3 != iso3:
        return redirect("web:country-detail", iso3=country.iso3)
    profile = country_profile(country)
    context = {
        "profile": profile,
        "country": country,
        "timeline_chart": timeline_chart(profile.timeline),
        "flow_chart": flow_chart(country, profile.arms_flows),
        "sanctions": sanctions_for_people([official["person"].id for official in profile.officials]),
        "export_query": urlencode({"country": country.iso3}),
    }
    return render(request, "web/country_detail.html", context)


def downloads(request: HttpRequest) -> HttpResponse:
    """The daily bulk files (api.bulk), newest day first, with size, checksum and row count."""
    return render(request, "web/downloads.html", {"files": list_bulk_exports()})


def download_file(request: HttpRequest, day: str, name: str) -> FileResponse:
    path = bulk_file_path(day, name)
    if path is None:
        raise Http404("no such bulk file")
    # Served as the gzip file it is (no Content-Encoding), so clients keep the .gz and its checksum.
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{day}-{name}", content_type="application/gzip")
