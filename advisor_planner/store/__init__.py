"""Everything about the database file: opening it, its models, migrations, backups, locking.

SQLite-only things (pragmas, the backup API, ``quick_check``) stay inside this package so the
services above can later run unchanged on PostgreSQL through ``playhouse.db_url``.
"""
