"""`coopwizard serve`: the wizard in a browser, one secret link per project (issue 15).

textual-serve (aiohttp) does the web part: one page, one websocket, and for each
websocket one `coopwizard open FICHIER` process whose screen is drawn in the
page. This package adds what a link handed to partners needs:

- projets.py: the served projects (a file or each project of a folder), their
  address and their secret token, kept from one start to the next;
- securite.py: the rules every request goes through (token, cookie, Origin,
  wrong tokens slowed down), in one aiohttp middleware;
- onglets.py: one browser tab = one process, started in its own state folder
  and stopped with SIGHUP, which saves like a closed terminal;
- application.py: the aiohttp application (page, static files, websocket);
- commande.py: the command line (`coopwizard serve`), light to import.

Nothing here imports Textual: the tabs' processes do, the server does not.
"""
