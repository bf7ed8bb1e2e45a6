from django import forms


class IngestForm(forms.Form):
    """The admin's "Add articles" form: exactly one of a file, a URL, a feed URL or pasted text."""

    file = forms.FileField(required=False, help_text="Text, HTML or JSON Lines file.")
    url = forms.URLField(required=False, label="Page URL", assume_scheme="https")
    feed_url = forms.URLField(
        required=False, label="Feed URL", help_text="RSS or Atom; polled on schedule afterwards.", assume_scheme="https"
    )
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 12}), label="Pasted text")
    title = forms.CharField(required=False, max_length=1000, help_text="For pasted text.")
    publisher = forms.CharField(required=False, max_length=300, help_text="For inputs that name none.")
    published = forms.DateField(required=False, help_text="YYYY-MM-DD, for inputs without a date.")

    def clean(self) -> dict:
        data = super().clean()
        given = [name for name in ("file", "url", "feed_url", "text") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError("Give exactly one of: a file, a page URL, a feed URL or pasted text.")
        return data
