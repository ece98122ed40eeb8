import re
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SupplyCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class PerishableCase(SupplyCase):
    """``product_lot`` (Tour Milk) is perishable: lots expiring 10 days after
    receipt unless the notice says otherwise, alerted 2 days before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_lot.product_tmpl_id._boh_set_perishable(10, alert_time=2)
        cls.today = fields.Date.today()
        cls.stock_a = cls.store_a.warehouse_id.lot_stock_id

    def _send_two_lots(self):
        """A notice for the 5 milks in two lots, the later-expiring first."""
        asn = (
            self.env["boh.asn"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.supplier_1.id,
                    "purchase_ids": [(6, 0, self.po_1.ids)],
                    "expected_date": self.today + timedelta(days=1),
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "purchase_line_id": self.line_lot.id,
                                "qty": 3.0,
                                "lot_name": "MILK-LATE",
                                "expiry_date": self.today + timedelta(days=20),
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "purchase_line_id": self.line_lot.id,
                                "qty": 2.0,
                                "lot_name": "MILK-EARLY",
                                "expiry_date": self.today + timedelta(days=8),
                            },
                        ),
                    ],
                }
            )
        )
        asn.action_send()
        return asn

    def _validate_receipt(self):
        picking = self.po_1.picking_ids.filtered(lambda p: p.state != "done")
        for move in picking.move_ids.filtered(lambda m: not m.quantity):
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_backorder=True).button_validate()
        self.assertEqual(picking.state, "done")
        return picking


@tagged("post_install", "-at_install")
class TestNoticeLots(PerishableCase):
    def test_notice_lots_become_receipt_lots(self):
        self._send_two_lots()
        milk = self.po_1.picking_ids.move_ids.filtered(
            lambda m: m.product_id == self.product_lot
        )
        lots = self.env["stock.lot"].search(
            [("product_id", "=", self.product_lot.id)], order="name"
        )
        self.assertEqual(lots.mapped("name"), ["MILK-EARLY", "MILK-LATE"])
        self.assertEqual(lots.company_id, self.po_1.company_id)
        early, late = lots
        midnight = datetime.combine(self.today, time())
        self.assertEqual(early.expiration_date, midnight + timedelta(days=8))
        self.assertEqual(late.expiration_date, midnight + timedelta(days=20))
        # Alert two days before the expiry (the product's alert time).
        self.assertEqual(early.alert_date, midnight + timedelta(days=6))
        lines = {ml.lot_id: ml for ml in milk.move_line_ids}
        self.assertEqual(set(lines), {early, late})
        self.assertEqual(lines[early].quantity, 2.0)
        self.assertEqual(lines[late].quantity, 3.0)
        self.assertEqual(lines[early].expiration_date, early.expiration_date)
        self.assertEqual(lines[late].expiration_date, late.expiration_date)
        # Validating the receipt keeps the lots: the stock is by lot.
        self._validate_receipt()
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.product_lot.id),
                ("location_id", "=", self.stock_a.id),
            ]
        )
        self.assertEqual(
            {q.lot_id.name: q.quantity for q in quants},
            {"MILK-EARLY": 2.0, "MILK-LATE": 3.0},
        )

    def test_known_lot_reused_or_conflicting(self):
        lot = self.env["stock.lot"].create(
            {
                "name": "MILK-EARLY",
                "product_id": self.product_lot.id,
                "company_id": self.env.company.id,
                "expiration_date": datetime.combine(self.today, time())
                + timedelta(days=9),
            }
        )
        with self.assertRaisesRegex(UserError, "already known"):
            self._send_two_lots()
        self.assertFalse(self.po_1.picking_ids.move_line_ids.lot_id)
        lot.expiration_date = datetime.combine(self.today, time()) + timedelta(days=8)
        self._send_two_lots()
        self.assertIn(lot, self.po_1.picking_ids.move_line_ids.lot_id)
        self.assertEqual(
            self.env["stock.lot"].search_count([("name", "=", "MILK-EARLY")]), 1
        )

    def test_receipt_without_notice_gets_a_lot(self):
        picking = self._validate_receipt()
        lot = picking.move_line_ids.filtered(
            lambda ml: ml.product_id == self.product_lot
        ).lot_id
        self.assertEqual(lot.name, picking.name)
        self.assertTrue(lot.expiration_date)

    def test_fefo_at_store(self):
        self._send_two_lots()
        self._validate_receipt()
        self.assertEqual(
            self.product_lot.categ_id.removal_strategy_id,
            self.env.ref("product_expiry.removal_fefo"),
        )
        customers = self.env.ref("stock.stock_location_customers")
        move = self.env["stock.move"].create(
            {
                "name": "Sale",
                "product_id": self.product_lot.id,
                "product_uom": self.product_lot.uom_id.id,
                "product_uom_qty": 2.0,
                "location_id": self.stock_a.id,
                "location_dest_id": customers.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        self.assertEqual(move.move_line_ids.lot_id.name, "MILK-EARLY")
        self.assertEqual(move.quantity, 2.0)

    def test_scrap_without_lot_takes_lots_fefo(self):
        """Waste (a scrap without a lot, as BOH's waste screen makes it)
        takes the lots first expiry first out."""
        self._send_two_lots()
        self._validate_receipt()
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.product_lot.id,
                "product_uom_id": self.product_lot.uom_id.id,
                "scrap_qty": 3.0,
                "location_id": self.stock_a.id,
            }
        )
        self.assertTrue(scrap.check_available_qty())
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(
            {ml.lot_id.name: ml.quantity for ml in scrap.move_ids.move_line_ids},
            {"MILK-EARLY": 2.0, "MILK-LATE": 1.0},
        )
        scrap = scrap.copy({"scrap_qty": 5.0})
        self.assertFalse(scrap.check_available_qty())


@tagged("post_install", "-at_install")
class TestExpiryAlerts(PerishableCase):
    def test_cron_one_activity_per_lot_and_store(self):
        Lot = self.env["stock.lot"]
        now = fields.Datetime.now()
        soon, later = Lot.create(
            [
                {
                    "name": name,
                    "product_id": self.product_lot.id,
                    "company_id": self.env.company.id,
                    "expiration_date": now + timedelta(days=days),
                }
                for name, days in (("SOON", 1), ("LATER", 30))
            ]
        )
        Quant = self.env["stock.quant"]
        stock_b = self.store_b.warehouse_id.lot_stock_id
        for location, lot, qty in (
            (self.stock_a, soon, 2.0),
            (stock_b, soon, 1.0),
            (self.stock_a, later, 4.0),
        ):
            Quant._update_available_quantity(
                self.product_lot, location, qty, lot_id=lot
            )
        alert_type = self.env.ref(
            "product_expiry.mail_activity_type_alert_date_reached"
        )

        def alerts():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "stock.lot"),
                    ("res_id", "in", (soon | later).ids),
                    ("activity_type_id", "=", alert_type.id),
                ]
            )

        self.assertFalse(alerts())
        Lot._cron_boh_expiry_alerts()
        activities = alerts()
        self.assertEqual(
            sorted((a.res_id, a.user_id.id) for a in activities),
            sorted([(soon.id, self.manager_a.id), (soon.id, self.manager_b.id)]),
        )
        mine = activities.filtered(lambda a: a.user_id == self.manager_a)
        self.assertIn(self.store_a.display_name, mine.summary)
        self.assertEqual(soon.boh_alert_store_ids, self.store_a | self.store_b)
        # Not twice.
        Lot._cron_boh_expiry_alerts()
        self.assertEqual(alerts(), activities)
        # The store manager reads the activity's lot and, in the expiring
        # lots list, only the alerted lots of the own store.
        self.assertEqual(mine.with_user(self.manager_a).res_name, "SOON")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "boh_supply.boh_expiring_lot_action"
        )
        quants = Quant.with_user(self.manager_a).search(
            [
                *safe_eval(action["domain"]),
                ("lot_id.alert_date", "<=", fields.Date.today()),
            ]
        )
        self.assertEqual(quants.lot_id, soon)
        self.assertEqual(quants.location_id, self.stock_a)
        views = Quant.with_user(self.manager_a).get_views(
            [(action["view_id"][0], "list"), (False, "search")]
        )
        self.assertIn("expiration_alerts", views["views"]["search"]["arch"])


@tagged("post_install", "-at_install")
class TestPortalLots(HttpCase, PerishableCase):
    def test_bad_lot_input(self):
        self.authenticate(self.portal_1.login, self.portal_1.login)
        page = self.url_open(f"/my/boh/asn/new?order_ids={self.po_1.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("boh_asn_extra_lot", page.text)
        csrf = CSRF_RE.search(page.text).group(1)
        line = self.line_lot.id
        future = (self.today + timedelta(days=2)).isoformat()
        good_expiry = (self.today + timedelta(days=9)).isoformat()
        past = (self.today - timedelta(days=1)).isoformat()

        def state():
            return (
                self.env["boh.asn"].search_count([]),
                self.env["stock.lot"].search_count([]),
                len(self.po_1.picking_ids.move_line_ids),
            )

        before = state()
        for rows, message in (
            ([("1", "", good_expiry)], "give the lot number"),
            ([("1", "L1", past)], "already expired"),
            ([("1", "L1", "")], "give the expiry date"),
            ([("1", "L1", good_expiry), ("2", "L1", good_expiry)], "given twice"),
        ):
            data = [
                ("csrf_token", csrf),
                ("order_ids", str(self.po_1.id)),
                ("expected_date", future),
            ]
            for qty, lot, expiry in rows:
                data += [
                    (f"qty_{line}", qty),
                    (f"lot_{line}", lot),
                    (f"expiry_{line}", expiry),
                ]
            with self.subTest(message=message):
                response = self.url_open("/my/boh/asn/new", data=data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertEqual(state(), before)
        # Two good lots on the form: sent, both on the receipt.
        data = [
            ("csrf_token", csrf),
            ("order_ids", str(self.po_1.id)),
            ("expected_date", future),
        ]
        for qty, lot in (("3", "L1"), ("2", "L2")):
            data += [
                (f"qty_{line}", qty),
                (f"lot_{line}", lot),
                (f"expiry_{line}", good_expiry),
            ]
        response = self.url_open("/my/boh/asn/new", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            sorted(self.po_1.picking_ids.move_line_ids.lot_id.mapped("name")),
            ["L1", "L2"],
        )
