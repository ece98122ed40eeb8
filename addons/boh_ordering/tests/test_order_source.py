from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BohOrderingCase

SCHEDULE_DAYS = {"order_mon": True, "delivery_tue": True}


@tagged("post_install", "-at_install")
class TestOrderSource(BohOrderingCase):
    """One source rule for store orders, order guide lines and schedules: a
    supplier source needs a supplier, a central warehouse source a site of
    type warehouse, a central kitchen source a site of type kitchen."""

    def _refused(self, regex, model, vals):
        Model = self.env[model]
        before = Model.search_count([])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(ValidationError, regex),
            self.env.cr.savepoint(),
        ):
            Model.create(vals)
        self.assertEqual(Model.search_count([]), before, "nothing created")

    def _schedule(self, **vals):
        return dict(SCHEDULE_DAYS, store_id=self.store_b.id, **vals)

    def test_schedule_supplier_needs_a_supplier(self):
        self._refused(
            "a supplier source needs a supplier",
            "boh.order.schedule",
            self._schedule(source_type="supplier"),
        )

    def test_schedule_source_site_of_the_right_type(self):
        self._refused(
            "choose the central site",
            "boh.order.schedule",
            self._schedule(source_type="central_warehouse"),
        )
        self._refused(
            "Test Central Kitchen is not a central warehouse",
            "boh.order.schedule",
            self._schedule(source_type="central_warehouse", source_store_id=self.ck.id),
        )
        self._refused(
            "Test Central Warehouse is not a central kitchen",
            "boh.order.schedule",
            self._schedule(source_type="central_kitchen", source_store_id=self.cw.id),
        )
        self._refused(
            "is not a central kitchen",
            "boh.order.schedule",
            self._schedule(
                source_type="central_kitchen", source_store_id=self.store_a.id
            ),
        )
        schedule = self.env["boh.order.schedule"].create(
            self._schedule(source_type="central_kitchen", source_store_id=self.ck.id)
        )
        with (
            self.assertRaisesRegex(ValidationError, "not a central kitchen"),
            self.env.cr.savepoint(),
        ):
            schedule.source_store_id = self.cw
        schedule.invalidate_recordset()
        self.assertEqual(schedule.source_store_id, self.ck)

    def test_guide_line_source_site_of_the_right_type(self):
        vals = {
            "guide_id": self.guide.id,
            "product_id": self.product_3.id,
            "source_type": "central_kitchen",
            "source_store_id": self.cw.id,
        }
        self._refused(
            "Order guide Test Guide A, product .*Test Milk.*: .*Test Central"
            " Warehouse is not a central kitchen",
            "boh.order.guide.line",
            vals,
        )
        self._refused(
            "a supplier source needs a supplier",
            "boh.order.guide.line",
            dict(vals, source_type="supplier", source_store_id=False),
        )

    def test_order_source_site_of_the_right_type(self):
        self._refused(
            "Order .*: .*Test Central Kitchen is not a central warehouse",
            "boh.store.order",
            {
                "store_id": self.store_a.id,
                "source_type": "central_warehouse",
                "source_store_id": self.ck.id,
                "delivery_date": "2030-01-07",
            },
        )
