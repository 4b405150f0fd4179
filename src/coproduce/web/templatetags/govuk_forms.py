from django import template

from coproduce.web.forms import first_error_id

register = template.Library()


@register.filter
def error_anchor(bound_field) -> str:
    return first_error_id(bound_field)


@register.filter
def widget_kind(bound_field) -> str:
    return bound_field.field.widget.__class__.__name__


@register.simple_tag
def widget_attrs(bound_field) -> str:
    from django.utils.html import format_html_join

    attrs = {k: v for k, v in bound_field.field.widget.attrs.items() if k not in ("class", "id", "name")}
    return format_html_join("", ' {}="{}"', attrs.items())


@register.filter
def date_parts(bound_field) -> list:
    import datetime as dt

    value = bound_field.value()
    if isinstance(value, dt.date):
        return [value.day, value.month, value.year]
    if isinstance(value, list | tuple):
        return list(value) + [""] * (3 - len(value))
    return ["", "", ""]


@register.simple_tag
def select_options(bound_field) -> str:
    """A select's options, made in one pass: Django's own option widgets cost a template render each, which
    a caseload's thousand schools turn into tens of milliseconds a page. Selected as Django selects them."""
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe

    chosen = set(bound_field.field.widget.format_value(bound_field.value()))

    def options(pairs) -> str:
        marked = ((value, " selected" if str(value) in chosen else "", label) for value, label in pairs)
        return format_html_join("", '<option value="{}"{}>{}</option>', marked)

    parts, plain = [], []
    for value, label in bound_field.field.choices:
        if isinstance(label, list | tuple):  # a group of options
            parts += [options(plain), format_html('<optgroup label="{}">{}</optgroup>', value, options(label))]
            plain = []
        else:
            plain.append((value, label))
    parts.append(options(plain))
    return mark_safe("".join(parts))  # noqa: S308 (each part made by format_html, which escapes)
