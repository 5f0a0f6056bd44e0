ALTER TABLE "profiles" ADD COLUMN "max_travel_minutes" smallint;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "weekly_ferry_commute" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_max_travel_minutes" CHECK (max_travel_minutes is null or max_travel_minutes between 1 and 720);