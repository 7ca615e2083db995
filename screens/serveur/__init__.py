"""The web side of `coopwizard serve`: textual-serve's server and one coopwizard process per
browser tab. It imports Textual (through textual-serve), so it lives beside the UI, not in the
core; the core's part (`coopwizard.serveur`: the command, the projects, the security rules)
loads it only when the server starts."""
