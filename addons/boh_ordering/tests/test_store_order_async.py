from odoo.exceptions import UserError
from odoo.tests import common as odoo_test_common

from .common import BohOrderingCase

# queue_job's test helpers register themselves in SETATTR_SOURCES, which
# older Odoo 18.0 builds do not define yet: give them an empty registry.
if not hasattr(odoo_test_common, "SETATTR_SOURCES"):
    odoo_test_common.SETATTR_SOURCES = {}

from odoo.addons.queue_job.job import identity_exact  # noqa: E402
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402

THRESHOLD = "boh_ordering.async_approval_threshold"
CHUNK = "boh_ordering.async_approval_chunk_size"


class TestAsyncApproval(BohOrderingCase):
    """Approving many orders at once fulfils them in queue jobs per store."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_b.warehouse_id.resupply_wh_ids = [(6, 0, cls.cw.warehouse_id.ids)]
        cls.guide.copy({"store_ids": [(6, 0, cls.store_b.ids)]})
        cls.Param = cls.env["ir.config_parameter"]

    def _orders(self, day):
        """Per store A and B: one central warehouse and one supplier order."""
        orders = self.env["boh.store.order"]
        for store, manager in (
            (self.store_a, self.manager_a),
            (self.store_b, self.manager_b),
        ):
            for vals in (
                {},
                {
                    "source_type": "supplier",
                    "source_store_id": False,
                    "partner_id": self.supplier.id,
                },
            ):
                order = self._create_order(store=store, delivery_date=day, **vals)
                order.with_user(manager).action_submit()
                orders |= order
        return orders

    def _signature(self, orders):
        """What fulfilment created, per order, without dates and names."""
        # picking_ids (not stored) may have been read before the jobs ran
        self.env.invalidate_all()
        result = {}
        for order in orders:
            key = (order.store_id.code, order.source_type)
            moves = order.sudo().picking_ids.move_ids
            result[key] = (
                sorted(
                    (
                        m.picking_type_id.id,
                        m.location_id.id,
                        m.location_dest_id.id,
                        m.product_id.id,
                        m.product_uom_qty,
                    )
                    for m in moves
                ),
                sorted(
                    (
                        po.partner_id.id,
                        po.picking_type_id.id,
                        tuple(
                            sorted(
                                (pl.product_id.id, pl.product_qty)
                                for pl in po.order_line
                            )
                        ),
                    )
                    for po in order.sudo().purchase_ids
                ),
            )
        return result

    def test_bulk_approval_enqueues_one_job_per_store_chunk(self):
        # both batches are suggested before either is approved (what one
        # approval puts on order lowers the next suggestions)
        sync_orders = self._orders("2030-01-07")
        orders = self._orders("2030-01-14")
        self.assertEqual(
            sorted(sync_orders.line_ids.mapped("qty_ordered")),
            sorted(orders.line_ids.mapped("qty_ordered")),
        )
        sync_orders.with_user(self.area_1).action_approve()
        self.assertEqual(set(sync_orders.mapped("state")), {"fulfilling"})
        expected = self._signature(sync_orders)
        self.assertEqual(len(sync_orders.purchase_ids), 2, "one PO per store")

        self.Param.set_param(THRESHOLD, 2)
        self.Param.set_param(CHUNK, 2)
        chunk_a = orders.filtered(lambda o: o.store_id == self.store_a)
        chunk_b = orders - chunk_a
        with trap_jobs() as trap:
            orders.with_user(self.area_1).action_approve()
            # approved at once, fulfilled by the jobs
            self.assertEqual(set(orders.mapped("state")), {"approved"})
            self.assertFalse(orders.sudo().picking_ids)
            trap.assert_jobs_count(2)
            for chunk in (chunk_a, chunk_b):
                trap.assert_enqueued_job(
                    chunk._job_fulfil,
                    properties={
                        "identity_key": identity_exact,
                        "channel": "root.boh_ordering",
                    },
                )
            # approving twice, or queuing the same chunks again, adds nothing
            with self.assertRaisesRegex(UserError, "already approved"):
                orders.with_user(self.area_1).action_approve()
            orders._enqueue_fulfilment()
            trap.assert_jobs_count(2)
            trap.perform_enqueued_jobs()
        self.assertEqual(set(orders.mapped("state")), {"fulfilling"})
        self.assertEqual(self._signature(orders), expected)
        self.assertEqual(len(orders.purchase_ids), 2, "one PO per store")
        self.assertFalse(orders.purchase_ids & sync_orders.purchase_ids)
        # a job run again (e.g. retried) creates nothing twice
        pickings = orders.sudo().picking_ids
        self.assertTrue(pickings)
        self.assertEqual(orders._job_fulfil(), "Nothing to fulfil.")
        self.env.invalidate_all()
        self.assertEqual(orders.sudo().picking_ids, pickings)

    def test_small_approval_stays_synchronous(self):
        self.Param.set_param(THRESHOLD, 4)
        orders = self._orders("2030-01-07")
        with trap_jobs() as trap:
            orders.with_user(self.area_1).action_approve()
            trap.assert_jobs_count(0)
        self.assertEqual(set(orders.mapped("state")), {"fulfilling"})
        self.assertTrue(orders.sudo().picking_ids)

    def test_failed_job_leaves_orders_approved_with_error(self):
        self.Param.set_param(THRESHOLD, 2)
        self.Param.set_param(CHUNK, 2)
        orders = self._orders("2030-01-07")
        broken = orders.filtered(
            lambda o: o.store_id == self.store_b and o.source_type != "supplier"
        )
        with trap_jobs() as trap:
            orders.with_user(self.area_1).action_approve()
            trap.assert_jobs_count(2)
            # store B is no longer resupplied from the warehouse
            self.store_b.warehouse_id.resupply_wh_ids = [(5, 0, 0)]
            trap.perform_enqueued_jobs()
        self.assertEqual(broken.state, "approved")
        self.assertIn("is not resupplied from", broken.fulfilment_error)
        self.assertIn(
            "Fulfilment failed", broken.message_ids[:1].body or "", "posted on it"
        )
        self.env.invalidate_all()
        self.assertFalse(broken.sudo().picking_ids)
        self.assertEqual(set((orders - broken).mapped("state")), {"fulfilling"})
        self.assertFalse(any((orders - broken).mapped("fulfilment_error")))
        # fixed, a manager fulfils it again
        self.store_b.warehouse_id.resupply_wh_ids = [(6, 0, self.cw.warehouse_id.ids)]
        with self.assertRaisesRegex(UserError, "cannot fulfil"):
            (orders - broken)[:1].with_user(self.manager_a).action_retry_fulfilment()
        broken.with_user(self.manager_b).action_retry_fulfilment()
        self.assertEqual(broken.state, "fulfilling")
        self.assertFalse(broken.fulfilment_error)
        self.env.invalidate_all()
        self.assertTrue(broken.sudo().picking_ids)
