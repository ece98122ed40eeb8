def post_init_hook(env):
    """Give the sites that existed before the addon their analytic account."""
    Store = env["boh.store"].with_context(active_test=False)
    stores = Store.search([("analytic_account_id", "=", False)], order="id")
    # In batches: a chain may have thousands of stores.
    for start in range(0, len(stores), 500):
        stores[start : start + 500]._boh_create_analytic_accounts()
