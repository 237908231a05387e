-- An audit tail that can't be cut (docs/decisions/0006-audit-hash-chain.md).
-- Not part of schema.prisma: Prisma does not model triggers.
--
-- Before, a transaction that set `preflight.audit_retention` could delete any event, the
-- newest included, and `audit verify` then reported an intact chain with a new head. Now
-- the database itself holds the rule retention follows:
--   * an event may be deleted only when a checkpoint written in the same transaction covers
--     it (its id is at most the checkpoint's lastEventId): only the oldest prefix goes;
--   * a checkpoint is refused when it covers the newest event, an event younger than
--     AUDIT_MIN_AGE below, or does not continue the previous checkpoint with the covered
--     event's own hash and count;
--   * every append-only trigger fires ENABLE ALWAYS, so `session_replication_role = replica`
--     (which skips ordinary triggers) skips none of these.
-- What remains outside any trigger: the table's owner can still drop or disable a trigger
-- (DDL), which is why the chain's head hash and the attestations anchor it from outside.

-- The minimum age of any event a checkpoint may cover. Fixed here on purpose: changing it
-- takes a migration, not a setting a session could change.
CREATE OR REPLACE FUNCTION "audit_min_age"() RETURNS interval LANGUAGE sql IMMUTABLE AS $$
  SELECT interval '1 day'
$$;

-- The checkpoint this transaction wrote, if any (xmin is the id of the transaction that
-- inserted the row; a checkpoint written in a subtransaction is not recognised, so a
-- delete there is refused: the rule fails closed).
CREATE OR REPLACE FUNCTION "audit_checkpoint_of_this_transaction"() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT c."lastEventId" FROM "AuditCheckpoint" c
   WHERE c.xmin::text = (pg_current_xact_id()::text::bigint % 4294967296)::text
   ORDER BY c."id" DESC LIMIT 1
$$;

CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  covered bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    covered := "audit_checkpoint_of_this_transaction"();
    IF covered IS NOT NULL AND OLD."id" <= covered THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: deleting event #% is refused (only retention deletes, and only events a checkpoint written in the same transaction covers)', OLD."id"
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'Old events are removed only by `npm run cli -- audit retain`.';
  END IF;
  RAISE EXCEPTION 'audit events are append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Old events are removed only by `npm run cli -- audit retain`.';
END;
$$;

CREATE OR REPLACE FUNCTION "audit_checkpoint_valid"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous RECORD;
  covered RECORD;
  after_previous bigint;
  youngest timestamp(3);
  counted bigint;
BEGIN
  SELECT c."lastEventId", c."lastHash" INTO previous FROM "AuditCheckpoint" c ORDER BY c."id" DESC LIMIT 1;
  after_previous := coalesce(previous."lastEventId", 0);
  IF NEW."lastEventId" <= after_previous THEN
    RAISE EXCEPTION 'audit checkpoint refused: it must cover events after #% (the previous checkpoint), not up to #%', after_previous, NEW."lastEventId"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT e."id", e."hash" INTO covered FROM "AuditEvent" e WHERE e."id" = NEW."lastEventId";
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit checkpoint refused: event #% does not exist', NEW."lastEventId"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."id" > NEW."lastEventId") THEN
    RAISE EXCEPTION 'audit checkpoint refused: event #% is the newest event, and the head of the chain is never removed', NEW."lastEventId"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT max(e."createdAt"), count(*) INTO youngest, counted FROM "AuditEvent" e
   WHERE e."id" > after_previous AND e."id" <= NEW."lastEventId";
  IF youngest > (now() AT TIME ZONE 'UTC') - "audit_min_age"() THEN
    RAISE EXCEPTION 'audit checkpoint refused: it covers an event of % (UTC), younger than the minimum age of %', youngest, "audit_min_age"()
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF covered."hash" IS NOT NULL AND covered."hash" IS DISTINCT FROM NEW."lastHash" THEN
    RAISE EXCEPTION 'audit checkpoint refused: its hash is not the hash of event #%', NEW."lastEventId"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."removedCount" <> counted THEN
    RAISE EXCEPTION 'audit checkpoint refused: it says % events are removed, but % events precede it', NEW."removedCount", counted
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditCheckpoint_valid"
  BEFORE INSERT ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_checkpoint_valid"();

-- Fire whatever session_replication_role says.
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only_row";
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_append_only_truncate";
ALTER TABLE "AuditEvent" ENABLE ALWAYS TRIGGER "AuditEvent_hashed";
ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER "AuditCheckpoint_append_only_row";
ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER "AuditCheckpoint_append_only_truncate";
ALTER TABLE "AuditCheckpoint" ENABLE ALWAYS TRIGGER "AuditCheckpoint_valid";
ALTER TABLE "ItemChange" ENABLE ALWAYS TRIGGER "ItemChange_append_only";
ALTER TABLE "Contribution" ENABLE ALWAYS TRIGGER "Contribution_append_only";
