"""Readers' corrections (issue 30): the form at each public record's path +
correct/, and its thanks page.

The form page carries a CSRF token, so it is never cached: the view says
never_cache, and the page cache skips the path (middleware.py). Its POST
answers with a redirect to the thanks page, so the record's own page stays
the same for every reader and cacheable.

Abuse: every POST counts against its address (the client address as the
API's throttle takes it, settings.REST_FRAMEWORK["NUM_PROXIES"]) in the
shared cache, CORRECTION_POSTS_PER_HOUR per hour from the address's first
post; past it, a 429. A filled honeypot field gets the thanks page and
stores nothing, so a bot learns nothing to adapt to.
"""

import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from rest_framework.throttling import BaseThrottle

from ..models import (
    Case,
    Correction,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
    SchoolDistrictResolution,
)
from ..models.base import http_url_validator
from ..models.corrections import TEXT_LIMIT, URL_LIMIT

logger = logging.getLogger(__name__)

# The record kinds, by the name their URLs carry (jurisdictions:<kind>-detail).
RECORD_MODELS = {
    "jurisdiction": Jurisdiction,
    "ordinance": Ordinance,
    "resolution": SchoolDistrictResolution,
    "statement": FederalStatement,
    "case": Case,
    "person": Person,
}
WINDOW_SECONDS = 3600
HONEYPOT = "website"


class HttpURLField(forms.URLField):
    """A URL field taking http and https only (one error, not two)."""

    default_validators = [http_url_validator]


class CorrectionForm(forms.ModelForm):
    source_url = HttpURLField(
        label=_("Source (a web address)"),
        max_length=URL_LIMIT,
        assume_scheme="https",
        help_text=_(
            "Where this is shown: the official text, minutes, a court filing or "
            "a news report. An address starting with http:// or https://."
        ),
        error_messages={"invalid": _("Enter a web address starting with https://.")},
    )
    # Hidden from people, sighted or not (.correction-trap); bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Correction
        fields = ["wrong", "right", "source_url", "email"]
        labels = {
            "wrong": _("What is wrong"),
            "right": _("What is right"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "wrong": _("What the page says that is not right."),
            "right": _("What it should say."),
            "email": _(
                "Only if you would like to hear the editors’ decision. It is never "
                "shown, and erased 30 days after the decision."
            ),
        }
        widgets = {
            "wrong": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
            "right": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def visible(self):
        """The fields a reader fills in: all but the honeypot."""
        return [field for field in self if field.name != HONEYPOT]


def client_address(request):
    """The client's address, taken as the API's throttle takes it."""
    return BaseThrottle().get_ident(request) or "unknown"


def over_limit(request):
    """Count this POST against its address; whether the address is past it."""
    key = f"correction-posts:{client_address(request)}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > settings.CORRECTION_POSTS_PER_HOUR


def kept(form):
    """What the reader typed, to show back when the post is refused."""
    return [
        (field.label, value)
        for field in form.visible()
        if (value := form.data.get(field.html_name, "")[:TEXT_LIMIT])
    ]


def notify_editors(correction):
    """Tell the editors; a failed mail is logged, the correction is kept."""
    if not settings.CORRECTION_EMAILS:
        return
    admin_url = reverse("admin:jurisdictions_correction_change", args=[correction.pk])
    try:
        send_mail(
            f"Reader's correction #{correction.pk}: {correction.record}",
            f"A reader suggested a correction to {correction.record}.\n\n"
            f"What is wrong:\n{correction.wrong}\n\n"
            f"What is right:\n{correction.right}\n\n"
            f"Source: {correction.source_url}\n\n"
            f"Review it in the admin: {admin_url}\n",
            None,
            settings.CORRECTION_EMAILS,
        )
    except Exception:
        logger.exception(
            "Could not mail the editors about correction %s", correction.pk
        )


class RecordMixin:
    """The published record the URL names; a draft is a 404."""

    kind = ""

    def dispatch(self, request, *args, **kwargs):
        model = RECORD_MODELS[self.kind]
        self.record = get_object_or_404(model.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)


@method_decorator(never_cache, name="dispatch")
class CorrectionView(RecordMixin, FormView):
    form_class = CorrectionForm
    template_name = "jurisdictions/correction_form.html"

    def post(self, request, *args, **kwargs):
        if over_limit(request):
            response = render(
                request,
                "jurisdictions/correction_limit.html",
                {"record": self.record, "kept": kept(self.get_form())},
                status=429,
            )
            response["Retry-After"] = str(WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.cleaned_data[HONEYPOT]:
            return redirect(self.get_success_url())
        correction = form.save(commit=False)
        correction.record = self.record
        correction.language = get_language()
        correction.save()
        notify_editors(correction)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse(
            f"jurisdictions:{self.kind}-correct-thanks",
            kwargs={"slug": self.record.slug},
        )


class CorrectionThanksView(RecordMixin, TemplateView):
    template_name = "jurisdictions/correction_thanks.html"
