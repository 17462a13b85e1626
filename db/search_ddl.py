"""Store-specific search objects that the ORM models cannot describe.

SQLite gets an FTS5 index over ``customers.search_text`` kept current by triggers, so any
writer (services, replication, the sqlite3 shell) keeps it right. PostgreSQL gets a GIN
index over the words of the same column (``to_tsvector('simple', ...)``: word prefixes, the
FTS5 index's semantics; revision 0007 replaced a trigram index, which matched inside words and
could not serve a two-letter prefix without reading every row), a b-tree over the same words as
one lower-case line (``POSTGRES_START``, revision 0021: the names that start with what was
typed, read in order, so a prefix that thousands of customers share stops at the LIMIT where
the GIN bitmap first collects every match) and ``text_pattern_ops`` indexes so a prefix of a
number, e-mail or SR number is a range the index reads in order, whatever the database's
collation.

The GIN index's pending list is kept short (``gin_pending_list_limit = 256`` kB, revision
0021): every search reads the whole list, which by default grows to 4 MB until autovacuum gets
round to the table (a fresh bulk load, a day of pushes below the insert threshold); at a
million customers a full list added a millisecond to each GIN query. Turning the list off
(``fastupdate = off``) made 10,000 inserts 45% slower; 256 kB makes them about 20% slower and
keeps what a search reads to 32 pages.

Revision 0001 creates what these lists say today, so a later revision that changes them must
be written to run on top of either (``IF EXISTS`` / ``IF NOT EXISTS``).

Trap: an Alembic batch ("move and copy") migration of ``customers`` on SQLite drops these
triggers and renumbers rowids; such a migration must call ``drop`` before and ``create``
after (which rebuilds the index).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE customer_fts USING fts5(search_text, content='customers', "
    "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER customer_fts_ai AFTER INSERT ON customers BEGIN "
    "INSERT INTO customer_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER customer_fts_ad AFTER DELETE ON customers BEGIN "
    "INSERT INTO customer_fts(customer_fts, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER customer_fts_au AFTER UPDATE OF search_text ON customers BEGIN "
    "INSERT INTO customer_fts(customer_fts, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO customer_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS customer_fts_au",
    "DROP TRIGGER IF EXISTS customer_fts_ad",
    "DROP TRIGGER IF EXISTS customer_fts_ai",
    "DROP TABLE IF EXISTS customer_fts",
)

#: The words of ``customers.search_text`` as the PostgreSQL name search matches them: split
#: where the search box splits them (``\w+``), not where the text parser would (it reads
#: "CRM-0042" as the word "crm" and the number "-0042").
POSTGRES_WORDS = r"to_tsvector('simple'::regconfig, regexp_replace(search_text, '\W+', ' ', 'g'))"
POSTGRES_WORDS_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_customers_search_words ON customers "
    f"USING gin ({POSTGRES_WORDS}) WITH (gin_pending_list_limit = 256)"
)
#: The same words as one line, lower case: a b-tree over it (``text_pattern_ops``, compared
#: byte by byte like the other prefix indexes) reads the customers whose text starts with the
#: typed words, in order. Not a partial index: the planner reads no statistics from one, and
#: without them it guessed 100 rows for a prefix 2,000 customers shared and sorted them all.
POSTGRES_START = r"lower(btrim(regexp_replace(search_text, '\W+', ' ', 'g')))"
POSTGRES_START_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_customers_search_start ON customers "
    f"(({POSTGRES_START}) text_pattern_ops)"
)

POSTGRES_CREATE = (
    POSTGRES_WORDS_INDEX,
    POSTGRES_START_INDEX,
    "CREATE INDEX ix_phone_numbers_e164_prefix ON phone_numbers (e164 text_pattern_ops)",
    "CREATE INDEX ix_phone_numbers_national_prefix ON phone_numbers (national text_pattern_ops)",
    "CREATE INDEX ix_emails_address_lower_prefix ON emails (address_lower text_pattern_ops)",
    "CREATE INDEX ix_service_requests_number_prefix ON service_requests (number text_pattern_ops)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS ix_service_requests_number_prefix",
    "DROP INDEX IF EXISTS ix_emails_address_lower_prefix",
    "DROP INDEX IF EXISTS ix_phone_numbers_national_prefix",
    "DROP INDEX IF EXISTS ix_phone_numbers_e164_prefix",
    "DROP INDEX IF EXISTS ix_customers_search_start",
    "DROP INDEX IF EXISTS ix_customers_search_words",
    "DROP INDEX IF EXISTS ix_customers_search_text_trgm",
)

#: Names the schema-drift check must not report: they exist only in the database.
UNMODELLED_NAMES = frozenset(
    {
        "customer_fts",
        "customer_fts_data",
        "customer_fts_idx",
        "customer_fts_docsize",
        "customer_fts_config",
        "customer_fts_content",
        "ix_customers_search_text_trgm",
        "ix_customers_search_words",
        "ix_customers_search_start",
        "ix_phone_numbers_e164_prefix",
        "ix_phone_numbers_national_prefix",
        "ix_emails_address_lower_prefix",
        "ix_service_requests_number_prefix",
    }
)


def _statements(connection: Connection, *, create: bool) -> tuple[str, ...]:
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if dialect == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    raise ValueError(f"no search objects for dialect {dialect!r}")


def create(connection: Connection) -> None:
    """Create the search objects and index every existing row."""
    for statement in _statements(connection, create=True):
        connection.execute(text(statement))


def drop(connection: Connection) -> None:
    for statement in _statements(connection, create=False):
        connection.execute(text(statement))
