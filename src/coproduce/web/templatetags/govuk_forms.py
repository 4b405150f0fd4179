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
