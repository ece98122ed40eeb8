from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.boh_receiving.models.boh_claim import BohClaim as StoreClaim

SUPPLIER_ANSWERS = [
    ("accept_credit", "Accept: credit note"),
    ("replace", "Accept: replacement"),
    ("dispute", "Dispute"),
]


class BohClaim(models.Model):
    _name = "boh.claim"
    _inherit = ["boh.claim", "portal.mixin"]
    # The supplier's answer and its credit note come from the portal only.
    _boh_workflow_fields = StoreClaim._boh_workflow_fields | {
        "supplier_answer",
        "supplier_answer_note",
        "supplier_answer_date",
        "credit_move_id",
    }

    supplier_answer = fields.Selection(
        SUPPLIER_ANSWERS, readonly=True, copy=False, tracking=True
    )
    supplier_answer_note = fields.Text(readonly=True, copy=False)
    supplier_answer_date = fields.Datetime(readonly=True, copy=False)
    credit_move_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        claims._boh_adopt_photos()
        return claims

    def write(self, vals):
        res = super().write(vals)
        if "photo_ids" in vals:
            self._boh_adopt_photos()
        return res

    def _boh_adopt_photos(self):
        """Photos uploaded on a claim form before the claim was saved belong
        to no record yet: they become the claim's (``res_model``/``res_id``),
        so that its supplier can see them on the portal."""
        for claim in self:
            # sudo: reads the files linked to the claim to find the current
            # user's own uploads that belong to no record; only those move
            orphans = claim.sudo().photo_ids.filtered(
                lambda photo: (
                    not photo.res_id
                    and photo.res_model in (False, self._name)
                    and photo.create_uid == self.env.user
                )
            )
            if orphans:
                # sudo: the user's own files, attached to the claim they are
                # linked to; a store user may not write a claim's files
                orphans.sudo().write({"res_model": self._name, "res_id": claim.id})

    def _boh_portal_photos(self):
        """The photos the supplier sees: image files attached to this claim
        (``res_model``/``res_id``), never files of other records (another
        store's inspection photo) that are merely linked to it."""
        self.ensure_one()
        return self.photo_ids.filtered(
            lambda photo: (
                photo.res_model == self._name
                and photo.res_id == self.id
                and (photo.mimetype or "").startswith("image/")
            )
        )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for claim in self:
            claim.access_url = f"/my/boh/claim/{claim.id}"
        return res

    def action_open(self):
        """Open the claims and tell each supplier, with a link to the portal."""
        res = super().action_open()
        # sudo: the store user who opens the claim at receiving may have no
        # purchase rights (the order's name is read for the message); the
        # message stays theirs, with or without an email address
        for claim in self.sudo().filtered("partner_id"):
            claim.message_post(
                body=_(
                    "A receiving claim was opened on %(order)s, %(product)s: "
                    "%(qty)s %(uom)s (%(reason)s). Please answer it in the "
                    "supplier portal.",
                    order=claim.purchase_id.name or "-",
                    product=claim.product_id.display_name,
                    qty=claim.qty_claimed,
                    uom=claim.product_uom_id.name,
                    reason=dict(
                        self._fields["reason"]._description_selection(self.env)
                    )[claim.reason],
                ),
                partner_ids=claim.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return res

    def _boh_purchase_line(self):
        self.ensure_one()
        line = self.move_id.purchase_line_id
        if not line and self.purchase_id:
            line = self.purchase_id.order_line.filtered(
                lambda pol: pol.product_id == self.product_id
            )[:1]
        return line

    def _boh_supplier_answer(self, answer, note):
        """The supplier's answer: a credit note, a replacement or a dispute."""
        self.ensure_one()
        if answer not in dict(SUPPLIER_ANSWERS):
            raise UserError(_("Claim %(claim)s: choose an answer.", claim=self.name))
        note = (note or "").strip()
        if answer == "dispute" and not note:
            raise UserError(
                _(
                    "Claim %(claim)s: explain why you dispute it.",
                    claim=self.name,
                )
            )
        self.action_answer()
        self._boh_workflow().write(
            {
                "supplier_answer": answer,
                "supplier_answer_note": note,
                "supplier_answer_date": fields.Datetime.now(),
                "answer": note or dict(SUPPLIER_ANSWERS)[answer],
            }
        )
        if answer == "accept_credit":
            self._boh_create_credit_note()
        author = self.env.context.get("boh_author_id") or self.env.user.partner_id.id
        self.message_post(
            body=Markup("%s: %s<br/>%s")
            % (_("Supplier answer"), dict(SUPPLIER_ANSWERS)[answer], note),
            author_id=author,
        )
        return True

    def _boh_create_credit_note(self):
        """A draft vendor credit note (in_refund) for the claimed quantity."""
        self.ensure_one()
        if self.credit_move_id:
            return self.credit_move_id
        pol = self._boh_purchase_line()
        if not pol:
            raise UserError(
                _(
                    "Claim %(claim)s has no purchase order line to credit.",
                    claim=self.name,
                )
            )
        line_vals = pol._prepare_account_move_line()
        line_vals.update(
            {
                "quantity": self.product_uom_id._compute_quantity(
                    self.qty_claimed, pol.product_uom
                ),
                "price_unit": self.price_unit or pol.price_unit,
            }
        )
        move_vals = pol.order_id.with_context(
            default_move_type="in_refund"
        )._prepare_invoice()
        move_vals.update(
            {
                "move_type": "in_refund",
                "ref": self.name,
                "invoice_origin": f"{pol.order_id.name} {self.name}",
                "invoice_line_ids": [(0, 0, line_vals)],
            }
        )
        credit = (
            self.env["account.move"]
            .with_company(pol.company_id)
            .with_context(default_move_type="in_refund")
            .create(move_vals)
        )
        self._boh_workflow().credit_move_id = credit
        return credit
