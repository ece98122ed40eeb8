from odoo import api, fields, models
from odoo.fields import Command

# BOH roles whose users hold, of Odoo's applications (Inventory, Purchase,
# Manufacturing, Point of Sale, Accounting...), only the access levels the role
# itself implies. BOH administrators keep what they are given.
# Whose home a user gets, the first role held (directly or implied) wins.
BOH_HOME_ORDER = (
    "boh_base.group_boh_admin",
    "boh_base.group_boh_buyer",
    "boh_base.group_boh_area_manager",
    "boh_base.group_boh_store_manager",
    "boh_base.group_boh_store_user",
    "boh_base.group_boh_executive",
)
BOH_SCOPED_ROLES = (
    "boh_base.group_boh_store_user",
    "boh_base.group_boh_store_manager",
    "boh_base.group_boh_area_manager",
    "boh_base.group_boh_buyer",
    "boh_base.group_boh_executive",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    boh_store_ids = fields.Many2many(
        "boh.store",
        string="BOH Stores",
        compute="_compute_boh_store_ids",
        help="Stores where the user works (as staff or manager).",
    )

    def _compute_boh_store_ids(self):
        # sudo: the membership of a user is public inside the company; the
        # stores themselves stay filtered by their record rules when opened.
        stores = self.env["boh.store"].sudo().search([("member_ids", "in", self.ids)])
        for user in self:
            user.boh_store_ids = stores.filtered(lambda s, u=user: u in s.member_ids)

    # ------------------------------------------------------------------
    # A BOH role holds exactly the Odoo rights it needs
    # ------------------------------------------------------------------
    @api.model
    def _boh_grantable_groups(self):
        """The groups Odoo hands out without asking: the access levels of its
        applications (the selections of the user form: Inventory, Purchase,
        Manufacturing...) and the groups of the default user template."""
        ref = self.env.ref
        skip = ref("boh_base.module_category_boh") | ref(
            "base.module_category_user_type"
        )
        groups = self.env["res.groups"]
        for category, kind, app_groups, _name in (
            self.env["res.groups"].sudo().get_groups_by_application()
        ):
            if kind == "selection" and category not in skip:
                groups |= app_groups
        template = ref("base.default_user", raise_if_not_found=False)
        if template:
            groups |= template.sudo().groups_id
        return groups

    def _boh_sync_role_groups(self):
        """Take from users with a BOH role the Odoo groups their role does not
        imply.

        Odoo gives every group of the default user template to new users and,
        when an app is installed later, to every internal user: store staff
        would become Purchase and Inventory administrators. A BOH role is the
        whole of such a user's rights beyond what every employee has (the
        features implied by Employee, and exporting); BOH administrators and
        Odoo's settings administrators keep what they are given.
        """
        ref = self.env.ref
        keep_all = ref("boh_base.group_boh_admin", raise_if_not_found=False)
        if not keep_all:
            return  # boh_base is being installed: its roles do not exist yet
        keep_all |= ref("base.group_system")
        scoped = self.env["res.groups"]
        for xmlid in BOH_SCOPED_ROLES:
            scoped |= ref(xmlid, raise_if_not_found=False) or scoped
        users = self.sudo().filtered(
            lambda u: u.groups_id & scoped and not u.groups_id & keep_all
        )
        if not users:
            return
        employee = ref("base.group_user")
        everyone = employee | employee.trans_implied_ids
        export = ref("base.group_allow_export", raise_if_not_found=False)
        if export:
            everyone |= export
        grantable = self._boh_grantable_groups()
        for user in users:
            roles = user.groups_id & scoped
            allowed = roles | roles.trans_implied_ids | everyone
            extra = (user.groups_id & grantable) - allowed
            if extra:
                # Only groups the role does not grant are removed; nothing is
                # added (sudo: a user may not edit their own groups).
                user.with_context(boh_role_sync=True).write(
                    {"groups_id": [Command.unlink(g.id) for g in extra]}
                )

    def _boh_sync_home_action(self):
        """Each role lands on its BOH home after login (the role's home
        action, see ``res.groups.boh_home_action_id``), unless the user was
        given a home of another kind."""
        ref = self.env.ref
        roles = [ref(x, raise_if_not_found=False) for x in BOH_HOME_ORDER]
        roles = [g for g in roles if g and g.boh_home_action_id]
        if not roles:
            return
        homes = self.env["ir.actions.act_window"].browse(
            [g.boh_home_action_id.id for g in roles]
        )
        for user in self.sudo():
            if user.action_id and user.action_id.id not in homes.ids:
                continue  # chosen by an administrator
            home = next(
                (g.boh_home_action_id for g in roles if g in user.groups_id),
                user.action_id.browse(),
            )
            if user.action_id.id != home.id:
                # sudo: the home action is part of the role, not the user's
                # choice; nothing else is written.
                user.with_context(boh_role_sync=True).action_id = home.id

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._boh_sync_role_groups()
        users._boh_sync_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        groups_changed = "groups_id" in vals or any(
            key.startswith(("in_group_", "sel_groups_")) for key in vals
        )
        if groups_changed and not self.env.context.get("boh_role_sync"):
            # Odoo writes newly installed apps' default groups to every
            # internal user through this same method.
            self._boh_sync_role_groups()
            self._boh_sync_home_action()
        return res
