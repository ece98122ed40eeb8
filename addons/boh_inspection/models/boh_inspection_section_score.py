from odoo import fields, models


class BohInspectionSectionScore(models.Model):
    """The score of one section of a signed inspection, kept for reporting.

    Written by the sign-off only (users read them); a part of the signed
    visit, locked and covered by its hash.
    """

    _name = "boh.inspection.section.score"
    _description = "Inspection Section Score"
    _inherit = ["boh.inspection.lock.mixin"]
    _order = "inspection_id, section_sequence, id"
    _rec_name = "section_id"

    inspection_id = fields.Many2one(
        "boh.inspection", required=True, ondelete="cascade", index=True
    )
    section_id = fields.Many2one(
        "boh.inspection.section", required=True, ondelete="restrict", index=True
    )
    section_sequence = fields.Integer(
        related="section_id.sequence", store=True, string="Section Sequence"
    )
    template_id = fields.Many2one(related="inspection_id.template_id", store=True)
    store_id = fields.Many2one(related="inspection_id.store_id", store=True, index=True)
    region_id = fields.Many2one(related="inspection_id.region_id", store=True)
    date = fields.Date(related="inspection_id.date", store=True)
    score = fields.Float(string="Score (%)", aggregator="avg")
    earned = fields.Float(aggregator="sum")
    possible = fields.Float(aggregator="sum")
    is_scored = fields.Boolean(help="False when every item of the section was N/A.")
