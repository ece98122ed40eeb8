from odoo import _, api, fields, models
from odoo.exceptions import UserError

COUNT_STATES = [("draft", "Draft"), ("done", "Posted"), ("cancel", "Cancelled")]


class BohStockCount(models.Model):
    """A count sheet of a store's stock, in the walk order of its order guide.

    Posting the sheet sets the counted quantities on the quants of the store's
    stock location and applies them (``stock.quant`` inventory mode), so the
    differences become ordinary inventory adjustment moves.
    """

    _name = "boh.stock.count"
    _description = "BOH Stock Count"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "boh.store.document.mixin",
        "boh.input.mixin",
        "boh.guard.mixin",
    ]
    _order = "date desc, id desc"
    # Posting (which adjusts the stock) sets these; never written directly.
    _boh_workflow_fields = frozenset({"state", "move_ids"})
    _boh_create_only_fields = frozenset({"store_id"})
    _boh_sequence_code = "boh.stock.count"
    _boh_state_errors = {
        "unlink": lambda env, **args: env._(
            "Count %(name)s is posted and cannot be deleted.", **args
        ),
        "edit": lambda env, **args: env._(
            "Count %(name)s is not a draft any more.", **args
        ),
        "draft": lambda env, **args: env._("Count %(name)s is not cancelled.", **args),
    }

    location_id = fields.Many2one(
        "stock.location",
        related="store_id.lot_stock_id",
        string="Stock Location",
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Counted By", default=lambda self: self.env.user
    )
    state = fields.Selection(
        COUNT_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "boh.stock.count.line", "count_id", string="Lines", copy=True
    )
    move_ids = fields.Many2many(
        "stock.move",
        "boh_stock_count_move_rel",
        "count_id",
        "move_id",
        string="Adjustment Moves",
        readonly=True,
        copy=False,
    )
    amount_difference = fields.Monetary(
        string="Difference Value", compute="_compute_amount_difference", store=True
    )
    note = fields.Text()

    @api.depends("line_ids.amount_difference")
    def _compute_amount_difference(self):
        for count in self:
            count.amount_difference = sum(count.line_ids.mapped("amount_difference"))

    def _get_guide_lines(self):
        """Order guide lines of the store, in shelf walk order."""
        self.ensure_one()
        # sudo: only the guide lines of the count's own store are read (the record
        # rules of boh.stock.count decide who sees that store), to list products.
        return (
            self.env["boh.order.guide.line"]
            .sudo()
            .search(self._get_guide_line_domain())
            .sorted(lambda line: (line.sequence, line.id))
        )

    def _get_guide_line_domain(self):
        self.ensure_one()
        return [
            ("guide_id.store_ids", "in", self.store_id.ids),
            ("guide_id.active", "=", True),
        ]

    def _check_draft(self):
        self._check_state(("draft",), "edit")

    def action_load_guide(self):
        """(Re)fill the sheet with the products of the store's guide."""
        self._check_draft()
        for count in self:
            guide_lines = count._get_guide_lines()
            if not guide_lines:
                raise UserError(
                    _(
                        "Count %(count)s: store %(store)s has no order guide to"
                        " count from.",
                        count=count.name,
                        store=count.store_id.display_name,
                    )
                )
            known = set(count.line_ids.product_id.ids)
            values = []
            seen = set()
            for guide_line in guide_lines:
                product = guide_line.product_id
                if product.id in known or product.id in seen:
                    continue
                seen.add(product.id)
                values.append(count._prepare_line_values(guide_line))
            self.env["boh.stock.count.line"].create(values)
            count.line_ids._compute_sequence_from_guide()
        return True

    def _prepare_line_values(self, guide_line):
        return {
            "count_id": self.id,
            "product_id": guide_line.product_id.id,
            "product_uom_id": guide_line.product_id.uom_id.id,
        }

    def action_post(self):
        """Apply the counted quantities on the store's stock location."""
        self._check_draft()
        for count in self:
            if not count.line_ids:
                raise UserError(
                    _("Count %(count)s has no line to post.", count=count.name)
                )
            count.line_ids._check_guide_product()
            count.line_ids._update_qty_theoretical()
            count._apply_inventory()
        self._boh_workflow().write({"state": "done"})
        return True

    def _apply_inventory(self):
        self.ensure_one()
        # Store staff have no stock rights of their own: they may post the count
        # of their own store (the record rules on boh.stock.count checked that),
        # and the adjustment only touches that store's stock location.
        self.check_access("write")
        Quant = self.env["stock.quant"].sudo()
        location = self.store_id.lot_stock_id
        quants = Quant
        for line in self.line_ids:
            product = line.product_id
            quant = Quant._gather(product, location, strict=True).filtered(
                lambda q: not q.lot_id and not q.package_id and not q.owner_id
            )[:1]
            if not quant:
                quant = Quant.create(
                    {"product_id": product.id, "location_id": location.id}
                )
            quant.write(
                {
                    "inventory_quantity": line.product_uom_id._compute_quantity(
                        line.qty_counted, product.uom_id
                    ),
                    "user_id": self.env.user.id,
                }
            )
            quants |= quant
        last_move_id = (
            self.env["stock.move"].sudo().search([], order="id desc", limit=1).id or 0
        )
        result = quants.with_context(
            inventory_mode=True, inventory_name=self.name
        ).action_apply_inventory()
        if isinstance(result, dict):
            raise UserError(
                _(
                    "Count %(count)s cannot be posted: %(problem)s",
                    count=self.name,
                    problem=result.get("name"),
                )
            )
        moves_sudo = (
            self.env["stock.move"]
            .sudo()
            .search(
                [
                    ("id", ">", last_move_id),
                    ("is_inventory", "=", True),
                    ("product_id", "in", self.line_ids.product_id.ids),
                    "|",
                    ("location_id", "=", location.id),
                    ("location_dest_id", "=", location.id),
                ]
            )
        )
        self.sudo().move_ids = moves_sudo

    def action_cancel(self):
        self._check_draft()
        self._boh_workflow().write({"state": "cancel"})
        return True

    def action_draft(self):
        self._check_state(("cancel",), "draft")
        self._boh_workflow().write({"state": "draft"})
        return True

    def action_view_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "stock.stock_move_action"
        )
        action["domain"] = [("id", "in", self.move_ids.ids)]
        action["context"] = {}
        return action
