-- Audit events are append-only in the database itself (docs/decisions/0006-audit-hash-chain.md).
-- Not part of schema.prisma: Prisma does not model triggers.
--
-- UPDATE and TRUNCATE are always refused. DELETE is refused unless the transaction has set
-- `preflight.audit_retention` to 'on' (SET LOCAL), which only the retention job does after
-- exporting the events and writing a checkpoint. This stops mistakes and the app's own code
-- paths, not a database owner (who can drop the trigger): the hash chain is what shows that.
--
-- A consequence: deleting a User would now fail, because the foreign key's ON DELETE SET
-- NULL updates their audit events. Users are deactivated, never deleted.

CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('preflight.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit events are append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Old events are removed only by `npm run cli -- audit retain`.';
END;
$$;

-- Events written before this migration have no hash (the chain starts after them); every
-- new event must carry its place in the chain.
CREATE FUNCTION "audit_event_hashed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."hash" IS NULL OR NEW."prevHash" IS NULL THEN
    -- The default error code: Prisma replaces a not_null_violation's message with its own.
    RAISE EXCEPTION 'audit events must carry "hash" and "prevHash" (write them with recordAudit)';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditEvent_append_only_row"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_append_only_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_hashed"
  BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_hashed"();

-- Checkpoints anchor the chain after retention: they are never changed or removed.
CREATE FUNCTION "audit_checkpoint_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit checkpoints are append-only: % on "%" is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditCheckpoint_append_only_row"
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_checkpoint_append_only"();

CREATE TRIGGER "AuditCheckpoint_append_only_truncate"
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_checkpoint_append_only"();
