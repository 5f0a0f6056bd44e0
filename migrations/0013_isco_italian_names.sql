ALTER TABLE "isco_groups" ADD COLUMN "label_it_source" text;--> statement-breakpoint
ALTER TABLE "isco_groups" ADD CONSTRAINT "isco_groups_label_it_source" CHECK (label_it_source in ('esco', 'provisional'));--> statement-breakpoint
UPDATE "isco_groups" SET "label_it_source" = 'esco' WHERE "label_it" IS NOT NULL;
