from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.boh_ordering.tests.common import BohOrderingCase


@tagged("post_install", "-at_install")
class TestOrderingAttacks(BohOrderingCase):
    """The value added by overrides is a measurement of what happened:
    computed by the run, read by everyone, edited by nobody (a buyer could
    otherwise improve the figures he is judged by); the executive cannot
    start the update of the reordering rules."""

    def test_value_added_is_read_only(self):
        ValueAdded = self.env["boh.forecast.value.added"]
        count = ValueAdded.search_count([])
        for user in (self.buyer, self.executive, self.manager_a):
            Model = ValueAdded.with_user(user)
            with self.subTest(user=user.login):
                self.assertTrue(Model.has_access("read"))
                for operation in ("write", "create", "unlink"):
                    self.assertFalse(Model.has_access(operation))
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    Model.create({})
        self.assertEqual(ValueAdded.search_count([]), count)

    def test_executive_cannot_update_reordering_rules(self):
        run = self.env["boh.forecast.run"].create({"date_origin": "2025-05-01"})
        run._boh_workflow().write({"state": "done"})
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        count = Orderpoint.search_count([])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            run.with_user(self.executive).action_update_orderpoints()
        self.assertEqual(Orderpoint.search_count([]), count)
