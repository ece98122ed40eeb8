from odoo import fields
from odoo.tests import tagged

from .common import BohFlowCase


@tagged("post_install", "-at_install")
class TestSupplierFlow(BohFlowCase):
    def test_supplier_flow(self):
        """Each step as its user; the records of each step."""
        self._run_flow()

    def test_supplier_flow_chatter_authors(self):
        """Every chatter message of the steps is authored by its user."""
        self._run_flow()
        self.assert_step_authors()

    def _run_flow(self):
        # Store manager: order from the guide, submit; area manager: approve.
        order = self.generate("supplier", partner_id=self.supplier.id)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.line_ids.product_id, self.milk, "supplier lines only")
        self.assertEqual(order.line_ids.qty_ordered, 10.0)
        self.submit_and_approve(order)

        # Fulfilment: one request for quotation to the supplier, to the store.
        po = order.purchase_ids
        self.assertEqual(len(po), 1)
        self.assertEqual(po.partner_id, self.supplier)
        self.assertEqual(po.state, "draft")
        self.assertEqual(po.order_line.product_id, self.milk)
        self.assertEqual(po.order_line.product_qty, 10.0)
        self.assertEqual(po.picking_type_id.warehouse_id, self.store.warehouse_id)
        self.assertFalse(order.production_ids)

        # Buyer: confirm the order to the supplier.
        with self.step(self.buyer, "confirm purchase"):
            po.with_user(self.buyer).button_confirm()
        self.assertEqual(po.state, "purchase")
        self.assertEqual(po.boh_confirmation_state, "to_confirm")
        receipt = self.store_receipts(order)
        self.assertEqual(len(receipt), 1)
        self.assertEqual(receipt, po.picking_ids)

        # Supplier, through the portal: confirm, then announce the shipment.
        with self.step(self.portal, "supplier confirms"):
            self.as_supplier(po)._boh_supplier_confirm()
        self.assertEqual(po.boh_confirmation_state, "confirmed")
        self.assertEqual(po.order_line.boh_confirm_state, "confirmed")
        with self.step(self.portal, "shipping notice"):
            asn = (
                self.as_supplier(self.env["boh.asn"])
                .with_context(mail_create_nosubscribe=True)
                .create(
                    {
                        "partner_id": self.supplier.id,
                        "company_id": po.company_id.id,
                        "purchase_ids": [(6, 0, po.ids)],
                        "expected_date": self.delivery_date,
                        "carrier": "SF Express",
                        "line_ids": [
                            (0, 0, {"purchase_line_id": po.order_line.id, "qty": 10.0})
                        ],
                    }
                )
            )
            asn.message_subscribe(partner_ids=self.portal.partner_id.ids)
            asn.action_send()
        self.assertEqual(asn.state, "sent")
        self.assertEqual(po.boh_asn_ids, asn)
        self.assertEqual(receipt.move_ids.quantity, 10.0, "receipt pre-filled")

        # Store manager: 8 of 10 arrive; the missing 2 are claimed.
        self.receive(order, {self.milk: 8.0})
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_ids.quantity, 8.0)
        self.assertEqual(po.order_line.qty_received, 8.0)
        self.assertEqual(order.state, "received")
        self.assertEqual(
            self.milk.with_context(location=self.store_loc.id).qty_available, 8.0
        )
        claim = self.claims_of(order)
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "open")
        self.assertEqual(claim.reason, "short")
        self.assertEqual(claim.qty_claimed, 2.0)
        self.assertEqual(claim.partner_id, self.supplier)
        self.assertEqual(claim.purchase_id, po)
        self.assertEqual(claim.price_unit, 2.5)

        # Supplier: accept with a credit note.
        with self.step(self.portal, "supplier answers"):
            self.as_supplier(claim)._boh_supplier_answer(
                "accept_credit", "Sorry, short on the truck"
            )
        self.assertEqual(claim.state, "answered")
        self.assertEqual(claim.supplier_answer, "accept_credit")
        credit = claim.credit_move_id
        self.assertEqual(len(credit), 1)
        self.assertEqual(credit.move_type, "in_refund")
        self.assertEqual(credit.state, "draft")
        self.assertEqual(credit.partner_id.commercial_partner_id, self.supplier)
        self.assertEqual(credit.invoice_line_ids.quantity, 2.0)
        self.assertEqual(credit.amount_untaxed, 5.0)

        # Buyer: the supplier's scorecard shows the short delivery.
        today = fields.Date.context_today(self.env.user)
        cards = (
            self.env["boh.supply.scorecard"]
            .with_user(self.buyer)
            .get_scorecards(today, today, [self.supplier.id])
        )
        card = cards[self.supplier.id]
        self.assertEqual(card["fill_rate"], 80.0)
        self.assertGreater(card["claims_per_100"], 0.0)


@tagged("post_install", "-at_install")
class TestCentralWarehouseFlow(BohFlowCase):
    def test_central_warehouse_flow(self):
        """Each step as its user; the records of each step."""
        self._run_flow()

    def test_central_warehouse_flow_chatter_authors(self):
        """Every chatter message of the steps is authored by its user."""
        self._run_flow()
        self.assert_step_authors()

    def _run_flow(self):
        order = self.generate("central_warehouse", source_store_id=self.cw.id)
        self.assertEqual(order.line_ids.product_id, self.flour)
        self.assertEqual(order.line_ids.qty_ordered, 20.0)
        self.submit_and_approve(order)

        # Fulfilment: a transfer out of the central warehouse, a receipt in.
        self.assertFalse(order.purchase_ids)
        self.assertFalse(order.production_ids)
        out = self.central_pickings(order, self.cw)
        receipt = self.store_receipts(order)
        self.assertEqual(len(out), 1)
        self.assertEqual(len(receipt), 1)
        self.assertEqual(out.location_id, self.cw.lot_stock_id)
        self.assertEqual(out.move_ids.product_id, self.flour)
        self.assertEqual(out.move_ids.product_uom_qty, 20.0)
        self.assertEqual(receipt.move_ids.product_uom_qty, 20.0)

        # The central warehouse (a buyer) ships; the store receives 18.
        self.ship(out)
        self.assertEqual(
            self.flour.with_context(location=self.cw.lot_stock_id.id).qty_available,
            80.0,
        )
        self.assertEqual(receipt.state, "assigned")
        self.receive(order, {self.flour: 18.0})
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.move_ids.quantity, 18.0)
        self.assertEqual(order.state, "received")
        self.assertEqual(
            self.flour.with_context(location=self.store_loc.id).qty_available, 18.0
        )

        # The claim is against the central warehouse: no supplier side.
        claim = self.claims_of(order)
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "open")
        self.assertEqual(claim.reason, "short")
        self.assertEqual(claim.qty_claimed, 2.0)
        self.assertFalse(claim.partner_id)
        self.assertFalse(claim.purchase_id)
        self.assertFalse(claim.supplier_answer)
        self.assertEqual(claim.picking_id, receipt)


@tagged("post_install", "-at_install")
class TestCentralKitchenFlow(BohFlowCase):
    def test_central_kitchen_flow(self):
        """Each step as its user; the records of each step."""
        self._run_flow()

    def test_central_kitchen_flow_chatter_authors(self):
        """Every chatter message of the steps is authored by its user."""
        self._run_flow()
        self.assert_step_authors()

    def _run_flow(self):
        order = self.generate("central_kitchen", source_store_id=self.ck.id)
        self.assertEqual(order.line_ids.product_id, self.soup)
        self.assertEqual(order.line_ids.qty_ordered, 6.0)
        self.submit_and_approve(order)

        # Fulfilment: a manufacturing order at the kitchen feeding its delivery.
        self.assertFalse(order.purchase_ids)
        production = order.production_ids
        self.assertEqual(len(production), 1)
        self.assertEqual(production.product_id, self.soup)
        self.assertEqual(production.bom_id, self.bom)
        self.assertEqual(production.product_qty, 6.0)
        self.assertEqual(production.state, "confirmed")
        self.assertEqual(production.picking_type_id.warehouse_id, self.ck.warehouse_id)
        self.assertEqual(production.move_raw_ids.product_id, self.flour)
        self.assertEqual(production.move_raw_ids.product_uom_qty, 3.0)
        out = self.central_pickings(order, self.ck)
        receipt = self.store_receipts(order)
        self.assertEqual(len(out), 1)
        self.assertEqual(len(receipt), 1)
        self.assertIn(out.state, ("confirmed", "waiting"), "waits for the kitchen")

        # The kitchen (a buyer, manufacturing user) cooks the soup.
        with self.step(self.buyer, "produce"):
            mo = production.with_user(self.buyer)
            mo.action_assign()
            mo.action_generate_serial()  # the soup's lot, expiring in 2 days
            mo.qty_producing = mo.product_qty
            mo._set_qty_producing()
            mo.move_raw_ids.picked = True
            result = mo.button_mark_done()
        self.assertIs(result, True)
        self.assertEqual(production.state, "done")
        lot = production.lot_producing_id
        self.assertTrue(lot)
        self.assertEqual(
            (lot.expiration_date.date() - production.date_finished.date()).days, 2
        )
        self.assertEqual(
            self.flour.with_context(location=self.ck.lot_stock_id.id).qty_available,
            97.0,
        )
        self.assertEqual(out.state, "assigned")

        # Shipped and received in full: no claim.
        self.ship(out)
        self.receive(order, {self.soup: 6.0})
        self.assertEqual(receipt.state, "done")
        self.assertEqual(order.state, "received")
        self.assertEqual(
            self.soup.with_context(location=self.store_loc.id).qty_available, 6.0
        )
        # The store holds the kitchen's lot, with its expiry date.
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.soup.id), ("location_id", "=", self.store_loc.id)]
        )
        self.assertEqual(quant.lot_id, lot)
        self.assertEqual(quant.quantity, 6.0)
        self.assertFalse(self.claims_of(order))
