"""The statements in the supplier portal, over HTTP and RPC: each supplier
reads, downloads and answers only its own; bad input is refused with a clear
message and writes nothing; a form posted twice does nothing the second time."""

import json
import re
import xmlrpc.client

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import StatementCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestStatementPortal(HttpCase, StatementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statement, cls.other = cls._generate()
        (cls.statement | cls.other).action_send()
        cls.sugar_line = cls._goods(cls.statement, cls.pol_sugar)
        cls.rice_line = cls._goods(cls.statement, cls.pol_rice)

    def _login(self, user):
        self.authenticate(user.login, user.login)
        page = self.url_open("/my/statements")
        self.assertEqual(page.status_code, 200)
        return CSRF_RE.search(
            self.url_open(f"/my/statements/{self._own(user).id}").text
        ).group(1)

    def _own(self, user):
        return self.statement if user == self.portal_1 else self.other

    def _post(self, url, csrf, data=None):
        return self.url_open(url, data={**(data or {}), "csrf_token": csrf})

    def test_own_statements(self):
        self._login(self.portal_1)
        listing = self.url_open("/my/statements")
        self.assertIn(self.statement.name, listing.text)
        self.assertNotIn(self.other.name, listing.text)
        page = self.url_open(f"/my/statements/{self.statement.id}")
        self.assertIn(self.statement.name, page.text)
        self.assertIn("boh_statement_confirm_all", page.text)
        self.assertIn(f'name="status_{self.rice_line.id}"', page.text)
        pdf = self.url_open(f"/my/statements/{self.statement.id}/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn(self.statement.name.encode(), pdf.content)
        xlsx = self.url_open(f"/my/statements/{self.statement.id}/xlsx")
        self.assertEqual(xlsx.status_code, 200)
        self.assertEqual(xlsx.headers["Content-Type"], XLSX)
        self.assertTrue(xlsx.content.startswith(b"PK"))
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["boh_statement_count"]}
        )
        self.assertEqual(counters["boh_statement_count"], 1)

    def test_xlsx_content(self):
        import io

        import openpyxl

        self._login(self.portal_1)
        xlsx = self.url_open(f"/my/statements/{self.statement.id}/xlsx")
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][:2], ("Statement", self.statement.name))
        flat = [cell for row in rows for cell in row if cell is not None]
        self.assertIn("Price Difference", flat)
        self.assertIn(self.bill.name + f" ({self.bill.ref})", flat)
        self.assertIn(104.0, flat)

    @mute_logger("odoo.http")
    def test_other_suppliers_statement_by_id(self):
        """Supplier 2 opens, downloads, confirms and answers supplier 1's
        statement by id: sent back to /my, nothing shown, nothing changed."""
        csrf = self._login(self.portal_2)
        before = self._snapshot(self.statement, self.other)
        target = self.statement.id
        for url in (
            f"/my/statements/{target}",
            f"/my/statements/{target}?access_token=wrong",
            f"/my/statements/{target}/pdf",
            f"/my/statements/{target}/xlsx",
            "/my/statements/999999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertTrue(response.url.endswith("/my"), response.url)
                self.assertNotIn(self.statement.name, response.text)
        for url, data in (
            (f"/my/statements/{target}/confirm", {}),
            (
                f"/my/statements/{target}/answer",
                {f"status_{self.rice_line.id}": "confirmed"},
            ),
            # Its own statement, with supplier 1's line.
            (
                f"/my/statements/{self.other.id}/answer",
                {f"status_{self.rice_line.id}": "confirmed"},
            ),
        ):
            with self.subTest(url=url, data=data):
                response = self._post(url, csrf, data)
                self.assertNotIn(self.statement.name, response.text)
                self.assertEqual(self._snapshot(self.statement, self.other), before)
        listing = self.url_open("/my/statements")
        self.assertNotIn(self.statement.name, listing.text)

    @mute_logger("odoo.http")
    def test_visitor_and_csrf(self):
        """A visitor is sent to the login page, even with the statement's
        token for writes; a POST without CSRF token is refused."""
        before = self._snapshot(self.statement)
        token = self.statement._portal_ensure_token()
        for url in ("/my/statements", f"/my/statements/{self.statement.id}"):
            with self.subTest(url=url):
                self.assertIn("/web/login", self.url_open(url).url)
        response = self.url_open(
            f"/my/statements/{self.statement.id}/confirm?access_token={token}",
            data={"confirm": "1"},
        )
        self.assertIn("/web/login", response.url)
        self._login(self.portal_1)
        for data in ({"note": "x"}, {"csrf_token": "forged"}):
            response = self.url_open(
                f"/my/statements/{self.statement.id}/confirm", data=data
            )
            self.assertEqual(response.status_code, 400, data)
        self.assertEqual(self._snapshot(self.statement), before)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_rpc(self):
        """Over XML-RPC and JSON-RPC, supplier 2 reads nothing of supplier 1's
        and supplier 1 writes nothing of its own."""
        before = self._snapshot(self.statement)
        line = self.rice_line.id
        db = self.env.cr.dbname
        for user, model, method, args in (
            (self.portal_2, "boh.supplier.statement", "read", [[self.statement.id]]),
            (self.portal_2, "boh.supplier.statement.line", "read", [[line]]),
            (
                self.portal_1,
                "boh.supplier.statement",
                "write",
                [[self.statement.id], {"state": "confirmed"}],
            ),
            (
                self.portal_1,
                "boh.supplier.statement.line",
                "write",
                [[line], {"supplier_status": "confirmed"}],
            ),
            (self.portal_1, "boh.supplier.statement", "action_send", [[self.other.id]]),
            (
                self.portal_1,
                "boh.supplier.statement",
                "_boh_supplier_confirm_all",
                [[self.statement.id]],
            ),
        ):
            with (
                self.subTest(user=user.login, model=model, method=method),
                self.assertRaises(xmlrpc.client.Fault),
            ):
                self.xmlrpc_object.execute_kw(
                    db, user.id, user.login, model, method, args
                )
        found = self.xmlrpc_object.execute_kw(
            db,
            self.portal_2.id,
            self.portal_2.login,
            "boh.supplier.statement",
            "search",
            [[]],
        )
        self.assertEqual(found, self.other.ids)
        self.authenticate(self.portal_1.login, self.portal_1.login)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "boh.supplier.statement.line",
                        "method": "write",
                        "args": [[line], {"supplier_status": "confirmed"}],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertEqual(self._snapshot(self.statement), before)

    def test_bad_input_over_http(self):
        csrf = self._login(self.portal_1)
        url = f"/my/statements/{self.statement.id}/answer"
        other_line = self.other.line_ids[:1].id
        good = {f"status_{self.sugar_line.id}": "confirmed"}
        before = self._snapshot(self.statement, self.other)
        for data, message in (
            ({**good, f"status_{other_line}": "confirmed"}, "is not a line of this"),
            ({**good, "status_999999999": "confirmed"}, "is not a line of this"),
            ({**good, "status_abc": "confirmed"}, "must be the id of a record"),
            (
                {
                    **good,
                    f"status_{self.rice_line.id}": "disputed",
                    f"comment_{self.rice_line.id}": "z" * 2001,
                },
                "at most 2000",
            ),
            ({f"status_{self.rice_line.id}": "disputed"}, "say why you dispute"),
            ({f"status_{self.rice_line.id}": "<b>x</b>"}, "choose Confirmed or"),
            ({}, "choose at least one line"),
        ):
            with self.subTest(message=message):
                response = self._post(url, csrf, data)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Traceback", response.text)
                self.assertIn(message, response.text)
                self.assertIn(self.statement.name, response.text)
                self.assertEqual(self._snapshot(self.statement, self.other), before)

    def test_double_submission(self):
        csrf = self._login(self.portal_1)
        url = f"/my/statements/{self.statement.id}/answer"
        data = {
            f"status_{self.sugar_line.id}": "confirmed",
            f"status_{self.rice_line.id}": "disputed",
            f"comment_{self.rice_line.id}": "Agreed price was 5.50",
        }
        first = self._post(url, csrf, data)
        self.assertIn("sent to the buyer", first.text)
        after_first = self._snapshot(self.statement)
        self.assertEqual(self.statement.state, "disputed")
        self.assertEqual(len(self.statement.activity_ids), 1)
        second = self._post(url, csrf, data)
        self.assertIn("already recorded", second.text)
        self.assertEqual(self._snapshot(self.statement), after_first)
        # Confirming the whole of supplier 2's statement twice.
        csrf = self._login(self.portal_2)
        confirm = f"/my/statements/{self.other.id}/confirm"
        self.assertIn("is confirmed", self._post(confirm, csrf).text)
        after_first = self._snapshot(self.other)
        self.assertIn("already confirmed", self._post(confirm, csrf).text)
        self.assertEqual(self._snapshot(self.other), after_first)
        self.assertEqual(self.other.state, "confirmed")


@tagged("post_install", "-at_install")
class TestStatementTour(HttpCase, StatementCase):
    def test_confirm_one_line_dispute_another(self):
        statement, _other = self._generate()
        statement.action_send()
        self.start_tour(
            f"/my/statements/{statement.id}",
            "boh_supply_statement_portal_tour",
            login="supplier_tour1",
        )
        sugar = self._goods(statement, self.pol_sugar)
        rice = self._goods(statement, self.pol_rice)
        self.assertEqual(sugar.supplier_status, "confirmed")
        self.assertEqual(rice.supplier_status, "disputed")
        self.assertEqual(rice.supplier_comment, "The agreed price is 5.50")
        self.assertEqual(statement.state, "disputed")
        self.assertEqual(statement.activity_ids.user_id, self.buyer)
