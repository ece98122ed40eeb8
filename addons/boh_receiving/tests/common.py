from odoo.addons.boh_ordering.tests.test_receiving_common import BohStoreOpsCase


class BohReceivingCase(BohStoreOpsCase):
    """The store operations case of boh_ordering, received with the wizard."""

    def _receive(self, order, user, values, create_backorder=False):
        """Run the receiving wizard as ``user``; ``values``: product -> dict."""
        order = order.with_user(user)
        action = order.action_open_receive_wizard()
        wizard = self.env["boh.receive.wizard"].with_user(user).browse(action["res_id"])
        wizard.create_backorder = create_backorder
        for line in wizard.line_ids:
            if line.product_id in values:
                line.write(values[line.product_id])
        wizard.action_confirm()
        return wizard
