from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        res = super().write(vals)
        if vals.get("users") or vals.get("implied_ids"):
            # Odoo adds implied groups to users in SQL (an app installed later
            # may make a group imply its own): BOH roles keep only their own.
            users = self.users | self.env["res.users"].search(
                [("groups_id", "in", self.ids)]
            )
            users._boh_sync_role_groups()
        return res
