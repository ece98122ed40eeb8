#!/usr/bin/env python3
"""Take the README screenshots from a running `./boh run` (Playwright + Chromium).

    python3 docs/screenshots/capture.py [--url http://localhost:8069] [--only NAME]

Demo users log in with their login as password (admin: admin).
"""

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1280, "height": 760}
PHONE = {"width": 390, "height": 844}
# a form with its totals and the first lines of its list below them
TALL = {"width": 1280, "height": 1320}


def rpc(page, url, model, method, args, kwargs=None):
    response = page.request.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        data={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        },
    )
    return response.json()["result"]


def open_first_record(page, url, action):
    page.goto(f"{url}/odoo/action-{action}")
    page.wait_for_selector(".o_data_row, .o_kanban_record")
    page.locator(".o_data_row, .o_kanban_record").first.click()
    page.wait_for_selector(".o_form_view")


def shot_stores(page, url):
    page.goto(f"{url}/odoo/action-boh_base.boh_store_action")
    page.wait_for_selector(".o_kanban_record")


def shot_store_order(page, url):
    open_first_record(page, url, "boh_ordering.boh_store_order_action")


def shot_forecast_graph(page, url):
    page.goto(f"{url}/odoo/action-boh_forecast.boh_forecast_action")
    page.wait_for_selector(".o_switch_view.o_graph")
    page.click(".o_switch_view.o_graph")
    page.wait_for_selector(".o_graph_renderer canvas")


def shot_inspection_phone(page, url):
    ids = rpc(
        page,
        url,
        "boh.inspection",
        "search",
        [[["state", "in", ["draft", "in_progress"]]]],
        {"limit": 1},
    )
    page.goto(f"{url}/odoo/boh_inspection_conduct/{ids[0]}")
    page.wait_for_selector(".o_boh_conduct")


def shot_supplier_portal(page, url):
    page.goto(f"{url}/my/purchase")
    page.wait_for_selector("table")


def shot_buyer_dashboard(page, url):
    page.goto(f"{url}/odoo/action-boh_supply.boh_supply_dashboard_action")
    page.wait_for_selector(".o_kanban_record")


def shot_food_cost_period(page, url):
    ids = rpc(
        page,
        url,
        "boh.food.cost.period",
        "search",
        [[["state", "=", "computed"]]],
        {"order": "date_to desc", "limit": 1},
    )
    page.goto(f"{url}/odoo/action-boh_food_cost.boh_food_cost_period_action/{ids[0]}")
    page.wait_for_selector(".o_form_view .o_field_one2many .o_data_row")


def shot_menu_costing(page, url):
    page.goto(f"{url}/odoo/action-boh_recipe.action_menu_costing")
    page.wait_for_selector(".o_data_row")
    # the buyer's own dishes (Odoo's demo products with a BoM are sellable)
    page.click(".o_searchview_dropdown_toggler")
    page.click(".o_filter_menu .o_menu_item:has-text('My Dishes')")
    page.click(".o_searchview_dropdown_toggler")
    page.wait_for_timeout(800)


def shot_supplier_statement(page, url):
    page.goto(f"{url}/my/statements")
    page.wait_for_selector("table a[href^='/my/statements/']")
    page.locator("table a[href^='/my/statements/']").first.click()
    page.wait_for_selector("table")


# (file, login, function, viewport)
SHOTS = [
    ("boh_stores.png", "sm.s001", shot_stores, DESKTOP),
    ("boh_store_order.png", "sm.s001", shot_store_order, DESKTOP),
    ("boh_forecast_graph.png", "buyer", shot_forecast_graph, DESKTOP),
    ("boh_inspection_phone.png", "am.r01", shot_inspection_phone, PHONE),
    ("boh_supplier_portal.png", "supplier1", shot_supplier_portal, DESKTOP),
    ("boh_buyer_dashboard.png", "buyer", shot_buyer_dashboard, DESKTOP),
    ("boh_food_cost_period.png", "sm.s001", shot_food_cost_period, TALL),
    ("boh_menu_costing.png", "buyer", shot_menu_costing, DESKTOP),
    ("boh_supplier_statement.png", "supplier1", shot_supplier_statement, DESKTOP),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--only", help="file name of the one shot to take")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for name, login, take, viewport in SHOTS:
            if args.only and name != args.only:
                continue
            context = browser.new_context(
                viewport=viewport, locale="en-US", has_touch=viewport is PHONE
            )
            page = context.new_page()
            page.goto(f"{args.url}/web/login")
            page.fill("input[name=login]", login)
            page.fill("input[name=password]", "admin" if login == "admin" else login)
            page.click("button[type=submit]")
            page.wait_for_url(lambda u: not u.split("?")[0].endswith("/web/login"))
            take(page, args.url)
            page.wait_for_timeout(1200)
            page.screenshot(path=str(HERE / name))
            context.close()
            print(f"wrote {name}")
        browser.close()


if __name__ == "__main__":
    main()
