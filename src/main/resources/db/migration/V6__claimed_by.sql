-- Which job execution claimed a row IN_FLIGHT: a row whose claiming execution is no longer running was left by a
-- process that died mid-call, whichever run or shard or step it belonged to.
ALTER TABLE withdrawal ADD COLUMN claimed_by BIGINT;
