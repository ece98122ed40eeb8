from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SupplyCase


@tagged("post_install", "-at_install")
class TestConfirmation(SupplyCase):
    def test_confirm_whole_order_and_replay(self):
        po = self._as_supplier(self.po_1)
        self.assertEqual(po.boh_confirmation_state, "to_confirm")
        messages = len(po.message_ids)
        po._boh_supplier_confirm()
        self.assertEqual(po.boh_confirmation_state, "confirmed")
        self.assertTrue(po.mail_reception_confirmed)
        self.assertTrue(po.boh_confirmed_date)
        self.assertEqual(po.message_ids[0].author_id, self.portal_1.partner_id)
        with self.assertRaisesRegex(UserError, "nothing left to confirm"):
            po._boh_supplier_confirm()
        self.assertEqual(len(po.message_ids), messages + 1)

    def test_confirm_by_line(self):
        po = self._as_supplier(self.po_1)
        po._boh_supplier_confirm(self.line_1)
        self.assertEqual(self.line_1.boh_confirm_state, "confirmed")
        self.assertEqual(self.line_lot.boh_confirm_state, "to_confirm")
        self.assertEqual(po.boh_confirmation_state, "to_confirm")
        with self.assertRaisesRegex(UserError, "not lines of order"):
            po._boh_supplier_confirm(self.po_2.order_line)

    def test_reject(self):
        po = self._as_supplier(self.po_1)
        with self.assertRaisesRegex(UserError, "reason"):
            po._boh_supplier_reject("  ")
        self.assertFalse(po.boh_rejected)
        po._boh_supplier_reject("Out of stock until May")
        self.assertEqual(po.boh_confirmation_state, "rejected")
        self.assertEqual(po.state, "cancel")
        activity = po.activity_ids.filtered(lambda a: a.user_id == self.buyer)
        self.assertTrue(activity)
        with self.assertRaisesRegex(UserError, "already been rejected"):
            po._boh_supplier_reject("again")
        with self.assertRaisesRegex(UserError, "already been rejected"):
            po._boh_supplier_confirm()

    def test_overdue_cron(self):
        PO = self.env["purchase.order"]
        self.po_1.date_order = fields.Datetime.now() - timedelta(days=3)
        self.assertTrue(self.po_1.boh_confirmation_overdue)
        self.assertIn(self.po_1, PO.search([("boh_confirmation_overdue", "=", True)]))
        self.assertNotIn(
            self.po_2, PO.search([("boh_confirmation_overdue", "=", True)])
        )
        flagged = PO._cron_boh_flag_overdue_confirmations()
        self.assertIn(self.po_1, flagged)
        self.assertEqual(len(self.po_1.activity_ids), 1)
        self.assertEqual(self.po_1.activity_ids.user_id, self.buyer)
        PO._cron_boh_flag_overdue_confirmations()
        self.assertEqual(len(self.po_1.activity_ids), 1, "flagged once only")


@tagged("post_install", "-at_install")
class TestProposals(SupplyCase):
    def _propose(self, **values):
        return self._as_supplier(self.po_1)._boh_supplier_propose(
            [{"line": self.line_1, **values}], note="Pack of 12"
        )

    def test_bad_proposals(self):
        today = fields.Date.today()
        for values, message in (
            ({"qty": -1.0}, "must be positive"),
            ({"qty": 0.0}, "must be positive"),
            ({"price": -2.0}, "cannot be negative"),
            ({"date": today - timedelta(days=1)}, "in the past"),
            ({"qty": 10.0, "price": 10.0}, "changes nothing"),
        ):
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(UserError, message),
            ):
                self._propose(**values)
        self.assertFalse(self.po_1.boh_proposal_ids, "nothing half-written")
        self.assertEqual(self.line_1.boh_confirm_state, "to_confirm")

    def test_accept(self):
        day = fields.Date.today() + timedelta(days=5)
        proposal = self._propose(qty=12.0, price=9.5, date=day)
        self.assertEqual(self.po_1.boh_confirmation_state, "proposed")
        with self.assertRaisesRegex(UserError, "already waiting"):
            self._propose(qty=13.0)
        with self.assertRaisesRegex(UserError, "waiting for the buyer"):
            self._as_supplier(self.po_1)._boh_supplier_confirm(self.line_1)
        proposal.with_user(self.buyer).action_accept()
        self.assertEqual(proposal.state, "accepted")
        self.assertEqual(self.line_1.product_qty, 12.0)
        self.assertEqual(self.line_1.price_unit, 9.5)
        self.assertEqual(self.line_1.date_planned.date(), day)
        self.assertEqual(self.line_1.boh_confirm_state, "confirmed")
        self.assertIn("accepted", self.po_1.message_ids[0].body)
        self.assertEqual(sum(self.line_1.move_ids.mapped("product_uom_qty")), 12.0)
        with self.assertRaisesRegex(UserError, "already been decided"):
            proposal.with_user(self.buyer).action_accept()

    def test_refuse_in_bulk(self):
        proposals = self._as_supplier(self.po_1)._boh_supplier_propose(
            [
                {"line": self.line_1, "qty": 8.0},
                {"line": self.line_lot, "price": 3.5},
            ]
        )
        wizard = Form(
            self.env["boh.supply.proposal.refuse"]
            .with_user(self.buyer)
            .with_context(default_proposal_ids=proposals.ids)
        )
        wizard.reason = "We need the full quantity"
        wizard.save().action_refuse()
        self.assertEqual(set(proposals.mapped("state")), {"refused"})
        self.assertEqual(self.line_1.product_qty, 10.0)
        self.assertEqual(self.po_1.boh_confirmation_state, "to_confirm")
        message = self.po_1.message_ids[0]
        self.assertIn("We need the full quantity", message.body)
        self.assertIn(self.supplier_1, message.partner_ids)
        with self.assertRaisesRegex(UserError, "reason"):
            self._propose(qty=9.0).action_refuse("")


@tagged("post_install", "-at_install")
class TestNotifications(SupplyCase):
    def _mails_to(self, partner):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids)], order="id desc"
        )

    def test_decisions_emailed_with_portal_link(self):
        before = self._mails_to(self.supplier_1)
        proposal = self._as_supplier(self.po_1)._boh_supplier_propose(
            [{"line": self.line_1, "qty": 8.0}]
        )
        # Queued, not sent at once, to read the mail.
        proposal.with_user(self.buyer).with_context(
            mail_notify_force_send=False
        ).action_refuse("Full quantity needed")
        mails = self._mails_to(self.supplier_1) - before
        self.assertTrue(mails, "the supplier is told by email")
        body = mails[0].body_html
        self.assertIn("Full quantity needed", body)
        self.assertIn(f"/my/purchase/{self.po_1.id}", body)
        self.assertIn(f"access_token={self.po_1.access_token}", body)
        self.assertFalse(self._mails_to(self.supplier_2), "nothing to the other one")


@tagged("post_install", "-at_install")
class TestAsn(SupplyCase):
    def _asn(self, lines, expected=None, orders=None):
        return self.env["boh.asn"].create(
            {
                "partner_id": self.supplier_1.id,
                "purchase_ids": [(6, 0, (orders or self.po_1).ids)],
                "expected_date": expected or fields.Date.today() + timedelta(days=2),
                "carrier": "SF Express",
                "carrier_ref": "SF123",
                "line_ids": [(0, 0, vals) for vals in lines],
            }
        )

    def test_bad_notices(self):
        today = fields.Date.today()
        for lines, expected, message in (
            ([{"purchase_line_id": self.line_1.id, "qty": 11.0}], None, "only 10"),
            ([{"purchase_line_id": self.line_lot.id, "qty": 5.0}], None, "lot number"),
            (
                [{"purchase_line_id": self.line_1.id, "qty": 5.0}],
                today - timedelta(days=1),
                "in the past",
            ),
            (
                [
                    {
                        "purchase_line_id": self.line_lot.id,
                        "qty": 5.0,
                        "lot_name": "L1",
                        "expiry_date": today,
                    }
                ],
                today + timedelta(days=2),
                "expire",
            ),
        ):
            with self.subTest(message=message):
                asn = self._asn(lines, expected)
                with self.assertRaisesRegex(UserError, message):
                    asn.action_send()
                self.assertEqual(asn.state, "draft")
        with self.assertRaisesRegex(Exception, "must be positive"):
            self._asn([{"purchase_line_id": self.line_1.id, "qty": -1.0}])
        with self.assertRaisesRegex(Exception, "not orders of"):
            self._asn(
                [{"purchase_line_id": self.po_2.order_line.id, "qty": 1.0}],
                orders=self.po_2,
            )
        self.assertFalse(self.po_1.picking_ids.boh_asn_ids)

    def test_prefill_receipt(self):
        expiry = fields.Date.today() + timedelta(days=30)
        asn = self._asn(
            [
                {"purchase_line_id": self.line_1.id, "qty": 6.0},
                {
                    "purchase_line_id": self.line_lot.id,
                    "qty": 3.0,
                    "lot_name": "LOT-A",
                    "expiry_date": expiry,
                },
                {"purchase_line_id": self.line_lot.id, "qty": 2.0, "lot_name": "LOT-B"},
            ]
        )
        asn.action_send()
        self.assertEqual(asn.state, "sent")
        picking = self.po_1.picking_ids
        self.assertEqual(picking.boh_asn_ids, asn)
        self.assertEqual(asn.picking_ids, picking)
        flour = picking.move_ids.filtered(lambda m: m.product_id == self.product)
        milk = picking.move_ids.filtered(lambda m: m.product_id == self.product_lot)
        self.assertEqual(flour.quantity, 6.0)
        self.assertEqual(
            sorted(milk.move_line_ids.lot_id.mapped("name")), ["LOT-A", "LOT-B"]
        )
        self.assertEqual(milk.quantity, 5.0)
        # A second notice cannot announce more than what remains.
        second = self._asn([{"purchase_line_id": self.line_1.id, "qty": 5.0}])
        with self.assertRaisesRegex(UserError, "only 4"):
            second.action_send()
        # Sending it again replaces its own lines only.
        asn._prefill_receipts()
        self.assertEqual(milk.quantity, 5.0)
        self.assertEqual(len(milk.move_line_ids), 2)
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        self.env["boh.asn"]._cron_mark_received()
        self.assertEqual(asn.state, "received")
        self.assertEqual(
            sorted(self.line_lot.move_ids.lot_ids.mapped("name")), ["LOT-A", "LOT-B"]
        )

    def test_several_notices_add_up(self):
        """Two deliveries for the same order lines: both on the receipt."""
        today = fields.Date.today()
        first = self._asn(
            [
                {"purchase_line_id": self.line_1.id, "qty": 4.0},
                {
                    "purchase_line_id": self.line_lot.id,
                    "qty": 2.0,
                    "lot_name": "LOT-1",
                    "expiry_date": today + timedelta(days=20),
                },
            ],
            expected=today + timedelta(days=1),
        )
        first.action_send()
        second = self._asn(
            [
                {"purchase_line_id": self.line_1.id, "qty": 6.0},
                {
                    "purchase_line_id": self.line_lot.id,
                    "qty": 3.0,
                    "lot_name": "LOT-2",
                    "expiry_date": today + timedelta(days=40),
                },
            ],
            expected=today + timedelta(days=4),
        )
        second.action_send()
        picking = self.po_1.picking_ids
        self.assertEqual(picking.boh_asn_ids, first | second)
        self.assertEqual(second.picking_ids, picking)
        self.assertEqual(picking.scheduled_date.date(), today + timedelta(days=1))
        flour = picking.move_ids.filtered(lambda m: m.product_id == self.product)
        milk = picking.move_ids.filtered(lambda m: m.product_id == self.product_lot)
        self.assertEqual(flour.quantity, 10.0)
        self.assertEqual(sorted(flour.move_line_ids.mapped("quantity")), [4.0, 6.0])
        self.assertEqual(milk.quantity, 5.0)
        by_lot = {ml.lot_id.name: ml for ml in milk.move_line_ids}
        self.assertEqual(sorted(by_lot), ["LOT-1", "LOT-2"])
        self.assertEqual(by_lot["LOT-1"].quantity, 2.0)
        self.assertEqual(by_lot["LOT-2"].quantity, 3.0)
        self.assertEqual(by_lot["LOT-1"].boh_asn_line_id.asn_id, first)
        self.assertEqual(by_lot["LOT-2"].boh_asn_line_id.asn_id, second)
        self.assertEqual(
            by_lot["LOT-2"].expiration_date.date(), today + timedelta(days=40)
        )
        # Nothing is left to announce: a third notice is refused, unwritten.
        third = self._asn([{"purchase_line_id": self.line_1.id, "qty": 1.0}])
        with self.assertRaisesRegex(UserError, "only 0"):
            third.action_send()
        self.assertEqual(third.state, "draft")
        self.assertEqual(len(flour.move_line_ids), 2)
        # Cancelling the second notice takes its lines off the receipt.
        second.action_cancel()
        self.assertEqual(flour.quantity, 4.0)
        self.assertEqual(milk.move_line_ids.lot_id.name, "LOT-1")
        # The first is received on its own, then a new one covers the rest.
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=False)._action_done()
        self.env["boh.asn"]._cron_mark_received()
        self.assertEqual(first.state, "received")
        self.assertEqual(self.line_1.qty_received, 4.0)
        rest = self._asn([{"purchase_line_id": self.line_1.id, "qty": 7.0}])
        with self.assertRaisesRegex(UserError, "only 6"):
            rest.action_send()
        rest.line_ids.qty = 6.0
        rest.action_send()
        backorder = self.po_1.picking_ids.filtered(lambda p: p.state != "done")
        self.assertEqual(rest.picking_ids, backorder)
        self.assertEqual(
            backorder.move_ids.filtered(
                lambda m: m.product_id == self.product
            ).quantity,
            6.0,
        )


@tagged("post_install", "-at_install")
class TestSupplierBill(SupplyCase):
    def _bill(self, values, ref="INV-1", partner=None):
        return (
            self.env["purchase.order"]
            .sudo()
            .with_context(boh_author_id=self.portal_1.partner_id.id)
            ._boh_create_supplier_bill(
                partner or self.supplier_1,
                values,
                ref,
                attachments=[("inv.pdf", b"%PDF-1.4 test", "application/pdf")],
            )
        )

    def test_bad_bills(self):
        Move = self.env["account.move"]
        before = Move.search_count([])
        for values, ref, message in (
            (
                [{"line": self.po_2.order_line, "qty": 1.0, "price": 11.0}],
                "X",
                "not orders of",
            ),
            ([{"line": self.line_1, "qty": 11.0, "price": 10.0}], "X", "only 10"),
            ([{"line": self.line_1, "qty": -1.0, "price": 10.0}], "X", "negative"),
            ([{"line": self.line_1, "qty": 1.0, "price": 10.0}], " ", "number"),
            ([], "X", "no line"),
        ):
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(UserError, message),
            ):
                self._bill(values, ref)
        self.assertEqual(Move.search_count([]), before)

    def test_bill_with_differences(self):
        # 6 of 10 flour received, then billed 10 at a higher price
        picking = self.po_1.picking_ids
        flour = picking.move_ids.filtered(lambda m: m.product_id == self.product)
        flour.quantity = 6.0
        flour.picked = True
        picking.move_ids.filtered(lambda m: m != flour).picked = False
        picking.with_context(cancel_backorder=False)._action_done()
        self.assertEqual(self.line_1.qty_received, 6.0)
        bill = self._bill([{"line": self.line_1, "qty": 10.0, "price": 10.5}])
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertTrue(bill.boh_portal_upload)
        self.assertEqual(bill.partner_id.commercial_partner_id, self.supplier_1)
        line = bill.invoice_line_ids
        self.assertEqual(line.purchase_line_id, self.line_1)
        self.assertEqual(line.boh_qty_received, 6.0)
        self.assertEqual(line.boh_qty_diff, 4.0)
        self.assertAlmostEqual(line.boh_price_diff, 0.5)
        self.assertTrue(bill.boh_supply_diff)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", bill.id)]
        )
        self.assertEqual(attachment.mimetype, "application/pdf")
        with self.assertRaisesRegex(UserError, "already been uploaded"):
            self._bill([{"line": self.line_lot, "qty": 1.0, "price": 4.0}])

    def test_bill_without_differences(self):
        with self.assertRaisesRegex(UserError, "bills nothing"):
            self._bill([{"line": self.line_1, "qty": 0.0, "price": 10.0}], ref="Z")
        picking = self.po_1.picking_ids
        picking.move_ids.picked = True
        for move in picking.move_ids.filtered(
            lambda m: m.product_id == self.product_lot
        ):
            move.move_line_ids.lot_name = "LOT-X"
        picking._action_done()
        bill = self._bill(
            [{"line": self.line_1, "qty": 10.0, "price": 10.0}], ref="OK-1"
        )
        self.assertFalse(bill.boh_supply_diff)
