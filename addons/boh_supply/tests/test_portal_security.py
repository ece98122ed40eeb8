import re
import xmlrpc.client
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SupplyCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
# An expected arrival within the accepted window (up to five years ahead).
FUTURE = (fields.Date.today() + timedelta(days=30)).isoformat()


@tagged("post_install", "-at_install")
class TestPortalSecurity(HttpCase, SupplyCase):
    """A supplier sees and changes only its own documents, whatever the way in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.asn_2 = cls.env["boh.asn"].create(
            {
                "partner_id": cls.supplier_2.id,
                "purchase_ids": [(6, 0, cls.po_2.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
                "line_ids": [
                    (0, 0, {"purchase_line_id": cls.po_2.order_line.id, "qty": 7})
                ],
            }
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)
        page = self.url_open(f"/my/purchase/{self._own_po(user).id}")
        self.assertEqual(page.status_code, 200)
        return CSRF_RE.search(page.text).group(1)

    def _own_po(self, user):
        return self.po_1 if user == self.portal_1 else self.po_2

    def _state(self):
        return (
            self.po_1.boh_confirmation_state,
            len(self.po_1.message_ids),
            len(self.po_1.boh_proposal_ids),
            self.env["boh.asn"].search_count([]),
            self.env["account.move"].search_count([]),
        )

    # ORM / RPC -------------------------------------------------------------
    def test_orm_access(self):
        for model in ("boh.asn", "boh.asn.line", "boh.supply.proposal"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.portal_1).search([])
        with self.assertRaises(AccessError):
            self.asn_2.with_user(self.portal_1).read(["name"])
        orders = self.env["purchase.order"].with_user(self.portal_1).search([])
        self.assertIn(self.po_1, orders)
        self.assertNotIn(self.po_2, orders)
        with self.assertRaises(AccessError):
            self.po_1.with_user(self.portal_1).write(
                {"boh_confirmation_state": "confirmed"}
            )

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_xmlrpc_and_jsonrpc(self):
        uid = self.portal_1.id
        for model, method, args in (
            ("boh.asn", "search_read", [[]]),
            ("boh.supply.proposal", "search", [[]]),
            ("purchase.order", "write", [[self.po_1.id], {"boh_rejected": True}]),
            ("purchase.order", "read", [[self.po_2.id], ["name"]]),
        ):
            with (
                self.subTest(model=model, method=method),
                self.assertRaises(xmlrpc.client.Fault),
            ):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, uid, "supplier_tour1", model, method, args
                )
        self.authenticate("supplier_tour1", "supplier_tour1")
        response = self.url_open(
            "/web/dataset/call_kw/boh.asn/search_read",
            data=(
                '{"jsonrpc": "2.0", "method": "call", "params": {"model": "boh.asn", '
                '"method": "search_read", "args": [[]], "kwargs": {}}}'
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertNotIn("result", response.json())
        self.assertFalse(self.po_1.boh_rejected)

    # HTTP: reading -----------------------------------------------------------
    def test_read_other_supplier(self):
        self._login(self.portal_1)
        for url in (
            f"/my/purchase/{self.po_2.id}",
            f"/my/boh/asn/{self.asn_2.id}",
            f"/my/purchase/{self.po_2.id}?access_token=wrong",
            f"/my/boh/asn/{self.asn_2.id}?access_token=wrong",
            "/my/purchase/999999",
            "/my/boh/asn/999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertTrue(response.url.endswith("/my"), response.url)
                self.assertNotIn(self.po_2.name, response.text)
        for url in ("/my/purchase", "/my/boh/asn", "/my/boh/bills", "/my/boh/forecast"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(self.po_2.name, response.text)
                self.assertNotIn(self.asn_2.name, response.text)
        response = self.url_open(f"/my/boh/asn/new?order_ids={self.po_2.id}")
        self.assertIn("/my/purchase", response.url)
        self.assertNotIn(self.po_2.name, response.text)

    def test_public_visitor(self):
        for url in (
            "/my/boh/asn",
            "/my/boh/scorecard",
            "/my/boh/forecast/xlsx",
            "/my/boh/bills",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn("/web/login", response.url)
        response = self.url_open(f"/my/boh/asn/{self.asn_2.id}")
        self.assertTrue(response.url.endswith("/my") or "/web/login" in response.url)
        # The right token lets a visitor read, never write.
        token = self.asn_2._portal_ensure_token()
        response = self.url_open(f"/my/boh/asn/{self.asn_2.id}?access_token={token}")
        self.assertIn(self.asn_2.name, response.text)
        before = self._state()
        response = self.url_open(
            f"/my/purchase/{self.po_1.id}/boh/confirm",
            data={"access_token": self.po_1._portal_ensure_token()},
        )
        self.assertNotIn("Thank you", response.text)
        self.assertEqual(self._state(), before)

    # HTTP: writing -----------------------------------------------------------
    @mute_logger("odoo.http")
    def test_write_other_supplier_and_csrf(self):
        csrf = self._login(self.portal_2)
        before = self._state()
        po = self.po_1.id
        line = self.line_1.id
        posts = [
            (f"/my/purchase/{po}/boh/confirm", {}),
            (
                f"/my/purchase/{po}/boh/confirm",
                {"access_token": self.po_1._portal_ensure_token()},
            ),
            (f"/my/purchase/{po}/boh/reject", {"reason": "no"}),
            (f"/my/purchase/{po}/boh/propose", {f"qty_{line}": "99"}),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(po),
                    "expected_date": FUTURE,
                    f"qty_{line}": "1",
                },
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": f"{self.po_2.id},{po}",
                    "expected_date": FUTURE,
                    f"qty_{line}": "1",
                },
            ),
            (
                "/my/boh/bill/new",
                {"order_ids": str(po), "ref": "HACK", f"qty_{line}": "1"},
            ),
            ("/my/purchase/999999/boh/confirm", {}),
        ]
        for url, data in posts:
            with self.subTest(url=url, data=data):
                self.url_open(url, data={**data, "csrf_token": csrf})
                self.assertEqual(self._state(), before)
        # Own order, but no CSRF token or a wrong one: refused.
        csrf_1 = self._login(self.portal_1)
        for data in ({"line_ids": str(line)}, {"csrf_token": "forged"}):
            response = self.url_open(f"/my/purchase/{po}/boh/confirm", data=data)
            self.assertEqual(response.status_code, 400)
            self.assertEqual(self._state(), before)
        # Own order with the token: done; replayed: refused with a message.
        response = self.url_open(
            f"/my/purchase/{po}/boh/confirm", data={"csrf_token": csrf_1}
        )
        self.assertIn("Thank you", response.text)
        self.assertEqual(self.po_1.boh_confirmation_state, "confirmed")
        after = self._state()
        response = self.url_open(
            f"/my/purchase/{po}/boh/confirm", data={"csrf_token": csrf_1}
        )
        self.assertIn("nothing left to confirm", response.text)
        self.assertEqual(self._state(), after)

    def test_bad_input_messages(self):
        csrf = self._login(self.portal_1)
        before = self._state()
        line = self.line_1.id
        past = (fields.Date.today() - timedelta(days=1)).isoformat()
        for url, data, message in (
            (
                f"/my/purchase/{self.po_1.id}/boh/propose",
                {f"qty_{line}": "-3"},
                "must be positive",
            ),
            (
                f"/my/purchase/{self.po_1.id}/boh/propose",
                {f"qty_{line}": "abc"},
                "must be a number",
            ),
            (
                f"/my/purchase/{self.po_1.id}/boh/propose",
                {f"date_{line}": past},
                "in the past",
            ),
            (f"/my/purchase/{self.po_1.id}/boh/reject", {"reason": ""}, "reason"),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(self.po_1.id),
                    "expected_date": past,
                    f"qty_{line}": "1",
                },
                "in the past",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(self.po_1.id),
                    "expected_date": FUTURE,
                    f"qty_{line}": "50",
                },
                "remain",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(self.po_1.id),
                    "expected_date": FUTURE,
                    f"qty_{self.line_lot.id}": "1",
                },
                "lot number",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(self.po_1.id),
                    "expected_date": FUTURE,
                    f"qty_{line}": "-1",
                },
                "negative",
            ),
        ):
            with self.subTest(url=url, data=data):
                response = self.url_open(url, data={**data, "csrf_token": csrf})
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertEqual(self._state(), before)

    def test_upload_checks(self):
        csrf = self._login(self.portal_1)
        before = self._state()
        line = self.line_1.id
        url = "/my/boh/bill/new"
        data = {
            "order_ids": str(self.po_1.id),
            "ref": "INV-9",
            f"qty_{line}": "1",
            "csrf_token": csrf,
        }
        ns = b"urn:oasis:names:specification:ubl:schema:xsd:"
        ubl_other = (
            b'<?xml version="1.0"?><Invoice xmlns="' + ns + b'Invoice-2" '
            b'xmlns:cac="' + ns + b'CommonAggregateComponents-2" '
            b'xmlns:cbc="' + ns + b'CommonBasicComponents-2">'
            b"<cbc:ID>INV-9</cbc:ID><cac:OrderReference><cbc:ID>"
            + self.po_2.name.encode()
            + b"</cbc:ID></cac:OrderReference><cac:InvoiceLine><cbc:ID>1</cbc:ID>"
            b"<cbc:InvoicedQuantity>1</cbc:InvoicedQuantity><cac:Price><cbc:PriceAmount>1</cbc:PriceAmount>"
            b"</cac:Price></cac:InvoiceLine></Invoice>"
        )
        for files, message in (
            ({}, "PDF"),
            (
                {
                    "invoice_pdf": (
                        "inv.pdf",
                        b"MZ\x90\x00 not a pdf",
                        "application/pdf",
                    )
                },
                "not accepted",
            ),
            (
                {
                    "invoice_pdf": (
                        "inv.pdf",
                        b"%PDF-1.4" + b"0" * (10 * 1024 * 1024),
                        "application/pdf",
                    )
                },
                "larger",
            ),
            (
                {
                    "invoice_pdf": ("inv.pdf", b"%PDF-1.4 x", "application/pdf"),
                    "invoice_xml": (
                        "inv.xml",
                        b"<?xml version='1.0'?><Invoice><broken></Invoice>",
                        "text/xml",
                    ),
                },
                "cannot be read",
            ),
            (
                {
                    "invoice_pdf": ("inv.pdf", b"%PDF-1.4 x", "application/pdf"),
                    "invoice_xml": ("inv.xml", ubl_other, "text/xml"),
                },
                "not among the orders",
            ),
        ):
            with self.subTest(message=message):
                response = self.url_open(url, data=data, files=files, timeout=60)
                self.assertIn(message, response.text)
                self.assertEqual(self._state(), before)

    # Gaps: expired tokens, every write route as a visitor, private methods
    # over RPC, drill-down and bill pages of another supplier, replayed notices
    def test_expired_token(self):
        old_po = self.po_2._portal_ensure_token()
        old_asn = self.asn_2._portal_ensure_token()
        # A new token (the buyer shares the document again) retires the old one.
        self.po_2.access_token = False
        self.asn_2.access_token = False
        self.assertNotEqual(self.po_2._portal_ensure_token(), old_po)
        self.assertNotEqual(self.asn_2._portal_ensure_token(), old_asn)
        for url in (
            f"/my/purchase/{self.po_2.id}?access_token={old_po}",
            f"/my/boh/asn/{self.asn_2.id}?access_token={old_asn}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertNotIn(self.po_2.name, response.text)
                self.assertNotIn(self.asn_2.name, response.text)

    def test_visitor_writes_nothing(self):
        before = self._state()
        token = self.po_1._portal_ensure_token()
        for url in (
            f"/my/purchase/{self.po_1.id}/boh/confirm",
            f"/my/purchase/{self.po_1.id}/boh/reject",
            f"/my/purchase/{self.po_1.id}/boh/propose",
            "/my/boh/asn/new",
            "/my/boh/bill/new",
        ):
            with self.subTest(url=url):
                response = self.url_open(
                    url,
                    data={
                        "access_token": token,
                        "order_ids": str(self.po_1.id),
                        "reason": "x",
                        f"qty_{self.line_1.id}": "1",
                        "expected_date": FUTURE,
                    },
                    allow_redirects=False,
                )
                self.assertIn(response.status_code, (302, 303, 400))
                if response.status_code != 400:
                    self.assertIn("/web/login", response.headers["Location"])
                self.assertEqual(self._state(), before)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_rpc_private_methods_and_creates(self):
        uid = self.portal_1.id
        proposal = self._as_supplier(self.po_1)._boh_supplier_propose(
            [{"line": self.line_1, "qty": 8.0}]
        )
        bill_2 = (
            self.env["purchase.order"]
            .sudo()
            ._boh_create_supplier_bill(
                self.supplier_2,
                [{"line": self.po_2.order_line, "qty": 1.0, "price": 11.0}],
                "TWO-RPC",
            )
        )
        before = self._state()
        for model, method, args in (
            ("purchase.order", "_boh_supplier_confirm", [[self.po_1.id]]),
            ("purchase.order", "_boh_supplier_reject", [[self.po_1.id], "x"]),
            (
                "boh.asn",
                "create",
                [
                    {
                        "partner_id": self.supplier_1.id,
                        "purchase_ids": [(6, 0, self.po_1.ids)],
                        "expected_date": FUTURE,
                    }
                ],
            ),
            ("boh.asn", "action_send", [[self.asn_2.id]]),
            ("boh.supply.proposal", "action_accept", [proposal.ids]),
            ("boh.supply.dashboard", "search_read", [[]]),
            ("account.move", "read", [bill_2.ids, ["ref"]]),
            ("account.move", "write", [bill_2.ids, {"ref": "X"}]),
        ):
            with (
                self.subTest(model=model, method=method),
                self.assertRaises(xmlrpc.client.Fault),
            ):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, uid, "supplier_tour1", model, method, args
                )
        self.assertEqual(self._state(), before)
        self.assertEqual(self.asn_2.state, "draft")
        self.assertEqual(proposal.state, "pending")
        self.assertEqual(bill_2.ref, "TWO-RPC")
        # Searching bills returns none of another supplier's.
        found = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "supplier_tour1",
            "account.move",
            "search",
            [[("move_type", "=", "in_invoice")]],
        )
        self.assertNotIn(bill_2.id, found)

    def test_other_supplier_receipts_and_bills(self):
        picking = self.po_2.picking_ids
        picking.move_ids.picked = True
        picking._action_done()
        bill = (
            self.env["purchase.order"]
            .sudo()
            ._boh_create_supplier_bill(
                self.supplier_2,
                [{"line": self.po_2.order_line, "qty": 7.0, "price": 11.0}],
                "TWO-1",
            )
        )
        self._login(self.portal_1)
        for url in (
            "/my/boh/scorecard",
            "/my/boh/scorecard/receipts",
            "/my/boh/scorecard/receipts?figure=on_time",
            "/my/boh/bills",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(self.po_2.name, response.text)
                self.assertNotIn(picking.name, response.text)
                self.assertNotIn("TWO-1", response.text)
        response = self.url_open(f"/my/boh/bill/{bill.id}")
        self.assertTrue(response.url.endswith("/my"))
        self.assertNotIn("TWO-1", response.text)
        # Its own supplier sees them.
        self._login(self.portal_2)
        self.assertIn(picking.name, self.url_open("/my/boh/scorecard/receipts").text)
        self.assertIn("TWO-1", self.url_open(f"/my/boh/bill/{bill.id}").text)

    def test_replayed_notice(self):
        csrf = self._login(self.portal_1)
        data = {
            "order_ids": str(self.po_1.id),
            "expected_date": FUTURE,
            f"qty_{self.line_1.id}": "10",
            "csrf_token": csrf,
        }
        self.url_open("/my/boh/asn/new", data=data)
        self.assertEqual(self.po_1.boh_asn_ids.state, "sent")
        before = self._state()
        response = self.url_open("/my/boh/asn/new", data=data)
        self.assertIn("remain to deliver", response.text)
        self.assertEqual(self._state(), before)
        self.assertEqual(len(self.po_1.boh_asn_ids), 1)
