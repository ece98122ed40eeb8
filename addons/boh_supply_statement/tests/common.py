"""A month of supplier documents whose statement figures are computed by hand.

Last month, supplier 1 (orders of the buyer, no taxes):

====== ======= ======== ======== ====== ======= =====================
line   ordered received billed   order  bill    difference
====== ======= ======== ======== ====== ======= =====================
flour  10      10       10       10.00  10.00   ok
sugar  5       5        0        4.00   -       received not billed -20
oil    8       0        2        6.00   6.00    billed not received +12
rice   4       4        4        5.00   5.50    price difference +2
====== ======= ======== ======== ====== ======= =====================

One bill of 134.00 (100 + 12 + 22) on the 20th, a credit note of 10.00 on
the 22nd, a payment of 50.00 on the 25th; a bill of 30.00 two months ago is
the opening balance: balance 30 + 134 - 10 - 50 = 104.  Received value
100 + 20 + 0 + 20 = 140; ordered 100 + 20 + 48 + 20 = 188.

Supplier 2: 7 tour flour at 11.00 received last month, never billed.
"""

from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.boh_supply.tests.common import SupplyCase

from ..services.statement_lines import month_bounds


class StatementCase(SupplyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        today = fields.Date.today()
        cls.date_from, cls.date_to = month_bounds(
            today.replace(day=1) - timedelta(days=1)
        )
        cls.before_from, _before_to = month_bounds(cls.date_from - timedelta(days=1))
        uom = cls.env.ref("uom.product_uom_unit")
        Product = cls.env["product.product"]
        cls.sugar, cls.oil, cls.rice = Product.create(
            [
                {
                    "name": name,
                    "default_code": code,
                    "is_storable": True,
                    "uom_id": uom.id,
                    "uom_po_id": uom.id,
                    "supplier_taxes_id": [Command.clear()],
                }
                for name, code in (
                    ("Statement Sugar", "SSUGAR"),
                    ("Statement Oil", "SOIL"),
                    ("Statement Rice", "SRICE"),
                )
            ]
        )
        cls.product.supplier_taxes_id = [Command.clear()]
        cls.po_a = cls._make_po(
            cls.supplier_1,
            [
                (cls.product, 10, 10.0),
                (cls.sugar, 5, 4.0),
                (cls.oil, 8, 6.0),
                (cls.rice, 4, 5.0),
            ],
        )
        cls.po_b = cls._make_po(cls.supplier_2, [(cls.product, 7, 11.0)])
        (cls.po_a | cls.po_b).order_line.taxes_id = [Command.clear()]
        (cls.po_a | cls.po_b).button_confirm()
        cls.pol_flour, cls.pol_sugar, cls.pol_oil, cls.pol_rice = cls.po_a.order_line
        cls.pol_b = cls.po_b.order_line
        received_at = datetime.combine(cls.date_from + timedelta(days=14), time(4))
        cls._receive(cls.po_a, {cls.oil: 0.0}, received_at)
        cls._receive(cls.po_b, {}, received_at)
        cls.bill = cls._bill(
            "in_invoice",
            cls.date_from + timedelta(days=19),
            [(cls.pol_flour, 10, 10.0), (cls.pol_oil, 2, 6.0), (cls.pol_rice, 4, 5.5)],
        )
        cls.credit_note = cls._bill(
            "in_refund", cls.date_from + timedelta(days=21), [(cls.pol_flour, 1, 10.0)]
        )
        cls.old_bill = cls._bill(
            "in_invoice", cls.before_from + timedelta(days=4), [(None, 3, 10.0)]
        )
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.payment = cls.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": cls.supplier_1.id,
                "amount": 50.0,
                "date": cls.date_from + timedelta(days=24),
                "journal_id": journal.id,
            }
        )
        cls.payment.action_post()

    @classmethod
    def _receive(cls, order, quantities, when):
        """Receive ``order`` (``quantities``: product -> quantity, else all),
        dated ``when``; no backorder."""
        picking = order.picking_ids
        for move in picking.move_ids:
            move.quantity = quantities.get(move.product_id, move.product_uom_qty)
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
        picking.move_ids.filtered(lambda m: m.state == "done").write({"date": when})

    @classmethod
    def _bill(cls, move_type, invoice_date, lines, partner=None):
        partner = partner or cls.supplier_1
        move = (
            cls.env["account.move"]
            .with_context(default_move_type=move_type)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "invoice_date": invoice_date,
                    "date": invoice_date,
                    "ref": f"{move_type}-{invoice_date}",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": (pol.product_id if pol else cls.sugar).id,
                                "purchase_line_id": pol.id if pol else False,
                                "quantity": qty,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for pol, qty, price in lines
                    ],
                }
            )
        )
        move.action_post()
        return move

    @classmethod
    def _generate(cls):
        self = cls
        Statement = self.env["boh.supplier.statement"]
        Statement._boh_generate(self.date_from)
        return (
            Statement.search(
                [
                    ("partner_id", "=", self.supplier_1.id),
                    ("date_from", "=", self.date_from),
                ]
            ),
            Statement.search(
                [
                    ("partner_id", "=", self.supplier_2.id),
                    ("date_from", "=", self.date_from),
                ]
            ),
        )

    @staticmethod
    def _goods(statement, pol):
        return statement.line_ids.filtered(lambda line: line.purchase_line_id == pol)

    def _as_supplier(self, statement, user=None):
        """The statement as the portal controller hands it to the model."""
        user = user or self.portal_1
        return statement.sudo().with_context(boh_author_id=user.partner_id.id)

    def _snapshot(self, *statements):
        """What an attack could change."""
        return [
            (
                s.state,
                s.answer_date,
                len(s.message_ids),
                len(s.activity_ids),
                tuple(
                    (line.id, line.supplier_status, line.supplier_comment)
                    for line in s.line_ids
                ),
            )
            for s in statements
        ]
