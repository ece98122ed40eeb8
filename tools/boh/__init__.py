"""The BOH developer tool: set up, run and test BOH on Odoo 18.0 Community.

``./boh run`` starts a private PostgreSQL cluster inside the project (``.boh/``),
creates the ``boh`` database with every BOH addon and the demo chain, and serves
Odoo on http://localhost:8069.  ``./boh test`` does the same in a throwaway
cluster without demo data, runs every test (Odoo tests through pytest-odoo and
the plain pytest tests of the engine) and removes everything it created.

Run ``./boh --help`` or ``./boh COMMAND --help`` for the details.
"""
