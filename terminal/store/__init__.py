"""The local SQLite store: models, migrations, the one writer, start-up checks."""
