from odoo import models
from odoo.tools import float_compare, float_is_zero


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    def _boh_lot_fefo(self):
        """Whether the scrap should take lots itself: a lot-tracked product
        scrapped without a lot (BOH's waste and receiving screens ask for
        none) takes the lots of the location first expiry first out."""
        self.ensure_one()
        return self.product_id.tracking == "lot" and not self.lot_id

    def check_available_qty(self):
        if not (self._should_check_available_qty() and self._boh_lot_fefo()):
            return super().check_available_qty()
        # Any lot of the location counts (the default only counts the goods
        # without a lot).
        available = self.env["stock.quant"]._get_available_quantity(
            self.product_id,
            self.location_id,
            package_id=self.package_id or None,
            owner_id=self.owner_id or None,
        )
        qty = self.product_uom_id._compute_quantity(
            self.scrap_qty, self.product_id.uom_id
        )
        return (
            float_compare(
                available, qty, precision_rounding=self.product_id.uom_id.rounding
            )
            >= 0
        )

    def _prepare_move_values(self):
        vals = super()._prepare_move_values()
        if not self._boh_lot_fefo():
            return vals
        template = vals["move_line_ids"][0][2]
        uom = self.product_id.uom_id
        todo = self.product_uom_id._compute_quantity(self.scrap_qty, uom)
        lines = []
        # The location's quants in the removal strategy's order (FEFO for
        # perishable categories), goods without a lot last.
        for quant in self.env["stock.quant"]._gather(
            self.product_id,
            self.location_id,
            package_id=self.package_id or None,
            owner_id=self.owner_id or None,
        ):
            if float_is_zero(todo, precision_rounding=uom.rounding):
                break
            free = quant.quantity - quant.reserved_quantity
            if (
                not quant.lot_id
                or float_compare(free, 0, precision_rounding=uom.rounding) <= 0
            ):
                continue
            taken = min(free, todo)
            lines.append(
                (
                    0,
                    0,
                    {
                        **template,
                        "product_uom_id": uom.id,
                        "quantity": taken,
                        "lot_id": quant.lot_id.id,
                        "location_id": quant.location_id.id,
                    },
                )
            )
            todo -= taken
        if lines and float_is_zero(todo, precision_rounding=uom.rounding):
            vals["move_line_ids"] = lines
        return vals
