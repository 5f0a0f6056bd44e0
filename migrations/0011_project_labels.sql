-- Where each ESCO label comes from: official ESCO, the project's provisional vocabulary, or its supplement.
ALTER TABLE "esco_labels" ADD COLUMN "source" text DEFAULT 'esco' NOT NULL;--> statement-breakpoint
ALTER TABLE "esco_labels" ADD CONSTRAINT "esco_labels_source" CHECK (source in ('esco', 'provisional', 'supplement'));