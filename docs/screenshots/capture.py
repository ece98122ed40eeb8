#!/usr/bin/env python3
"""Take the README screenshots from a running `./boh run` (Playwright + Chromium).

    python3 docs/screenshots/capture.py [--url http://localhost:8069]

Each shot: (file, login, path, selector to wait for, viewport).
"""

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1280, "height": 760}
PHONE = {"width": 390, "height": 844}
SHOTS = [
    (
        "boh_stores.png",
        "sm.s001",
        "/odoo/action-boh_base.boh_store_action",
        ".o_kanban_record",
        DESKTOP,
    ),
    (
        "boh_stores_admin.png",
        "admin",
        "/odoo/action-boh_base.boh_store_action",
        ".o_kanban_record",
        DESKTOP,
    ),
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
        for name, login, path, selector, viewport in SHOTS:
            if args.only and name != args.only:
                continue
            page = browser.new_page(viewport=viewport, locale="en-US")
            page.goto(f"{args.url}/web/login")
            page.fill("input[name=login]", login)
            page.fill("input[name=password]", "admin" if login == "admin" else login)
            page.click("button[type=submit]")
            page.wait_for_selector(".o_main_navbar")
            page.goto(f"{args.url}{path}")
            page.wait_for_selector(selector)
            page.wait_for_timeout(800)
            page.screenshot(path=str(HERE / name))
            page.close()
            print(f"wrote {name}")
        browser.close()


if __name__ == "__main__":
    main()
