CREATE TABLE "profile_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"desk_id" uuid NOT NULL,
	"kept_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"kept_version" integer NOT NULL,
	"merged_version" integer NOT NULL,
	"before" jsonb,
	"moved" jsonb NOT NULL,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"merged_by" uuid,
	"settled_at" timestamp with time zone,
	"settled_by" uuid,
	CONSTRAINT "profile_merges_state" CHECK (state in ('pending', 'confirmed', 'undone'))
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "profile_merges" ADD CONSTRAINT "profile_merges_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_merges" ADD CONSTRAINT "profile_merges_kept_id_profiles_id_fk" FOREIGN KEY ("kept_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_merges" ADD CONSTRAINT "profile_merges_merged_id_profiles_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_merges_kept_idx" ON "profile_merges" USING btree ("kept_id");--> statement-breakpoint
CREATE UNIQUE INDEX "profile_merges_merged_key" ON "profile_merges" USING btree ("merged_id") WHERE "profile_merges"."state" <> 'undone';--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_merged_into_profiles_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."profiles"("id") ON DELETE set null ON UPDATE no action;