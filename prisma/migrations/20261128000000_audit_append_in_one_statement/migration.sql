-- Appending to the audit hash chain in one statement (docs/decisions/0006-audit-hash-chain.md).
-- Not part of schema.prisma: Prisma does not model functions.
--
-- The chain serialises audited writes: the lock is held from reading the head until commit.
-- Before, that was three round trips between the app and the database (read the head, insert,
-- commit), each waiting on a busy app process. Now the app sends the canonical JSON of the
-- event up to its last member, `prevHash` (keys are sorted, and "prevHash" sorts last), and
-- this function takes the lock, reads the head and finishes the same bytes the application
-- would hash. The formula is unchanged, so verification and older events are unaffected.
--
-- VOLATILE on purpose: each statement in it takes a fresh snapshot, so the head it reads
-- after the lock is granted includes the event committed by the previous lock holder.

CREATE FUNCTION "audit_chain_link"(canonical_prefix text, OUT "prevHash" text, OUT "hash" text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  newest RECORD;
BEGIN
  -- AUDIT_CHAIN_LOCK in lib/audit/chain.ts ("audit_ch").
  PERFORM pg_advisory_xact_lock(7022629598040908648);
  SELECT e."id", e."hash" INTO newest FROM "AuditEvent" e ORDER BY e."id" DESC LIMIT 1;
  IF FOUND THEN
    -- An event from before the chain existed has no hash: the chain starts at genesis.
    "prevHash" := coalesce(newest."hash", repeat('0', 64));
  ELSE
    "prevHash" := coalesce((SELECT c."lastHash" FROM "AuditCheckpoint" c ORDER BY c."id" DESC LIMIT 1), repeat('0', 64));
  END IF;
  "hash" := encode(sha256(convert_to(canonical_prefix || to_json("prevHash")::text || '}', 'UTF8')), 'hex');
END;
$$;
