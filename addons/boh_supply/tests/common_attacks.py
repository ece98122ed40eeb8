"""Data and fixtures shared by the attack tests of the supplier side."""

import re
from datetime import timedelta

from odoo import Command, fields

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
