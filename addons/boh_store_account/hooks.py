def post_init_hook(env):
    """Give the sites that existed before the addon their analytic account,
    and the open purchase lines their store."""
    Store = env["boh.store"].with_context(active_test=False)
    stores = Store.search([("analytic_account_id", "=", False)], order="id")
    # In batches: a chain may have thousands of stores.
    for start in range(0, len(stores), 500):
        stores[start : start + 500]._boh_create_analytic_accounts()
    # Lines of orders not fully billed: their bills to come carry the store.
    lines = env["purchase.order.line"].search(
        [
            ("display_type", "=", False),
            ("order_id.state", "!=", "cancel"),
            ("order_id.invoice_status", "!=", "invoiced"),
        ],
        order="id",
    )
    for start in range(0, len(lines), 1000):
        lines[start : start + 1000]._boh_apply_store_distribution()
