from odoo import Command
from odoo.tests import Form, tagged

from odoo.addons.boh_ordering.tests.common import BohOrderingCase

from ..hooks import post_init_hook
from .common import StoreAccountCase


@tagged("post_install", "-at_install")
class TestPurchaseAnalytic(StoreAccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create({"name": "Test Dairy"})
        project_plan, _others = cls.env["account.analytic.plan"]._get_all_plans()
        cls.project_account = cls.env["account.analytic.account"].create(
            {"name": "Test Launch Campaign", "plan_id": project_plan.id}
        )

    def _po(self, store, **line_vals):
        return (
            self.env["purchase.order"]
            .with_user(self.buyer)
            .create(
                {
                    "partner_id": self.supplier.id,
                    "picking_type_id": store.warehouse_id.in_type_id.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_manual.id,
                                "product_qty": 5,
                                "price_unit": 4.0,
                                **line_vals,
                            }
                        )
                    ],
                }
            )
        )

    def test_line_gets_delivering_store(self):
        po = self._po(self.store_a)
        self.assertEqual(
            po.order_line.analytic_distribution, self.distribution(self.store_a)
        )

    def test_line_in_form_gets_store(self):
        form = Form(self.env["purchase.order"].with_user(self.boh_admin))
        form.partner_id = self.supplier
        form.picking_type_id = self.store_b.warehouse_id.in_type_id
        with form.order_line.new() as line:
            line.product_id = self.product_manual
            line.product_qty = 2
        po = form.save()
        self.assertEqual(
            po.order_line.analytic_distribution, self.distribution(self.store_b)
        )

    def test_typed_store_is_kept(self):
        typed = self.distribution(self.store_c)
        po = self._po(self.store_a, analytic_distribution=typed)
        po.order_line = [
            Command.create({"product_id": self.product_manual.id, "product_qty": 1})
        ]
        typed_line, auto_line = po.order_line
        self.assertEqual(typed_line.analytic_distribution, typed)
        self.assertEqual(
            auto_line.analytic_distribution, self.distribution(self.store_a)
        )
        po.order_line.product_id = self.product_auto
        self.assertEqual(typed_line.analytic_distribution, typed)
        po.picking_type_id = self.store_b.warehouse_id.in_type_id
        self.assertEqual(typed_line.analytic_distribution, typed, "the buyer's choice")
        self.assertEqual(
            auto_line.analytic_distribution, self.distribution(self.store_b)
        )

    def test_typed_other_plan_gets_store_added(self):
        project = str(self.project_account.id)
        po = self._po(self.store_a, analytic_distribution={project: 100.0})
        self.assertEqual(
            po.order_line.analytic_distribution,
            {f"{project},{self.store_a.analytic_account_id.id}": 100.0},
        )

    def test_delivery_change_moves_the_store(self):
        po = self._po(self.store_a)
        po.picking_type_id = self.store_b.warehouse_id.in_type_id
        self.assertEqual(
            po.order_line.analytic_distribution, self.distribution(self.store_b)
        )

    def test_install_on_existing_purchase_lines(self):
        """Installing the addon on a database with purchase orders: the lines
        are computed before the plan Stores is loaded (no error), and the
        post-init hook then gives the open ones their store."""
        po = self._po(self.store_a)
        billed = self._po(self.store_b)
        po, billed = (po | billed).with_env(self.env)
        line = po.order_line
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE purchase_order_line SET analytic_distribution = NULL,"
            " boh_store_analytic_account_id = NULL WHERE id IN %s",
            [tuple((po | billed).order_line.ids)],
        )
        self.env.cr.execute(
            "UPDATE purchase_order SET invoice_status = 'invoiced' WHERE id = %s",
            [billed.id],
        )
        self.env.invalidate_all()
        stores_plan = self.env.ref("boh_store_account.analytic_plan_stores")
        plan_xmlid = self.env["ir.model.data"].search(
            [
                ("module", "=", "boh_store_account"),
                ("name", "=", "analytic_plan_stores"),
            ]
        )
        plan_xmlid.unlink()
        self.env.registry.clear_cache()
        line._compute_analytic_distribution()
        self.assertFalse(line.boh_store_analytic_account_id)
        self.env["ir.model.data"].create(
            {
                "module": "boh_store_account",
                "name": "analytic_plan_stores",
                "model": "account.analytic.plan",
                "res_id": stores_plan.id,
            }
        )
        self.env.registry.clear_cache()
        post_init_hook(self.env)
        self.assertEqual(line.analytic_distribution, self.distribution(self.store_a))
        self.assertEqual(
            line.boh_store_analytic_account_id, self.store_a.analytic_account_id
        )
        self.assertFalse(
            billed.order_line.analytic_distribution, "a billed order is left as it is"
        )

    def test_bill_from_po_carries_store(self):
        po = self._po(self.store_a)
        po.button_confirm()
        po.action_create_invoice()
        bill = po.invoice_ids.with_env(self.env)  # the accountant posts it
        self.assertEqual(len(bill), 1)
        line = bill.invoice_line_ids
        self.assertEqual(line.analytic_distribution, self.distribution(self.store_a))
        bill.invoice_date = bill.date
        bill.action_post()
        analytic = line.analytic_line_ids
        self.assertEqual(analytic.boh_store_id, self.store_a)
        self.assertEqual(analytic.boh_region_id, self.region_1)


@tagged("post_install", "-at_install")
class TestStoreOrderPurchaseAnalytic(BohOrderingCase):
    def test_store_order_po_gets_store(self):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        lines = order.purchase_ids.order_line
        self.assertTrue(lines)
        account = self.store_a.analytic_account_id
        for line in lines:
            self.assertEqual(line.analytic_distribution, {str(account.id): 100.0})
