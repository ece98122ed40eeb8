"""Checks of numbers, dates and ids that users type, import or send.

Every entry point of BOH (forms, imports, portal pages, JSON APIs, RPC
methods) reads outside values through these functions, so that a value that
is not a number, NaN, an infinity, a number beyond any real quantity or price,
a date outside a sensible window or an id that is not an id ends in one clear
error naming the record and the field, before anything is written.
"""

import math
from datetime import date, datetime, timedelta

from odoo import _, fields
from odoo.exceptions import ValidationError

# No quantity, price or amount of a chain's back office comes near this.
MAX_AMOUNT = 1e9
# Bounds of a percentage (a yield, a target): keyword arguments of
# check_number and check_vals_numbers.
PERCENT = {"minimum": 0.0, "maximum": 100.0}
# Dates of documents: from the year 2000 to five years ahead.
FIRST_DATE = date(2000, 1, 1)
DATE_HORIZON_DAYS = 5 * 366


def check_number(
    value, record, field, minimum=None, maximum=MAX_AMOUNT, allow_empty=True
):
    """The float in ``value``, or a ValidationError naming record and field.

    ``value`` may be a number or a string (a form's or an import's); empty
    values give 0.0 unless ``allow_empty`` is false.
    """
    if value is None or value is False or value == "":
        if allow_empty:
            return 0.0
        raise ValidationError(
            _("%(record)s: %(field)s is required.", record=record, field=field)
        )
    if isinstance(value, bool):
        value = int(value)
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValidationError(
            _(
                "%(record)s: %(field)s must be a number, not %(value)r.",
                record=record,
                field=field,
                value=value,
            )
        ) from exc
    if not math.isfinite(number):
        raise ValidationError(
            _(
                "%(record)s: %(field)s must be a finite number, not %(value)r.",
                record=record,
                field=field,
                value=value,
            )
        )
    if minimum is not None and number < minimum:
        raise ValidationError(
            _(
                "%(record)s: %(field)s must be at least %(minimum)s (got %(value)s).",
                record=record,
                field=field,
                minimum=minimum,
                value=number,
            )
        )
    if maximum is not None and abs(number) > maximum:
        bound = f"{maximum:,.0f}"
        raise ValidationError(
            _(
                "%(record)s: %(field)s is out of range (at most %(maximum)s,"
                " got %(value)s).",
                record=record,
                field=field,
                maximum=bound,
                value=value,
            )
        )
    return number


def check_vals_numbers(model, vals, fnames, record, minimum=None, maximum=MAX_AMOUNT):
    """``vals`` (of a create or write on ``model``) with the values of
    ``fnames`` it has checked by :func:`check_number` and made floats: called
    before the ORM writes, so a refused value writes nothing (the ORM would
    round NaN or an infinity into a server error)."""
    for fname in fnames:
        value = vals.get(fname)
        if value is None or value is False:
            continue
        vals[fname] = check_number(
            value,
            record,
            model._fields[fname]._description_string(model.env),
            minimum=minimum,
            maximum=maximum,
        )
    return vals


def check_date(value, record, field, today=None, past_days=None, allow_empty=True):
    """The date in ``value`` (a date or an ISO string) within the sensible
    window: from 2000-01-01 (or ``past_days`` before today) to five years
    ahead; otherwise a ValidationError naming record and field."""
    if not value:
        if allow_empty:
            return False
        raise ValidationError(
            _("%(record)s: %(field)s is required.", record=record, field=field)
        )
    try:
        day = fields.Date.to_date(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _(
                "%(record)s: %(field)s must be a date (YYYY-MM-DD), not %(value)r.",
                record=record,
                field=field,
                value=value,
            )
        ) from exc
    if isinstance(day, datetime):
        day = day.date()
    today = today or date.today()
    first = today - timedelta(days=past_days) if past_days else FIRST_DATE
    last = today + timedelta(days=DATE_HORIZON_DAYS)
    if not first <= day <= last:
        raise ValidationError(
            _(
                "%(record)s: %(field)s %(value)s is outside %(first)s to %(last)s.",
                record=record,
                field=field,
                value=day.isoformat(),
                first=first.isoformat(),
                last=last.isoformat(),
            )
        )
    return day


def check_id(value, record, field):
    """A positive integer id from a request, or a ValidationError."""
    if isinstance(value, bool):
        value = None
    try:
        number = int(value)
        if str(number) != str(value).strip() and number != value:
            raise ValueError(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValidationError(
            _(
                "%(record)s: %(field)s must be the id of a record, not %(value)r.",
                record=record,
                field=field,
                value=value,
            )
        ) from exc
    if not 0 < number < 2**31:
        raise ValidationError(
            _(
                "%(record)s: %(field)s must be the id of a record, not %(value)r.",
                record=record,
                field=field,
                value=value,
            )
        )
    return number
