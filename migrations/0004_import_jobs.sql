CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"desk_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_size" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"dry_run" boolean DEFAULT true NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cursor" integer DEFAULT 0 NOT NULL,
	"total_rows" integer,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"report" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_entity" CHECK (entity in ('profiles', 'assets', 'firms', 'needs', 'opportunities')),
	CONSTRAINT "import_jobs_status" CHECK (status in ('pending', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_desk_id_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_jobs_file_key" ON "import_jobs" USING btree ("desk_id","entity","file_sha256","dry_run");--> statement-breakpoint
CREATE UNIQUE INDEX "needs_firm_ref_key" ON "needs" USING btree ("firm_id","external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_desk_ref_key" ON "opportunities" USING btree ("desk_id","external_ref");