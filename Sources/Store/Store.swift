// Store: persistence of the spot-check lifecycle (SQLite through GRDB).
