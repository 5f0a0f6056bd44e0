CREATE TABLE "team_locks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"run_id" uuid,
	"members" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" uuid,
	"unlocked_at" timestamp with time zone,
	"unlocked_by" uuid,
	"unlock_reason" text
);
--> statement-breakpoint
ALTER TABLE "team_locks" ADD CONSTRAINT "team_locks_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_locks" ADD CONSTRAINT "team_locks_run_id_match_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_locks_version_key" ON "team_locks" USING btree ("opportunity_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "team_locks_active_key" ON "team_locks" USING btree ("opportunity_id") WHERE "team_locks"."unlocked_at" is null;