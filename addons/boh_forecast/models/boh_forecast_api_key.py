import hashlib
import hmac
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError

KEY_PREFIX = "boh"


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class BohForecastApiKey(models.Model):
    """A key with which an external POS system sends sales of one company.

    Only the SHA-256 hash of the key is stored (the key is random, 32 bytes,
    so a fast hash is enough); the key itself is shown once, when generated.
    """

    _name = "boh.forecast.api.key"
    _description = "BOH Sales API Key"
    _order = "name"

    name = fields.Char(required=True, help="Who uses the key (the POS vendor).")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sent As",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        help="The key sends sales with the rights of this user: only the stores"
        " and products the user may read are accepted.",
    )
    key_index = fields.Char(readonly=True, index=True, copy=False)
    key_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    last_used = fields.Datetime(readonly=True, copy=False)

    def action_generate_key(self):
        """Create a new key (the old one stops working) and show it once."""
        self.ensure_one()
        # the caller must be allowed to change the key before the sudo below
        self.check_access("write")
        index = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        key = f"{KEY_PREFIX}_{index}_{secret}"
        # sudo: the hash field is hidden from everyone; the admin sets it here
        self.sudo().write({"key_index": index, "key_hash": _hash(key)})
        wizard = self.env["boh.forecast.api.key.show"].create(
            {"api_key_id": self.id, "key": key}
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("New API key"),
            "res_model": "boh.forecast.api.key.show",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _authenticate(self, key):
        """The active key record matching ``key`` (sudo), or an empty record."""
        parts = (key or "").split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            return self.browse()
        # sudo: no user is logged in yet; the key hash decides
        candidates = self.sudo().search([("key_index", "=", parts[1])])
        wanted = _hash(key)
        for candidate_sudo in candidates:
            if candidate_sudo.key_hash and hmac.compare_digest(
                candidate_sudo.key_hash, wanted
            ):
                return candidate_sudo
        return self.browse()


class BohForecastApiKeyShow(models.TransientModel):
    _name = "boh.forecast.api.key.show"
    _description = "BOH New API Key"

    api_key_id = fields.Many2one("boh.forecast.api.key", required=True)
    key = fields.Char(readonly=True)

    def action_close(self):
        if not self.api_key_id.key_index:
            raise UserError(_("The key was not generated."))
        return {"type": "ir.actions.act_window_close"}
