CREATE TABLE "record_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
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
	CONSTRAINT "record_merges_kind" CHECK (kind in ('asset', 'firm')),
	CONSTRAINT "record_merges_state" CHECK (state in ('pending', 'confirmed', 'undone'))
);
--> statement-breakpoint
ALTER TABLE "assets" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "firms" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
CREATE INDEX "record_merges_kept_idx" ON "record_merges" USING btree ("kind","kept_id");--> statement-breakpoint
CREATE INDEX "record_merges_merged_idx" ON "record_merges" USING btree ("kind","merged_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_merges_merged_key" ON "record_merges" USING btree ("kind","merged_id") WHERE "record_merges"."state" <> 'undone';--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_merged_into_assets_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firms" ADD CONSTRAINT "firms_merged_into_firms_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."firms"("id") ON DELETE set null ON UPDATE no action;