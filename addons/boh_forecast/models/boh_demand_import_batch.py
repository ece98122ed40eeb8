from odoo import fields, models


class BohDemandImportBatch(models.Model):
    """A batch of sales received by the API or an import, by idempotency key.

    Sending the same batch again returns the stored result without writing
    anything; a different batch under a used key is refused.
    """

    _name = "boh.demand.import.batch"
    _description = "BOH Sales Import Batch"
    _order = "id desc"
    _rec_name = "idempotency_key"

    idempotency_key = fields.Char(required=True, readonly=True)
    source = fields.Selection(
        [("import", "Import"), ("api", "External POS (API)")],
        required=True,
        readonly=True,
    )
    payload_hash = fields.Char(readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    rows_changed = fields.Integer(readonly=True)
    api_key_id = fields.Many2one(
        "boh.forecast.api.key", readonly=True, ondelete="set null"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)

    _sql_constraints = [
        (
            "key_unique",
            "unique(company_id, source, idempotency_key)",
            "This idempotency key has already been used.",
        ),
    ]
