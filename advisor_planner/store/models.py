"""peewee models: one class per record of the data model in DESIGN.md.

All models bind to ``database``, a ``DatabaseProxy`` that ``connection.open_database`` points at
a real database, so tests can hand in a temporary file. Moments are stored as naive UTC
datetimes; calendar days (due dates, ISO weeks) as local dates.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import peewee
from peewee import (
    SQL,
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    NodeList,
    SqliteDatabase,
    TextField,
)

from advisor_planner.domain.enums import (
    CommitmentStatus,
    Engagement,
    FeedbackAspect,
    GoalStatus,
    InitiativeStatus,
    Initiator,
    StakeholderKind,
    TrustSource,
)

database = DatabaseProxy()


def utc_now() -> datetime:
    """The current moment as a naive UTC datetime, the form every timestamp is stored in."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class DateField(peewee.DateField):
    """A date column read with ``date.fromisoformat``.

    peewee's own reader tries ``strptime`` format by format; ours is many times faster, which
    is what lets the dashboard read thousands of dated rows within its budget.
    """

    def python_value(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                pass
        return super().python_value(value)  # type: ignore[no-untyped-call]  # peewee: untyped


class DateTimeField(peewee.DateTimeField):
    """A datetime column read with ``datetime.fromisoformat`` (see ``DateField``)."""

    def python_value(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)  # type: ignore[no-untyped-call]  # peewee: untyped


class StableIdField(AutoField):
    """An integer primary key that is never handed out twice.

    Trash restores a record under its old id; plain SQLite rowids reuse the largest id once
    it is deleted, so a new record could take the id of one waiting in the trash. On SQLite
    the column is declared AUTOINCREMENT; other databases' sequences never reuse ids anyway.
    """

    def ddl(self, ctx: Any) -> Any:  # noqa: D102 - peewee hook
        node = super().ddl(ctx)
        if isinstance(self.model._meta.database.obj, SqliteDatabase):
            return NodeList((node, SQL("AUTOINCREMENT")))
        return node


class BaseModel(Model):
    # peewee adds this key itself when a model declares none; declared so type checkers see it.
    id = AutoField()
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)

    class Meta:
        database = database
        legacy_table_names = False


class Record(BaseModel):
    """A record a person creates and can delete to the trash."""

    id = StableIdField()


class Stakeholder(Record):
    name = CharField(max_length=200, index=True)
    title = CharField(max_length=200, default="")
    organisation = CharField(max_length=200, default="")
    business_unit = CharField(max_length=200, default="", index=True)
    kind = CharField(max_length=16, default=StakeholderKind.INTERNAL.value)
    email = CharField(max_length=320, default="", index=True)
    phone = CharField(max_length=64, default="")
    notes = TextField(default="")
    power = IntegerField(default=3)
    interest = IntegerField(default=3)
    engagement_current = CharField(max_length=16, default=Engagement.NEUTRAL.value)
    engagement_desired = CharField(max_length=16, default=Engagement.SUPPORTIVE.value)
    cadence_days = IntegerField(null=True)
    archived = BooleanField(default=False)


class Tag(BaseModel):
    name = CharField(max_length=100, unique=True)


class StakeholderTag(BaseModel):
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="tag_links")
    tag = ForeignKeyField(Tag, on_delete="CASCADE", backref="stakeholder_links")

    class Meta:
        indexes = ((("stakeholder", "tag"), True),)


class TrustCheck(Record):
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="trust_checks")
    checked_on = DateField()
    credibility = IntegerField()
    reliability = IntegerField()
    intimacy = IntegerField()
    self_orientation = IntegerField()
    warmth = IntegerField(null=True)
    competence = IntegerField(null=True)
    source = CharField(max_length=32, default=TrustSource.MY_ESTIMATE.value)
    note = TextField(default="")

    class Meta:
        # Each person's checks by day with every column the dashboard reads of them (schema
        # v3): their latest quotient, or latest warmth and competence, is one seek in it.
        indexes = (
            (
                ("stakeholder", "checked_on", "id", "credibility", "reliability", "intimacy")
                + ("self_orientation", "warmth", "competence"),
                False,
            ),
            (("checked_on",), False),
        )


class Touchpoint(Record):
    occurred_at = DateTimeField(index=True)  # UTC
    # The calendar day in the user's zone when it happened: weekly and daily counts group on
    # it with portable SQL, and it is what a person means by "the meeting on Tuesday".
    occurred_on = DateField()
    has_time = BooleanField(default=True)  # False for date-only (all-day) touchpoints
    subject = CharField(max_length=300, default="")
    channel = CharField(max_length=32)
    purpose = CharField(max_length=32)
    stage = CharField(max_length=16, null=True)
    listening = IntegerField(null=True)
    sentiment = IntegerField(null=True)
    reciprocity = CharField(max_length=16, null=True)
    initiated_by = CharField(max_length=8, default=Initiator.ME.value)
    notes = TextField(default="")
    # Where an import came from (an iCalendar UID plus recurrence date), so importing the same
    # calendar again adds nothing.
    external_uid = CharField(max_length=500, null=True, unique=True)

    class Meta:
        # Covers the per-day, per-channel counts of the activity charts without a table read.
        indexes = ((("occurred_on", "channel"), False),)


class TouchpointStakeholder(BaseModel):
    # No single-column indexes on the keys: the two composite indexes below start with each
    # of them, and a lone stakeholder index lures SQLite's planner away from the better one.
    touchpoint = ForeignKeyField(
        Touchpoint, on_delete="CASCADE", backref="stakeholder_links", index=False
    )
    stakeholder = ForeignKeyField(
        Stakeholder, on_delete="CASCADE", backref="touchpoint_links", index=False
    )
    # A copy of the touchpoint's day, kept in step by services.touchpoints: "last contact per
    # stakeholder" is then an index-only scan instead of a join over every touchpoint.
    occurred_on = DateField()

    class Meta:
        indexes = (
            (("touchpoint", "stakeholder"), True),
            (("stakeholder", "occurred_on"), False),
        )


class TouchpointDayCount(Model):
    """How many touchpoints each day had on each channel, kept by triggers on ``touchpoint``
    (``migrations.install_activity_counts``), so the activity charts read one row per day
    and channel however many touchpoints there are. Derived data: not in ``ALL_MODELS``, so
    archives and the trash leave it out, and it is never written but by the triggers."""

    occurred_on = DateField()
    channel = CharField(max_length=32)
    n = IntegerField()

    class Meta:
        database = database
        table_name = "touchpoint_day_count"
        primary_key = peewee.CompositeKey("occurred_on", "channel")
        without_rowid = True


class CommitmentDayDelta(Model):
    """How the rolling follow-through (kept on time, missed, over ``COUNTED_WINDOW_DAYS``)
    changes on each day, kept by triggers on ``commitment`` (``migrations``): the rate at a
    day is the sum of the changes up to it, so a year of weeks reads a row per day that
    changed, not every promise. Derived data, like ``TouchpointDayCount``."""

    day = DateField(primary_key=True)
    kept = IntegerField()
    missed = IntegerField()

    class Meta:
        database = database
        table_name = "commitment_day_delta"
        without_rowid = True


class LastContact(Model):
    """Each person's latest touchpoint day (future ones included), kept by triggers on
    ``touchpoint_stakeholder`` (``migrations.install_last_contacts``): everyone's last contact
    is then a row each, where a seek per person in the links' index cost 2 to 4 µs each.
    Derived data, like ``TouchpointDayCount``; a person without touchpoints has no row."""

    stakeholder_id = IntegerField(primary_key=True)
    occurred_on = DateField()

    class Meta:
        database = database
        table_name = "stakeholder_last_contact"
        without_rowid = True


#: The reliability window the follow-through changes are kept for (the dashboard's, and the
#: default of ``domain.reliability``; another window reads the promises themselves).
COUNTED_WINDOW_DAYS = 90


class Commitment(Record):
    text = TextField()
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="commitments")
    touchpoint = ForeignKeyField(Touchpoint, null=True, on_delete="CASCADE", backref="commitments")
    made_on = DateField()
    due_on = DateField(null=True)
    status = CharField(max_length=16, default=CommitmentStatus.OPEN.value)
    closed_on = DateField(null=True)

    class Meta:
        # The reliability queries read made/due/closed days (and whose, schema v3) by status;
        # these two indexes cover them, so a year of follow-through, or each person's over the
        # health window, is read without touching the table.
        indexes = (
            (("status", "due_on", "made_on", "closed_on", "stakeholder"), False),
            (("status", "closed_on", "due_on", "made_on", "stakeholder"), False),
            (("stakeholder", "status"), False),
        )


class Feedback(Record):
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="feedback")
    received_on = DateField(index=True)
    text = TextField()
    aspect = CharField(max_length=16, default=FeedbackAspect.BOTH.value)


class BrandGoal(Record):
    title = CharField(max_length=200)
    statement = TextField(default="")
    trust_factor = CharField(max_length=32, null=True)
    start_on = DateField()
    target_on = DateField(null=True)
    status = CharField(max_length=16, default=GoalStatus.ACTIVE.value)
    metric = CharField(max_length=200, default="")
    baseline = FloatField(null=True)
    target = FloatField(null=True)


class GoalAudience(BaseModel):
    goal = ForeignKeyField(BrandGoal, on_delete="CASCADE", backref="audience_links")
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="goal_links")

    class Meta:
        indexes = ((("goal", "stakeholder"), True),)


class GoalCheckpoint(Record):
    goal = ForeignKeyField(BrandGoal, on_delete="CASCADE", backref="checkpoints")
    recorded_on = DateField()
    value = FloatField()
    note = TextField(default="")

    class Meta:
        indexes = ((("goal", "recorded_on"), False),)


class GoalMilestone(Record):
    goal = ForeignKeyField(BrandGoal, on_delete="CASCADE", backref="milestones")
    title = CharField(max_length=200)
    due_on = DateField(null=True)
    done_on = DateField(null=True)


class Reflection(Record):
    week = CharField(max_length=8, unique=True)  # ISO week, "2026-W47"
    wins = TextField(default="")
    hard = TextField(default="")
    not_present = TextField(default="")
    difficult_conversations = TextField(default="")
    lessons = TextField(default="")
    focus_note = TextField(default="")
    # Answers to prompts beyond the fixed ones above, as JSON {prompt id: text}; the prompts
    # live in resources/ and may change without a migration.
    answers = TextField(default="{}")
    self_awareness = IntegerField(null=True)
    self_regulation = IntegerField(null=True)
    motivation = IntegerField(null=True)
    empathy = IntegerField(null=True)
    social_skill = IntegerField(null=True)
    energy = IntegerField(null=True)
    completed_at = DateTimeField(null=True)


class ReflectionFocusStakeholder(BaseModel):
    reflection = ForeignKeyField(Reflection, on_delete="CASCADE", backref="focus_people")
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="focus_links")

    class Meta:
        indexes = ((("reflection", "stakeholder"), True),)


class ReflectionFocusGoal(BaseModel):
    reflection = ForeignKeyField(Reflection, on_delete="CASCADE", backref="focus_goals")
    goal = ForeignKeyField(BrandGoal, on_delete="CASCADE", backref="focus_links")

    class Meta:
        indexes = ((("reflection", "goal"), True),)


class ReflectionFocusCommitment(BaseModel):
    reflection = ForeignKeyField(Reflection, on_delete="CASCADE", backref="focus_commitments")
    commitment = ForeignKeyField(Commitment, on_delete="CASCADE", backref="focus_links")

    class Meta:
        indexes = ((("reflection", "commitment"), True),)


class Initiative(Record):
    name = CharField(max_length=200)
    business_unit = CharField(max_length=200, default="")
    sponsor = ForeignKeyField(
        Stakeholder, null=True, on_delete="SET NULL", backref="sponsored_initiatives"
    )
    start_on = DateField(null=True)
    end_on = DateField(null=True)
    status = CharField(max_length=16, default=InitiativeStatus.ACTIVE.value)
    user_satisfaction = FloatField(null=True)  # 1–5
    on_time = BooleanField(null=True)
    on_budget = BooleanField(null=True)
    defect_count = IntegerField(null=True)
    change_order_amount = FloatField(null=True)
    adoption = FloatField(null=True)  # percent of intended users, 0–100
    notes = TextField(default="")


class InitiativeStakeholder(BaseModel):
    initiative = ForeignKeyField(Initiative, on_delete="CASCADE", backref="stakeholder_links")
    stakeholder = ForeignKeyField(Stakeholder, on_delete="CASCADE", backref="initiative_links")

    class Meta:
        indexes = ((("initiative", "stakeholder"), True),)


class Setting(BaseModel):
    key = CharField(max_length=100, unique=True)
    value = TextField()  # JSON


class SchemaVersion(BaseModel):
    version = IntegerField()


class TrashEntry(BaseModel):
    """A deleted record with everything that was deleted with it, as JSON, until purged."""

    kind = CharField(max_length=32)
    record_id = IntegerField()
    label = CharField(max_length=300)
    deleted_at = DateTimeField(default=utc_now, index=True)
    payload = TextField()


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Stakeholder,
    Tag,
    StakeholderTag,
    TrustCheck,
    Touchpoint,
    TouchpointStakeholder,
    Commitment,
    Feedback,
    BrandGoal,
    GoalAudience,
    GoalCheckpoint,
    GoalMilestone,
    Reflection,
    ReflectionFocusStakeholder,
    ReflectionFocusGoal,
    ReflectionFocusCommitment,
    Initiative,
    InitiativeStakeholder,
    Setting,
    SchemaVersion,
    TrashEntry,
)
