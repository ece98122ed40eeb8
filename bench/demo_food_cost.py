#!/usr/bin/env python3
"""Acceptance walk of food cost on a running BOH demo.

Each step is taken by the demo user whose job it is, over XML-RPC (and, for
the supplier, over the portal with an HTTP session), the way the web client
and the portal pages call the server:

* store manager: opens the last computed food cost period of their store
  (BOH > Reporting > Food Cost > Food Cost Periods), reads the actual and
  theoretical food cost % and the gap, checks that variance, recorded
  waste and what was not counted explain the gap, reads the ingredients
  behind it (ranked by the value of their variance, suspects with their
  reason) and opens the
  drill-downs of the first one (counts, receipts, waste, dish sales); another
  store's period is refused;
* buyer: raises the price of an ingredient of a dish that is within its
  target food cost % (the preferred supplier's price or the cost, as the
  company's costing source says), sees the dish re-costed and flagged in
  *Menu Costing* (filter *Above Target Food Cost*) with a to-do for its menu
  owner or the buyers, then puts the price back;
* supplier: opens its statements on the portal, confirms one that was sent
  to it, downloads it as PDF and Excel; the buyer sees it confirmed; another
  supplier's statement is refused.

The administrator is used only to find which store has a computed period and
who manages it. Each user first sets its own language (``--lang``).

    python3 bench/demo_food_cost.py --url http://localhost:8069 --db boh

Demo passwords are the logins. The supplier step needs a statement in the
state *Sent to Supplier*: a fresh demo has one per demo supplier; the walk
confirms one per run. Exit status 1 when a step failed.
"""

import argparse
import re
import sys
import xmlrpc.client
from datetime import date, timedelta

from demo_flows import CJK, PortalUser, RpcUser, StepError, fault_text

ALERT = {"en_US": "Food cost above target", "zh_CN": "食材成本率超出目标"}
LINE_FIELDS = [
    "rank",
    "product_id",
    "variance_qty",
    "variance_value",
    "abs_variance_value",
    "waste_value",
    "suspect",
    "suspect_reason",
]
PERIOD_FIELDS = [
    "name",
    "store_id",
    "date_from",
    "date_to",
    "state",
    "net_sales",
    "food_cost_pct",
    "theoretical_food_cost_pct",
    "gap_pct",
    "variance_pct_of_sales",
    "waste_pct_of_sales",
    "uncounted_pct_of_sales",
    "suspect_count",
]
DRILL_DOWNS = (
    "action_view_counts",
    "action_view_receipts",
    "action_view_waste",
    "action_view_dish_sales",
)


def say(text):
    print(text, flush=True)


# XML-RPC fault codes of Odoo's access denied and access error
ACCESS_FAULTS = (3, 4)


def refused(call):
    """True when ``call()`` raises the server's access error (whatever the
    language of its message)."""
    try:
        call()
    except xmlrpc.client.Fault as exc:
        return exc.faultCode in ACCESS_FAULTS
    return False


class FoodCostWalk:
    def __init__(self, args):
        self.args = args
        self.failures = []

    def login(self, login, password=None):
        user = RpcUser(self.args.url, self.args.db, login, password or login)
        lang = user.set_lang(self.args.lang)
        if lang != self.args.lang:
            raise StepError(f"{login}: language {self.args.lang} is not active")
        return user

    def step(self, title, func):
        say(f"\n== {title}")
        try:
            func()
        except (StepError, xmlrpc.client.Fault, OSError) as exc:
            self.failures.append(title)
            say(f"FAILED: {fault_text(exc)}")

    def run(self):
        a = self.args
        self.admin = RpcUser(a.url, a.db, a.admin_login, a.admin_password)
        self.step("store manager: last week's food cost", self.store_manager)
        self.step("buyer: dishes above target after a price change", self.buyer)
        self.step("supplier: confirms its monthly statement", self.supplier)
        say("")
        if self.failures:
            say(f"{len(self.failures)} step(s) failed: {', '.join(self.failures)}")
            return 1
        say("every step passed")
        return 0

    # ------------------------------------------------------------------
    # Store manager
    # ------------------------------------------------------------------
    def store_manager(self):
        admin = self.admin
        latest = admin(
            "boh.food.cost.period",
            "search_read",
            [("state", "=", "computed")],
            ["store_id"],
            order="date_to desc",
            limit=1,
        )
        if not latest:
            raise StepError("no computed food cost period in the database")
        store_id = latest[0]["store_id"][0]
        manager = admin("boh.store", "read", [store_id], ["manager_id", "code"])[0]
        if not manager["manager_id"]:
            raise StepError(f"store {manager['code']} has no manager")
        login = admin("res.users", "read", [manager["manager_id"][0]], ["login"])[0]
        sm = self.login(login["login"])
        say(f"store manager {sm.login} (store {manager['code']})")
        periods = sm(
            "boh.food.cost.period",
            "search_read",
            [("store_id", "=", store_id), ("state", "=", "computed")],
            PERIOD_FIELDS,
            order="date_to desc",
        )
        if not periods:
            raise StepError(f"{sm.login} sees no computed period of their store")
        period = periods[0]
        date_to = date.fromisoformat(period["date_to"])
        if date_to < date.today() - timedelta(days=8):
            raise StepError(
                f"the last period ends on {date_to}: not last week's food cost"
            )
        say(
            f"{period['name']} ({period['date_from']} - {period['date_to']}):"
            f" net sales {period['net_sales']:,.2f}, food cost"
            f" {period['food_cost_pct']:.1f}% actual /"
            f" {period['theoretical_food_cost_pct']:.1f}% theoretical,"
            f" gap {period['gap_pct']:.2f} points ="
            f" variance {period['variance_pct_of_sales']:.2f}"
            f" + recorded waste {period['waste_pct_of_sales']:.2f}"
            f" + not counted {period['uncounted_pct_of_sales']:.2f}"
        )
        if period["net_sales"] <= 0 or period["food_cost_pct"] <= 0:
            raise StepError("the period has no sales or no food cost")
        explained = (
            period["variance_pct_of_sales"]
            + period["waste_pct_of_sales"]
            + period["uncounted_pct_of_sales"]
        )
        if abs(explained - period["gap_pct"]) > 0.01:
            raise StepError(
                f"variance, waste and not counted ({explained:.2f}) do not"
                " explain the gap"
                f" ({period['gap_pct']:.2f})"
            )
        lines = sm(
            "boh.food.cost.line",
            "search_read",
            [("period_id", "=", period["id"])],
            LINE_FIELDS,
            order="rank",
            limit=5,
        )
        labels = dict(
            sm("boh.food.cost.line", "fields_get", ["suspect_reason"])[
                "suspect_reason"
            ]["selection"]
        )
        for line in lines:
            reason = labels.get(line["suspect_reason"], "") if line["suspect"] else ""
            say(
                f"  {line['rank']:>2}. {line['product_id'][1]}: variance"
                f" {line['variance_qty']:+.2f} ({line['variance_value']:+,.2f})"
                f" {reason}"
            )
        if not lines or lines[0]["rank"] != 1:
            raise StepError("the period's ingredients are not ranked")
        values = [line["abs_variance_value"] for line in lines]
        if values != sorted(values, reverse=True):
            raise StepError("the ranking does not follow the variance value")
        if not period["suspect_count"] or not any(li["suspect"] for li in lines):
            raise StepError("no suspect ingredient among the largest variances")
        if self.args.lang == "zh_CN" and not any(
            CJK.search(v) for v in labels.values()
        ):
            raise StepError("the suspect reasons are not in Chinese")
        for method in DRILL_DOWNS:
            action = sm("boh.food.cost.line", method, [lines[0]["id"]])
            found = sm(action["res_model"], "search_count", action["domain"])
            say(f"  {method}: {found} {action['res_model']} record(s)")
        other = admin(
            "boh.food.cost.period",
            "search",
            [("store_id", "!=", store_id)],
            limit=1,
        )
        if other and not refused(
            lambda: sm("boh.food.cost.period", "read", other, ["food_cost_pct"])
        ):
            raise StepError(f"{sm.login} can read another store's food cost")
        say("another store's period: refused")

    # ------------------------------------------------------------------
    # Buyer
    # ------------------------------------------------------------------
    def buyer(self):
        buyer = self.login("buyer")
        company = buyer("res.users", "read", [buyer.uid], ["company_id"])[0]
        source = self.admin(
            "res.company",
            "read",
            [company["company_id"][0]],
            ["boh_recipe_cost_source"],
        )[0]["boh_recipe_cost_source"]
        dishes = buyer(
            "product.product",
            "search_read",
            [
                ("sale_ok", "=", True),
                ("boh_is_recipe", "=", True),
                ("boh_below_target", "=", False),
                ("boh_cost_missing", "=", False),
            ],
            ["display_name", "product_tmpl_id", "boh_food_cost_pct"],
            order="boh_food_cost_pct desc",
            limit=1,
        )
        if not dishes:
            raise StepError("every dish is already above its target")
        dish = dishes[0]
        boms = buyer(
            "mrp.bom",
            "search_read",
            [("product_tmpl_id", "=", dish["product_tmpl_id"][0])],
            ["bom_line_ids"],
            limit=1,
        )
        lines = buyer(
            "mrp.bom.line",
            "search_read",
            [("id", "in", boms[0]["bom_line_ids"]), ("child_bom_id", "=", False)],
            ["product_id"],
        )
        ingredient_id, ingredient = lines[0]["product_id"]
        say(
            f"{dish['display_name']}: food cost {dish['boh_food_cost_pct']:.1f}%;"
            f" costing source {source}; raising the price of {ingredient}"
        )
        if source == "supplier":
            sellers = buyer(
                "product.supplierinfo",
                "search_read",
                [("product_id", "=", ingredient_id)],
                ["price"],
                limit=1,
            ) or buyer(
                "product.supplierinfo",
                "search_read",
                [("product_tmpl_id.product_variant_ids", "=", ingredient_id)],
                ["price"],
                limit=1,
            )
            if not sellers:
                raise StepError(f"{ingredient} has no supplier price")
            record = ("product.supplierinfo", sellers[0]["id"], "price")
            old = sellers[0]["price"]
        else:
            old = buyer("product.product", "read", [ingredient_id], ["standard_price"])[
                0
            ]["standard_price"]
            record = ("product.product", ingredient_id, "standard_price")
        model, record_id, field = record
        # A buyer changes supplier prices; a product's cost is changed by
        # receipts, bills or an inventory administrator (buyers only read
        # products, as Odoo's purchase users do).
        if source == "supplier":
            changer = buyer
        else:
            if not refused(
                lambda: buyer(model, "write", [record_id], {field: old * 20 or 100.0})
            ):
                raise StepError("the buyer could change a product's cost")
            say("the buyer cannot change the cost itself: refused")
            changer = self.admin
            say("the inventory administrator raises the cost")
        changer(model, "write", [record_id], {field: old * 20 or 100.0})
        try:
            after = buyer(
                "product.product",
                "read",
                [dish["id"]],
                ["boh_food_cost_pct", "boh_below_target"],
            )[0]
            say(f"after the change: food cost {after['boh_food_cost_pct']:.1f}%")
            if not after["boh_below_target"]:
                raise StepError(f"{dish['display_name']} is not flagged")
            flagged = buyer(
                "product.product",
                "search",
                [
                    ("sale_ok", "=", True),
                    ("boh_is_recipe", "=", True),
                    ("boh_below_target", "=", True),
                ],
            )
            if dish["id"] not in flagged:
                raise StepError("the dish is not in Menu Costing's above-target list")
            todos = self.admin(
                "mail.activity",
                "search_read",
                [
                    ("res_model", "=", "product.template"),
                    ("res_id", "=", dish["product_tmpl_id"][0]),
                    ("summary", "in", list(ALERT.values())),
                ],
                ["user_id", "summary"],
            )
            if not todos:
                raise StepError("no food cost to-do for the menu owner or buyers")
            say(
                "to-dos: "
                + ", ".join(f"{t['user_id'][1]} ({t['summary']})" for t in todos)
            )
            if not any(ALERT[self.args.lang] == t["summary"] for t in todos):
                say("(the to-dos are in their recipients' languages)")
        finally:
            changer(model, "write", [record_id], {field: old})
        back = buyer("product.product", "read", [dish["id"]], ["boh_below_target"])
        if back[0]["boh_below_target"]:
            raise StepError("the dish stays flagged after the price came back")
        say("price put back: the dish is within its target again")

    # ------------------------------------------------------------------
    # Supplier
    # ------------------------------------------------------------------
    def supplier(self):
        a = self.args
        buyer = self.login("buyer")
        portal = PortalUser(a.url, a.db, a.supplier, a.supplier)
        listing = portal.get("/my/statements").text
        ids = sorted({int(i) for i in re.findall(r"/my/statements/(\d+)", listing)})
        if not ids:
            raise StepError(f"{a.supplier} sees no statement on the portal")
        states = {
            s["id"]: s
            for s in buyer(
                "boh.supplier.statement", "read", ids, ["state", "name", "partner_id"]
            )
        }
        sent = [i for i in ids if states[i]["state"] == "sent"]
        if not sent:
            raise StepError("no statement waiting for the supplier's answer")
        statement = states[sent[0]]
        page = portal.get(f"/my/statements/{statement['id']}").text
        if f"/my/statements/{statement['id']}/confirm" not in page:
            raise StepError("the statement page has no confirm form")
        portal.post_form(
            f"/my/statements/{statement['id']}",
            f"/my/statements/{statement['id']}/confirm",
            [],
        )
        state = buyer("boh.supplier.statement", "read", [statement["id"]], ["state"])
        if state[0]["state"] != "confirmed":
            raise StepError(f"the buyer sees {statement['name']} {state[0]['state']}")
        say(f"{statement['name']} ({statement['partner_id'][1]}): confirmed")
        for kind, mime in (("pdf", "application/pdf"), ("xlsx", "spreadsheet")):
            answer = portal.get(f"/my/statements/{statement['id']}/{kind}")
            if mime not in answer.headers.get("Content-Type", ""):
                raise StepError(f"the {kind} download is not a {kind} file")
            say(f"download {kind}: {len(answer.content):,} bytes")
        others = self.admin(
            "boh.supplier.statement",
            "search",
            [("partner_id", "!=", statement["partner_id"][0])],
            limit=1,
        )
        if others:
            answer = portal.http.get(
                f"{a.url}/my/statements/{others[0]}", allow_redirects=False, timeout=60
            )
            if answer.status_code == 200:
                raise StepError("another supplier's statement is shown")
            say("another supplier's statement: refused")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default="boh")
    parser.add_argument("--lang", default="en_US", choices=("en_US", "zh_CN"))
    parser.add_argument("--supplier", default="supplier1")
    parser.add_argument("--admin-login", default="admin")
    parser.add_argument("--admin-password", default="admin")
    args = parser.parse_args()
    args.url = args.url.rstrip("/")
    sys.exit(FoodCostWalk(args).run())


if __name__ == "__main__":
    main()
