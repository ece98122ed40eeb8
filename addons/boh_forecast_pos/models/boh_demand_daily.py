from odoo import api, models
from odoo.tools import SQL

POS_DONE_STATES = ["paid", "done", "invoiced"]


class BohDemandDaily(models.Model):
    _inherit = "boh.demand.daily"

    @api.model
    def _get_stock_excluded_picking_types(self):
        """POS orders are counted from the orders, not from their pickings."""
        types = super()._get_stock_excluded_picking_types()
        # sudo: technical read of every POS operation type, ids only
        configs_sudo = self.env["pos.config"].sudo().with_context(active_test=False)
        return types + configs_sudo.search([]).picking_type_id.ids

    @api.model
    def _ingest_pos_orders(self, since=None):
        """Upsert the day totals of every store-day touched by a POS order.

        A store is the warehouse of the POS's operation type; the day is the
        order's date in the store's time zone; refunds (negative lines) lower
        the day's total.  The day's net sales are the sum of the lines'
        ``price_subtotal`` (excluding taxes).  Store-days touched since
        ``since`` (default: the stored watermark) are recomputed in full, so a
        re-run adds nothing.
        """
        key = "boh_forecast_pos.watermark"
        since = self._get_watermark(key, since)
        for model in ("pos.order", "pos.order.line"):
            self.env[model].flush_model()
        lines = SQL(
            """
                    SELECT s.id AS store_id, l.product_id, %(day)s AS day, l.qty,
                           l.price_subtotal AS amount, o.write_date
                      FROM pos_order_line l
                      JOIN pos_order o ON o.id = l.order_id
                      JOIN pos_session ps ON ps.id = o.session_id
                      JOIN pos_config c ON c.id = ps.config_id
                      JOIN stock_picking_type pt ON pt.id = c.picking_type_id
                      JOIN boh_store s ON s.warehouse_id = pt.warehouse_id
                      JOIN product_product p ON p.id = l.product_id
                      JOIN product_template t ON t.id = p.product_tmpl_id
                     WHERE o.state = ANY(%(states)s) AND t.type = 'consu'
                       AND s.store_type = 'store'
                """,
            day=self._local_day_sql(SQL("o.date_order")),
            states=POS_DONE_STATES,
        )
        return self._upsert_touched_days("pos", key, lines, since, with_amount=True)

    @api.model
    def _ingest_all(self):
        return super()._ingest_all() + self._ingest_pos_orders()
