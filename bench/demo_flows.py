#!/usr/bin/env python3
"""Acceptance walk of the three store-order flows on a running BOH demo.

Each step is taken by the demo user whose job it is, over XML-RPC (and, for
the supplier, over the portal with an HTTP session), the way the web client
and the portal pages call the server: the same public button methods, the
same forms. It mirrors ``addons/test_boh_flows/tests/test_flows.py``:

* central warehouse: the store manager orders from the guide, refreshes and
  submits; the approver approves; the buyer ships the central transfer; the
  store manager receives one unit short (a claim against the warehouse);
* central kitchen: the same, and the buyer first produces the manufacturing
  order (reserve, lot if tracked, quantity producing, mark done);
* supplier: the same up to the approval; the buyer confirms the purchase
  order; the supplier confirms it on the portal and posts a shipping notice
  with lots and expiry dates; the store manager receives one unit short (the
  wizard's lots are prefilled from the notice); the supplier answers the
  claim on the portal with a credit note; the buyer sees the credit note and
  the supplier's scorecard.

The administrator is used only to look up which users, stores and tier
definitions exist; every record is found and changed as the demo users see
it. Each user first sets its own language (``--lang``) in its preferences;
the walk checks that labels and error messages come back in it.

    python3 bench/demo_flows.py --url http://localhost:8069 --db boh --lang zh_CN

Demo passwords are the logins. Every run creates new orders (on the next free
delivery date of each source). Exit status 1 when a step failed.

One file past the usual size on purpose: the walk reads top to bottom as the
flows do, and an operator copies a single script to a server.
"""

import argparse
import re
import sys
import time
import xmlrpc.client
from contextlib import contextmanager
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import requests

CJK = re.compile(r"[\u4e00-\u9fff]")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SOURCES = ("central_warehouse", "central_kitchen", "supplier")
ROLE_XMLIDS = ("group_boh_area_manager", "group_boh_buyer", "group_boh_admin")


class StepError(Exception):
    """A step did not give what it should; the message says what."""


class FlowAborted(Exception):
    """A step of the flow failed: the following steps are skipped."""


def fault_text(exc):
    """The server's message of an XML-RPC fault (its traceback when it is
    not a user error), or the text of any other error."""
    if isinstance(exc, xmlrpc.client.Fault):
        return exc.faultString.strip()
    return str(exc).strip()


# ---------------------------------------------------------------------------
# Connections
# ---------------------------------------------------------------------------
class RpcUser:
    """A user logged in over XML-RPC; calls carry the user's own context
    (language, time zone), as the web client's calls do."""

    def __init__(self, url, db, login, password):
        self.url, self.db, self.login, self.password = url, db, login, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise StepError(f"cannot log in as {login} (password = login?)")
        self.models = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", allow_none=True
        )
        self.context = {}

    def __call__(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def call_returning_none(self, model, method, record_id):
        """Call a public method that returns None. Odoo commits the call
        before it writes the answer, and XML-RPC has no None: the fault
        "cannot marshal None" means the method ran; any other fault is
        raised."""
        try:
            return self(model, method, [record_id])
        except xmlrpc.client.Fault as exc:
            if "cannot marshal None" not in exc.faultString:
                raise
            return None

    def read_one(self, model, record_id, fields):
        rows = self(model, "read", [record_id], fields)
        if not rows:
            raise StepError(f"{self.login} cannot read {model},{record_id}")
        return rows[0]

    def set_lang(self, lang):
        """Write the user's own language (a preference every user may
        write), then take the user's context from the server."""
        self("res.users", "write", [self.uid], {"lang": lang})
        self.context = self("res.users", "context_get")
        return self.context.get("lang")


class PortalUser:
    """A supplier's portal session (login form, CSRF token of the pages)."""

    def __init__(self, url, db, login, password):
        self.url, self.login = url, login
        self.http = requests.Session()
        page = self.http.get(f"{url}/web/login", params={"db": db}, timeout=60)
        page.raise_for_status()
        answer = self.http.post(
            f"{url}/web/login",
            data={
                "login": login,
                "password": password,
                "db": db,
                "csrf_token": self.csrf(page.text),
                "redirect": "/my",
            },
            timeout=60,
        )
        if "/web/login" in answer.url:
            raise StepError(f"portal login of {login} refused")

    @staticmethod
    def csrf(html):
        found = re.search(r'name="csrf_token"\s+value="([^"]+)"', html) or re.search(
            r'csrf_token:\s*"([^"]+)"', html
        )
        if not found:
            raise StepError("no csrf_token on the page")
        return found.group(1)

    def get(self, path, **params):
        page = self.http.get(self.url + path, params=params, timeout=60)
        if page.status_code != 200:
            raise StepError(f"GET {path}: HTTP {page.status_code}")
        return page

    def post_form(self, page_path, action, fields):
        """Open ``page_path`` (for its CSRF token) and post ``fields`` (a list
        of pairs: repeated names allowed) to ``action``; the redirect target
        with its query (``success``/``error`` messages)."""
        token = self.csrf(self.get(page_path).text)
        answer = self.http.post(
            self.url + action,
            data=[("csrf_token", token), *fields],
            allow_redirects=False,
            timeout=120,
        )
        if answer.status_code not in (301, 302, 303):
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", answer.text))
            error = re.search(r"alert-danger[^>]*>(.*?)</div>", answer.text, re.S)
            detail = re.sub(r"<[^>]+>|\s+", " ", error.group(1)) if error else text
            raise StepError(f"POST {action}: HTTP {answer.status_code}: {detail[:500]}")
        location = answer.headers["Location"]
        query = parse_qs(urlsplit(location).query)
        if "error" in query:
            raise StepError(f"POST {action}: {query['error'][0]}")
        return urlsplit(location).path, query


# ---------------------------------------------------------------------------
# The walk
# ---------------------------------------------------------------------------
class Walk:
    def __init__(self, args):
        self.args = args
        self.results = []  # (flow, step, login, ok, summary)
        self.flow = "setup"
        self.users = {}
        self.today = date.today()
        self.lang = args.lang

    # -- reporting -------------------------------------------------------------
    def say(self, text=""):
        print(text, flush=True)

    def record(self, model, row, name_field="name", state_field="state", extra=""):
        name = row.get(name_field) or row.get("display_name") or ""
        state = row.get(state_field, "") if state_field else ""
        line = f"      {model},{row['id']}  {name}  [{state}]"
        self.say(line + (f"  {extra}" if extra else ""))
        return f"{model},{row['id']} {name} [{state}]"

    @contextmanager
    def step(self, label, user, abort=True):
        """Run a step as ``user``; a failure is recorded with the server's
        message and, unless ``abort`` is false, stops the flow."""
        login = user.login if user else "-"
        self.say(f"  - {label} (as {login})")
        entry = {"summary": []}
        try:
            yield entry
        except (xmlrpc.client.Fault, StepError, requests.RequestException) as exc:
            text = fault_text(exc)
            self.say("    FAILED: " + text.replace("\n", "\n      "))
            self.results.append((self.flow, label, login, False, text.splitlines()[-1]))
            if abort:
                raise FlowAborted(text) from exc
            return
        self.results.append(
            (self.flow, label, login, True, "; ".join(entry["summary"])[:90])
        )

    # -- people ------------------------------------------------------------------
    def user(self, login):
        if login not in self.users:
            self.users[login] = RpcUser(self.args.url, self.args.db, login, login)
        return self.users[login]

    def lookup(self):
        """As the administrator: the demo users, the store and the tiers."""
        admin = RpcUser(
            self.args.url, self.args.db, self.args.admin_login, self.args.admin_password
        )
        groups = {
            row["name"]: row["res_id"]
            for row in admin(
                "ir.model.data",
                "search_read",
                [
                    ("module", "=", "boh_base"),
                    ("model", "=", "res.groups"),
                    ("name", "in", list(ROLE_XMLIDS)),
                ],
                fields=["name", "res_id"],
            )
        }
        stores = admin(
            "boh.store",
            "search_read",
            [("store_type", "=", "store"), ("manager_id", "!=", False)]
            + ([("code", "=", self.args.store)] if self.args.store else []),
            fields=["code", "name", "manager_id", "region_id"],
            order="code",
        )
        if not stores:
            raise StepError("no store with a manager")
        store = stores[0]
        manager = admin.read_one("res.users", store["manager_id"][0], ["login"])
        region = admin.read_one("boh.region", store["region_id"][0], ["user_ids"])
        areas = admin(
            "res.users",
            "search_read",
            [
                ("id", "in", region["user_ids"]),
                ("groups_id", "in", groups["group_boh_area_manager"]),
            ],
            fields=["login"],
            order="login",
        )
        buyers = admin(
            "res.users",
            "search_read",
            [
                ("share", "=", False),
                ("groups_id", "in", groups["group_boh_buyer"]),
                ("groups_id", "not in", groups["group_boh_admin"]),
            ],
            fields=["login"],
            order="login",
        )
        if not areas or not buyers:
            raise StepError("no area manager of the store's region, or no buyer")
        tiers = admin(
            "tier.definition",
            "search_read",
            [("model", "=", "boh.store.order")],
            fields=["name", "reviewer_group_id", "definition_domain"],
        )
        approver = areas[0]["login"]
        tier_groups = {
            t["reviewer_group_id"] and t["reviewer_group_id"][0] for t in tiers
        }
        if tier_groups == {groups["group_boh_buyer"]}:
            approver = buyers[0]["login"]
        portal = admin(
            "res.users",
            "search_read",
            [("share", "=", True), ("login", "=like", "supplier%")],
            fields=["login", "partner_id"],
            order="login",
        )
        partners = admin(
            "res.partner",
            "read",
            [p["partner_id"][0] for p in portal],
            ["commercial_partner_id"],
        )
        suppliers = {
            p["commercial_partner_id"][0]: u["login"]
            for u, p in zip(portal, partners, strict=True)
        }
        self.people = {
            "store": store["code"],
            "manager": manager["login"],
            "approver": approver,
            "buyer": buyers[0]["login"],
            "suppliers": suppliers,
            "tiers": [t["name"] for t in tiers],
        }

    def set_languages(self):
        """Each user sets its own language; labels and the portal follow."""
        lang = self.args.lang
        suppliers = set(self.people["suppliers"].values())
        logins = [
            self.people["manager"],
            self.people["approver"],
            self.people["buyer"],
            *sorted(set(self.people["suppliers"].values())),
        ]
        for login in dict.fromkeys(logins):
            user = self.user(login)
            # A language the server does not give back is reported, and the
            # walk goes on in the language it gives (checked against that).
            with self.step(f"set own language {lang}", user, abort=False) as out:
                got = user.set_lang(lang)
                self.lang = got
                if got != lang:
                    installed = [c for c, _name in user("res.lang", "get_installed")]
                    raise StepError(
                        f"the user's context language is {got}, not {lang}: the"
                        f" database's active languages are {', '.join(installed)}"
                    )
                labels = {}
                if login not in suppliers:  # portal users read no store order
                    fields = user("boh.store.order", "fields_get", ["state"])
                    labels = dict(fields["state"]["selection"])
                if labels:
                    self.check_language(labels["draft"], "state label Draft", got)
                    out["summary"].append(f"Draft = {labels['draft']}")
                    self.say(f"      state labels: {', '.join(labels.values())}")

    def check_language(self, text, what, lang=None):
        """``text`` is in ``lang`` (default: the language the users got)."""
        lang = lang or self.lang
        chinese = bool(CJK.search(text))
        if (lang == "zh_CN") != chinese:
            raise StepError(f"{what} is not in {lang}: {text!r}")

    # -- the store manager's order ------------------------------------------------
    def free_delivery_date(self, sm, store_id, schedule, source_filter):
        """The first delivery day of the schedule from its next orderable date
        that has no open order of the store for that source yet."""
        taken = {
            row["delivery_date"]
            for row in sm(
                "boh.store.order",
                "search_read",
                [
                    ("store_id", "=", store_id),
                    ("state", "!=", "cancel"),
                    *source_filter,
                ],
                fields=["delivery_date"],
            )
        }
        day = date.fromisoformat(schedule["next_delivery_date"])
        for _i in range(120):
            if schedule[f"delivery_{DAYS[day.weekday()]}"] and (
                day.isoformat() not in taken
            ):
                return day.isoformat()
            day += timedelta(days=1)
        raise StepError("no free delivery date in the next 120 days")

    def choose_source(self, sm, store, source_type, glines):
        """The first source of the guide's lines (a supplier with a portal
        user and, as the buyer sees them, prices valid on the delivery date
        for every product of the guide) and its next free delivery date."""
        key = "partner_id" if source_type == "supplier" else "source_store_id"
        skipped = []
        for source_id in dict.fromkeys(g[key][0] for g in glines):
            source_filter = [(key, "=", source_id)]
            schedules = sm(
                "boh.order.schedule",
                "search_read",
                [
                    ("store_id", "=", store["id"]),
                    ("source_type", "=", source_type),
                    *source_filter,
                ],
                fields=["next_delivery_date", *(f"delivery_{d}" for d in DAYS)],
            )
            if not schedules or not schedules[0]["next_delivery_date"]:
                skipped.append(f"{source_id}: no schedule")
                continue
            delivery = self.free_delivery_date(
                sm, store["id"], schedules[0], source_filter
            )
            if source_type == "supplier":
                products = [g["product_id"] for g in glines if g[key][0] == source_id]
                missing = self.missing_prices(source_id, products, delivery)
                if missing:
                    skipped.append(f"{source_id}: {missing}")
                    continue
            for reason in skipped:
                self.say(f"      skipped source {reason}")
            return {key: source_id}, delivery
        raise StepError(f"no {source_type} source to order from: {'; '.join(skipped)}")

    def missing_prices(self, partner_id, products, day):
        """The products without a price of the supplier on ``day``, as the
        buyer sees the suppliers' prices (the approval needs them)."""
        buyer = self.user(self.people["buyer"])
        missing = []
        for product_id, product_name in products:
            tmpl = buyer.read_one("product.product", product_id, ["product_tmpl_id"])
            prices = buyer(
                "product.supplierinfo",
                "search_read",
                [
                    ("partner_id", "=", partner_id),
                    ("product_tmpl_id", "=", tmpl["product_tmpl_id"][0]),
                    "|",
                    ("date_start", "=", False),
                    ("date_start", "<=", day),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", day),
                ],
                fields=["price"],
            )
            if not prices:
                missing.append(f"no price of {product_name} on {day}")
        return ", ".join(missing)

    def create_order(self, source_type):
        sm = self.user(self.people["manager"])
        with self.step("generate from the guide", sm) as out:
            stores = sm(
                "boh.store",
                "search_read",
                [("store_type", "=", "store"), ("code", "=", self.people["store"])],
                fields=["name", "code"],
            )
            if not stores:
                raise StepError(f"{sm.login} does not see store {self.people['store']}")
            store = stores[0]
            guides = sm(
                "boh.order.guide",
                "search_read",
                [("store_ids", "in", store["id"])],
                fields=["name"],
            )
            if not guides:
                raise StepError(f"store {store['code']} has no order guide")
            glines = sm(
                "boh.order.guide.line",
                "search_read",
                [("guide_id", "=", guides[0]["id"]), ("source_type", "=", source_type)],
                fields=["product_id", "partner_id", "source_store_id"],
                order="sequence, id",
            )
            if source_type == "supplier":
                glines = [
                    g for g in glines if g["partner_id"][0] in self.people["suppliers"]
                ]
            if not glines:
                raise StepError(f"guide {guides[0]['name']}: no {source_type} line")
            source, delivery = self.choose_source(sm, store, source_type, glines)
            order_id = sm(
                "boh.store.order",
                "create",
                {
                    "store_id": store["id"],
                    "source_type": source_type,
                    "delivery_date": delivery,
                    **source,
                },
            )
            sm("boh.store.order", "action_generate_from_guide", [order_id])
            order = self.show_order(sm, order_id)
            out["summary"].append(f"{order['name']} {order['line_count']} lines")
        with self.step("error message in the user's language", sm) as out:
            # Nothing is waiting to be received yet: the wizard refuses.
            try:
                sm("boh.store.order", "action_open_receive_wizard", [order_id])
            except xmlrpc.client.Fault as exc:
                message = fault_text(exc).splitlines()[-1]
            else:
                raise StepError("a draft order opened the receive wizard")
            self.check_language(message, "the error")
            self.say(f"      {message}")
            out["summary"].append(message)
        return order

    def show_order(self, user, order_id, lines=True):
        order = user.read_one(
            "boh.store.order",
            order_id,
            ["name", "state", "delivery_date", "line_count", "amount_total"],
        )
        self.record(
            "boh.store.order",
            order,
            extra=f"delivery {order['delivery_date']}, {order['line_count']} lines,"
            f" total {order['amount_total']:.2f}",
        )
        if lines:
            for line in user(
                "boh.store.order.line",
                "search_read",
                [("order_id", "=", order_id)],
                fields=["product_id", "qty_par", "qty_suggested", "qty_ordered"],
                order="sequence, id",
            ):
                self.say(
                    f"        boh.store.order.line,{line['id']}"
                    f"  {line['product_id'][1]}  par {line['qty_par']:g}"
                    f"  suggested {line['qty_suggested']:g}"
                    f"  ordered {line['qty_ordered']:g}"
                )
        return order

    def submit_and_approve(self, order):
        sm = self.user(self.people["manager"])
        with self.step("refresh the suggestions", sm) as out:
            sm("boh.store.order", "action_refresh_suggestions", [order["id"]])
            lines = sm(
                "boh.store.order.line",
                "search_read",
                [("order_id", "=", order["id"])],
                fields=["qty_ordered"],
                order="sequence, id",
            )
            if not any(line["qty_ordered"] > 0 for line in lines):
                # Nothing suggested (stock at par): one more pack, as the + button.
                sm("boh.store.order.line", "action_qty_plus", [lines[0]["id"]])
                line = sm.read_one(
                    "boh.store.order.line", lines[0]["id"], ["needs_reason"]
                )
                if line["needs_reason"]:
                    sm(
                        "boh.store.order.line",
                        "write",
                        [lines[0]["id"]],
                        {"override_reason": "Acceptance walk: one pack"},
                    )
                out["summary"].append("nothing suggested: + on the first line")
            self.show_order(sm, order["id"], lines=False)
        with self.step("submit", sm) as out:
            sm("boh.store.order", "action_submit", [order["id"]])
            row = sm.read_one(
                "boh.store.order",
                order["id"],
                ["name", "state", "need_validation", "review_ids", "delivery_date"],
            )
            self.record(
                "boh.store.order",
                row,
                extra=f"tier reviews {len(row['review_ids'])}",
            )
            if row["state"] != "submitted":
                raise StepError(f"state {row['state']} after submit")
            out["summary"].append(f"{row['name']} {row['state']}")
        approver = self.user(self.people["approver"])
        with self.step("approve", approver) as out:
            approver("boh.store.order", "action_approve", [order["id"]])
            row = approver.read_one(
                "boh.store.order",
                order["id"],
                ["name", "state", "approved_by_id", "fulfilment_error"],
            )
            self.record(
                "boh.store.order",
                row,
                extra="approved by "
                + (row["approved_by_id"] and row["approved_by_id"][1] or "nobody"),
            )
            if row["state"] != "fulfilling":
                raise StepError(
                    f"state {row['state']} after approval: {row['fulfilment_error']}"
                )
            out["summary"].append(f"{row['name']} {row['state']}")

    def fulfilment(self, order):
        buyer = self.user(self.people["buyer"])
        with self.step("fulfilment (records made on approval)", buyer) as out:
            row = buyer.read_one(
                "boh.store.order",
                order["id"],
                ["purchase_ids", "picking_ids", "production_ids", "receipt_ids"],
            )
            docs = {
                "purchase.order": row["purchase_ids"],
                "mrp.production": row["production_ids"],
                "stock.picking": row["picking_ids"],
            }
            for model, ids in docs.items():
                if not ids:
                    continue
                for rec in buyer(model, "read", ids, ["name", "state"]):
                    self.record(
                        model,
                        rec,
                        extra="(store receipt)"
                        if rec["id"] in row["receipt_ids"]
                        else "",
                    )
            out["summary"].append(
                f"{len(row['purchase_ids'])} PO, {len(row['production_ids'])} MO,"
                f" {len(row['picking_ids'])} transfers"
            )
            # A supplier's receipt comes with the confirmed purchase order.
            if not row["receipt_ids"] and not row["purchase_ids"]:
                raise StepError("no store receipt")
        return row

    # -- central sites -------------------------------------------------------
    def produce(self, docs):
        buyer = self.user(self.people["buyer"])
        if not docs["production_ids"]:
            raise StepError("no manufacturing order for a central kitchen order")
        for mo_id in docs["production_ids"]:
            with self.step("produce (manufacturing order)", buyer) as out:
                mo = buyer.read_one(
                    "mrp.production",
                    mo_id,
                    ["name", "state", "product_qty", "product_tracking"],
                )
                if mo["state"] in ("done", "cancel"):
                    continue
                buyer("mrp.production", "action_assign", [mo_id])
                if mo["product_tracking"] != "none":
                    buyer("mrp.production", "action_generate_serial", [mo_id])
                buyer(
                    "mrp.production",
                    "write",
                    [mo_id],
                    {"qty_producing": mo["product_qty"]},
                )
                # What the form's onchange of qty_producing runs (its public
                # twin); it answers None, which XML-RPC cannot carry back.
                buyer.call_returning_none("mrp.production", "set_qty_producing", mo_id)
                out["summary"].append("set_qty_producing answers None")
                raw = buyer.read_one("mrp.production", mo_id, ["move_raw_ids"])
                buyer("stock.move", "write", raw["move_raw_ids"], {"picked": True})
                result = buyer("mrp.production", "button_mark_done", [mo_id])
                if result is not True:
                    raise StepError(f"mark done opened {result.get('res_model')}")
                mo = buyer.read_one(
                    "mrp.production", mo_id, ["name", "state", "lot_producing_id"]
                )
                lot = mo["lot_producing_id"]
                self.record(
                    "mrp.production", mo, extra=f"lot {lot[1]}" if lot else "no lot"
                )
                if mo["state"] != "done":
                    raise StepError(f"{mo['name']} is {mo['state']}")
                out["summary"].append(f"{mo['name']} done")

    def ship(self, docs):
        """The buyer validates the central site's transfers (all of them,
        as each becomes ready)."""
        buyer = self.user(self.people["buyer"])
        todo = [p for p in docs["picking_ids"] if p not in docs["receipt_ids"]]
        if not todo:
            raise StepError("no central transfer to ship")
        for _round in range(len(todo)):
            pickings = buyer(
                "stock.picking",
                "search_read",
                [("id", "in", todo), ("state", "not in", ("done", "cancel"))],
                fields=["name", "state", "move_ids"],
                order="id",
            )
            if not pickings:
                break
            for picking in pickings:
                with self.step(f"ship {picking['name']}", buyer) as out:
                    ctx = dict(buyer.context, skip_sms=True)
                    buyer(
                        "stock.picking", "action_assign", [picking["id"]], context=ctx
                    )
                    for move in buyer(
                        "stock.move",
                        "read",
                        picking["move_ids"],
                        ["product_uom_qty", "state"],
                    ):
                        if move["state"] in ("done", "cancel"):
                            continue
                        buyer(
                            "stock.move",
                            "write",
                            [move["id"]],
                            {"quantity": move["product_uom_qty"], "picked": True},
                        )
                    result = buyer(
                        "stock.picking", "button_validate", [picking["id"]], context=ctx
                    )
                    if result is not True:
                        raise StepError(f"validation opened {result.get('res_model')}")
                    row = buyer.read_one(
                        "stock.picking", picking["id"], ["name", "state"]
                    )
                    self.record("stock.picking", row)
                    if row["state"] != "done":
                        raise StepError(f"{row['name']} is {row['state']}")
                    out["summary"].append(f"{row['name']} done")

    # -- supplier ------------------------------------------------------------
    def portal(self, partner_id):
        login = self.people["suppliers"][partner_id]
        return PortalUser(self.args.url, self.args.db, login, login)

    def supplier_ships(self, order, docs):
        buyer = self.user(self.people["buyer"])
        if not docs["purchase_ids"]:
            raise StepError("no purchase order for a supplier order")
        pos = buyer(
            "purchase.order",
            "read",
            docs["purchase_ids"],
            ["name", "state", "partner_id", "order_line"],
        )
        with self.step("confirm the purchase order", buyer) as out:
            for po in pos:
                if po["state"] in ("draft", "sent"):
                    buyer("purchase.order", "button_confirm", [po["id"]])
                row = buyer.read_one(
                    "purchase.order",
                    po["id"],
                    ["name", "state", "boh_confirmation_state"],
                )
                self.record(
                    "purchase.order",
                    row,
                    extra=f"supplier: {row['boh_confirmation_state']}",
                )
                if row["state"] != "purchase":
                    raise StepError(f"{row['name']} is {row['state']}")
                out["summary"].append(f"{row['name']} {row['state']}")
        partner_id = pos[0]["partner_id"][0]
        portal = self.portal(partner_id)
        with self.step("portal: check the language of the pages", portal) as out:
            html = portal.get("/my").text
            found = re.search(r'"bundle_params": \{"lang": "([^"]+)"', html)
            lang = found.group(1) if found else "?"
            if lang != self.lang:
                raise StepError(f"portal pages in {lang}, not {self.lang}")
            title = re.search(r"<h3[^>]*>(.*?)</h3>", html, re.S)
            title = title.group(1).strip() if title else ""
            self.check_language(title, "the title of /my")
            self.say(f"      /my: {title}")
            out["summary"].append(f"pages in {lang}: {title}")
        for po in pos:
            page = f"/my/purchase/{po['id']}"
            with self.step(f"portal: confirm {po['name']}", portal) as out:
                _path, query = portal.post_form(
                    page, f"/my/purchase/{po['id']}/boh/confirm", []
                )
                message = query.get("success", [""])[0]
                self.check_language(message, "the portal's answer")
                row = buyer.read_one(
                    "purchase.order", po["id"], ["name", "boh_confirmation_state"]
                )
                self.record(
                    "purchase.order",
                    row,
                    state_field="boh_confirmation_state",
                    extra=message,
                )
                if row["boh_confirmation_state"] != "confirmed":
                    raise StepError(f"{row['name']}: {row['boh_confirmation_state']}")
                out["summary"].append(message)
            with self.step(f"portal: shipping notice for {po['name']}", portal) as out:
                lines = buyer(
                    "purchase.order.line",
                    "read",
                    po["order_line"],
                    ["product_id", "product_qty", "display_type"],
                )
                form = portal.get("/my/boh/asn/new", order_ids=str(po["id"])).text
                fields = [
                    ("order_ids", str(po["id"])),
                    ("expected_date", order["delivery_date"]),
                    ("carrier", "SF Express"),
                    ("carrier_ref", f"SF{int(time.time())}"),
                ]
                # Kept 14 days after the expected arrival (expired goods are refused).
                arrival = date.fromisoformat(order["delivery_date"])
                expiry = (arrival + timedelta(days=14)).isoformat()
                stamp = time.strftime("%y%m%d%H%M%S")
                for line in lines:
                    if line["display_type"]:
                        continue
                    if f'name="qty_{line["id"]}"' not in form:
                        raise StepError(f"no quantity field for line {line['id']}")
                    fields += [
                        (f"qty_{line['id']}", f"{line['product_qty']:g}"),
                        (f"lot_{line['id']}", f"WALK-{stamp}-{line['id']}"),
                        (f"expiry_{line['id']}", expiry),
                    ]
                path, _query = portal.post_form(
                    f"/my/boh/asn/new?order_ids={po['id']}", "/my/boh/asn/new", fields
                )
                found = re.match(r"/my/boh/asn/(\d+)", path)
                if not found:
                    raise StepError(f"the notice form answered {path}")
                asn = buyer.read_one(
                    "boh.asn", int(found.group(1)), ["name", "state", "expected_date"]
                )
                self.record(
                    "boh.asn", asn, extra=f"lots WALK-{stamp}-*, expiry {expiry}"
                )
                if asn["state"] != "sent":
                    raise StepError(f"{asn['name']} is {asn['state']}")
                out["summary"].append(f"{asn['name']} {asn['state']}")
        return portal

    # -- store receipt ---------------------------------------------------------
    def receive(self, order, short=True):
        sm = self.user(self.people["manager"])
        with self.step("receive with the wizard", sm) as out:
            action = sm("boh.store.order", "action_open_receive_wizard", [order["id"]])
            wizard_id = action["res_id"]
            wizard = sm.read_one(
                "boh.receive.wizard", wizard_id, ["line_ids", "lot_ids"]
            )
            lines = sm(
                "boh.receive.wizard.line",
                "read",
                wizard["line_ids"],
                ["product_id", "qty_expected", "qty_received", "lots_editable"],
            )
            lots = sm(
                "boh.receive.wizard.lot",
                "read",
                wizard["lot_ids"],
                ["line_id", "lot_name", "quantity"],
            )
            self.say(
                f"      boh.receive.wizard,{wizard_id}"
                f"  {len(lines)} lines, {len(lots)} lots"
            )
            for lot in lots:
                self.say(
                    f"        lot {lot['lot_name']} x {lot['quantity']:g}"
                    f" ({lot['line_id'][1]})"
                )
            if order["source_type"] == "supplier":
                lot_lines = [line for line in lines if line["lots_editable"]]
                if lot_lines and not lots:
                    raise StepError("the lots are not prefilled from the notice")
            target = next((line for line in lines if line["qty_expected"] >= 1), None)
            if short and target:
                qty = target["qty_expected"] - 1
                sm(
                    "boh.receive.wizard.line",
                    "write",
                    [target["id"]],
                    {"qty_received": qty},
                )
                own = [lot for lot in lots if lot["line_id"][0] == target["id"]]
                if own:
                    sm(
                        "boh.receive.wizard.lot",
                        "write",
                        [own[-1]["id"]],
                        {"quantity": own[-1]["quantity"] - 1},
                    )
                self.say(
                    f"      {target['product_id'][1]}: {qty:g} of"
                    f" {target['qty_expected']:g} received (1 short)"
                )
                out["summary"].append(f"1 short of {target['product_id'][1]}")
            sm("boh.receive.wizard", "action_confirm", [wizard_id])
            row = sm.read_one("boh.store.order", order["id"], ["name", "state"])
            self.record("boh.store.order", row)
            if row["state"] != "received":
                raise StepError(f"{row['name']} is {row['state']}")
        with self.step("claim of the shortage", sm) as out:
            claims = sm(
                "boh.claim",
                "search_read",
                [("order_id", "=", order["id"])],
                fields=[
                    "name",
                    "state",
                    "reason",
                    "qty_claimed",
                    "partner_id",
                    "purchase_id",
                    "amount",
                ],
            )
            for claim in claims:
                self.record(
                    "boh.claim",
                    claim,
                    extra=f"{claim['reason']} {claim['qty_claimed']:g},"
                    f" supplier {claim['partner_id'] and claim['partner_id'][1]}",
                )
            if short and len(claims) != 1:
                raise StepError(f"{len(claims)} claims for one short line")
            out["summary"].append(", ".join(c["name"] for c in claims) or "no claim")
        return claims

    def claim_answered(self, portal, claims):
        buyer = self.user(self.people["buyer"])
        for claim in claims:
            page = f"/my/boh/claim/{claim['id']}"
            with self.step(f"portal: answer {claim['name']} (credit)", portal) as out:
                html = portal.get(page).text
                if "boh_claim_answer" not in html:
                    raise StepError(f"{page} has no answer form")
                _path, query = portal.post_form(
                    page,
                    f"{page}/answer",
                    [("answer", "accept_credit"), ("note", "Short on the truck")],
                )
                message = query.get("success", [""])[0]
                self.check_language(message, "the portal's answer")
                out["summary"].append(message)
                self.say(f"      {message}")
            with self.step(f"credit note of {claim['name']}", buyer) as out:
                row = buyer.read_one(
                    "boh.claim",
                    claim["id"],
                    ["name", "state", "supplier_answer", "credit_move_id"],
                )
                self.record("boh.claim", row, extra=row["supplier_answer"] or "")
                if not row["credit_move_id"]:
                    raise StepError(f"{row['name']} has no credit note")
                move = buyer.read_one(
                    "account.move",
                    row["credit_move_id"][0],
                    ["name", "state", "move_type", "amount_untaxed", "partner_id"],
                )
                self.record(
                    "account.move",
                    move,
                    extra=f"{move['move_type']} {move['amount_untaxed']:.2f}"
                    f" {move['partner_id'][1]}",
                )
                if move["move_type"] != "in_refund":
                    raise StepError(f"{move['name']} is a {move['move_type']}")
                out["summary"].append(
                    f"{move['move_type']} {move['amount_untaxed']:.2f}"
                )

    def scorecard(self, partner_id):
        buyer = self.user(self.people["buyer"])
        with self.step("supplier scorecard", buyer) as out:
            today = self.today.isoformat()
            try:
                buyer(
                    "boh.supply.scorecard", "get_scorecards", today, today, [partner_id]
                )
            except xmlrpc.client.Fault as exc:
                # Its answer is keyed by partner id (integers), which XML-RPC
                # cannot carry; the scorecard screen (a wizard) is used below.
                self.say(
                    "      get_scorecards over XML-RPC: "
                    + fault_text(exc).splitlines()[-1]
                )
            wizard_id = buyer(
                "boh.supply.scorecard.wizard",
                "create",
                {
                    "date_from": (self.today - timedelta(days=30)).isoformat(),
                    "date_to": today,
                    "partner_ids": [(6, 0, [partner_id])],
                },
            )
            action = buyer("boh.supply.scorecard.wizard", "action_compute", [wizard_id])
            rows = buyer(
                "boh.supply.scorecard.line",
                "search_read",
                action["domain"],
                fields=["partner_id", "lines", "fill_rate", "claims_per_100", "otif"],
            )
            if not rows:
                raise StepError("no scorecard line for the supplier")
            for row in rows:
                self.say(
                    f"      boh.supply.scorecard.line,{row['id']}"
                    f"  {row['partner_id'][1]}"
                    f"  lines {row['lines']}  fill rate {row['fill_rate']:.1f}"
                    f"  claims/100 {row['claims_per_100']:.1f}  OTIF {row['otif']:.1f}"
                )
                out["summary"].append(
                    f"fill {row['fill_rate']:.1f}"
                    f" claims/100 {row['claims_per_100']:.1f}"
                )

    # -- flows -----------------------------------------------------------------
    def run_flow(self, source_type):
        self.flow = source_type
        self.say(f"\n== flow: {source_type} ==")
        try:
            order = self.create_order(source_type)
            order["source_type"] = source_type
            self.submit_and_approve(order)
            docs = self.fulfilment(order)
            portal = None
            if source_type == "central_kitchen":
                self.produce(docs)
            if source_type == "supplier":
                portal = self.supplier_ships(order, docs)
            else:
                self.ship(docs)
            claims = self.receive(order)
            if source_type == "supplier":
                self.claim_answered(portal, claims)
                partner = self.user(self.people["buyer"]).read_one(
                    "purchase.order", docs["purchase_ids"][0], ["partner_id"]
                )
                self.scorecard(partner["partner_id"][0])
        except FlowAborted:
            self.say(f"   flow {source_type} stopped at its failed step")

    def run(self):
        self.say(
            f"BOH demo flows on {self.args.url} db {self.args.db},"
            f" lang {self.args.lang}"
        )
        try:
            with self.step("look up users, store and tiers (admin)", None) as out:
                self.lookup()
                p = self.people
                self.say(
                    f"      store {p['store']}: manager {p['manager']}, approver"
                    f" {p['approver']}, buyer {p['buyer']}, suppliers"
                    f" {', '.join(sorted(p['suppliers'].values()))};"
                    f" tiers: {', '.join(p['tiers']) or 'none'}"
                )
                out["summary"].append(f"store {p['store']}")
            self.set_languages()
        except FlowAborted:
            return self.summary()
        for source_type in SOURCES:
            self.run_flow(source_type)
        return self.summary()

    def summary(self):
        self.say("\n== summary ==")
        width = max((len(r[1]) for r in self.results), default=10)
        self.say(f"{'flow':<18} {'step':<{width}} {'user':<11} result")
        for flow, label, login, ok, text in self.results:
            self.say(
                f"{flow:<18} {label:<{width}} {login:<11}"
                f" {'ok  ' if ok else 'FAIL'} {text}"
            )
        failed = [r for r in self.results if not r[3]]
        self.say(f"\n{len(self.results) - len(failed)} steps ok, {len(failed)} failed")
        return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="boh")
    parser.add_argument("--lang", default="en_US", choices=("en_US", "zh_CN"))
    parser.add_argument(
        "--store", help="store code (default: the first with a manager)"
    )
    parser.add_argument("--admin-login", default="admin")
    parser.add_argument("--admin-password", default="admin")
    args = parser.parse_args()
    args.url = args.url.rstrip("/")
    sys.exit(Walk(args).run())


if __name__ == "__main__":
    main()
