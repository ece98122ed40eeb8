import hashlib
import json
import logging

import psycopg2

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

MAX_LINES = 50000


class BohDemandApi(http.Controller):
    """Sales of an external POS system, sent as JSON with an API key.

    ``POST /boh_forecast/api/v1/demand`` with the header
    ``Authorization: Bearer <key>`` and the body::

        {"idempotency_key": "2025-05-01-shop-12",
         "lines": [{"store": "S001", "product": "VEG-0001", "date": "2025-05-01",
                    "qty": 12.0, "amount": 96.0, "stockout": false}]}

    ``amount`` (optional) is the day's net sales of the product excluding
    taxes, in the company's currency; a line without it keeps the value
    stored before.  Each line is the day's total of the product in the store
    (sending it again replaces it); ``store_id`` and ``product_id`` (record
    ids) may replace the codes.  Stores and products are those the key's
    user may read.  Any bad line refuses the whole batch with the list of
    errors (HTTP 400, each error naming its line and field); nothing is
    written.
    """

    def _reply(self, status, body):
        return request.make_json_response(body, status=status)

    @http.route(
        "/boh_forecast/api/v1/demand",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def post_demand(self, **kwargs):
        try:
            return self._post_demand()
        except (UserError, ValidationError, AccessError) as exc:
            # a refused input is the caller's error, never a server error
            request.env.cr.rollback()
            return self._reply(400, {"error": exc.args[0]})

    def _post_demand(self):
        header = request.httprequest.headers.get("Authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        api_key_sudo = request.env["boh.forecast.api.key"]._authenticate(token)
        if not api_key_sudo:
            return self._reply(401, {"error": _("Missing or invalid API key.")})
        raw = request.httprequest.get_data()
        try:
            payload = json.loads(raw or b"null")
        except ValueError:
            return self._reply(400, {"error": _("The body is not valid JSON.")})
        if not isinstance(payload, dict):
            return self._reply(400, {"error": _("The body must be a JSON object.")})
        key = payload.get("idempotency_key")
        lines = payload.get("lines")
        if not isinstance(key, str) or not key.strip() or len(key) > 200:
            return self._reply(
                400,
                {"error": _("idempotency_key must be a non-empty string.")},
            )
        if not isinstance(lines, list) or not lines:
            return self._reply(400, {"error": _("lines must be a non-empty list.")})
        if len(lines) > MAX_LINES:
            return self._reply(
                413,
                {
                    "error": _(
                        "At most %(max)s lines a batch.",
                        max=MAX_LINES,
                    )
                },
            )
        company = api_key_sudo.company_id
        digest = hashlib.sha256(
            json.dumps(lines, sort_keys=True, default=str).encode()
        ).hexdigest()
        Batch = request.env["boh.demand.import.batch"].sudo()
        done = Batch.search(
            [
                ("company_id", "=", company.id),
                ("source", "=", "api"),
                ("idempotency_key", "=", key),
            ]
        )
        if done:
            if done.payload_hash != digest:
                return self._reply(
                    409,
                    {
                        "error": _(
                            "The idempotency key %(key)s was already used for"
                            " other lines.",
                            key=key,
                        )
                    },
                )
            return self._reply(
                200,
                {
                    "idempotency_key": key,
                    "lines": done.line_count,
                    "rows_changed": done.rows_changed,
                    "replayed": True,
                },
            )
        # The rows are checked with the rights of the key's user: stores and
        # products it cannot read are unknown.
        Demand = request.env["boh.demand.daily"].with_user(api_key_sudo.user_id)
        values, errors = Demand._prepare_external_rows(
            [
                {**line, "row": index} if isinstance(line, dict) else line
                for index, line in enumerate(lines, start=1)
            ],
            company,
        )
        if errors:
            return self._reply(
                400,
                {
                    "error": _(
                        "No line was written: %(count)s errors.", count=len(errors)
                    ),
                    "errors": [
                        {"line": e["row"], "field": e["field"], "message": e["message"]}
                        for e in errors
                    ],
                },
            )
        try:
            with request.env.cr.savepoint():
                batch = Batch.create(
                    {
                        "idempotency_key": key,
                        "source": "api",
                        "payload_hash": digest,
                        "line_count": len(lines),
                        "company_id": company.id,
                        "api_key_id": api_key_sudo.id,
                    }
                )
                batch.flush_recordset()
        except psycopg2.IntegrityError:
            return self._reply(
                409, {"error": _("This batch is being processed: retry later.")}
            )
        # sudo: every row was checked above against the key user's stores and
        # products; the daily totals are written by the bulk upsert
        changed = Demand.sudo()._write_external_rows("api", values)
        batch.rows_changed = changed
        api_key_sudo.last_used = fields.Datetime.now()
        return self._reply(
            200,
            {"idempotency_key": key, "lines": len(lines), "rows_changed": changed},
        )
