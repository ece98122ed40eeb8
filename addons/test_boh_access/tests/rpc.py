"""Calls over JSON-RPC (``/web/dataset/call_kw``) as the access chain's
users, for the attack tests (HttpCase)."""

import json
import re

# The errors an attacker may get back: Odoo's own, with a message. Anything
# else (TypeError, psycopg2 errors...) is a server error.
CLEAR_ERRORS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}


class RpcMixin:
    """Log in as a role of the access chain and call the ORM as a web
    client would."""

    def _login(self, role):
        if role == "supplier":
            self.authenticate(self.supplier.login, "supplier_access_pw")
        else:
            self.authenticate(f"access_{role}", f"access_{role}_pw")

    def _call(self, model, method, args, kwargs=None):
        """(result, error name) of a call_kw request."""
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            }
        )
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        body = response.json()
        if "error" in body:
            self.error_message = body["error"]["data"]["message"]
            return None, body["error"]["data"]["name"]
        self.error_message = None
        return body["result"], None

    def _refused(self, model, method, args, kwargs=None, what="", regex=None):
        """The call fails with one of Odoo's errors (and a message matching
        ``regex``)."""
        result, error = self._call(model, method, args, kwargs)
        self.assertIsNotNone(error, f"{what}: accepted ({result!r})")
        self.assertIn(error, CLEAR_ERRORS, f"{what}: server error {error}")
        if regex:
            self.assertRegex(self.error_message, re.compile(regex, re.S), what)
        return error

    def _snapshot(self, record, fnames):
        record.invalidate_recordset()
        return record.sudo().read(fnames)[0]
