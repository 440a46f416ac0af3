-- The `claims` relation that corroboration.sql reads, on DuckDB: the JSONL export
-- (`claims.jsonl`; replace the path) with each field's type, so that a column that
-- happens to be null on every line is still typed. docs/interop.md documents the fields.
CREATE OR REPLACE VIEW claims AS
SELECT *
FROM read_json(
  'claims.jsonl',
  format = 'newline_delimited',
  columns = {
    'source': 'VARCHAR',
    'uri': 'VARCHAR',
    'line': 'INTEGER',
    'index': 'INTEGER',
    'claim': 'VARCHAR',
    'key': 'VARCHAR',
    'value': 'VARCHAR',
    'by': 'VARCHAR',
    'asOf': 'VARCHAR',
    'asOfFrom': 'VARCHAR',
    'asOfTo': 'VARCHAR',
    'norm': 'VARCHAR',
    'unit': 'VARCHAR',
    'lo': 'DOUBLE',
    'hi': 'DOUBLE',
    'loOpen': 'BOOLEAN',
    'hiOpen': 'BOOLEAN',
    'links': 'STRUCT(kind VARCHAR, source VARCHAR, claim VARCHAR)[]',
    'core': 'STRUCT(status VARCHAR, corroborating VARCHAR[], conflicting VARCHAR[], acknowledged VARCHAR[])'
  }
);
