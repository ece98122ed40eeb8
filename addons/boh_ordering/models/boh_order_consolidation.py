from odoo import _, fields, models, tools
from odoo.exceptions import UserError


class BohOrderConsolidation(models.Model):
    """What all stores ordered from a central site for a delivery date.

    One row per delivery date, source site and product, in the product's unit,
    with the stock on hand at the source and the shortfall.
    """

    _name = "boh.order.consolidation"
    _description = "BOH Store Order Consolidation"
    _auto = False
    _order = "delivery_date desc, source_store_id, product_id"

    delivery_date = fields.Date(readonly=True)
    source_store_id = fields.Many2one("boh.store", string="Source Site", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    qty_ordered = fields.Float(string="Ordered", readonly=True, aggregator="sum")
    store_count = fields.Integer(string="Stores", readonly=True, aggregator="max")
    order_count = fields.Integer(string="Orders", readonly=True, aggregator="sum")
    qty_available = fields.Float(
        string="On Hand at Source", readonly=True, aggregator="sum"
    )
    qty_shortfall = fields.Float(string="Shortfall", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE OR REPLACE VIEW boh_order_consolidation AS (
                WITH demand AS (
                    SELECT MIN(l.id) AS id,
                           o.delivery_date,
                           o.source_store_id,
                           l.product_id,
                           pt.uom_id AS product_uom_id,
                           o.company_id,
                           SUM(l.qty_ordered / lu.factor * pu.factor) AS qty_ordered,
                           COUNT(DISTINCT o.store_id) AS store_count,
                           COUNT(DISTINCT o.id) AS order_count
                      FROM boh_store_order_line l
                      JOIN boh_store_order o ON o.id = l.order_id
                      JOIN product_product pp ON pp.id = l.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                      JOIN uom_uom lu ON lu.id = l.product_uom_id
                      JOIN uom_uom pu ON pu.id = pt.uom_id
                     WHERE o.state IN ('submitted', 'approved', 'fulfilling')
                       AND o.source_store_id IS NOT NULL
                  GROUP BY o.delivery_date, o.source_store_id, l.product_id,
                           pt.uom_id, o.company_id
                ),
                stock AS (
                    SELECT s.id AS source_store_id, q.product_id,
                           SUM(q.quantity) AS qty
                      FROM stock_quant q
                      JOIN stock_location loc ON loc.id = q.location_id
                      JOIN boh_store s ON s.warehouse_id = loc.warehouse_id
                     WHERE loc.usage = 'internal'
                  GROUP BY s.id, q.product_id
                )
                SELECT d.id, d.delivery_date, d.source_store_id, d.product_id,
                       d.product_uom_id, d.company_id, d.qty_ordered,
                       d.store_count, d.order_count,
                       COALESCE(st.qty, 0.0) AS qty_available,
                       GREATEST(d.qty_ordered - COALESCE(st.qty, 0.0), 0.0)
                           AS qty_shortfall
                  FROM demand d
             LEFT JOIN stock st ON st.source_store_id = d.source_store_id
                                AND st.product_id = d.product_id
            )
            """
        )

    def _get_orders(self):
        domain = [("state", "in", ("submitted", "approved", "fulfilling"))]
        keys = {(r.delivery_date, r.source_store_id.id) for r in self}
        orders = self.env["boh.store.order"].search(
            domain
            + [
                ("delivery_date", "in", [k[0] for k in keys]),
                ("source_store_id", "in", [k[1] for k in keys]),
            ]
        )
        return orders.filtered(
            lambda o: (o.delivery_date, o.source_store_id.id) in keys
        )

    def action_print_pick_lists(self):
        orders = self._get_orders()
        if not orders:
            raise UserError(_("No submitted or approved order for these rows."))
        return self.env.ref("boh_ordering.action_report_pick_list").report_action(
            orders
        )
