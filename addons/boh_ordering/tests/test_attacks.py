"""What a user can send over RPC that the workflow must refuse.

Every attack is made the way a request makes it: ``with_user(...)`` then
``create``/``write``/``unlink`` or a public method. Each one asserts the
refusal and that the records are as they were (the request's transaction is
rolled back, like the savepoint here).
"""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BohOrderingCase

REFUSED = (AccessError, UserError, ValidationError)
BAD_NUMBERS = ("nan", "inf", "-inf", "1e308", "abc", float("nan"), float("inf"), 1e308)


class AttackMixin:
    def _refused(self, func, records, fnames, exc=REFUSED, regex=None):
        """``func`` raises ``exc`` and leaves ``fnames`` of ``records`` as they were."""
        before = records.sudo().read(fnames)
        with (
            mute_logger("odoo.models", "odoo.models.unlink", "odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            if regex:
                with self.assertRaisesRegex(exc, regex):
                    func()
            else:
                with self.assertRaises(exc):
                    func()
        self.env.invalidate_all()
        self.assertEqual(records.sudo().read(fnames), before)

    def _write_refused(self, user, records, vals, fnames=None, **kw):
        self._refused(
            lambda: records.with_user(user).write(vals),
            records,
            fnames or list(vals),
            **kw,
        )

    def _create_refused(self, user, model, vals, domain, **kw):
        """Creating ``vals`` as ``user`` fails and nothing matches ``domain``."""
        Model = self.env[model]
        before = Model.search_count(domain)
        with (
            mute_logger("odoo.models", "odoo.sql_db"),
            self.env.cr.savepoint(),
            self.assertRaises(kw.get("exc", REFUSED)),
        ):
            Model.with_user(user).create(vals)
        self.assertEqual(Model.search_count(domain), before)

    def _assert_readers(self, records, readers, strangers):
        domain = [("id", "in", records.ids)]
        Model = self.env[records._name]
        for user in readers:
            with self.subTest(user=user.login, model=records._name):
                self.assertEqual(Model.with_user(user).search(domain), records)
                records.with_user(user).read(["display_name"])
        for user in strangers:
            with self.subTest(user=user.login, model=records._name):
                self.assertFalse(Model.with_user(user).search(domain))
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    records.with_user(user).read(["display_name"])


@tagged("post_install", "-at_install")
class TestOrderAttacks(AttackMixin, BohOrderingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.budget = cls.env["boh.store.budget"].create(
            {
                "store_id": cls.store_a.id,
                "date_from": "2030-01-01",
                "date_to": "2030-01-31",
                "amount": 1000.0,
            }
        )
        cls.schedule = cls.env["boh.order.schedule"].create(
            {
                "store_id": cls.store_a.id,
                # a source the orders of these tests do not use
                "source_type": "central_kitchen",
                "source_store_id": cls.ck.id,
                "order_mon": True,
                "delivery_tue": True,
            }
        )

    def _flour(self, order):
        return order.line_ids.filtered(lambda ln: ln.product_id == self.product_1)

    # -- direct writes of workflow fields ----------------------------------------
    def test_order_workflow_fields(self):
        order = self._create_order()
        group = self.env["procurement.group"].create({"name": "Forged"})
        attacks = {
            "state": "approved",
            "submitted_date": "2029-12-30 08:00:00",
            "approved_by_id": self.manager_a.id,
            "approved_date": "2029-12-30 09:00:00",
            "late_approved": True,
            "fulfilment_error": "forged",
            "procurement_group_id": group.id,
        }
        for fname, value in attacks.items():
            with self.subTest(field=fname):
                self._write_refused(
                    self.manager_a,
                    order,
                    {fname: value},
                    list(attacks),
                    exc=AccessError,
                )
        # the approver's role does not let them skip the approval either
        order.with_user(self.manager_a).action_submit()
        self._write_refused(
            self.area_1, order, {"state": "fulfilling"}, list(attacks), exc=AccessError
        )
        self._create_refused(
            self.manager_a,
            "boh.store.order",
            {
                "store_id": self.store_a.id,
                "source_type": "central_warehouse",
                "source_store_id": self.cw.id,
                "delivery_date": "2030-01-14",
                "state": "approved",
                "approved_by_id": self.manager_a.id,
            },
            [("delivery_date", "=", "2030-01-14")],
            exc=AccessError,
        )

    def test_order_source_fixed_once_submitted(self):
        order = self._create_order()
        order.with_user(self.manager_a).action_submit()
        fixed = ["delivery_date", "source_store_id", "source_type", "partner_id"]
        other_cw = self.env["boh.store"].create(
            {"name": "Other Warehouse", "code": "OCW2", "store_type": "warehouse"}
        )
        for vals in (
            {"delivery_date": "2030-01-21"},
            {"source_store_id": other_cw.id},
        ):
            with self.subTest(vals=vals):
                self._write_refused(self.manager_a, order, vals, fixed, exc=UserError)

    def test_line_suggestion_fields(self):
        order = self._create_order()
        flour = self._flour(order)
        suggested = flour.qty_suggested
        self.assertTrue(suggested)
        fields = [
            "qty_suggested",
            "suggestion_explanation",
            "qty_on_hand",
            "qty_on_order",
            "qty_par",
            "qty_ordered",
        ]
        attacks = {
            "qty_suggested": suggested * 100,
            "suggestion_explanation": {"method": "par", "par": 5000},
            "qty_on_hand": 0.0 if flour.qty_on_hand else 99.0,
            "qty_on_order": 99.0,
            "qty_par": 5000.0,
        }
        for fname, value in attacks.items():
            with self.subTest(field=fname):
                # the ordered quantity and its "suggestion" in one request
                self._write_refused(
                    self.manager_a,
                    flour,
                    {"qty_ordered": suggested * 100, fname: value},
                    fields,
                    exc=AccessError,
                )
        self._create_refused(
            self.manager_a,
            "boh.store.order.line",
            {
                "order_id": order.id,
                "product_id": self.product_1.id,
                "qty_ordered": 5000.0,
                "qty_suggested": 5000.0,
            },
            [("order_id", "=", order.id)],
            exc=AccessError,
        )

    def test_line_suggestion_after_submit(self):
        """The attack seen: ordering 100 times the suggestion with a reason,
        then writing the suggestion to match once submitted, so that no one
        reviews a 9,900% deviation."""
        order = self._create_order()
        flour = self._flour(order).with_user(self.manager_a)
        flour.write(
            {"qty_ordered": flour.qty_suggested * 100, "override_reason": "party"}
        )
        order.with_user(self.manager_a).action_submit()
        self.assertAlmostEqual(flour.deviation_pct, 9900.0)
        self._write_refused(
            self.manager_a,
            flour,
            {"qty_suggested": flour.qty_ordered},
            ["qty_suggested", "deviation_pct", "needs_reason"],
            exc=AccessError,
        )
        self.assertAlmostEqual(order.deviation_pct, 9900.0)

    def test_schedule_reminder_mark(self):
        self._write_refused(
            self.area_1,
            self.schedule,
            {"last_reminder_date": "2030-01-07"},
            exc=AccessError,
        )

    # -- records moved to another store ------------------------------------------
    def test_store_moves(self):
        order = self._create_order()
        # area_1 supervises both stores: the record rules allow it
        for user, records in (
            (self.area_1, order),
            (self.area_1, self.budget),
            (self.area_1, self.schedule),
        ):
            with self.subTest(model=records._name):
                self._write_refused(
                    user,
                    records,
                    {"store_id": self.store_b.id},
                    exc=AccessError,
                )
        self.store_b.warehouse_id.resupply_wh_ids = [(6, 0, self.cw.warehouse_id.ids)]
        self.guide.store_ids = [(4, self.store_b.id)]
        order_b = self._create_order(store=self.store_b, generate=False)
        self._write_refused(
            self.area_1,
            self._flour(order),
            {"order_id": order_b.id},
            ["order_id", "store_id"],
            exc=AccessError,
        )

    # -- bad numbers ---------------------------------------------------------------
    def test_bad_numbers_order_line(self):
        flour = self._flour(self._create_order())
        for value in BAD_NUMBERS:
            for fname in ("qty_ordered", "price_unit"):
                with self.subTest(value=value, field=fname):
                    self._write_refused(
                        self.manager_a,
                        flour,
                        {fname: value},
                        ["qty_ordered", "price_unit", "price_subtotal"],
                        exc=ValidationError,
                        regex="Test Flour",
                    )

    # -- Odoo documents of the stores ------------------------------------------
    def _supplier_po(self):
        order = self._create_order(
            source_type="supplier", source_store_id=False, partner_id=self.supplier.id
        )
        order.with_user(self.manager_a).action_submit()
        order.with_user(self.manager_a).action_approve()
        purchase = order.sudo().purchase_ids
        self.assertEqual(len(purchase), 1)
        return purchase

    def test_purchase_orders_of_a_store(self):
        purchase = self._supplier_po()
        readers = (self.staff_a, self.manager_a, self.area_1, self.executive)
        strangers = (self.manager_b, self.area_2)
        self._assert_readers(purchase, readers, strangers)
        self._assert_readers(purchase.order_line, readers, strangers)
        for user in (self.manager_a, self.area_1, self.executive):
            with self.subTest(user=user.login):
                self._write_refused(
                    user, purchase, {"notes": "forged"}, exc=AccessError
                )
                self._write_refused(
                    user, purchase.order_line, {"price_unit": 0.01}, exc=AccessError
                )
                self._refused(
                    lambda u=user: purchase.with_user(u).unlink(),
                    purchase,
                    ["state"],
                    exc=AccessError,
                )
                self._create_refused(
                    user,
                    "purchase.order",
                    {
                        "partner_id": self.supplier.id,
                        "picking_type_id": self.store_a.warehouse_id.in_type_id.id,
                    },
                    [("partner_id", "=", self.supplier.id)],
                    exc=AccessError,
                )
        # buyers run replenishment: they work on purchase orders
        purchase.with_user(self.buyer).write({"notes": "checked"})

    def test_buyer_app_rights(self):
        """Buyers use Inventory and Purchase, and administer neither."""
        for xmlid in ("stock.group_stock_user", "purchase.group_purchase_user"):
            self.assertTrue(self.buyer.has_group(xmlid), xmlid)
        for xmlid in ("stock.group_stock_manager", "purchase.group_purchase_manager"):
            self.assertFalse(self.buyer.has_group(xmlid), xmlid)
        for user in (self.staff_a, self.manager_a, self.area_1, self.executive):
            self.assertFalse(user.has_group("purchase.group_purchase_user"), user.login)
