"""The same words in SQL, for the CSV (English, as every download is):
PostgreSQL's COPY writes it and cannot call Python.

Two forms of each column, the same words in the same order: sql_*(), a
subquery per row (the Python writer's, on any database), and copied_*(),
for COPY on PostgreSQL, which reads each table once for the whole export,
aggregated to one row per ordinance (blocks_by_ordinance(),
changes_by_ordinance()) and LEFT JOINed (pgcopy.LinkedJoin)."""

import re

from django.contrib.postgres.aggregates import ArrayAgg, StringAgg
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    RTrim,
    Substr,
    Trim,
)
from django.db.models.lookups import IsNull

from ..cells import FormulaSafe
from ..choices import IN_FORCE_STATUSES, ChangeKind, DatePrecision, OrdinanceStatus
from ..dates import english_words
from ..models import InstrumentChange, ProvisionBlock
from .words import (
    A_COURT,
    BLOCK_TEMPLATES,
    BLOCKED,
    ENDING,
    IN_EFFECT_EXCEPT,
    ITEM_SEPARATOR,
    NO_LONGER,
    NOT_RECORDED,
    PUBLISHED,
    SENTENCE_SEPARATOR,
)


class Chain(Func):
    """Text parts joined with ||: NULL when any part is NULL, which the
    templates use to drop a sentence with nothing to say."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = TextField()


def sql_fill(template, **parts):
    """`template` (English) with its %(name)s placeholders filled by the
    SQL expressions in `parts`."""
    pieces = re.split(r"%\((\w+)\)s", template)
    expressions = []
    for index, piece in enumerate(pieces):
        if index % 2:
            expressions.append(parts[piece])
        elif piece:
            expressions.append(Value(piece.replace("%%", "%")))
    return Chain(*expressions)


def as_text(expression):
    return Cast(Cast(expression, IntegerField()), TextField())


def month_words(width, names):
    """SQL: the name of the month in `month` (1 to 12) from `names`, each
    padded to `width` in one string: shorter than a CASE of twelve."""
    return lambda month: RTrim(
        Substr(
            Cast(Value("".join(name.ljust(width) for name in names)), TextField()),
            (month - 1) * width + 1,
            width,
        )
    )


def sql_date(field):
    """SQL: dates.date_text() of `field` at its `<field>_precision`, in
    English, from the same words."""
    words = english_words()
    names = [words.month_names[n] for n in range(1, 13)]
    abbreviations = [words.months[n] for n in range(1, 13)]
    month = Cast(ExtractMonth(field), IntegerField())
    year = as_text(ExtractYear(field))
    precision = f"{field}_precision"
    return Case(
        When(**{precision: DatePrecision.YEAR}, then=year),
        When(
            **{precision: DatePrecision.MONTH},
            then=sql_fill(
                words.month_year, month=month_words(9, names)(month), year=year
            ),
        ),
        default=Chain(
            as_text(ExtractDay(field)),
            Value(" "),
            month_words(3, abbreviations)(month),
            Value(" "),
            year,
        ),
        output_field=TextField(),
    )


def sql_blocked_by():
    """SQL: blocked_by() of a ProvisionBlock row."""
    return Case(
        When(case__publication_status=PUBLISHED, then=F("case__title")),
        When(~Q(court=""), then=F("court")),
        default=Value(A_COURT),
        output_field=TextField(),
    )


def sql_block_item():
    """SQL: block_item() of a ProvisionBlock row, from BLOCK_TEMPLATES."""
    parts = {
        "clause": F("clause"),
        "by": sql_blocked_by(),
        "since": sql_date("blocked_on"),
        "until": sql_date("lifted_on"),
    }
    return Case(
        *(
            When(
                lifted_on__isnull=standing,
                blocked_on__isnull=not dated,
                then=sql_fill(template, **parts),
            )
            for (standing, dated), template in BLOCK_TEMPLATES.items()
        ),
        output_field=TextField(),
    )


class JoinedRows(Subquery):
    """The `item` column of a subquery's rows, in its order, joined with a
    separator; NULL when it has no rows."""

    output_field = TextField()

    def __init__(self, queryset, separator, **kwargs):
        self.separator = separator
        super().__init__(queryset, **kwargs)

    def as_sql(self, compiler, connection, template=None, **extra_context):
        # A sorted subquery hands its rows to the aggregate in order, on
        # SQLite as on PostgreSQL (whose string_agg takes no ORDER BY from
        # a query it does not see).
        separator = self.separator.replace("'", "''")
        function = "string_agg" if connection.vendor == "postgresql" else "group_concat"
        template = (
            f"(SELECT {function}(joined_rows.item, '{separator}') "
            "FROM (%(subquery)s) joined_rows)"
        )
        return super().as_sql(compiler, connection, template=template, **extra_context)


def blocks_of(ordinance_field="pk", **filters):
    return ProvisionBlock.objects.filter(
        ordinance=OuterRef(ordinance_field), **filters
    ).order_by(F("blocked_on").asc(nulls_last=True), "pk")


def sql_fill_either(choices, **parts):
    """sql_fill() of the first of `choices` ([(condition, template)], the
    last one's condition None) that holds: templates with the same
    placeholders in the same order, so each is named once."""
    split = [re.split(r"%\((\w+)\)s", template) for _, template in choices]
    if len({tuple(pieces[1::2]) for pieces in split}) != 1:
        raise ValueError("the templates differ in their placeholders")
    expressions = []
    for index, piece in enumerate(split[0]):
        if index % 2:
            expressions.append(parts[piece])
            continue
        words = [pieces[index].replace("%%", "%") for pieces in split]
        if len(set(words)) == 1:
            if words[0]:
                expressions.append(Value(words[0]))
            continue
        *conditions, (_, default) = zip((c for c, _ in choices), words, strict=True)
        expressions.append(
            Case(
                *(When(condition, then=Value(text)) for condition, text in conditions),
                default=Value(default),
                output_field=TextField(),
            )
        )
    return Chain(*expressions)


def in_force_note_of(standing, lifted, blocked):
    """SQL: in_force_note() of an ordinance row whose standing and lifted
    block items, joined, are `standing` and `lifted` (NULL when none), and
    that has a block at all when `blocked` holds ("" when no note)."""
    first = Coalesce(
        sql_fill_either(
            [(Q(status__in=IN_FORCE_STATUSES), IN_EFFECT_EXCEPT), (None, BLOCKED)],
            blocks=standing,
        ),
        Case(
            When(status=OrdinanceStatus.ENJOINED_IN_PART, then=Value(NOT_RECORDED)),
            output_field=TextField(),
        ),
        Value(""),
    )
    second = Coalesce(sql_fill(NO_LONGER, blocks=lifted), Value(""))
    # Each sentence ends with its full stop, so trimming removes only the
    # separator left by a missing one.
    note = Trim(Chain(first, Value(SENTENCE_SEPARATOR), second))
    return Case(
        When(blocked | Q(status=OrdinanceStatus.ENJOINED_IN_PART), then=note),
        default=Value(""),
        output_field=TextField(),
    )


def sql_in_force_note():
    """SQL: in_force_note() of an ordinance row, in English ("" when none)."""
    standing = JoinedRows(
        blocks_of(lifted_on__isnull=True).values(item=sql_block_item()),
        ITEM_SEPARATOR,
    )
    lifted = JoinedRows(
        blocks_of(lifted_on__isnull=False).values(item=sql_block_item()),
        ITEM_SEPARATOR,
    )
    # Most rows have no block: one probe of the index, then nothing.
    return in_force_note_of(standing, lifted, Exists(blocks_of()))


def sql_standing_provisions():
    """SQL: standing_provisions() of an ordinance row, joined with ";"."""
    return Coalesce(
        JoinedRows(
            blocks_of(lifted_on__isnull=True).values(item=F("provision__slug")), ";"
        ),
        Value(""),
        output_field=TextField(),
    )


def public_changes_of(ordinance_field="pk", **filters):
    """SQL: the changes acting on an ordinance row by a published instrument."""
    return InstrumentChange.objects.filter(
        target=OuterRef(ordinance_field),
        acting__publication_status=PUBLISHED,
        acting__jurisdiction__publication_status=PUBLISHED,
        **filters,
    ).order_by(F("on").asc(nulls_last=True), "pk")


def sql_ended_by():
    """SQL: the slug of ended_by() of an ordinance row ("" when none)."""
    return Coalesce(
        Subquery(public_changes_of(kind__in=ENDING).values("acting__slug")[:1]),
        Value(""),
        output_field=TextField(),
    )


def sql_amended_by():
    """SQL: the slugs of the published instruments amending an ordinance
    row, joined with ";"."""
    return Coalesce(
        JoinedRows(
            public_changes_of(kind=ChangeKind.AMENDS).values(item=F("acting__slug")),
            ";",
        ),
        Value(""),
        output_field=TextField(),
    )


# For COPY: each table aggregated once per export, in the same orders.
BLOCK_ORDER = (F("blocked_on").asc(nulls_last=True), "pk")
CHANGE_ORDER = (F("on").asc(nulls_last=True), "pk")
STANDING = Q(lifted_on__isnull=True)
LIFTED = Q(lifted_on__isnull=False)


class First(Func):
    """The first item of an array, NULL when it is NULL or empty."""

    template = "(%(expressions)s)[1]"
    output_field = TextField()


def blocks_by_ordinance(owners=None):
    """One row per ordinance with blocks (of the `owners` queryset when
    given): `owner`, then the slugs of its standing provisions and its
    standing and lifted block items, each joined in the blocks' order."""
    rows = ProvisionBlock.objects.order_by()
    if owners is not None:
        rows = rows.filter(ordinance__in=owners)
    item = sql_block_item()
    return rows.values(owner=F("ordinance")).annotate(
        standing_slugs=StringAgg(
            "provision__slug", ";", filter=STANDING, order_by=BLOCK_ORDER
        ),
        standing=StringAgg(item, ITEM_SEPARATOR, filter=STANDING, order_by=BLOCK_ORDER),
        lifted=StringAgg(item, ITEM_SEPARATOR, filter=LIFTED, order_by=BLOCK_ORDER),
    )


def changes_by_ordinance(owners=None):
    """One row per ordinance acted on by a published instrument (of the
    `owners` queryset when given): `owner`, the slug of the first that ends
    it and those of the ones that amend it, joined, by date."""
    rows = InstrumentChange.objects.order_by().filter(
        acting__publication_status=PUBLISHED,
        acting__jurisdiction__publication_status=PUBLISHED,
    )
    if owners is not None:
        rows = rows.filter(target__in=owners)
    return rows.values(owner=F("target")).annotate(
        ended_by=First(
            ArrayAgg("acting__slug", filter=Q(kind__in=ENDING), order_by=CHANGE_ORDER)
        ),
        amended_by=StringAgg(
            "acting__slug",
            ";",
            filter=Q(kind=ChangeKind.AMENDS),
            order_by=CHANGE_ORDER,
        ),
    )


# The cells from an ordinance's joined row, where `part(name)` is its column
# `name` (NULL, an empty cell, when the ordinance has no row).


def copied_standing_provisions(part):
    return part("standing_slugs")


def copied_in_force_note(part):
    # It starts with a template's first word (a test holds them to that), or
    # is empty: no formula test, so COPY works it out once per row.
    return FormulaSafe(
        in_force_note_of(part("standing"), part("lifted"), IsNull(part("owner"), False))
    )


def copied_ended_by(part):
    return part("ended_by")


def copied_amended_by(part):
    return part("amended_by")
