"""`coopwizard serve`: the wizard in a browser, one secret link per project (issue 15).

textual-serve (aiohttp) does the web part: one page, one websocket, and for each
websocket one `coopwizard open FICHIER` process whose screen is drawn in the
page. This package adds what a link handed to partners needs:

- projets.py: the served projects (a file or each project of a folder), their
  address and their secret token, kept from one start to the next;
- securite.py: the rules every request goes through (token, cookie, Origin,
  wrong tokens slowed down), in one aiohttp middleware;
- commande.py: the command line (`coopwizard serve`), light to import.

The web side, which imports textual-serve (and through it Textual), is in
screens/serveur/: onglets.py (one browser tab = one process, in its own state
folder, stopped with SIGHUP, which saves like a closed terminal) and
application.py (the aiohttp application: page, static files, websocket). The
command loads it only when the server starts.
"""
