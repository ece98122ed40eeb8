from odoo.tests import tagged

from odoo.addons.boh_base.tests.common import BohCase


@tagged("post_install", "-at_install")
class TestMeasuresReadOnly(BohCase):
    """Forecast accuracy is a measurement of what happened: computed by the
    run, read by everyone, edited by nobody (a buyer could otherwise improve
    the figures he is judged by)."""

    def test_measurements_are_read_only(self):
        for user in (self.buyer, self.executive, self.manager_a):
            Model = self.env["boh.forecast.accuracy"].with_user(user)
            with self.subTest(user=user.login):
                self.assertTrue(Model.has_access("read"))
                for operation in ("write", "create", "unlink"):
                    self.assertFalse(Model.has_access(operation))
