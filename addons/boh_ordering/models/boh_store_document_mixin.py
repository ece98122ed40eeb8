from odoo import api, fields, models
from odoo.exceptions import UserError


class BohStoreDocumentMixin(models.AbstractModel):
    """The header of a document of a store (order, claim, waste, count).

    Its reference comes from the ``ir.sequence`` of ``_boh_sequence_code``;
    it belongs to one store and to its company; it is deleted only as a
    draft (or cancelled); its buttons refuse to act in the wrong state with a
    whole sentence of ``_boh_state_errors``. Each sentence is a function
    ``(env, **args) -> env._("... %(name)s ... %(state)s ...", **args)``.
    """

    _name = "boh.store.document.mixin"
    _description = "BOH Store Document"
    # Code of the ir.sequence that numbers the documents.
    _boh_sequence_code = None
    # {action: refusal of the action in the document's state}; the action
    # "unlink" refuses to delete a document that is not a draft (or cancelled).
    _boh_state_errors = {}

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    store_id = fields.Many2one(
        "boh.store",
        required=True,
        index=True,
        tracking=True,
        domain="[('store_type', '=', 'store')]",
        default=lambda self: self._boh_default_store(),
    )
    # A store document belongs to its store's company (record rules filter on it).
    company_id = fields.Many2one(
        "res.company",
        related="store_id.company_id",
        store=True,
        index=True,
        readonly=True,
    )
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", readonly=True
    )

    @api.model
    def _boh_default_store(self):
        """The store a new document belongs to: the user's first store."""
        return self.env["boh.store"]._get_user_stores()[:1]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code(self._boh_sequence_code) or "/"
                )
        return super().create(vals_list)

    def _boh_state_label(self):
        """The state of the document as the user reads it."""
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        return states.get(self.state, self.state)

    def _boh_state_error(self, message):
        """The error ``message`` (a function of the environment, the name and
        the state giving a whole translated sentence) about this document."""
        self.ensure_one()
        return UserError(
            message(self.env, name=self.name, state=self._boh_state_label())
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for document in self:
            if document.state not in ("draft", "cancel"):
                raise document._boh_state_error(self._boh_state_errors["unlink"])

    def _check_state(self, states, action):
        """Refuse ``action`` (a key of ``_boh_state_errors``) on documents
        that are not in one of ``states``."""
        for document in self:
            if document.state not in states:
                raise document._boh_state_error(self._boh_state_errors[action])
