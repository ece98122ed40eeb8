import json
import logging
import time
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..lib.chain_generator import generate_chain

_logger = logging.getLogger(__name__)

# The size of the chain loaded as the addons' demo data.
DEMO_CHAIN = {"seed": 42, "stores": 6, "products": 40, "days": 120, "suppliers": 5}
DEMO_TZ = "Asia/Shanghai"


class BohDemoLoader(models.AbstractModel):
    """Write a generated chain (``lib/chain_generator.py``) into Odoo.

    Master data only (regions, sites, suppliers, products, users per role), in
    batches through the ORM.  Each later addon extends ``load_chain`` to load
    its own part (sales history, order guides, inspections, purchase orders)
    from the same :class:`Chain`.  Loading twice adds nothing: records are
    matched by code (region, site), reference (supplier), internal reference
    (product) and login (user).
    """

    _name = "boh.demo.loader"
    _description = "BOH Demo Chain Loader"

    @api.model
    def load_demo_chain(self):
        """Entry point of the demo data: a small chain with demo passwords,
        whose sales history ends yesterday so that forecasts start today."""
        self._check_demo_loader_access()
        start = fields.Date.context_today(self) - timedelta(days=DEMO_CHAIN["days"])
        return self.load_chain(passwords=True, start=start, **DEMO_CHAIN)

    @api.model
    def _load_demo_part(self, load):
        """Load one addon's part of the demo chain when that addon installs.

        The addons of a database install in one pass, each loading its demo
        data as it comes: when boh_base's demo runs, the later addons' parts
        of ``load_chain`` are not there yet. So each addon's demo data calls
        this with its own part: the chain boh_base loaded is generated again
        from its stored parameters, its master data matched (nothing is
        created twice), and ``load(result)`` adds the addon's records.
        Returns False when no demo chain was loaded.
        """
        self._check_demo_loader_access()
        stored = self.env["ir.config_parameter"].sudo().get_param("boh_base.demo_chain")
        if not stored:
            return False
        params = json.loads(stored)
        chain = generate_chain(
            seed=params["seed"],
            stores=params["stores"],
            products=params["products"],
            days=params["days"],
            suppliers=params["suppliers"],
            start=date.fromisoformat(params["start"]),
        )
        result = {"chain": chain, "timings": {}}
        for step in ("users", "regions", "sites", "suppliers", "products"):
            # demo users: password = login
            result[step] = getattr(self, f"_load_{step}")(chain, result, True)
        load(result)
        return True

    @api.model
    def _check_demo_loader_access(self):
        # It creates users whose password is their login: administrators only.
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(
                _(
                    "Only administrators can load a demo chain (%(user)s cannot).",
                    user=self.env.user.display_name,
                )
            )

    @api.model
    def _install_language(self, code):
        """Install a language the way *Settings > Languages* does: active, and
        the terms of every installed addon loaded (activating it alone would
        leave the addons installed before it untranslated)."""
        lang = (
            self.env["res.lang"]
            .with_context(active_test=False)
            .search([("code", "=", code)])
        )
        if lang.active:
            return lang
        lang = self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to upgrade"))]
        )._update_translations(code)
        return lang

    @api.model
    def load_chain(self, chain=None, passwords=False, **params):
        """Generate (unless given) and load a chain; return records and timings."""
        self._check_demo_loader_access()
        timings = {}
        started = time.perf_counter()
        if chain is None:
            chain = generate_chain(**params)
            timings["generate"] = time.perf_counter() - started
        result = {"chain": chain, "timings": timings}
        for step in ("users", "regions", "sites", "suppliers", "products"):
            t0 = time.perf_counter()
            result[step] = getattr(self, f"_load_{step}")(chain, result, passwords)
            timings[step] = time.perf_counter() - t0
        self.env["ir.config_parameter"].sudo().set_param(
            "boh_base.demo_chain",
            json.dumps(
                {
                    "seed": chain.seed,
                    "stores": len(chain.stores),
                    "products": len(chain.products),
                    "days": chain.days,
                    "suppliers": len(chain.suppliers),
                    "start": chain.start.isoformat(),
                }
            ),
        )
        _logger.info(
            "BOH demo chain loaded: %s",
            ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()),
        )
        return result

    def _quiet_env(self, **context):
        """The environment the demo records are created in: no tracking
        values, no "created" note in the chatter, plus ``context``."""
        return self.env(
            context=dict(
                self.env.context,
                tracking_disable=True,
                mail_notrack=True,
                mail_create_nolog=True,
                **context,
            )
        )

    def _existing(self, model, key, values):
        records = (
            self.env[model]
            .with_context(active_test=False)
            .search([(key, "in", list(values))])
        )
        return {rec[key]: rec for rec in records}

    def _load_regions(self, chain, result, passwords):
        Region = self.env["boh.region"]
        existing = self._existing("boh.region", "code", [r.code for r in chain.regions])
        users = result["users"]
        new = Region.create(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "user_ids": [(6, 0, [users[f"am.{r.code.lower()}"].id])],
                }
                for r in chain.regions
                if r.code not in existing
            ]
        )
        return {**existing, **{r.code: r for r in new}}

    def _load_sites(self, chain, result, passwords):
        regions, users = result["regions"], result["users"]
        existing = self._existing("boh.store", "code", [s.code for s in chain.sites])

        def people(site):
            if site.site_type != "store":
                return {}
            code = site.code.lower()
            return {
                "manager_id": users[f"sm.{code}"].id,
                "user_ids": [(6, 0, [users[f"staff.{code}"].id])],
                "area_manager_id": users[f"am.{site.region_code.lower()}"].id,
            }

        new = self.env["boh.store"].create(
            [
                {
                    "name": site.name,
                    "code": site.code,
                    "store_type": site.site_type,
                    "region_id": regions[site.region_code].id
                    if site.region_code
                    else False,
                    "latitude": site.latitude,
                    "longitude": site.longitude,
                    "tz": DEMO_TZ,
                    **people(site),
                }
                for site in chain.sites
                if site.code not in existing
            ]
        )
        return {**existing, **{s.code: s for s in new}}

    def _load_suppliers(self, chain, result, passwords):
        existing = self._existing(
            "res.partner", "ref", [s.ref for s in chain.suppliers]
        )
        new = self.env["res.partner"].create(
            [
                {
                    "name": s.name,
                    "ref": s.ref,
                    "is_company": True,
                    "city": s.city,
                }
                for s in chain.suppliers
                if s.ref not in existing
            ]
        )
        return {**existing, **{p.ref: p for p in new}}

    def _product_categories(self, chain):
        Category = self.env["product.category"]
        parent = Category.search(
            [("name", "=", "BOH"), ("parent_id", "=", False)], limit=1
        )
        parent = parent or Category.create({"name": "BOH"})
        names = sorted({p.category for p in chain.products})
        existing = {
            c.name: c
            for c in Category.search(
                [("parent_id", "=", parent.id), ("name", "in", names)]
            )
        }
        new = Category.create(
            [{"name": n, "parent_id": parent.id} for n in names if n not in existing]
        )
        return {**existing, **{c.name: c for c in new}}

    def _load_products(self, chain, result, passwords):
        suppliers = result["suppliers"]
        categories = self._product_categories(chain)
        existing = self._existing(
            "product.product", "default_code", [p.default_code for p in chain.products]
        )
        todo = [p for p in chain.products if p.default_code not in existing]
        uoms = {xmlid: self.env.ref(xmlid) for xmlid in {p.uom for p in todo}}
        new = self.env["product.product"].create(
            [
                {
                    "name": p.name,
                    "default_code": p.default_code,
                    "categ_id": categories[p.category].id,
                    "type": "consu",
                    "is_storable": True,
                    "uom_id": uoms[p.uom].id,
                    "uom_po_id": uoms[p.uom].id,
                    "standard_price": p.cost,
                    "list_price": p.price,
                    "boh_storage_type": p.storage_type,
                    "boh_shelf_life_days": p.shelf_life_days,
                    "seller_ids": [
                        (
                            0,
                            0,
                            {
                                "partner_id": suppliers[ref].id,
                                "price": price,
                                "min_qty": p.moq,
                                "delay": next(
                                    s.lead_time_days
                                    for s in chain.suppliers
                                    if s.ref == ref
                                ),
                            },
                        )
                        for ref, price in zip(p.supplier_refs, p.supplier_prices)
                    ],
                }
                for p in todo
            ]
        )
        by_code = {p.default_code: p for p in todo}
        self.env["product.packaging"].create(
            [
                {
                    "name": f"Case of {by_code[prod.default_code].pack_size}",
                    "product_id": prod.id,
                    "qty": by_code[prod.default_code].pack_size,
                }
                for prod in new
            ]
        )
        return {**existing, **{p.default_code: p for p in new}}

    def _user_specs(self, chain):
        """(login, name, group xml id) of a user per role."""
        specs = []
        for store in chain.stores:
            code = store.code.lower()
            specs.append(
                (f"sm.{code}", f"{store.name} Manager", "group_boh_store_manager")
            )
            specs.append(
                (f"staff.{code}", f"{store.name} Staff", "group_boh_store_user")
            )
        for region in chain.regions:
            specs.append(
                (
                    f"am.{region.code.lower()}",
                    f"{region.name} Area Manager",
                    "group_boh_area_manager",
                )
            )
        specs.append(("buyer", "Head Office Buyer", "group_boh_buyer"))
        specs.append(("exec", "Executive", "group_boh_executive"))
        return specs

    def _load_users(self, chain, result, passwords):
        specs = self._user_specs(chain)
        existing = self._existing("res.users", "login", [s[0] for s in specs])
        Users = self.env["res.users"].with_context(
            no_reset_password=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        vals_list = []
        for login, name, group in specs:
            if login in existing:
                continue
            vals = {
                "login": login,
                "name": name,
                "tz": DEMO_TZ,
                "groups_id": [(6, 0, [self.env.ref(f"boh_base.{group}").id])],
            }
            if passwords:
                vals["password"] = login
            vals_list.append(vals)
        return {**existing, **{u.login: u for u in Users.create(vals_list)}}
