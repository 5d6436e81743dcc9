"""Database-native full-text index of chunks.

SQLite: an external-content FTS5 table (porter stemming) kept in step by triggers.
PostgreSQL: a stored, generated tsvector column with a GIN index.

Note for later migrations: SQLite rebuilds a table to alter its columns, which drops
its triggers. A migration that alters knowledge_chunk on SQLite must run
`create_sqlite_fts` again (it is idempotent and rebuilds the FTS content).
"""

from django.db import migrations

SQLITE_SQL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_chunk_fts USING fts5("
    "title, heading, text, content='knowledge_chunk', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS knowledge_chunk_ai AFTER INSERT ON knowledge_chunk BEGIN "
    "INSERT INTO knowledge_chunk_fts(rowid, title, heading, text) "
    "VALUES (new.id, new.title, new.heading, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS knowledge_chunk_ad AFTER DELETE ON knowledge_chunk BEGIN "
    "INSERT INTO knowledge_chunk_fts(knowledge_chunk_fts, rowid, title, heading, text) "
    "VALUES ('delete', old.id, old.title, old.heading, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS knowledge_chunk_au AFTER UPDATE ON knowledge_chunk BEGIN "
    "INSERT INTO knowledge_chunk_fts(knowledge_chunk_fts, rowid, title, heading, text) "
    "VALUES ('delete', old.id, old.title, old.heading, old.text); "
    "INSERT INTO knowledge_chunk_fts(rowid, title, heading, text) "
    "VALUES (new.id, new.title, new.heading, new.text); END",
    "INSERT INTO knowledge_chunk_fts(knowledge_chunk_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS knowledge_chunk_ai",
    "DROP TRIGGER IF EXISTS knowledge_chunk_ad",
    "DROP TRIGGER IF EXISTS knowledge_chunk_au",
    "DROP TABLE IF EXISTS knowledge_chunk_fts",
]
POSTGRES_SQL = [
    "ALTER TABLE knowledge_chunk ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(heading, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(text, '')), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS knowledge_chunk_search_gin ON knowledge_chunk "
    "USING GIN (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS knowledge_chunk_search_gin",
    "ALTER TABLE knowledge_chunk DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create_sqlite_fts(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_SQL)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_SQL)


def drop_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(create_sqlite_fts, drop_fulltext)]
