"""SQL over the full-text vectors PostgreSQL stores beside records and turns.

``catalog_record.search_document`` (a record's title, summary, turns and published notes;
kept by triggers, migration 0005) and ``catalog_turn.search_vector`` (a turn's text; a
generated column, migration 0006) are not model fields, so the ORM cannot name them.
``StoredVectorSQL`` writes SQL around such a column for whatever alias its table has in
the query at hand, including inside a subquery.
"""
from django.db.models import BooleanField, Expression, F, FloatField

#: the stored vector of each table that has one
RECORD_DOCUMENT = "search_document"
TURN_VECTOR = "search_vector"


class StoredVectorSQL(Expression):
    """``template`` with ``{vector}`` standing for ``column`` of the queried row, and its parameters."""

    def __init__(self, column, template, params=(), output_field=None):
        super().__init__(output_field=output_field)
        self.column, self.template, self.params = column, template, list(params)
        self.pk = F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, expressions):
        (self.pk,) = expressions

    def as_sql(self, compiler, connection):
        pk_sql, _ = compiler.compile(self.pk)
        table = pk_sql.rsplit(".", 1)[0]  # '"catalog_record"', or the alias a subquery gave it
        return self.template.format(vector=f"{table}.{connection.ops.quote_name(self.column)}"), self.params

    @property
    def conditional(self):
        return isinstance(self.output_field, BooleanField)


def vector_matches(column, tsquery_sql, params):
    """A condition: the row's stored vector matches the tsquery ``tsquery_sql``."""
    return StoredVectorSQL(column, f"{{vector}} @@ ({tsquery_sql})", params, output_field=BooleanField())


def vector_rank(column, tsquery_sql, params):
    """The row's ``ts_rank`` for the tsquery ``tsquery_sql``, 0 where it has no vector."""
    return StoredVectorSQL(column, f"COALESCE(ts_rank({{vector}}, ({tsquery_sql})), 0)", params,
                           output_field=FloatField())


class PkInArray(Expression):
    """A condition: the row's primary key is one of ``ids``, sent as one array parameter.

    ``pk IN (...)`` would send one parameter per ID; an array is one parameter, which
    PostgreSQL looks up by hashing however many IDs it holds.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, ids):
        super().__init__()
        self.ids = list(ids)
        self.pk = F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, expressions):
        (self.pk,) = expressions

    def as_sql(self, compiler, connection):
        pk_sql, pk_params = compiler.compile(self.pk)
        return f"{pk_sql} = ANY(%s::bigint[])", [*pk_params, self.ids]
