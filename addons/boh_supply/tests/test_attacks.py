"""Attacks on the supplier side: public methods over RPC, bad numbers, dates
and ids on the portal, and the rights of BOH roles on notices, proposals and
vendor bills. Each attack is refused with a clear message, never a server
error, and changes nothing."""

import json
import re
import xmlrpc.client
from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SupplyCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
BAD_NUMBERS = {
    "nan": "must be a finite number",
    "inf": "must be a finite number",
    "-inf": "must be a finite number",
    "1e308": "is out of range",
    "abc": "must be a number",
}
BAD_DATES = {
    "1900-01-01": "is outside",
    "9999-12-31": "is outside",
    "x": "must be a date",
}
HUGE_ID = "99999999999"
UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:"


def ubl_invoice(number, line_id, qty="1", price="10", issue_date=None):
    issue = f"<cbc:IssueDate>{issue_date}</cbc:IssueDate>" if issue_date else ""
    return (
        f'<?xml version="1.0"?><Invoice xmlns="{UBL_NS}Invoice-2" '
        f'xmlns:cac="{UBL_NS}CommonAggregateComponents-2" '
        f'xmlns:cbc="{UBL_NS}CommonBasicComponents-2">'
        f"<cbc:ID>{number}</cbc:ID>{issue}<cac:InvoiceLine><cbc:ID>1</cbc:ID>"
        f"<cbc:InvoicedQuantity>{qty}</cbc:InvoicedQuantity>"
        f"<cac:Price><cbc:PriceAmount>{price}</cbc:PriceAmount></cac:Price>"
        f"<cac:OrderLineReference><cbc:LineID>{line_id}</cbc:LineID>"
        f"</cac:OrderLineReference></cac:InvoiceLine></Invoice>"
    ).encode()


class AttackCase(SupplyCase):
    """Receipts of supplier 2 done (so that its scorecard has lines), a draft
    notice and a pending proposal of supplier 1, a bill of each supplier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        picking = cls.po_2.picking_ids
        picking.move_ids.picked = True
        picking._action_done()
        cls.asn_1 = cls.env["boh.asn"].create(
            {
                "partner_id": cls.supplier_1.id,
                "purchase_ids": [Command.set(cls.po_1.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
                "line_ids": [
                    Command.create({"purchase_line_id": cls.line_1.id, "qty": 2})
                ],
            }
        )
        cls.asn_2 = cls.env["boh.asn"].create(
            {
                "partner_id": cls.supplier_2.id,
                "purchase_ids": [Command.set(cls.po_2.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
            }
        )
        # As the portal controller hands the order to the model.
        cls.proposal = (
            cls.po_1.sudo()
            .with_context(boh_author_id=cls.portal_1.partner_id.id)
            ._boh_supplier_propose([{"line": cls.line_1, "qty": 8.0}])
        )
        PO = cls.env["purchase.order"].sudo()
        cls.bill_1 = PO._boh_create_supplier_bill(
            cls.supplier_1,
            [{"line": cls.line_1, "qty": 1.0, "price": 10.0}],
            "ONE-1",
        )
        cls.bill_2 = PO._boh_create_supplier_bill(
            cls.supplier_2,
            [{"line": cls.po_2.order_line, "qty": 1.0, "price": 11.0}],
            "TWO-1",
        )
        cls.today = fields.Date.today()

    def _state(self):
        """What an attack could change."""
        return {
            "po": [
                (
                    po.boh_confirmation_state,
                    po.boh_rejected,
                    len(po.message_ids),
                    tuple(po.order_line.mapped("boh_confirm_state")),
                    tuple(po.order_line.mapped("product_qty")),
                    tuple(po.order_line.mapped("price_unit")),
                )
                for po in self.po_1 | self.po_2
            ],
            "proposals": [
                (p.id, p.state, p.proposed_qty, p.decided_by_id.id)
                for p in self.env["boh.supply.proposal"].search([])
            ],
            "asns": [
                (a.id, a.state, a.partner_id.id, tuple(a.purchase_ids.ids), a.note)
                for a in self.env["boh.asn"].search([])
            ],
            "asn_lines": self.env["boh.asn.line"].search_count([]),
            "moves": [
                (m.id, m.state, m.ref, m.amount_total)
                for m in self.env["account.move"].search(
                    [("partner_id", "in", (self.supplier_1 | self.supplier_2).ids)]
                )
            ],
        }


@tagged("post_install", "-at_install")
class TestRpcAttacks(HttpCase, AttackCase):
    """A supplier's portal user calls the models' methods over XML-RPC and
    JSON-RPC: nothing of another supplier, no workflow step."""

    def _xmlrpc(self, model, method, *args):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.portal_1.id,
            "supplier_tour1",
            model,
            method,
            list(args),
        )

    def _jsonrpc(self, model, method, args):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _scorecard_calls(self, partner_ids):
        start, stop = str(self.today - timedelta(days=30)), str(self.today)
        return [
            ("get_scorecards", [start, stop, partner_ids]),
            ("get_trend", [start, stop, "month", partner_ids]),
            ("get_scorecards_and_trend", [start, stop, "month", partner_ids]),
            ("get_drill_line_ids", [(partner_ids or [False])[0], start, stop]),
            ("action_drill", [(partner_ids or [False])[0], start, stop, "on_time"]),
        ]

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_scorecard_of_another_supplier(self):
        # What the attack would get: supplier 2's receipt lines.
        Scorecard = self.env["boh.supply.scorecard"].sudo()
        leaked = Scorecard.get_drill_line_ids(
            self.supplier_2.id, self.today - timedelta(days=30), self.today
        )
        self.assertEqual(leaked, self.po_2.order_line.ids)
        before = self._state()
        refused = "cannot read the scorecards"
        for partner_ids, message in (
            ([self.supplier_2.id], refused),
            (False, refused),
            ([self.supplier_2.id, 0], "must be the id of a record"),
        ):
            for method, args in self._scorecard_calls(partner_ids):
                expected = message
                if method in ("get_drill_line_ids", "action_drill"):
                    # These take the first supplier only.
                    expected = refused if partner_ids else "choose a supplier"
                with (
                    self.subTest(method=method, partner_ids=partner_ids),
                    self.assertRaises(xmlrpc.client.Fault) as fault,
                ):
                    self._xmlrpc("boh.supply.scorecard", method, *args)
                self.assertIn(expected, fault.exception.faultString)
        self.authenticate("supplier_tour1", "supplier_tour1")
        for method, args in self._scorecard_calls([self.supplier_2.id]):
            with self.subTest(jsonrpc=method):
                answer = self._jsonrpc("boh.supply.scorecard", method, args)
                self.assertNotIn("result", answer)
                self.assertIn(
                    "cannot read the scorecards", answer["error"]["data"]["message"]
                )
        self.assertEqual(self._state(), before)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model", "odoo.models")
    def test_private_and_workflow_methods(self):
        before = self._state()
        start, stop = str(self.today - timedelta(days=30)), str(self.today)
        tiles = self.env["boh.supply.dashboard"].search([]).ids
        for model, method, args in (
            ("boh.supply.scorecard", "_get_scorecards", [start, stop]),
            (
                "boh.supply.scorecard",
                "_get_drill_line_ids",
                [self.supplier_2.id, start, stop],
            ),
            ("boh.supply.scorecard", "_query_receipt_lines", [start, stop]),
            ("boh.supply.forecast", "_get_shared_forecast", [self.supplier_2.id]),
            ("boh.supply.dashboard", "action_open", [tiles]),
            ("boh.supply.dashboard", "action_open_alert", [tiles]),
            ("boh.supply.dashboard", "read", [tiles, ["summary"]]),
            ("boh.supply.proposal", "action_accept", [self.proposal.ids]),
            ("boh.supply.proposal", "action_refuse", [self.proposal.ids, "no"]),
            ("boh.asn", "action_send", [self.asn_1.ids]),
            ("boh.asn", "action_cancel", [self.asn_1.ids]),
            ("boh.asn", "action_prefill_receipts", [self.asn_1.ids]),
            ("boh.asn", "write", [self.asn_1.ids, {"state": "sent"}]),
            ("purchase.order", "action_boh_view_asns", [self.po_2.ids]),
            ("purchase.order", "action_boh_view_proposals", [self.po_2.ids]),
            ("account.move", "read", [self.bill_2.ids, ["ref"]]),
        ):
            with (
                self.subTest(model=model, method=method),
                self.assertRaises(xmlrpc.client.Fault),
            ):
                self._xmlrpc(model, method, *args)
        self.assertEqual(self._state(), before)


@tagged("post_install", "-at_install")
class TestPortalBadInput(HttpCase, AttackCase):
    """Bad numbers, dates and ids in the portal's forms and URLs: the page
    says what is wrong, nothing is written, never a server error."""

    def setUp(self):
        super().setUp()
        self.authenticate("supplier_tour1", "supplier_tour1")
        page = self.url_open(f"/my/purchase/{self.po_1.id}")
        self.csrf = CSRF_RE.search(page.text).group(1)
        self.before = self._state()

    def _check(self, response, *messages):
        self.assertIn(response.status_code, (200, 400, 404), response.url)
        self.assertNotIn("Traceback", response.text)
        for message in messages:
            self.assertIn(message, response.text)
        self.assertEqual(self._state(), self.before)

    def _post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": self.csrf}, files=files, timeout=60
        )

    def _propose(self, data):
        return self._post(f"/my/purchase/{self.po_1.id}/boh/propose", data)

    def _asn(self, data):
        base = {
            "order_ids": str(self.po_1.id),
            "expected_date": str(self.today + timedelta(days=2)),
        }
        return self._post("/my/boh/asn/new", {**base, **data})

    def _bill(self, data, xml=None):
        files = {"invoice_pdf": ("inv.pdf", b"%PDF-1.4 x", "application/pdf")}
        if xml:
            files["invoice_xml"] = ("inv.xml", xml, "text/xml")
        base = {"order_ids": str(self.po_1.id), "ref": "INV-ATTACK"}
        return self._post("/my/boh/bill/new", {**base, **data}, files=files)

    def test_bad_numbers(self):
        line = self.line_1.id
        forms = [
            (
                "proposal",
                "Proposed quantity",
                lambda v: self._propose({f"qty_{line}": v}),
            ),
            (
                "proposal",
                "Proposed price",
                lambda v: self._propose({f"price_{line}": v}),
            ),
            ("notice", "Quantity", lambda v: self._asn({f"qty_{line}": v})),
            ("bill", "Quantity", lambda v: self._bill({f"qty_{line}": v})),
            (
                "bill",
                "Unit price",
                lambda v: self._bill({f"qty_{line}": "1", f"price_{line}": v}),
            ),
        ]
        for form, field, submit in forms:
            for value, message in BAD_NUMBERS.items():
                with self.subTest(form=form, field=field, value=value):
                    self._check(submit(value), field, message)

    def test_bad_dates(self):
        line = self.line_1.id
        forms = [
            ("proposal", "Proposed date", lambda v: self._propose({f"date_{line}": v})),
            (
                "notice",
                "Expected arrival",
                lambda v: self._asn({"expected_date": v, f"qty_{line}": "1"}),
            ),
            (
                "notice",
                "Expiry date",
                lambda v: self._asn({f"qty_{line}": "1", f"expiry_{line}": v}),
            ),
            (
                "bill",
                "Invoice date",
                lambda v: self._bill({f"qty_{line}": "1", "invoice_date": v}),
            ),
        ]
        for form, field, submit in forms:
            for value, message in BAD_DATES.items():
                with self.subTest(form=form, field=field, value=value):
                    self._check(submit(value), field, message)

    def test_bad_ubl(self):
        line = self.line_1.id
        for value, message in BAD_NUMBERS.items():
            if value == "abc":
                message = "cannot be read"
            for field, xml in (
                ("Quantity (UBL)", ubl_invoice("UBL-Q", line, qty=value)),
                ("Price (UBL)", ubl_invoice("UBL-P", line, price=value)),
            ):
                with self.subTest(field=field, value=value):
                    expected = (message,) if value == "abc" else (field, message)
                    self._check(self._bill({"ref": ""}, xml=xml), *expected)
        for value, message in BAD_DATES.items():
            with self.subTest(issue_date=value):
                xml = ubl_invoice("UBL-D", line, issue_date=value)
                self._check(self._bill({"ref": ""}, xml=xml), "Issue date", message)

    def test_scorecard_years(self):
        for params, field in (
            ("date_from=0001-01-01", "Scorecard: From"),
            ("date_to=9999-12-31", "Scorecard: To"),
            ("date_from=0001-01-01&date_to=0001-12-31", "Scorecard: From"),
            ("date_from=2024-01-01&date_to=9999-12-31", "Scorecard: To"),
            ("date_from=x", "Scorecard: From"),
        ):
            for url in ("/my/boh/scorecard", "/my/boh/scorecard/receipts"):
                with self.subTest(url=url, params=params):
                    response = self.url_open(f"{url}?{params}")
                    self.assertEqual(response.status_code, 200)
                    self._check(response, "Scorecard", field)

    def test_other_suppliers_ids(self):
        other_line = self.po_2.order_line.id
        for url in (
            f"/my/purchase/{self.po_2.id}",
            f"/my/boh/asn/{self.asn_2.id}",
            f"/my/boh/bill/{self.bill_2.id}",
            f"/my/purchase/{HUGE_ID}",
            f"/my/boh/asn/{HUGE_ID}",
            f"/my/boh/bill/{HUGE_ID}",
            f"/my/boh/asn/new?order_ids={self.po_2.id}",
            f"/my/boh/bill/new?order_ids={self.po_2.id}",
            f"/my/boh/asn/new?order_ids={HUGE_ID}",
            f"/my/boh/bill/new?order_ids={self.po_1.id},abc",
            "/my/boh/asn/abc",
            "/my/boh/bill/1.5",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self._check(response)
                self.assertNotIn(self.po_2.name, response.text)
                self.assertNotIn("TWO-1", response.text)
        self.before = self._state()
        for url, data, message in (
            (
                f"/my/purchase/{self.po_1.id}/boh/confirm",
                {"line_ids": str(other_line)},
                "are not lines of order",
            ),
            (
                f"/my/purchase/{self.po_1.id}/boh/confirm",
                {"line_ids": "abc"},
                "must be the id of a record",
            ),
            (
                f"/my/purchase/{self.po_1.id}/boh/confirm",
                {"line_ids": HUGE_ID},
                "must be the id of a record",
            ),
            (f"/my/purchase/{HUGE_ID}/boh/confirm", {}, None),
            (f"/my/purchase/{self.po_2.id}/boh/reject", {"reason": "x"}, None),
            (
                f"/my/purchase/{self.po_1.id}/boh/propose",
                {f"qty_{other_line}": "1"},
                "changes nothing",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": f"{self.po_1.id},{self.po_2.id}",
                    "expected_date": str(self.today),
                    f"qty_{other_line}": "1",
                },
                "Choose confirmed orders of yours",
            ),
            (
                "/my/boh/asn/new",
                {
                    "order_ids": str(self.po_1.id),
                    "expected_date": str(self.today),
                    f"qty_{other_line}": "1",
                },
                "at least one line",
            ),
            (
                "/my/boh/asn/new",
                {"order_ids": f"{self.po_1.id} 1e3", "expected_date": "2099-01-01"},
                "must be the id of a record",
            ),
            (
                "/my/boh/bill/new",
                {"order_ids": HUGE_ID, "ref": "X", f"qty_{other_line}": "1"},
                "must be the id of a record",
            ),
            (
                "/my/boh/bill/new",
                {"order_ids": str(self.po_2.id), "ref": "X", f"qty_{other_line}": "1"},
                "Choose confirmed orders of yours",
            ),
        ):
            with self.subTest(url=url, data=data):
                response = self._post(url, data)
                self._check(response, *([message] if message else []))
                self.assertNotIn(self.po_2.name, response.text)


@tagged("post_install", "-at_install")
class TestScorecardAccess(AttackCase):
    """The scorecard's methods read receipts in SQL: only buyers, executives
    and a supplier's own portal user (for itself) may call them."""

    def test_roles(self):
        Scorecard = self.env["boh.supply.scorecard"]
        start, stop = self.today - timedelta(days=30), self.today
        for user in (self.staff_a, self.manager_a, self.area_1):
            for partner_ids in (None, [self.supplier_2.id]):
                with (
                    self.subTest(user=user.login, partner_ids=partner_ids),
                    self.assertRaisesRegex(AccessError, "cannot read the scorecards"),
                ):
                    Scorecard.with_user(user).get_scorecards(start, stop, partner_ids)
        with self.assertRaises(AccessError):
            Scorecard.with_user(self.manager_a).get_drill_line_ids(
                self.supplier_2.id, start, stop
            )
        with self.assertRaises(AccessError):
            Scorecard.with_user(self.portal_1).action_drill(
                self.supplier_2.id, start, stop
            )
        for user in (self.buyer, self.executive):
            cards = Scorecard.with_user(user).get_scorecards(start, stop)
            self.assertIn(self.supplier_2.id, cards)
        own = Scorecard.with_user(self.portal_1).get_scorecards(
            start, stop, [self.supplier_1.id]
        )
        self.assertNotIn(self.supplier_2.id, own)

    def test_years(self):
        Scorecard = self.env["boh.supply.scorecard"].with_user(self.buyer)
        for start, stop, field in (
            (date(1, 1, 1), self.today, "Start date"),
            (self.today, date(9999, 12, 31), "End date"),
            ("0001-01-01", "0001-12-31", "Start date"),
            ("nonsense", self.today, "Start date"),
        ):
            with (
                self.subTest(start=start, stop=stop),
                self.assertRaisesRegex(ValidationError, field),
            ):
                Scorecard.get_scorecards_and_trend(start, stop)
        wizard = (
            self.env["boh.supply.scorecard.wizard"]
            .with_user(self.executive)
            .create({"date_from": date(1, 1, 1), "date_to": date(9999, 12, 31)})
        )
        with self.assertRaisesRegex(ValidationError, "Start date"):
            wizard.action_compute()
        self.assertFalse(wizard.line_ids)


@tagged("post_install", "-at_install")
class TestDocumentAccess(AttackCase):
    """Executives read notices, proposals and vendor bills, never change them;
    store roles read only their stores' notices and no bill nor proposal;
    workflow fields change only through the buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po_b = cls.env["purchase.order"].create(
            {
                "partner_id": cls.supplier_1.id,
                "user_id": cls.buyer.id,
                "picking_type_id": cls.store_b.warehouse_id.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_qty": 3,
                            "price_unit": 10,
                        }
                    )
                ],
            }
        )
        cls.po_b.button_confirm()
        cls.asn_b = cls.env["boh.asn"].create(
            {
                "partner_id": cls.supplier_1.id,
                "purchase_ids": [Command.set(cls.po_b.ids)],
                "expected_date": fields.Date.today() + timedelta(days=1),
                "line_ids": [
                    Command.create(
                        {"purchase_line_id": cls.po_b.order_line.id, "qty": 3}
                    )
                ],
            }
        )
        cls.credit = cls.env["account.move"].create(
            {
                "move_type": "in_refund",
                "partner_id": cls.supplier_1.id,
                "invoice_line_ids": [
                    Command.create({"name": "Refund", "quantity": 1, "price_unit": 5})
                ],
            }
        )

    def _refused(self, call):
        before = self._state()
        with self.assertRaises(AccessError):
            call()
        self.assertEqual(self._state(), before)

    def test_executive_reads_never_writes(self):
        exe = self.executive
        bills = self.bill_1 | self.bill_2 | self.credit
        self.assertEqual(bills.with_user(exe).read(["ref"])[0]["ref"], self.bill_1.ref)
        bills.invoice_line_ids.with_user(exe).read(["price_unit"])
        self.asn_1.with_user(exe).read(["name"])
        self.asn_1.line_ids.with_user(exe).read(["qty"])
        self.proposal.with_user(exe).read(["state"])
        self.assertFalse(exe.has_group("account.group_account_invoice"))
        Move = self.env["account.move"].with_user(exe)
        for label, call in (
            ("bill write", lambda: self.bill_1.with_user(exe).write({"ref": "X"})),
            ("bill unlink", lambda: self.bill_1.with_user(exe).unlink()),
            ("bill post", lambda: self.bill_1.with_user(exe).action_post()),
            (
                "bill create",
                lambda: Move.create(
                    {"move_type": "in_invoice", "partner_id": self.supplier_1.id}
                ),
            ),
            ("credit write", lambda: self.credit.with_user(exe).write({"ref": "X"})),
            (
                "bill line write",
                lambda: self.bill_1.invoice_line_ids.with_user(exe).write(
                    {"price_unit": 1}
                ),
            ),
            ("asn write", lambda: self.asn_1.with_user(exe).write({"note": "x"})),
            ("asn unlink", lambda: self.asn_1.with_user(exe).unlink()),
            ("asn send", lambda: self.asn_1.with_user(exe).action_send()),
            (
                "asn create",
                lambda: (
                    self.env["boh.asn"]
                    .with_user(exe)
                    .create(
                        {
                            "partner_id": self.supplier_1.id,
                            "purchase_ids": [Command.set(self.po_1.ids)],
                            "expected_date": self.today,
                        }
                    )
                ),
            ),
            (
                "asn line write",
                lambda: self.asn_1.line_ids.with_user(exe).write({"qty": 1}),
            ),
            (
                "proposal write",
                lambda: self.proposal.with_user(exe).write({"note": "x"}),
            ),
            ("proposal unlink", lambda: self.proposal.with_user(exe).unlink()),
            ("proposal accept", lambda: self.proposal.with_user(exe).action_accept()),
            (
                "proposal refuse",
                lambda: self.proposal.with_user(exe).action_refuse("no"),
            ),
            (
                "proposal create",
                lambda: (
                    self.env["boh.supply.proposal"]
                    .with_user(exe)
                    .create({"line_id": self.line_lot.id, "proposed_qty": 1})
                ),
            ),
        ):
            with self.subTest(label):
                self._refused(call)

    def test_store_roles(self):
        # Every order of the common setup delivers to store A, po_b to B.
        asn_a, asn_b = self.asn_1 | self.asn_2, self.asn_b
        ours = [("id", "in", (asn_a | asn_b).ids)]

        def asns(user, model="boh.asn"):
            return self.env[model].with_user(user).search(ours)

        self.assertEqual(asns(self.staff_a), asn_a)
        self.assertEqual(asns(self.manager_b), asn_b)
        self.assertEqual(asns(self.area_1), asn_a | asn_b)
        self.assertFalse(asns(self.area_2))
        self.assertEqual(asns(self.buyer), asn_a | asn_b)
        self.assertEqual(
            self.env["boh.asn.line"]
            .with_user(self.staff_a)
            .search([("asn_id", "in", (asn_a | asn_b).ids)]),
            asn_a.line_ids,
        )
        asn_a = self.asn_1
        for label, call in (
            ("staff reads B", lambda: asn_b.with_user(self.staff_a).read(["name"])),
            (
                "manager B reads A",
                lambda: asn_a.with_user(self.manager_b).read(["name"]),
            ),
            ("area 2 reads A", lambda: asn_a.with_user(self.area_2).read(["name"])),
            (
                "staff reads B's lines",
                lambda: asn_b.line_ids.with_user(self.staff_a).read(["qty"]),
            ),
            (
                "manager writes own",
                lambda: asn_a.with_user(self.manager_a).write({"note": "x"}),
            ),
            (
                "manager sends own",
                lambda: asn_a.with_user(self.manager_a).action_send(),
            ),
            (
                "manager cancels own",
                lambda: asn_a.with_user(self.manager_a).action_cancel(),
            ),
            ("area unlinks", lambda: asn_a.with_user(self.area_1).unlink()),
            (
                "staff reads bills",
                lambda: self.env["account.move"].with_user(self.staff_a).search([]),
            ),
            (
                "manager reads a bill",
                lambda: self.bill_1.with_user(self.manager_a).read(["ref"]),
            ),
            (
                "area reads a credit note",
                lambda: self.credit.with_user(self.area_1).read(["ref"]),
            ),
            (
                "manager reads proposals",
                lambda: self.proposal.with_user(self.manager_a).read(["state"]),
            ),
            (
                "manager accepts",
                lambda: self.proposal.with_user(self.manager_a).action_accept(),
            ),
        ):
            with self.subTest(label):
                self._refused(call)

    def test_workflow_fields(self):
        buyer = self.buyer
        asn = self.asn_1.with_user(buyer)
        proposal = self.proposal.with_user(buyer)
        for label, call in (
            ("asn state", lambda: asn.write({"state": "received"})),
            ("asn supplier", lambda: asn.write({"partner_id": self.supplier_2.id})),
            (
                "asn orders",
                lambda: asn.write({"purchase_ids": [Command.link(self.po_b.id)]}),
            ),
            (
                "asn receipts",
                lambda: asn.write(
                    {"picking_ids": [Command.link(self.po_2.picking_ids.id)]}
                ),
            ),
            (
                "asn line order line",
                lambda: asn.line_ids.write({"purchase_line_id": self.line_lot.id}),
            ),
            ("proposal state", lambda: proposal.write({"state": "accepted"})),
            (
                "proposal decided by",
                lambda: proposal.write({"decided_by_id": buyer.id}),
            ),
            ("proposal quantity", lambda: proposal.write({"proposed_qty": 1000})),
            ("proposal line", lambda: proposal.write({"line_id": self.line_lot.id})),
            (
                "proposal created decided",
                lambda: (
                    self.env["boh.supply.proposal"]
                    .with_user(buyer)
                    .create(
                        {
                            "line_id": self.line_lot.id,
                            "proposed_qty": 1,
                            "state": "accepted",
                        }
                    )
                ),
            ),
            (
                "asn created received",
                lambda: (
                    self.env["boh.asn"]
                    .with_user(buyer)
                    .create(
                        {
                            "partner_id": self.supplier_1.id,
                            "purchase_ids": [Command.set(self.po_1.ids)],
                            "expected_date": self.today,
                            "state": "received",
                        }
                    )
                ),
            ),
        ):
            with self.subTest(label):
                self._refused(call)
        # The buttons do it.
        proposal.action_accept()
        self.assertEqual(self.proposal.state, "accepted")
        self.assertEqual(self.proposal.decided_by_id, buyer)
        self.assertEqual(self.line_1.product_qty, 8.0)
        asn.action_send()
        self.assertEqual(self.asn_1.state, "sent")

    def test_buyer_bills_without_accounting_admin(self):
        """The buyer's bill queue works with the purchase rights alone."""
        buyer = self.buyer
        self.assertFalse(buyer.has_group("account.group_account_manager"))
        self.assertFalse(buyer.has_group("account.group_account_invoice"))
        tile = self.env.ref("boh_supply.boh_supply_dashboard_bills").with_user(buyer)
        self.assertTrue(tile.count)
        action = tile.action_open()
        bills = self.env["account.move"].with_user(buyer).search(action["domain"])
        self.assertIn(self.bill_1, bills)
        bills.read(["ref", "boh_supply_diff", "amount_total"])
