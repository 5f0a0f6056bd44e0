CREATE TABLE "opportunity_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"step_code" text NOT NULL,
	"position" smallint NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"due_date" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "opportunity_checklist_note_length" CHECK (char_length(note) <= 2000)
);
--> statement-breakpoint
ALTER TABLE "assets" DROP CONSTRAINT "assets_status";--> statement-breakpoint
ALTER TABLE "opportunity_checklist_items" ADD CONSTRAINT "opportunity_checklist_items_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_checklist_step_key" ON "opportunity_checklist_items" USING btree ("opportunity_id","step_code");--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_status" CHECK (status in ('draft', 'available', 'reserved', 'assigned', 'withdrawn', 'expired'));