from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.boh_base.tests.common import BohCase


def ensure_chart_of_accounts(env):
    """Bills need a purchase journal: a database made without a localization
    has none, so the generic chart is loaded, as Odoo's accounting tests do."""
    company = env.company
    if not env["account.journal"].search_count(
        [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )


class SupplyCase(BohCase):
    """Two suppliers, each with a portal user, and a confirmed order for each.

    ``supplier_1`` has the portal user ``supplier_tour1`` (a contact of the
    company) and order ``po_1`` (a plain product and a lot-tracked one);
    ``supplier_2`` has ``supplier_tour2`` and order ``po_2``.  Orders deliver
    to store A and belong to the buyer.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_chart_of_accounts(cls.env)
        Partner = cls.env["res.partner"]
        cls.supplier_1, cls.supplier_2 = Partner.create(
            [
                {
                    "name": "Tour Supplier One",
                    "is_company": True,
                    "ref": "TSUP1",
                    "email": "orders@supplier-one.example.com",
                },
                {
                    "name": "Tour Supplier Two",
                    "is_company": True,
                    "ref": "TSUP2",
                    "email": "orders@supplier-two.example.com",
                },
            ]
        )
        cls.contact_1 = Partner.create(
            {"name": "Tour Supplier One Sales", "parent_id": cls.supplier_1.id}
        )
        cls.portal_1 = new_test_user(
            cls.env,
            "supplier_tour1",
            "base.group_portal",
            password="supplier_tour1",
            partner_id=cls.contact_1.id,
        )
        cls.portal_2 = new_test_user(
            cls.env,
            "supplier_tour2",
            "base.group_portal",
            password="supplier_tour2",
            name="Tour Supplier Two User",
        )
        cls.portal_2.partner_id.parent_id = cls.supplier_2
        uom = cls.env.ref("uom.product_uom_unit")
        Product = cls.env["product.product"]
        cls.product = Product.create(
            {
                "name": "Tour Flour",
                "default_code": "TFLOUR",
                "is_storable": True,
                "uom_id": uom.id,
                "uom_po_id": uom.id,
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": cls.supplier_1.id,
                            "price": 10.0,
                            "delay": 2,
                            "product_code": "S-FLOUR",
                        }
                    ),
                    Command.create({"partner_id": cls.supplier_2.id, "price": 11.0}),
                ],
            }
        )
        cls.product_lot = Product.create(
            {
                "name": "Tour Milk",
                "default_code": "TMILK",
                "is_storable": True,
                "tracking": "lot",
                "uom_id": uom.id,
                "uom_po_id": uom.id,
                "seller_ids": [
                    Command.create(
                        {"partner_id": cls.supplier_1.id, "price": 4.0, "delay": 1}
                    )
                ],
            }
        )
        cls.po_1 = cls._make_po(
            cls.supplier_1, [(cls.product, 10, 10.0), (cls.product_lot, 5, 4.0)]
        )
        cls.po_2 = cls._make_po(cls.supplier_2, [(cls.product, 7, 11.0)])
        cls.line_1, cls.line_lot = cls.po_1.order_line
        (cls.po_1 | cls.po_2).button_confirm()

    @classmethod
    def _make_po(cls, partner, lines, planned=None):
        planned = planned or fields.Datetime.now() + timedelta(days=3)
        return cls.env["purchase.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.buyer.id,
                "picking_type_id": cls.store_a.warehouse_id.in_type_id.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "date_planned": planned,
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )

    def _as_supplier(self, order, user=None):
        """The order as the portal controller hands it to the model."""
        user = user or self.portal_1
        return order.sudo().with_context(boh_author_id=user.partner_id.id)
