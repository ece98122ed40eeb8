from odoo import api, models


class BohStoreOrderTier(models.Model):
    """Approval tiers (base_tier_validation) between submitted and approved."""

    _name = "boh.store.order"
    _inherit = ["boh.store.order", "tier.validation"]
    _state_from = ["submitted"]
    _state_to = ["approved", "fulfilling"]
    _cancel_state = "cancel"
    _tier_validation_manual_config = False

    def _get_under_validation_exceptions(self):
        # The approval itself writes these while reviews are open.
        return super()._get_under_validation_exceptions() + [
            "approved_by_id",
            "approved_date",
            "procurement_group_id",
            "late_approved",
        ]


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["boh.store.order"]
